"""Unicode and Arabic normalisation that keeps a map back to the original offsets.

Two levels, each a pure function of the text:

* ``display`` — NFC, bidi control marks and tatweel removed, odd spaces made plain. This is
  what people read.
* ``match`` — ``display`` plus what matching needs: Arabic diacritics removed, alef forms
  (أ إ آ ٱ) -> ا, ى -> ي, ة -> ه, ؤ -> و, ئ -> ي, Eastern Arabic digits -> ASCII, Latin
  lower-cased, typographic quotes and dashes unified.

Every step either deletes a character or replaces it by exactly one character, except NFC
which may compose several into one; the map records, for each output character, the index of
the first input character it came from, so any span found in the normalised view maps back
into the original text with :meth:`Normalized.span`.
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass

BIDI_CONTROLS = frozenset(
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\u200b\u200c\u200d\ufeff"
)
TATWEEL = "\u0640"
# Arabic harakat, tanwin, shadda, sukun, superscript alef, Quranic marks.
DIACRITICS = frozenset(chr(c) for c in [*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)])
SPACES = {"\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ", "\u3000": " "}

MATCH_FOLD: dict[str, str] = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ة": "ه",
    "ؤ": "و",
    "ئ": "ي",
    "ک": "ك",
    "ی": "ي",
    "ھ": "ه",
    "ہ": "ه",
    "“": '"',
    "”": '"',
    "„": '"',
    "«": '"',
    "»": '"',
    "‘": "'",
    "’": "'",
    "`": "'",
    "–": "-",
    "—": "-",
    "‐": "-",
    "−": "-",
    "،": "،",
    "؛": "؛",
}
for _i, _d in enumerate("٠١٢٣٤٥٦٧٨٩"):
    MATCH_FOLD[_d] = str(_i)
for _i, _d in enumerate("۰۱۲۳۴۵۶۷۸۹"):
    MATCH_FOLD[_d] = str(_i)


@dataclass(slots=True)
class Normalized:
    """A normalised view of ``original`` with ``offsets[i]`` = original index of char ``i``.

    ``offsets`` has one extra entry, ``len(original)``, so that end offsets map too.
    """

    original: str
    text: str
    offsets: list[int]

    def to_original(self, i: int) -> int:
        """Original index of normalised index ``i`` (``0 <= i <= len(text)``)."""
        return self.offsets[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised ``[start, end)`` to the original text.

        The end maps to just after the last original character that produced ``end - 1``, so
        characters dropped inside the span (tatweel, diacritics) are included, but those
        dropped after it are not.
        """
        if end <= start:
            o = self.offsets[start]
            return o, o
        o_start = self.offsets[start]
        last = self.offsets[end - 1]
        # extend over the characters of the original that produced the last normalised one
        nxt = self.offsets[end] if end < len(self.text) else len(self.original)
        o_end = last + 1
        while o_end < nxt and _dropped_combining(self.original[o_end]):
            o_end += 1
        return o_start, max(o_end, o_start)


def _dropped_combining(ch: str) -> bool:
    return ch in DIACRITICS or ch == TATWEEL or unicodedata.combining(ch) > 0


def _nfc_with_map(text: str) -> tuple[str, list[int]]:
    """NFC, mapping each output char to the first input char of its cluster."""
    if unicodedata.is_normalized("NFC", text):
        return text, list(range(len(text)))
    out: list[str] = []
    offs: list[int] = []
    i, n = 0, len(text)
    while i < n:
        # a cluster = a starter followed by combining characters
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        piece = unicodedata.normalize("NFC", text[i:j])
        for k, ch in enumerate(piece):
            out.append(ch)
            # best effort: composed characters point at the cluster start, leftovers after it
            offs.append(min(i + k, j - 1) if len(piece) > 1 else i)
        i = j
    return "".join(out), offs


