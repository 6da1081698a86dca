"""All-or-nothing output files and cancellable progress, shared by every writer.

A writer writes into a temporary file beside the target and renames it over the target only when it
finished: a cancelled or failed export leaves neither a half-written file nor the temporary one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

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


@contextlib.contextmanager
def atomic_path(target: Path | str) -> Iterator[Path]:
    """A temporary path in the target's folder; renamed to `target` if the block succeeds.

    The temporary file keeps the target's suffix so tools that look at the extension (ffmpeg, GDAL,
    QPdfWriter) treat it as the right format.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"folder {folder} does not exist")
    fd, name = tempfile.mkstemp(
        prefix=f".{target.stem}.", suffix=f".part{target.suffix}", dir=folder
    )
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, _FILE_MODE)  # mkstemp makes it private; a finished export is not
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
