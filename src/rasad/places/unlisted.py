"""Places no list has: names after a place noun (قرية الخطاف، حقل الورد، "the village of X",
"Balad Air Base") and items of lists with places the text names for sure."""

from __future__ import annotations

from rasad.places.lexicon import PROCLITICS, is_arabic, lexicon
from rasad.places.matcher import Tokens, token_stems
from rasad.places.mention import (
    COMMON_LIST_ITEM,
    COMMON_NOUN_NAME,
    COMMON_OPENED_ITEM,
    COMMON_SITE_NAME,
    MAX_LIST_ITEMS,
    Cand,
    _clitic_len,
    _common,
    _definite,
    _longer_name,
    _noun_at,
    _noun_forms,
    _suffixed,
    _tails_end,
)
from rasad.places.names import (
    is_stop,
    latin_name_span,
    name_end,
    perfect_feminine,
    site_adjectives_end,
    verb_like,
)


def _ordinary_phrase(toks: Tokens, s: int, e: int, first: str) -> bool:
    """Every word of a would-be name [s, e] is a frequent word and it does not start like a name."""
    lex = lexicon()
    if first in lex.name_heads:
        return False
    rest = toks.words[s + 1:e + 1]
    if any(w in lex.name_tails or (w[:2] == "ال" and w[2:] in lex.name_tails) for w in rest):
        return False  # "الحمام الصغير", "السوق القديم"
    return all(_common(w) >= COMMON_LIST_ITEM for w in [first, *rest])


def nouns(toks: Tokens, ms: list[Cand], start_at: dict[int, Cand]) -> list[Cand]:
    """Place nouns: cue existing mentions, absorb them into sites, or add unlisted names."""
    lex = lexicon()
    words = toks.words
    n = len(words)
    covered: dict[int, Cand] = {t: m for m in ms for t in range(m.t0, m.t1 + 1)}
    new: list[Cand] = []

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

    forms = _noun_forms()
    # only place nouns and non-Arabic tokens can start anything below
    todo = [i for i, w in enumerate(words) if w in forms or not ("\u0621" <= w[0] <= "\u064a")]
    for i in todo:
        if i in covered and not covered[i].dropped:
            continue
        w = words[i]
        nk = forms.get(w)
        if nk is None and not is_arabic(w):
            _english_site(toks, i, ms, start_at, new)
            continue
        if nk is None or i + 1 >= n:
            continue
        what, kind = nk
        if not is_arabic(w):  # "the village of X" / "X village"
            back = latin_name_span(toks, i - 1, forward=False) if i > 0 and toks.space_gap(i) else None
            if back:  # "the Khalis area of Diyala", "Tarmiya villages"
                _cue_or_new(back, "noun.settlement", kind, w, start_at, new, toks, covered)
                if w.endswith("s"):  # "Kharnabat, Sudur and Tarmiya villages"
                    _english_list_back(toks, back[0], kind, w, start_at, new)
            elif i + 2 < n and words[i + 1] == "of" and (sp := latin_name_span(toks, i + 2)):
                # "the village of X"
                _cue_or_new(sp, "noun.settlement", kind, w, start_at, new, toks, covered)
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
                pre = nxt.hit.prefix if nxt.hit else ""
                if not pre or (PROCLITICS.get(pre) and len(pre) == 2):
                    nxt.cue, nxt.noun = "noun", noun_word
                    nxt.prefer = (kind,) if kind not in ("region", "front") else ()
                    nxt.s0 = i
                continue
            end = claim(i + 1, name_end(toks, i + 1, after_noun=kind != "front"))
            if end == i + 1 and _common(words[i + 1]) >= COMMON_NOUN_NAME:
                continue
            if end > i + 1 and kind in ("region", "front") and \
                    _ordinary_phrase(toks, i + 1, end, words[i + 1]):
                continue
            if end >= i + 1:
                new.append(Cand(i + 1, end, "noun.settlement", noun=noun_word, cue="noun", s0=i,
                              prefer=(kind,) if kind not in ("region", "front") else ()))
            continue
        # a site: the noun is part of the name
        article = _definite(w)
        strip = _clitic_len(w, kind)
        if nxt is not None and (not nxt.hit or nxt.hit.prefix in ("", "ال")):
            end = site_adjectives_end(toks, nxt.t1)
            m = Cand(i, end, "noun.site", noun=kind, cue="noun", strip=strip, anchor_m=nxt)
            nxt.dropped = True
            new.append(m)
            continue
        if nxt is not None:
            continue
        if article:
            nw = words[i + 1]
            if nw.isdigit():
                end = name_end(toks, i + 1, site=True)
            elif nw.startswith("ال") and nw[2:] in lex.site_functions:
                end = i  # "المحطة الحرارية" (but not "الساحة الدولية")
            else:
                continue
        else:
            end = claim(i + 1, name_end(toks, i + 1, site=True, after_noun=True))
            if end < i + 1 or (end == i + 1 and not _definite(words[i + 1])
                               and _common(words[i + 1]) >= COMMON_SITE_NAME):
                continue  # "مطار أحد ..."، "مستشفى قريب": a frequent word is no site name
        end = site_adjectives_end(toks, end)
        if end > i:
            new.append(Cand(i, end, "noun.site", noun=kind, cue="noun", strip=strip))
    return new


