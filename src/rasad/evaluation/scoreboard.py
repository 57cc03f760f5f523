"""The scoreboard: every evaluation suite run with one extractor, as rows of (metric, value, target).

Suites: ``dev`` (the gold files of ../shared/eval/dev: Arabic, English and the seed report),
``control`` (the control score on the dev gold), ``acled`` (ACLED 2020 notes), ``acled2018``
(optional, not in ``all``), ``case`` (CASE 2021 task 2) and ``gsr`` (Arabic event GSR).
Targets are those of the project's issues; missing a target is a measurement, not an error.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasad.evaluation import acled, case2021, gsr
from rasad.evaluation.control_eval import ControlScorer, score_control
from rasad.evaluation.errors import ErrorReport, analyse
from rasad.evaluation.gold import attribute_accuracy, read_jsonl, score, score_by_language
from rasad.evaluation.runner import Extractor, ProgressHook, RunResult, document_from_gold, run_extractor
from rasad.model import Document

SUITES = ("dev", "control", "acled", "case", "gsr")
OPTIONAL_SUITES = ("acled2018", "places")
DEV_FILES = {"ar": "eval/dev/ar_dev.jsonl", "en": "eval/dev/en_dev.jsonl", "seed": "eval/dev/seed.jsonl"}
EXTERNAL = "eval/external"

# Targets from the issues (5: events, 6: control). Counts are absolute (seed: 12 of its 14 events).
TARGETS: dict[tuple[str, str], float] = {
    ("dev ar", "sub_event_type F1"): 0.70,
    ("dev ar", "territory F1"): 0.75,
    ("dev en", "sub_event_type F1"): 0.70,
    ("seed", "events found (sub_event_type)"): 12,
    ("acled", "sub_event_type accuracy"): 0.75,
    ("case", "macro F1 (25 ACLED classes)"): 0.70,
    ("control", "control score ar"): 0.75,
    ("control", "control score en"): 0.75,
    ("places", "gold places in a gazetteer, resolved"): 0.90,
    ("places", "gold places in no gazetteer, found by name"): 0.80,
}

ProgressFactory = Callable[[str, int], ProgressHook]

# Short texts written for the project: run once before timing, so loading is not counted.
WARMUP_DOCS = (
    Document(id="warm-up-ar", text="قصفت المدفعية قرية على أطراف المدينة اليوم.", lang="ar"),
    Document(id="warm-up-en", text="Artillery shelled a village outside the city today.", lang="en"),
)


class DataMissing(FileNotFoundError):
    pass


@dataclass(slots=True)
class Row:
    suite: str
    metric: str
    value: float | None
    n: int | None = None
    target: float | None = None
    kind: str = "ratio"  # ratio | count | rate
    note: str = ""

    @property
    def passed(self) -> bool | None:
        if self.target is None or self.value is None:
            return None
        return self.value >= self.target

    def to_json(self) -> dict[str, Any]:
        return {
            "suite": self.suite,
            "metric": self.metric,
            "value": self.value,
            "n": self.n,
            "target": self.target,
            "passed": self.passed,
            "note": self.note,
        }


@dataclass(slots=True)
class Scoreboard:
    rows: list[Row] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, dict[str, float]] = field(default_factory=dict)
    extraction_errors: dict[str, dict[str, str]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    errors: ErrorReport | None = None  # error analysis of the gold suite
    predictions: list[dict[str, Any]] = field(default_factory=list)  # the gold suite's predicted events
    warmup_seconds: float | None = None  # the extractor's one-off loading time (not in the rates)

    def add(self, suite: str, metric: str, value: float | None, n: int | None = None, **kw: Any) -> None:
        target = TARGETS.get((suite, metric))
        self.rows.append(Row(suite, metric, value, n, target, **kw))

    def timing(self, suite: str, run: RunResult) -> None:
        self.timings[suite] = {
            "documents": run.documents,
            "seconds": round(run.seconds, 3),
            "rate": round(run.rate, 1),
        }
        if run.errors:
            self.extraction_errors[suite] = dict(run.errors)

    def to_json(self, n_errors: int = 20) -> dict[str, Any]:
        return {
            "rows": [r.to_json() for r in self.rows],
            "details": self.details,
            "timings": self.timings,
            "warmup_seconds": self.warmup_seconds,
            "extraction_errors": self.extraction_errors,
            "missing": self.missing,
            "errors": self.errors.to_json(n_errors) if self.errors else None,
        }


def _need(path: Path, board: Scoreboard) -> bool:
    if path.is_file():
        return True
    board.missing.append(str(path))
    return False


@dataclass(slots=True)
class Runner:
    """How the suites run the extractor: which one, with what progress display, on how many processes."""

    extractor: Extractor
    progress: ProgressFactory | None = None
    jobs: int = 1
    warmup_seconds: float | None = None  # set by the first run: one-off loading, kept out of rates

    def warm_up(self) -> None:
        """Run the extractor once per language on a short text so lazy loading is not timed."""
        if self.warmup_seconds is not None:
            return
        t0 = time.perf_counter()
        run_extractor(WARMUP_DOCS, self.extractor)
        self.warmup_seconds = time.perf_counter() - t0

    def run(self, docs: Sequence[Document], label: str) -> RunResult:
        self.warm_up()
        hook = self.progress(label, len(docs)) if self.progress else None
        return run_extractor(docs, self.extractor, hook, jobs=self.jobs)


def add_gold_rows(board: Scoreboard, suite: str, result: Mapping[str, Any]) -> None:
    """The reference metrics of one ``score`` result as rows."""
    for key, label in (
        ("event_type", "event_type F1"),
        ("sub_event_type", "sub_event_type F1"),
        ("territory", "territory F1"),
    ):
        r = result[key]
        board.add(suite, label, r["f1"], r["gold"], note=f"P={r['precision']:.3f} R={r['recall']:.3f}")
    for field_ in ("actor1", "actor2", "date", "fatalities"):
        acc, n = attribute_accuracy(result, field_)
        board.add(suite, f"{field_} accuracy (matched)", acc, n)


def score_gold_events(
    board: Scoreboard,
    gold_docs: Sequence[Mapping[str, Any]],
    pred_events: Sequence[Mapping[str, Any]],
    suite_prefix: str = "gold",
    overall: bool = True,
) -> None:
    """Reference scores per language (and overall when mixed and asked for), plus the error analysis."""
    by_lang = score_by_language(gold_docs, pred_events)
    board.details[suite_prefix] = by_lang
    langs = [k for k in by_lang if k != "all"]
    if overall and len(langs) != 1:
        add_gold_rows(board, f"{suite_prefix} all", by_lang["all"])
    for lang in langs:
        add_gold_rows(board, f"{suite_prefix} {lang}", by_lang[lang])
    board.errors = analyse(gold_docs, pred_events)


def dev_suite(
    board: Scoreboard,
    shared: Path,
    runner: Runner,
    show_rows: bool = True,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]] | None:
    """Extract and score the dev gold; returns (gold docs, predicted events) for the control score."""
    paths = {k: shared / v for k, v in DEV_FILES.items()}
    if not all(_need(p, board) for p in paths.values()):
        return None
    files = {k: read_jsonl(p) for k, p in paths.items()}
    docs_by_id: dict[str, dict[str, Any]] = {}
    for k in ("ar", "en", "seed"):
        for d in files[k]:
            docs_by_id.setdefault(d["doc_id"], d)
    gold_docs = list(docs_by_id.values())
    run = runner.run([document_from_gold(d) for d in gold_docs], "dev gold")
    board.timing("dev", run)
    preds = run.events
    board.predictions = preds
    if show_rows:
        gold_main = [d for d in gold_docs if d["doc_id"] in {x["doc_id"] for x in files["ar"] + files["en"]}]
        score_gold_events(board, gold_main, preds, suite_prefix="dev", overall=False)
        seed = score(files["seed"], preds)
        board.details["dev"]["seed"] = seed
        sub = seed["sub_event_type"]
        board.add("seed", "events found (sub_event_type)", sub["tp"], sub["gold"], kind="count")
        board.add("seed", "sub_event_type F1", sub["f1"], sub["gold"])
        board.add("seed", "territory F1", seed["territory"]["f1"], seed["territory"]["gold"])
    return gold_docs, preds


def control_suite(
    board: Scoreboard,
    gold_docs: Sequence[Mapping[str, Any]],
    preds: Sequence[Mapping[str, Any]],
    scorer: ControlScorer | None = None,
) -> None:
    res = score_control(gold_docs, preds, scorer)
    board.details["control"] = res
    for lang in ("ar", "en"):
        metric = f"control score {lang}"
        if not res["available"]:
            board.add("control", metric, None, None, note=f"n/a: {res['reason']}")
        elif lang in res:
            r = res[lang]
            board.add("control", metric, r["value"], r["n"], note=r.get("error", ""))


def acled_suite(
    board: Scoreboard,
    shared: Path,
    runner: Runner,
    year: int = 2020,
) -> None:
    rel = acled.ACLED_2020 if year == 2020 else acled.ACLED_2018
    path = shared / EXTERNAL / rel
    if not _need(path, board):
        return
    suite = "acled" if year == 2020 else "acled2018"
    records = acled.load_acled(path)
    run = runner.run(acled.documents(records), f"ACLED {year} notes")
    board.timing(suite, run)
    res = acled.score_acled(records, run.events_by_doc)
    board.details[suite] = res
    metrics = ["actor1", "location", "fatalities", "fatalities_stated"]
    if year == 2020:
        metrics = ["sub_event_type", "event_type", *metrics]
    for m in metrics:
        label = "fatalities accuracy (ACLED > 0)" if m == "fatalities_stated" else f"{m} accuracy"
        board.add(suite, label, res[m]["accuracy"], res[m]["n"])
    n = res["notes"]
    board.add(suite, "notes with a predicted event", round((n - res["no_event"]) / n, 4) if n else None, n)


def case_suite(board: Scoreboard, shared: Path, runner: Runner) -> None:
    path = shared / EXTERNAL / case2021.CASE_TEST
    if not _need(path, board):
        return
    snippets = case2021.load_case(path)
    run = runner.run(case2021.documents(snippets), "CASE 2021 snippets")
    board.timing("case", run)
    res = case2021.score_case(snippets, run.events_by_doc)
    board.details["case"] = res
    n = res["snippets"]
    board.add("case", "macro F1 (25 ACLED classes)", res["macro_f1"], n)
    board.add("case", "micro F1 (25 ACLED classes)", res["micro"]["f1"], n)
    board.add("case", "accuracy (incl. no event)", res["accuracy"], n)
    board.add(
        "case", "no event on non-ACLED classes", res["no_event_right"]["accuracy"], res["no_event_right"]["n"]
    )


def gsr_suite(board: Scoreboard, shared: Path, runner: Runner) -> None:
    sentences: list[gsr.GsrSentence] = []
    ignored = 0
    for et, rel in gsr.GSR_FILES.items():
        path = shared / EXTERNAL / rel
        if not _need(path, board):
            return
        rows, ign = gsr.load_gsr(path, et)
        sentences.extend(rows)
        ignored += ign
    run = runner.run(gsr.documents(sentences), "Arabic GSR sentences")
    board.timing("gsr", run)
    details: dict[str, Any] = {"ignored_rows": ignored}
    for et, broad in (("ASSAULT", False), ("ASSAULT", True), ("PROTEST", False)):
        res = gsr.score_gsr(sentences, run.events_by_doc, et, broad=broad)
        name = et.lower() + (" (broad)" if broad else "")
        details[name] = res
        board.add("gsr", f"{name} precision", res["precision"], res["tp"] + res["fp"])
        board.add("gsr", f"{name} recall", res["recall"], res["positives"])
        board.add("gsr", f"{name} F1", res["f1"], res["positives"] + res["negatives"])
    board.details["gsr"] = details


def places_suite(board: Scoreboard, shared: Path) -> None:
    """The geoparser's own measurement (rasad.evaluation.places, issue 4), shown when it is there."""
    try:
        from rasad.evaluation.places import evaluate_gold
        from rasad.places.gazetteer import load_gazetteer

        res = evaluate_gold(shared, load_gazetteer())
        present, absent = res["present"], res["absent"]
    except Exception as exc:  # another stage's code: report it, do not fail the scoreboard
        board.add(
            "places", "gold places in a gazetteer, resolved", None, note=f"n/a: {type(exc).__name__}: {exc}"
        )
        return
    board.details["places"] = res
    for (hit, n), metric in (
        (present, "gold places in a gazetteer, resolved"),
        (absent, "gold places in no gazetteer, found by name"),
    ):
        board.add("places", metric, round(hit / n, 4) if n else None, n)
    for who, c in res.get("mentions", {}).items():
        docs = max(int(c.get("docs", 1)), 1)
        board.add(
            "places",
            f"false place mentions per report ({who})",
            round(c.get("false", 0) / docs, 2),
            docs,
            kind="rate",
        )


