"""Sentence splitting for Arabic and English news text, in linear time.

``split_sentences(text)`` returns ``(start, end)`` offsets into ``text`` (whitespace trimmed,
empty pieces dropped). Boundaries:

* ``. ! ? ؟ ؛`` (runs such as ``..`` or ``?!`` count once), followed by whitespace or the end,
  with closing quotes and brackets kept in the sentence they close;
* a full stop glued to a capitalised word after a lower-case word ("children.The raids");
* every line break (scraped news puts one paragraph per line; headlines have no full stop);
* not after an abbreviation (``U.S.``, ``e.g.``, ``Mr.``, ``أ.ف.ب``, initials, month
  abbreviations) and not when the next word starts with a lower-case Latin letter;
* a run longer than ``max_len`` characters with no boundary (text without punctuation, lists
  joined by commas) is cut at the last comma or, failing that, the last space in its final
  half, so no sentence is longer than ``max_len``.

Every character is looked at a bounded number of times: no backtracking regex.
"""

from __future__ import annotations

import re

MAX_LEN = 400

# Lower-cased tokens (without their final dot) that a full stop does not end a sentence after.
ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "gen", "lt", "col", "maj", "sgt", "capt", "cpt", "adm",
        "brig", "cmdr", "gov", "sen", "rep", "rev", "fr", "jr", "sr", "no", "nos", "vs", "etc", "al",
        "approx", "dept", "est", "fig", "inc", "ltd", "co", "corp", "govt", "univ", "jan", "feb",
        "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues",
        "wed", "thu", "thurs", "fri", "sat", "sun", "e.g", "i.e", "u.s", "u.k", "u.n", "a.m", "p.m",
        "d.c", "د", "م", "ص", "ج", "هـ", "ه",
    }
)

# punctuation before a space or the end; a full stop glued to the next sentence ("children.The")
_BOUNDARY = re.compile(r"[.!?؟؛]+[\"'”’»)\]]*(?=\s|$)|(?<=[a-z]{2})[.!?](?=[A-Z][a-z])|\n")
_CLOSERS = "\"'”’»)]"


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the ``.`` at ``dot`` ends an abbreviation rather than a sentence."""
    i = dot
    while i > 0 and not text[i - 1].isspace() and dot - i < 20:
        i -= 1
    token = text[i:dot].lstrip("(\"'“«")
    if not token:
        return False
    low = token.lower()
    if low in ABBREVIATIONS:
        return True
    if len(token) == 1 and token.isalpha():  # an initial: "J. Smith", "م."
        return True
    # dotted acronyms: U.S, a.m, أ.ف.ب, و.ا.س
    return "." in token and all(len(p) <= 2 for p in token.split(".") if p)


def _next_starts_lower(text: str, pos: int) -> bool:
    n = len(text)
    while pos < n and text[pos] in " \t":
        pos += 1
    return pos < n and "a" <= text[pos] <= "z"


def _cap(text: str, start: int, end: int, max_len: int, out: list[tuple[int, int]]) -> None:
    """Append ``[start, end)`` trimmed, cut into pieces of at most ``max_len`` characters."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > max_len:
        limit = start + max_len
        half = start + max_len // 2
        cut = -1
        for k in range(limit - 1, half, -1):  # prefer a comma, then a space
            if text[k] in ",،":
                cut = k + 1
                break
        if cut < 0:
            for k in range(limit, half, -1):
                if text[k].isspace():
                    cut = k
                    break
        if cut < 0:
            cut = limit
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > start:
            out.append((start, piece_end))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append((start, end))


def split_sentences(text: str, max_len: int = MAX_LEN) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``; see the module docstring."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group() != "\n":
            punct = m.group().rstrip(_CLOSERS)
            if punct == "." and (
                _is_abbreviation(text, m.start()) or _next_starts_lower(text, m.end())
            ):
                continue
        end = m.end() if m.group() != "\n" else m.start()
        _cap(text, start, end, max_len, out)
        start = m.end()
    _cap(text, start, len(text), max_len, out)
    return out


def sentence_at(spans: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The span of ``spans`` (sorted, as returned by :func:`split_sentences`) holding ``offset``."""
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid][1] <= offset:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(spans) and spans[lo][0] <= offset < spans[lo][1]:
        return spans[lo]
    return None
