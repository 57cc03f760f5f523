"""``find_places(text, lang)``: place mentions with offsets, frames and resolutions.

Steps (each a rule id in PlaceMention.rule):
1. ``gaz``: gazetteer names by the Aho-Corasick scan (matcher.py), proclitics and article
   allowed, longest match first. Ordinary words and person names are dropped (``stop.never``)
   or kept only with a place cue (``stop.weak``, names of three letters or fewer).
2. ``noun.settlement`` / ``noun.site``: a place noun before a name (قرية الخطاف، حقل الورد،
   "the village of X", "Balad Air Base"); names no list has are kept unresolved.
3. ``list.member``: a name in a comma / و list with places the text names for sure.
4. ``frame.*``: ريف X، شرق X، محيط X، "north of X", "X countryside" (frames.py).
5. resolution of homonyms from the document (resolve.py); a framed place right after another
   place only locates it (``frame_only``) and lends it its coordinates (``anchor``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rasad.model import Location, Place, PlaceMention
from rasad.places.frames import FrameHit, frame_after_en, frame_before, side_after
from rasad.places.lexicon import PROCLITICS, is_arabic, latin_key, lexicon, strip_article
from rasad.places.matcher import (
    Hit,
    Tokens,
    match_normalize,
    name_index,
    select_longest,
    token_stems,
    tokenize,
)
from rasad.places.names import is_stop, latin_name_span, name_end, site_adjectives_end
from rasad.places.resolve import Item, _seat, km, resolve

MAX_LIST_ITEMS = 12


@dataclass(slots=True)
class _M:
    t0: int  # first token of the name (site: the noun)
    t1: int  # last token of the name
    rule: str
    hit: Hit | None = None
    cands: list[Place] = field(default_factory=list)
    weak: bool = False
    never: bool = False
    cue: str = ""  # what makes a weak name a place: noun | frame | list | context
    strip: int = 0  # characters of proclitics to drop from token t0 in the name
    noun: str | None = None
    prefer: tuple[str, ...] = ()
    frame: FrameHit | None = None
    s0: int = -1  # first token of the whole phrase (frame, noun)
    s1: int = -1  # last token of the whole phrase (side adjective, English frame noun)
    side: str = ""
    anchor_m: _M | None = None
    near: _M | None = None  # the framed mention that locates this one
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
COMMON_LIST_ITEM, COMMON_NOUN_NAME = 4.0, 4.3  # names no list has may not be words this frequent


def _major(p: Place) -> bool:
    """A governorate, district or district/sub-district seat, or a city with a population."""
    return p.kind in ("governorate", "district", "country") or bool(p.population) or _seat(p)


def _hit_mention(h: Hit, toks: Tokens, gaz: Any) -> _M:
    lex = lexicon()
    seen: set[str] = set()
    cands: list[Place] = []
    for p, _art, _k in h.info.entries:
        if p.id not in seen:
            seen.add(p.id)
            cands.append(p)
    m = _M(h.t0, h.t1, "gaz", hit=h, cands=cands)
    key = h.info.key
    if h.info.latin:
        w = toks.words[h.t0]
        if not toks.upper[h.t0] or (h.t0 == h.t1 and w in lex.never_en):
            m.never = True
        elif key in lex.weak_en or (h.t0 == h.t1 and len(key) < 4) or \
                lex.common_en.get(key, 0.0) >= (COMMON_MAJOR if any(map(_major, cands)) else COMMON_MINOR):
            m.weak = True
    else:
        m.strip = len(h.prefix) - (2 if h.article else 0)
        if h.prefix.endswith("لل"):
            m.strip = len(h.prefix) - 1  # ل + (ا)ل: the name starts at the second ل
        one_word = " " not in key
        kinds = {k for _i, _a, k in h.info.entries}
        if one_word and (key in lex.never or key in lex.frame_heads or key in lex.site
                         or key in lex.settlement or toks.words[h.t0] in lex.stop_plain):
            m.never = True
        elif one_word and key.endswith("يه") and h.article and not any(a for _p, a, _k in h.info.entries):
            m.weak = True  # "السورية" (the adjective) is not "سورية"
            m.never = any(p.source == "world" for p in cands)
        elif one_word and not h.prefix and toks.words[h.t0][:1] in "وفبل" and \
                lex.common.get(strip_article(toks.words[h.t0][1:])[0], 0.0) >= COMMON_MINOR:
            m.weak = True  # "وآلية": و + a frequent word, not the village والية
        elif one_word and kinds <= {"no_noun", "translit"}:
            m.weak = True  # "الكهرباء" only as "حي الكهرباء": an ordinary word
        elif not any(p.source == "world" for p in cands) and \
                lex.common.get(key, 0.0) >= (COMMON_MAJOR if any(map(_major, cands)) else COMMON_MINOR):
            m.weak = True  # a frequent Arabic word ("العمال", "درجة", "فارس")
        elif key in lex.weak or (one_word and len(key) <= 3):
            m.weak = True
        elif one_word and len(key) <= 4 and not h.article and all(a for _i, a, _k in h.info.entries):
            m.weak = True  # "باب" for الباب
    return m


def _noun_at(toks: Tokens, i: int) -> tuple[str, str] | None:
    """("settlement"|"site", kind-or-noun) when token ``i`` is a place noun."""
    lex = lexicon()
    w = toks.words[i]
    if is_arabic(w):
        st = token_stems(w)
        for s in st:
            if s in lex.settlement:
                return "settlement", lex.settlement[s]
        for s in st:
            if s in lex.site:
                return "site", s
        return None
    if w in lex.settlement_en:
        return "settlement", lex.settlement_en[w]
    return None


def _nouns(toks: Tokens, ms: list[_M], start_at: dict[int, _M]) -> list[_M]:
    """Place nouns: cue existing mentions, absorb them into sites, or add unlisted names."""
    lex = lexicon()
    words = toks.words
    n = len(words)
    covered: dict[int, _M] = {t: m for m in ms for t in range(m.t0, m.t1 + 1)}
    new: list[_M] = []

    def claim(a: int, end: int) -> int:
        """Cut a new name [a, end] before a sure mention; weak words inside it give way."""
        for t in range(a, end + 1):
            m = covered.get(t)
            if m is not None and not m.dropped:
                if m.weak and not m.cue and m.t0 >= a and m.t1 <= end:
                    m.dropped = True
                    continue
                return t - 1
        return end

    for i in range(n):
        if i in covered and not covered[i].dropped:
            continue
        nk = _noun_at(toks, i)
        w = words[i]
        if nk is None and not is_arabic(w):
            _english_site(toks, i, ms, start_at, new)
            continue
        if nk is None or i + 1 >= n:
            continue
        what, kind = nk
        if not is_arabic(w):  # "the village of X" / "X village"
            if i + 2 < n and words[i + 1] == "of":
                sp = latin_name_span(toks, i + 2)
                if sp:
                    _cue_or_new(sp, "noun.settlement", kind, w, start_at, new, toks)
            elif i > 0 and (sp := latin_name_span(toks, i - 1, forward=False)):
                _cue_or_new(sp, "noun.settlement", kind, w, start_at, new, toks)
            continue
        if not toks.space_gap(i + 1):
            continue
        nxt = start_at.get(i + 1)
        noun_word = w
        if what == "settlement":
            if _definite(w):
                continue  # "المخيم وسجنة": a definite noun refers back, it introduces no name
            if nxt is not None and _longer_name(toks, nxt, start_at):
                nxt.dropped = True
                nxt = None
            if nxt is not None:
                if not nxt.hit or not nxt.hit.prefix or (PROCLITICS.get(nxt.hit.prefix) and len(nxt.hit.prefix) == 2):
                    nxt.cue, nxt.noun = "noun", noun_word
                    nxt.prefer = (kind,) if kind != "region" else ()
                    nxt.s0 = i
                continue
            end = claim(i + 1, name_end(toks, i + 1, after_noun=True))
            if end == i + 1 and _common(words[i + 1]) >= COMMON_NOUN_NAME:
                continue
            if end >= i + 1:
                new.append(_M(i + 1, end, "noun.settlement", noun=noun_word, cue="noun", s0=i,
                              prefer=(kind,)))
            continue
        # a site: the noun is part of the name
        article = _definite(w)
        strip = _clitic_len(w, kind)
        if nxt is not None and (not nxt.hit or nxt.hit.prefix in ("", "ال")):
            end = site_adjectives_end(toks, nxt.t1)
            m = _M(i, end, "noun.site", noun=kind, cue="noun", strip=strip, anchor_m=nxt)
            nxt.dropped = True
            new.append(m)
            continue
        if nxt is not None:
            continue
        if article:
            nw = words[i + 1]
            if nw.isdigit():
                end = name_end(toks, i + 1, site=True)
            elif nw.startswith("ال") and nw[2:] in lex.site_adjectives:
                end = i
            else:
                continue
        else:
            end = claim(i + 1, name_end(toks, i + 1, site=True, after_noun=True))
            if end < i + 1:
                continue
        end = site_adjectives_end(toks, end)
        if end > i:
            new.append(_M(i, end, "noun.site", noun=kind, cue="noun", strip=strip))
    return new


def _longer_name(toks: Tokens, m: _M, start_at: dict[int, _M]) -> bool:
    """A one-word gazetteer hit that is only the start of a longer name ("سلطان عبد الله")."""
    if m.hit is None or m.t0 != m.t1 or m.hit.prefix or not is_arabic(toks.words[m.t0]):
        return False
    end = name_end(toks, m.t0)
    return end > m.t1 and all(t not in start_at for t in range(m.t1 + 1, end + 1))


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


def _cue_or_new(sp: tuple[int, int], rule: str, kind: str, noun: str, start_at: dict[int, _M],
                new: list[_M], toks: Tokens) -> None:
    s, e = sp
    for t in range(s, e + 1):
        m = start_at.get(t)
        if m is not None:
            m.cue, m.noun, m.prefer = "noun", noun, (kind,)
            return
    new.append(_M(s, e, rule, noun=noun, cue="noun", prefer=(kind,)))


def _english_site(toks: Tokens, i: int, ms: list[_M], start_at: dict[int, _M], new: list[_M]) -> None:
    """"Balad Air Base", "Jamila market": capitalised name + site noun (noun in the name)."""
    lex = lexicon()
    words = toks.words
    if words[i] not in lex.site_en_first:
        return
    for phrase in lex.site_en_after:
        k = len(phrase)
        if tuple(words[i:i + k]) != phrase or i == 0:
            continue
        sp = latin_name_span(toks, i - 1, forward=False)
        if sp is None:
            return
        s = sp[0]
        inner = next((m for m in ms if s <= m.t0 <= i - 1), None)
        if inner is not None:
            inner.dropped = True
        new.append(_M(s, i + k - 1, "noun.site", noun=" ".join(phrase), cue="noun", anchor_m=inner))
        return


def _lists(toks: Tokens, ms: list[_M]) -> list[_M]:
    """Items of comma / و lists that hold a place named for sure."""
    words = toks.words
    n = len(words)
    start_at = {m.t0: m for m in ms}
    end_at = {m.s1: m for m in ms}
    new: list[_M] = []
    for m in list(ms):
        if (m.weak and not m.cue) or (m.rule == "gaz" and not m.cue and len(m.cands) > 6):
            continue
        # forward
        e, items = _tails_end(toks, m.s1), 0
        known, unknown = 1, 0
        opened = (m.noun is not None and m.s0 < m.t0) or (  # "قرى X، Y، Z": a list a noun opens
            m.t0 > 0 and bool(token_stems(words[m.t0 - 1]) & lexicon().list_openers))
        conj_seen = bool(m.hit and m.hit.prefix.startswith("و")) or (m.rule == "list.member" and m.strip == 1)
        while e + 1 < n and items < MAX_LIST_ITEMS:
            j = e + 1
            w = words[j]
            if toks.list_sep(j) and not conj_seen:
                conj = False
                if w == "و" and j + 1 < n and toks.space_gap(j + 1):  # "، و"X""
                    j, conj = j + 1, True
                    w = words[j]
            elif toks.space_gap(j) and w == "و" and j + 1 < n and toks.space_gap(j + 1):
                j, conj = j + 1, True  # و "رسم البغل"
                w = words[j]
            elif toks.space_gap(j) and is_arabic(w) and w.startswith("و") and len(w) > 3:
                conj = True
            elif toks.space_gap(j) and w == "and" and j + 1 < n:
                j += 1
                conj = True
            else:
                break
            conj_seen = conj_seen or conj
            other = start_at.get(j)
            if other is not None and _longer_name(toks, other, start_at):
                other.dropped = True  # "جاسم العلي": a longer name than the word "جاسم"
                other = None
            if other is not None:
                if other.weak and not other.cue:
                    other.cue = "list"
                e = _tails_end(toks, other.s1)
                items += 1
                known += 1
                continue
            if unknown > known and not opened:
                break
            if is_arabic(w):
                stem = w[1:] if conj and w.startswith("و") else w
                definite = stem.startswith("ال")
                site = bool(token_stems(w) & lexicon().site) and not definite
                end = name_end(toks, j, site=site, after_noun=True)
                if end < j and opened and definite and _noun_at(toks, j) and (j + 1 >= n or toks.list_sep(j + 1)
                                                                            or toks.words[j + 1][:1] == "و"):
                    end = j  # "مناطق ... والمخيم وسجنة": a definite place noun used as a name in a list
                elif end <= j and (is_stop(stem) or len(stem) < 3 or (_noun_at(toks, j) and not definite
                                                                      and not site)):
                    break
                if end < j or (end == j and not (opened and definite and _noun_at(toks, j))):
                    end = name_end(toks, j, site=site)
                if end < j or (site and end == j):
                    break
                if end == j and _common(stem) >= COMMON_LIST_ITEM and not _noun_at(toks, j):
                    break
                strip = _clitic_len(w, stem) if conj and w.startswith("و") and len(w) > 1 else 0
                item = _M(j, end, "list.member", cue="list", strip=strip or (1 if conj and w[:1] == "و" else 0))
            else:
                sp = latin_name_span(toks, j, max_tokens=3)
                if sp is None or sp[0] != j:
                    break
                item = _M(sp[0], sp[1], "list.member", cue="list")
                end = sp[1]
            new.append(item)
            start_at[j] = item
            e, items, unknown = end, items + 1, unknown + 1
        # backward: "الكشمة وصبيخان" (one item before a و-joined place)
        h = m.hit
        if h is not None and h.prefix.startswith("و") and m.t0 > 0 and toks.space_gap(m.t0):
            j = m.t0 - 1
            prev = end_at.get(j)
            if prev is not None:
                if prev.weak and not prev.cue:
                    prev.cue = "list"
                continue
            w = words[j]
            if is_arabic(w) and len(w) >= 3 and not is_stop(w) and not w.startswith("و"):
                s = j
                if j > 0 and toks.space_gap(j) and words[j - 1] in lexicon().name_heads:
                    s = j - 1
                item = _M(s, j, "list.member", cue="list")
                new.append(item)
                end_at[j] = item
    return new


def _frames(toks: Tokens, ms: list[_M]) -> None:
    for m in ms:
        if m.hit is not None and m.strip:
            continue  # "وبالعشارة": a preposition on the name itself, no frame before it
        first = m.s0 if m.noun and m.rule == "gaz" else m.t0
        fr = frame_before(toks, m.t0) or (frame_before(toks, first) if first != m.t0 else None)
        if fr is not None:
            m.frame, m.s0 = fr, min(m.s0, fr.start)
            if m.weak and not m.cue:
                m.cue = "frame"
            if fr.frame == "countryside" and is_arabic(toks.words[m.t1]):
                side = side_after(toks, m.t1)
                if side is not None:
                    m.s1, m.side = side[0], side[1]
                    m.frame = FrameHit(fr.rule, f"countryside_{side[1]}", fr.precision, fr.start, fr.prefer,
                                       fr.words)
        elif not is_arabic(toks.words[m.t1]):
            after = frame_after_en(toks, m.t1)
            if after is not None:
                m.s1, m.frame = after[0], after[1]
        if m.frame is not None and not m.prefer:
            m.prefer = m.frame.prefer


def _link(toks: Tokens, ms: list[_M]) -> None:
    """A framed place right after another place only locates it."""
    lex = lexicon()
    for a, b in zip(ms, ms[1:], strict=False):
        if b.frame is None or (b.frame.frame.startswith("governorate") and b.frame.start - a.s1 > 6):
            continue
        gap = range(a.s1 + 1, b.frame.start)
        if len(gap) > 2 and not b.frame.frame.startswith("governorate"):
            continue
        fw = toks.words[b.frame.start]
        if is_arabic(fw) and fw.startswith("و") and _clitic_len(fw, b.frame.words[0]) > 0:
            continue  # "... وبادية الدوير": a new item of a list, not a frame of the place before
        if any(not (toks.space_gap(t) or toks.list_sep(t)) for t in range(a.s1 + 1, b.frame.start + 1)):
            continue
        if all(toks.words[t] in lex.linkers or token_stems(toks.words[t]) & lex.linkers for t in gap) or (
                b.frame.frame.startswith("governorate") and len(gap) <= 6):
            b.frame_only = True
            a.near = b
            a.cue = a.cue or "framed"  # "الطيبة قرب حمص": located by a frame, so a place


def _country_cues(toks: Tokens) -> dict[str, float]:
    cues = _cue_forms()
    votes: dict[str, float] = {}
    for w in toks.words:
        cc = cues.get(w)
        if cc:
            votes[cc] = votes.get(cc, 0.0) + 0.25
    return votes


@cache
def _cue_forms() -> dict[str, str]:
    """Country cue words with every proclitic and article form."""
    out: dict[str, str] = {}
    for w, cc in lexicon().country_cues.items():
        out[w] = cc
        if is_arabic(w):
            for p, art in PROCLITICS.items():
                out[p + w] = cc
                if art and p.endswith("لل"):
                    out[p + w[1:]] = cc
                if not art:
                    out[p + "ال" + w] = cc
    return out


def _locative_before(toks: Tokens, m: _M) -> bool:
    lex = lexicon()
    if m.hit is not None and m.hit.prefix and m.hit.prefix.rstrip("ال")[-1:] in ("ب", "ل"):
        return True
    j = m.t0 - 1
    return j >= 0 and (toks.words[j] in lex.locative or bool(token_stems(toks.words[j]) & lex.locative))


def _resolve_all(ms: list[_M], toks: Tokens) -> None:
    groups: dict[tuple[str, tuple[str, ...]], list[_M]] = {}
    for m in ms:
        if m.cands:
            key = (m.hit.info.key if m.hit else str(id(m)), m.prefer)
            groups.setdefault(key, []).append(m)
    keys = list(groups)
    items = []
    for k in keys:
        g = groups[k]
        near = [x.near.place for x in g if x.near is not None and x.near.place is not None]
        items.append(Item(g[0].cands, prefer=k[1], strong=not any(x.weak and not x.cue for x in g), near=near))
    chosen = resolve(items, _country_cues(toks))
    for k, p in zip(keys, chosen, strict=True):
        for m in groups[k]:
            m.place = p


def _phrase_start(toks: Tokens, m: _M) -> int:
    """Normalised offset where the phrase starts (proclitics of its first token dropped)."""
    s = toks.starts[m.s0]
    if m.s0 == m.t0:
        return s + m.strip
    w = toks.words[m.s0]
    if m.frame is not None and m.s0 == m.frame.start and is_arabic(w):
        return s + _clitic_len(w, m.frame.words[0])
    if m.noun and is_arabic(w):
        for st in token_stems(w):
            if st in lexicon().settlement or st in lexicon().site:
                return s + _clitic_len(w, st)
    return s


def find_places(text: str, lang: str, gazetteer: Any | None = None) -> list[PlaceMention]:
    """Place mentions in ``text`` (offsets into it), resolved from the document's context."""
    if not text:
        return []
    if gazetteer is None:
        from rasad.places.gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
    norm = match_normalize(text)
    toks = tokenize(norm.text, text, norm.offsets)
    if not len(toks):
        return []
    idx = name_index(gazetteer)
    heads, n = lexicon().frame_heads, len(toks)
    hits = [h for h in idx.scan(toks)  # "الباب شرقي حلب" is not the place "باب شرقي"
            if not (h.t1 > h.t0 and h.info.key.rsplit(" ", 1)[-1] in heads and h.t1 + 1 < n
                    and toks.space_gap(h.t1 + 1))]
    ms = [_hit_mention(h, toks, gazetteer) for h in select_longest(hits)]
    ms = [m for m in ms if not m.never or (m.t0 > 0 and _noun_at(toks, m.t0 - 1)
                                           and not toks.words[m.t0 - 1].startswith("ال"))]
    start_at = {m.t0: m for m in ms}
    ms += _nouns(toks, ms, start_at)
    ms = sorted((m for m in ms if not m.dropped), key=lambda m: m.t0)
    _frames(toks, ms)
    ms += _lists(toks, ms)
    ms = sorted((m for m in ms if not m.dropped), key=lambda m: m.t0)
    _link(toks, ms)
    anchors = [m.anchor_m for m in ms if m.anchor_m is not None]
    _resolve_all([*ms, *anchors], toks)
    # a second pass: places located by a frame look near it
    if any(m.near is not None and m.cands for m in ms):
        _resolve_all([*ms, *anchors], toks)
    strong = [m.place for m in ms if m.place is not None and not (m.weak and not m.cue)
              and m.place.kind != "governorate"]
    out: list[PlaceMention] = []
    for m in ms:
        if m.weak and not m.cue:
            if not (_locative_before(toks, m) and m.place is not None):
                continue
            near = [p for p in m.cands if any(km(p, q) <= 30 for q in strong if q is not p)]
            if not near:
                continue
            m.place, m.cue = near[0], "context"
        out.append(_to_mention(text, norm, toks, m))
    return out


