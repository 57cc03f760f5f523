"""``rasad run`` on the bundled examples: every output is written, and a re-run is idempotent."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from rasad.cli.main import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_run_on_examples_writes_every_output_and_reruns_idempotently(tmp_path: Path) -> None:
    out = tmp_path / "out"
    runner = CliRunner()
    first = runner.invoke(app, ["run", str(EXAMPLES), "--out", str(out)])
    assert first.exit_code == 0, first.output
    for name in ("events.jsonl", "events.csv", "events.geojson", "control.csv", "map.png", "map.html"):
        assert (out / name).stat().st_size > 0, name
    events = [json.loads(line) for line in (out / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert events, "the examples describe events: none were extracted"
    for ev in events:
        assert {"doc_id", "event_type", "sub_event_type", "actor1", "location", "evidence"} <= ev.keys()
    # every evidence span points into its document's stored text
    from rasad.store import Store

    with Store(out / "rasad.db") as store:
        for ev in events:
            doc = store.get_document(ev["doc_id"])
            assert doc is not None
            span = ev["evidence"]
            assert doc.text[span["start"] : span["end"]] == span["text"]
    with (out / "control.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and {"place_name", "controller", "valid_from", "valid_to"} <= rows[0].keys()

    second = runner.invoke(app, ["run", str(EXAMPLES), "--out", str(out)])
    assert second.exit_code == 0, second.output
    again = (out / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(again) == len(events)
    assert "unchanged" in second.output


def test_run_reports_missing_input(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["run", str(tmp_path / "nope"), "--out", str(tmp_path / "o")])
    assert res.exit_code == 3
