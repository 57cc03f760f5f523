"""Raw extracted text + metadata -> the stored :class:`Document` and its content hash."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from rasad.ingest.clean import clean_text, load_rules
from rasad.ingest.dates import date_from_url, parse_date
from rasad.ingest.html import extract_html
from rasad.ingest.ids import content_hash, make_doc_id
from rasad.ingest.lang import detect_lang
from rasad.ingest.result import IngestError
from rasad.model import Document
from rasad.text.normalize import display_text

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
LANGS = ("ar", "en", "other")
# JSON Lines fields read into Document fields; anything else is kept in Document.meta, except
# these (a gold file's annotations are not part of the document).
RECORD_FIELDS = (
    "doc_id",
    "id",
    "text",
    "html",
    "url",
    "published",
    "date",
    "title",
    "source",
    "author",
    "lang",
)
RECORD_SKIP = ("events",)


@dataclass(slots=True)
class IngestOptions:
    max_bytes: int = DEFAULT_MAX_BYTES  # per file (HTML, text) or per record (JSON Lines, WARC)
    clean: bool = True  # apply the boilerplate line rules


def build_document(
    raw: str,
    *,
    doc_id: object | None = None,
    url: str | None = None,
    title: str | None = None,
    author: str | None = None,
    published: date | None = None,
    source: str | None = None,
    lang: str | None = None,
    meta: dict[str, Any] | None = None,
    options: IngestOptions | None = None,
) -> tuple[Document, str]:
    """Clean ``raw``, detect its language, give it an id; return the document and its hash."""
    options = options or IngestOptions()
    cleaned = clean_text(raw, boilerplate=options.clean)
    text = cleaned.text
    if not text.strip():
        raise IngestError("no text left after removing boilerplate" if raw.strip() else "empty text")
    title = " ".join(display_text(title).split()) or None if title else None
    m: dict[str, Any] = dict(meta or {})
    if not cleaned.offset_map.is_identity:
        m["offset_map"] = cleaned.offset_map.to_json()
        m["raw_length"] = cleaned.offset_map.raw_length
    if cleaned.dropped:
        m["boilerplate"] = dict(sorted(cleaned.dropped.items()))
        m["boilerplate_version"] = load_rules().version
    detected = detect_lang(text)
    if lang in LANGS:
        if lang != detected:
            m["detected_lang"] = detected
        final_lang = lang
    else:
        final_lang = detected
    url = url.strip() if isinstance(url, str) and url.strip() else None
    doc = Document(
        id=make_doc_id(doc_id, url, text),
        text=text,
        lang=final_lang,  # type: ignore[arg-type]
        title=title,
        url=url,
        published=published,
        source=source,
        author=author or None,
        meta=m,
    )
    return doc, content_hash(text, title, published)


def document_from_record(
    record: dict[str, Any], options: IngestOptions | None = None, default_source: str | None = None
) -> Document:
    """A JSON Lines record (``text`` or ``html``; optional ``doc_id``, ``url``, ``published``,
    ``title``, ``source``, ``author``, ``lang``) -> Document. Extra fields go to ``meta``."""
    return record_to_document(record, options, default_source)[0]


def record_to_document(
    record: dict[str, Any], options: IngestOptions | None = None, default_source: str | None = None
) -> tuple[Document, str]:
    if not isinstance(record, dict):
        raise IngestError(f"a record must be a JSON object, not {type(record).__name__}")
    url = record.get("url") if isinstance(record.get("url"), str) else None
    published = parse_date(record.get("published") or record.get("date"))
    title = record.get("title") if isinstance(record.get("title"), str) else None
    author = record.get("author") if isinstance(record.get("author"), str) else None
    text = record.get("text")
    html = record.get("html")
    if isinstance(text, str) and text.strip():
        raw = text
    elif isinstance(html, str) and html.strip():
        art = extract_html(html, url)
        raw = _with_title(art.text, title or art.title)
        title = title or art.title
        author = author or art.author
        url = url or art.url
        published = published or art.published
    else:
        raise IngestError("record has no text (neither a non-empty 'text' nor 'html' field)")
    if published is None:
        published = date_from_url(url)
    meta = {k: v for k, v in record.items() if k not in RECORD_FIELDS and k not in RECORD_SKIP}
    source = record.get("source") if isinstance(record.get("source"), str) else default_source
    doc_id = record.get("doc_id", record.get("id"))
    return build_document(
        raw,
        doc_id=doc_id,
        url=url,
        title=title,
        author=author,
        published=published,
        source=source,
        lang=record.get("lang"),
        meta=meta,
        options=options,
    )


def _with_title(body: str, title: str | None) -> str:
    """The stored text of an HTML page starts with its headline, as scraped pages do."""
    if not title:
        return body
    title = title.strip()
    if body.lstrip().startswith(title[: min(len(title), 40)]):
        return body
    return title + "\n\n" + body
