"""Dates in Arabic and English news, resolved against the publication date.

``find_dates(text, lang, published)`` returns :class:`rasad.model.DateMention` values in text
order, non-overlapping (longest first). Kinds (the rule id starts with the kind):

* ``explicit`` — "14 تشرين الأول 2019", "الاثنين 14 من تشرين الأول" (no year: the publication
  year, or the year before when that would put the date in the future), "5 يوليو/ تموز 2020",
  "5 May 2020", "May 5", numeric 2019-10-14 and 14/10/2019; precision 1;
* ``month`` — "تموز 2019", "July 2019", "تموز الماضي", "in July last year"; precision 3;
* ``hijri`` — "1 رمضان 1438 هـ" converted with the tabular Islamic calendar; precision 1;
* ``rel:<id>`` — اليوم، أمس، فجر اليوم، خلال الساعات الماضية، الأسبوع الماضي… (dates.yaml);
* ``weekday`` — يوم الجمعة، مساء الجمعة، "on Tuesday": the latest such day on or before the
  publication date; ``weekday_past`` — الجمعة الماضية، "last Friday": strictly before it;
* ``ago`` — منذ ثلاثة أيام، قبل يومين، "three days ago";
* ``year:<Y>`` — عام 2014, "in 2014": value None, precision None (a year alone does not date
  an event; ``|background`` when before the publication year).

Relative kinds have ``value`` None when ``published`` is None. A rule id ending in
``|background`` marks a date far (more than ``background_after_days``) before publication, or
an expression that says so (العام الماضي، منذ أشهر): history rather than news.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from rasad.model import DateMention
from rasad.text.normalize import match_key, normalize
from rasad.text.numbers import match_view, number_value

DATA = Path(__file__).resolve().parent.parent / "data" / "dates.yaml"


def hijri_to_gregorian(year: int, month: int, day: int) -> date:
    """Tabular (arithmetical) Islamic calendar, civil epoch 16 July 622 (Julian).

    Within a day or two of the observed calendars (Umm al-Qura, sightings).
    """
    days = (
        day
        + (295 * (month - 1) + 9) // 10  # ceil(29.5 * (month - 1))
        + (year - 1) * 354
        + (3 + 11 * year) // 30
    )
    # day 1 of year 1 AH = 622-07-19 proleptic Gregorian (Julian 16 July 622): ordinal 227015
    return date.fromordinal(227015 + days - 1)


def _alt(words: list[str]) -> str:
    keys = sorted({match_key(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(k) for k in keys)


@dataclass(slots=True)
class _Rel:
    id: str
    days: int
    months: int
    years: int
    precision: int
    background: bool


@dataclass(slots=True)
class _Lex:
    months: dict[str, int]
    hijri: dict[str, int]
    weekdays: dict[str, int]
    rel: dict[str, _Rel]
    units: dict[str, tuple[int, int]]  # unit word -> (days, precision)
    duals: dict[str, tuple[int, int]]
    background_days: int
    patterns: list[tuple[str, re.Pattern[str]]]
    anchors: Any  # Aho-Corasick automaton of the words every date expression contains
    needs: list[frozenset[str]]  # per pattern: anchor classes a window must hold for a match
    # per pattern: words one of which every match holds as written (None: no such list); a
    # window that holds none of them is not searched with that pattern
    literals: list[Any]  # Aho-Corasick automaton of those words, or None


W = r"(?<![^\W\d_])"  # no letter before
E = r"(?![^\W\d_])"  # no letter after
CL = r"(?:و|ف|ب|ل|وب|ول)?"  # Arabic clitics before a word


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    d: dict[str, Any] = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    months: dict[str, int] = {}
    for names in d["months"].values():
        for k, v in names.items():
            months[match_key(str(k))] = int(v)
    hijri = {match_key(k): int(v) for k, v in d["hijri_months"].items()}
    weekdays = {match_key(k): int(v) for lang in ("ar", "en") for k, v in d["weekdays"][lang].items()}
    rel: dict[str, _Rel] = {}
    for r in d["relative"]:
        item = _Rel(r["id"], int(r.get("offset", 0)), int(r.get("months", 0)), int(r.get("years", 0)),
                    int(r["precision"]), bool(r.get("background", False)))
        for lang in ("ar", "en"):
            for w in r.get(lang) or []:
                rel.setdefault(match_key(str(w)), item)
    ago = d["ago"]
    units = {match_key(k): (int(v["days"]), int(v["precision"])) for lang in ("ar", "en")
             for k, v in ago["units"][lang].items()}
    duals = {match_key(k): (int(v["days"]), int(v["precision"])) for k, v in ago["duals"].items()}

    month_alt = _alt(list(months))
    hijri_alt = _alt(list(hijri))
    wd_ar = [k for k in d["weekdays"]["ar"]]
    wd_alt = _alt(wd_ar + list(d["weekdays"]["en"]))
    cue_only = {match_key(w) for w in d.get("weekday_needs_cue", [])}
    wd_free = _alt([w for w in wd_ar if match_key(w) not in cue_only] + list(d["weekdays"]["en"]))
    parts_ar = _alt(d["day_parts"]["ar"])
    wd_en = _alt(list(d["weekdays"]["en"]))
    past_ar = _alt(d["past_markers"]["ar"])
    num = r"\d{1,2}"
    year = r"(?:[،,]?\s*(?:من\s+)?(?:عام|العام|سنه|لعام)?\s*(?P<y>\d{4}))"
    month2 = rf"(?:\s*[/(\-]\s*(?:{month_alt})\s*\)?)?"
    wd_opt = rf"(?:(?:يوم\s+)?(?P<wd>{wd_alt})\s*[،,]?\s*(?:الموافق\s+|في\s+)?)?"
    ord_en = r"(?:st|nd|rd|th)?"
    units_alt = _alt(list(ago["units"]["ar"]) + list(ago["units"]["en"]))
    duals_alt = _alt(list(ago["duals"]))
    rel_alt = "|".join(re.escape(k) for k in sorted(rel, key=len, reverse=True))
    not_dates = [match_key(w) for lang in ("ar", "en") for w in (d.get("not_dates") or {}).get(lang, [])]
    block_alt = "|".join(re.escape(k) for k in sorted(set(not_dates), key=len, reverse=True))
    past_year = r"(?:من\s+)?(?:العام|السنه)\s+(?:الماضي|الماضيه|الفائت|المنصرم)|(?:of\s+)?last\s+year"
    month_lead = r"(?:(?:شهر|خلال|في|مطلع|منتصف|اواخر|بدايه|نهايه|in|early|late|mid-?)\s+)?"
    part = rf"(?:(?P<part>{parts_ar})\s+)"
    p = [
        ("hijri", rf"{W}(?:(?P<d>{num})\s+(?:من\s+)?(?:شهر\s+)?)?(?P<m>{hijri_alt})\s+"
                  rf"(?:(?:من\s+)?(?:عام|سنه)\s+)?(?P<y>1[34]\d\d)\s*(?:ه(?:جريه|جري)?{E}|{E})"),
        ("explicit", rf"{W}{wd_opt}(?P<d>{num}){ord_en}\s*(?:من\s+)?(?:شهر\s+)?(?:of\s+)?{CL}"
                     rf"(?P<m>{month_alt})\.?{month2}{year}?{E}"),
        ("explicit", rf"{W}{wd_opt}(?P<m>{month_alt})\.?\s+(?P<d>{num}){ord_en}(?:,?\s+(?P<y>\d{{4}}))?{E}"),
        ("numeric", r"(?<!\d)(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
        ("numeric", r"(?<!\d)(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})(?!\d)"),
        ("month", rf"{W}{month_lead}{CL}(?P<m>{month_alt}){month2}(?:\s+(?P<past>{past_ar}|{past_year})|"
                  rf"\s*[،,]?\s*(?:من\s+)?(?:عام|العام|سنه)?\s*(?P<y>\d{{4}})){E}"),
        ("month_last", rf"{W}(?:last|this\s+past)\s+(?P<m>{month_alt}){E}"),
        ("weekday", rf"{W}{CL}{part}?{CL}(?:ال)?(?P<wd>{wd_free})(?:\s+(?P<past>{past_ar}))?{E}"),
        ("weekday", rf"{W}{CL}{part}{CL}(?:ال)?(?P<wd>{wd_alt})(?:\s+(?P<past>{past_ar}))?{E}"),
        ("weekday", rf"{W}{CL}(?:ال)?(?P<wd>{wd_alt})\s+(?P<past>{past_ar}){E}"),
        ("weekday", rf"{W}(?:(?P<pfx>last|this|on|early|late|since)\s+)?(?P<wd>{wd_en})"
                    rf"(?:\s+(?:morning|afternoon|evening|night))?{E}"),
        ("ago", rf"{W}{CL}(?:منذ|قبل)\s+(?:(?P<n>\d{{1,3}})|(?P<nw>[^\W\d_]+))\s+(?P<u>{units_alt}){E}"),
        ("ago", rf"{W}{CL}(?:منذ|قبل)\s+(?P<dual>{duals_alt}){E}"),
        ("ago", rf"{W}(?:(?P<n>\d{{1,3}})|(?P<nw>[a-z]+))\s+(?P<u>{units_alt})\s+ago{E}"),
        ("rel", rf"{W}{CL}{part}?(?:يوم\s+)?(?P<rel>{rel_alt}){E}"),
        ("year", rf"{W}{CL}(?:عام|العام|سنه|in|since)\s+(?P<y>(?:19|20)\d\d)(?!\d)"),
        ("block", rf"{W}{CL}(?:{block_alt}){E}"),
    ]
    patterns = [(kind, re.compile(rx)) for kind, rx in p]
    # what each pattern cannot match without (a literal of that class inside the match), in
    # the order of ``p``: m month, h Hijri month, w weekday, r relative word, d digit,
    # s منذ/قبل, a "ago" (a window lacking one is not searched with that pattern)
    needs = [frozenset(x) for x in ("hd", "md", "md", "d", "d", "m", "m", "w", "w", "w", "w",
                                    "s", "s", "a", "r", "d", "")]
    assert len(needs) == len(patterns)
    past_words: tuple[str, ...] = tuple(sorted({match_key(w) for w in d["past_markers"]["ar"]}))
    lit_words: list[tuple[str, ...] | None] = [None] * len(patterns)
    assert [patterns[k][0] for k in (6, 9, 10, 16)] == ["month_last", "weekday", "weekday", "block"]
    lit_words[6] = ("last", "past")  # month_last: "last" or "this past"
    lit_words[9] = past_words  # weekday + a past marker
    lit_words[10] = tuple(sorted({match_key(w) for w in d["weekdays"]["en"]}))  # English weekdays
    lit_words[16] = tuple(sorted(set(not_dates)))  # block: one of the not-dates as written
    literals = [_automaton(ws) if ws else None for ws in lit_words]
    bg_days = int(ago.get("background_after_days", 14))
    classes: dict[str, set[str]] = {}
    for cls, words in (("m", months), ("h", hijri), ("w", weekdays), ("r", rel), ("s", ("منذ", "قبل")),
                       ("a", ("ago",)), ("", duals)):
        for word in words:
            classes.setdefault(word, set()).add(cls)
    anchors = ahocorasick.Automaton()
    for word, cls_set in classes.items():
        anchors.add_word(word, (len(word), frozenset(cls_set - {""})))
    anchors.make_automaton()
    return _Lex(months, hijri, weekdays, rel, units, duals, bg_days, patterns, anchors, needs, literals)


def _automaton(words: tuple[str, ...]) -> Any:
    auto = ahocorasick.Automaton()
    for w in words:
        auto.add_word(w, len(w))
    auto.make_automaton()
    return auto


def _holding(t: str, spans: list[tuple[int, int]], auto: Any) -> list[tuple[int, int]]:
    """The ``spans`` of ``t`` that hold one of the words of ``auto`` (as a substring: a
    prefilter; the pattern itself decides)."""
    occ = sorted((end - n + 1, end + 1) for end, n in auto.iter(t))
    if not occ:
        return []
    out = []
    for ws, we in spans:
        k = bisect_left(occ, (ws, 0))
        while k < len(occ) and occ[k][0] < we:
            if occ[k][1] <= we:
                out.append((ws, we))
                break
            k += 1
    return out


_DIGITS = re.compile(r"\d+")
MARGIN = 36  # characters a date expression may reach beyond the anchor word it contains


def _windows(t: str, lex: _Lex) -> list[tuple[int, int, frozenset[str]]]:
    """Stretches of ``t`` around anchor words and digits, merged: only they can hold dates;
    each with the classes of the anchors it holds (see ``_Lex.needs``)."""
    spots = [(end - n + 1, end + 1, cls) for end, (n, cls) in lex.anchors.iter(t)]
    spots += [(*m.span(), _DIGIT_CLASS) for m in _DIGITS.finditer(t)]
    spots.sort(key=lambda x: (x[0], x[1]))
    out: list[tuple[int, int, frozenset[str]]] = []
    for s, e, cls in spots:
        s, e = max(0, s - MARGIN), min(len(t), e + MARGIN)
        if out and s <= out[-1][1]:
            ps, pe, pc = out[-1]
            out[-1] = (ps, max(pe, e), pc | cls)
        else:
            out.append((s, e, cls))
    return out


_DIGIT_CLASS = frozenset("d")


def _shift_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    y += d.year
    m += 1
    day = d.day
    while day > 28 and _safe_date(y, m, day) is None:
        day -= 1
    return date(y, m, day)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _resolve(kind: str, m: re.Match[str], lex: _Lex, published: date | None, lang: str
             ) -> tuple[date | None, int | None, str] | None:
    g = m.groupdict()
    if kind == "hijri":
        month = lex.hijri[g["m"]]
        day = int(g["d"]) if g.get("d") else 1
        if not 1 <= day <= 30:
            return None
        return hijri_to_gregorian(int(g["y"]), month, day), 1 if g.get("d") else 3, "hijri"
    if kind in ("explicit", "numeric"):
        month = lex.months[g["m"]] if kind == "explicit" else int(g["m"])
        day = int(g["d"])
        if kind == "numeric" and month > 12 and day <= 12 and lang == "en":
            month, day = day, month
        if g.get("y"):
            v = _safe_date(int(g["y"]), month, day)
            return (v, 1, kind) if v else None
        if published is None:
            return (None, 1, kind) if _safe_date(2000, month, day) else None
        v = _safe_date(published.year, month, day)
        if v is None:
            return None
        if v > published + timedelta(days=2):
            v = _safe_date(published.year - 1, month, day)
        wd = g.get("wd")
        if v and wd and lex.weekdays.get(wd) is not None and v.weekday() != lex.weekdays[wd]:
            alt = _safe_date(v.year - 1, month, day)
            if alt and alt.weekday() == lex.weekdays[wd] and v.year == published.year and v > published:
                v = alt
        return (v, 1, "explicit_noyear") if v else None
    if kind in ("month", "month_last"):
        month = lex.months[g["m"]]
        if g.get("y"):
            return date(int(g["y"]), month, 1), 3, "month"
        if published is None:
            return None, 3, "month_rel"
        y = published.year if month < published.month else published.year - 1
        past = g.get("past") or ""
        if kind == "month_last" or re.search(r"عام|سنه|year", past) is None:
            return date(y, month, 1), 3, "month_rel"
        # "in July last year": July of the previous calendar year
        return date(published.year - 1, month, 1), 3, "month_last_year"
    if kind == "weekday":
        wd = lex.weekdays[g["wd"]]
        past = bool(g.get("past")) or g.get("pfx") == "last"
        rule = "weekday_past" if past else "weekday"
        if published is None:
            return None, 1, rule
        delta = (published.weekday() - wd) % 7
        if past and delta == 0:
            delta = 7
        return published - timedelta(days=delta), 1, rule
    if kind == "ago":
        if g.get("dual"):
            days, prec = lex.duals[g["dual"]]
            n = 1
        else:
            days, prec = lex.units[g["u"]]
            if g.get("n"):
                n = int(g["n"])
            else:
                n_val = number_value(g["nw"], lang)
                if n_val is None and g["nw"] in ("a", "an"):
                    n_val = 1
                if n_val is None:
                    return None
                n = n_val
        if published is None:
            return None, prec, "ago"
        return published - timedelta(days=n * days), prec, "ago"
    if kind == "rel":
        r = lex.rel[g["rel"]]
        rule = f"rel:{r.id}" + ("|background" if r.background else "")
        if published is None:
            return None, r.precision, rule
        v = published + timedelta(days=r.days)
        if r.months:
            v = _shift_months(v, r.months)
        if r.years:
            v = _shift_months(v, 12 * r.years)
        return v, r.precision, rule
    if kind == "block":
        return None, None, "block"
    if kind == "year":
        # a year alone never dates an event: value None, the year in the rule (a background cue)
        year = int(g["y"])
        past = published is not None and year < published.year
        return None, None, f"year:{year}" + ("|background" if past else "")
    return None


_YEAR = re.compile(r"(?<!\d)(19[89]\d|20[0-4]\d)(?!\d)")


def _weekday_year(m: re.Match[str], lex: _Lex, years: set[int]) -> tuple[date, int, str] | None:
    """"السبت 23 إبريل" with no year and no publication date: the one year named in the text
    in which that day is that weekday."""
    wd = lex.weekdays.get(m.group("wd"))
    month = lex.months[m.group("m")]
    day = int(m.group("d"))
    fits = [v for y in years if (v := _safe_date(y, month, day)) is not None and v.weekday() == wd]
    return (fits[0], 1, "explicit_weekday_year") if len(fits) == 1 else None


def find_dates(text: str, lang: str, published: date | None) -> list[DateMention]:
    """Date expressions of ``text`` resolved against ``published``; see the module docstring."""
    lex = _lex()
    norm = match_view(text)
    t = norm.text
    years = None if published is not None else {int(y) for y in _YEAR.findall(t)}
    found: list[tuple[int, int, date | None, int | None, str]] = []
    windows = _windows(t, lex)
    for (kind, rx), need, lits in zip(lex.patterns, lex.needs, lex.literals, strict=True):
        spans = [(ws, we) for ws, we, cls in windows if need <= cls]
        if lits is not None and spans:  # (a match lies inside its window: the literal too)
            spans = _holding(t, spans, lits)
        for m in (m for ws, we in spans for m in rx.finditer(t, ws, we)):
            res = _resolve(kind, m, lex, published, lang)
            if res is None:
                continue
            if res[0] is None and kind == "explicit" and years and m.groupdict().get("wd"):
                res = _weekday_year(m, lex, years) or res
            value, prec, rule = res
            s, e = m.span()
            if t[e - 1] == "." and e >= 2 and not t[e - 2].isascii():
                e -= 1  # the full stop after an Arabic month name ends the sentence
            if kind == "rel":  # leave a leading clitic outside the span
                s = m.start("part") if m.group("part") else m.start("rel")
            found.append((s, e, value, prec, rule))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    for s, e, value, prec, rule in found:
        if any(a < e and s < b for a, b in taken):
            continue
        taken.append((s, e))
        if rule == "block":
            continue
        if (
            published is not None
            and value is not None
            and "|background" not in rule
            and (published - value).days > lex.background_days + (31 if prec == 3 else 0)
        ):
            rule += "|background"
        o_s, o_e = norm.span(s, e)
        out.append(DateMention(start=o_s, end=o_e, value=value, precision=prec, rule=rule))
    out.sort(key=lambda dm: dm.start)
    return out


def is_background(mention: DateMention) -> bool:
    """Whether the date is history rather than news (see the module docstring)."""
    return mention.rule.endswith("|background")


_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")


def document_date(text: str, lang: str, head: int = 600) -> date | None:
    """A date the document gives for itself near its top (a dateline, "تاريخ الحدث 2025/07/16",
    "بغداد 29 ديسمبر 2019"), for documents without a publication date: the first full date
    (day, month and year) starting in the first ``head`` characters (years named anywhere in
    the text help to date "السبت 23 إبريل")."""
    for dm in find_dates(text, lang, None):
        if dm.start >= head:
            break
        if dm.value is not None and dm.precision == 1:
            return dm.value
    return None


def parse_published(s: str | None) -> date | None:
    """A publication date written in a page header or metadata, or None.

    Accepts ISO dates (with or without a time), "الثلاثاء ٠١ نوفمبر ٢٠٢٢", "11 نوفمبر 2018",
    "November 11, 2018", "11/11/2018" (day first).
    """
    if not s:
        return None
    t = normalize(s, "match").text
    m = _ISO.search(t)
    if m:
        v = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if v:
            return v
    lang = "en" if t.isascii() else "ar"
    for dm in find_dates(s, lang, None):
        if dm.value is not None and dm.precision == 1:
            return dm.value
    return None
