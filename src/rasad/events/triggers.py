"""Finding trigger words in match-normalised text (one Aho-Corasick pass per document).

A form matches when it sits on token boundaries: before it only proclitics (و ف ب ل ك س ال لل
in Arabic), after it only a suffix of the rule's suffix set. Overlapping hits keep the longest.
Rule conditions (requires_after, block_before, block_after, imperfect) are checked here on the
surrounding tokens; the result is a list of :class:`TriggerHit` in text order.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick

from rasad.events.rules import Rule, RuleSet, load_cues, load_rules
from rasad.text.normalize import match_key

_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ل", "ك", "س", "لت", "لي")
_ART = ("", "ال")


def _proclitics() -> frozenset[str]:
    out = set()
    for c in _CONJ:
        for p in _PREP:
            for a in _ART:
                if p == "ل" and a == "ال":
                    out.add(c + "لل")
                    continue
                if p in ("لت", "لي", "س") and a:
                    continue
                out.add(c + p + a)
    return frozenset(out)


PROCLITICS = _proclitics()
_AR_LETTER = range(0x0621, 0x064B)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


@dataclass(slots=True)
class TriggerHit:
    start: int  # normalised offsets of the matched form (clitics excluded)
    end: int
    rule: Rule
    form: str
    prefix: str  # the proclitics actually attached
    event: str  # event after `switch` (may differ from rule.event)
    observation: bool = False  # a statement of control (present tense), not a change


MAX_PREFIX = 5  # longest proclitic string (فبال، ولل...) plus one
MAX_HITS = 3000  # a pathological text (one trigger repeated) stops here: bounded time


def _token_start(t: str, i: int, limit: int = MAX_PREFIX) -> int:
    """Start of the word holding ``t[i]``; at most ``limit`` characters back (-1 if further)."""
    lo = max(0, i - limit)
    while i > lo and _is_word_char(t[i - 1]):
        i -= 1
    if i == lo and lo > 0 and _is_word_char(t[lo - 1]):
        return -1
    return i


def _token_end(t: str, i: int, limit: int = 12) -> int:
    """End of the word holding ``t[i-1]``; at most ``limit`` characters on (-1 if further)."""
    n = len(t)
    hi = min(n, i + limit)
    while i < hi and _is_word_char(t[i]):
        i += 1
    if i == hi and hi < n and _is_word_char(t[hi]):
        return -1
    return i


_TOKEN_PUNCT = "\"'،,.:;()«»-"


def tokens_before(t: str, pos: int, n: int, floor: int = 0) -> list[str]:
    """The ``n`` whitespace tokens before ``pos`` (not crossing ``floor``), punctuation stripped."""
    return list(_tokens_before(t, pos, n, floor))  # a copy: callers may change their list


def tokens_after(t: str, pos: int, n: int, ceil: int | None = None) -> list[str]:
    return list(_tokens_after(t, pos, n, ceil))


# the assembly asks for the same windows again and again (per trigger, per place, per actor);
# the text is part of the key (its hash is cached by Python), so documents never mix
@lru_cache(maxsize=16384)
def _tokens_before(t: str, pos: int, n: int, floor: int) -> tuple[str, ...]:
    lo = max(floor, pos - 16 * n)
    words = [w for w in (w.strip(_TOKEN_PUNCT) for w in t[lo:pos].split()) if w]
    return tuple(words[-n:])


@lru_cache(maxsize=16384)
def _tokens_after(t: str, pos: int, n: int, ceil: int | None) -> tuple[str, ...]:
    hi = len(t) if ceil is None else ceil
    hi = min(hi, pos + 16 * n)
    words = [w for w in (w.strip(_TOKEN_PUNCT) for w in t[pos:hi].split()) if w]
    return tuple(words[:n])


_PROCLITIC_STRIPS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "لل", "وال", "بال", "ال", "فال")


@lru_cache(maxsize=65536)
def _strip_clitics(w: str) -> tuple[str, ...]:
    """The word and its variants without proclitics (for cue-word membership tests)."""
    out = [w]
    for p in _PROCLITIC_STRIPS:
        if w.startswith(p) and len(w) - len(p) >= 2:
            out.append(w[len(p) :])
    return tuple(out)


@lru_cache(maxsize=65536)
def _strip1(w: str) -> str:
    """The word without a leading conjunction, and a preposition before the article."""
    if w[:1] in "وف" and len(w) > 3:
        w = w[1:]
    if w[:1] in "بل" and w[1:3] == "ال":
        w = w[1:]
    return w


def bare_key(w: str) -> str:
    """A one-word name or cue without conjunction and article, match-normalised."""
    return _strip1(match_key(w)).removeprefix("ال")


# id -> (cues, one-word set, phrase automaton, phrase heads, one-word set | heads or None)
_CUE_CACHE: dict[
    int, tuple[tuple[str, ...], frozenset[str], Any, frozenset[str] | None, frozenset[str] | None]
] = {}
_CUE_BY_VALUE: dict[tuple[str, ...], tuple[frozenset[str], Any, frozenset[str] | None]] = {}


def _split_cues(cues: tuple[str, ...]) -> tuple[frozenset[str], Any, frozenset[str] | None]:
    """One-word cues as a set; phrases in an Aho-Corasick automaton (None when there are none),
    and the first words of the phrases (None when one starts with a space)."""
    # keyed by identity (hashing a long tuple on every call would be the cost); the stored
    # tuple is kept alive, and the identity check guards against a reused id. A tuple built
    # per call (a concatenation of cue lists) misses here and is found by value.
    got = _CUE_CACHE.get(id(cues))
    if got is not None and got[0] is cues:
        return got[1], got[2], got[3]
    split = _CUE_BY_VALUE.get(cues)
    if split is None:
        split = _build_cues(cues)
        if len(_CUE_BY_VALUE) < 4096:
            _CUE_BY_VALUE[cues] = split
    if len(_CUE_CACHE) >= 4096:
        _CUE_CACHE.clear()  # transient tuples would fill it for good
    _CUE_CACHE[id(cues)] = _entry(cues, split)
    return split


def _entry(
    cues: tuple[str, ...], split: tuple[frozenset[str], Any, frozenset[str] | None]
) -> tuple[tuple[str, ...], frozenset[str], Any, frozenset[str] | None, frozenset[str] | None]:
    """The cache entry of ``cues``: its split and the gate of :func:`has_cue` (every word that
    a one-word cue or a phrase head can be; None when a phrase starts with a space)."""
    single, multi, first = split
    gate = single if multi is None else (single | first if first is not None else None)
    return (cues, single, multi, first, gate)


def _build_cues(cues: tuple[str, ...]) -> tuple[frozenset[str], Any, frozenset[str] | None]:
    words = [c for c in cues if " " not in c]
    # with every proclitic spelled out (و+قصف, بال+...): one set lookup per word
    single = frozenset(words) | frozenset(p + c for p in _PROCLITIC_STRIPS for c in words if len(c) >= 2)
    phrases = [" " + c for c in cues if " " in c]  # a phrase may end in a suffix
    auto = None
    first: frozenset[str] | None = None
    if phrases:
        auto = ahocorasick.Automaton()
        for ph in phrases:
            auto.add_word(ph, ph)
        auto.make_automaton()
        heads = {ph.split(" ")[1] for ph in phrases}
        if "" not in heads:
            # each head and every word that _strip1 makes it (و/ف, then ب/ل before ال)
            pre = {c + p + h for h in heads for c in ("", "و", "ف") for p in ("", "ب", "ل")}
            first = frozenset(heads | {w for w in pre if _strip1(w) in heads})
    return single, auto, first


FROM_WORDS = frozenset({"from", "من"})


def _before_from(words: list[str]) -> list[str]:
    """The words before "from" (the object of a verb, not the side it was taken from), less a
    word right before a place head ("the last militant stronghold": the object is a stronghold,
    not a militant; cue list object_place_heads)."""
    for k, w in enumerate(words):
        if w in FROM_WORDS:
            words = words[:k]
            break
    heads = _place_heads()
    if heads.isdisjoint(words):
        return words
    return [w for k, w in enumerate(words) if not (k + 1 < len(words) and words[k + 1] in heads)]


_HEADS: list[frozenset[str]] = []


def _place_heads() -> frozenset[str]:
    if not _HEADS:
        _HEADS.append(frozenset(load_cues()["object_place_heads"]))
    return _HEADS[0]


def has_cue(words: list[str], cues: tuple[str, ...]) -> bool:
    """True when one of the (possibly multi-word) ``cues`` occurs in the token list."""
    if not words or not cues:
        return False
    got = _CUE_CACHE.get(id(cues))  # _split_cues inlined (the hottest call of the stage)
    if got is None or got[0] is not cues:
        _split_cues(cues)  # builds and caches the entry
        got = _CUE_CACHE[id(cues)]
    multi = got[2]
    if multi is None:  # one-word cues only
        return not got[1].isdisjoint(words)
    gate = got[4]
    # no one-word cue and no phrase head among the words: a phrase can only match where a
    # word holds a space of its own (see below), and never a single word
    if gate is not None and gate.isdisjoint(words) and (len(words) == 1 or " " not in "".join(words)):
        return False
    single = got[1]
    if single and not single.isdisjoint(words):
        return True
    if len(words) > 1:
        joined = " " + " ".join(words) + " "
        if next(multi.iter(joined), None) is not None:
            return True
        stripped = " " + " ".join(map(_strip1, words)) + " "
        if stripped != joined:
            return next(multi.iter(stripped), None) is not None
    return False


def cue_words(cues: tuple[str, ...]) -> frozenset[str]:
    """The one-word ``cues`` with their proclitic spellings: ``w in cue_words(cues)`` is
    ``word_has_cue(w, cues)`` (test many words against one list with a single look-up)."""
    got = _CUE_CACHE.get(id(cues))
    return got[1] if got is not None and got[0] is cues else _split_cues(cues)[0]


_PADDED: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}


def padded_cues(cues: tuple[str, ...]) -> tuple[str, ...]:
    """`` w `` for each cue, to find as a whole word (built once per cue list of load_cues)."""
    got = _PADDED.get(id(cues))
    if got is None or got[0] is not cues:
        if len(_PADDED) >= 4096:
            _PADDED.clear()  # (transient tuples)
        got = _PADDED[id(cues)] = (cues, tuple(" " + w + " " for w in cues))
    return got[1]


def word_has_cue(w: str, cues: tuple[str, ...]) -> bool:
    """``has_cue([w], cues)`` for one word (phrases never match a single word)."""
    if not cues:
        return False
    got = _CUE_CACHE.get(id(cues))
    return w in (got[1] if got is not None and got[0] is cues else _split_cues(cues)[0])


def _rule_hit_in(t: str, kept: list[tuple[int, int, int, str, str]], idx: int, span: tuple[int, int]) -> bool:
    """Whether rule ``idx`` has a hit inside ``span`` that is not anaphoric ("the protesters" is
    the protest told before; "protesters in X" a new one). ``kept`` is sorted by start."""
    k = bisect_left(kept, span[0], key=lambda r: r[0])
    for r in kept[k:]:
        if r[0] >= span[1]:
            return False
        if r[2] == idx and not t[max(span[0], r[0] - 7) : r[0]].endswith(("the ", "these ", "those ")):
            return True
    return False


def find_triggers(t: str, lang: str, bounds: list[tuple[int, int]] | None = None) -> list[TriggerHit]:
    """All trigger hits in normalised text ``t``; ``bounds`` are sentence spans (normalised)."""
    rs: RuleSet = load_rules("ar" if lang == "ar" else "en")
    raw: list[tuple[int, int, int, str, str]] = []  # start, end, rule idx, form, prefix
    n = len(t)
    for end_i, vals in rs.automaton.iter(t):
        key = vals[0][0]
        s = end_i - len(key) + 1
        e = end_i + 1
        ts = _token_start(t, s)
        if ts < 0:
            continue
        prefix = t[ts:s]
        if lang == "ar":
            if prefix and prefix not in PROCLITICS:
                continue
        elif prefix:
            continue
        te = _token_end(t, e, rs.max_suffix + 1)
        if te < 0 or te - e > rs.max_suffix:
            continue
        suffix = t[e:te]
        for _k, idx, sfx in vals:
            allowed = rs.suffixes.get(sfx, frozenset({""}))
            if suffix in allowed:
                raw.append((s, te, idx, key, prefix))
        if len(raw) >= MAX_HITS:
            break
    if not raw:
        return []
    # longest match wins among overlaps (ties: earlier rule); a second rule may share a span
    raw.sort(key=lambda r: (-(r[1] - r[0]), r[0], r[2]))
    occupied = bytearray(n + 1)
    spans_kept: set[tuple[int, int]] = set()
    kept: list[tuple[int, int, int, str, str]] = []
    for r in raw:
        if (r[0], r[1]) in spans_kept:
            kept.append(r)
            continue
        if any(occupied[r[0] : r[1]]):
            continue
        occupied[r[0] : r[1]] = b"\x01" * (r[1] - r[0])
        spans_kept.add((r[0], r[1]))
        kept.append(r)
    kept.sort(key=lambda r: (r[0], r[2]))
    out: list[TriggerHit] = []
    bounds = bounds or [(0, n)]
    bi = 0
    for s, e, idx, key, prefix in kept:
        while bi < len(bounds) - 1 and bounds[bi][1] <= s:
            bi += 1
        lo, hi = bounds[bi]
        if not (lo <= s < hi):
            lo, hi = 0, n
        rule = rs.rules[idx]
        before = tokens_before(t, s - len(prefix), 4, lo)
        after = tokens_after(t, e, max(rule.window, 3), hi)
        if rule.block_before and has_cue(before, rule.block_before):
            continue
        if rule.block_prev and has_cue(before[-1:], rule.block_prev):
            continue
        if rule.block_after and has_cue(_before_from(after[:4])[:3], rule.block_after):
            continue  # ("recaptured from ISIS militants": what follows "from" is not the object)
        if rule.requires_after and not has_cue(after[: rule.window], rule.requires_after):
            continue
        if rule.requires_before and not has_cue(tokens_before(t, s, rule.window, lo), rule.requires_before):
            continue
        if rule.requires_near:
            prev_lo = bounds[max(0, bi - 2)][0] if bi > 0 else lo
            near = tokens_before(t, s, 60, prev_lo)[-60:] + tokens_after(t, e, 14, hi)
            if not has_cue(near, rule.requires_near):
                continue
        if rule.block_near and has_cue(
            tokens_before(t, s, 10, lo) + tokens_after(t, e, 14, hi), rule.block_near
        ):
            continue
        observation = False
        if rule.imperfect:
            if lang == "ar":
                observation = not (prefix.endswith("ل") or prefix.endswith("لت") or prefix.endswith("لي"))
            else:
                observation = True
        # future tense (سـ + present) is not an event
        if lang == "ar" and prefix.rstrip("تي").endswith("س") and key[:1] in "تين":
            continue
        event = rule.event
        if rule.switch:
            if "sentence_switch" in rule.flags:  # protests: what happened anywhere in the sentence
                after = tokens_after(t, e, 80, hi)
                links = load_cues()["prior_event_links"]
                cut = next((k for k, w in enumerate(after) if word_has_cue(w, links)), len(after))
                # "protested against the killing of ...": the grievance is not what happened there
                grievance = load_cues()["grievance_links"]
                g_cut = next((k for k, w in enumerate(after[:cut]) if word_has_cue(w, grievance)), cut)
                purpose = load_cues()["grievance_purpose"]  # "... to protest the killing of"
                g_cut = next(
                    (k for k in range(g_cut - 1) if after[k] == "to" and word_has_cue(after[k + 1], purpose)),
                    g_cut,
                )
                before = tokens_before(t, s, 80, lo)
                start = 0
                if lang == "en" and (key == "protested" or (key == "protest" and before[-1:] == ["to"])):
                    # "to protest the killing of ...": the verb's object is the grievance, up to
                    # the next clause ("... and torched a police post")
                    ends = load_cues()["grievance_object_ends"]
                    start = next((k for k, w in enumerate(after[:g_cut]) if word_has_cue(w, ends)), g_cut)
                clause = before + after[start:g_cut]
                if (
                    "next_sentence_switch" in rule.flags
                    and cut == len(after)
                    and bi + 1 < len(bounds)
                    and not _rule_hit_in(t, kept, idx, bounds[bi + 1])
                ):
                    # "Protesters gathered in X. Police fired tear gas ...": the next sentence
                    # tells what the police or the crowd did (up to a new clause or a link),
                    # unless it tells a protest of its own
                    nxt = tokens_after(t, bounds[bi + 1][0], 40, bounds[bi + 1][1])
                    stops = load_cues()["clause_boundaries"]
                    stop = (k for k, w in enumerate(nxt) if word_has_cue(w, links) or word_has_cue(w, stops))
                    clause += nxt[: next(stop, len(nxt))]
            elif "switch_before" in rule.flags:  # "مقتل امرأة برصاص X": the victim precedes
                clause = tokens_before(t, s, 6, lo)
            else:
                clause = tokens_before(t, s, 6, lo) + tokens_after(t, e, 10, hi)
            for new_event, cues in rule.switch.items():
                if has_cue(clause, cues):
                    event = new_event
                    break
        out.append(TriggerHit(s, e, rule, key, prefix, event, observation))
    return out