def _cue_or_new(sp: tuple[int, int], rule: str, kind: str, noun: str, start_at: dict[int, Cand],
                new: list[Cand], toks: Tokens, covered: dict[int, Cand] | None = None) -> None:
    s, e = sp
    for t in range(s, e + 1):
        m = start_at.get(t) or (covered or {}).get(t)
        if m is not None:  # "Deir ez-Zor city": the noun cues the whole name, not "Zor"
            m.cue, m.noun, m.prefer = "noun", noun, (kind,)
            return
    new.append(Cand(s, e, rule, noun=noun, cue="noun", prefer=(kind,)))


def _english_list_back(toks: Tokens, s: int, kind: str, noun: str, start_at: dict[int, Cand],
                       new: list[Cand]) -> None:
    """Items before the last one of "A, B and C villages"."""
    words = toks.words
    for _ in range(MAX_LIST_ITEMS):
        j = s - 1
        if j >= 0 and words[j] == "and" and toks.space_gap(s):
            j -= 1
            sep = toks.space_gap(j + 1) or toks.list_sep(j + 1)
        else:
            sep = j >= 0 and toks.list_sep(s)
        if j < 0 or not sep:
            return
        sp = latin_name_span(toks, j, forward=False, max_tokens=3)
        if sp is None or sp[1] != j:
            return
        _cue_or_new(sp, "noun.settlement", kind, noun, start_at, new, toks)
        s = sp[0]


def _english_site(toks: Tokens, i: int, ms: list[Cand], start_at: dict[int, Cand], new: list[Cand]) -> None:
    """"Balad Air Base", "Jamila market": capitalised name + site noun (noun in the name)."""
    lex = lexicon()
    words = toks.words
    if words[i] not in lex.site_en_first:
        return
    for phrase in lex.site_en_after:
        k = len(phrase)
        if tuple(words[i:i + k]) != phrase or i == 0:
            continue
        sp = latin_name_span(toks, i - 1, forward=False, relaxed=True)
        if sp is None:
            return
        s = sp[0]
        inner = next((m for m in ms if s <= m.t0 <= i - 1), None)
        if inner is not None:
            inner.dropped = True
        new.append(Cand(s, i + k - 1, "noun.site", noun=" ".join(phrase), cue="noun", anchor_m=inner))
        return


