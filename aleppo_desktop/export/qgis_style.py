"""Default QGIS styles stored in a GeoPackage's `layer_styles` table (Qt-free).

QGIS applies a layer's default style when it opens the layer: here faction colours, with claimed and
contested zones hatched and cross-hatched as in the app, and the temporal settings, so the layer
follows QGIS's temporal controller without any setup. Zones are "[start, end)" (limitMode 0:
include the start, exclude the end); events are "[start, end]" (their `end` is their last day).
"""

from __future__ import annotations

import sqlite3
from xml.sax.saxutils import quoteattr

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


def _temporal(include_end: bool) -> str:
    return (
        '<temporal enabled="1" mode="1" startField="start" endField="end" '
        f'limitMode="{1 if include_end else 0}" accumulate="0" durationUnit="d" '
        'fixedDuration="0" durationField="" startExpression="" endExpression="">'
        "<fixedRange><start></start><end></end></fixedRange></temporal>"
    )


def zones_qml(scenario: Scenario, palette: str = "default") -> str:
    """Categorized by faction and confidence; temporal from `start`/`end` (end exclusive)."""
    categories, symbols = [], []
    n = 0
    for faction in scenario.factions:
        rgb = _rgb(faction.colour if palette == "default" else faction.colour_cb)
        for confidence in ("confirmed", "claimed", "contested"):
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
    expression = quoteattr('"faction" || \' \' || "confidence"')
    return (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"
        '<qgis version="3.28.0" styleCategories="Symbology|Temporal">'
        + _temporal(include_end=False)
        + f'<renderer-v2 type="categorizedSymbol" attr={expression} symbollevels="0" '
        'enableorderby="0" forceraster="0">'
        f"<categories>{''.join(categories)}</categories>"
        f"<symbols>{''.join(symbols)}</symbols>"
        "</renderer-v2></qgis>"
    )


def events_qml() -> str:
    """Black-ringed yellow markers; temporal from `start`/`end` (end included: the last day)."""
    marker = (
        '<layer class="SimpleMarker" enabled="1" pass="0" locked="0">'
        '<prop k="name" v="circle"/><prop k="color" v="255,212,0,255"/>'
        '<prop k="outline_color" v="0,0,0,255"/><prop k="outline_width" v="0.4"/>'
        '<prop k="size" v="3"/><prop k="size_unit" v="MM"/></layer>'
    )
    return (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"
        '<qgis version="3.28.0" styleCategories="Symbology|Temporal">'
        + _temporal(include_end=True)
        + '<renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0">'
        f'<symbols><symbol type="marker" name="0" alpha="1" clip_to_extent="1" force_rhr="0">'
        f"{marker}</symbol></symbols></renderer-v2></qgis>"
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
             "faction colours; claimed hatched, contested cross-hatched; temporal [start, end)"),
            ("events", "events", events_qml(), "event markers; temporal [start, end]"),
        ],
    )  # fmt: skip
