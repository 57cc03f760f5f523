"""Sentence splitting: Arabic and English punctuation, abbreviations, no punctuation, huge text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rasad.text.sentences import sentence_at, split_sentences


def pieces(text: str, **kw: int) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, **kw)]


def test_arabic_punctuation() -> None:
    text = "سيطرت القوات على القرية. هل انسحب التنظيم؟ نعم؛ انسحب باتجاه النهر! وانتهى"
    assert pieces(text) == [
        "سيطرت القوات على القرية.",
        "هل انسحب التنظيم؟",
        "نعم؛",
        "انسحب باتجاه النهر!",
        "وانتهى",
    ]


def test_closing_quote_stays_with_its_sentence() -> None:
    text = 'وقال المصدر: "انسحب المسلحون." ثم دخلت القوات'
    assert pieces(text) == ['وقال المصدر: "انسحب المسلحون."', "ثم دخلت القوات"]


def test_newlines_are_boundaries() -> None:
    text = "عنوان الخبر بلا نقطة\n\nالفقرة الأولى من الخبر\nالفقرة الثانية"
    assert pieces(text) == ["عنوان الخبر بلا نقطة", "الفقرة الأولى من الخبر", "الفقرة الثانية"]


def test_english_abbreviations() -> None:
    text = "The U.S. military said Mr. Smith arrived at 5 p.m. on Monday. Troops left, e.g. from Hajin. Done."
    assert pieces(text) == [
        "The U.S. military said Mr. Smith arrived at 5 p.m. on Monday.",
        "Troops left, e.g. from Hajin.",
        "Done.",
    ]


def test_arabic_agency_abbreviation() -> None:
    text = "وقال مصدر لوكالة أ.ف.ب إن القصف استمر. وأضاف أن القوات تقدمت"
    assert pieces(text) == ["وقال مصدر لوكالة أ.ف.ب إن القصف استمر.", "وأضاف أن القوات تقدمت"]


def test_glued_full_stop() -> None:
    got = pieces("two children were hurt.The raids went on.")
    assert got == ["two children were hurt.", "The raids went on."]


def test_decimals_do_not_split() -> None:
    assert pieces("The blast was 2.5 km away.") == ["The blast was 2.5 km away."]


def test_no_punctuation_is_capped() -> None:
    text = " ".join(["كلمة"] * 3000)
    spans = split_sentences(text, max_len=400)
    assert all(e - s <= 400 for s, e in spans)
    assert len(spans) > 10
    # cuts fall on spaces: every piece is made of whole words
    assert all(p.split() and set(p.split()) == {"كلمة"} for p in pieces(text, max_len=400))


def test_long_run_prefers_commas() -> None:
    text = "، ".join(["قرية الكشمة"] * 100)
    for s, e in split_sentences(text, max_len=200):
        assert e - s <= 200


def test_one_long_word_is_cut_hard() -> None:
    text = "x" * 1000
    spans = split_sentences(text, max_len=400)
    assert [e - s for s, e in spans] == [400, 400, 200]


def test_huge_text() -> None:
    text = "سيطرت القوات على القرية. " * 40000  # ~1 MB
    spans = split_sentences(text)
    assert len(spans) == 40000


def test_sentence_at() -> None:
    text = "أولى. ثانية. ثالثة."
    spans = split_sentences(text)
    assert sentence_at(spans, text.index("ثانية")) == spans[1]
    assert sentence_at(spans, 5) is None  # the space between sentences


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*"ab .؟!\n،", "U.S.", "قوات", "النظام", ".", "xyz" * 30]), max_size=200))
def test_spans_are_ordered_trimmed_and_bounded(parts: list[str]) -> None:
    text = "".join(parts)
    spans = split_sentences(text, max_len=50)
    prev = 0
    for s, e in spans:
        assert prev <= s < e <= len(text)
        assert e - s <= 50
        assert not text[s].isspace() and not text[e - 1].isspace()
        prev = e
