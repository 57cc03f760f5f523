"""Find input files and read each into documents: HTML, text, JSON Lines, WARC, .gz, folders.

Every problem with one input becomes an :class:`IngestResult` with an error (missing file,
permission, binary, empty, truncated gzip, undecodable, too big, bad JSON line…); nothing
raises out of :func:`read_inputs`, so a batch always goes on.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from rasad.ingest.build import IngestOptions, _with_title, build_document, record_to_document
from rasad.ingest.dates import dateline_date
from rasad.ingest.decode import decode_bytes
from rasad.ingest.html import extract_html, looks_like_html
from rasad.ingest.result import IngestError, IngestResult

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"}
TEXT_SUFFIXES = {".txt", ".text"}  # other names (.md…) are read only when given explicitly
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
WARC_SUFFIXES = {".warc", ".arc"}


def kind_of(path: Path) -> str | None:
    """``html``/``text``/``jsonl``/``warc`` from the name (``.gz`` looked through), else None."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    suffix = Path(name).suffix
    for kind, suffixes in (
        ("html", HTML_SUFFIXES),
        ("text", TEXT_SUFFIXES),
        ("jsonl", JSONL_SUFFIXES),
        ("warc", WARC_SUFFIXES),
    ):
        if suffix in suffixes:
            return kind
    return None


