"""What a reader yields: one document, or one clear per-document error."""

from __future__ import annotations

from dataclasses import dataclass

from rasad.model import Document


class IngestError(Exception):
    """A problem with one input (file, record): reported per document, never fatal to a batch."""


@dataclass(slots=True)
class IngestResult:
    """One document read from ``source_path``, or the reason it could not be read.

    ``source_path`` names the file, with ``#N`` for the N-th record of a JSON Lines or WARC
    file (1-based), so that an error points at the line to fix. ``error_id`` is the id under
    which an error is recorded in the store (derived from the source path).
    """

    source_path: str
    document: Document | None = None
    error: str | None = None
    content_hash: str | None = None
    kind: str = ""  # html | text | jsonl | warc | missing | unknown

    @property
    def ok(self) -> bool:
        return self.document is not None and self.error is None

    @property
    def error_id(self) -> str:
        from rasad.ingest.ids import error_id

        return error_id(self.source_path)
