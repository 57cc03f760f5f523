"""The geoparser's word lists (data/place_*.yaml), normalised once, and the key functions.

Arabic words are compared in their *bare* form: the ``match`` normalisation, then without
proclitics (و ف ب ل ك and their combinations) and the article (ال, ل+ال written لل).
Latin words are compared by :func:`latin_key`, a loose transliteration key (al-Asharah,
Ashara and Ashareh share one key).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

from rasad.model import Place
from rasad.text.normalize import match_key

# ---------------------------------------------------------------- Arabic proclitics

_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ل", "ك")


def _proclitics() -> dict[str, bool]:
    """Every proclitic string -> whether it ends with the article."""
    out: dict[str, bool] = {}
    for c in _CONJ:
        for p in _PREP:
            out[c + p] = False
            art = c + ("لل" if p == "ل" else p + "ال")
            out[art] = True
    return out


PROCLITICS: dict[str, bool] = _proclitics()
# longest first, so that stripping tries وبال before و
_PREFIXES_LONGEST = sorted(PROCLITICS, key=len, reverse=True)
ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
LATIN_WORD = re.compile(r"[a-z]")


def is_arabic(word: str) -> bool:
    return bool(word) and "\u0621" <= word[0] <= "\u064a"


def bare_forms(token: str) -> list[tuple[str, str]]:
    """(prefix, stem) readings of an Arabic token, the whole token first; stems ≥ 2 letters."""
    out = [("", token)]
    for p in _PREFIXES_LONGEST:
        if p and token.startswith(p) and len(token) - len(p) >= 2:
            out.append((p, token[len(p):]))
    return out


def strip_article(word: str) -> tuple[str, bool]:
    """``word`` without a leading ال (when at least two letters remain), and whether it had one."""
    if word.startswith("ال") and len(word) >= 4 and word != "الله":
        return word[2:], True
    return word, False


def arabic_key(name: str) -> tuple[str, bool]:
    """Bare key of a match-normalised Arabic name: first word without its article."""
    words = name.split()
    if not words:
        return "", False
    first, art = strip_article(words[0])
    return " ".join([first, *words[1:]]), art


# ---------------------------------------------------------------- Latin keys

LATIN_ARTICLES = frozenset({"al", "el", "ul"})
# assimilated articles, only when written with a hyphen ("as-Suwayda", "ash-Shaddadi")
LATIN_HYPHEN_ARTICLES = frozenset(
    {"ad", "ag", "ar", "as", "ash", "at", "ath", "az", "an", "adh", "ed", "er", "es", "esh", "et", "ez",
     "en", "ud", "ur", "us", "ut", "uz", "un"}
)
_VOWELS = frozenset("aeiou")


@lru_cache(maxsize=65536)
def latin_key(word: str) -> str:
    """Loose key of one Latin word (already lower-cased): vowels -> a, w/y dropped inside
    words, q -> k, doubled letters single, final h after a vowel dropped."""
    w = word.replace("'", "").replace("`", "").replace("gh", "g")
    out: list[str] = []
    for i, ch in enumerate(w):
        if ch in _VOWELS:
            ch = "a"
        elif ch in "wy" and i > 0:
            continue
        elif ch == "q":
            ch = "k"
        if out and out[-1] == ch:
            continue
        out.append(ch)
    if len(out) > 2 and out[-1] == "h" and out[-2] == "a":
        out.pop()
    return "".join(out)


_LATIN_TOKEN = re.compile(r"[a-z'`]+-?")
_PARENS = re.compile(r"\(.*?\)")


def latin_name_key(name: str) -> str:
    """Key of a whole Latin name: articles dropped, each word keyed, joined by spaces."""
    name = name.lower()
    if "(" in name:
        name = _PARENS.sub(" ", name)
    out: list[str] = []
    for tok in _LATIN_TOKEN.findall(name):
        hyphen = tok[-1] == "-"
        w = tok.rstrip("-").strip("'`")
        if not w or w in LATIN_ARTICLES or (hyphen and w in LATIN_HYPHEN_ARTICLES):
            continue
        k = latin_key(w)
        if k:
            out.append(k)
    return " ".join(out)


# ---------------------------------------------------------------- the lexicon


def _load(name: str) -> dict[str, Any]:
    text = resources.files("rasad.data").joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text) or {}


def _bare(word: str) -> str:
    key = match_key(word)
    if is_arabic(key):
        return arabic_key(key)[0]
    return key


@dataclass(slots=True)
class Frame:
    rule: str
    frame: str
    precision: int | None  # None = auto (3 for governorates/districts, 2 otherwise)
    words: tuple[str, ...]  # bare keys (Arabic) or lower-case words (English)


@dataclass(slots=True)
class Lexicon:
    settlement: dict[str, str] = field(default_factory=dict)  # bare noun -> kind
    settlement_en: dict[str, str] = field(default_factory=dict)
    site: set[str] = field(default_factory=set)
    site_en_after: list[tuple[str, ...]] = field(default_factory=list)
    site_en_before: set[str] = field(default_factory=set)
    site_en_first: set[str] = field(default_factory=set)
    name_heads: set[str] = field(default_factory=set)
    name_tails: set[str] = field(default_factory=set)
    site_adjectives: set[str] = field(default_factory=set)
    site_functions: set[str] = field(default_factory=set)
    never: set[str] = field(default_factory=set)
    never_en: set[str] = field(default_factory=set)
    weak: set[str] = field(default_factory=set)
    weak_en: set[str] = field(default_factory=set)
    stop: set[str] = field(default_factory=set)
    stop_plain: set[str] = field(default_factory=set)  # written without the article
    stop_art: set[str] = field(default_factory=set)  # written with it (bare form kept)
    stop_en: set[str] = field(default_factory=set)
    frames_before: list[Frame] = field(default_factory=list)  # longest phrases first
    frames_before_en: list[Frame] = field(default_factory=list)
    side_words: list[tuple[str, ...]] = field(default_factory=list)  # الشرقي / الشمالي الشرقي
    frames_after_en: dict[str, Frame] = field(default_factory=dict)
    frame_heads: set[str] = field(default_factory=set)  # first words of Arabic frames
    country_cues: dict[str, str] = field(default_factory=dict)  # bare word -> ISO2
    locative: set[str] = field(default_factory=set)
    linkers: set[str] = field(default_factory=set)
    list_openers: set[str] = field(default_factory=set)
    common: dict[str, float] = field(default_factory=dict)  # Arabic bare key -> Zipf frequency
    common_en: dict[str, float] = field(default_factory=dict)  # Latin key -> Zipf frequency
    common_en_words: dict[str, float] = field(default_factory=dict)  # English word -> Zipf frequency


@cache
def world_places() -> list[tuple[Place, list[str]]]:
    """Countries, regions and cities abroad (data/place_world.yaml) with all their names."""
    out = []
    for i, row in enumerate(_load("place_world.yaml")["places"]):
        lat, lon = row["ll"]
        names = [*row.get("ar", []), *row.get("en", [])]
        p = Place(id=f"world:{row.get('cc') or 'xx'}:{i}", name_ar=row["ar"][0], name_en=row["en"][0],
                  kind=row["kind"], lat=float(lat), lon=float(lon), country=row.get("cc") or "",
                  admin1=None, source="world")
        out.append((p, names))
    return out


@cache
def lexicon() -> Lexicon:
    """The geoparser's lexicon, loaded and normalised once per process."""
    nouns, frames = _load("place_nouns.yaml"), _load("place_frames.yaml")
    stops = _load("place_stopwords.yaml")
    lex = Lexicon()
    for w, kind in (nouns["settlement_nouns"]["ar"] or {}).items():
        lex.settlement[_bare(w)] = kind
    lex.settlement_en = {k.lower(): v for k, v in (nouns["settlement_nouns"]["en"] or {}).items()}
    lex.site = {_bare(w) for w in nouns["site_nouns"]["ar"]}
    lex.site_en_after = sorted(
        (tuple(s.lower().split()) for s in nouns["site_nouns"]["en_after"]), key=len, reverse=True
    )
    lex.site_en_before = {s.lower() for s in nouns["site_nouns"]["en_before"]}
    lex.site_en_first = {p[0] for p in lex.site_en_after}
    lex.name_heads = {_bare(w) for w in nouns["name_heads"]}
    lex.name_tails = {_bare(w) for w in nouns["name_tails"]}
    lex.site_adjectives = {_bare(w) for w in nouns["site_adjectives"]}
    lex.site_functions = {_bare(w) for w in nouns["site_functions"]}
    lex.never = {_bare(w) for w in stops["never"]["ar"]}
    lex.never_en = {w.lower() for w in stops["never"]["en"]}
    lex.weak = {_bare(w) for w in stops["weak"]["ar"]}
    lex.weak_en = {latin_key(w.lower()) for w in stops["weak"]["en"]}
    lex.stop = {_bare(w) for w in stops["name_stop"]["ar"]}
    for w in stops["name_stop"]["ar"]:
        k = match_key(w)
        (lex.stop_art if k.startswith("ال") else lex.stop_plain).add(_bare(w))
    lex.stop_en = {w.lower() for w in stops["name_stop"]["en"]}
    for rule, spec in frames["before"].items():
        prec = spec.get("precision")
        precision = None if prec == "auto" else int(prec)
        ar = tuple(" ".join(_bare(w) for w in match_key(p).split()) for p in spec.get("ar") or [])
        en = tuple(p.lower() for p in spec.get("en") or [])
        if ar:
            lex.frames_before.append(Frame(rule, spec["frame"], precision, ar))
        if en:
            lex.frames_before_en.append(Frame(rule, spec["frame"], precision, en))
    for spec in frames["after"].values():
        if spec.get("only_after") == "countryside":
            lex.side_words = sorted(
                (tuple(_bare(w) for w in match_key(p).split()) for p in spec["ar"]), key=len, reverse=True
            )
    for rule, spec in frames["after"].items():
        for w in spec.get("en") or []:
            lex.frames_after_en[w.lower()] = Frame(rule, spec["frame"], None, (w.lower(),))
    for fr in lex.frames_before:
        for phrase in fr.words:
            lex.frame_heads.add(phrase.split()[0])
    lex.stop |= lex.frame_heads
    lex.stop_plain |= lex.frame_heads
    for cc, words in nouns["country_cues"].items():
        if cc != "rule":
            for w in words:
                lex.country_cues[_bare(w)] = cc
    lex.locative = {_bare(w) for w in nouns["locative_preps"]}
    lex.linkers = {_bare(w) for w in nouns["frame_linkers"]}
    lex.list_openers = {_bare(w) for w in nouns["list_openers"]}
    common = resources.files("rasad.data").joinpath("place_common_words.tsv").read_text(encoding="utf-8")
    for line in common.splitlines():
        if line.startswith("#") or line.startswith("key\t"):
            continue
        parts = line.split("\t")
        if len(parts) == 3:
            table = {"ar": lex.common, "en": lex.common_en, "en_word": lex.common_en_words}[parts[2]]
            table[parts[0]] = float(parts[1])
    return lex
