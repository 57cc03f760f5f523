"""Versioned migrations: ``migrations/NNNN_name.sql`` applied in order, once each.

``schema_version`` records each applied version. Opening a database written by a newer rasad
(a version this code does not know) is refused rather than risked.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime
from importlib import resources

_NAME = re.compile(r"^(\d{4})_([\w-]+)\.sql$")


class SchemaError(RuntimeError):
    pass


def available() -> list[tuple[int, str, str]]:
    """(version, name, sql) for each shipped migration, in order."""
    out = []
    for entry in resources.files("rasad.store").joinpath("migrations").iterdir():
        m = _NAME.match(entry.name)
        if m:
            out.append((int(m.group(1)), m.group(2), entry.read_text("utf-8")))
    out.sort()
    return out


def current_version(conn: sqlite3.Connection) -> int:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at TEXT NOT NULL)"
    )
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the pending migrations (each in its own transaction); return the schema version."""
    version = current_version(conn)
    migrations = available()
    known = {v for v, _, _ in migrations}
    if version and version not in known:
        raise SchemaError(f"database schema version {version} is newer than this rasad knows ({max(known)})")
    for v, name, sql in migrations:
        if v <= version:
            continue
        try:
            conn.execute("BEGIN IMMEDIATE")
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                (v, name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        version = v
    return version


def _statements(sql: str) -> list[str]:
    """Split a migration into statements (no semicolons inside literals in our files)."""
    lines = [ln.split("--", 1)[0] for ln in sql.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
