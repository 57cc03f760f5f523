"""Finding actor mentions: Aho-Corasick over match-normalised aliases, with Arabic clitics.

The text is prepared once (:class:`Prepared`): ``match`` normalisation, quotes dropped (so
“قسد”، لـ"داعش" and هيئة "تحرير الشام" match), whitespace runs collapsed, with a map back to the
original offsets. Every automaton hit is kept only at word boundaries — on the left, an Arabic
word may carry clitics (و ف ب ل ك and their pairs; لل for ل+ال) — and overlapping hits are
resolved longest first. Then:

* genitive heads extend a mention to the left (عناصر التنظيم، طائرات التحالف، مدفعية النظام);
* trailing adjectives extend it to the right (طيران النظام الحربي);
* a support modifier (المدعومة من X، الموالية لـX، "backed by X", "X-backed") removes the
  supporter X: it describes the first actor, it is not a second one;
* an assist phrase (بدعم من X، بغطاء جوي من X، "with support from X") keeps X, with ``|support``
  appended to its rule.

Generic names whose actor depends on the country (الجيش، الطيران الحربي، "security forces")
are resolved with the document's country (:func:`document_country`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import ahocorasick

from rasad.actors.lexicon import ActorLexicon, Entry, load_actors
from rasad.model import ActorMention
from rasad.text.numbers import match_view

CLITICS = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك", "ال"})
ARTICLE_CLITICS = frozenset({"", "و", "ف"})  # before a key that already holds ل (للتنظيم)
EN_SUPPORT_SUFFIXES = ("-backed", "-supported", "-aligned", "-allied", " backed", "-sponsored")
DEFAULT_COUNTRY = "SY"
CL_RX = "(?:وب|ول|فب|فل|وك|و|ف|ب|ل|ك)?"


@dataclass(slots=True)
class Prepared:
    """The matching view of a text: ``text`` with ``offsets`` into the original."""

    original: str
    text: str
    norm_offsets: list[int]  # prepared index -> normalised index
    norm: Any  # rasad.text.normalize.Normalized
    raw: list[tuple[Any, list[tuple[int, int, Any]]]] = field(default_factory=list)  # per lexicon

    def span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            o = self.norm.to_original(self.norm_offsets[start])
            return o, o
        return self.norm.span(self.norm_offsets[start], self.norm_offsets[end - 1] + 1)


# maximal runs of whitespace and quotes, except a lone space after a word (kept as it is)
# (the lookahead, true before every match, lets the engine skip ahead to a candidate char)
_RUN = re.compile(r"(?=[\s\"'])(?:[\s\"']{2,}|[^\S ]|[\"']|^ )")
_WS = re.compile(r"\s")


@lru_cache(maxsize=16)
def prepare(text: str) -> Prepared:
    """The matching view of ``text`` (cached: the finders of one document share it).

    Quotes are dropped and each run of whitespace and quotes becomes one space (at its first
    whitespace character; none at the start of the text or for a run of quotes only)."""
    norm = match_view(text)
    nt = norm.text
    chars: list[str] = []
    offs: list[int] = []
    pos = 0
    for m in _RUN.finditer(nt):
        s, e = m.span()
        if s > pos:
            chars.append(nt[pos:s])
            offs.extend(range(pos, s))
        if s > 0 and (ws := _WS.search(nt, s, e)) is not None:
            chars.append(" ")
            offs.append(ws.start())
        pos = e
    if pos < len(nt):
        chars.append(nt[pos:])
        offs.extend(range(pos, len(nt)))
    offs.append(len(nt))
    return Prepared(text, "".join(chars), offs, norm)


@dataclass(slots=True)
class Hit:
    start: int  # prepared offsets
    end: int
    entry: Entry
    rule_suffix: str = ""
    dropped: bool = False


def automaton(lex: ActorLexicon) -> Any:
    if lex.automaton is None:
        a = ahocorasick.Automaton()
        for key, entries in lex.entries.items():
            a.add_word(key, (len(key), tuple(entries)))
        a.make_automaton()
        lex.automaton = a
    return lex.automaton


def _nationality_rx(lex: ActorLexicon, lang: str) -> re.Pattern[str] | None:
    spec = lex.nationality.get(lang)
    if not spec or not spec["adjectives"]:
        return None
    rx = spec.get("_rx")
    if rx is None:
        def alt(words: Any) -> str:
            return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

        nouns, adjs = alt(spec["nouns"]), alt(spec["adjectives"])
        blocked = alt(set(spec["nouns"]) | set(spec["stop"]))
        if lang == "ar":
            # words between noun and adjective: other adjectives (nisba: جوي، المدفعي، والصاروخي)
            # or a definite genitive (طائرات الاستطلاع الروسية), never a noun of the list or a stop word
            word = r"(?:و?(?:ال)?[^\W\d_]+(?:ي|يه|يين|ين|يا)|ال[^\W\d_]+)"
            between = rf"(?:\s+(?!(?:{CL_RX})?(?:ال)?(?:{blocked})(?!\w)){word}(?!\w)){{0,3}}?"
            # accusative tanwin leaves an alef: قصفاً جوياً تركياً
            head = rf"(?<!\w){CL_RX}(?P<noun>(?:ال)?(?:{nouns})ا?)"
            rx = re.compile(rf"{head}{between}\s+(?:و)?(?:ال)?(?P<adj>{adjs})ا?(?!\w)")
        else:
            rx = re.compile(rf"(?<![\w.])(?P<adj>{adjs})\s+(?:[a-z]+\s+)?(?P<noun>{nouns})(?!\w)")
        spec["_rx"] = rx
        # where a match can start: an English match at an adjective; an Arabic one at a noun,
        # or up to four letters before it (a clitic pair and the article)
        ac = ahocorasick.Automaton()
        for w in spec["adjectives"] if lang == "en" else spec["nouns"]:
            ac.add_word(w, len(w))
        ac.make_automaton()
        spec["_starts"] = (ac, 0 if lang == "en" else 4)
    return rx


def _finditer(rx: re.Pattern[str], text: str, spec: dict[str, Any]) -> list[re.Match[str]]:
    """``list(rx.finditer(text))``, trying only the positions where a match can start."""
    ac, back = spec["_starts"]
    starts: set[int] = set()
    for end, n in ac.iter(text):
        p = end - n + 1
        starts.update(range(max(0, p - back), p + 1))
    out: list[re.Match[str]] = []
    pos = 0
    for st in sorted(starts):
        if st < pos:
            continue
        m = rx.match(text, st)
        if m is not None:
            out.append(m)
            pos = max(m.end(), st + 1)
    return out


def nationality_hits(prep: Prepared, lex: ActorLexicon) -> list[Hit]:
    """"قصف تركي", "Turkish drone strikes": a military noun qualified by a nationality."""
    out: list[Hit] = []
    for lang in ("ar", "en"):
        rx = _nationality_rx(lex, lang)
        if rx is None:
            continue
        adjectives = lex.nationality[lang]["adjectives"]
        for m in _finditer(rx, prep.text, lex.nationality[lang]):
            code, exact = adjectives[m.group("adj")]
            if exact is not None:
                o_s, o_e = prep.span(m.start("adj"), m.end("adj"))
                if prep.original[o_s:o_e] != exact:
                    continue
            s, e = (m.start("noun"), m.end("adj")) if lang == "ar" else (m.start("adj"), m.end("noun"))
            entry = Entry(kind="alias", lang=lang, id=f"nationality:{lang}:{m.group('adj')}", code=code)
            out.append(Hit(s, e, entry))
    return out


def _word_start(t: str, i: int) -> int:
    while i > 0 and t[i - 1].isalnum():
        i -= 1
    return i


def _left_ok(t: str, start: int, entry: Entry) -> bool:
    ws = _word_start(t, start)
    if ws == start:
        return True
    prefix = t[ws:start]
    if entry.lang != "ar" or not ("\u0600" <= t[start] <= "\u06ff"):
        return False
    allowed = ARTICLE_CLITICS if entry.strip_prefix else CLITICS
    if prefix == "ال":  # الداعش is not a word; keep the article only before names without one
        return False
    return prefix in allowed


def _acronym_ok(prep: Prepared, s: int, e: int, spelling: str) -> bool:
    """A case-sensitive acronym (IS, SAA) spelt exactly so, and not inside an all-caps line."""
    o_s, o_e = prep.span(s, e)
    orig = prep.original
    if orig[o_s:o_e] != spelling:
        return False
    left = orig[max(0, o_s - 20):o_s].split()
    right = orig[o_e:o_e + 20].split()
    neighbours = [w.strip(".,:;!?\"'()") for w in (left[-1:] + right[:1])]
    return not any(len(w) > 1 and w.isalpha() and w.isupper() for w in neighbours)


def _ends_with_tanwin(prep: Prepared, s: int, e: int) -> bool:
    o_e = prep.span(s, e)[1]
    tail = prep.original[o_e - 1:o_e + 1]
    return "\u064b" in tail


def _raw_all(prep: Prepared, lex: ActorLexicon) -> list[tuple[int, int, Entry]]:
    """Every boundary-valid automaton hit: the first valid entry of each kind at each span."""
    for lx, cached in prep.raw:
        if lx is lex:
            return cached
    t = prep.text
    n = len(t)
    out: list[tuple[int, int, Entry]] = []
    for end_incl, (klen, entries) in automaton(lex).iter(t):
        start = end_incl - klen + 1
        end = end_incl + 1
        if end < n and t[end].isalnum():
            continue
        seen: set[str] = set()
        for entry in entries:
            if entry.kind in seen or not _left_ok(t, start, entry):
                continue
            if entry.case_sensitive is not None and not _acronym_ok(prep, start, end, entry.case_sensitive):
                continue
            if entry.no_tanwin and _ends_with_tanwin(prep, start, end):
                continue  # تركياً، روسياً: an adverb ("Turkish-backed"), not the state
            seen.add(entry.kind)
            out.append((start, end, entry))  # ل+ال (للتنظيم): the span keeps the whole word
    prep.raw.append((lex, out))
    return out


def raw_hits(prep: Prepared, lex: ActorLexicon, kinds: frozenset[str]) -> list[Hit]:
    """All boundary-valid automaton hits of the given entry kinds (overlapping)."""
    return [Hit(s, e, entry) for s, e, entry in _raw_all(prep, lex) if entry.kind in kinds]


def longest(hits: list[Hit]) -> list[Hit]:
    """Non-overlapping hits, longest first, then leftmost; returned in text order."""
    chosen: list[Hit] = []
    taken: set[int] = set()
    for h in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if any(i in taken for i in range(h.start, h.end)):
            continue
        taken.update(range(h.start, h.end))
        chosen.append(h)
    chosen.sort(key=lambda h: h.start)
    return chosen


def _strip_clitic(word: str) -> str:
    if len(word) > 3 and word[:2] in ("وب", "ول", "فب", "فل", "وك"):
        return word[2:]
    if len(word) > 2 and word[0] in "وفبلك":
        return word[1:]
    return word


def _prev_words(t: str, start: int, k: int) -> list[tuple[int, str]]:
    """Up to ``k`` words before ``start`` (nearest last), with their start offsets."""
    out: list[tuple[int, str]] = []
    i = start
    while len(out) < k:
        j = i - 1
        if j < 0 or t[j] != " ":
            break
        ws = _word_start(t, j)
        if ws == j:
            break
        out.insert(0, (ws, t[ws:j]))
        i = ws
    return out


def _extend(prep: Prepared, hit: Hit, lex: ActorLexicon) -> None:
    t = prep.text
    heads = lex.memo.get("heads")
    if heads is None:
        heads = lex.memo["heads"] = lex.genitive_heads.get("ar", frozenset()) | lex.genitive_heads.get(
            "en", frozenset())
    if _word_start(t, hit.start) == hit.start and not hit.entry.strip_prefix:
        for _ in range(2):  # عناصر من مقاتلي داعش
            words = _prev_words(t, hit.start, 2)
            moved = False
            if len(words) == 2:
                two = words[0][1] + " " + words[1][1]
                if two in heads or _strip_clitic(words[0][1]) + " " + words[1][1] in heads:
                    hit.start = words[0][0] + (len(words[0][1]) - len(_strip_clitic(words[0][1])))
                    moved = True
            if not moved and words:
                w0, w = words[-1]
                for form in (w, _strip_clitic(w)):
                    if form in heads:
                        hit.start = w0 + len(w) - len(form)
                        moved = True
                        break
            if not moved:
                break
            hit.rule_suffix = "+gen"
    trailing = lex.trailing.get("ar", frozenset())
    if trailing and hit.end < len(t) and t[hit.end] == " ":
        j = hit.end + 1
        k = j
        while k < len(t) and t[k].isalnum():
            k += 1
        if t[j:k] in trailing:
            hit.end = k


def _phrase_ends(t: str, phrases: tuple[str, ...]) -> list[int]:
    """End offsets of each occurrence of a phrase starting at a word boundary."""
    ends: list[int] = []
    for p in phrases:
        i = t.find(p)
        while i >= 0:
            if i == 0 or not t[i - 1].isalnum():
                e = i + len(p)
                # a phrase ending in a clitic (الموالية ل) runs into the next word
                if p.endswith((" ل", " ب")) or e >= len(t) or not t[e].isalnum():
                    ends.append(e)
            i = t.find(p, i + 1)
    return ends


def _mark_support(prep: Prepared, hits: list[Hit], lex: ActorLexicon, lang: str) -> None:
    t = prep.text
    by_start: dict[int, Hit] = {}
    for h in hits:
        by_start.setdefault(h.start, h)
        by_start.setdefault(_word_start(t, h.start), h)

    def following(e: int) -> Hit | None:
        for d in range(0, 8):  # spaces, the article/clitic, "قبل", "the"
            h = by_start.get(e + d)
            if h is not None:
                return h
        return None

    for langs in {lang, "ar", "en"}:
        for e in _phrase_ends(t, lex.support_modifier.get(langs, ())):
            fh = following(e)
            if fh is not None and fh.start - e <= 6 and " " not in t[e:fh.start].strip().replace("قبل", ""):
                fh.dropped = True
        for e in _phrase_ends(t, lex.support_assist.get(langs, ())):
            fh = following(e)
            if fh is not None and not fh.dropped and fh.start - e <= 6:
                fh.rule_suffix += "|support"
    for h in hits:
        if h.entry.lang == "en" and t.startswith(EN_SUPPORT_SUFFIXES, h.end) and not t.startswith(
            " backed by", h.end
        ):
            h.dropped = True


def _coordinated_adjectives(prep: Prepared, hits: list[Hit], lex: ActorLexicon) -> list[Hit]:
    """"الطيران الروسي والأسدي": a second nationality adjective joined to a mention names a second actor."""
    spec = lex.nationality.get("ar")
    if not spec:
        return hits
    adjectives = spec["adjectives"]
    t = prep.text
    extra: list[Hit] = []
    starts = {h.start for h in hits}
    for h in hits:
        j = h.end
        if not t.startswith(" و", j):
            continue
        k = j + 2
        while k < len(t) and t[k].isalnum():
            k += 1
        word = t[j + 2:k]
        word = word[2:] if word.startswith("ال") else word
        if word in adjectives and (j + 1) not in starts:
            code, _ = adjectives[word]
            entry = Entry(kind="alias", lang="ar", id=f"nationality:ar:{word}+coord", code=code)
            extra.append(Hit(j + 2, k, entry))
    return sorted(hits + extra, key=lambda h: h.start) if extra else hits


def document_country(text: str, lang: str = "ar", lexicon: ActorLexicon | None = None,
                     prep: Prepared | None = None) -> str | None:
    """The country (ISO2) a text is mostly about, from place and actor cues; None if no cue."""
    lex = lexicon or load_actors()
    prep = prep or prepare(text)
    counts: Counter[str] = Counter()
    for h in raw_hits(prep, lex, frozenset({"cue", "alias"})):
        if h.entry.kind == "cue" and h.entry.code:
            counts[h.entry.code] += 1
        elif h.entry.code and lex.countries.get(h.entry.code) in ("SY", "IQ"):
            counts[lex.countries[h.entry.code]] += 1
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def scan(text: str, lang: str, lexicon: ActorLexicon | None = None, country: str | None = None,
         anaphors: bool = False,
         fallback_country: str | None = None) -> tuple[Prepared, list[Hit], str | None]:
    """Prepared text, chosen hits (support-dropped ones removed) and the document country
    (``country`` if given, else from the text's cues, else ``fallback_country``: e.g. the
    country of the places the geoparser resolved)."""
    lex = lexicon or load_actors()
    prep = prepare(text)
    kinds = {"alias", "country", "blocker"} | ({"anaphor"} if anaphors else set())
    hits = longest(raw_hits(prep, lex, frozenset(kinds)))
    taken = {i for h in hits for i in range(h.start, h.end)}
    for h in longest(nationality_hits(prep, lex)):
        if not any(i in taken for i in range(h.start, h.end)):
            hits.append(h)
    hits = sorted((h for h in hits if h.entry.kind != "blocker"), key=lambda h: h.start)
    hits = _coordinated_adjectives(prep, hits, lex)
    for h in hits:
        _extend(prep, h, lex)
    _mark_support(prep, hits, lex, lang)
    if country is None:
        country = document_country(text, lang, lex, prep) or fallback_country
    return prep, [h for h in hits if not h.dropped], country


def to_mention(prep: Prepared, h: Hit, code: str, rule: str, anaphor: bool = False) -> ActorMention:
    s, e = prep.span(h.start, h.end)
    return ActorMention(start=s, end=e, code=code, surface=prep.original[s:e], rule=rule, anaphor=anaphor)


def find_actors(text: str, lang: str, lexicon: ActorLexicon | None = None,
                country: str | None = None) -> list[ActorMention]:
    """Explicitly named actors in ``text`` (offsets into ``text``), in text order.

    ``rule`` is the alias id, with ``+gen`` when a genitive head was taken in, ``@SY``/``@IQ``
    when the code came from the document's country, ``|support`` for an assisting actor.
    """
    lex = lexicon or load_actors()
    prep, hits, doc_country = scan(text, lang, lex, country)
    return mentions_from_hits(prep, hits, doc_country)


def mentions_from_hits(prep: Prepared, hits: list[Hit], doc_country: str | None) -> list[ActorMention]:
    out: list[ActorMention] = []
    for h in hits:
        e = h.entry
        if e.kind == "alias" and e.code:
            out.append(to_mention(prep, h, e.code, e.id + h.rule_suffix))
        elif e.kind == "country":
            codes = dict(e.codes)
            iso = doc_country if doc_country in codes else DEFAULT_COUNTRY
            code = codes.get(iso) or next(iter(codes.values()))
            mark = iso if doc_country in codes else iso + "?"
            out.append(to_mention(prep, h, code, f"{e.id}@{mark}{h.rule_suffix}"))
    return out


def is_supporter(m: ActorMention) -> bool:
    """Whether the mention was named as assisting another actor (بدعم من X)."""
    return "|support" in m.rule
