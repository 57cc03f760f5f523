"""Background and history are not events; a state of control is not a change of control.

``background_reason`` says why a trigger's clause is history (a cue such as منذ أسابيع، العام
الماضي، "last year"; a pluperfect كان/كانت … قد without a recent time word; a relative clause
التي سيطرت on an actor; a date more than ``MAX_NEWS_AGE_DAYS`` before publication, except a change
of control with an explicit full date) or a negation / denial / intention (لم تتمكن، نفت، تخطط،
"denied", "failed to", "plans to"); an English month name is a date, never a march.
``find_control_observations`` turns statements of who holds a place (تحت سيطرة، الخاضعة
لسيطرة، present-tense تسيطر، "held by", "under the control of") into observations for the control stage.
"""

from __future__ import annotations

import os
import re
from datetime import date, timedelta
from typing import Any

from rasad.events.context import Context, Span, build_context
from rasad.events.roles import _lead, trial_cues
from rasad.events.rules import load_cues
from rasad.events.scope import is_frame
from rasad.events.triggers import TriggerHit, find_triggers, has_cue, tokens_after, tokens_before
from rasad.model import ActorMention, Document, PlaceMention


def _env_days(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


MAX_NEWS_AGE_DAYS = _env_days("RASAD_MAX_NEWS_AGE_DAYS", 7)
"""Background cutoff (env ``RASAD_MAX_NEWS_AGE_DAYS``): an event whose nearest date lies more
than this many days before publication is history, not news (spec rule 7) — except territory
changes given an explicit day and month (see ``DATED_TERRITORY_MAX_AGE_DAYS``)."""

DATED_TERRITORY_MAX_AGE_DAYS = _env_days("RASAD_DATED_TERRITORY_MAX_AGE_DAYS", 60)
"""A change of control told with an explicit full date (day + month, "on February 9", "في 2
كانون الثاني") up to this many days before publication is kept as news (with that date and a
lower confidence, ``OLD_NEWS_CONFIDENCE``): such reports fill the control timelines. Env
``RASAD_DATED_TERRITORY_MAX_AGE_DAYS``; 0 turns it off."""

OLD_NEWS_CONFIDENCE = 0.75
"""Factor applied to the confidence of an event dated before the background cutoff."""
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
_YEAR = re.compile(r"(?<![\d/.-])(19|20)\d\d(?![\d/.-])")


def month_word(ctx: Context, hit: TriggerHit) -> bool:
    """ "RAQQA, Syria, March 3", "on 3 March": an English month name is a date, not a march."""
    if ctx.lang != "en" or hit.form not in trial_cues()["month_names"]:
        return False
    s_lo, s_hi = ctx.sentence_of(hit.start)
    nxt = tokens_after(ctx.t, hit.end, 1, s_hi)
    prev = tokens_before(ctx.t, hit.start, 1, s_lo)
    if any(w[:1].isdigit() for w in nxt + prev):
        return True
    o_lo, o_hi = ctx.orig_span(hit.start, hit.end)
    surface = ctx.doc.text[o_lo:o_hi]
    # capitalised inside a sentence: the month (a sentence-initial "March" stays ambiguous)
    return surface[:1].isupper() and bool(ctx.t[s_lo : hit.start].strip())


def denied(ctx: Context, hit: TriggerHit) -> str | None:
    """A denial before the trigger in its sentence, or a failure in its clause."""
    s_lo, _ = ctx.sentence_of(hit.start)
    start = hit.start - len(hit.prefix)
    cues = trial_cues()
    # the denial's own clause: "نفت ... سيطرة X على Y، مؤكدة أن الاشتباكات مستمرة" keeps the clash
    c_lo = max(ctx.t.rfind("،", s_lo, start), ctx.t.rfind(",", s_lo, start), s_lo)
    if has_cue(tokens_before(ctx.t, start, 20, c_lo), cues["denials"]):
        return "denial"
    if has_cue(tokens_before(ctx.t, start, 8, c_lo), cues["failures"]):
        return "failure"
    return None


def dated_territory_news(ctx: Context, hit: TriggerHit, d: Span[Any]) -> bool:
    """A change of control with an explicit full date (day + month) within
    ``DATED_TERRITORY_MAX_AGE_DAYS`` of publication: news for the control timeline."""
    from rasad.events.candidate import family

    if family(hit.event) != "territory" or ctx.published is None or d.m.precision != 1:
        return False
    o_lo, o_hi = ctx.orig_span(d.start, d.end)
    surface = ctx.doc.text[o_lo:o_hi]
    if not any(ch.isdigit() for ch in surface):
        return False  # "last Friday", "yesterday": not a full date of the text's own
    return bool(d.m.value >= ctx.published - timedelta(days=DATED_TERRITORY_MAX_AGE_DAYS))


def age_factor(published: date | None, d: date | None) -> float:
    """Confidence factor for an event dated before the background cutoff (kept as news)."""
    if published is None or d is None or d >= published - timedelta(days=MAX_NEWS_AGE_DAYS):
        return 1.0
    return OLD_NEWS_CONFIDENCE


def _frame_before(ctx: Context, hit: TriggerHit, s_lo: int, n: int, cues: tuple[str, ...]) -> bool:
    """One of ``cues`` in the ``n`` words before the trigger, within its clause (after the last
    comma): English frames that talk about an event (attribution_frames: 8 words) or say it has
    not happened (intent_frames: 4 words)."""
    c_lo = max(s_lo, ctx.t.rfind(",", s_lo, hit.start) + 1)
    return has_cue(tokens_before(ctx.t, hit.start - len(hit.prefix), n, c_lo), cues)


def background_reason(ctx: Context, hit: TriggerHit, hi: int) -> str | None:
    cues = load_cues()
    s_lo, s_hi = ctx.sentence_of(hit.start)
    before = tokens_before(ctx.t, hit.start - len(hit.prefix), 8, s_lo)
    after = tokens_after(ctx.t, hit.end, 12, hi)
    near_before = before[-4:]
    if month_word(ctx, hit):
        return "month_name"
    if has_cue(before + after, cues["background"]):
        return "background_cue"
    if has_cue(near_before[-3:], cues["negation"]):
        return "negation"
    neg = denied(ctx, hit)
    if neg:
        return neg
    if has_cue(near_before[-3:], cues["reaction_words"]):
        return "reaction"
    if ctx.lang == "en" and _frame_before(ctx, hit, s_lo, 8, cues["attribution_frames"]):
        return "attribution"  # "blamed X for the sarin attack", "sanctions over the use of"
    if ctx.lang == "en" and _frame_before(ctx, hit, s_lo, 4, cues["intent_frames"]):
        return "intent"  # "called for a protest", "threatened to stage a sit-in"
    if has_cue(near_before[-3:], cues["apposition_words"]):
        return "apposition"  # "، وهي ثاني قاعدة تنشئها": describes the thing just told
    if has_cue(after[:1], cues["earlier_adjectives"]):
        return "earlier_one"  # "التظاهرات السابقة", "previous strikes"
    if near_before and ctx.lang == "ar" and has_cue(near_before[-1:], load_cues()["relative_pronouns"]):
        return "relative_clause"
    # pluperfect: كان/كانت (… قد) before the verb, without a recent time word in the clause
    if ctx.lang == "ar" and has_cue(before[-6:], cues["pluperfect"]):
        sentence_words = tokens_before(ctx.t, hit.start, 30, s_lo) + tokens_after(ctx.t, hit.end, 20, s_hi)
        if not has_cue(sentence_words, cues["recent_time"]):
            return "pluperfect"
    if has_cue(before[-3:], cues["prior_step"]):
        return "prior_step"
    # a year in the clause before the publication year ("في عام 2014", "in 2016")
    if ctx.published is not None:
        window = ctx.t[max(s_lo, hit.start - 60) : min(hi, hit.end + 60)]
        for m in _YEAR.finditer(window):
            if 1950 < int(m.group()) < ctx.published.year:
                return "old_year"
        # "in September" told in April: a month gone by (a bare month without a day)
        if ctx.lang == "en":
            words = tokens_before(ctx.t, hit.start, 8, s_lo) + tokens_after(ctx.t, hit.end, 4, hi)
            for k, w in enumerate(words[:-1]):
                month = _MONTHS.get(words[k + 1])
                # two to ten months back (the month after publication may be a plan, not history)
                if w == "in" and month and 2 <= (ctx.published.month - month) % 12 <= 10:
                    return "old_month"
    # a date in the clause far before publication
    if ctx.published is not None:
        # the date nearest the trigger (in its clause first) decides
        near = [
            d
            for d in ctx.dates
            if s_lo <= d.start < s_hi and d.m.value is not None and abs(d.start - hit.start) < 150
        ]
        if near:
            d = min(near, key=lambda d: abs(d.start - hit.start) + (0 if d.start < hi else 200))
            value = d.m.value
            cutoff = ctx.published - timedelta(days=MAX_NEWS_AGE_DAYS)
            if value is not None and value < cutoff and not dated_territory_news(ctx, hit, d):
                return "old_date"
    return None


def state_of_control(ctx: Context, hit: TriggerHit) -> bool:
    """Whether the control word stands in a state phrase (تحت سيطرة X) rather than a change."""
    cues = load_cues()
    s_lo, _ = ctx.sentence_of(hit.start)
    before = tokens_before(ctx.t, hit.start - len(hit.prefix), 3, s_lo)
    window = " ".join(before) + " " + ctx.t[hit.start - len(hit.prefix) : hit.end]
    return any(c in window for c in cues["state_of_control"])


def _adjacent(ctx: Context, end: int, start: int) -> bool:
    """Only punctuation, place nouns or locative words between a place and what describes it."""
    from rasad.events.scope import _cue, _is_place_noun

    words = [w.strip("\"'«»()،,.-") for w in ctx.t[end:start].split()]
    return all(
        not w
        or _is_place_noun(w)
        or w in _cue("locative_words")
        or w in _cue("copula_words")
        or w in ("اخر", "آخر", "last", "largest")
        for w in words
    )


def find_control_observations(doc: Document) -> list[dict[str, Any]]:
    """Statements of who holds a place: [{place, controller, date, evidence, rule}, ...].

    ``place`` is the PlaceMention described (the nearest place before the statement in its
    sentence), ``controller`` the actor code after it (or the subject before a present-tense
    تسيطر), ``date`` the publication date; ``evidence`` {start, end, text} in ``doc.text``.
    """
    ctx = build_context(doc, full=True)
    cues = load_cues()
    out: list[dict[str, Any]] = []
    hits = ctx.extra.get("hits") or find_triggers(ctx.t, ctx.lang, ctx.sents)
    found: list[tuple[int, int, str]] = []
    for h in hits:
        if h.observation:
            found.append((h.start - len(h.prefix), h.end, h.rule.id))
    for phrase in sorted(cues["state_of_control"], key=len, reverse=True):
        i = ctx.t.find(phrase)
        guard = 0
        while i >= 0 and guard < 200:
            guard += 1
            # the longest phrase at a place wins (الخاضعة لسيطرة over خاضعة لسيطرة)
            if not any(a <= i < b or a < i + len(phrase) <= b for a, b, _ in found):
                found.append((i, i + len(phrase), "state:" + phrase))
            i = ctx.t.find(phrase, i + len(phrase))
    seen: set[tuple[str, str]] = set()
    for s, e, rule in sorted(found):
        s_lo, s_hi = ctx.sentence_of(s)
        if has_cue(tokens_before(ctx.t, s, 2, s_lo), cues["negation"]):
            continue  # "لم يسيطر": not a statement of control
        if rule.startswith("state:-"):  # "the ISIS-held town of X": holder before, place after
            held = [a for a in ctx.actors_in(max(s_lo, s - 40), s) if a.end >= s - 1]
            nxt = [p for p in ctx.places_in(e, min(s_hi, e + 40)) if not is_frame(p.m)]
            place = nxt[0] if nxt else None
            actor = held[-1] if held else None
        elif rule.startswith("state:"):
            # the place described stands right before the phrase ("بلدة X الخاضعة لسيطرة Y")
            after = ctx.actors_in(e, min(s_hi, e + 60))
            actor = after[0] if after else None
            if "الخاضعتين" in rule or "الواقعتين" in rule:
                # "قريتي X وZ قرب الحدود، الخاضعتين لسيطرة W": the two places of the list
                two = [p for p in ctx.places_in(max(s_lo, s - 150), s) if not is_frame(p.m)][-2:]
                if actor is not None:
                    for p in two[:-1]:
                        _observe(ctx, doc, out, seen, p, actor, s, e, rule)
                place = two[-1] if two else None
            else:
                near = [p for p in ctx.places_in(max(s_lo, s - 30), s) if not is_frame(p.m)]
                place = near[-1] if near and _adjacent(ctx, near[-1].end, s) else None
        else:  # present-tense control verb: subject after (VSO) or before it, places after
            after_places = [p for p in ctx.places_in(e, min(s_hi, e + 60)) if not is_frame(p.m)]
            place = after_places[0] if after_places else None
            vso = [a for a in ctx.actors_in(e, min(s_hi, e + 40)) if place is None or a.start < place.start]
            before = ctx.actors_in(s_lo, s)
            if ctx.t[s:e].endswith(("ان", "ون")) and before:
                vso = []  # a dual or plural verb agrees with a subject named before it
            actor = vso[0] if vso else (_lead(ctx, before[-1], before) if before else None)
        if place is None or actor is None:
            continue
        _observe(ctx, doc, out, seen, place, actor, s, e, rule)
    return out


def _observe(
    ctx: Context,
    doc: Document,
    out: list[dict[str, Any]],
    seen: set[tuple[str, str]],
    place: Span[PlaceMention],
    actor: Span[ActorMention],
    s: int,
    e: int,
    rule: str,
) -> None:
    key = (place.m.name, actor.m.code)
    if key in seen:
        return
    seen.add(key)
    os_, oe = ctx.orig_span(min(s, place.start), max(e, place.end, actor.end))
    out.append(
        {
            "place": place.m,
            "controller": actor.m.code,
            "date": ctx.published,
            "evidence": {"start": os_, "end": oe, "text": doc.text[os_:oe]},
            "rule": rule,
            "doc_id": doc.id,
        }
    )
