"""Default QGIS styles stored in a GeoPackage's `layer_styles` table (Qt-free).

QGIS applies a layer's default style when it opens the layer: here faction colours, with claimed,
contested and uncertain zones hatched, cross-hatched and dotted as in the app, and the temporal settings: active, from the
`start` and `end` fields (see `TEMPORAL_MODE_START_AND_END_EXPRESSIONS` for why through
`to_datetime`). Zones are "[start, end)" (limitMode 0: include the start, exclude the end); events
are "[start, end]" (their `end` is their last day).

QGIS 3.22 and later reset a layer's temporal settings to the provider's (none for GeoPackage: not
active) after the default style is applied, so opening a table on its own shows every period at once
until "Dynamic temporal control" is ticked; the project stored beside the tables
(`export.qgis_project`) carries the same settings, which QGIS then keeps, and plays at once.
"""

from __future__ import annotations

import sqlite3
from xml.sax.saxutils import quoteattr

from aleppo_desktop.core.model import STYLES
from aleppo_desktop.core.scenario import Scenario

PATTERNS = {"solid": "solid", "hatch": "b_diagonal", "cross": "diagonal_x", "dots": "dense5"}
LIGHTER = 0.55  # the pale ground under a pattern, as `render.theme.lighter`


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)


def _qgis_colour(rgb: tuple[int, int, int], alpha: int = 255) -> str:
    return f"{rgb[0]},{rgb[1]},{rgb[2]},{alpha}"


