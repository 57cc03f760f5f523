"""Dates resolved against a fixed publication date: Thursday 17 October 2019."""

from __future__ import annotations

from datetime import date

import pytest

from rasad.text.dates import document_date, find_dates, hijri_to_gregorian, is_background, parse_published

PUB = date(2019, 10, 17)  # a Thursday


Found = tuple[str, date | None, int | None, str]


def one(text: str, lang: str = "ar", published: date | None = PUB) -> Found:
    ms = find_dates(text, lang, published)
    assert len(ms) == 1, [(text[m.start:m.end], m.rule) for m in ms]
    m = ms[0]
    return text[m.start:m.end], m.value, m.precision, m.rule


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("سيطرت القوات اليوم على البلدة", "اليوم", date(2019, 10, 17)),
        ("قصفت الطائرات القرية فجر اليوم", "فجر اليوم", date(2019, 10, 17)),
        ("وقعت الاشتباكات مساء اليوم قرب الجسر", "مساء اليوم", date(2019, 10, 17)),
        ("انفجرت العبوة أمس في السوق", "أمس", date(2019, 10, 16)),
        ("انفجرت العبوة يوم أمس في السوق", "يوم أمس", date(2019, 10, 16)),
        ("وقتل الرجل ليلة أمس برصاص مجهولين", "ليلة أمس", date(2019, 10, 16)),
        ("دخلت القوات القرية أمس الأول", "أمس الأول", date(2019, 10, 15)),
        ("وسيطرت القوات خلال الساعات الماضية على التلال", "خلال الساعات الماضية", date(2019, 10, 17)),
        ("وانسحب المسلحون منذ ساعات من الحي", "منذ ساعات", date(2019, 10, 17)),
    ],
)
def test_relative_arabic(text: str, span: str, value: date) -> None:
    got_span, got_value, precision, rule = one(text)
    assert (got_span, got_value, precision) == (span, value, 1)
    assert rule.startswith("rel:")


def test_clitic_before_relative_word_is_outside_the_span() -> None:
    assert one("واليوم سيطرت القوات على القرية")[0] == "اليوم"


def test_weekdays() -> None:
    # the latest such day on or before publication
    assert one("وفي يوم الجمعة خرجت مظاهرة")[1:3] == (date(2019, 10, 11), 1)
    assert one("ومساء الثلاثاء انفجرت سيارة")[1] == date(2019, 10, 15)
    assert one("وقال المصدر الخميس إن")[1] == PUB  # the publication day itself
    # "الماضي" / "last": strictly before
    assert one("خرج الأهالي الخميس الماضي في مظاهرة")[1] == date(2019, 10, 10)
    assert one("the protest last Friday", "en")[1] == date(2019, 10, 11)
    assert one("fighters attacked on Tuesday night", "en")[1] == date(2019, 10, 15)


def test_monday_needs_a_cue() -> None:
    # الاثنين is also "the two": alone it is not taken as a day
    assert find_dates("واعتقلت الدورية الاثنين في الحاجز", "ar", PUB) == []
    assert one("ويوم الاثنين اعتقلت الدورية شاباً")[1] == date(2019, 10, 14)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("وفي 14 تشرين الأول 2019 أعلن الجيش", date(2019, 10, 14)),
        ("في 3 كانون الثاني 2018 انفجرت", date(2018, 1, 3)),
        ("وبتاريخ ٥ يوليو/ تموز ٢٠٢٠ دخلت", date(2020, 7, 5)),
        ("في 5 تموز (يوليو) 2020 دخلت", date(2020, 7, 5)),
        ("يوم 21 من شهر آب عام 2013 قصفت", date(2013, 8, 21)),
        ("on 5 May 2020 the army", date(2020, 5, 5)),
        ("on May 5, 2020 the army", date(2020, 5, 5)),
        ("on 2nd of March 2017 the army", date(2017, 3, 2)),
        ("الموافق 2019-10-14 وقعت", date(2019, 10, 14)),
        ("في 5 جوان 2019 خرجت", date(2019, 6, 5)),  # Maghreb month name
        ("بتاريخ 14/10/2019 وقعت", date(2019, 10, 14)),
    ],
)
def test_explicit_dates(text: str, value: date) -> None:
    assert one(text)[1:3] == (value, 1)


def test_explicit_without_year_takes_publication_year() -> None:
    assert one("والاثنين 14 من تشرين الأول دخلت القوات")[1] == date(2019, 10, 14)
    assert one("on May 5 the army", "en")[1] == date(2019, 5, 5)
    # a day after the publication date belongs to the year before
    assert one("في 20 كانون الأول انفجرت")[1] == date(2018, 12, 20)


def test_weekday_picks_the_year_named_in_the_text() -> None:
    text = "انفجرت سيارة السبت 23 إبريل في بغداد، وهي الثالثة منذ مطلع عام 2016"
    ms = find_dates(text, "ar", None)
    assert ms[0].value == date(2016, 4, 23)