def iter_files(paths: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """``(file, kind)`` for each input: files as given (kind sniffed when the name says
    nothing: ``unknown``), folders walked recursively in name order (known kinds only, hidden
    entries skipped); a missing path yields kind ``missing``."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p).parts
                if any(part.startswith(".") for part in rel) or not f.is_file():
                    continue
                kind = kind_of(f)
                if kind:
                    yield f, kind
        elif p.exists() or p.is_symlink():
            yield p, kind_of(p) or "unknown"
        else:
            yield p, "missing"


def read_inputs(
    paths: Iterable[Path], options: IngestOptions | None = None, workers: int = 1
) -> Iterator[IngestResult]:
    """Every document (or per-document error) under ``paths``, in file order.

    ``workers > 1`` reads files in that many processes (HTML extraction is CPU-bound).
    """
    options = options or IngestOptions()
    for _path, results in read_files(list(iter_files(paths)), options, workers):
        yield from results


def _read_listed(item: tuple[Path, str, IngestOptions]) -> tuple[Path, list[IngestResult]]:
    path, kind, options = item
    return path, list(read_file(path, kind, options))


def read_files(
    files: list[tuple[Path, str]], options: IngestOptions, workers: int = 1
) -> Iterator[tuple[Path, Iterable[IngestResult]]]:
    """``(file, its results)`` for each listed file, in order; in ``workers`` processes if > 1
    (then each file's results are collected in its worker: give big JSON Lines dumps to one
    process, where they stream)."""
    items = [(p, k, options) for p, k in files]
    if workers <= 1 or len(items) < 4 * workers:
        for path, kind, opts in items:
            yield path, read_file(path, kind, opts)
        return
    import multiprocessing as mp

    # forkserver: workers start from a clean process (the caller may run threads, e.g. rich's)
    ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    pool = ctx.Pool(workers)
    try:
        yield from pool.imap(_read_listed, items, chunksize=4)
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def read_file(
    path: Path, kind: str | None = None, options: IngestOptions | None = None
) -> Iterator[IngestResult]:
    options = options or IngestOptions()
    kind = kind or kind_of(path) or "unknown"
    sp = str(path)
    if kind == "missing":
        yield IngestResult(sp, error="no such file or folder", kind="missing")
        return
    try:
        if kind == "jsonl":
            yield from _read_jsonl(path, options)
        elif kind == "warc":
            yield from _read_warc(path, options)
        else:
            yield _read_single(path, kind, options)
    except IngestError as exc:
        yield IngestResult(sp, error=str(exc), kind=kind)
    except (PermissionError, IsADirectoryError, FileNotFoundError, OSError) as exc:
        yield IngestResult(sp, error=_os_error(exc), kind=kind)
    except Exception as exc:  # a reader bug must not stop the batch either
        yield IngestResult(sp, error=f"unexpected error: {type(exc).__name__}: {exc}", kind=kind)


def _os_error(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "cannot read the file: permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, FileNotFoundError):
        return "no such file (or a broken link)"
    if isinstance(exc, EOFError | zlib.error | gzip.BadGzipFile):
        return f"truncated or corrupt gzip file ({exc})"
    return f"cannot read the file: {exc.strerror or exc}"


def _open(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    gz = path.name.lower().endswith(".gz")
    if not gz:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(f"file too big: {_mb(size)}, over the {_mb(max_bytes)} limit (--max-bytes)")
    try:
        with _open(path) as f:
            data = f.read(max_bytes + 1)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise IngestError(f"truncated or corrupt gzip file ({exc})") from None
    if len(data) > max_bytes:
        raise IngestError(f"file too big: over the {_mb(max_bytes)} limit once decompressed (--max-bytes)")
    if gz and not data:
        raise IngestError("empty file (empty gzip content)")
    return data


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def _read_single(path: Path, kind: str, options: IngestOptions) -> IngestResult:
    data = _read_bytes(path, options.max_bytes)
    if not data.strip():
        raise IngestError("empty file" if not data else "empty file (only whitespace)")
    text, encoding = decode_bytes(data, html=kind in ("html", "unknown"))
    if kind == "unknown" or (kind == "html" and "<" not in text[:20_000]):
        kind = "html" if looks_like_html(text) else "text"  # a ".html" file of plain text is text
    meta = {"encoding": encoding, "input_kind": kind + (".gz" if path.name.lower().endswith(".gz") else "")}
    if kind == "html":
        art = extract_html(text)
        raw = _with_title(art.text, art.title)
        doc, h = build_document(
            raw,
            url=art.url,
            title=art.title,
            author=art.author,
            published=art.published,
            source=art.sitename or path.name,
            meta=meta,
            options=options,
        )
    else:
        if not text.strip():
            raise IngestError("empty file (only whitespace)")
        first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
        title = first if 0 < len(first) <= 200 and len(text.strip()) > len(first) else None
        doc, h = build_document(
            text, title=title, published=dateline_date(text), source=path.name, meta=meta, options=options
        )
    return IngestResult(str(path), document=doc, content_hash=h, kind=kind)


def _read_jsonl(path: Path, options: IngestOptions) -> Iterator[IngestResult]:
    sp = str(path)
    try:
        f = _open(path)
    except OSError as exc:
        yield IngestResult(sp, error=_os_error(exc), kind="jsonl")
        return
    n_records = 0
    with f:
        try:
            head = f.read(64)
            f.seek(0)
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            yield IngestResult(sp, error=f"truncated or corrupt gzip file ({exc})", kind="jsonl")
            return
        if not head.strip():
            yield IngestResult(sp, error="empty file", kind="jsonl")
            return
        if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
            yield from _read_json_array(path, f, options)
            return
        lineno = 0
        while True:
            try:
                line = f.readline(options.max_bytes + 1)
            except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
                yield IngestResult(
                    f"{sp}#{lineno + 1}", error=f"truncated or corrupt gzip file ({exc})", kind="jsonl"
                )
                return
            if not line:
                break
            lineno += 1
            where = f"{sp}#{lineno}"
            if len(line) > options.max_bytes and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # skip the rest of the over-long line
                    line = f.readline(1 << 20)
                yield IngestResult(
                    where, error=f"record too big: over the {_mb(options.max_bytes)} limit", kind="jsonl"
                )
                n_records += 1
                continue
            if lineno == 1:
                line = line.removeprefix(b"\xef\xbb\xbf")
            if not line.strip():
                continue
            n_records += 1
            yield _record_result(line, where, path, options)
    if n_records == 0:
        yield IngestResult(sp, error="empty file (no JSON records)", kind="jsonl")


def _record_result(line: bytes, where: str, path: Path, options: IngestOptions) -> IngestResult:
    try:
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            text, _ = decode_bytes(line)
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            raise IngestError(f"not valid JSON: {exc.msg} at column {exc.colno}") from None
        doc, h = record_to_document(record, options, default_source=path.name)
        doc.meta.setdefault("input_kind", "jsonl")
        return IngestResult(where, document=doc, content_hash=h, kind="jsonl")
    except IngestError as exc:
        return IngestResult(where, error=str(exc), kind="jsonl")
    except Exception as exc:
        return IngestResult(where, error=f"unexpected error: {type(exc).__name__}: {exc}", kind="jsonl")


def _read_json_array(path: Path, f: IO[bytes], options: IngestOptions) -> Iterator[IngestResult]:
    sp = str(path)
    data = f.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        yield IngestResult(
            sp,
            error=f"JSON array file too big: over the {_mb(options.max_bytes)} limit "
            "(use JSON Lines for large collections)",
            kind="jsonl",
        )
        return
    try:
        records = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        yield IngestResult(sp, error=f"not valid JSON: {exc}", kind="jsonl")
        return
    for i, rec in enumerate(records, start=1):
        yield _record_result(json.dumps(rec).encode(), f"{sp}#{i}", path, options)


def _read_warc(path: Path, options: IngestOptions) -> Iterator[IngestResult]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    sp = str(path)
    n = 0
    found = 0
    with open(path, "rb") as raw:
        try:
            for record in ArchiveIterator(raw):
                n += 1
                if record.rec_type not in ("response", "resource"):
                    continue
                ctype = ""
                if record.http_headers is not None:
                    ctype = record.http_headers.get_header("Content-Type") or ""
                    status = record.http_headers.get_statuscode()
                    if status and not str(status).startswith("2"):
                        continue
                else:
                    ctype = record.rec_headers.get_header("Content-Type") or ""
                if "html" not in ctype.lower():
                    continue
                found += 1
                url = record.rec_headers.get_header("WARC-Target-URI")
                where = f"{sp}#{n}"
                body = record.content_stream().read(options.max_bytes + 1)
                yield _warc_result(body, ctype, url, where, path, options)
        except (ArchiveLoadFailed, EOFError, zlib.error, gzip.BadGzipFile, ValueError) as exc:
            yield IngestResult(f"{sp}#{n + 1}", error=f"corrupt or truncated WARC file ({exc})", kind="warc")
            return
    if found == 0:
        yield IngestResult(sp, error="no HTML response records in the WARC file", kind="warc")


def _warc_result(
    body: bytes, ctype: str, url: str | None, where: str, path: Path, options: IngestOptions
) -> IngestResult:
    try:
        if len(body) > options.max_bytes:
            raise IngestError(f"record too big: over the {_mb(options.max_bytes)} limit")
        charset = None
        if "charset=" in ctype.lower():
            charset = ctype.lower().split("charset=")[-1].split(";")[0].strip().strip("\"'")
        try:
            html = body.decode(charset) if charset else decode_bytes(body, html=True)[0]
        except (LookupError, UnicodeDecodeError):
            html = decode_bytes(body, html=True)[0]
        art = extract_html(html, url)
        doc, h = build_document(
            _with_title(art.text, art.title),
            url=url or art.url,
            title=art.title,
            author=art.author,
            published=art.published,
            source=art.sitename or path.name,
            meta={"input_kind": "warc"},
            options=options,
        )
        return IngestResult(where, document=doc, content_hash=h, kind="warc")
    except IngestError as exc:
        return IngestResult(where, error=str(exc), kind="warc")
    except Exception as exc:
        return IngestResult(where, error=f"unexpected error: {type(exc).__name__}: {exc}", kind="warc")


__all__ = ["iter_files", "kind_of", "read_file", "read_files", "read_inputs"]
