"""Numbers in Arabic and English news text: digits, number words, duals, vague quantities.

``find_numbers(text, lang)`` returns :class:`rasad.model.NumberMention` values in text order:

* digits, Western or Eastern Arabic (folded by the ``match`` normalisation), with thousands
  separators (``1,200``, ``١٬٢٠٠``) and a following ألف/آلاف/thousand/مليون/million multiplier
  (rule ``digits``);
* Arabic number words up to the millions, with construct and compound forms (ثلاثة، ثلاث،
  أحد عشر، خمسة وعشرون، مئتان، ثلاثمئة، ثلاث مئة، ألفان) and clitics (وثلاثة، بخمسة) (``ar_words``);
* English number words (``twenty-five``, ``two hundred and fifty``, ``a dozen``) (``en_words``);
* dual nouns that mean two (قتيلان، شخصين، عنصرين) (``ar_dual``);
* vague quantities (عشرات، العديد، عدد من، dozens, several, a number of) with value None (``vague``).

The lexicons are in src/rasad/data/numbers.yaml. :func:`singular_victim` tells whether a word
is a singular person noun ("مقتل شخص" = one) for the events stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from rasad.model import NumberMention
from rasad.text.normalize import Normalized, match_key, normalize

DATA = Path(__file__).resolve().parent.parent / "data" / "numbers.yaml"
_TOKEN = re.compile(r"\d+(?:[,٬]\d{3})+(?!\d)|\d+(?:\.\d{3})+(?![\d.])|\d+|[^\W\d_]+(?:-[^\W\d_]+)*")
ALONE = frozenset({"الف", "thousand", "million", "مليون"})  # a thousand/million said alone
CLITICS = ("وب", "ول", "و", "ب", "ل", "ف")


@dataclass(slots=True)
class _Lex:
    words: dict[str, tuple[str, int]]  # key -> (class, value); class: unit|teen_head|tens|hundreds|...
    teen_tails: frozenset[str]
    hundred_word: frozenset[str]
    duals: frozenset[str]
    singular: dict[str, frozenset[str]]
    vague: dict[str, tuple[str, ...]]  # lang -> phrases, longest first
    fixed_en: dict[str, int]
    starters: frozenset[str]  # every token that can start a number phrase (clitics included)
    one_of: frozenset[str]  # أحد / إحدى before a plural: one


@lru_cache(maxsize=16)
def match_view(text: str) -> Normalized:
    """``normalize(text, "match")``, cached: the mention finders of one document share it."""
    return normalize(text, "match")


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    words: dict[str, tuple[str, int]] = {}
    for lang in ("ar", "en"):
        d = data[lang]
        for cls in ("units", "teen_heads", "tens", "hundreds", "thousands", "millions"):
            for w, v in (d.get(cls) or {}).items():
                words.setdefault(match_key(w), (cls, int(v)))
    ar, en = data["ar"], data["en"]
    return _Lex(
        words=words,
        teen_tails=frozenset(match_key(w) for w in ar["teen_tails"]),
        hundred_word=frozenset(match_key(w) for w in ar["hundred_word"] + en["hundred_word"]),
        duals=frozenset(match_key(w) for w in ar["duals"]),
        singular={lg: frozenset(match_key(w) for w in data[lg]["singular_persons"]) for lg in ("ar", "en")},
        vague={
            lang: tuple(sorted({match_key(w) for w in data[lang]["vague"]}, key=len, reverse=True))
            for lang in ("ar", "en")
        },
        fixed_en={match_key(k): int(v) for k, v in en["fixed"].items()},
        one_of=frozenset(c + match_key(w) for w in ar.get("one_of", []) for c in ("", "و", "ب", "ل")),
        starters=frozenset(
            {c + w for w in words for c in ("", *CLITICS)}
            | {k.split()[0] for k in (match_key(x) for x in en["fixed"])}
        ),
    )


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str


def _lookup(lex: _Lex, word: str, first: bool) -> tuple[str, int, int] | None:
    """(class, value, clitic length) of a number word, clitics stripped."""
    if word in lex.words:
        cls, v = lex.words[word]
        return cls, v, 0
    for c in CLITICS:
        if word.startswith(c) and word[len(c):] in lex.words and len(word) >= len(c) + 3:
            if not first and c != "و":
                return None
            cls, v = lex.words[word[len(c):]]
            return cls, v, len(c)
    return None


def _tokens(t: str) -> list[_Tok]:
    return [_Tok(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(t)]


def _digits_value(tok: str) -> int:
    return int(tok.replace(",", "").replace("٬", "").replace(".", ""))


def _parse_words(lex: _Lex, t: str, toks: list[_Tok], i: int, lang: str) -> tuple[int, int, int] | None:
    """Parse a number-word phrase at token ``i``: (value, first token, last token)."""
    total = 0
    current = 0
    j = i
    last = -1
    start_skip = 0
    prev_cls = ""
    while j < len(toks):
        word = toks[j].text
        if j > i and t[toks[j - 1].end:toks[j].start].strip():
            break  # punctuation ends a number phrase
        if lang == "en" and "-" in word:  # twenty-five
            parts = word.split("-")
            if all(p in lex.words for p in parts):
                current += sum(lex.words[p][1] for p in parts)
                last, prev_cls, j = j, "tens", j + 1
                continue
        first = j == i
        if not first and lang == "en" and word == "and" and prev_cls == "hundreds":
            j += 1
            continue
        hit = _lookup(lex, word, first)
        if hit is None:
            break
        cls, v, clitic = hit
        if first:
            start_skip = clitic
        elif lang == "ar" and cls in ("units", "tens", "teen_heads") and clitic == 0 and prev_cls != "":
            # a new number must be joined with و (خمسة وعشرون); "عشر" after a unit is a teen
            if cls == "units" and v == 10 and prev_cls == "units" and current % 10 and current < 10:
                current += 10
                last, prev_cls, j = j, "units", j + 1
                continue
            break
        if cls == "teen_heads":
            if j + 1 < len(toks) and toks[j + 1].text in lex.teen_tails:
                current += v + 10
                last, prev_cls, j = j + 1, "units", j + 2
                continue
            break
        if cls in ("units", "tens"):
            current += v
        elif cls == "hundreds":
            after_unit = 0 < current < 10 and prev_cls == "units"
            if lang == "en" or (word[clitic:] in lex.hundred_word and after_unit):
                current = (current or 1) * 100
            else:
                current += v
        elif cls in ("thousands", "millions"):
            if first and v in (1000, 1000000) and word[clitic:] not in ALONE:
                break  # آلاف / ملايين alone are vague
            total += (current or 1) * v
            current = 0
        prev_cls = cls
        last = j
        j += 1
    if last < 0:
        return None
    value = total + current
    if value <= 0:
        return None
    return value, start_skip, last


@lru_cache(maxsize=1)
def _vague_rx() -> re.Pattern[str]:
    lex = _lex()
    phrases = sorted(set(lex.vague["ar"]) | set(lex.vague["en"]), key=len, reverse=True)
    alt = "|".join(re.escape(p) for p in phrases)
    return re.compile(r"(?<!\w)(?:وب|ول|و|ف|ب|ل)?(" + alt + r")(?!\w)")


def _vague_spans(t: str) -> list[tuple[int, int]]:
    return [(m.start(1), m.end(1)) for m in _vague_rx().finditer(t)]


def find_numbers(text: str, lang: str) -> list[NumberMention]:
    """Numbers stated in ``text`` (offsets into ``text``); see the module docstring."""
    lex = _lex()
    norm = match_view(text)
    t = norm.text
    toks = _tokens(t)
    found: list[tuple[int, int, int | None, str]] = []  # normalised start, end, value, rule
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.text[0].isdigit():
            value = _digits_value(tok.text)
            end = tok.end
            if i + 1 < len(toks) and toks[i + 1].start - tok.end <= 1:
                nxt = lex.words.get(toks[i + 1].text)
                if nxt and nxt[0] in ("thousands", "millions"):
                    value *= nxt[1]
                    end = toks[i + 1].end
                    i += 1
            year = len(tok.text) == 4 and 1900 <= value <= 2100 and end == tok.end
            found.append((tok.start, end, value, "digits:year" if year else "digits"))
            i += 1
            continue
        if tok.text in lex.duals:
            found.append((tok.start, tok.end, 2, "ar_dual"))
            i += 1
            continue
        followed = i + 1 < len(toks) and not t[tok.end:toks[i + 1].start].strip()
        if tok.text in lex.one_of and followed and toks[i + 1].text not in lex.teen_tails:
            skip = 0 if tok.text[0] == "ا" else 1
            found.append((tok.start + skip, tok.end, 1, "ar_one_of"))
            i += 1
            continue
        if tok.text not in lex.starters and "-" not in tok.text:
            i += 1
            continue
        if lang == "en" or tok.text.isascii():
            fixed = _fixed_en(lex, toks, i)
            if fixed is not None:
                val, j = fixed
                found.append((tok.start, toks[j].end, val, "en_fixed"))
                i = j + 1
                continue
        parsed = _parse_words(lex, t, toks, i, "en" if tok.text.isascii() else "ar")
        if parsed is not None:
            value, skip, last = parsed
            rule = "en_words" if tok.text.isascii() else "ar_words"
            found.append((tok.start + skip, toks[last].end, value, rule))
            i = last + 1
            continue
        i += 1
    for s, e in _vague_spans(t):
        found.append((s, e, None, "vague"))
    return _select(norm, found)


def _fixed_en(lex: _Lex, toks: list[_Tok], i: int) -> tuple[int, int] | None:
    for n in (3, 2, 1):
        if i + n <= len(toks):
            phrase = " ".join(tk.text for tk in toks[i:i + n])
            if phrase in lex.fixed_en:
                return lex.fixed_en[phrase], i + n - 1
    return None


def _select(norm: Normalized, found: list[tuple[int, int, int | None, str]]) -> list[NumberMention]:
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    taken: list[tuple[int, int]] = []
    out: list[NumberMention] = []
    for s, e, v, rule in found:
        if any(a < e and s < b for a, b in taken):
            continue
        taken.append((s, e))
        o_s, o_e = norm.span(s, e)
        out.append(NumberMention(start=o_s, end=o_e, value=v, rule=rule))
    out.sort(key=lambda m: m.start)
    return out


def singular_victim(word: str, lang: str = "ar") -> bool:
    """Whether ``word`` (e.g. the word after مقتل / "killing") is a singular person noun: one."""
    lex = _lex()
    key = match_key(word)
    if lang == "ar" and key not in lex.singular["ar"]:
        for c in CLITICS:
            if key.startswith(c) and key[len(c):] in lex.singular["ar"]:
                return True
    return key in lex.singular.get(lang, frozenset())


def number_value(phrase: str, lang: str = "ar") -> int | None:
    """The value of a number written alone ("ثلاثة", "25", "twenty-one"); None if not a number."""
    nums = find_numbers(phrase, lang)
    return nums[0].value if nums else None
