"""The whole scoreboard with an injected fake extractor: every suite's numbers, checked by hand."""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from evalbuild import ev
from typer.testing import CliRunner

from rasad.evaluation.gold import read_jsonl, score
from rasad.evaluation.scoreboard import Scoreboard, run_scoreboard
from rasad.model import Document

EXT = Path("eval") / "external"


def fake_extractor(doc: Document) -> list[dict[str, Any]]:
    """Three events per document; the main one (highest confidence, first on ties) is the clash."""
    return [
        ev("attack", None, "ISIS", "CIVILIANS", confidence=0.2),
        ev("armed_clash", None, "SYR_GOV", "ISIS", confidence=0.9),
        ev("air_drone_strike", None, "RUS", None, confidence=0.9),
    ]


def fake_control(gold_docs: list[dict[str, Any]], pred_events: list[dict[str, Any]]) -> dict[str, Any]:
    return {"score": 0.5, "n": len(gold_docs)}


@pytest.fixture(scope="module")
def board(shared: Path) -> Scoreboard:
    calls: list[str] = []

    def progress(label: str, total: int):  # type: ignore[no-untyped-def]
        calls.append(label)
        return lambda n: None

    b = run_scoreboard(shared, fake_extractor, progress=progress, control_scorer=fake_control)
    assert len(calls) == 4  # dev, acled, case, gsr: one progress task each
    return b


def value(board: Scoreboard, suite: str, metric: str) -> float | None:
    return next(r.value for r in board.rows if r.suite == suite and r.metric == metric)


def test_no_data_missing_and_timings(board: Scoreboard) -> None:
    assert board.missing == []
    assert set(board.timings) == {"dev", "acled", "case", "gsr"}
    assert board.timings["acled"]["documents"] == 404
    assert board.timings["case"]["documents"] == 1019
    assert not board.extraction_errors


def test_dev_rows_equal_reference_score(board: Scoreboard, shared: Path) -> None:
    docs = [d for f in ("ar_dev", "en_dev") for d in read_jsonl(shared / "eval" / "dev" / f"{f}.jsonl")]
    preds = [dict(e, doc_id=d["doc_id"]) for d in docs for e in fake_extractor(Document(id="x", text=""))]
    for lang in ("ar", "en"):
        gold = read_jsonl(shared / "eval" / "dev" / f"{lang}_dev.jsonl")
        ref = score(gold, preds)
        assert value(board, f"dev {lang}", "sub_event_type F1") == ref["sub_event_type"]["f1"]
        assert value(board, f"dev {lang}", "territory F1") == ref["territory"]["f1"] == 0.0
    seed = score(read_jsonl(shared / "eval" / "dev" / "seed.jsonl"), preds)
    assert value(board, "seed", "events found (sub_event_type)") == seed["sub_event_type"]["tp"]
    row = next(r for r in board.rows if r.suite == "seed" and r.metric.startswith("events found"))
    assert row.target == 12 and row.passed is False
    assert board.errors is not None and board.errors.by_kind()["false_positive"] > 0


