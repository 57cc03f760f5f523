"""``fold``: the ``match`` view of rasad.text.normalize as a plain string (kept as the
ingest stage's import path)."""

from rasad.text.normalize import fold

__all__ = ["fold"]
