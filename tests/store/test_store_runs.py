"""Runs, places and document info used by the CLI."""

from __future__ import annotations

from pathlib import Path

from rasad.ingest import build_document
from rasad.model import Place
from rasad.store import Store


def test_runs_and_places_and_info(db_path: Path) -> None:
    with Store(db_path) as s:
        run = s.start_run(["examples"])
        s.finish_run(run, {"new": 3, "error": 1}, "interrupted")
        (r,) = s.runs()
        assert (r["n_new"], r["n_errors"], r["status"]) == (3, 1, "interrupted")
        n = s.upsert_places(
            [Place("ocha:C5188", "سعلو", "Saalu", "town", 35.1, 40.4, "SY", "Deir-ez-Zor")],
            {"ocha:C5188": ["سعلو", "Saalu"]},
        )
        assert n == 1
        d, h = build_document(
            "ISIS fighters withdrew from Saalu on Monday, the SDF said.", doc_id="abc_def-1"
        )
        s.upsert_document(d, h, "x.jsonl#4")
        info = s.document_info("abc_d")  # a unique prefix is enough (and _ is not a wildcard)
        assert info is not None and info["id"] == "abc_def-1" and info["source_path"] == "x.jsonl#4"
        assert s.document_info("abcXd") is None
