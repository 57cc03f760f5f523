"""Rich tables for the scoreboard: summary, timing, error analysis, per-document rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

from rasad.evaluation.errors import KIND_LABELS, ErrorReport
from rasad.evaluation.scoreboard import Row, Scoreboard


def _value(row: Row) -> str:
    if row.value is None:
        return "n/a"
    if row.kind == "count":
        return f"{row.value:g}"
    if row.kind == "rate":
        return f"{row.value:.2f}"
    return f"{row.value:.3f}"


def _target(row: Row) -> str:
    if row.target is None:
        return ""
    return f"≥ {row.target:g}" if row.kind == "count" else f"≥ {row.target:.2f}"


def _mark(row: Row) -> str:
    p = row.passed
    if p is None:
        return ""
    return "[green]✓ pass[/]" if p else "[red]✗ miss[/]"


def summary_table(rows: Sequence[Row], title: str = "rasad scoreboard") -> Table:
    t = Table(title=title, show_lines=False, header_style="bold")
    t.add_column("suite", style="cyan", no_wrap=True)
    t.add_column("metric")
    t.add_column("value", justify="right")
    t.add_column("n", justify="right")
    t.add_column("target", justify="right")
    t.add_column("", no_wrap=True)
    prev = None
    for r in rows:
        suite = r.suite if r.suite != prev else ""
        if prev is not None and r.suite != prev:
            t.add_section()
        prev = r.suite
        metric = r.metric + (f" [dim]({r.note})[/]" if r.note else "")
        t.add_row(suite, metric, _value(r), "" if r.n is None else str(r.n), _target(r), _mark(r))
    return t


def timing_table(board: Scoreboard) -> Table:
    title = "extraction time"
    if board.warmup_seconds is not None:
        title += f" (after a {board.warmup_seconds:.2f} s warm-up: loading, not counted)"
    t = Table(title=title, header_style="bold")
    t.add_column("suite", style="cyan")
    t.add_column("documents", justify="right")
    t.add_column("seconds", justify="right")
    t.add_column("reports/s", justify="right")
    t.add_column("extractor errors", justify="right")
    for suite, v in board.timings.items():
        errs = len(board.extraction_errors.get(suite, {}))
        t.add_row(suite, str(int(v["documents"])), f"{v['seconds']:.2f}", f"{v['rate']:,.1f}", str(errs))
    return t


def error_tables(report: ErrorReport, n: int) -> list[Table]:
    langs = sorted({d.lang or "?" for d in report.docs})
    kinds = Table(title="errors by kind (gold suite)", header_style="bold")
    kinds.add_column("kind")
    kinds.add_column("count", justify="right")
    for lang in langs:
        kinds.add_column(lang, justify="right")
    for kind, cnt in report.by_kind().most_common():
        by_lang = report.count_by_lang(kind)
        kinds.add_row(KIND_LABELS.get(kind, kind), str(cnt), *(str(by_lang[lg]) for lg in langs))
    top = Table(title=f"{n} most common errors", header_style="bold")
    top.add_column("kind")
    top.add_column("detail")
    top.add_column("count", justify="right")
    for lang in langs:
        top.add_column(lang, justify="right")
    for kind, detail, cnt in report.top(n):
        by_lang = report.count_by_lang(kind, detail)
        top.add_row(KIND_LABELS.get(kind, kind), detail, str(cnt), *(str(by_lang[lg]) for lg in langs))
    return [kinds, top]


def by_doc_table(report: ErrorReport) -> Table:
    t = Table(title="per document", header_style="bold")
    for col, just in (
        ("doc_id", "left"),
        ("lang", "left"),
        ("gold", "right"),
        ("pred", "right"),
        ("tp sub", "right"),
        ("territory tp/gold", "right"),
        ("missed", "right"),
        ("false +", "right"),
        ("wrong sub", "right"),
        ("wrong place", "right"),
        ("wrong actor1", "right"),
        ("wrong date", "right"),
    ):
        t.add_column(col, justify=just)  # type: ignore[arg-type]
    for d in report.docs:
        e = d.errors
        t.add_row(
            d.doc_id,
            d.lang or "",
            str(d.gold),
            str(d.pred),
            str(d.tp_sub),
            f"{d.tp_ter}/{d.gold_ter}",
            str(e["missed"]),
            str(e["false_positive"]),
            str(e["wrong_sub_type"]),
            str(e["wrong_place"]),
            str(e["wrong_actor1"]),
            str(e["wrong_date"]),
        )
    return t


def confusion_table(title: str, confusions: Sequence[dict[str, Any]], n: int) -> Table:
    t = Table(title=title, header_style="bold")
    t.add_column("gold")
    t.add_column("predicted")
    t.add_column("count", justify="right")
    for c in confusions[:n]:
        t.add_row(str(c["gold"]), str(c["pred"]), str(c["count"]))
    return t


def case_class_table(per_class: dict[str, dict[str, Any]]) -> Table:
    t = Table(title="CASE 2021: per class (25 ACLED classes)", header_style="bold")
    for col in ("class", "P", "R", "F1", "gold", "pred"):
        t.add_column(col, justify="left" if col == "class" else "right")
    for label, v in sorted(per_class.items(), key=lambda kv: kv[1]["f1"]):
        t.add_row(
            label,
            f"{v['precision']:.2f}",
            f"{v['recall']:.2f}",
            f"{v['f1']:.2f}",
            str(v["gold"]),
            str(v["pred"]),
        )
    return t


def print_scoreboard(
    console: Console,
    board: Scoreboard,
    errors: int = 10,
    by_doc: bool = False,
    title: str = "rasad scoreboard",
) -> None:
    """Everything a developer needs after a run, most important first (the summary last)."""
    if board.errors is not None and errors > 0:
        for t in error_tables(board.errors, errors):
            console.print(t)
    if by_doc and board.errors is not None:
        console.print(by_doc_table(board.errors))
    if by_doc and "case" in board.details:
        console.print(case_class_table(board.details["case"]["per_class"]))
    if errors > 0:
        for suite, key, label in (
            ("acled", "confusions", "ACLED 2020: most common sub-type confusions"),
            ("acled", "actor1_confusions", "ACLED 2020: most common actor1 errors"),
            ("case", "confusions", "CASE 2021: most common confusions"),
        ):
            conf = board.details.get(suite, {}).get(key)
            if conf:
                console.print(confusion_table(label, conf, errors))
        unmapped = board.details.get("acled", {}).get("unmapped_actors")
        if unmapped:
            console.print(
                f"[yellow]ACLED actor names not in acled_actor_mapping.yaml:[/] {', '.join(unmapped)}"
            )
    if board.timings:
        console.print(timing_table(board))
    for suite, errs in board.extraction_errors.items():
        first = next(iter(errs.items()))
        console.print(
            f"[red]{suite}: the extractor failed on {len(errs)} document(s)[/], e.g. {first[0]}: {first[1]}"
        )
    if board.missing:
        console.print("[red]missing data:[/] " + ", ".join(board.missing))
    console.print(summary_table(board.rows, title))
