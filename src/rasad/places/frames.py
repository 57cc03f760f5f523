"""Frames around a place name: "ريف X الشرقي", "شرق X", "محيط X", "north of X", "X countryside".

A frame turns a mention of X into a region or a direction of X (PlaceMention.frame and
geo_precision 2 or 3). The phrases live in data/place_frames.yaml; this module matches them
on the tokens before and after a name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rasad.places.lexicon import Frame, lexicon
from rasad.places.matcher import Tokens, token_stems

_DIRS = (("شمال", "north"), ("جنوب", "south"), ("شرق", "east"), ("غرب", "west"),
         ("north", "north"), ("south", "south"), ("east", "east"), ("west", "west"))


def direction_of(words: tuple[str, ...] | list[str]) -> str:
    """"north", "east", "southeast", ... from the words of a phrase ("" when none)."""
    ns = ew = ""
    for w in words:
        for root, d in _DIRS:
            if root in w:
                if d in ("north", "south"):
                    ns = ns or d
                else:
                    ew = ew or d
    return ns + ew


@dataclass(slots=True)
class FrameHit:
    rule: str
    frame: str  # countryside | countryside_east | east | around | governorate | region_east ...
    precision: int | None  # None: 3 for a governorate or district, 2 otherwise
    start: int  # first token of the frame phrase
    prefer: tuple[str, ...]  # kinds the framed place most likely has
    words: tuple[str, ...]


@cache
def _index(latin: bool) -> dict[str, list[tuple[tuple[str, ...], Frame]]]:
    """Frame phrases indexed by their last word, longest first (Arabic or English ones)."""
    lex = lexicon()
    idx: dict[str, list[tuple[tuple[str, ...], Frame]]] = {}
    for fr in lex.frames_before_en if latin else lex.frames_before:
        for phrase in fr.words:
            words = tuple(phrase.split())
            idx.setdefault(words[-1], []).append((words, fr))
    for v in idx.values():
        v.sort(key=lambda t: len(t[0]), reverse=True)
    return idx


def _prefer(frame: str, words: tuple[str, ...]) -> tuple[str, ...]:
    if any(w in ("مدينه", "بلده", "قريه") for w in words):
        return ("town",)
    if frame in ("countryside", "governorate", "region"):
        return ("governorate", "district")
    return ("town", "neighbourhood", "site")


def _make(fr: Frame, start: int, words: tuple[str, ...]) -> FrameHit:
    frame = fr.frame
    if frame in ("direction", "region"):
        d = direction_of(words)
        frame = d if frame == "direction" else f"region_{d}" if d else "region"
    return FrameHit(fr.rule, frame, fr.precision, start, _prefer(fr.frame, words), words)


def frame_before(toks: Tokens, t0: int) -> FrameHit | None:
    """The frame phrase that ends just before token ``t0`` (skipping a Latin article)."""
    words = toks.words
    j = t0 - 1
    if j >= 0 and words[j] in ("al", "el") and not words[t0][:1].isdigit():
        j -= 1
    if j < 0 or not toks.space_gap(j + 1):
        return None
    latin = not ("\u0621" <= words[j][:1] <= "\u064a")
    idx = _index(latin)
    cands = idx.get(words[j]) if latin else None
    if not latin:
        cands = []
        for stem in token_stems(words[j]):
            cands.extend(idx.get(stem, ()))
        cands.sort(key=lambda t: len(t[0]), reverse=True)
    for phrase, fr in cands or ():
        n = len(phrase)
        s = j - n + 1
        if s < 0:
            continue
        ok = True
        if n > 1 and not latin and words[j] != phrase[-1]:
            continue  # only the first word takes proclitics: "شرقي المدينة" is not "شرقي مدينة"
        for k in range(n - 1):
            tok = words[s + k]
            if (tok != phrase[k] if latin or k else phrase[k] not in token_stems(tok)) or (
                k and not toks.space_gap(s + k)
            ):
                ok = False
                break
        if ok and n > 1 and not toks.space_gap(j):
            ok = False
        if ok:
            return _make(fr, s, phrase)
    return None


def side_after(toks: Tokens, t1: int) -> tuple[int, str] | None:
    """"الشرقي" / "الشمالي الشرقي" after a countryside frame: (last token, direction)."""
    words = toks.words
    for phrase in lexicon().side_words:
        n = len(phrase)
        if t1 + n >= len(words):
            continue
        if all(words[t1 + 1 + k] in (phrase[k], "ال" + phrase[k]) and toks.space_gap(t1 + 1 + k)
               for k in range(n)):
            return t1 + n, direction_of(phrase) or "center"
    return None


def frame_after_en(toks: Tokens, t1: int) -> tuple[int, FrameHit] | None:
    """"X countryside", "X province": (last token, frame)."""
    j = t1 + 1
    if j >= len(toks) or not toks.space_gap(j):
        return None
    fr = lexicon().frames_after_en.get(toks.words[j])
    if fr is None:
        return None
    frame = "governorate" if toks.words[j] in ("province", "governorate") else fr.frame
    return j, FrameHit(fr.rule, frame,
                       None, t1 + 1, ("governorate", "district"), (toks.words[j],))