def test_acled_numbers(board: Scoreboard, shared: Path) -> None:
    with open(shared / EXT / "acled" / "acled_syria_iraq_2020-04-27_2020-05-09.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    n = len(rows)
    subs = Counter(r["sub_event_type"] for r in rows)
    assert value(board, "acled", "sub_event_type accuracy") == round(subs["Armed clash"] / n, 4)
    assert value(board, "acled", "event_type accuracy") == round(
        sum(r["event_type"] == "Battles" for r in rows) / n, 4
    )
    assert value(board, "acled", "location accuracy") == 0.0  # the fake gives no place
    zero = sum(float(r["fatalities"]) == 0 for r in rows)
    assert value(board, "acled", "fatalities accuracy") == round(zero / n, 4)  # null read as 0
    assert value(board, "acled", "fatalities accuracy (ACLED > 0)") == 0.0
    syr = board.details["acled"]["actor1"]
    assert 0 < syr["accuracy"] < 1 and syr["n"] >= 390


def test_case_numbers(board: Scoreboard) -> None:
    res = board.details["case"]
    n, clash = 1019, 66
    p, r = clash / n, 1.0
    f1 = 2 * p * r / (p + r)
    assert res["per_class"]["ARMED_CLASH"]["f1"] == round(f1, 4)
    assert res["macro_f1"] == round(f1 / 25, 4)
    others = res["no_event_right"]["n"]
    n_acled = n - others
    mp, mr = clash / n, clash / n_acled
    assert res["micro"]["f1"] == round(2 * mp * mr / (mp + mr), 4)
    assert res["accuracy"] == round(clash / n, 4)
    assert res["no_event_right"]["accuracy"] == 0.0
    assert value(board, "case", "macro F1 (25 ACLED classes)") == res["macro_f1"]


def test_gsr_numbers(board: Scoreboard) -> None:
    a = board.details["gsr"]["assault"]
    # every sentence yields an attack: all detected as ASSAULT
    assert a["recall"] == 1.0 and a["fn"] == 0 and a["tn"] == 0
    assert a["precision"] == round(a["positives"] / (a["positives"] + a["negatives"]), 4)
    p = board.details["gsr"]["protest"]
    assert p["tp"] == p["fp"] == 0 and p["recall"] == 0.0
    assert board.details["gsr"]["assault (broad)"]["recall"] == 1.0


def test_control_rows_from_injected_scorer(board: Scoreboard) -> None:
    for lang in ("ar", "en"):
        row = next(r for r in board.rows if r.metric == f"control score {lang}")
        assert row.value == 0.5 and row.target == 0.75 and row.passed is False


def test_control_missing_shows_na(shared: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "rasad.control.score", None)  # import fails
    b = run_scoreboard(shared, fake_extractor, suites=["control"])
    rows = [r for r in b.rows if r.suite == "control"]
    assert [r.value for r in rows] == [None, None]
    assert all(r.note.startswith("n/a") for r in rows)
    assert not any(r.suite.startswith("dev") for r in b.rows)


def test_extractor_failure_is_counted_not_raised(shared: Path) -> None:
    def broken(doc: Document) -> list[dict[str, Any]]:
        raise RuntimeError("boom")

    b = run_scoreboard(shared, broken, suites=["dev"])
    assert len(b.extraction_errors["dev"]) == b.timings["dev"]["documents"] == 64
    assert value(b, "dev ar", "sub_event_type F1") == 0.0


def test_cli_runs_with_injected_extractor(
    tmp_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rasad.cli import eval_cmd
    from rasad.cli.main import app

    monkeypatch.setattr(eval_cmd, "load_extractor", lambda: fake_extractor)
    out = tmp_path / "board.json"
    res = CliRunner().invoke(app, ["eval", "--shared", str(shared), "--suite", "case", "--json", str(out)])
    assert res.exit_code == 0, res.output
    assert "macro F1 (25 ACLED classes)" in res.output and "miss" in res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["meta"]["suites"] == ["case"]
    assert data["details"]["case"]["snippets"] == 1019


def test_cli_exit_3_when_data_or_extractor_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rasad.cli import eval_cmd
    from rasad.cli.main import app
    from rasad.evaluation.runner import ExtractorUnavailable

    monkeypatch.setattr(eval_cmd, "load_extractor", lambda: fake_extractor)
    res = CliRunner().invoke(app, ["eval", "--shared", str(tmp_path)])
    assert res.exit_code == 3
    (tmp_path / "eval").mkdir()
    res = CliRunner().invoke(app, ["eval", "--shared", str(tmp_path), "--suite", "case"])
    assert res.exit_code == 3

    def unavailable():  # type: ignore[no-untyped-def]
        raise ExtractorUnavailable("no extractor here")

    monkeypatch.setattr(eval_cmd, "load_extractor", unavailable)
    res = CliRunner().invoke(app, ["eval", "--shared", str(tmp_path)])
    assert res.exit_code == 3


def test_cli_saved_predictions_score_the_same_with_reference(
    tmp_path: Path, shared: Path, reference_scorer: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    from rasad.cli import eval_cmd
    from rasad.cli.main import app

    def placed(doc: Document) -> list[dict[str, Any]]:
        # a fake that puts an armed clash at one made-up point
        return [
            ev("armed_clash", {"name": "x", "lat": 35.33, "lon": 40.14, "admin1": None, "geo_precision": 1})
        ]

    monkeypatch.setattr(eval_cmd, "load_extractor", lambda: placed)
    pred, out = tmp_path / "pred.jsonl", tmp_path / "board.json"
    res = CliRunner().invoke(
        app, ["eval", "--shared", str(shared), "-s", "dev", "--save-pred", str(pred), "--json", str(out)]
    )
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    for lang in ("ar", "en"):
        gold = shared / "eval" / "dev" / f"{lang}_dev.jsonl"
        ref = subprocess.run(
            [sys.executable, str(reference_scorer), str(gold), str(pred), "--json", "--by-doc"],
            check=True,
            capture_output=True,
            text=True,
        )
        assert data["details"]["dev"][lang] == json.loads(ref.stdout)


def test_places_suite_is_optional_and_tolerant(shared: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "rasad.evaluation.places", None)  # the geoparser's module missing
    b = run_scoreboard(shared, fake_extractor, suites=["places"])
    (row,) = b.rows
    assert row.suite == "places" and row.value is None and row.note.startswith("n/a")
    assert not b.timings  # the extractor is not run for the places suite
