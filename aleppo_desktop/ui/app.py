"""Application start-up: Qt setup, bundled fonts, the exception hook, the scenario, the main window."""

from __future__ import annotations

import gc
import json
import logging
import os
import sys
import time
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from aleppo_desktop import __version__
from aleppo_desktop.paths import bundled_scenario_path
from aleppo_desktop.render.fonts import install_app_font
from aleppo_desktop.translations import translate
from aleppo_desktop.ui.settings import APPLICATION, ORGANISATION

log = logging.getLogger("aleppo_desktop")
SCREENSHOT_ENV = "ALEPPO_DESKTOP_SCREENSHOT"  # PATH: grab the screen after the first frame and quit
# with a screenshot: the date to show ("13 Dec", core.date_input) and whether to present first
SCREENSHOT_AT_ENV = "ALEPPO_DESKTOP_SCREENSHOT_AT"
SCREENSHOT_PRESENT_ENV = "ALEPPO_DESKTOP_SCREENSHOT_PRESENT"


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    elif existing is None:
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    else:
        raise RuntimeError(f"a {type(existing).__name__} exists: the app needs a QApplication")
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setStyle("Fusion")
    install_app_font(app)
    return app


def install_exception_hook() -> None:
    """Any unexpected exception is logged and shown; the app keeps running."""
    showing = [False]

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        text = "".join(traceback.format_exception(kind, value, tb))
        log.error("unexpected error\n%s", text)
        if showing[0] or QApplication.instance() is None:
            return
        showing[0] = True
        try:
            box = QMessageBox(
                QMessageBox.Icon.Critical,
                translate("app", "Unexpected error"),
                translate("app", "Something went wrong: {error}\nThe app keeps running.").format(
                    error=repr(value)
                ),
            )
            box.setDetailedText(text)
            box.exec()
        finally:
            showing[0] = False

    sys.excepthook = hook


def run_app(
    path: Path | None,
    self_test: bool = False,
    basemaps: list[Path] | None = None,
    lang: str | None = None,
) -> int:
    """Open the main window on a scenario (the bundled Aleppo 2016 by default), in `lang` (`--lang`;
    None: the language chosen in View > Language, else the system's)."""
    if self_test:
        from aleppo_desktop.ui.selftest import run_self_test

        return run_self_test(path)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    started = time.perf_counter()
    app = make_application()
    install_exception_hook()
    from aleppo_desktop.ui.language import (
        chosen_language,
        eastern_digits_chosen,
        install_language,
    )
    from aleppo_desktop.ui.settings import app_settings

    settings = app_settings()
    install_language(app, chosen_language(settings, lang), eastern_digits_chosen(settings))
    from aleppo_desktop.ui.main_window import MainWindow

    window = MainWindow()
    scenario_path = path if path is not None else bundled_scenario_path()
    if not window.layout_restored or not window.fits_screen():
        window.fit_to_screen()  # before showing, then again with the window manager's frame
    window.show()
    if not window.fits_screen():
        window.fit_to_screen()
    window.open_scenario(scenario_path)
    if basemaps:  # --basemap FILE (repeatable): added on top of the remembered ones
        window.basemaps_panel.add_paths(basemaps)
    screenshot = os.environ.get(SCREENSHOT_ENV)
    first = [True]

    def first_frame() -> None:
        if not first[0]:
            return
        first[0] = False
        log.info("first frame drawn %.2f s after start", time.perf_counter() - started)
        if screenshot:
            # not inside the map's paint (this slot runs from it): presenting remakes the window;
            # the grab comes 1.5 s after that, so the new layout has been drawn
            def prepare() -> None:
                _prepare_screenshot(window)
                QTimer.singleShot(1500, lambda: _screenshot_and_quit(app, window, Path(screenshot)))

            QTimer.singleShot(0, prepare)

    window.map_view.painted.connect(first_frame)
    # Cycles are collected on the UI thread only: a collection the figures thread happened to
    # trigger would destroy the Qt objects in them from the wrong thread.
    collector = UiThreadCollector()
    try:
        return app.exec()
    finally:
        window.stop_figures()
        collector.stop()


class UiThreadCollector:
    """The cycle collector run by a timer on the UI thread instead of automatically, each
    generation when its count is over the threshold (as `pyqtgraph.util.garbage_collector`, whose
    import would bring all of pyqtgraph, ~0.5 s, before the first frame)."""

    def __init__(self, interval_s: float = 1.0):
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer()
        self.timer.timeout.connect(self.check)
        self.timer.start(round(interval_s * 1000))

    def check(self) -> None:
        counts = gc.get_count()
        for generation in range(3):
            if counts[generation] <= self.threshold[generation]:
                break
            gc.collect(generation)

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()


def _prepare_screenshot(window) -> None:
    """Go to the date and into presentation mode the screenshot asks for."""
    from aleppo_desktop.core.date_input import parse_day

    at = os.environ.get(SCREENSHOT_AT_ENV)
    if at and window.scenario is not None:
        window.clock.seek(parse_day(at, window.clock.start, window.clock.end))
    if os.environ.get(SCREENSHOT_PRESENT_ENV):
        window.enter_presentation()


def _screenshot_and_quit(app: QApplication, window, path: Path) -> None:
    screen = window.screen() or app.primaryScreen()
    pixmap = screen.grabWindow(0)
    pixmap.save(str(path))
    # where the map is on the screen, so a test can check colours at known places
    view = window.map_view
    origin = view.viewport().mapToGlobal(QPoint(0, 0))
    t = view.viewportTransform()
    placement = {
        "origin": [origin.x(), origin.y()],
        "scale": [t.m11(), t.m22()],
        "offset": [t.dx(), t.dy()],
        # where the window is (its frame) on which screen, so a test can check it fits
        "window": _rect(window.frameGeometry()),
        "screen": _rect(screen.geometry()),
        "available": _rect(screen.availableGeometry()),
        "screens": [_rect(s.geometry()) for s in app.screens()],
        "presenter": _presenter_placement(window),
    }
    path.with_suffix(".json").write_text(json.dumps(placement), encoding="utf-8")
    presenter = getattr(window, "presenter_view", None)
    if presenter is not None and presenter.isVisible() and presenter.screen() is not screen:
        presenter.screen().grabWindow(0).save(str(path.with_name(path.stem + "-presenter.png")))
    log.info("screenshot saved to %s", path)
    window.close()
    app.quit()


def _rect(rect) -> list[int]:
    return [rect.x(), rect.y(), rect.width(), rect.height()]


def _presenter_placement(window) -> dict | None:
    presenter = getattr(window, "presenter_view", None)
    if presenter is None or not presenter.isVisible():
        return None
    screen = presenter.screen()
    return {"window": _rect(presenter.frameGeometry()), "screen": _rect(screen.geometry())}
