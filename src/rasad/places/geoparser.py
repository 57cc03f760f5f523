"""``find_places(text, lang)``: place mentions with offsets, frames and resolutions.

Steps (each a rule id in PlaceMention.rule):
1. ``gaz``: gazetteer names (and data/place_world.yaml: countries, cities abroad) by the
   Aho-Corasick scan (matcher.py), proclitics and article allowed, longest match first.
   Ordinary words and person names are dropped (data/place_stopwords.yaml ``never``) or kept
   only with a place cue (``weak``: listed false friends, names of three letters or fewer,
   frequent words of data/place_common_words.tsv); the cue shows as ``+cue.<noun|list|frame|
   framed|quoted|context>``. ``latin.run``: "Maarat Al-Naasan" is one name, not "Naasan".
2. ``noun.settlement`` / ``noun.site``: a place noun before a name (قرية الخطاف، حقل الورد،
   "the village of X", "Balad Air Base"); names no list has are kept unresolved.
3. ``list.member``: a name in a comma / و list with places the text names for sure;
   ``quoted``: a weak name in quotes after a preposition (على “رحبة خطاب”).
4. ``frame.*``: ريف X، شرق X، محيط X، "north of X", "X countryside" (frames.py).
5. resolution of homonyms from the document (resolve.py); a framed place right after another
   place only locates it (``frame_only``: spec rule 1) and lends it its coordinates
   (``anchor``) when it is unresolved or none of its candidates lies near the frame.

For the events stage: skip ``frame_only`` mentions as event places; ``to_location(m, text)``
gives the spec's location (place, or anchor with geo_precision ≥ 2, or a name alone).
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise
from typing import Any

from rasad.model import Location, Place, PlaceMention
from rasad.places.frames import FrameHit, frame_after_en, frame_before, side_after
from rasad.places.lexicon import PROCLITICS, arabic_key, is_arabic, latin_key, lexicon
from rasad.places.matcher import (
    Tokens,
    match_normalize,
    name_index,
    select_longest,
    token_stems,
    tokenize,
)
from rasad.places.mention import (
    Cand,
    _clitic_len,
    _hit_mention,
    _latin_runs,
    _major,
    _noun_at,
    _skeleton_pairs,
)
from rasad.places.resolve import STRICT_KINDS, Item, _nearest_of, km, resolve
from rasad.places.unlisted import lists, nouns

NEAR_KM = 60.0  # a place located by a frame ("X east of Y") lies within this distance of Y
SKELETON_KM = 40.0  # a name found by its consonant skeleton must lie this close to the others
FAR_KM = 100.0  # a homonym this far from every other place of a document is not the one meant


def _frames(toks: Tokens, ms: list[Cand]) -> None:
    for m in ms:
        if m.hit is not None and m.strip:
            continue  # "وبالعشارة": a preposition on the name itself, no frame before it
        first = m.s0 if m.noun and m.rule == "gaz" else m.t0
        fr = frame_before(toks, m.t0) or (frame_before(toks, first) if first != m.t0 else None)
        if fr is not None:
            m.frame, m.s0 = fr, min(m.s0, fr.start)
            if m.weak and not m.cue and not m.common:
                m.cue = "frame"  # (a frequent word needs more: "قرب شاطئ" is "near a beach")
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


def _link(toks: Tokens, ms: list[Cand]) -> None:
    """A framed place right after another place only locates it."""
    lex = lexicon()
    for a, b in pairwise(ms):
        if b.frame is None or (b.frame.frame.startswith("governorate") and b.frame.start - a.s1 > 6):
            continue
        gap = range(a.s1 + 1, b.frame.start)
        distance = any(toks.words[t].isdigit() for t in gap)  # "هجين، 30 كم جنوب شرق دير الزور"
        if len(gap) > (5 if distance else 2) and not b.frame.frame.startswith("governorate"):
            continue
        fw = toks.words[b.frame.start]
        if is_arabic(fw) and fw.startswith("و") and _clitic_len(fw, b.frame.words[0]) > 0:
            continue  # "... وبادية الدوير": a new item of a list, not a frame of the place before
        if any(not (toks.space_gap(t) or toks.list_sep(t)) for t in range(a.s1 + 1, b.frame.start + 1)):
            continue
        if all(toks.words[t] in lex.linkers or token_stems(toks.words[t]) & lex.linkers
               or (distance and toks.words[t].isdigit()) for t in gap) or (
                b.frame.frame.startswith("governorate") and len(gap) <= 6):
            b.frame_only = True
            a.near = b
            wide = b.frame.frame.startswith("governorate") or (
                b.frame.start == a.s1 + 1 and any(c.kind == "country" for c in b.cands))
            if not (a.common and wide):
                a.cue = a.cue or "framed"  # "الطيبة قرب حمص": located by a frame, so a place


def _country_cues(toks: Tokens) -> dict[str, float]:
    cues = _cue_forms()
    votes: dict[str, float] = {}
    for cc in [cues[w] for w in toks.words if w in cues]:
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


def _locative_before(toks: Tokens, m: Cand) -> bool:
    lex = lexicon()
    if m.hit is not None and m.hit.prefix and m.hit.prefix.rstrip("ال")[-1:] in ("ب", "ل"):
        return True
    j = m.t0 - 1
    return j >= 0 and (toks.words[j] in lex.locative or bool(token_stems(toks.words[j]) & lex.locative))


def _resolve_all(ms: list[Cand], toks: Tokens) -> None:
    groups: dict[tuple[str, tuple[str, ...]], list[Cand]] = {}
    for m in ms:
        if m.cands:
            key = (m.hit.info.key if m.hit else str(id(m)), m.prefer)
            groups.setdefault(key, []).append(m)
    keys = list(groups)
    items = []
    for k in keys:
        g = groups[k]
        near = [x.near.place for x in g if x.near is not None and x.near.place is not None]
        region = {p.admin1 for p in near if p.admin1 and _wide(p)}
        strong = not any(x.weak and not x.cue for x in g)
        exact = {pid for x in g for pid in x.exact}
        no_noun = set().union(*(x.no_noun for x in g if not x.noun))
        items.append(Item(g[0].cands, prefer=k[1], strong=strong, near=[p for p in near if not _wide(p)],
                          region=region, exact=exact, no_noun=no_noun))
    cues = toks.memo.get("country_cues")
    if cues is None:
        cues = toks.memo["country_cues"] = _country_cues(toks)
    chosen = resolve(items, cues)
    for k, p in zip(keys, chosen, strict=True):
        for m in groups[k]:
            m.place = p


def _quoted(toks: Tokens, ms: list[Cand]) -> list[Cand]:
    """A weak name in quotes after a locative preposition is a place: على "رحبة خطاب"."""
    out: list[Cand] = []
    lex = lexicon()
    n = len(toks)
    for m in ms:
        if not m.weak or m.cue or m.hit is None or m.hit.prefix not in ("", "ال"):
            out.append(m)
            continue
        seg = None
        for qs in range(max(0, m.t0 - 2), m.t0 + 1):
            if '"' not in toks.gaps[qs] or any('"' in toks.gaps[t] for t in range(qs + 1, m.t1 + 1)):
                continue
            for qe in range(m.t1, min(n, qs + 3)):
                if qe + 1 >= n or '"' in toks.gaps[qe + 1]:
                    if all(toks.space_gap(t) for t in range(qs + 1, qe + 1)):
                        seg = (qs, qe)
                    break
            if seg:
                break
        before = seg[0] - 1 if seg else -1
        if seg is None or before < 0 or not (toks.words[before] in lex.locative
                                             or token_stems(toks.words[before]) & lex.locative):
            out.append(m)
        elif seg == (m.t0, m.t1):
            m.cue = "quoted"
            out.append(m)
        else:
            out.append(Cand(seg[0], seg[1], "quoted", cue="quoted"))
    return out


def _far_homonyms(ms: list[Cand], strong: list[Place]) -> None:
    """A name many small places share ("السكرية") whose every homonym lies far from all the
    other places the document names (two or more, none of them as far) is most likely one
    more village no list has: it stays a name, unresolved, rather than a guess."""
    here = [p for p in strong if p.country in ("SY", "IQ") and p.lat is not None]
    if len(here) < 2:
        return
    spreads: dict[str, float] = {}  # _spread of the others, by the mention's place
    for m in ms:
        p = m.place
        if p is None or m.frame is not None or m.near is not None or len(m.cands) < 2 \
                or (m.prefer and m.prefer[0] in STRICT_KINDS) or m.anchor_m is not None:
            continue
        if any(_major(c) or c.source == "world" for c in m.cands):
            continue
        others = [q for q in here if q.id != p.id]
        if len(others) < 2 or not _all_far(m.cands, others):
            continue
        spread = spreads.get(p.id)
        if spread is None:
            spread = spreads[p.id] = _spread(others)
        if spread <= 2 * FAR_KM:  # (the others lie in one region)
            m.place = None


def _all_far(cands: list[Place], others: list[Place]) -> bool:
    """``all(km(c, q) > FAR_KM for c in cands for q in others)`` (a place without coordinates
    is 1e9 km away)."""
    qs = [(q.lat, q.lon) for q in others if q.lat is not None and q.lon is not None]
    return all(_nearest_of(c, qs) > FAR_KM for c in cands)


def _spread(places: list[Place]) -> float:
    """The greatest distance between two of ``places`` (the first 12)."""
    ps = places[:12]
    return max((km(a, b) for i, a in enumerate(ps) for b in ps[i + 1:]), default=0.0)


def _skeleton_lookup(toks: Tokens, ms: list[Cand], idx: Any, strong: list[Place]) -> None:
    """A Latin name no key matched ("Binnish") takes a place of the same consonant skeleton
    ("Bennsh") only when that place lies near the others the document names."""
    for m in ms:
        if m.hit is not None or m.cands or m.anchor_m is not None or is_arabic(toks.words[m.t0]):
            continue
        key = " ".join(latin_key(w) for w in toks.words[m.t0:m.t1 + 1] if w not in ("al", "el"))
        near = [(min((km(p, q) for q in strong), default=1e9), p) for p in idx.by_skeleton(key)]
        near = [t for t in near if t[0] <= SKELETON_KM]
        if near:
            m.place = min(near, key=lambda t: t[0])[1]
            m.cands = [p for _d, p in sorted(near, key=lambda t: t[0])]
            m.rule += "+translit.skeleton"


# Latin words that may be an article written apart ("As Safira", "An Nabk"), not a function word
_LATIN_SPLIT_ARTICLES = frozenset({"as", "at", "an", "ad", "ar", "az", "ash", "adh", "ath"})


def _function_start(toks: Tokens, t0: int) -> bool:
    """A Latin name never starts with a lowercase word ("in Daraa" is not "Ain Dara") nor with
    a function word ("In Daraa, ..." at the start of a sentence)."""
    w = toks.words[t0]
    if w.isdigit():
        return False
    return not toks.upper[t0] or (w in lexicon().stop_en and w not in _LATIN_SPLIT_ARTICLES)


def _named_by_noun(toks: Tokens, m: Cand) -> bool:
    """"قرية الخميس", "مدينة التل": an ordinary word after a place noun is a name (but not
    "حي مدينة": a settlement noun after another one). Arabic only: a lowercase Latin word
    is never a name ("Deir ez-Zor city was calm")."""
    if m.t0 == 0 or toks.words[m.t0 - 1].startswith("ال") or not is_arabic(toks.words[m.t0]):
        return False
    before, this = _noun_at(toks, m.t0 - 1), _noun_at(toks, m.t0)
    return before is not None and (this is None or this[0] != "settlement")


def _direction(frame: str) -> bool:
    """A compass frame ("northwest"): the place may lie a long way off ("100 km north of X")."""
    return frame.replace("north", "").replace("south", "").replace("east", "").replace("west", "") == ""


def _wide(p: Place) -> bool:
    """A governorate, or the city that names one ("شرقي دير الزور" may mean either)."""
    return p.kind == "governorate" or (p.kind == "town" and p.admin1 is not None and p.name_en is not None
                                       and p.name_en.split(" (")[0].lower() == p.admin1.lower())


def _phrase_start(toks: Tokens, m: Cand) -> int:
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
                    and toks.space_gap(h.t1 + 1)) and not (h.info.latin and _function_start(toks, h.t0))]
    ms = [_hit_mention(h, toks, gazetteer) for h in select_longest(hits)]
    _hay_candidates(ms, idx)
    ms = [m for m in ms if not m.never or _named_by_noun(toks, m)]
    ms = _skeleton_pairs(toks, _latin_runs(toks, ms), idx)
    ms = _quoted(toks, ms)
    start_at = {m.t0: m for m in ms}
    ms += nouns(toks, ms, start_at)
    ms = sorted((m for m in ms if not m.dropped), key=lambda m: m.t0)
    _frames(toks, ms)
    ms += lists(toks, ms)
    ms = sorted((m for m in ms if not m.dropped), key=lambda m: m.t0)
    _link(toks, ms)
    anchors = [m.anchor_m for m in ms if m.anchor_m is not None]
    _resolve_all([*ms, *anchors], toks)
    # a second pass: places located by a frame look near it
    if any(m.near is not None and m.cands for m in ms):
        _resolve_all([*ms, *anchors], toks)
        for m in ms:  # "قرية X شرق منبج" with no X near Manbij: X is a place no list has
            q = m.near.place if m.near is not None else None
            if m.place is None or q is None or q.kind in ("country", "region") or q.source == "world":
                continue
            if m.place.kind in STRICT_KINDS or (m.prefer and m.prefer[0] in STRICT_KINDS):
                continue  # "محافظة ديالى المجاورة لمحافظة صلاح الدين", "ناحية ربيعة شمال غربي الموصل"
            near_frame = m.near.frame if m.near is not None else None
            far = NEAR_KM * (2 if near_frame is not None and _direction(near_frame.frame) else 1)
            if (m.place.admin1 != q.admin1) if _wide(q) else km(m.place, q) > far:
                m.place = None
    strong = [m.place for m in ms if m.place is not None and not (m.weak and not m.cue)
              and m.place.kind != "governorate"]
    _far_homonyms(ms, strong)
    _skeleton_lookup(toks, ms, idx, strong)
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


def _to_mention(text: str, norm: Any, toks: Tokens, m: Cand) -> PlaceMention:
    ns, ne = _phrase_start(toks, m), toks.ends[m.s1]
    start, end = norm.span(ns, ne)
    name_s = toks.starts[m.t0] + m.strip
    if m.t1 > m.t0 and is_arabic(toks.words[m.t0]) and _hay(toks.words[m.t0]):
        name_s = toks.starts[m.t0 + 1]  # "حي المشلب" (a gazetteer or unlisted name) -> "المشلب"
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
    elif (m.place is None and anchor is not None) or (m.place is not None and m.place.kind == "region"):
        precision = 2  # located only by its context, or a region ("الساحل الأيمن من الموصل")
    rule = m.rule if m.frame is None else f"{m.rule}+{m.frame.rule}"
    if m.cue and m.rule == "gaz":
        rule += f"+cue.{m.cue}"
    return PlaceMention(start=start, end=end, name=name, candidates=m.cands, place=m.place,
                        geo_precision=precision, frame=m.frame.frame if m.frame else None,
                        noun=_noun_surface(text, norm, toks, m), rule=rule,
                        score=0.6 if m.weak else 1.0, anchor=anchor,
                        frame_only=m.frame_only)


def _hay_candidates(ms: list[Cand], idx: Any) -> None:
    """"حي الزهراء" matched as a whole key (a list that writes the noun) may also be any
    neighbourhood "الزهراء" the lists name without it: both sets are candidates."""
    for m in ms:
        h = m.hit
        if h is None or h.info.latin or not h.info.key.startswith("حي "):
            continue
        key, art = arabic_key(h.info.key[3:])
        info = idx.by_key.get(key)
        if info is None:
            continue
        have = {p.id for p in m.cands}
        for p, a, _k in info.entries:
            if p.id not in have:
                have.add(p.id)
                m.cands.append(p)
            if a == art:
                m.exact.add(p.id)
        m.prefer = m.prefer or ("neighbourhood", "town")


def _hay(word: str) -> bool:
    """The neighbourhood noun حي (with proclitics: بحي، وحي، لحي)."""
    return word == "حي" or (len(word) in (3, 4) and word.endswith("حي") and word[:-2] in PROCLITICS)


def _noun_surface(text: str, norm: Any, toks: Tokens, m: Cand) -> str | None:
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