def test_month_precision_and_background() -> None:
    assert one("خلال شهر تموز 2019 قصفت")[1:3] == (date(2019, 7, 1), 3)
    _, value, precision, rule = one("أعلن التنظيم في تموز من العام الماضي أن")
    assert value == date(2018, 7, 1) and precision == 3 and rule.endswith("|background")
    _, value, precision, rule = one("the group announced in July last year that", "en")
    assert value == date(2018, 7, 1) and rule.endswith("|background")


@pytest.mark.parametrize(
    ("text", "lang", "precision", "value"),
    [
        ("الأسبوع الماضي", "ar", 2, date(2019, 10, 10)),
        ("last week", "en", 2, date(2019, 10, 10)),
        ("earlier this month", "en", 3, PUB),
        ("خلال الأيام الماضية", "ar", 2, date(2019, 10, 15)),
        ("yesterday", "en", 1, date(2019, 10, 16)),
    ],
)
def test_relative_precision(text: str, lang: str, precision: int, value: date) -> None:
    assert one(text, lang)[1:3] == (value, precision)


def test_ago_expressions() -> None:
    assert one("قتل منذ ثلاثة أيام")[1] == date(2019, 10, 14)
    assert one("وقبل يومين قصفت")[1] == date(2019, 10, 15)
    assert one("two weeks ago, the army", "en")[1:3] == (date(2019, 10, 3), 2)


def test_year_alone_gives_no_date() -> None:
    ms = find_dates("سيطر التنظيم على المدينة عام 2014", "ar", PUB)
    assert [(m.value, m.precision, m.rule) for m in ms] == [(None, None, "year:2014|background")]
    assert is_background(ms[0])


def test_far_past_is_background() -> None:
    ms = find_dates("سيطر التنظيم على المدينة في 10 حزيران 2014", "ar", PUB)
    assert ms and is_background(ms[0])
    ms = find_dates("سيطرت القوات أمس على البلدة", "ar", PUB)
    assert ms and not is_background(ms[0])


def test_unknown_publication_gives_null_for_relative() -> None:
    ms = find_dates("سيطرت القوات اليوم على البلدة", "ar", None)
    assert len(ms) == 1 and ms[0].value is None and ms[0].precision == 1
    ms = find_dates("on Tuesday the army", "en", None)
    assert ms[0].value is None


def test_hijri_conversion() -> None:
    # 1 Ramadan 1438 began on 27 May 2017; 1 Muharram 1445 on 19 July 2023 (±1 day by sighting)
    assert abs((hijri_to_gregorian(1438, 9, 1) - date(2017, 5, 27)).days) <= 1
    assert abs((hijri_to_gregorian(1445, 1, 1) - date(2023, 7, 19)).days) <= 1
    assert abs((hijri_to_gregorian(1440, 10, 1) - date(2019, 6, 4)).days) <= 1
    assert hijri_to_gregorian(1, 1, 1) == date(622, 7, 19)


def test_hijri_in_text() -> None:
    _, value, precision, rule = one("وفي 10 ذو الحجة 1440 هـ قصفت الطائرات")
    assert rule.startswith("hijri") and precision == 1
    assert abs((value - date(2019, 8, 11)).days) <= 1


def test_eastern_digits_and_offsets() -> None:
    text = "وقع الهجوم في ١٤ تشرين الأول ٢٠١٩ قرب الجسر"
    span, value, _, _ = one(text)
    assert span == "١٤ تشرين الأول ٢٠١٩" and value == date(2019, 10, 14)


def test_parse_published() -> None:
    assert parse_published("الثلاثاء ٠١ نوفمبر ٢٠٢٢") == date(2022, 11, 1)
    assert parse_published("11 نوفمبر 2018") == date(2018, 11, 11)
    assert parse_published("2018-11-11T08:30:00+03:00") == date(2018, 11, 11)
    assert parse_published("November 11, 2018") == date(2018, 11, 11)
    assert parse_published("نشر بتاريخ 11/11/2018") == date(2018, 11, 11)
    assert parse_published("منذ ساعتين") is None
    assert parse_published("") is None


def test_document_date_from_header() -> None:
    text = "عنوان الخبر\nتاريخ الحدث\n2021/03/09\nقصفت المدفعية القرية اليوم"
    assert document_date(text, "ar") == date(2021, 3, 9)
    assert document_date("قصفت المدفعية القرية اليوم", "ar") is None


def test_days_that_are_not_from_the_publication() -> None:
    assert find_dates("وفي اليوم التالي انسحب المسلحون", "ar", PUB) == []
    assert find_dates("ولا تزال القرية محاصرة حتى اليوم", "ar", PUB) == []
    assert find_dates("The fighters withdrew the next day.", "en", PUB) == []


def test_no_false_dates_in_ordinary_words() -> None:
    # الخامس (fifth) contains امس; the month مايو is not inside other words
    assert find_dates("وصل الفوج الخامس إلى المنطقة", "ar", PUB) == []