def _to_mention(text: str, norm: Any, toks: Tokens, m: _M) -> PlaceMention:
    ns, ne = _phrase_start(toks, m), toks.ends[m.s1]
    start, end = norm.span(ns, ne)
    name_s = toks.starts[m.t0] + m.strip
    a, b = norm.span(name_s, toks.ends[m.t1])
    if m.t0 > 0 and not is_arabic(toks.words[m.t0]) and toks.words[m.t0 - 1] in ("al", "el") \
            and toks.space_gap(m.t0):
        a = norm.span(toks.starts[m.t0 - 1], toks.ends[m.t0 - 1])[0]
    name = text[a:b].strip("\"'“”«»‘’` ")
    if m.hit is not None and m.hit.prefix.endswith("لل") and name[:1] == "ل":
        name = "ال" + name[1:]  # "للعشارة" = ل + العشارة
    anchor = m.anchor_m.place if m.anchor_m is not None else None
    if m.place is None and anchor is None and m.near is not None:
        anchor = m.near.place
    precision = 1
    if m.frame is not None:
        kind = m.place.kind if m.place else ""
        precision = m.frame.precision or (3 if kind in ("governorate", "district") else 2)
    elif m.place is None and anchor is not None:
        precision = 2
    rule = m.rule if m.frame is None else f"{m.rule}+{m.frame.rule}"
    if m.cue and m.rule == "gaz":
        rule += f"+cue.{m.cue}"
    return PlaceMention(start=start, end=end, name=name, candidates=m.cands, place=m.place,
                        geo_precision=precision, frame=m.frame.frame if m.frame else None,
                        noun=_noun_surface(text, norm, toks, m), rule=rule, score=0.6 if m.weak else 1.0, anchor=anchor,
                        frame_only=m.frame_only)


