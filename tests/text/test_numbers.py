"""Numbers: digits, Eastern digits, Arabic and English number words, duals, vague quantities."""

from __future__ import annotations

import pytest

from rasad.text.numbers import find_numbers, number_value, singular_victim


def values(text: str, lang: str = "ar") -> list[int | None]:
    return [m.value for m in find_numbers(text, lang)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("قتل 12 مدنياً", 12),
        ("قتل ١٢ مدنياً", 12),
        ("نزوح 1,250 عائلة", 1250),
        ("نزوح ١٬٢٥٠ عائلة", 1250),
        ("نزوح 3 آلاف شخص", 3000),
        ("قتل ثلاثة عناصر", 3),
        ("قتل ثلاث نساء", 3),
        ("قتل خمسة وعشرون مقاتلاً", 25),
        ("قتل أحد عشر جندياً", 11),
        ("قتل إحدى عشرة امرأة", 11),
        ("أصيب اثنا عشر شخصاً", 12),
        ("أصيب ثلاثة عشر شخصاً", 13),
        ("قتل عشرون عنصراً", 20),
        ("قتل عشرين عنصراً", 20),
        ("اعتقل مئة شخص", 100),
        ("اعتقل مائة شخص", 100),
        ("اعتقل مئتا شخص", 200),  # construct form
        ("اعتقل مئتان وخمسون شخصاً", 250),
        ("اعتقل ثلاثمئة شخص", 300),
        ("اعتقل ثلاث مئة شخص", 300),
        ("اعتقل ثلاثمائة وخمسة وعشرون شخصاً", 325),
        ("نزح ألفا شخص", 2000),
        ("نزح ألفان من السكان", 2000),
    ],
)
def test_arabic(text: str, value: int) -> None:
    got = values(text)
    assert got == [value]


def test_duals() -> None:
    assert values("سقط قتيلان في القصف") == [2]
    assert values("قتل شخصين واعتقال عنصرين") == [2, 2]
    # a sound plural that looks like a dual is not claimed
    assert values("قتل مدنيين في القصف") == []


def test_vague_quantities_are_none() -> None:
    assert values("قتل العشرات في القصف") == [None]
    assert values("وأصيب عشرات المدنيين والعديد من الجرحى وعدد من الأطفال") == [None, None, None]
    assert values("dozens of people and several soldiers, a number of civilians", "en") == [None, None, None]


def test_clitics_and_offsets() -> None:
    text = "وقتل بثلاثة صواريخ وخمسة مدنيين"
    ms = find_numbers(text, "ar")
    assert [(text[m.start:m.end], m.value) for m in ms] == [("ثلاثة", 3), ("خمسة", 5)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("three civilians were killed", 3),
        ("twenty-five fighters", 25),
        ("two hundred and fifty people", 250),
        ("a dozen soldiers", 12),
        ("nineteen people", 19),
        ("ninety-nine houses", 99),
        ("7,400 displaced", 7400),
    ],
)
def test_english(text: str, value: int) -> None:
    assert values(text, "en")[0] == value


def test_punctuation_separates_numbers() -> None:
    assert values("one hundred, three thousand", "en") == [100, 3000]


def test_years_are_marked() -> None:
    ms = find_numbers("في عام 2019 قتل 5 أشخاص", "ar")
    assert [(m.value, m.rule) for m in ms] == [(2019, "digits:year"), (5, "digits")]


def test_one_of_a_group() -> None:
    text = "قتل أحد عناصر الفصيل وأصيبت إحدى النساء"
    ms = find_numbers(text, "ar")
    assert [(text[m.start:m.end], m.value, m.rule) for m in ms] == [
        ("أحد", 1, "ar_one_of"),
        ("إحدى", 1, "ar_one_of"),
    ]
    assert values("قتل أحد عشر مدنياً") == [11]


def test_helpers() -> None:
    assert number_value("سبعة") == 7
    assert number_value("forty-two", "en") == 42
    assert number_value("قرية") is None
    assert singular_victim("طفل") and singular_victim("وطفلة") and singular_victim("a civilian", "en")
    assert not singular_victim("قرية")


def test_no_numbers_in_ordinary_words() -> None:
    # ordinals and words containing number letters are not numbers
    assert values("الفوج الخامس وصل إلى الثلاثاء") == []
