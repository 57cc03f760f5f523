"""``rasad eval``: the scoreboard (wiring only; the logic is in rasad.evaluation)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import typer
from rich.progress import Progress

from rasad.cli import common
from rasad.evaluation.gold import read_jsonl, write_jsonl
from rasad.evaluation.report import print_scoreboard
from rasad.evaluation.runner import ExtractorUnavailable, ProgressHook, extractor_version, load_extractor
from rasad.evaluation.scoreboard import (
    OPTIONAL_SUITES,
    SUITES,
    ProgressFactory,
    Scoreboard,
    run_scoreboard,
    score_files,
)

HELP = (
    "Measure extraction: the whole scoreboard in one command.\n\n"
    "With no options, runs every suite on ../shared and prints one scoreboard: the dev gold (Arabic, "
    "English, the seed report; the metrics of score.py and an error analysis), the control score, "
    "ACLED 2020 notes, CASE 2021 task 2 and the Arabic event GSR, with the targets of the issues.\n\n"
    "--gold X --pred Y scores any prediction file (like score.py); --gold X alone runs the extractor "
    "on that gold file.\n\n"
    "Exit code 0 even when targets are missed (it is a measurement); 3 when data or the extractor "
    "is missing."
)


def default_shared() -> Path:
    """RASAD_SHARED, else ../shared from the current directory, else ../shared from the repository."""
    env = os.environ.get("RASAD_SHARED")
    if env:
        return Path(env)
    here = Path("../shared")
    if here.is_dir():
        return here
    repo_side = Path(__file__).resolve().parents[3].parent / "shared"
    return repo_side if repo_side.is_dir() else here


def _progress_factory(prog: Progress) -> ProgressFactory:
    def start(description: str, total: int) -> ProgressHook:
        task = prog.add_task(description, total=total, rate="")
        t0 = time.perf_counter()
        done = [0]

        def advance(n: int) -> None:
            done[0] += n
            dt = time.perf_counter() - t0
            prog.update(task, advance=n, rate=f"{done[0] / dt:,.1f} reports/s" if dt > 0 else "")

        return advance

    return start


def _write_json(out: Path, board: Scoreboard, errors: int, meta: dict[str, object]) -> None:
    data = {"meta": meta, **board.to_json(max(errors, 20))}
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")


def eval_cmd(
    shared: Path = typer.Option(
        None, "--shared", help="The shared data folder (default: RASAD_SHARED or ../shared)."
    ),
    suite: list[str] = typer.Option(
        ["all"],
        "--suite",
        "-s",
        help=f"Suites to run (repeatable): {', '.join(SUITES)}, all; "
        f"also {', '.join(OPTIONAL_SUITES)} (not in all).",
    ),
    gold: Path = typer.Option(
        None, "--gold", help="Score against this gold JSONL (spec format) instead of the suites."
    ),
    pred: Path = typer.Option(
        None, "--pred", help="With --gold: predicted events JSONL to score (no extraction)."
    ),
    json_out: Path = typer.Option(
        None, "--json", help="Also write every number (and the error items) to this JSON file."
    ),
    save_pred: Path = typer.Option(
        None, "--save-pred", help="Write the predicted events of the gold/dev suite to this JSONL file."
    ),
    by_doc: bool = typer.Option(
        False,
        "--by-doc",
        help="Also print the per-document table of the gold suite and the CASE per-class table.",
    ),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes for extraction (POSIX fork)."),
    errors: int = typer.Option(
        10, "--errors", help="How many of the most common errors/confusions to list (0: none)."
    ),
) -> None:
    console = common.console
    wanted = (set(SUITES) if "all" in suite else set()) | (set(suite) - {"all"})
    unknown = wanted - set(SUITES) - set(OPTIONAL_SUITES)
    if unknown:
        common.err_console.print(f"[red]unknown suite(s): {', '.join(sorted(unknown))}[/]")
        raise typer.Exit(common.EXIT_USAGE)
    if pred is not None and gold is None:
        common.err_console.print("[red]--pred needs --gold[/]")
        raise typer.Exit(common.EXIT_USAGE)
    extractor = None
    if pred is None:
        try:
            extractor = load_extractor()
        except ExtractorUnavailable as exc:
            common.err_console.print(
                f"[red]{exc}[/]\nScore a prediction file instead: rasad eval --gold G --pred P"
            )
            raise typer.Exit(common.EXIT_FATAL) from exc
    meta: dict[str, object] = {"extractor_version": extractor_version()}
    with common.progress_bar() as prog:
        factory = _progress_factory(prog)
        if gold is not None:
            if pred is not None and not pred.is_file():
                common.err_console.print(f"[red]prediction file not found: {pred}[/]")
                raise typer.Exit(common.EXIT_FATAL)
            preds = read_jsonl(pred) if pred is not None else None
            board = score_files(gold, preds, extractor, factory, jobs=jobs)
            meta.update(gold=str(gold), pred=str(pred) if pred else None)
            title = f"rasad eval: {gold.name}"
        else:
            shared_dir = shared or default_shared()
            if not (shared_dir / "eval").is_dir():
                common.err_console.print(
                    f"[red]shared data not found at {shared_dir}[/] (use --shared or RASAD_SHARED)"
                )
                raise typer.Exit(common.EXIT_FATAL)
            assert extractor is not None
            board = run_scoreboard(
                shared_dir, extractor, sorted(wanted, key=_suite_order), factory, jobs=jobs
            )
            meta.update(shared=str(shared_dir), suites=sorted(wanted, key=_suite_order))
            title = "rasad scoreboard"
    print_scoreboard(console, board, errors=errors, by_doc=by_doc, title=title)
    if save_pred is not None and board.predictions:
        write_jsonl(save_pred, board.predictions)
        common.info(f"wrote {len(board.predictions)} predicted events to {save_pred}")
    if json_out is not None:
        _write_json(json_out, board, errors, meta)
        common.info(f"wrote {json_out}")
    if board.missing:
        raise typer.Exit(common.EXIT_FATAL)


def _suite_order(name: str) -> int:
    order = (*SUITES, *OPTIONAL_SUITES)
    return order.index(name) if name in order else len(order)


def register(app: typer.Typer) -> None:
    app.command("eval", help=HELP)(eval_cmd)
