"""Bytes -> text: BOMs, UTF-8, UTF-16 without BOM, Windows-1256, mixed files, binary files.

Order of decisions (first that applies):

1. magic numbers of common binary formats (PDF, images, archives, executables) -> error;
2. a BOM (UTF-8, UTF-16 LE/BE, UTF-32) -> that encoding;
3. UTF-16 without BOM, recognised by the pattern of its high bytes (0x00 for Latin text,
   0x06 for Arabic) at every other position;
4. NUL bytes or many control characters -> binary error;
5. strict UTF-8;
6. an encoding declared in an HTML ``<meta charset>`` (HTML only), when it decodes cleanly;
7. mixed files (valid UTF-8 sequences and stray bytes): line by line, UTF-8 where a line
   is valid, Windows-1256 (the usual Arabic legacy encoding) where it is not;
8. Windows-1256 when the non-ASCII characters it gives are Arabic, Windows-1252 when they are
   accented Latin letters;
9. charset-normalizer's best guess when it is coherent; otherwise a clear error.
"""

from __future__ import annotations

import codecs
import re

from rasad.ingest.result import IngestError

MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (docx/xlsx/epub?)"),
    (b"\x7fELF", "executable (ELF)"),
    (b"MZ", "executable (Windows)"),
    (b"\x1f\x8b", "gzip data without a .gz name"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ", "xz data"),
    (b"SQLite format 3", "SQLite database"),
    (b"\x00\x00\x01\x00", "icon"),
    (b"RIFF", "RIFF media"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
)

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff"


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when the high bytes say so, else None."""
    n = len(data) - (len(data) % 2)
    if n < 8:
        return None
    sample = data[: min(n, 8192)]
    even, odd = sample[0::2], sample[1::2]
    plausible_high = (0x00, 0x06, 0x20, 0xFE, 0xFB, 0x25)

    def share(bs: bytes) -> float:
        return sum(bs.count(b) for b in plausible_high) / max(1, len(bs))

    for enc, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if share(high) >= 0.9 and share(low) < 0.5:
            try:
                text = data[:n].decode(enc)
            except UnicodeDecodeError:
                continue
            head = text[:4000]
            printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in head)
            if printable / max(1, len(head)) > 0.95:
                return enc
    return None


def _binary_reason(data: bytes) -> str | None:
    for magic, what in MAGIC:
        if data.startswith(magic):
            return f"binary file ({what})"
    sample = data[:8192]
    if b"\x00" in sample:
        return "binary file (contains NUL bytes)"
    ctrl = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if sample and ctrl / len(sample) > 0.05:
        return f"binary file ({ctrl} control bytes in the first {len(sample)})"
    return None


def _cp1256_if_arabic(data: bytes) -> str | None:
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return None
    non_ascii = [ch for ch in text if ord(ch) > 127]
    if not non_ascii:
        return text
    arabic = sum(_is_arabic(ch) or ch in "\u200c\u200d\u200e\u200f«»" for ch in non_ascii)
    return text if arabic / len(non_ascii) >= 0.85 else None


def _mixed(data: bytes) -> tuple[str, str] | None:
    """Line by line: UTF-8 where valid, else Windows-1256 (Arabic). None if no line is UTF-8."""
    lines = data.split(b"\n")
    out: list[str] = []
    n_utf8 = n_1256 = 0
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
            if any(b > 127 for b in line):
                n_utf8 += 1
        except UnicodeDecodeError:
            text = _cp1256_if_arabic(line)
            if text is None:
                return None
            out.append(text)
            n_1256 += 1
    if n_utf8 == 0 or n_1256 == 0:
        return None
    return "\n".join(out), "mixed (utf-8 + windows-1256)"


def decode_bytes(data: bytes, html: bool = False) -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding name)`` or raise :class:`IngestError`."""
    if not data:
        raise IngestError("empty file")
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc), enc + " (BOM)"
            except UnicodeDecodeError as exc:
                raise IngestError(f"has a {enc} byte order mark but is not valid {enc}: {exc}") from None
    for magic, what in MAGIC:
        if data.startswith(magic):
            raise IngestError(f"binary file ({what})")
    enc16 = _utf16_without_bom(data)
    if enc16:
        return data[: len(data) - len(data) % 2].decode(enc16), enc16
    reason = _binary_reason(data)
    if reason:
        raise IngestError(reason)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if html:
        m = _META_CHARSET.search(data[:4096])
        if m:
            declared = m.group(1).decode("ascii", "replace").lower()
            try:
                return data.decode(declared), declared + " (declared)"
            except (LookupError, UnicodeDecodeError):
                pass
    mixed = _mixed(data)
    if mixed:
        return mixed
    text = _cp1256_if_arabic(data)
    if text is not None:
        return text, "windows-1256"
    text = _cp1252_if_latin(data)
    if text is not None:
        return text, "windows-1252"
    return _charset_normalizer(data)


_LATIN_EXTRA = frozenset("’‘“”–—…€«»°·")


def _cp1252_if_latin(data: bytes) -> str | None:
    """Western European legacy text: every non-ASCII character an accented letter or quote."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    non_ascii = [ch for ch in text if ord(ch) > 127]
    ok = sum(("\u00c0" <= ch <= "\u00ff" and ch.isalpha()) or ch in _LATIN_EXTRA for ch in non_ascii)
    return text if non_ascii and ok == len(non_ascii) else None


def _charset_normalizer(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.chaos > 0.25:
        raise IngestError(
            "cannot determine the text encoding (not UTF-8, UTF-16 or Windows-1256, and no "
            "other encoding decodes it coherently); convert it to UTF-8"
        )
    try:
        return data.decode(best.encoding), best.encoding
    except (LookupError, UnicodeDecodeError) as exc:
        raise IngestError(f"cannot decode as {best.encoding}: {exc}") from None
