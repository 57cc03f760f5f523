"""The mention finders never fail and keep their offsets valid on odd text."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from rasad.actors import find_all_actors
from rasad.text.dates import find_dates
from rasad.text.numbers import find_numbers
from rasad.text.sentences import split_sentences

PIECES = [
    " ", "\n", "،", ".", "؟", '"', "«", "»", "ـ", "\u200f", "\u064b", "٣", "12", "2019", "/",
    "قوات", "النظام", "وقسد", "لـ", "داعش", "التنظيم", "هذه القوات", "المدعومة من", "تركيا", "تركياً",
    "أمس", "اليوم", "الجمعة", "الماضية", "14", "تشرين الأول", "رمضان", "1438", "هـ", "منذ", "يومين",
    "ثلاثة", "وعشرون", "مئة", "عشرات", "قتيلان", "IS", "ISIS", "the group", "Turkish", "strikes",
    "May", "5", "last", "Friday", "twenty-five", "dozens", "U.S.", "قصف", "تركي",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=120), st.sampled_from(["ar", "en"]))
def test_finders_keep_valid_offsets(parts: list[str], lang: str) -> None:
    text = "".join(parts)
    for m in find_all_actors(text, lang):
        assert 0 <= m.start < m.end <= len(text)
        assert m.surface == text[m.start:m.end]
    for d in find_dates(text, lang, date(2020, 3, 4)):
        assert 0 <= d.start < d.end <= len(text)
    for n in find_numbers(text, lang):
        assert 0 <= n.start < n.end <= len(text)
    for s, e in split_sentences(text):
        assert 0 <= s < e <= len(text)


def test_long_repetitive_report() -> None:
    text = ("قصفت قوات النظام بلدة أمس وقتل ثلاثة مدنيين، " * 2500)[:100_000]
    assert len(find_all_actors(text, "ar")) >= 2000
    assert len(find_dates(text, "ar", date(2020, 3, 4))) >= 2000
    assert len(find_numbers(text, "ar")) >= 2000
    assert len(split_sentences(text)) >= 250


def test_empty_and_foreign_text() -> None:
    for text in ("", "   ", "这是中文文本", "Привет мир"):
        assert find_all_actors(text, "ar") == []
        assert find_dates(text, "ar", None) == []
        assert find_numbers(text, "ar") == []
