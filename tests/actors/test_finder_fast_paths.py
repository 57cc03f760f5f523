"""The actor finder's fast paths give exactly what the plain algorithms give."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rasad.actors import find_actors
from rasad.actors.finder import _finditer, _nationality_rx, prepare
from rasad.actors.lexicon import load_actors
from rasad.text.normalize import normalize

_ODD = re.compile(r"\s+|[\"']+")


def _prepare_reference(text: str) -> tuple[str, list[int]]:
    """One pass over every run of whitespace or quotes (the algorithm prepare() replaces)."""
    nt = normalize(text, "match").text
    chars: list[str] = []
    offs: list[int] = []
    pos = 0
    for m in _ODD.finditer(nt):
        s, e = m.span()
        if s > pos:
            chars.append(nt[pos:s])
            offs.extend(range(pos, s))
        if nt[s] not in "\"'" and offs and not (chars and chars[-1].endswith(" ")):
            chars.append(" ")
            offs.append(s)
        pos = e
    if pos < len(nt):
        chars.append(nt[pos:])
        offs.extend(range(pos, len(nt)))
    offs.append(len(nt))
    return "".join(chars), offs


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["قسد", "ب", "x", " ", "  ", "\n", "\t", '"', "'", "«", "\u00a0", "،"]),
                max_size=14))
def test_prepare_equals_reference(parts: list[str]) -> None:
    text = "".join(parts)
    p = prepare(text)
    assert (p.text, p.norm_offsets) == _prepare_reference(text)


def test_prepare_collapses_space_and_quotes() -> None:
    p = prepare('  قصفت  "قسد"\n\nمواقع ')
    assert p.text == "قصفت قسد مواقع "
    assert p.original[p.span(5, 8)[0]:p.span(5, 8)[1]] == "قسد"


def _words(lang: str) -> list[str]:
    spec = load_actors().nationality[lang]
    return sorted(spec["nouns"])[:12] + sorted(spec["adjectives"])[:12] + sorted(spec["stop"])[:4]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_nationality_scan_equals_finditer(data: st.DataObject) -> None:
    for lang in ("ar", "en"):
        vocab = [*_words(lang), "و", "ال", "ب", "ا", " ", ".", "جوي", "drone", "the"]
        parts = data.draw(st.lists(st.sampled_from(vocab), min_size=1, max_size=8))
        seps = data.draw(st.lists(st.sampled_from(["", " ", "  "]), min_size=len(parts), max_size=len(parts)))
        text = "".join(p + s for p, s in zip(parts, seps, strict=True))
        rx = _nationality_rx(load_actors(), lang)
        assert rx is not None
        spec = load_actors().nationality[lang]
        expected = [(m.span(), m.groupdict()) for m in rx.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in _finditer(rx, text, spec)] == expected


def test_nationality_scan_finds_matches_behind_clitics_and_article() -> None:
    rx = _nationality_rx(load_actors(), "ar")
    assert rx is not None
    spec = load_actors().nationality["ar"]
    text = normalize("ووصلت وبالدبابات التركية الى المنطقة، وبالجنود الروسية مواقع", "match").text
    expected = [(m.span(), m.groupdict()) for m in rx.finditer(text)]
    assert [span[0] for span, _g in expected] == [text.index("وبالدبابات"), text.index("وبالجنود")]
    assert [(m.span(), m.groupdict()) for m in _finditer(rx, text, spec)] == expected


def test_nationality_mentions_still_found() -> None:
    codes = {m.code for m in find_actors("استهدف قصف مدفعي تركي قرى ريف منبج", "ar")}
    assert codes, "a nationality adjective after a military noun names an actor"
