"""HTML pages -> article body, title, author, URL and publication date.

trafilatura takes the main text (precision-oriented settings: comments, tables, images and
links left out, its own boilerplate heuristics on); htmldate finds the publication date from
the page's metadata and markup (original date preferred over an update date). The remaining
leftovers are removed afterwards by the line rules of rasad.ingest.clean.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from rasad.ingest.dates import date_from_url, parse_date
from rasad.ingest.result import IngestError

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


@dataclass(slots=True)
class HtmlArticle:
    text: str
    title: str | None
    author: str | None
    url: str | None
    published: date | None
    sitename: str | None


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head or "<p>" in head


def extract_html(html: str, url: str | None = None) -> HtmlArticle:
    """The article in ``html``; :class:`IngestError` when no text can be extracted."""
    import trafilatura
    from htmldate import find_date

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            favor_precision=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            with_metadata=True,
            deduplicate=False,
        )
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
        raise IngestError(f"HTML extraction failed: {type(exc).__name__}: {exc}") from None
    meta = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    text = (meta.get("text") or "").strip()
    if not text:
        # a very short page (one paragraph) can fall below trafilatura's precision threshold
        try:
            text = (
                trafilatura.extract(
                    html, url=url, favor_recall=True, include_comments=False, include_tables=False
                )
                or ""
            ).strip()
        except Exception:
            text = ""
    if not text:
        raise IngestError("no article text found in the HTML page")
    page_url = url or meta.get("url") or None
    published = None
    try:
        found = find_date(
            html, url=page_url, original_date=True, extensive_search=False, outputformat="%Y-%m-%d"
        )
        published = parse_date(found)
    except Exception:
        published = None
    if published is None:
        published = parse_date(meta.get("date")) or date_from_url(page_url)
    return HtmlArticle(
        text=text,
        title=(meta.get("title") or None),
        author=(meta.get("author") or None),
        url=page_url,
        published=published,
        sitename=meta.get("sitename") or meta.get("hostname") or None,
    )