def _noun_surface(text: str, norm: Any, toks: Tokens, m: _M) -> str | None:
    """The place noun as written (its proclitics dropped): "بلدة", "village", "حقل"."""
    if not m.noun:
        return None
    k = m.s0 if m.s0 < m.t0 or m.rule != "noun.site" else m.t0
    if m.rule == "noun.site" or k >= m.t0:
        return m.noun if not is_arabic(m.noun) else _surface(text, norm, toks, m.t0, m.strip)
    return _surface(text, norm, toks, k, _clitic_len(toks.words[k], _noun_stem(toks.words[k])))


def _noun_stem(word: str) -> str:
    lex = lexicon()
    return next((st for st in token_stems(word) if st in lex.settlement or st in lex.site), word)


def _surface(text: str, norm: Any, toks: Tokens, t: int, strip: int) -> str:
    a, b = norm.span(toks.starts[t] + strip, toks.ends[t])
    return text[a:b]


def to_location(m: PlaceMention, text: str | None = None) -> Location:
    """The event location a mention gives (its place, or the place that locates it)."""
    p = m.place or m.anchor
    name = m.name
    if m.frame and text is not None:
        name = text[m.start:m.end]
    if p is None:
        return Location(name=name, lat=None, lon=None, admin1=None, geo_precision=m.geo_precision)
    return Location(name=name, lat=p.lat, lon=p.lon, admin1=p.admin1, geo_precision=m.geo_precision,
                    place_id=m.place.id if m.place else None)


def latin_key_of(name: str) -> str:  # re-exported for the CLI
    return latin_key(name.lower())
