"""The day or the year of a date is never the number of the dead (dates_fat._part_of_date)."""

from __future__ import annotations

from datetime import date

import pytest

from rasad.events.extract import extract_document
from rasad.model import Document

PUB = date(2019, 2, 20)


def _fatalities(text: str, lang: str) -> list[int | None]:
    return [e.fatalities for e in extract_document(Document("t", text, lang, published=PUB))]


@pytest.mark.parametrize(
    ("text", "lang", "dead"),
    [
        (
            "A coalition air strike hit the village of al-Shafa on February 19, killing five civilians.",
            "en",
            5,
        ),
        ("Warplanes bombed the town of Hajin on 17 February 2019, killing three people.", "en", 3),
        ("قصفت طائرات التحالف قرية الشعفة في 19 شباط، ما أدى إلى مقتل خمسة مدنيين.", "ar", 5),
        ("قصفت طائرات التحالف بلدة هجين يوم 18 شباط 2019 وقتل فيها 4 مدنيين.", "ar", 4),
        ("قصفت طائرات التحالف قرية الشعفة في 17 شباط، ما أسفر عن مقتل 7 أشخاص.", "ar", 7),
    ],
)
def test_the_day_of_the_date_is_no_toll(text: str, lang: str, dead: int) -> None:
    assert _fatalities(text, lang) == [dead]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("قصفت طائرات التحالف قرية الشعفة، ما أدى إلى مقتل ثلاثة مدنيين، في أعنف قصف منذ عام 2017.", "ar"),
        (
            "Coalition aircraft bombed the village of al-Shafa, killing three civilians, "
            "the worst strike since 2017.",
            "en",
        ),
    ],
)
def test_a_year_is_no_toll(text: str, lang: str) -> None:
    assert _fatalities(text, lang) == [3]
