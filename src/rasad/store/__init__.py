"""rasad.store: the SQLite database (schema and migrations: docs/store.md)."""

from rasad.store.migrate import SchemaError
from rasad.store.store import Store

__all__ = ["SchemaError", "Store"]