def lists(toks: Tokens, ms: list[Cand]) -> list[Cand]:
    """Items of comma / و lists that hold a place named for sure."""
    words = toks.words
    n = len(words)
    start_at = {m.t0: m for m in ms}
    start_at.update({m.s0: m for m in ms if m.s0 < m.t0 and m.frame is None and m.noun is None})
    end_at = {m.s1: m for m in ms}
    new: list[Cand] = []
    for m in list(ms):
        if (m.weak and not m.cue) or (m.rule == "gaz" and not m.cue and len(m.cands) > 6):
            continue
        # forward
        e, items = _tails_end(toks, m.s1), 0
        known, unknown = 1, 0
        opened = (m.noun is not None and m.s0 < m.t0) or (  # "قرى X، Y، Z": a list a noun opens
            m.t0 > 0 and bool(token_stems(words[m.t0 - 1]) & lexicon().list_openers))
        conj_seen = bool(m.hit and m.hit.prefix.startswith("و")) or (m.rule == "list.member" and m.strip == 1)
        # "ريف دير الزور، واستولى", "جنوب سوريا، تظاهرة": after a countryside, a governorate or
        # a country, the next words start a clause more often than they name a village
        wide = (m.frame is not None and m.frame.frame.startswith(("countryside", "governorate", "region"))) \
            or (bool(m.cands) and all(p.source == "world" or p.kind in ("country", "governorate")
                                      for p in m.cands))
        while e + 1 < n and items < MAX_LIST_ITEMS:
            j = e + 1
            w = words[j]
            if toks.list_sep(j) and not conj_seen:
                conj = False
                if w == "و" and j + 1 < n and toks.space_gap(j + 1):  # "، و"X""
                    j, conj = j + 1, True
                    w = words[j]
                elif is_arabic(w) and w.startswith("و") and len(w) > 3 and w not in lexicon().name_heads:
                    conj = True  # "، والبادية": the conjunction is no part of the name
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
            if (unknown > known or wide) and not opened:
                break
            if is_arabic(w):
                stem = w[1:] if conj and w.startswith("و") else w
                definite = stem.startswith("ال")
                site = bool(token_stems(w) & lexicon().site) and not definite
                end = name_end(toks, j, site=site, after_noun=True)
                item_ends = j + 1 >= n or not toks.space_gap(j + 1) or toks.words[j + 1][:1] == "و"
                tails = _tails_end(toks, j)
                if end < j and opened and definite and _noun_at(toks, j) and (item_ends or tails > j):
                    end = tails  # "مناطق ... والمخيم والسوق القديم": definite nouns as names
                elif end <= j and (is_stop(stem) or len(stem) < 3 or (_noun_at(toks, j) and not definite
                                                                      and not site)):
                    break
                if end < j or (end == j and not (opened and definite and _noun_at(toks, j))):
                    end = name_end(toks, j, site=site)
                if end < j or (site and end == j):
                    break
                limit = COMMON_OPENED_ITEM if opened and definite else COMMON_LIST_ITEM
                if end == j and not _noun_at(toks, j) and (_common(stem) >= limit or _suffixed(stem)):
                    break
                if (end == j and verb_like(stem)) or (
                        perfect_feminine(stem) and stem not in lexicon().name_heads and j + 1 < n
                        and toks.space_gap(j + 1) and is_arabic(words[j + 1])):
                    break  # "وساندت طائرات", "وفكت الحصار", "واستولى على": a verb, not a village
                if end > j and not opened and _ordinary_phrase(toks, j, end, stem):
                    break  # "تمكنت الفصائل", "ودعوا المواطنين": words, not a name
                strip = _clitic_len(w, stem) if conj and w.startswith("و") and len(w) > 1 else 0
                strip = strip or (1 if conj and w[:1] == "و" else 0)
                item = Cand(j, end, "list.member", cue="list", strip=strip)
            else:
                sp = latin_name_span(toks, j, max_tokens=3)
                if sp is None or sp[0] != j:
                    break
                item = Cand(sp[0], sp[1], "list.member", cue="list")
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
                item = Cand(s, j, "list.member", cue="list")
                new.append(item)
                end_at[j] = item
    return new