def run_scoreboard(
    shared: Path,
    extractor: Extractor,
    suites: Iterable[str] = SUITES,
    progress: ProgressFactory | None = None,
    control_scorer: ControlScorer | None = None,
    jobs: int = 1,
) -> Scoreboard:
    """Run the chosen suites with one extractor; missing data is listed in ``board.missing``."""
    wanted = set(suites)
    board = Scoreboard()
    runner = Runner(extractor, progress, jobs)
    if wanted & {"dev", "control"}:
        dev = dev_suite(board, shared, runner, show_rows="dev" in wanted)
        if dev is not None and "control" in wanted:
            control_suite(board, dev[0], dev[1], control_scorer)
    if "acled" in wanted:
        acled_suite(board, shared, runner)
    if "acled2018" in wanted:
        acled_suite(board, shared, runner, year=2018)
    if "case" in wanted:
        case_suite(board, shared, runner)
    if "gsr" in wanted:
        gsr_suite(board, shared, runner)
    if "places" in wanted:
        places_suite(board, shared)
    board.warmup_seconds = runner.warmup_seconds
    return board


def score_files(
    gold_path: Path,
    pred_events: Sequence[Mapping[str, Any]] | None = None,
    extractor: Extractor | None = None,
    progress: ProgressFactory | None = None,
    control_scorer: ControlScorer | None = None,
    with_control: bool = True,
    jobs: int = 1,
) -> Scoreboard:
    """Score a prediction file, or the extractor's output, against any gold JSONL of the spec."""
    board = Scoreboard()
    if not _need(gold_path, board):
        return board
    gold_docs = read_jsonl(gold_path)
    if pred_events is None:
        if extractor is None:
            raise ValueError("give predicted events or an extractor")
        runner = Runner(extractor, progress, jobs)
        run = runner.run([document_from_gold(d) for d in gold_docs], gold_path.name)
        board.warmup_seconds = runner.warmup_seconds
        board.timing("gold", run)
        pred_events = run.events
        board.predictions = list(pred_events)
    score_gold_events(board, gold_docs, pred_events, suite_prefix="gold")
    if with_control:
        control_suite(board, gold_docs, pred_events, control_scorer)
    return board
