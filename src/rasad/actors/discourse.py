"""Discourse rules over actor mentions: anaphors, the last actor before a point, coalitions.

Anaphors (التنظيم، هذه القوات، "the group", "the army"…) are listed in actors.yaml with the codes
they may refer to. The referent is the nearest earlier mention (explicit or already resolved)
whose code is a candidate; failing that, the rule's fallback (``fallback``; ``fallback_if_named``
when that code is named anywhere in the text; ``fallback_by_country``). Anaphors left without a
referent are not returned.
"""

from __future__ import annotations

from collections.abc import Callable

from rasad.actors.finder import DEFAULT_COUNTRY, Hit, Prepared, mentions_from_hits, scan, to_mention
from rasad.actors.lexicon import STATE_SIDE, ActorLexicon, load_actors
from rasad.model import ActorMention

KINDS_FALLBACK = {
    "SYR_GOV": "state", "RUS": "state", "IRN": "state", "IRN_BACKED": "militia", "HEZBOLLAH": "militia",
    "IRQ_GOV": "state", "PMF": "militia", "KRG": "state", "TUR": "state", "USA_COAL": "state",
    "ISR": "state", "ISIS": "rebel", "SDF": "rebel", "HTS": "rebel", "SYR_OPP": "rebel", "SNA": "rebel",
    "PKK": "rebel", "OTHER_ARMED": "rebel", "CIVILIANS": "civilians", "PROTESTERS": "protesters",
}


def _candidate_of(codes: tuple[str, ...]) -> Callable[[ActorMention], bool]:
    return lambda m: m.code in codes and "|support" not in m.rule


def actor_kind(code: str, lexicon: ActorLexicon | None = None) -> str:
    """state | militia | rebel | civilians | protesters (KeyError for an unknown code)."""
    lex = lexicon or load_actors()
    if code in lex.kinds:
        return lex.kinds[code]
    return KINDS_FALLBACK[code]


def is_state_side(code: str | None) -> bool:
    """State actors and state-allied militias of spec/events.md rule 4."""
    return code in STATE_SIDE


def is_non_state_armed(code: str | None, lexicon: ActorLexicon | None = None) -> bool:
    return code is not None and not is_state_side(code) and _kind(code, lexicon) in ("rebel", "militia")


def _kind(code: str, lexicon: ActorLexicon | None) -> str | None:
    try:
        return actor_kind(code, lexicon)
    except KeyError:
        return None


def last_actor_before(
    mentions: list[ActorMention],
    offset: int,
    predicate: Callable[[ActorMention], bool] | None = None,
) -> ActorMention | None:
    """The last mention ending at or before ``offset`` that satisfies ``predicate``."""
    best: ActorMention | None = None
    for m in mentions:
        if m.end > offset or (predicate is not None and not predicate(m)):
            continue
        if best is None or m.start >= best.start:
            best = m
    return best


def resolve_anaphora(
    text: str,
    lang: str,
    mentions: list[ActorMention],
    lexicon: ActorLexicon | None = None,
    country: str | None = None,
) -> list[ActorMention]:
    """``mentions`` plus the resolved anaphors of ``text``, in text order.

    An anaphor's ``rule`` is ``anaphor:<rule id>:<text>-><how>`` with how = ``antecedent`` or
    ``fallback``; ``anaphor`` is True.
    """
    lex = lexicon or load_actors()
    prep, hits, doc_country = scan(text, lang, lex, country, anaphors=True)
    return _resolve(prep, hits, doc_country, lex, mentions)


