"""TEMPORARY thin fallbacks used only while sibling modules are missing.

Each function here stands in for an agreed API of another stage (sentences, dates, numbers,
actors, places) so that the events stage can be developed and tested. ``rasad.events.context``
imports the real modules first and only falls back to these when they are absent. This module
is deleted once the real modules have landed; nothing else may import it directly.
"""

from __future__ import annotations

import csv
import re
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from rasad.model import ActorMention, DateMention, NumberMention, Place, PlaceMention
from rasad.text.normalize import match_key, normalize

_SENT_END = re.compile(r"[.!?؟\n]+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        end = m.end()
        if text[start:end].strip():
            out.append((start, end))
        start = end
    if text[start:].strip():
        out.append((start, len(text)))
    # cap very long sentences
    capped: list[tuple[int, int]] = []
    for s, e in out:
        while e - s > 2000:
            capped.append((s, s + 2000))
            s += 2000
        capped.append((s, e))
    return capped


_NUM_WORDS = {
    "واحد": 1, "واحدا": 1, "اثنين": 2, "اثنان": 2, "ثلاثه": 3, "ثلاث": 3, "اربعه": 4, "اربع": 4,
    "خمسه": 5, "خمس": 5, "سته": 6, "ست": 6, "سبعه": 7, "سبع": 7, "ثمانيه": 8, "ثماني": 8,
    "تسعه": 9, "تسع": 9, "عشره": 10, "عشر": 10, "عشرات": None, "العشرات": None,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "dozens": None, "several": None,
}
_NUM_RE = re.compile(r"\d+|[\u0600-\u06FFa-z]+")


def find_numbers(text: str, lang: str) -> list[NumberMention]:
    nz = normalize(text, "match")
    out = []
    for m in _NUM_RE.finditer(nz.text):
        tok = m.group()
        if tok.isdigit():
            val: int | None = int(tok)
        elif tok in _NUM_WORDS:
            val = _NUM_WORDS[tok]
        elif tok[:1] in "وب" and tok[1:] in _NUM_WORDS:
            val = _NUM_WORDS[tok[1:]]
        else:
            continue
        s, e = nz.span(m.start(), m.end())
        out.append(NumberMention(s, e, val, "fallback"))
    return out


_WEEKDAYS = {
    "الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
_REL = [("اول امس", 2), ("امس الاول", 2), ("اليوم", 0), ("امس", 1), ("البارحه", 1), ("الساعات الماضيه", 0),
        ("today", 0), ("yesterday", 1)]


def find_dates(text: str, lang: str, published: date | None) -> list[DateMention]:
    nz = normalize(text, "match")
    t = nz.text
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for phrase, back in _REL:
        for m in re.finditer(r"(?<![\w])" + re.escape(phrase) + r"(?![\w])", t):
            if any(a <= m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            val = published - timedelta(days=back) if published else None
            s, e = nz.span(m.start(), m.end())
            out.append(DateMention(s, e, val, 1 if val else None, "fallback_rel"))
    for m in re.finditer(r"(?<![\w])(?:يوم |on )?(" + "|".join(_WEEKDAYS) + r")(?![\w])", t):
        if any(a <= m.start() < b for a, b in taken):
            continue
        wd = _WEEKDAYS[m.group(1)]
        val = None
        if published:
            delta = (published.weekday() - wd) % 7
            val = published - timedelta(days=delta)
        s, e = nz.span(m.start(), m.end())
        out.append(DateMention(s, e, val, 1 if val else None, "fallback_weekday"))
    for m in re.finditer(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", t):
        try:
            val = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
        s, e = nz.span(m.start(), m.end())
        out.append(DateMention(s, e, val, 1, "fallback_iso"))
    out.sort(key=lambda d: d.start)
    return out


_ACTORS = {
    "SYR_GOV": ["قوات النظام", "قوات الاسد", "الجيش العربي السوري", "الجيش السوري", "النظام السوري", "النظام",
                "الدفاع الوطني", "قوات الامن", "الامن العسكري", "مدفعيه النظام", "الطيران الحربي السوري",
                "regime forces", "syrian army", "syrian government forces", "government forces", "regime"],
    "RUS": ["الطيران الروسي", "القوات الروسيه", "الطيران الحربي الروسي", "روسيا", "russian", "russia"],
    "IRN_BACKED": ["الميليشيات الشيعيه", "الميليشيات الطائفيه", "الميليشيات الايرانيه", "الميليشيات الموالية لايران"],
    "HEZBOLLAH": ["حزب الله", "hezbollah"],
    "IRQ_GOV": ["القوات العراقيه", "الجيش العراقي", "الشرطه العراقيه", "iraqi army", "iraqi forces"],
    "PMF": ["الحشد الشعبي", "الحشد"],
    "KRG": ["البيشمركه", "البشمركه", "peshmerga"],
    "TUR": ["الجيش التركي", "القوات التركيه", "تركيا", "turkish", "turkey"],
    "USA_COAL": ["التحالف الدولي", "طيران التحالف", "طائرات التحالف", "coalition"],
    "ISR": ["الطيران الاسرائيلي", "اسرائيل", "israeli"],
    "ISIS": ["داعش", "تنظيم الدوله", "الدوله الاسلاميه", "التنظيم", "isis", "islamic state", "daesh"],
    "SDF": ["قسد", "قوات سوريا الديمقراطيه", "وحدات حمايه الشعب", "الوحدات الكرديه", "مجلس منبج العسكري", "sdf", "ypg"],
    "HTS": ["هيئه تحرير الشام", "جبهه النصره", "hts", "tahrir al-sham"],
    "SYR_OPP": ["فصائل المعارضه", "الجيش الحر", "قوات المعارضه", "الفصائل", "الثوار", "rebels", "insurgents"],
    "SNA": ["الجيش الوطني", "الفصائل الموالية لتركيا"],
    "PKK": ["حزب العمال الكردستاني", "pkk"],
    "OTHER_ARMED": ["مجهولون", "مجهولين", "مسلحون مجهولون", "unidentified gunmen"],
    "CIVILIANS": ["مدنيين", "المدنيين", "مدنيا", "civilians"],
    "PROTESTERS": ["متظاهرين", "المتظاهرين", "المتظاهرون", "المحتجين", "protesters", "demonstrators"],
}


@lru_cache(maxsize=1)
def _actor_automaton():
    import ahocorasick

    a = ahocorasick.Automaton()
    for code, names in _ACTORS.items():
        for n in names:
            k = match_key(n)
            a.add_word(k, (len(k), code))
    a.make_automaton()
    return a


def _boundary_ok(t: str, s: int, e: int, prefixes: str = "وفبلك") -> bool:
    if e < len(t) and (t[e].isalnum()):
        return False
    i = s
    j = s
    while j > 0 and t[j - 1].isalpha():
        j -= 1
    pre = t[j:i]
    return pre == "" or (len(pre) <= 3 and all(c in prefixes for c in pre)) or pre in ("ال", "وال", "بال", "لل")


def find_actors(text: str, lang: str) -> list[ActorMention]:
    nz = normalize(text, "match")
    t = nz.text
    hits = []
    for end, (ln, code) in _actor_automaton().iter(t):
        s = end - ln + 1
        if _boundary_ok(t, s, end + 1):
            hits.append((s, end + 1, code))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out: list[ActorMention] = []
    last_end = -1
    for s, e, code in hits:
        if s < last_end:
            continue
        os_, oe = nz.span(s, e)
        out.append(ActorMention(os_, oe, code, text[os_:oe], "fallback"))
        last_end = e
    return out


STATE = {"SYR_GOV", "RUS", "IRN", "IRN_BACKED", "HEZBOLLAH", "IRQ_GOV", "PMF", "KRG", "TUR"}


def is_state_side(code: str | None) -> bool:
    return code in STATE


# ---------------------------------------------------------------- places
_SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "gazetteer"
_PLACE_NOUNS = ["قريه", "قريتي", "بلده", "بلدتي", "مدينه", "مدينتي", "حي", "حقل", "قاعده", "مطار", "جبل", "دوار",
                "سد", "ساحه", "منطقه", "منطقتي", "ناحيه", "قضاء", "محطه", "معبر", "مخيم", "نهر", "تله"]
_FRAMES = {"ريف": "countryside", "شرق": "east", "غرب": "west", "شمال": "north", "جنوب": "south",
           "محيط": "around", "اطراف": "outskirts", "شرقي": "east", "غربي": "west", "شمالي": "north",
           "جنوبي": "south", "بريف": "countryside"}


@lru_cache(maxsize=1)
def _gaz():
    import ahocorasick

    places: list[Place] = []

    def add(name_ar, name_en, kind, lat, lon, admin1):
        try:
            la, lo = float(lat), float(lon)
        except (TypeError, ValueError):
            return
        places.append(Place(f"fb{len(places)}", name_ar, name_en, kind, la, lo, "SY", admin1))

    g = _SHARED
    if g.is_dir():
        for r in csv.DictReader(open(g / "syria_communities.csv", encoding="utf-8")):
            add(r["name_ar"], r["name_en"], "town", r["lat"], r["lon"], r["governorate_en"])
        for r in csv.DictReader(open(g / "iraq_cities.csv", encoding="utf-8")):
            add(r["name_ar"], r["name_en"], "town", r["lat"], r["lon"], r["governorate_en"])
        for r in csv.DictReader(open(g / "iraq_locations.csv", encoding="utf-8")):
            add(r["arabic name"], r["location name"], "town", r["latitude"], r["longitude"], r["governorate"])
        for r in csv.DictReader(open(g / "syria_city_neighbourhoods.csv", encoding="utf-8")):
            add(r["NAME_AR"], r["NAME_EN"], "neighbourhood", r["LATITUDE"], r["LONGITUDE"], r["ADM1_EN"])
    names: dict[str, list[int]] = {}
    for i, p in enumerate(places):
        for n in (p.name_ar, p.name_en):
            if not n:
                continue
            k = match_key(n.split("(")[0].split("-")[0] if n == p.name_en else n)
            if len(k) < 3:
                continue
            names.setdefault(k, []).append(i)
            if k.startswith("ال") and len(k) > 4:
                names.setdefault(k[2:], []).append(i)
            if k.startswith("al-"):
                names.setdefault(k[3:], []).append(i)
    a = ahocorasick.Automaton()
    for k, idx in names.items():
        a.add_word(k, (k, idx))
    a.make_automaton()
    return places, a


_STOP = {"اليوم", "امس", "الله", "النظام", "الجيش", "التحالف", "الدوله", "قوات", "الحر", "مدينه", "الثوره",
         "سوريا", "العراق", "تركيا", "روسيا", "السلام", "الخير", "الشام", "بين", "النصر", "عيسى"}


def find_places(text: str, lang: str, gazetteer=None) -> list[PlaceMention]:
    places, auto = _gaz()
    nz = normalize(text, "match")
    t = nz.text
    hits = []
    for end, (k, idx) in auto.iter(t):
        s = end - len(k) + 1
        if k in _STOP:
            continue
        if not _boundary_ok(t, s, end + 1, "وفبلك"):
            continue
        hits.append((s, end + 1, idx))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out: list[PlaceMention] = []
    last = -1
    for s, e, idx in hits:
        if s < last:
            continue
        last = e
        # frame word before?
        before = t[max(0, s - 12):s].split()
        frame = None
        prec = 1
        if before:
            w = before[-1]
            if w in ("مدينه", "بلده", "قريه") and len(before) > 1:
                w = before[-2]
            w2 = w[1:] if w[:1] in "وب" and w[1:] in _FRAMES else w
            if w2 in _FRAMES:
                frame = _FRAMES[w2]
                prec = 2 if frame != "countryside" else 2
        cands = [places[i] for i in idx]
        os_, oe = nz.span(s, e)
        out.append(PlaceMention(os_, oe, text[os_:oe], cands, cands[0], prec, frame, None, "fallback"))
    # unresolved: place noun + 1-2 words
    for m in re.finditer(r"(?<![\w])[وبل]?(" + "|".join(_PLACE_NOUNS) + r") \"?([\u0621-\u064a]{3,})( [\u0621-\u064a0-9]{2,})?", t):
        s = m.start(2)
        e = m.end(2)
        if any(p.start <= nz.span(s, e)[0] < p.end for p in out):
            continue
        name_s, name_e = nz.span(s, e)
        out.append(PlaceMention(name_s, name_e, text[name_s:name_e], [], None, 1, None, m.group(1), "fallback_noun"))
    out.sort(key=lambda p: p.start)
    return out


find_all_actors = find_actors
