"""The main window: map, timeline and controls in the centre, panels in docks, presentation mode.

The Clock is the one owner of the current time; the map, scrubber and chart cursors follow it every
tick, the slower panels (event list, values at the cursor) on a 100 ms debounce.
"""

from __future__ import annotations

import contextlib
import linecache
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QScreen
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from aleppo_desktop.core.brief import read_brief
from aleppo_desktop.core.changes import claim_units
from aleppo_desktop.core.disputes import dispute_span
from aleppo_desktop.core.errors import ScenarioError
from aleppo_desktop.core.language import language, pick
from aleppo_desktop.core.loading import load_scenario
from aleppo_desktop.core.metrics import check_claims, daily_series
from aleppo_desktop.core.playback import LoopMode
from aleppo_desktop.core.scenario import Scenario
from aleppo_desktop.core.story import caption_at
from aleppo_desktop.core.timeline import day_number
from aleppo_desktop.core.what_changed import fade, outlines_at
from aleppo_desktop.render.overlays import overlays_for
from aleppo_desktop.render.scene import MapScene
from aleppo_desktop.render.theme import HIGH_CONTRAST, STANDARD
from aleppo_desktop.ui.basemaps_panel import BasemapsPanel, add_basemap_menu
from aleppo_desktop.ui.claims_panel import ClaimsPanel
from aleppo_desktop.ui.clock import Clock
from aleppo_desktop.ui.events_panel import EventsPanel
from aleppo_desktop.ui.export_dialogs import Exporter, add_export_menu
from aleppo_desktop.ui.goto_dialog import GoToDateDialog
from aleppo_desktop.ui.help import add_help_menu
from aleppo_desktop.ui.language import LanguageMenu, mirrored_area, time_arrows
from aleppo_desktop.ui.layers_panel import LayersPanel
from aleppo_desktop.ui.map_view import MapView
from aleppo_desktop.ui.presenter_view import PresenterView, presentation_screens
from aleppo_desktop.ui.settings import add_recent_file, app_settings, recent_files
from aleppo_desktop.ui.timeline import ControlsBar, TimelineScrubber, next_speed

if TYPE_CHECKING:
    from aleppo_desktop.ui.strength_panel import StrengthPanel

log = logging.getLogger(__name__)
SETTINGS_VERSION = 1
# the first window, when the screen has room for it: on a 1920x1080 screen the map gets ~900 px
# beside the Layers dock and the figures (a 1400 px window left it 740 px and the figures 280)
DEFAULT_SIZE = (1720, 1000)
AFTER_FRAME_FALLBACK_MS = 3000  # `after_first_frame` work runs by then even if no frame is drawn


def default_dock_widths(screen_width: int) -> tuple[int, int]:
    """(Layers dock, right docks) widths for a screen this wide: the figures get room for their axes
    and tabs (300-440 px); below 1500 px the Layers dock starts closed (View menu) so the map keeps
    most of the width — the map's own legend explains the fills."""
    right = max(300, min(440, round(screen_width * 0.24)))
    layers = 250 if screen_width >= 1500 else 0
    return layers, right


PRESENTATION_CONTROLS_STYLE = """
QWidget { background: black; color: white; font-size: 13pt; }
QToolButton { background: #c8c8c8; color: black; border: 1px solid #808080; border-radius: 3px;
              padding: 3px; }
QComboBox { background: #202020; border: 1px solid #606060; padding: 1px 6px; }
QLabel#date { min-width: 12em; font-size: 18pt; font-weight: bold; }
"""


def forget_module_sources() -> None:
    """Drop the module sources `linecache` holds. PySide6's import hook reads the source of every
    module imported after PySide6 (`inspect.getsource`: does it use PySide6?) and linecache keeps
    every line: ~7 MB of text for the start-up's modules, ~2 MB more for pyqtgraph's, ~16 MB of
    peak memory in all (none in the frozen bundle, which has no sources). A traceback reads the
    lines it shows again."""
    linecache.clearcache()


class _FiguresBridge(QObject):
    """Carries results from the figures thread to the UI thread (a queued connection)."""

    ready = Signal(object, object, object)


