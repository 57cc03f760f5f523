"""The SQLite store: the only module that writes SQL (schema in docs/store.md).

Transactions: every write method is atomic on its own. Inside :meth:`Store.batch` the writes
share one transaction that is committed every ``commit_every`` documents (and when the batch
ends, also by an exception or Ctrl-C), each document write being a savepoint: a crash or
``kill -9`` loses at most the uncommitted documents, and running the same ingest again adds
them without duplicates (ids are primary keys; unchanged documents are no-ops).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from rasad.model import ControlInterval, Document, Event, Place
from rasad.store import rows
from rasad.store.migrate import migrate

PAGE = 500


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """``with Store("rasad.db") as store: ...`` — migrations are applied on open."""

    def __init__(self, path: str | Path = "rasad.db", timeout: float = 30.0) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
        self.schema_version = migrate(self.conn)
        self._batch_every = 0  # > 0 while a batch transaction is open
        self._batch_pending = 0

    # -- lifecycle and transactions ---------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")
        self.conn.close()

    @contextmanager
    def batch(self, commit_every: int = 200) -> Iterator[Store]:
        """Group writes into transactions of ``commit_every`` documents."""
        if self._batch_every:
            yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._batch_every, self._batch_pending = max(1, commit_every), 0
        try:
            yield self
        finally:
            self._batch_every = 0
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")  # what completed is consistent: keep it

    def commit(self) -> None:
        """Commit the open batch now (and go on batching)."""
        if self._batch_every and self.conn.in_transaction:
            self.conn.execute("COMMIT")
            self.conn.execute("BEGIN IMMEDIATE")
            self._batch_pending = 0

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        c = self.conn
        if self._batch_every:
            c.execute("SAVEPOINT w")
            try:
                yield c
            except BaseException:
                c.execute("ROLLBACK TO w")
                c.execute("RELEASE w")
                raise
            c.execute("RELEASE w")
            self._batch_pending += 1
            if self._batch_pending >= self._batch_every:
                self.commit()
        else:
            c.execute("BEGIN IMMEDIATE")
            try:
                yield c
            except BaseException:
                c.execute("ROLLBACK")
                raise
            c.execute("COMMIT")

    # -- documents ------------------------------------------------------------------------
    def upsert_document(self, doc: Document, content_hash: str, source_path: str | None = None) -> str:
        """Store ``doc``: "new", "unchanged" (same id and hash: nothing written) or "updated"
        (same id, other hash: replaced, and its events and derived control deleted)."""
        with self._write() as c:
            old = c.execute("SELECT content_hash, status FROM documents WHERE id = ?", (doc.id,)).fetchone()
            if old is not None and old["status"] == "ok" and old["content_hash"] == content_hash:
                return "unchanged"
            t = now()
            values = {
                "id": doc.id,
                "source": doc.source,
                "source_path": source_path,
                "url": doc.url,
                "title": doc.title,
                "author": doc.author,
                "published": rows.iso(doc.published),
                "lang": doc.lang if doc.lang in ("ar", "en") else "other",
                "text": doc.text,
                "meta": json.dumps(doc.meta, ensure_ascii=False, default=str),
                "content_hash": content_hash,
                "ingested_at": t,
                "updated_at": t,
                "status": "ok",
                "error": None,
            }
            if old is None:
                c.execute(rows.insert_sql("documents", values), values)
                result = "new"
            else:
                del values["ingested_at"]
                sets = ", ".join(f"{k} = :{k}" for k in values if k != "id")
                if old["status"] != "ok":
                    sets += ", ingested_at = :updated_at"
                c.execute(f"UPDATE documents SET {sets} WHERE id = :id", values)
                result = "updated" if old["status"] == "ok" else "new"
                if result == "updated":
                    self._delete_derived(c, doc.id)
            if source_path:
                c.execute(
                    "DELETE FROM documents WHERE status = 'error' AND source_path = ? AND id != ?",
                    (source_path, doc.id),
                )
            return result

    def _delete_derived(self, c: sqlite3.Connection, doc_id: str) -> None:
        c.execute("DELETE FROM events WHERE doc_id = ?", (doc_id,))
        c.execute("DELETE FROM extractions WHERE doc_id = ?", (doc_id,))
        c.execute(
            "DELETE FROM control_intervals WHERE id IN "
            "(SELECT interval_id FROM control_sources WHERE doc_id = ?)",
            (doc_id,),
        )

    def record_error(self, doc_id: str, source_path: str, error: str, run_id: int | None = None) -> None:
        """Log a failed input; keep an 'error' document row unless a good one has that id."""
        with self._write() as c:
            t = now()
            c.execute(
                "INSERT INTO ingest_errors (run_id, doc_id, source_path, error, at) VALUES (?, ?, ?, ?, ?)",
                (run_id, doc_id, source_path, error, t),
            )
            c.execute(
                "INSERT INTO documents (id, source_path, text, ingested_at, updated_at, status, error) "
                "VALUES (?, ?, '', ?, ?, 'error', ?) "
                "ON CONFLICT (id) DO UPDATE SET error = excluded.error, updated_at = excluded.updated_at "
                "WHERE documents.status = 'error'",
                (doc_id, source_path, t, t, error),
            )

    def clear_errors(self, source_path: str) -> int:
        """Drop the 'error' rows of a file (and of its records ``path#N``) before it is read
        again; the ``ingest_errors`` log stays. Returns how many rows went."""
        with self._write() as c:
            n = c.execute(
                "DELETE FROM documents WHERE source_path = ? AND status = 'error'", (source_path,)
            ).rowcount
            # "path#..." as an index range: '#' < '$'
            n += c.execute(
                "DELETE FROM documents WHERE source_path >= ? AND source_path < ? AND status = 'error'",
                (source_path + "#", source_path + "$"),
            ).rowcount
            return n

    def get_document(self, doc_id: str) -> Document | None:
        row = self.conn.execute(
            "SELECT * FROM documents WHERE id = ? AND status = 'ok'", (doc_id,)
        ).fetchone()
        return rows.document_from_row(row) if row else None

    def document_info(self, doc_id: str) -> dict[str, Any] | None:
        """The whole row of ``doc_id`` (any status), as a dict; ids may be given by prefix."""
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            found = self.conn.execute(
                "SELECT * FROM documents WHERE id LIKE ? || '%' ESCAPE '\\' LIMIT 2",
                (doc_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"),),
            ).fetchall()
            row = found[0] if len(found) == 1 else None
        if row is None:
            return None
        info = dict(row)
        info["meta"] = json.loads(info["meta"] or "{}")
        info["n_events"] = self.conn.execute(
            "SELECT COUNT(*) FROM events WHERE doc_id = ?", (row["id"],)
        ).fetchone()[0]
        return info

    def iter_documents(self, lang: str | None = None) -> Iterator[Document]:
        """Good documents in ingest order (paged, so writing while iterating is safe)."""
        last = 0
        while True:
            sql = "SELECT rowid AS rid, * FROM documents WHERE status = 'ok' AND rowid > ?"
            args: list[Any] = [last]
            if lang:
                sql += " AND lang = ?"
                args.append(lang)
            page = self.conn.execute(sql + f" ORDER BY rowid LIMIT {PAGE}", args).fetchall()
            if not page:
                return
            for row in page:
                yield rows.document_from_row(row)
            last = page[-1]["rid"]

    def list_documents(
        self, lang: str | None = None, limit: int | None = 50, errors: bool = False
    ) -> list[dict[str, Any]]:
        """Rows for listing (no text): good documents, or with ``errors`` the failed inputs."""
        sql = (
            "SELECT id, source, source_path, url, title, published, lang, length(text) AS chars, status, "
            "error, ingested_at, updated_at, "
            "(SELECT COUNT(*) FROM events e WHERE e.doc_id = documents.id) AS n_events "
            "FROM documents WHERE status = ?"
        )
        args: list[Any] = ["error" if errors else "ok"]
        if lang:
            sql += " AND lang = ?"
            args.append(lang)
        sql += " ORDER BY rowid"
        if limit:
            sql += " LIMIT ?"
            args.append(limit)
        return [dict(r) for r in self.conn.execute(sql, args)]

    def count_documents(self, lang: str | None = None, status: str = "ok") -> int:
        sql, args = "SELECT COUNT(*) FROM documents WHERE status = ?", [status]
        if lang:
            sql += " AND lang = ?"
            args.append(lang)
        return int(self.conn.execute(sql, args).fetchone()[0])

    # -- events -----------------------------------------------------------------------------
    def replace_events(self, doc_id: str, events: list[Event], extractor_version: str) -> None:
        """Replace all events of ``doc_id`` (one transaction) and mark it extracted."""
        with self._write() as c:
            c.execute("DELETE FROM events WHERE doc_id = ?", (doc_id,))
            t = now()
            seen: set[str] = set()
            for ev in events:
                if ev.doc_id != doc_id:
                    raise ValueError(f"event of document {ev.doc_id!r} given for {doc_id!r}")
                if not ev.id:
                    ev.id = rows.event_id(ev)
                base, k = ev.id, 1
                while ev.id in seen:
                    k += 1
                    ev.id = f"{base}-{k}"
                seen.add(ev.id)
                values = rows.event_row(ev, extractor_version, t)
                c.execute(rows.insert_sql("events", values) + " ON CONFLICT (id) DO NOTHING", values)
            c.execute(
                "INSERT INTO extractions (doc_id, extractor_version, n_events, extracted_at) "
                "VALUES (?, ?, ?, ?) "
                "ON CONFLICT (doc_id) DO UPDATE SET extractor_version = excluded.extractor_version, "
                "n_events = excluded.n_events, extracted_at = excluded.extracted_at",
                (doc_id, extractor_version, len(events), t),
            )

    def iter_events(self, doc_id: str | None = None) -> Iterator[Event]:
        if doc_id is not None:
            cur = self.conn.execute(
                "SELECT * FROM events WHERE doc_id = ? ORDER BY evidence_start, id", (doc_id,)
            )
        else:
            cur = self.conn.execute(
                "SELECT e.* FROM events e JOIN documents d ON d.id = e.doc_id "
                "ORDER BY d.rowid, e.evidence_start, e.id"
            )
        for row in cur.fetchall():
            yield rows.event_from_row(row)

    def count_events(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0])

    def documents_needing_extraction(self, extractor_version: str) -> list[str]:
        """Ids of good documents never extracted, or extracted by another extractor version."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT d.id FROM documents d LEFT JOIN extractions x ON x.doc_id = d.id "
                "WHERE d.status = 'ok' AND (x.doc_id IS NULL OR x.extractor_version != ?) ORDER BY d.rowid",
                (extractor_version,),
            )
        ]

    # -- control ----------------------------------------------------------------------------
    def replace_control(self, intervals: list[ControlInterval]) -> None:
        """Replace all derived control intervals (seeds and corrections are other tables)."""
        with self._write() as c:
            c.execute("DELETE FROM control_intervals")
            t = now()
            for iv in intervals:
                values = rows.control_row(iv, t)
                cur = c.execute(rows.insert_sql("control_intervals", values), values)
                c.executemany(
                    "INSERT OR IGNORE INTO control_sources (interval_id, doc_id) VALUES (?, ?)",
                    [(cur.lastrowid, d) for d in iv.sources],
                )

    def iter_control(self) -> Iterator[ControlInterval]:
        for row in self.conn.execute(
            "SELECT * FROM control_intervals ORDER BY place_key, valid_from, id"
        ).fetchall():
            yield rows.control_from_row(row)

    def add_control_seed(
        self,
        place_key: str,
        place_name: str,
        controller: str,
        as_of: date,
        lat: float | None = None,
        lon: float | None = None,
        admin1: str | None = None,
        note: str | None = None,
    ) -> int:
        with self._write() as c:
            cur = c.execute(
                "INSERT INTO control_seeds (place_key, place_name, controller, as_of, lat, lon, admin1, "
                "note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (place_key, place_name, controller, rows.iso(as_of), lat, lon, admin1, note, now()),
            )
            return int(cur.lastrowid or 0)

    def iter_control_seeds(self) -> Iterator[dict[str, Any]]:
        """Seeds as dicts: id, place_key, place_name, controller, as_of (date), lat, lon, admin1, note."""
        for row in self.conn.execute("SELECT * FROM control_seeds ORDER BY id").fetchall():
            d = dict(row)
            d["as_of"] = date.fromisoformat(d["as_of"])
            yield d

    # -- corrections ------------------------------------------------------------------------
    def add_correction(self, kind: str, target: str, payload: dict[str, Any], note: str | None = None) -> int:
        with self._write() as c:
            cur = c.execute(
                "INSERT INTO corrections (kind, target, payload, note, created_at) VALUES (?, ?, ?, ?, ?)",
                (kind, target, json.dumps(payload, ensure_ascii=False, default=str), note, now()),
            )
            return int(cur.lastrowid or 0)

    def iter_corrections(self, kind: str | None = None) -> Iterator[dict[str, Any]]:
        """Corrections as dicts: id, kind, target, payload (dict), note, created_at."""
        sql, args = "SELECT * FROM corrections", []
        if kind:
            sql += " WHERE kind = ?"
            args.append(kind)
        for row in self.conn.execute(sql + " ORDER BY id", args).fetchall():
            d = dict(row)
            d["payload"] = json.loads(d["payload"])
            yield d

    # -- places -----------------------------------------------------------------------------
    def upsert_places(self, places: Iterable[Place], names: dict[str, list[str]] | None = None) -> int:
        n = 0
        with self._write() as c:
            for p in places:
                c.execute(
                    "INSERT OR REPLACE INTO places (id, name_ar, name_en, names, kind, lat, lon, country, "
                    "admin1, admin2, admin3, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        p.id,
                        p.name_ar,
                        p.name_en,
                        json.dumps((names or {}).get(p.id, []), ensure_ascii=False),
                        p.kind,
                        p.lat,
                        p.lon,
                        p.country,
                        p.admin1,
                        p.admin2,
                        p.admin3,
                        p.source,
                    ),
                )
                n += 1
        return n

    # -- runs -------------------------------------------------------------------------------
    def start_run(self, paths: Iterable[str]) -> int:
        with self._write() as c:
            cur = c.execute(
                "INSERT INTO runs (started_at, paths) VALUES (?, ?)", (now(), json.dumps(list(paths)))
            )
            return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, counts: dict[str, int], status: str = "done") -> None:
        with self._write() as c:
            c.execute(
                "UPDATE runs SET finished_at = ?, status = ?, n_new = ?, n_unchanged = ?, n_updated = ?, "
                "n_errors = ? WHERE id = ?",
                (
                    now(),
                    status,
                    counts.get("new", 0),
                    counts.get("unchanged", 0),
                    counts.get("updated", 0),
                    counts.get("error", 0),
                    run_id,
                ),
            )

    def runs(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute("SELECT * FROM runs ORDER BY id")]

    def integrity_check(self) -> str:
        return str(self.conn.execute("PRAGMA integrity_check").fetchone()[0])
