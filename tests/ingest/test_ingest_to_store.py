"""ingest_into_store: the loop shared by ``rasad ingest`` and ``rasad run``."""

from __future__ import annotations

import json
from pathlib import Path

from helpers_ingest import AR_REPORT, EN_REPORT

from rasad.ingest import ingest_into_store
from rasad.store import Store


def test_new_unchanged_updated_errors_and_progress(tmp_path: Path, db_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"doc_id": "a", "text": AR_REPORT}) + "\n" + "{broken\n", "utf-8")
    (tmp_path / "b.txt").write_text(EN_REPORT, "utf-8")
    seen: list[tuple[int, int]] = []
    with Store(db_path) as store:
        s1 = ingest_into_store([tmp_path], store, on_file=lambda d, t, _s: seen.append((d, t)))
        assert dict(s1.counts) == {"new": 2, "error": 1} and s1.n_files == 2 and seen == [(1, 2), (2, 2)]
        assert s1.errors == [(f"{feed}#2", s1.errors[0][1])] and "not valid JSON" in s1.errors[0][1]
        assert "a" in s1.doc_ids and len(s1.doc_ids) == 2
        revised = AR_REPORT + "\nوأصيب ثلاثة آخرون."
        feed.write_text(json.dumps({"doc_id": "a", "text": revised}) + "\n", "utf-8")
        s2 = ingest_into_store([tmp_path], store)
        assert dict(s2.counts) == {"updated": 1, "unchanged": 1}
        assert store.count_documents(status="error") == 0  # the fixed line's error row is gone
        assert [r["status"] for r in store.runs()] == ["done", "done"]
