"""A candidate place mention while the geoparser works (token indices), how gazetteer hits
become candidates (common words and person names made weak), and the word tests the rules
share (place nouns, articles, attached pronouns, frequent words)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rasad.model import Place
from rasad.places.frames import FrameHit
from rasad.places.lexicon import PROCLITICS, is_arabic, latin_key, lexicon, strip_article
from rasad.places.matcher import Hit, KeyInfo, Tokens
from rasad.places.names import latin_name_span, name_end
from rasad.places.resolve import _seat

MAX_LIST_ITEMS = 12

@dataclass(slots=True)
class Cand:
    t0: int  # first token of the name (site: the noun)
    t1: int  # last token of the name
    rule: str
    hit: Hit | None = None
    cands: list[Place] = field(default_factory=list)
    weak: bool = False
    common: bool = False  # weak because it is a frequent word (not only a homonym)
    exact: set[str] = field(default_factory=set)  # candidates written as in the text (article)
    no_noun: set[str] = field(default_factory=set)  # candidates whose listed name has a noun the text lacks
    never: bool = False
    cue: str = ""  # what makes a weak name a place: noun | frame | list | context
    strip: int = 0  # characters of proclitics to drop from token t0 in the name
    noun: str | None = None
    prefer: tuple[str, ...] = ()
    frame: FrameHit | None = None
    s0: int = -1  # first token of the whole phrase (frame, noun)
    s1: int = -1  # last token of the whole phrase (side adjective, English frame noun)
    side: str = ""
    anchor_m: Cand | None = None
    near: Cand | None = None  # the framed mention that locates this one
    place: Place | None = None
    frame_only: bool = False
    dropped: bool = False

    def __post_init__(self) -> None:
        if self.s0 < 0:
            self.s0 = self.t0
        if self.s1 < 0:
            self.s1 = self.t1


# Zipf frequency from which a gazetteer name counts as a common word (data/place_common_words.tsv)
COMMON_MINOR, COMMON_MAJOR = 4.0, 5.3
COMMON_OPENED_ITEM = 4.6  # a definite item of a list a place noun opens ("ناحيتي الصبورة والسعن")
COMMON_SITE_NAME = 4.5  # after a site noun ("حقل العمر" is found as a gazetteer name first)
COMMON_EN_WORD = 4.0  # an English word this frequent is no place name by itself
COMMON_EN_INITIAL = 3.0  # ... nor this frequent when it opens a sentence (its capital says nothing)
COMMON_LIST_ITEM, COMMON_NOUN_NAME = 3.75, 4.0  # names no list has may not be words this frequent


def _listed_as(word: str, cands: list[Place]) -> bool:
    """Some candidate's English name is this very word ("aleppo"), not a variant spelling."""
    return any((p.name_en or "").lower() == word for p in cands)


def _sentence_initial(toks: Tokens, i: int) -> bool:
    """Token ``i`` opens the text, a line, or a sentence (a full stop, ! or ? before it)."""
    if i == 0 or "\n" in toks.gaps[i]:
        return True
    g = toks.gaps[i].strip()
    return bool(g) and g[-1] in ".!?"


def _major(p: Place) -> bool:
    """A governorate, district or district/sub-district seat, or a city with a population."""
    return p.kind in ("governorate", "district", "country") or bool(p.population) or _seat(p)


_DERIVED_VARIANTS = ("add_article", "no_article", "no_noun")


def _entry_facts(info: KeyInfo) -> dict[str, Any]:
    """What _hit_mention asks of a key's gazetteer entries (computed once per key)."""
    memo = info.memo
    if not memo:
        seen: set[str] = set()
        cands: list[Place] = []
        for p, _art, _k in info.entries:
            if p.id not in seen:
                seen.add(p.id)
                cands.append(p)
        memo["cands"] = cands
        # candidates written with (or without) the article as in the text; a variant that only
        # adds or drops the article or a noun by rule does not count ("الأنبار" is the
        # governorate, not the village أنبار; "ديالى" is the governorate, not "حي ديالى")
        memo["exact"] = {a: ({p.id for p, art, k in info.entries if art == a and k not in _DERIVED_VARIANTS}
                             or {p.id for p, art, _k in info.entries if art == a}) for a in (False, True)}
        memo["kinds"] = {k for _i, _a, k in info.entries}
        # places reached only by dropping the noun of a listed "حي X" / "قرية X"
        memo["no_noun"] = {p.id for p, _a, _k in info.entries} - {p.id for p, _a, k in info.entries
                                                                   if k != "no_noun"}
        memo["world"] = any(p.source == "world" for p in cands)
        memo["major"] = any(map(_major, cands))
        memo["governorate"] = any(p.kind == "governorate" for p in cands)
        memo["any_art"] = any(a for _p, a, _k in info.entries)
        memo["all_art"] = all(a for _i, a, _k in info.entries)
    return memo