def _lighter(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    return tuple(round(c + (255 - c) * LIGHTER) for c in rgb)  # type: ignore[return-value]


def _darker(rgb: tuple[int, int, int], factor: float = 1.15) -> tuple[int, int, int]:
    return tuple(round(c / factor) for c in rgb)  # type: ignore[return-value]


def _fill_layer(colour: str, style: str, outline: str, outline_width: float) -> str:
    props = {
        "color": colour,
        "style": style,
        "outline_color": outline,
        "outline_style": "solid" if outline_width > 0 else "no",
        "outline_width": f"{outline_width:g}",
        "outline_width_unit": "MM",
        "joinstyle": "bevel",
    }
    body = "".join(f"<prop k={quoteattr(k)} v={quoteattr(v)}/>" for k, v in props.items())
    return f'<layer class="SimpleFill" enabled="1" pass="0" locked="0">{body}</layer>'


TEMPORAL_MODE_START_AND_END_EXPRESSIONS = 4
"""`QgsVectorLayerTemporalProperties::ModeFeatureDateTimeStartAndEndFromExpressions`, over the same
`start` and `end` fields. Not mode 2 ("separate fields for start and end"): QGIS 3.22 compares a DATE
field with the frame's date-time as text, where "2016-07-05" < "2016-07-05T00:00:00", so with mode 2
an area handed over on day D shows both holders, stacked, on D - 1 (and an event a day early).
`to_datetime` makes both sides date-times at 00:00 of the same zone, in any desktop time zone.
(Mode 1, an instant from one field, would show a zone on its first day only.)"""
START_EXPRESSION = 'to_datetime("start")'
END_EXPRESSION = 'to_datetime("end")'
QML_VERSION = "3.22.0"  # the oldest QGIS these files are checked against (Debian 12's)


def temporal_xml(include_end: bool) -> str:
    """A layer's `<temporal>` element: active, from `start` and `end`, end excluded or included
    (`limitMode`). The field names are kept too, so switching to mode 2 in QGIS preselects them."""
    return (
        f'<temporal enabled="1" mode="{TEMPORAL_MODE_START_AND_END_EXPRESSIONS}" '
        f'startField="start" endField="end" limitMode="{1 if include_end else 0}" '
        'accumulate="0" durationUnit="d" fixedDuration="0" durationField="" '
        f"startExpression={quoteattr(START_EXPRESSION)} endExpression={quoteattr(END_EXPRESSION)}>"
        "<fixedRange><start></start><end></end></fixedRange></temporal>"
    )


def _qml(body: str) -> str:
    return (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"
        f'<qgis version="{QML_VERSION}" styleCategories="Symbology|Temporal">{body}</qgis>'
    )


def zones_qml(scenario: Scenario, palette: str = "default") -> str:
    """Categorized by faction and style; temporal from `start`/`end` (end exclusive)."""
    return _qml(temporal_xml(include_end=False) + zones_renderer_xml(scenario, palette))


def zones_renderer_xml(scenario: Scenario, palette: str = "default") -> str:
    """The zones' `<renderer-v2>`: one category per faction and `style` (the confidences, and
    `uncertain` while a change dated by a window is under way), drawn as in the app."""
    categories, symbols = [], []
    n = 0
    for faction in scenario.factions:
        rgb = _rgb(faction.colour if palette == "default" else faction.colour_cb)
        for confidence in STYLES:
            style = getattr(faction.fill, confidence)
            value = f"{faction.id} {confidence}"
            label = f"{faction.name_en} ({confidence})"
            categories.append(
                f'<category render="true" symbol="{n}" value={quoteattr(value)} '
                f"label={quoteattr(label)}/>"
            )
            outline = _qgis_colour((70, 70, 70), 150)
            if style == "solid":
                layers = _fill_layer(_qgis_colour(rgb), "solid", outline, 0.2)
            else:
                layers = _fill_layer(_qgis_colour(_lighter(rgb)), "solid", outline, 0.2)
                layers += _fill_layer(_qgis_colour(_darker(rgb)), PATTERNS[style], outline, 0)
            symbols.append(
                f'<symbol type="fill" name="{n}" alpha="0.85" clip_to_extent="1" '
                f'force_rhr="0">{layers}</symbol>'
            )
            n += 1
    expression = quoteattr('"faction" || \' \' || "style"')
    return (
        f'<renderer-v2 type="categorizedSymbol" attr={expression} symbollevels="0" '
        'enableorderby="0" forceraster="0">'
        f"<categories>{''.join(categories)}</categories>"
        f"<symbols>{''.join(symbols)}</symbols>"
        "</renderer-v2>"
    )


def events_qml() -> str:
    """Black-ringed yellow markers; temporal from `start`/`end` (end included: the last day)."""
    return _qml(temporal_xml(include_end=True) + events_renderer_xml())


def events_renderer_xml() -> str:
    """The events' `<renderer-v2>`: one black-ringed yellow marker."""
    marker = (
        '<layer class="SimpleMarker" enabled="1" pass="0" locked="0">'
        '<prop k="name" v="circle"/><prop k="color" v="255,212,0,255"/>'
        '<prop k="outline_color" v="0,0,0,255"/><prop k="outline_width" v="0.4"/>'
        '<prop k="size" v="3"/><prop k="size_unit" v="MM"/></layer>'
    )
    return (
        '<renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0">'
        f'<symbols><symbol type="marker" name="0" alpha="1" clip_to_extent="1" force_rhr="0">'
        f"{marker}</symbol></symbols></renderer-v2>"
    )


def add_layer_styles(db: sqlite3.Connection, scenario: Scenario, palette: str = "default") -> None:
    """Create QGIS's `layer_styles` table (registered as attributes) with both layers' defaults."""
    db.execute(
        """CREATE TABLE layer_styles (
          id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256),
          f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256),
          styleName TEXT(30), styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN,
          description TEXT, owner TEXT(30), ui TEXT(30),
          update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))"""
    )
    db.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) "
        "VALUES ('layer_styles', 'attributes', 'layer_styles', 'QGIS default styles')"
    )
    db.executemany(
        "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, "
        "f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description, owner) "
        "VALUES ('', '', ?, 'geom', ?, ?, '', 1, ?, 'aleppo-desktop')",
        [
            ("control_zones", "control_zones", zones_qml(scenario, palette),
             "faction colours; claimed hatched, contested cross-hatched, uncertain dotted; temporal [start, end)"),
            ("events", "events", events_qml(), "event markers; temporal [start, end]"),
        ],
    )  # fmt: skip
