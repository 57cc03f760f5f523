"""rasad.ingest: read news files into :class:`rasad.model.Document` values.

One reader per input kind (HTML, plain text, JSON Lines, WARC; folders walked recursively;
``.gz`` of any of them). Every document's text goes through the same cleaning (boilerplate
lines removed, ``display`` normalisation) with a map back to the raw extracted text
(:mod:`rasad.ingest.offsets`). Per-document problems are values, never exceptions.
"""

from rasad.ingest.build import DEFAULT_MAX_BYTES, IngestOptions, build_document, document_from_record
from rasad.ingest.clean import clean_text
from rasad.ingest.lang import detect_lang
from rasad.ingest.offsets import OffsetMap
from rasad.ingest.readers import iter_files, read_file, read_inputs
from rasad.ingest.result import IngestError, IngestResult
from rasad.ingest.to_store import IngestSummary, ingest_into_store

__all__ = [
    "DEFAULT_MAX_BYTES",
    "IngestError",
    "IngestOptions",
    "IngestResult",
    "IngestSummary",
    "OffsetMap",
    "build_document",
    "clean_text",
    "detect_lang",
    "document_from_record",
    "ingest_into_store",
    "iter_files",
    "read_file",
    "read_inputs",
]
