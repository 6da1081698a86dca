"""All-or-nothing output files and cancellable progress, shared by every writer.

A writer writes into a temporary file beside the target and renames it over the target only when it
finished: a cancelled or failed export leaves neither a half-written file nor the temporary one. A
SIGTERM or SIGINT removes the temporaries of the exports under way before the process ends, and one
left by a run that was killed outright (SIGKILL, a power cut) is removed by the next export to the
same target. Temporary names are short (about 40 characters), so any valid target name works.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

Progress = Callable[[float], bool]
"""Called with the fraction done (0..1); returning False cancels the export."""


class ExportCancelled(Exception):  # noqa: N818 (a cancel is not an error)
    """The progress callback asked to stop; nothing was written."""


class ExportError(Exception):
    """An export could not be made (bad option, missing encoder, unwritable folder): one line."""


def _file_mode() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


_FILE_MODE = _file_mode()


def no_progress(_fraction: float) -> bool:
    return True


class Reporter:
    """Calls `progress` with fractions of `total` steps and raises ExportCancelled when told to stop.

    A sub-range (`start`..`stop` of the whole) lets a writer made of parts report one smooth bar.
    """

    def __init__(
        self, progress: Progress | None, total: float, start: float = 0.0, stop: float = 1.0
    ):
        self.progress = progress or no_progress
        self.total = max(float(total), 1.0)
        self.start, self.stop = start, stop

    def __call__(self, done: float) -> None:
        fraction = self.start + (self.stop - self.start) * min(max(done / self.total, 0.0), 1.0)
        if self.progress(fraction) is False:
            raise ExportCancelled()

    def progress_range(self) -> Progress:
        """A progress callback for a part of the work that maps its 0..1 onto this reporter's
        start..stop (and passes a cancel through)."""

        def sub(fraction: float) -> bool:
            return self.progress(self.start + (self.stop - self.start) * fraction) is not False

        return sub


# --- temporaries: named, tracked, removed on SIGTERM/SIGINT and after a crash ----------------------

TEMP_PREFIX = ".aleppo-"
MAX_SUFFIX = 16  # a longer extension is not kept on the temporary name
_LIVE: dict[Path, bool] = {}  # temporaries of exports under way -> is a folder
_LIVE_LOCK = threading.Lock()
_PREVIOUS_HANDLERS: dict[int, object] = {}


def _target_key(target: Path) -> str:
    return hashlib.sha1(target.name.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def _suffix(target: Path) -> str:
    suffix = target.suffix
    return suffix if len(suffix) <= MAX_SUFFIX and suffix.isprintable() else ""


def _temporary_pattern(target: Path) -> re.Pattern[str]:
    """The names this module gives `target`'s temporaries (pid, random part), and the names
    earlier versions gave them (`.STEM.RANDOM.partSUFFIX`, no pid): nothing else is ever removed."""
    suffix = re.escape(_suffix(target))
    return re.compile(
        rf"{re.escape(TEMP_PREFIX)}{_target_key(target)}-(?P<pid>\d+)-[a-z0-9_]{{8}}\.part{suffix}"
        rf"|\.{re.escape(target.stem)}\.[a-z0-9_]{{8}}\.part{re.escape(target.suffix)}"
    )


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True  # someone else's process, or unknowable: leave its files alone
    return True


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Remove the temporaries of earlier exports to `target` whose process is gone (killed before
    it could clean up); only regular files with this module's names. Returns what was removed."""
    folder = target.parent if str(target.parent) else Path(".")
    pattern = _temporary_pattern(target)
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    with _LIVE_LOCK:
        live = set(_LIVE)
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None or Path(entry.path) in live:
            continue
        pid = match.group("pid")
        if pid is not None and _alive(int(pid)):
            continue
        with contextlib.suppress(OSError):
            if stat.S_ISREG(entry.stat(follow_symlinks=False).st_mode):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _track(path: Path, folder: bool) -> None:
    _install_signal_handlers()
    with _LIVE_LOCK:
        _LIVE[path] = folder


def _untrack(path: Path) -> None:
    with _LIVE_LOCK:
        _LIVE.pop(path, None)


def _remove(path: Path, folder: bool) -> None:
    with contextlib.suppress(OSError):
        if folder:
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink()


def remove_live_temporaries() -> None:
    """Remove the temporaries of every export under way (the process is about to end)."""
    with _LIVE_LOCK:
        live = list(_LIVE.items())
        _LIVE.clear()
    for path, folder in live:
        _remove(path, folder)


def _on_signal(signum: int, frame: FrameType | None) -> None:
    previous = _PREVIOUS_HANDLERS.get(signum, signal.SIG_DFL)
    if callable(previous):  # e.g. SIGINT's KeyboardInterrupt: the blocks below clean up
        previous(signum, frame)
        return
    if previous == signal.SIG_IGN:
        return
    remove_live_temporaries()  # the default action ends the process: clean up, then end it
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def _install_signal_handlers() -> None:
    """Once, from the main thread (Python runs signal handlers there only)."""
    if _PREVIOUS_HANDLERS or threading.current_thread() is not threading.main_thread():
        return
    for name in ("SIGTERM", "SIGINT"):
        signum = getattr(signal, name, None)
        if signum is None:
            continue
        with contextlib.suppress(ValueError, OSError):
            _PREVIOUS_HANDLERS[signum] = signal.signal(signum, _on_signal)


@contextlib.contextmanager
def atomic_path(target: Path | str) -> Iterator[Path]:
    """A temporary path in the target's folder; renamed to `target` if the block succeeds.

    The temporary file keeps the target's suffix so tools that look at the extension (ffmpeg, GDAL,
    QPdfWriter) treat it as the right format. Its name is short and hidden
    (`.aleppo-KEY-PID-RANDOM.partSUFFIX`, KEY from the target's name), which lets the next export to
    the same target remove one that a killed run left.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"folder {folder} does not exist")
    remove_stale_temporaries(target)
    fd, name = tempfile.mkstemp(
        prefix=f"{TEMP_PREFIX}{_target_key(target)}-{os.getpid()}-",
        suffix=f".part{_suffix(target)}",
        dir=folder,
    )
    os.close(fd)
    temporary = Path(name)
    _track(temporary, folder=False)
    try:
        yield temporary
        os.chmod(temporary, _FILE_MODE)  # mkstemp makes it private; a finished export is not
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    finally:
        _untrack(temporary)


@contextlib.contextmanager
def temporary_folder(prefix: str) -> Iterator[Path]:
    """A scratch folder (frames of a GIF) in the system's temporary folder, removed after the block,
    on SIGTERM/SIGINT too; one of the same prefix left by a killed process is removed now."""
    base = Path(tempfile.gettempdir())
    pattern = re.compile(rf"{re.escape(prefix)}(?P<pid>\d+)-[a-z0-9_]{{8}}")
    with contextlib.suppress(OSError):
        for entry in os.scandir(base):
            match = pattern.fullmatch(entry.name)
            stale = match is not None and not _alive(int(match.group("pid")))
            if stale and entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=base))
    _track(folder, folder=True)
    try:
        yield folder
    finally:
        _untrack(folder)
        _remove(folder, folder=True)
