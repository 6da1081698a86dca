"""Entry script of the frozen app: the same `aleppo-desktop` command as the installed wheel."""

import multiprocessing

from aleppo_desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a no-op unless a worker process is spawned (Windows, macOS)
    raise SystemExit(main())
