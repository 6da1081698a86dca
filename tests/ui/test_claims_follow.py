"""Claims you can follow: clicking a claim shows its computation and provenance, moves the clock to
its end date and outlines the area units it counts."""

from __future__ import annotations

from PySide6.QtCore import Qt

from aleppo_desktop.core.changes import claim_units
from aleppo_desktop.core.metrics import check_claims
from aleppo_desktop.core.timeline import day_number
from aleppo_desktop.paths import bundled_scenario_path
from aleppo_desktop.ui.claims_panel import ClaimsPanel


def click_row(qtbot, panel: ClaimsPanel, row: int) -> None:
    table = panel.table
    rect = table.visualItemRect(table.item(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_clicking_a_claim_shows_how_it_was_computed(qtbot, aleppo) -> None:
    panel = ClaimsPanel()
    qtbot.addWidget(panel)
    panel.resize(700, 500)
    panel.show()
    checks = check_claims(aleppo)
    panel.set_checks(aleppo, checks)
    row = next(i for i, c in enumerate(checks) if c.claim.id == "four-days-forty-percent")
    with qtbot.waitSignal(panel.claim_chosen) as chosen:
        click_row(qtbot, panel, row)
    assert chosen.args == [row]
    text = panel.details.text()
    check = checks[row]
    # the computation: the km² at start and end, the difference, the result, the region
    assert f"{check.start_km2:.1f} km² on 25 Nov 2016" in text
    assert f"{check.end_km2:.1f} km² on 29 Nov 2016" in text
    assert (
        f"lost {-check.change_km2:.1f} of {check.start_km2:.1f} km² = {check.computed:.1f}%" in text
    )
    assert "East Aleppo" in text and "does not hold" in text
    # and the provenance: the claim's source and the region's definition
    assert "Provenance" in text and "Source:" in text
    units = claim_units(aleppo, check.claim)
    assert f"the {int(units.sum())} area units counted" in text


def test_clicking_a_claim_jumps_and_outlines(main_window, qtbot, aleppo) -> None:
    window = main_window
    window.open_scenario(bundled_scenario_path())
    window._compute_figures()
    panel = window.claims_panel
    checks = panel.checks
    row = next(i for i, c in enumerate(checks) if c.claim.id == "handarat-ten-km2")
    click_row(qtbot, panel, row)
    claim = checks[row].claim
    assert window.clock.time == day_number(claim.end)
    view = window.map_view
    units = claim_units(window.scenario, claim)
    outline = view.highlight.boundingRect()
    expected = view.map_scene.area_paths[int(units.nonzero()[0][0])].boundingRect()
    for i in units.nonzero()[0]:
        expected = expected.united(view.map_scene.area_paths[int(i)].boundingRect())
    assert outline == expected
    qtbot.wait(300)  # the debounced panels and the event ring have run: the outline stays
    assert view.highlight.boundingRect() == expected