def _resolve(prep: Prepared, hits: list[Hit], doc_country: str | None, lex: ActorLexicon,
             mentions: list[ActorMention]) -> list[ActorMention]:
    named = {m.code for m in mentions}
    taken = [(m.start, m.end) for m in mentions]
    result = sorted(mentions, key=lambda m: m.start)
    resolved: list[ActorMention] = []
    for h in hits:
        if h.entry.kind != "anaphor" or h.entry.anaphor is None:
            continue
        rule = lex.anaphors[h.entry.anaphor]
        probe = to_mention(prep, h, "", "")
        if any(s < probe.end and probe.start < e for s, e in taken):
            continue
        pool = sorted(result + resolved, key=lambda m: m.start)
        ante = last_actor_before(pool, probe.start, _candidate_of(rule.candidates))
        code: str | None = None
        how = "antecedent"
        if ante is not None:
            code = ante.code
        else:
            how = "fallback"
            if rule.fallback:
                code = rule.fallback
            elif rule.fallback_if_named and rule.fallback_if_named in named:
                code = rule.fallback_if_named
            elif rule.fallback_by_country:
                iso = doc_country or DEFAULT_COUNTRY
                code = rule.fallback_by_country.get(iso)
        if code is None:
            continue
        probe.code = code
        probe.rule = f"{h.entry.id}{h.rule_suffix}->{how}"
        probe.anaphor = True
        resolved.append(probe)
    return sorted(result + resolved, key=lambda m: (m.start, m.end))


def find_all_actors(text: str, lang: str, lexicon: ActorLexicon | None = None,
                    country: str | None = None, fallback_country: str | None = None) -> list[ActorMention]:
    """Named actors and resolved anaphors together (find_actors + resolve_anaphora, one scan).
    ``fallback_country`` decides generic names ("security forces") when the text has no cue."""
    lex = lexicon or load_actors()
    prep, hits, doc_country = scan(text, lang, lex, country, anaphors=True, fallback_country=fallback_country)
    explicit = mentions_from_hits(prep, hits, doc_country)
    return _resolve(prep, hits, doc_country, lex, explicit)


def coalition_groups(text: str, mentions: list[ActorMention], lang: str = "ar",
                     lexicon: ActorLexicon | None = None, max_gap: int = 40) -> list[list[ActorMention]]:
    """Mentions joined only by coalition words (و، مع، المتحالفة معها، بدعم من، "and", "backed by"…).

    Consecutive mentions form one group when the text between them, stripped of punctuation,
    is empty or made only of joiner words / assist phrases.
    """
    lex = lexicon or load_actors()
    from rasad.actors.lexicon import alias_key

    joiners = set(lex.joiners.get("ar", ())) | set(lex.joiners.get("en", ()))
    assist = set(lex.support_assist.get("ar", ())) | set(lex.support_assist.get("en", ()))
    glue = sorted(joiners | assist, key=len, reverse=True)
    ordered = sorted(mentions, key=lambda m: m.start)
    groups: list[list[ActorMention]] = []
    for m in ordered:
        if groups:
            prev = groups[-1][-1]
            between = text[prev.end:m.start]
            if 0 <= len(between) <= max_gap and _only_glue(alias_key(between), glue):
                groups[-1].append(m)
                continue
        groups.append([m])
    return groups


def _only_glue(s: str, glue: list[str]) -> bool:
    s = s.replace(",", " ").replace("،", " ").replace("(", " ").replace(")", " ").strip()
    guard = 0
    while s and guard < 10:
        guard += 1
        for g in glue:
            if s.startswith(g) and (len(s) == len(g) or s[len(g)] == " " or g == "و"):
                s = s[len(g):].strip()
                break
        else:
            return False
    return not s


def leading_actor(group: list[ActorMention], lexicon: ActorLexicon | None = None) -> ActorMention | None:
    """The leading actor of a coalition acting together (spec rule 3).

    Supporters (``|support``) never lead; the first named leads, unless it is an auxiliary
    (actors.yaml ``auxiliaries``) of another actor in the group, which then leads.
    """
    if not group:
        return None
    lex = lexicon or load_actors()
    pool = [m for m in group if "|support" not in m.rule] or list(group)
    for m in pool:
        principals = lex.auxiliaries.get(m.code, frozenset())
        if any(o.code in principals for o in pool):
            continue
        return m
    return pool[0]
