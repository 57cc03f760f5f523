"""Stable document identities and content hashes.

* ``doc_id`` given by the source (JSON Lines) is used as is (stripped).
* otherwise a URL gives ``u-`` + 16 hex of SHA-1 of the normalised URL, so the same article
  fetched twice (with tracking parameters, ``www.``, a trailing slash or an AMP suffix) gets
  the same id;
* otherwise ``c-`` + 16 hex of SHA-1 of the stored text.
* a per-document error is recorded under ``e-`` + 16 hex of SHA-1 of its source path.
"""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "mc_cid", "mc_eid", "feedtype", "feedname", "ref", "amp", "so", "output"}
)


def _h(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def normalize_url(url: str) -> str:
    """A canonical form of ``url`` for identity (not for fetching)."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.scheme and not parts.netloc:
        return url
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    if host.startswith("amp."):
        host = host[4:]
    path = parts.path or "/"
    for suffix in ("/amp", "/amp/", "-amp"):
        if path.endswith(suffix) and len(path) > len(suffix):
            path = path[: -len(suffix)]
    path = path.rstrip("/") or "/"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in TRACKING_PARAMS
    ]
    query.sort()
    return urlunsplit(
        ("https" if parts.scheme in ("http", "https") else parts.scheme, host, path, urlencode(query), "")
    )


def url_id(url: str) -> str:
    return "u-" + _h(normalize_url(url))


def content_id(text: str) -> str:
    return "c-" + _h(text)


def error_id(source_path: str) -> str:
    return "e-" + _h(source_path)


def make_doc_id(doc_id: object | None, url: str | None, text: str) -> str:
    """The document id: the source's own ``doc_id``, else the URL's, else the content's."""
    if doc_id is not None and str(doc_id).strip():
        return str(doc_id).strip()
    if url and url.strip():
        return url_id(url)
    return content_id(text)


def content_hash(text: str, title: str | None = None, published: object | None = None) -> str:
    """What decides "unchanged" vs "updated": the stored text, title and publication date."""
    h = hashlib.sha256()
    for part in (text, title or "", str(published or "")):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()
