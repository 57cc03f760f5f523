"""What every command shares: the console, --quiet, progress bars and exit codes.

Exit codes (documented in the README):
  0  everything went through
  1  the command ran but some inputs failed (per-document errors are listed in the summary)
  2  bad usage (unknown option, missing argument) — typer's own code
  3  nothing could be done (no input found, unreadable database, missing data)
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_USAGE = 2
EXIT_FATAL = 3

DEFAULT_DB = Path(os.environ.get("RASAD_DB", "rasad.db"))

T = TypeVar("T")


class State:
    quiet: bool = False


state = State()
console = Console(stderr=False, highlight=False)
err_console = Console(stderr=True, highlight=False)


def info(msg: str) -> None:
    if not state.quiet:
        console.print(msg)


def progress_bar(transient: bool = False) -> Progress:
    """A rich progress bar with counts and rate; silent under --quiet."""
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err_console,
        disable=state.quiet,
        transient=transient,
    )


def track(items: Iterable[T], description: str, total: int | None = None, unit: str = "docs") -> Iterator[T]:
    """Iterate with a progress bar showing count and rate (items/s)."""
    import time

    with progress_bar() as prog:
        task = prog.add_task(description, total=total, rate="")
        t0 = time.perf_counter()
        for n, item in enumerate(items, 1):
            yield item
            dt = time.perf_counter() - t0
            prog.update(task, advance=1, rate=f"{n / dt:,.1f} {unit}/s" if dt > 0 else "")