def _hit_mention(h: Hit, toks: Tokens, gaz: Any) -> Cand:
    lex = lexicon()
    facts = _entry_facts(h.info)
    cands: list[Place] = list(facts["cands"])
    m = Cand(h.t0, h.t1, "gaz", hit=h, cands=cands)
    if not h.info.latin:  # "الأنبار" is the governorate rather than the village "أنبار"
        m.exact = set(facts["exact"][h.article])
        m.no_noun = facts["no_noun"]
    key = h.info.key
    if h.info.latin:
        w = toks.words[h.t0]
        if h.t0 > 0 and toks.words[h.t0 - 1] in ("al", "el") and toks.space_gap(h.t0):
            m.s0 = h.t0 - 1  # "al-Asharah": the article belongs to the span
        w = w[:-2] if w.endswith("'s") else w
        if not toks.upper[h.t0] or (h.t0 == h.t1 and w in lex.never_en):
            m.never = True
        # (a sentence opener is judged more strictly unless it is the listed name itself: "Aleppo")
        elif h.t0 == h.t1 and lex.common_en_words.get(w, 0.0) >= (
            COMMON_EN_INITIAL
            if _sentence_initial(toks, h.t0) and not _listed_as(w, cands)
            else COMMON_EN_WORD
        ):
            m.weak = m.common = True  # "Live", "Both", "Amid"; "Furious" opening a sentence
        elif key in lex.weak_en or (h.t0 == h.t1 and len(key) < 4) or \
                lex.common_en.get(key, 0.0) >= (COMMON_MAJOR if facts["major"] else COMMON_MINOR):
            m.weak = True
    else:
        m.strip = len(h.prefix) - (2 if h.article else 0)
        if h.prefix.endswith("لل"):
            m.strip = len(h.prefix) - 1  # ل + (ا)ل: the name starts at the second ل
        one_word = " " not in key
        kinds = facts["kinds"]
        if one_word and (key in lex.never or key in lex.frame_heads or key in lex.site
                         or key in lex.settlement or toks.words[h.t0] in lex.stop_plain):
            m.never = True
        elif one_word and key.endswith("يه") and h.article and not facts["any_art"]:
            m.weak = True  # "السورية" (the adjective) is not "سورية"
            m.never = facts["world"]
        elif one_word and not h.prefix and toks.words[h.t0][:1] in "وفبل" and \
                lex.common.get(strip_article(toks.words[h.t0][1:])[0], 0.0) >= COMMON_MINOR:
            m.weak = m.common = True  # "وآلية": و + a frequent word, not the village والية
        elif one_word and h.prefix and len(h.prefix) == 1 and \
                lex.common.get(toks.words[h.t0], 0.0) >= max(COMMON_MINOR, lex.common.get(key, 0.0) + 1.0):
            m.weak = m.common = True  # "وزارة" is a word, not و + the village زارة
        elif one_word and kinds <= {"no_noun", "translit"}:
            m.weak = m.common = True  # "الكهرباء" only as "حي الكهرباء": an ordinary word
        elif not facts["world"] and \
                lex.common.get(key, 0.0) >= (COMMON_MAJOR if facts["major"] else COMMON_MINOR):
            m.weak = m.common = True  # a frequent Arabic word ("العمال", "درجة", "فارس")
        elif key in lex.weak or (one_word and len(key) <= 3 and not facts["governorate"]):
            m.weak = True  # (but "في حمص", "في حلب": a governorate's name is no chance word)
        elif one_word and len(key) <= 4 and not h.article and facts["all_art"]:
            m.weak = True  # "باب" for الباب
    return m


def _latin_runs(toks: Tokens, ms: list[Cand]) -> list[Cand]:
    """A one-word Latin hit inside a longer capitalised name ("Maarat Al-Naasan") is that name."""
    out: list[Cand] = []
    hit_at = {t for m in ms for t in range(m.t0, m.t1 + 1)}
    for m in ms:
        if m.hit is None or not m.hit.info.latin or m.t0 != m.t1 or m.never:
            out.append(m)
            continue
        t0 = m.t0 - 1 if m.t0 > 0 and toks.words[m.t0 - 1] in ("al", "el") and toks.space_gap(m.t0) else m.t0
        left = latin_name_span(toks, t0, forward=False, max_tokens=3)
        right = latin_name_span(toks, m.t1, forward=True, max_tokens=3)
        s = left[0] if left else t0
        e = right[1] if right else m.t1
        article = t0 < m.t0  # "Maarat Al-Naasan": the hit is the second part of "X al-Y"
        heads = lexicon().site_en_before
        if e - s + 1 > 3 or (s >= t0 and e <= m.t1) or any(t in hit_at for t in range(s, e + 1)
                                                            if not m.t0 <= t <= m.t1) \
                or not (article or any(toks.words[t] in heads for t in range(s, e + 1))):
            out.append(m)
            continue
        s = s + 1 if toks.words[s] in ("al", "el") else s
        out.append(Cand(s, e, "latin.run"))
    return out


