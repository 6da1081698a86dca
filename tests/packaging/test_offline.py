"""Offline guarantee: the app's main paths never reach for the network (no telemetry, updates, downloads).

Python-level socket creation and name resolution are replaced by functions that record the attempt and
raise; a test fails if anything tried, even when the caller swallowed the error. Native code (Qt, PROJ)
does not go through Python's socket module: the frozen app's self-test runs in a network namespace with
no interfaces for that (tests/packaging/test_frozen.py). A static check forbids network client imports in
the package.
"""

from __future__ import annotations

import ast
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PACKAGE = Path(__file__).resolve().parents[2] / "aleppo_desktop"
# Network clients and the Qt module that carries them (the bundle leaves QtNetwork out, too).
FORBIDDEN_IMPORTS = (
    "urllib.request",
    "urllib3",
    "http.client",
    "http.server",
    "requests",
    "httpx",
    "aiohttp",
    "socket",
    "ssl",
    "ftplib",
    "smtplib",
    "xmlrpc",
    "webbrowser",
    "PySide6.QtNetwork",
    "PySide6.QtWebEngineCore",
)
CHECK_DATE = "2016-11-30"


class NetworkAttemptError(OSError):
    """Raised instead of opening a socket or resolving a name."""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Block socket.socket, socket.create_connection and socket.getaddrinfo; fail on any attempt."""
    attempts: list[str] = []

    def blocked(name: str):  # type: ignore[no-untyped-def]
        def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
            attempts.append(f"{name}{args!r}")
            raise NetworkAttemptError(f"network access attempted: {name}{args!r}")

        return refuse

    class BlockedSocket(socket.socket):  # a class still, so ssl.SSLSocket can subclass it
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            blocked("socket.socket")(*args, **kwargs)

    monkeypatch.setattr(socket, "socket", BlockedSocket)
    monkeypatch.setattr(socket, "create_connection", blocked("socket.create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", blocked("socket.getaddrinfo"))
    yield attempts
    assert attempts == [], f"the app tried to reach the network: {attempts}"


@pytest.fixture
def qapp_offscreen():
    from PySide6.QtWidgets import QApplication

    from aleppo_desktop.ui.app import make_application

    app = make_application()
    yield app
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    app.processEvents()


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    from aleppo_desktop.cli import main

    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 0, f"aleppo-desktop {' '.join(argv)} exited {code}: {err}"
    return out


@pytest.mark.parametrize(
    "argv",
    [
        ["validate"],
        ["info"],
        ["state", "--at", CHECK_DATE, "--format", "table"],
        ["state", "--at", CHECK_DATE],
        ["claims"],
    ],
    ids=lambda argv: "-".join(a for a in argv if not a.startswith("-") and a != CHECK_DATE),
)
def test_cli_paths_are_offline(
    argv: list[str], no_network: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _cli(argv, capsys).strip()


@pytest.mark.parametrize(
    ("fmt", "extra"),
    [
        ("png", ["--size", "640x360", "--at", CHECK_DATE]),
        ("geojson", []),
        ("kml", []),
        ("csv", ["--table", "series"]),
        ("gpkg", []),
        ("pdf", ["--pages", "major"]),
        ("video", ["--size", "320x180", "--fps", "5", "--speed", "20", "--preset", "ultrafast"]),
    ],
)
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_export_paths_are_offline(
    fmt: str,
    extra: list[str],
    qapp,  # the session's QApplication, so an export in this process does not make a QGuiApplication
    no_network: list[str],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    out = tmp_path / f"export.{fmt}"
    _cli(["export", fmt, "-q", "-o", str(out), *extra], capsys)
    assert out.stat().st_size > 0


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_gui_start_up_is_offline(no_network: list[str], qapp_offscreen, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from aleppo_desktop.paths import bundled_scenario_path
    from aleppo_desktop.ui.main_window import MainWindow

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    window = MainWindow()
    window.resize(1200, 800)
    window.show()
    window.open_scenario(bundled_scenario_path())
    for _ in range(20):
        qapp_offscreen.processEvents()
    assert window.isVisible()
    window.close()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_self_test_from_source_is_offline(
    no_network: list[str], qapp_offscreen, capsys: pytest.CaptureFixture[str]
) -> None:
    from aleppo_desktop.ui.selftest import run_self_test

    code = run_self_test()
    out = capsys.readouterr().out
    assert code == 0, out
    for check in ("installation", "scenario", "fonts", "projection", "area", "render", "video"):
        assert f"ok   {check}:" in out


def _imports(tree: ast.AST) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name | ast.Attribute)
            and getattr(node.func, "id", getattr(node.func, "attr", ""))
            in ("__import__", "import_module")
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            yield node.lineno, str(node.args[0].value)


def test_package_imports_no_network_client() -> None:
    """No module of the package, at any depth (lazy imports included), imports a network client."""
    found = []
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 10
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, name in _imports(tree):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN_IMPORTS):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {name}")
    assert found == []