# Fast path: for NFC text made of ASCII, Latin-1 punctuation, Arabic and general punctuation
# (nearly all news), str.translate does the folding and one pass collects the kept offsets.
# It gives exactly what the character loop below gives (a property test checks it).
_FAST_OK = re.compile(r"[^\x00-\xbf\xd7\xf7\u0600-\u06ff\u2000-\u206f\ufeff]")
_DROP_DISPLAY = BIDI_CONTROLS | {TATWEEL}
_DROP_MATCH = _DROP_DISPLAY | DIACRITICS
_TABLES = {
    "display": str.maketrans({**SPACES, **dict.fromkeys(_DROP_DISPLAY)}),
    "match": str.maketrans(
        {
            **SPACES,
            **MATCH_FOLD,
            **{c: c.lower() for c in string.ascii_uppercase},
            **dict.fromkeys(_DROP_MATCH),
        }
    ),
}
_DROPS = {"display": _DROP_DISPLAY, "match": _DROP_MATCH}


def _fast(text: str, level: str) -> Normalized | None:
    if _FAST_OK.search(text) or not unicodedata.is_normalized("NFC", text):
        return None
    drop = _DROPS[level]
    folded = text.translate(_TABLES[level])
    if len(folded) == len(text):
        offsets = list(range(len(text) + 1))
    else:
        offsets = [i for i, ch in enumerate(text) if ch not in drop]
        offsets.append(len(text))
    return Normalized(text, folded, offsets)


def normalize(text: str, level: str = "match") -> Normalized:
    """Normalise ``text`` at ``level`` ("display" or "match"); see the module docstring."""
    if level not in ("display", "match"):
        raise ValueError(f"unknown normalisation level {level!r}")
    fast = _fast(text, level)
    if fast is not None:
        return fast
    return _slow(text, level)


def _slow(text: str, level: str) -> Normalized:
    nfc, nfc_offs = _nfc_with_map(text)
    match = level == "match"
    out: list[str] = []
    offs: list[int] = []
    for ch, o in zip(nfc, nfc_offs, strict=True):
        if ch in BIDI_CONTROLS or ch == TATWEEL:
            continue
        if match and ch in DIACRITICS:
            continue
        ch = SPACES.get(ch, ch)
        if match:
            ch = MATCH_FOLD.get(ch, ch)
            if "A" <= ch <= "Z" or (ch.isupper() and len(ch.lower()) == 1):
                ch = ch.lower()
        out.append(ch)
        offs.append(o)
    offs.append(len(text))
    return Normalized(text, "".join(out), offs)


def fold(text: str) -> str:
    """The ``match`` view as a plain string, without the offset map (fast: one translate):
    for testing whole lines or names, never for producing offsets."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFC", text).translate(_TABLES["match"]).lower()


ARABIC_LETTER_FOLD = str.maketrans(
    {k: v for k, v in MATCH_FOLD.items() if "\u0600" <= k <= "\u06ff" and k != v}
)


def display_text(text: str) -> str:
    """The ``display`` normalisation of ``text`` as a plain string."""
    return normalize(text, "display").text


def match_key(text: str) -> str:
    """The ``match`` normalisation of ``text``, whitespace collapsed: a lookup key for names."""
    return " ".join(normalize(text, "match").text.split())


_SCORER_DIACRITICS = frozenset(chr(c) for c in range(0x064B, 0x0653)) | {TATWEEL}
_SCORER_ALEFS = str.maketrans({"إ": "ا", "أ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


def scorer_name_key(name: str | None) -> str:
    """The reference scorer's loose name key (``norm_name`` of ../shared/eval/score.py), exactly:
    diacritics and tatweel removed, alef forms, ى and ة unified, lower case, leading article
    (ال, al-, el-) dropped. Used wherever a place name must match the way the scorer matches it."""
    s = "".join(ch for ch in (name or "").strip().lower() if ch not in _SCORER_DIACRITICS)
    s = s.translate(_SCORER_ALEFS)
    for article in ("ال", "al-", "al ", "el-", "el "):
        if s.startswith(article):
            return s[len(article) :]
    return s