def _skeleton_pairs(toks: Tokens, ms: list[Cand], idx: Any) -> list[Cand]:
    """Two capitalised Latin words each matched alone ("Kafr" + "Nabl") that together spell a
    listed two-word name in another transliteration ("Kafr Nobol"): one mention of that place."""
    out: list[Cand] = []
    i = 0
    while i < len(ms):
        a = ms[i]
        b = ms[i + 1] if i + 1 < len(ms) else None
        if (
            b is not None
            and a.hit is not None
            and b.hit is not None
            and a.hit.info.latin
            and b.hit.info.latin
            and a.t0 == a.t1
            and b.t0 == b.t1 == a.t1 + 1
            and toks.upper[a.t0]
            and toks.upper[b.t0]
            and toks.space_gap(b.t0)
        ):
            key = f"{latin_key(toks.words[a.t0])} {latin_key(toks.words[b.t0])}"
            places = [p for p in idx.by_skeleton(key) if p.kind != "country"]
            if places:
                out.append(Cand(a.t0, b.t1, "latin.skeleton_pair", cands=places))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _noun_at(toks: Tokens, i: int) -> tuple[str, str] | None:
    """("settlement"|"site", kind-or-noun) when token ``i`` is a place noun."""
    return _noun_forms().get(toks.words[i])


@cache
def _noun_forms() -> dict[str, tuple[str, str]]:
    """Every written form of a place noun (with proclitics and article) -> its reading."""
    lex = lexicon()
    out: dict[str, tuple[str, str]] = {w: ("settlement", k) for w, k in lex.settlement_en.items()}
    entries = [(s, ("site", s)) for s in lex.site]
    entries += [(s, ("settlement", k)) for s, k in lex.settlement.items()]
    for stem, reading in entries:  # settlements last: they win where a form is both
        for p in PROCLITICS:  # "", و، ب، وب … and ال، وال، بال، لل …
            out[p + stem] = reading
    return out


def _longer_name(toks: Tokens, m: Cand, start_at: dict[int, Cand]) -> bool:
    """A one-word gazetteer hit that is only the start of a longer name ("سلطان عبد الله")."""
    if m.hit is None or m.t0 != m.t1 or m.hit.prefix or not is_arabic(toks.words[m.t0]):
        return False
    end = name_end(toks, m.t0)
    return end > m.t1 and all(t not in start_at for t in range(m.t1 + 1, end + 1))


def _suffixed(word: str) -> bool:
    """A word with an attached pronoun ("ريفها", "معسكرها", "إنتاجه") or a plural verb ending."""
    lex = lexicon()
    if word.endswith("وا") and len(word) >= 5:
        return True  # أحرقوا، غنموا
    for suf in ("ها", "هم", "هما"):  # (a final ه may be a ة: "حسانة")
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            rest = word[: -len(suf)]
            if rest in lex.common or rest in lex.frame_heads or rest in lex.site or rest in lex.settlement:
                return True
            if suf != "ه" and rest.endswith("ت") and rest[:-1] + "ه" in lex.common:
                return True  # "معسكرها" is معسكر + ها; "قريتها" is قرية + ها
    return False


def _tails_end(toks: Tokens, e: int) -> int:
    """Skip words that continue a known name ("درعا البلد", "حمص القديمة")."""
    tails = lexicon().name_tails
    while e + 1 < len(toks) and toks.space_gap(e + 1) and toks.words[e + 1][:2] == "ال" \
            and toks.words[e + 1][2:] in tails:
        e += 1
    return e


def _definite(word: str) -> bool:
    """The token carries the article (ال، بال، وال، لل …)."""
    return any(word.startswith(p) and art and len(word) > len(p) + 1 for p, art in PROCLITICS.items())


def _common(word: str) -> float:
    """Zipf frequency of an Arabic word (bare form; 0 when not among the frequent words)."""
    common = lexicon().common
    return common.get(strip_article(word)[0], 0.0) if is_arabic(word) else 0.0


def _clitic_len(word: str, stem: str) -> int:
    """Characters of conjunction/preposition before ``stem`` (keeping the article)."""
    for p in sorted(PROCLITICS, key=len, reverse=True):
        if not p or not word.startswith(p):
            continue
        rest = word[len(p):]
        if rest == stem:
            return len(p) - (2 if PROCLITICS[p] else 0) if not p.endswith("لل") else len(p) - 1
        if rest == "ال" + stem:
            return len(p)
    return 0
