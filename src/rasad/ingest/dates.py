"""Publication dates from URLs and from a dateline at the top of a plain-text report.

Only for ``Document.published`` (the reference date of relative expressions). Dates inside
the text are the business of rasad.text.dates.
"""

from __future__ import annotations

import re
from datetime import date

from rasad.ingest.fold import fold

_URL_DATE = re.compile(r"/(20\d\d|19\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:/|-|\b)")
_ISO = re.compile(r"\b(20\d\d|19\d\d)[-/.](\d{1,2})[-/.](\d{1,2})\b")
_DMY = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](20\d\d|19\d\d)\b")
_W = r"[^\W\d_]+(?:\s+[^\W\d_]+)?"
_DAY_MONTH_YEAR = re.compile(
    r"\b(\d{1,2})\s*(?:من\s+)?(" + _W + r"(?:\s*/\s*" + _W + r")?)\s*,?\s*(20\d\d|19\d\d)\b"
)
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(20\d\d|19\d\d)\b")

# Month names in match-normalised form (ة -> ه, أ -> ا, ى -> ي): Gregorian transliterations,
# Levantine/Iraqi names, English.
MONTHS: dict[str, int] = {}
for _n, _names in enumerate(
    [
        "يناير كانون_الثاني كانون_ثاني january jan",
        "فبراير شباط february feb",
        "مارس اذار march mar",
        "ابريل افريل نيسان april apr",
        "مايو ايار may",
        "يونيو يونيه حزيران june jun",
        "يوليو يوليه تموز july jul",
        "اغسطس غشت اب august aug",
        "سبتمبر ايلول september sep sept",
        "اكتوبر تشرين_الاول تشرين_اول october oct",
        "نوفمبر تشرين_الثاني تشرين_ثاني november nov",
        "ديسمبر كانون_الاول كانون_اول december dec",
    ],
    start=1,
):
    for _w in _names.split():
        MONTHS.setdefault(_w.replace("_", " "), _n)


def _mk(y: int, m: int, d: int) -> date | None:
    try:
        out = date(y, m, d)
    except ValueError:
        return None
    return out if date(1990, 1, 1) <= out <= date.today() else None


def date_from_url(url: str | None) -> date | None:
    if not url:
        return None
    m = _URL_DATE.search(url)
    return _mk(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def _month(word: str) -> int | None:
    for part in re.split(r"\s*/\s*", word.lower()):
        if part in MONTHS:
            return MONTHS[part]
        if part.split()[0] in MONTHS and part.split()[0] != "تشرين":
            return MONTHS[part.split()[0]]
    return None


def dateline_date(text: str, lines: int = 4) -> date | None:
    """A date in the first ``lines`` non-empty lines (a dateline), if one is there."""
    head = [ln for ln in text.splitlines() if ln.strip()][:lines]
    for line in head:
        if len(line) > 200:
            line = line[:200]
        key = fold(line)
        m = _ISO.search(key)
        if m and (d := _mk(int(m.group(1)), int(m.group(2)), int(m.group(3)))):
            return d
        m = _DMY.search(key)
        if m and (d := _mk(int(m.group(3)), int(m.group(2)), int(m.group(1)))):
            return d
        for m in _DAY_MONTH_YEAR.finditer(key):
            mo = _month(m.group(2))
            if mo and (d := _mk(int(m.group(3)), mo, int(m.group(1)))):
                return d
        m = _MONTH_DAY_YEAR.search(key)
        if m and (mo := _month(m.group(1))) and (d := _mk(int(m.group(3)), mo, int(m.group(2)))):
            return d
    return None


def parse_date(value: object) -> date | None:
    """A ``published`` value from metadata: ISO date/datetime string, date, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    s = str(value).strip()
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return dateline_date(s, lines=1)