class MainWindow(QMainWindow):
    scenario_loaded = Signal(object)
    _brief_read = Signal(object, object)  # path, paragraphs: from the thread reading the brief
    _exporter: Exporter  # File > Export… (set by add_export_menu)

    def __init__(self, settings: QSettings | None = None):
        super().__init__()
        self.settings = settings if settings is not None else app_settings()
        self.scenario: Scenario | None = None
        self.map_scene: MapScene | None = None
        self._look = (0, 0)  # the map scene's (version, scenario_version) the overlays were made in
        self.presenting = False
        self._presentation_restore: dict = {}
        self.presenter_view: PresenterView | None = None  # made when presenting on two screens
        self.setWindowTitle("aleppo-desktop")
        self.clock = Clock(1.0, 2.0, self)  # replaced by the scenario period

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.map_view = MapView(central)
        self.map_view.painted.connect(self.clock.frame_drawn)
        # start-up work the first picture does not need waits for it (`after_first_frame`)
        self._after_frame: list[Callable[[], None]] = []
        self._after_frame_timer = QTimer(self)
        self._after_frame_timer.setSingleShot(True)
        self._after_frame_timer.timeout.connect(self._run_after_frame)
        self.map_view.painted.connect(self._after_frame_drawn)
        self.scrubber = TimelineScrubber(central)
        layout.addWidget(self.map_view, 1)
        layout.addWidget(self.scrubber)
        self._make_actions()
        self.controls = ControlsBar(self.clock, self.commands, central)
        layout.addWidget(self.controls)
        self.setCentralWidget(central)
        self.blackout = QWidget(self)
        self.blackout.setObjectName("blackout")
        self.blackout.setStyleSheet("background: black;")
        self.blackout.setAutoFillBackground(True)
        self.blackout.hide()

        self.events_panel = EventsPanel()
        # made after the first frame (pyqtgraph is slow to import)
        self._strength: StrengthPanel | None = None
        self._series = None
        strength_placeholder = QLabel(self.tr("Computing the figures…"))
        strength_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.claims_panel = ClaimsPanel()
        self.layers_panel = LayersPanel()
        self.basemaps_panel = BasemapsPanel(self.settings)  # the user's own, under the bundled ones
        self.layers_panel.layout_.insertWidget(1, self.basemaps_panel)
        self.basemaps_panel.accept_drops_on(self.map_view.viewport())
        self.docks: dict[str, QDockWidget] = {}
        for name, title, widget, area in (
            ("events", self.tr("Events"), self.events_panel, Qt.DockWidgetArea.RightDockWidgetArea),
            (
                "strength",
                self.tr("Faction strength"),
                strength_placeholder,
                Qt.DockWidgetArea.RightDockWidgetArea,
            ),
            (
                "claims",
                self.tr("Claims check"),
                self.claims_panel,
                Qt.DockWidgetArea.RightDockWidgetArea,
            ),
            (
                "layers",
                self.tr("Layers and legend"),
                self.layers_panel,
                Qt.DockWidgetArea.LeftDockWidgetArea,
            ),
        ):
            dock = QDockWidget(title, self)
            dock.setObjectName(f"dock_{name}")
            dock.setWidget(widget)
            self.addDockWidget(mirrored_area(area), dock)
            self.docks[name] = dock
        self.tabifyDockWidget(self.docks["strength"], self.docks["claims"])
        self.docks["layers"].visibilityChanged.connect(lambda _v: self._on_time(self.clock.time))
        self.docks["strength"].raise_()
        # the first run's layout (saved settings replace it): the figures get more of the right side
        self.resizeDocks(
            [self.docks["events"], self.docks["strength"]], [300, 420], Qt.Orientation.Vertical
        )
        self.resizeDocks(
            [self.docks["layers"], self.docks["events"]], [250, 400], Qt.Orientation.Horizontal
        )
        self._make_menus()
        self.status = QLabel(self)
        # names from the scenario, shown as typed
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.status, 1)

        # Everyone follows the clock themselves: the map and cursors every tick, the slow panels
        # on a debounce; values pushed back into widgets go in under QSignalBlocker.
        self.clock.time_changed.connect(self._on_time)
        self.clock.event_changed.connect(self._on_event_stepped)
        self._dragging = False
        self._last_shown: float | None = None  # the instant last shown (what changed since)
        self._step_from: tuple[float, float] | None = None  # (that instant, wall clock at the step)
        self._changes_timer = QTimer(self)
        self._changes_timer.setInterval(40)
        self._changes_timer.timeout.connect(self._fade_step)
        self._ringed: int | None = -1  # the event ringed on the map (-1: not yet decided)
        self.scrubber.follow(self.clock)
        self.events_panel.follow(self.clock)
        self.clock.loop_mode_changed.connect(self._show_loop_mode)
        self.scrubber.dragging_changed.connect(self._set_moving)
        self.clock.state_changed.connect(lambda _state: self._set_moving(False))
        self.scrubber.event_clicked.connect(self.jump_to_event)
        self.scrubber.dispute_clicked.connect(self.jump_to_dispute)
        self.events_panel.event_activated.connect(self.jump_to_event)
        self.events_panel.event_selected.connect(self._highlight_event)
        self.map_view.area_hovered.connect(self.status.setText)
        self.layers_panel.palette_chosen.connect(self.set_palette)
        self.layers_panel.legend_options.connect(
            lambda shown, place, inset: self.map_view.set_legend(
                shown=shown, place=place, inset=inset
            )
        )
        self.claims_panel.claim_chosen.connect(self.jump_to_claim)
        self.palette_name = "standard"
        self._figures_bridge = _FiguresBridge()
        self._figures_bridge.ready.connect(self._figures_ready)
        self._figures_thread: threading.Thread | None = None
        self._figures_cancelled = threading.Event()
        self._restore_settings()
        self._make_editing()

    # --- actions and menus ------------------------------------------------------------------------

    def _action(self, name: str, text: str, slot, shortcuts=(), checkable=False) -> QAction:
        action = QAction(text, self)
        action.setObjectName(f"action_{name}")
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work with the menu bar hidden (presentation mode)
        self.commands[name] = action
        return action

    def _make_actions(self) -> None:
        self.commands: dict[str, QAction] = {}
        c = self.clock
        a = self._action
        a("play", self.tr("Play"), c.toggle_play, ["Space"])
        a("reverse", self.tr("Play backwards"), c.toggle_reverse, ["Shift+Space"])
        back, forward = time_arrows()  # mirrored right to left, as the timeline
        a("step_back", self.tr("Back one day"), lambda: c.step(-1), [back])
        a("step_forward", self.tr("Forward one day"), lambda: c.step(1), [forward])
        a("previous_event", self.tr("Previous event"), c.previous_event, ["PgUp"])
        a("next_event", self.tr("Next event"), c.next_event, ["PgDown"])
        a(
            "previous_chapter",
            self.tr("Previous chapter"),
            c.previous_chapter,
            ["Ctrl+PgUp", "Shift+PgUp"],
        )
        a("next_chapter", self.tr("Next chapter"), c.next_chapter, ["Ctrl+PgDown", "Shift+PgDown"])
        a("home", self.tr("Go to start"), c.seek_start, ["Home"])
        a("go_to_date", self.tr("Go to date…"), self.ask_date, ["Ctrl+G"])
        a("end", self.tr("Go to end"), c.seek_end, ["End"])
        a("faster", self.tr("Faster"), lambda: self._speed_step(1), ["]"])
        a("slower", self.tr("Slower"), lambda: self._speed_step(-1), ["["])
        a(
            "presentation",
            self.tr("Presentation mode"),
            self.toggle_presentation,
            ["F5", "Shift+F5"],  # presenter remotes send either to start (and F5 to stop)
            checkable=True,
        )
        a("leave", self.tr("Leave presentation mode"), self.leave_presentation, ["Esc"])
        # "." is the blackout key most presenter remotes send; B is PowerPoint's
        a(
            "blackout",
            self.tr("Black out the screen"),
            self.toggle_blackout,
            ["B", "."],
            checkable=True,
        )
        a(
            "caption",
            self.tr("Event caption on the map"),
            self._caption_toggled,
            ["C"],
            checkable=True,
        )
        self.commands["caption"].setChecked(True)
        a(
            "what_changed",
            self.tr("Outline what changed"),
            self._what_changed_toggled,
            ["W"],
            checkable=True,
        )
        a("zoom_in", self.tr("Zoom in"), self.map_view.zoom_in, ["+", "=", "Ctrl++"])
        a("zoom_out", self.tr("Zoom out"), self.map_view.zoom_out, ["-", "Ctrl+-"])
        a("fit", self.tr("Fit to city"), self.map_view.fit_city, ["0", "F"])
        a("open", self.tr("Open scenario…"), self._open_dialog)
        self.commands["open"].setShortcut(QKeySequence(QKeySequence.StandardKey.Open))
        a("open_brief", self.tr("Open brief…"), self._open_brief_dialog)
        a("quit", self.tr("Quit"), self.close, ["Ctrl+Q"])

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.commands["open"])
        self.recent_menu = file_menu.addMenu(self.tr("Open recent"))
        file_menu.addAction(self.commands["open_brief"])
        file_menu.addSeparator()
        add_basemap_menu(self.basemaps_panel, file_menu)
        add_export_menu(self, file_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.commands["quit"])
        view = bar.addMenu(self.tr("&View"))
        for dock in self.docks.values():
            view.addAction(dock.toggleViewAction())
        view.addSeparator()
        for name in ("zoom_in", "zoom_out", "fit"):
            view.addAction(self.commands[name])
        view.addSeparator()
        view.addAction(self.commands["caption"])
        view.addAction(self.commands["what_changed"])
        view.addSeparator()
        view.addAction(self.commands["presentation"])
        view.addAction(self.commands["blackout"])
        view.addSeparator()
        self.language_menu = LanguageMenu(self.settings, language(), self)
        view.addMenu(self.language_menu)
        play = bar.addMenu(self.tr("&Playback"))
        for name in (
            "play",
            "reverse",
            "step_back",
            "step_forward",
            "previous_event",
            "next_event",
            "previous_chapter",
            "next_chapter",
            "home",
            "end",
            "go_to_date",
            "faster",
            "slower",
        ):
            play.addAction(self.commands[name])
        loop_menu = play.addMenu(self.tr("At the end"))
        group = QActionGroup(self)
        self.loop_actions: dict[LoopMode, QAction] = {}
        for mode, text in (
            (LoopMode.ONCE, self.tr("Stop")),
            (LoopMode.LOOP, self.tr("Loop")),
            (LoopMode.BACK_AND_FORTH, self.tr("Back and forth")),
        ):
            action = loop_menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(mode is self.clock.loop_mode)
            action.triggered.connect(lambda _=False, m=mode: self.clock.set_loop_mode(m))
            group.addAction(action)
            self.loop_actions[mode] = action
        self._refresh_recent()
        add_help_menu(self)

    def _refresh_recent(self) -> None:
        self.recent_menu.clear()
        files = recent_files(self.settings)
        for path in files:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_scenario(Path(p)))
        self.recent_menu.setEnabled(bool(files))

    def _speed_step(self, direction: int) -> None:
        self.clock.set_speed(next_speed(self.clock.speed, direction))

    def _show_loop_mode(self, mode: LoopMode) -> None:
        # not under QSignalBlocker: the action group unchecks the others on `toggled`; setChecked
        # never emits `triggered` (the only signal wired to the clock), so nothing loops back
        self.loop_actions[mode].setChecked(True)

    # --- scenario ------------------------------------------------------------------------------------

    def open_scenario(self, path: Path) -> bool:
        """Load a scenario; on errors show every problem and keep the current one."""
        if not self.editing.may_discard():
            return False
        try:
            scenario = load_scenario(path)
        except ScenarioError as exc:
            self.show_problems(path, [str(p) for p in exc.problems])
            return False
        except OSError as exc:
            self.show_problems(path, [f"{path}: {exc}"])
            return False
        self.set_scenario(scenario)
        add_recent_file(self.settings, str(scenario.path))
        self._refresh_recent()
        return True

    def show_problems(self, path: Path, problems: list[str]) -> QMessageBox:
        box = QMessageBox(self)
        box.setObjectName("scenario_problems")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Cannot open scenario"))
        kept = (
            " " + self.tr("{title} stays open.").format(title=self.scenario.title)
            if self.scenario
            else ""
        )
        box.setText(
            self.tr("{path} could not be loaded ({count} problem(s)).").format(
                path=path, count=len(problems)
            )
            + kept
        )
        shown = problems[:30]
        more = (
            "\n" + self.tr("… and {count} more").format(count=len(problems) - 30)
            if len(problems) > 30
            else ""
        )
        box.setInformativeText("\n".join(shown) + more)
        box.setDetailedText("\n".join(problems))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def set_scenario(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.map_scene = MapScene(scenario)
        self.map_scene.set_palette(self.palette_name)
        if self.presenting:
            self.map_scene.apply_theme(HIGH_CONTRAST)
        self.map_view.set_map_scene(self.map_scene)
        self.map_scene.changed.connect(self._restyled)
        self._look = (self.map_scene.version, self.map_scene.scenario_version)
        self._set_moving(False)
        self.setWindowTitle(f"{pick(scenario.meta.title, scenario.meta.title_ar)} — aleppo-desktop")
        self.layers_panel.set_scene(self.map_scene)
        self.basemaps_panel.set_scene(self.map_scene, scenario.path)
        self._ringed = -1  # nothing ringed yet for this scenario
        self._last_shown = None  # what changed starts again with the new scenario
        self._take_scenario(scenario)

    def _take_scenario(self, scenario: Scenario) -> None:
        """The panels, the clock and the figures follow a scenario (opened, or edited)."""
        self.scenario = scenario
        self.scrubber.set_scenario(scenario)
        self.events_panel.set_scenario(scenario)
        self._series = None
        if self._strength is not None:
            self._strength.set_scenario(scenario)
        self.claims_panel.set_checks(scenario, [])
        self.clock.set_story(scenario)
        # pauses (if playing) and announces the new range and time: every view follows from there
        self.clock.set_range(scenario.start, scenario.end, scenario.event_times)
        self.scenario_loaded.emit(scenario)
        # after the first frame is on screen: the thread competes for the interpreter
        self.after_first_frame(lambda: self._start_figures(scenario))

    def after_first_frame(self, work: Callable[[], None]) -> None:
        """Run `work` on the UI thread once the map has drawn its next frame (work a new
        scenario's first picture does not need: the figures, the editor's document), or after
        AFTER_FRAME_FALLBACK_MS if the map is not drawn (a hidden or minimised window)."""
        self._after_frame.append(work)
        self._after_frame_timer.start(
            0 if not self.map_view.isVisible() else AFTER_FRAME_FALLBACK_MS
        )

    def _after_frame_drawn(self) -> None:
        if self._after_frame:  # not inside the paint event this signal comes from
            self._after_frame_timer.start(0)

    def _run_after_frame(self) -> None:
        pending, self._after_frame = self._after_frame, []
        for work in pending:
            work()
        forget_module_sources()  # the start-up's imports are done

    # --- editing (ui/edit_controller.py) ----------------------------------------------------------

    def _make_editing(self) -> None:
        """The editor: an Edit menu, File > New scenario from areas / Save / Save as, the undo
        stack; then the offer of work a crash left unsaved."""
        from aleppo_desktop.ui.edit_controller import EditController

        self.editing = EditController(self)
        bar = self.menuBar()
        file_menu = bar.actions()[0].menu()
        assert isinstance(file_menu, QMenu)
        new, save, save_as = self.editing.file_actions()
        actions = file_menu.actions()
        file_menu.insertAction(actions[1], new)  # after Open…
        after_brief = actions[actions.index(self.commands["open_brief"]) + 1]
        file_menu.insertActions(after_brief, [save, save_as])
        edit_menu = QMenu(self.tr("&Edit"), self)
        edit_menu.setObjectName("edit_menu")
        self.editing.fill_edit_menu(edit_menu)
        bar.insertMenu(bar.actions()[1], edit_menu)
        QTimer.singleShot(0, self.editing.offer_recovery)

    def show_edited(self, scenario: Scenario) -> None:
        """An edited version of the open scenario, at the current time. The map keeps its scene,
        view and pictures: the fills are redrawn, and after a split or a merge the outlines and
        labels where the units changed."""
        t = self.clock.time
        scene = self.map_scene
        if scene is None:
            self.set_scenario(scenario)
        else:
            if scenario.areas is not scene.scenario.areas:  # units have other indices now
                self._ringed = -1
                self._last_shown = None
                self.map_view.set_changes(())
            scene.show_scenario(scenario)
            self._take_scenario(scenario)
        self.clock.seek(min(max(t, scenario.start), scenario.end))

    def _start_figures(self, scenario: Scenario) -> None:
        """Daily series, claims and every sweep step, off the UI thread (start-up stays fast; the
        frames then only look up). Work for a scenario no longer shown is cancelled, its result dropped."""
        if scenario is not self.scenario:  # another one opened before the first frame
            return
        self.stop_figures()
        bridge = self._figures_bridge
        cancelled = self._figures_cancelled = threading.Event()

        def work() -> None:
            try:
                series = daily_series(scenario)
                checks = check_claims(scenario) if not cancelled.is_set() else []
                if cancelled.is_set():
                    return
                bridge.ready.emit(scenario, series, checks)
                scenario.frames.precompute(cancelled.is_set)
            except Exception:  # shown in the log; the panels stay empty
                log.exception("computing the figures of %s failed", scenario.path)

        self._figures_thread = threading.Thread(target=work, name="figures", daemon=True)
        self._figures_thread.start()

    def stop_figures(self) -> None:
        """Cancel the background figures and wait for their thread, which stops before its next
        sweep: a thread still running into interpreter shutdown can crash the process on quit."""
        self._figures_cancelled.set()
        if self._figures_thread is not None:
            self._figures_thread.join()
            self._figures_thread = None

    def _figures_ready(self, scenario: Scenario, series, checks) -> None:
        if scenario is not self.scenario:
            return
        self._series = series
        self.strength_panel.set_series(series)  # the first use imports pyqtgraph
        self.claims_panel.set_checks(scenario, checks)
        forget_module_sources()

    def _compute_figures(self) -> None:
        """The same, synchronously (tests, benchmarks)."""
        scenario = self.scenario
        if scenario is not None:
            self._figures_ready(scenario, daily_series(scenario), check_claims(scenario))

    # --- time ----------------------------------------------------------------------------------------

    def _on_time(self, t: float) -> None:
        if self.map_scene is None:
            return
        scenario = self.map_scene.scenario
        self._ring_current_event()
        stepped = self.clock.stepped_event
        caption = caption_at(scenario, t, stepped) if self.commands["caption"].isChecked() else None
        frame = scenario.frame_at(t)  # asked once: the map draws it, the legend reads it
        overlays = overlays_for(self.map_scene, t, caption, frame)
        # the Layers dock explains the fills in full; the map then keeps a short legend
        overlays.compact_legend = self.presenting or self.docks["layers"].isVisible()
        self.map_view.show_time(t, overlays, frame)
        self._show_what_changed(t)
        self.clock.draw_pending()

    @property
    def strength_panel(self) -> StrengthPanel:
        """The faction-strength panel, made on first use (after the first frame)."""
        if self._strength is None:
            from aleppo_desktop.ui.strength_panel import StrengthPanel

            panel = StrengthPanel()
            panel.palette_name = self.palette_name
            if self.scenario is not None:
                panel.set_scenario(self.scenario)
            panel.follow(self.clock)
            if self.scenario is not None and self._series is not None:
                panel.set_series(self._series)
            old = self.docks["strength"].widget()
            self.docks["strength"].setWidget(panel)
            if old is not None:
                old.deleteLater()
            self._strength = panel
        return self._strength

    def _set_moving(self, dragging: bool) -> None:
        self._dragging = dragging
        self.map_view.set_fast(dragging or self.clock.is_playing)

    # --- what changed (core.what_changed): outlines after a step, a trail while time runs --------

    def _what_changed_toggled(self, _on: bool) -> None:
        self._step_from = None
        self._on_time(self.clock.time)

    def _show_what_changed(self, t: float) -> None:
        """After a step (time jumped while paused) outline the ground gained since the previous
        instant and fade it over FADE_SECONDS; while playing or scrubbing, the short trail."""
        scenario = self.scenario
        last, self._last_shown = self._last_shown, t
        if scenario is None or not self.commands["what_changed"].isChecked():
            self._step_from = None
            self._changes_timer.stop()
            self.map_view.set_changes(())
            self._mark_step(None)
            return
        if self.clock.is_playing or self._dragging:
            self._step_from = None
            self._changes_timer.stop()
            self.map_view.set_changes(outlines_at(scenario, t))
            self._mark_step(None)
        elif last is not None and t != last:
            self._step_from = (last, time.monotonic())
            self._changes_timer.start()
            self._fade_step()
            self._mark_step(last)

    def _fade_step(self) -> None:
        if self._step_from is None or self.scenario is None:
            self._changes_timer.stop()
            return
        since, started = self._step_from
        strength = fade(time.monotonic() - started)
        self.map_view.set_changes(outlines_at(self.scenario, self.clock.time, since, strength))
        if strength <= 0:
            self._changes_timer.stop()
            self._step_from = None

    def _mark_step(self, since: float | None) -> None:
        if self._strength is not None:
            self._strength.mark_step(since, self.clock.time)

    def jump_to_event(self, index: int) -> None:
        """Step to an event of the story (its caption and ring, the time at its instant)."""
        if self.scenario is None or not 0 <= index < len(self.scenario.events):
            return
        self.clock.go_to_event(index)
        self.events_panel.show_details(index)

    # --- the story on the map: caption and ring follow the current event at once ------------------

    def _ring_current_event(self) -> None:
        """Ring (or outline) the current event's place as soon as the time or the event changes,
        not on the panels' debounce."""
        index = self.clock.current_event()
        if index == self._ringed or self.scenario is None:
            return
        self._ringed = index
        self.map_view.set_highlight(None if index is None else self.scenario.events[index])

    def _restyled(self) -> None:
        """The map's look changed (a layer shown or hidden, the palette, the theme, an edit): the
        overlays drawn from it (the legend's keys and colours) follow at once. A change of the
        user's basemaps (one added or moved, a tile landed: `user_version` counts those) is not in
        the overlays and leaves them be, also when the basemaps panel takes a new scene (before
        the clock has the scenario's period: the overlays would be made for the old one's time)."""
        scene = self.map_scene
        if scene is None:
            return
        look = (scene.version, scene.scenario_version)
        if look != self._look:
            self._look = look
            self._on_time(self.clock.time)

    def _on_event_stepped(self, _index: object) -> None:
        self._on_time(self.clock.time)

    def _caption_toggled(self, on: bool) -> None:
        self.settings.setValue("caption", bool(on))
        self._on_time(self.clock.time)

    def jump_to_claim(self, index: int) -> None:
        """Go to the date a claim's figure is read (its end) and outline the area units it counts
        (core.changes.claim_units); the claims panel shows the computation."""
        checks = self.claims_panel.checks
        if self.scenario is None or not 0 <= index < len(checks):
            return
        claim = checks[index].claim
        when = claim.end or claim.start
        self.clock.pause()
        if when is not None:
            self.clock.seek(day_number(when))
        self.map_view.outline_units(claim_units(self.scenario, claim).nonzero()[0])

    def jump_to_dispute(self, index: int) -> None:
        """Go to the first day of a dispute; with events, show the first one (its details say
        where the sources disagree)."""
        if self.scenario is None or not 0 <= index < len(self.scenario.disputes):
            return
        dispute = self.scenario.disputes[index]
        self.clock.pause()
        self.clock.seek(dispute_span(self.scenario, dispute)[0])
        ids = [e.id for e in self.scenario.events]
        if dispute.events:
            self.events_panel.show_details(min(ids.index(e) for e in dispute.events))

    def _highlight_event(self, event) -> None:
        if self.scenario is None:
            return
        index = next((i for i, e in enumerate(self.scenario.events) if e is event), None)
        if index != self._ringed:
            self._ringed = index
            self.map_view.set_highlight(event)

    def set_palette(self, name: str) -> None:
        self.palette_name = name
        if self.map_scene is not None:
            self.map_scene.set_palette(name)  # the overlays follow (_restyled)
        if self._strength is not None:
            self._strength.set_palette(name)
        self.layers_panel.set_palette(name)
        self.settings.setValue("palette", name)

    # --- presentation ------------------------------------------------------------------------------

    def toggle_presentation(self) -> None:
        if self.presenting:
            self.leave_presentation()
        else:
            self.enter_presentation()

    def enter_presentation(self) -> None:
        if self.presenting:
            return
        self.presenting = True
        self._presentation_restore = {
            "docks": {name: dock.isVisible() for name, dock in self.docks.items()},
            "maximized": self.isMaximized(),
            "geometry": self.saveGeometry(),
            "screen": self.screen(),
            "what_changed": self.commands["what_changed"].isChecked(),
        }
        self.commands["what_changed"].setChecked(True)  # on by default when presenting
        for dock in self.docks.values():
            dock.hide()
        self.menuBar().hide()
        self.statusBar().hide()
        if self.map_scene is not None:
            self.map_scene.apply_theme(HIGH_CONTRAST)
        self.scrubber.set_type_scale(1.5, dark=True)
        self.controls.setStyleSheet(PRESENTATION_CONTROLS_STYLE)
        self.controls.set_presenting(True)
        with QSignalBlocker(self.commands["presentation"]):
            self.commands["presentation"].setChecked(True)
        self._set_clicker_keys(True)
        projector, laptop = presentation_screens(self.screen())
        self._fill_screen(projector)
        if laptop is not None:
            self._show_presenter_view(laptop)
        self.map_view.fit_city()
        self.map_view.setFocus()
        self._on_time(self.clock.time)

    def leave_presentation(self) -> None:
        if self.blackout.isVisible():
            self.set_blackout(False)
        if not self.presenting:
            return
        self.presenting = False
        if self.map_scene is not None:
            self.map_scene.apply_theme(STANDARD)
        self.scrubber.set_type_scale(1.0, dark=False)
        self.controls.setStyleSheet("")
        self.controls.set_presenting(False)
        if self.presenter_view is not None:
            self.presenter_view.hide()
        screen = self._presentation_restore.get("screen")
        if screen is not None and screen is not self.screen():
            self.setScreen(screen)  # back from the projector
        self.menuBar().show()
        self.statusBar().show()
        if self._presentation_restore.get("maximized"):
            self.showMaximized()
        else:
            self.showNormal()
            geometry = self._presentation_restore.get("geometry")
            if geometry is not None:  # back to the size it had, also without a window manager
                self.restoreGeometry(geometry)
        for name, visible in self._presentation_restore.get("docks", {}).items():
            self.docks[name].setVisible(visible)
        with QSignalBlocker(self.commands["presentation"]):
            self.commands["presentation"].setChecked(False)
        self._set_clicker_keys(False)
        self.commands["what_changed"].setChecked(
            bool(self._presentation_restore.get("what_changed", False))
        )
        self.map_view.fit_city()
        self._on_time(self.clock.time)

    def _show_presenter_view(self, screen: QScreen) -> None:
        """The presenter view on the laptop's screen (the map is on the projector)."""
        if self.presenter_view is None:
            self.presenter_view = PresenterView(self)
        view = self.presenter_view
        view.setScreen(screen)
        view.setGeometry(screen.availableGeometry())
        view.show()
        view.restart()

    def _fill_screen(self, screen: QScreen | None) -> None:
        """Full screen on `screen`, exactly its size (without a window manager nobody else sizes
        the window, and a wide minimum would push it past the edge)."""
        if screen is not None and self.screen() is not screen:
            self.hide()  # a shown window's surface is remade on the other screen: hide it first
            self.setScreen(screen)
        self.showFullScreen()
        if screen is not None:
            self.setGeometry(screen.geometry())
        layout = self.layout()
        # lay out now without menu bar and docks (the geometry may not change)
        if layout is not None:
            layout.invalidate()
            layout.activate()

    # --- fitting the screen ---------------------------------------------------------------------------

    def fit_to_screen(self, screen: QScreen | None = None) -> None:
        """The first launch on a screen of this size: a window inside its available area (frame
        included), centred, with dock widths for that width (see `default_dock_widths`)."""
        screen = screen or self.screen()
        if screen is None:
            return
        area = screen.availableGeometry()
        frame = self.frameGeometry()
        extra_w = frame.width() - self.width()
        extra_h = frame.height() - self.height()
        width = min(DEFAULT_SIZE[0], area.width() - extra_w)
        height = min(DEFAULT_SIZE[1], area.height() - extra_h)
        self.resize(width, height)
        self.move(
            area.left() + (area.width() - width - extra_w) // 2,
            area.top() + (area.height() - height - extra_h) // 2,
        )
        layers_width, right_width = default_dock_widths(area.width())
        self.docks["layers"].setVisible(layers_width > 0)
        if layers_width:  # asking less than the dock's minimum would take the rest from the figures
            layers_width = max(layers_width, self.docks["layers"].minimumSizeHint().width())
            self.resizeDocks(
                [self.docks["layers"], self.docks["events"]],
                [layers_width, right_width],
                Qt.Orientation.Horizontal,
            )
        else:
            self.resizeDocks([self.docks["events"]], [right_width], Qt.Orientation.Horizontal)

    def fits_screen(self) -> bool:
        screen = self.screen()
        return screen is None or screen.availableGeometry().contains(self.frameGeometry())

    def _layout_key(self) -> str:
        """Layouts are remembered per screen size: a projector's is not a laptop's."""
        screen = self.screen()
        if screen is None:
            return "layout/default"
        area = screen.availableGeometry()
        # and per direction: a right-to-left layout has its docks mirrored
        rtl = "-rtl" if self.layoutDirection() == Qt.LayoutDirection.RightToLeft else ""
        return f"layout/{area.width()}x{area.height()}{rtl}"

    def ask_date(self) -> GoToDateDialog | None:
        """Go to date (Ctrl+G): a typed date ('13 Dec', '2016-12-13', '13/12') within the period."""
        if self.scenario is None:
            return None
        dialog = GoToDateDialog(self, self.clock.start, self.clock.end, self.clock.time)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._go_to_day(dialog.day))
        dialog.open()
        return dialog

    def _go_to_day(self, day: float | None) -> None:
        if day is not None:
            self.clock.pause()
            self.clock.seek(day)

    def _set_clicker_keys(self, presenting: bool) -> None:
        """Presenter remotes send PgUp/PgDn or Left/Right (some Up/Down): presenting, all of them
        step the story's events; in the window Left/Right step days. The arrows follow the
        timeline's direction (mirrored right to left); PgUp/PgDn are the same in every language."""
        c = self.commands
        back, forward = time_arrows()
        if presenting:
            c["step_back"].setShortcuts([])
            c["step_forward"].setShortcuts([])
            c["previous_event"].setShortcuts([QKeySequence(k) for k in ("PgUp", back, "Up")])
            c["next_event"].setShortcuts([QKeySequence(k) for k in ("PgDown", forward, "Down")])
        else:
            c["previous_event"].setShortcuts([QKeySequence("PgUp")])
            c["next_event"].setShortcuts([QKeySequence("PgDown")])
            c["step_back"].setShortcuts([QKeySequence(back)])
            c["step_forward"].setShortcuts([QKeySequence(forward)])

    def toggle_blackout(self) -> None:
        self.set_blackout(not self.blackout.isVisible())

    def set_blackout(self, on: bool) -> None:
        self.blackout.setGeometry(self.rect())
        self.blackout.setVisible(on)
        if on:
            self.blackout.raise_()
        with QSignalBlocker(self.commands["blackout"]):
            self.commands["blackout"].setChecked(on)

    def keyPressEvent(self, event) -> None:
        """Keys that reach the window without firing a shortcut (e.g. the window is not active on a
        display without a window manager) still drive playback: clickers must always work."""
        pressed = QKeySequence(event.keyCombination())
        for action in self.commands.values():
            if action.isEnabled() and any(
                s.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch
                for s in action.shortcuts()
            ):
                action.trigger()
                event.accept()
                return
        super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.blackout.setGeometry(self.rect())

    # --- files and settings --------------------------------------------------------------------------

    def _open_dialog(self) -> None:
        start = str(self.scenario.path.parent) if self.scenario else ""
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open scenario"),
            start,
            self.tr("Scenario (scenario.json *.json);;All files (*)"),
        )
        if path:
            self.open_scenario(Path(path))

    def _open_brief_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open a copy of the brief"),
            "",
            self.tr("Text or Markdown (*.txt *.md);;All files (*)"),
        )
        if path:
            self.open_brief(Path(path))

    def open_brief(self, path: Path) -> bool:
        try:
            paragraphs = read_brief(path)
        except (OSError, UnicodeDecodeError) as exc:
            QMessageBox.warning(self, self.tr("Cannot open the brief"), f"{path}: {exc}")
            return False
        self.events_panel.set_brief(paragraphs)
        self.settings.setValue("brief", str(path))
        self.status.setText(
            self.tr("Brief loaded: {count} paragraphs from {name}").format(
                count=len(paragraphs), name=path.name
            )
        )
        return True

    def _restore_settings(self) -> None:
        s = self.settings
        key = self._layout_key()
        geometry = s.value(f"{key}/geometry")
        self.layout_restored = geometry is not None and bool(self.restoreGeometry(geometry))
        state = s.value(f"{key}/window_state")
        if state is not None:
            self.restoreState(state, SETTINGS_VERSION)
        speed = s.value("speed")
        if speed is not None:
            with contextlib.suppress(TypeError, ValueError):
                self.clock.set_speed(float(speed))
        caption = s.value("caption")
        if caption is not None:
            self.commands["caption"].setChecked(str(caption).lower() in ("true", "1"))
        palette = s.value("palette")
        if palette in ("standard", "cb"):
            self.palette_name = str(palette)
        brief = s.value("brief")
        if brief and Path(str(brief)).is_file():
            # read off the UI thread: the file is the user's and may be large
            self._brief_read.connect(self._remembered_brief_read)

            def read(path: Path = Path(str(brief))) -> None:
                try:
                    paragraphs = read_brief(path)
                except (OSError, UnicodeDecodeError) as exc:
                    log.warning("could not read the brief %s: %s", path, exc)
                    return
                with contextlib.suppress(RuntimeError):  # the window closed meanwhile
                    self._brief_read.emit(path, paragraphs)

            threading.Thread(target=read, name="brief", daemon=True).start()

    def _remembered_brief_read(self, path: Path, paragraphs: list[str]) -> None:
        if str(self.settings.value("brief")) == str(path):  # not replaced by Open brief meanwhile
            self.events_panel.set_brief(paragraphs)

    def save_settings(self) -> None:
        s = self.settings
        if self.presenting:
            self.leave_presentation()
        key = self._layout_key()
        s.setValue(f"{key}/geometry", self.saveGeometry())
        s.setValue(f"{key}/window_state", self.saveState(SETTINGS_VERSION))
        s.setValue("speed", self.clock.speed)
        s.setValue("palette", self.palette_name)
        s.sync()

    def closeEvent(self, event) -> None:
        if not self.editing.may_discard():
            event.ignore()
            return
        self.editing.closed_cleanly()
        self.clock.pause()
        self._after_frame_timer.stop()  # work waiting for a frame would start after the close
        self._after_frame.clear()
        self.stop_figures()
        self.save_settings()
        super().closeEvent(event)
