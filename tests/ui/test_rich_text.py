"""Names from a scenario are shown as typed: rich-text labels escape them (issue 15)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.conftest import write_scenario

NAME = "<b>Regime</b> & <i>allies</i>"


def test_faction_names_are_escaped_in_rich_text(
    make_window: Any, tmp_path: Path, grid_dict: dict[str, Any]
) -> None:
    grid_dict["factions"][0]["name_en"] = NAME
    window = make_window(write_scenario(tmp_path / "html", scenario=grid_dict))
    window._compute_figures()
    escaped = "&lt;b&gt;Regime&lt;/b&gt; &amp; &lt;i&gt;allies&lt;/i&gt;"
    legend = [w.text() for w in window.layers_panel.legend_box.findChildren(QLabel)]
    assert any(escaped in text for text in legend), legend
    window.strength_panel.update_values(window.clock.time)
    assert escaped in window.strength_panel.values.text()
    assert window.status.textFormat() == Qt.TextFormat.PlainText
