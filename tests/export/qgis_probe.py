"""Open an exported GeoPackage with QGIS's own Python API and print what QGIS sees, as JSON.

Run by tests/export/test_qgis.py under Debian's /usr/bin/python3 (python3-qgis), not the venv:

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 qgis_probe.py FILE.gpkg PROJECT '{"points": ...}'

The request names map points (lon, lat) and frame numbers; the answer has the project's layers and
time settings, the default styles as QGIS applies them, and the colour QGIS renders at each point
in each frame of the project's own temporal navigation (the frames a user steps through).
"""

from __future__ import annotations

import json
import os
import sys

from qgis.core import (
    QgsApplication,
    QgsInterval,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsTemporalNavigationObject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize, Qt
from qgis.PyQt.QtGui import QColor


def layer_facts(layer: QgsVectorLayer) -> dict:
    temporal = layer.temporalProperties()
    return {
        "name": layer.name(),
        "valid": layer.isValid(),
        "features": layer.featureCount(),
        "source": layer.source(),
        "active": temporal.isActive(),
        "mode": int(temporal.mode()),
        "start_field": temporal.startField(),
        "end_field": temporal.endField(),
        "start_expression": temporal.startExpression(),
        "end_expression": temporal.endExpression(),
        "limit_mode": int(temporal.limitMode()),
        "renderer": layer.renderer().type() if layer.renderer() else None,
    }


def render_colours(layers: list, extent: QgsRectangle, frame_range, points: list) -> list[str]:
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(layers[0].crs())
    settings.setOutputSize(QSize(400, 300))
    settings.setExtent(extent)
    settings.setBackgroundColor(QColor("white"))
    settings.setIsTemporal(True)
    settings.setTemporalRange(frame_range)
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    colours = []
    for lon, lat in points:
        pixel = settings.mapToPixel().transform(QgsPointXY(lon, lat))
        colours.append(QColor(image.pixel(round(pixel.x()), round(pixel.y()))).name())
    return colours


def main() -> dict:
    path, project_name, request = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    storage = QgsApplication.projectStorageRegistry().projectStorageFromType("geopackage")
    facts: dict = {"projects": storage.listProjects(path)}
    project = QgsProject.instance()
    facts["read"] = project.read(f"geopackage:{path}?projectName={project_name}")
    facts["crs"] = project.crs().authid()
    facts["title"] = project.title()
    facts["layers"] = {i: layer_facts(layer) for i, layer in project.mapLayers().items()}
    facts["tree"] = [node.layerId() for node in project.layerTreeRoot().findLayers()]
    time = project.timeSettings()
    facts["time"] = {
        "start": time.temporalRange().begin().toString(Qt.ISODate),
        "end": time.temporalRange().end().toString(Qt.ISODate),
        "step": time.timeStep(),
        "unit": int(time.timeStepUnit()),
        "fps": time.framesPerSecond(),
        "navigation": project.readNumEntry("TemporalControllerWidget", "/NavigationMode")[0],
    }
    # The temporal controller as QGIS's widget sets it up from the project.
    navigation = QgsTemporalNavigationObject()
    navigation.setTemporalExtents(time.temporalRange())
    navigation.setFrameDuration(QgsInterval(time.timeStep(), time.timeStepUnit()))
    facts["frames"] = navigation.totalFrameCount()
    extent = QgsRectangle(*request["extent"])
    zones = project.mapLayersByName("control_zones")[0]
    facts["colours"] = {}
    for frame in request["frames"]:
        frame_range = navigation.dateTimeRangeForFrameNumber(frame)
        day = frame_range.begin().date().toString(Qt.ISODate)
        facts["colours"][day] = render_colours([zones], extent, frame_range, request["points"])
    # Each table opened on its own gets the default style from layer_styles.
    facts["default_styles"] = {}
    for table in ("control_zones", "events"):
        layer = QgsVectorLayer(f"{path}|layername={table}", table, "ogr")
        opened = layer_facts(layer)
        layer.loadDefaultStyle()  # what "Load Style > Default" does by hand
        facts["default_styles"][table] = {"opened": opened, "applied": layer_facts(layer)}
        del layer
    project.clear()
    return facts


if __name__ == "__main__":
    application = QgsApplication([], False)
    application.initQgis()
    print(json.dumps(main()), flush=True)
    # QGIS 3.22's exitQgis() can crash on teardown from Python; the answer is already out.
    os._exit(0)
