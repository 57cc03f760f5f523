"""The normalised views keep a map back into the original text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rasad.text.normalize import display_text, match_key, normalize


def test_match_folds_alef_ya_ta_marbuta_and_diacritics() -> None:
    assert match_key("إِحْكَامُ السيطرةِ على القريةِ") == "احكام السيطره علي القريه"
    assert match_key("غريبة") == match_key("غريبه")
    assert match_key("Al-ASHARA") == "al-ashara"


def test_tatweel_and_bidi_marks_removed_but_offsets_point_back() -> None:
    original = "قصفت \u200fقوات النظــام بلدة العشارة"
    norm = normalize(original, "match")
    assert "\u200f" not in norm.text and "ـ" not in norm.text
    start = norm.text.index("النظام")
    s, e = norm.span(start, start + len("النظام"))
    assert original[s:e] == "النظــام"
    s, e = norm.span(norm.text.index("العشاره"), len(norm.text))
    assert original[s:e] == "العشارة"


def test_eastern_digits_become_ascii_in_match_view_only() -> None:
    assert normalize("قتل ٣ مدنيين", "match").text == "قتل 3 مدنيين"
    assert display_text("قتل ٣ مدنيين") == "قتل ٣ مدنيين"


def test_decomposed_input_is_composed() -> None:
    # alef + combining hamza above composes to أ under NFC, then folds to ا
    original = "\u0627\u0654مس"
    norm = normalize(original, "display")
    assert norm.text == "أمس"
    assert norm.span(0, len(norm.text)) == (0, len(original))


@given(st.text(alphabet=st.sampled_from(list("ابتةىأإـ\u200f\u064e\u0651 abcXYZ٣.،\u0654")), max_size=60))
def test_offsets_are_monotonic_and_in_range(text: str) -> None:
    for level in ("display", "match"):
        norm = normalize(text, level)
        assert len(norm.offsets) == len(norm.text) + 1
        assert norm.offsets == sorted(norm.offsets)
        assert all(0 <= o <= len(text) for o in norm.offsets)
        for i in range(len(norm.text)):
            s, e = norm.span(i, i + 1)
            assert 0 <= s < e <= len(text)


@given(st.text(alphabet=st.sampled_from(list("ابتةىأإـ \u200f\u064e\u0651abcXYZ٣.،“”—\u00a0")), max_size=80))
def test_fast_path_equals_the_reference_loop(text: str) -> None:
    from rasad.text.normalize import _slow

    for level in ("display", "match"):
        fast, ref = normalize(text, level), _slow(text, level)
        assert (fast.text, fast.offsets) == (ref.text, ref.offsets)
