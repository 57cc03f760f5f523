"""Forces of countries outside the actor dictionary (src/rasad/data/actors_world.yaml).

``world_forces(text, lang)`` finds, in ``normalize(text, "match").text``, the phrases that name
a state force without a spec code ("afghan forces", "nigerian troops", and — flagged generic —
"government forces", "the military") and uncoded non-state groups ("taliban", "militants").
Each is ``(start, end, side, generic)`` with side "state" or "non_state". English only: the
Arabic news this project reads is about Syria/Iraq, whose forces the dictionary codes.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import yaml

from rasad.actors.lexicon import DATA_DIR
from rasad.text.normalize import match_key

WORLD_FILE = DATA_DIR / "actors_world.yaml"


class WorldForce(NamedTuple):
    start: int
    end: int
    side: str  # "state" | "non_state"
    generic: bool  # a state force named without a country ("government forces")


def _alt(words: list[str]) -> str:
    keys = sorted({" ".join(match_key(w).split()) for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in keys)


@lru_cache(maxsize=1)
def _patterns() -> tuple[str, re.Pattern[str] | None]:
    data = yaml.safe_load(WORLD_FILE.read_text(encoding="utf-8")) or {}
    en = data.get("en") or {}
    b = r"(?<![\w-])"
    e = r"(?![\w-])"
    nat, nouns = _alt(en.get("nationalities", [])), _alt(en.get("force_nouns", []))
    parts = [
        rf"(?P<nat>{b}(?:{nat})(?:'s)?\s+(?:{nouns}){e})",
        rf"(?P<gen>{b}(?:{_alt(en.get('generic_state', []))}){e})",
        rf"(?P<non>{b}(?:{_alt(en.get('non_state', []))}){e})",
    ]
    return str(data.get("version", "")), re.compile("|".join(parts), re.IGNORECASE)


def world_version() -> str:
    return _patterns()[0]


def world_forces(t: str, lang: str) -> list[WorldForce]:
    """World force phrases in the match-normalised text ``t`` (empty for languages but English)."""
    pat = _patterns()[1]
    if lang != "en" or pat is None:
        return []
    out: list[WorldForce] = []
    for m in pat.finditer(t):
        if m.group("nat"):
            out.append(WorldForce(m.start(), m.end(), "state", False))
        elif m.group("gen"):
            out.append(WorldForce(m.start(), m.end(), "state", True))
        else:
            out.append(WorldForce(m.start(), m.end(), "non_state", False))
    return out


def has_foreign_cue(t: str, lang: str) -> bool:
    """Whether the text names a country/nationality outside the dictionary (any word of the list)."""
    if lang != "en":
        return False
    return _nationality_re().search(t) is not None


@lru_cache(maxsize=1)
def _nationality_re() -> re.Pattern[str]:
    data = yaml.safe_load(WORLD_FILE.read_text(encoding="utf-8")) or {}
    words = (data.get("en") or {}).get("nationalities", [])
    return re.compile(rf"(?<![\w-])(?:{_alt(words)})(?![\w-])", re.IGNORECASE)
