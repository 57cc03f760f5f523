"""Geoparser parts: the fast normalisation, Latin keys, the CLI, and the measurement on ../shared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from rasad.places.lexicon import latin_name_key
from rasad.places.matcher import match_normalize
from rasad.text.normalize import normalize

ALPHABET = "ابتثجحخدذرسشصضطظعغفقكلمنهويىةءأإآؤئ ًٌٍَُِّْـ،؛؟ .,-\"'«»“”0123456789٠١٢٣abcXYZ\u200f\u200e\n"


@given(st.text(alphabet=ALPHABET, max_size=80))
@settings(max_examples=300, deadline=None)
def test_match_normalize_equals_normalize(text: str) -> None:
    a, b = normalize(text, "match"), match_normalize(text)
    assert (a.text, a.offsets) == (b.text, b.offsets)


@pytest.mark.parametrize("text", ["ÉCOLE à Ｔokyo", "ﻻ إله", "e\u0301te\u0301", "İstanbul ΑΘΗΝΑ"])
def test_match_normalize_falls_back_on_odd_text(text: str) -> None:
    a, b = normalize(text, "match"), match_normalize(text)
    assert (a.text, a.offsets) == (b.text, b.offsets)


@pytest.mark.parametrize(
    ("a", "b"),
    [("al-Asharah", "Ashara"), ("Al `Asharah", "Ashareh"), ("Deir ez-Zor", "Deir-ez-Zor"),
     ("Idleb", "Idlib"), ("Raqqa", "Ar-Raqqah"), ("Jisr ash-Shughur", "Jisr al-Shugur"), ("Dayr", "Deir")],
)
def test_latin_keys_fold_transliterations(a: str, b: str) -> None:
    assert latin_name_key(a) == latin_name_key(b)


def test_latin_keys_keep_different_names_apart() -> None:
    assert latin_name_key("Mayadin") != latin_name_key("Manbij")
    assert latin_name_key("as soon as") != latin_name_key("Soon")  # "as" is no article without a hyphen


def test_cli_places_find_json(tmp_path: Path) -> None:
    from rasad.cli.main import app

    f = tmp_path / "report.txt"
    f.write_text("قصفت الطائرات قرية الزهيرات شرق مدينة منبج", encoding="utf-8")
    res = CliRunner().invoke(app, ["places", "find", str(f), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert [m["name"] for m in out] == ["الزهيرات", "منبج"]
    assert out[0]["location"]["geo_precision"] == 2 and out[0]["location"]["lat"] is not None
    assert out[1]["frame"] == "east" and out[1]["frame_only"] is True
    res = CliRunner().invoke(app, ["places", "find", "اشتباكات في ريف الميادين الشرقي"])
    assert res.exit_code == 0 and "place mention(s)" in res.output  # the table


@pytest.mark.slow
def test_gold_coverage_on_dev(shared: Path) -> None:
    """The measurement runs and stays near the figures of the closing note (a floor, not a target)."""
    from rasad.evaluation.places import evaluate_gold
    from rasad.places.gazetteer import load_gazetteer

    res = evaluate_gold(shared, load_gazetteer())
    ok, n = res["present"]
    assert n > 100 and ok / n >= 0.85
    ok, n = res["absent"]
    assert n > 50 and ok / n >= 0.75
    ours, naive = res["mentions"]["rasad"], res["mentions"]["naive"]
    assert ours["false"] < naive["false"]
    assert naive["false"] > naive["true"]


WORDS = ["قرية", "بلدة", "حقل", "ريف", "شرق", "الميادين", "العشارة", "وبالعشارة", "الطيبة", "و", "،", "في",
         "محكان", '"', "Ashara", "near", "the", "village", "of", "al-", "50", "كم", ".", "\n", "ال", "لل"]


@given(st.lists(st.sampled_from(WORDS), max_size=60), st.sampled_from(["", " ", "،", "-"]))
@settings(max_examples=200, deadline=None)
def test_find_places_never_fails_and_spans_are_sane(fake_gazetteer: object, words: list[str],
                                                     sep: str) -> None:
    from rasad.places.geoparser import find_places, to_location

    text = sep.join(words)
    ms = find_places(text, "ar", fake_gazetteer)
    for m in ms:
        assert 0 <= m.start <= m.end <= len(text)
        assert m.name.strip() and m.geo_precision in (1, 2, 3)
        to_location(m, text)
    assert [m.start for m in ms] == sorted(m.start for m in ms)


def test_long_text_without_punctuation(fake_gazetteer: object) -> None:
    from rasad.places.geoparser import find_places

    text = ("قصفت الطائرات قرية الزهيرات شرق مدينة منبج " * 2500).strip()
    ms = find_places(text, "ar", fake_gazetteer)
    assert len(ms) == 5000
