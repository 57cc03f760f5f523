"""A fast string form of rasad.text.normalize's ``match`` level, for whole-line tests.

``fold(s)`` equals ``normalize(s, "match").text`` (NFC, then one ``str.translate``) but runs
at C speed because no offset map is needed: it is used to test boilerplate rules and
datelines, never to produce offsets.
"""

from __future__ import annotations

import unicodedata

from rasad.text.normalize import BIDI_CONTROLS, DIACRITICS, MATCH_FOLD, SPACES, TATWEEL

_TABLE: dict[int, str | None] = {ord(c): None for c in (*BIDI_CONTROLS, TATWEEL, *DIACRITICS)}
_TABLE.update({ord(k): v for k, v in SPACES.items()})
_TABLE.update({ord(k): v for k, v in MATCH_FOLD.items() if k != v})


def fold(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).translate(_TABLE)
    return text.lower()
