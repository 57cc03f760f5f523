"""Anaphors, the last actor before a point, coalitions and the state-side rule."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from rasad.actors import (
    actor_kind,
    coalition_groups,
    find_actors,
    find_all_actors,
    is_state_side,
    last_actor_before,
    leading_actor,
    load_actors,
    resolve_anaphora,
)


def anaphors(text: str, lang: str = "ar") -> list[tuple[str, str]]:
    return [(m.surface, m.code) for m in find_all_actors(text, lang) if m.anaphor]


def test_tanzim_refers_to_last_named_organisation() -> None:
    text = "هاجمت هيئة تحرير الشام مواقع للفصائل، وقال التنظيم إن مقاتليه تقدموا"
    assert anaphors(text) == [("للفصائل", "SYR_OPP"), ("التنظيم", "HTS")]


def test_tanzim_defaults_to_isis() -> None:
    text = "قالت مصادر محلية إن التنظيم أعدم شاباً في البادية"
    assert anaphors(text) == [("التنظيم", "ISIS")]


def test_these_forces_refers_to_last_state_force() -> None:
    text = "دخلت قوات النظام البلدة بعد انسحاب داعش، ثم تقدمت هذه القوات نحو التلال"
    assert anaphors(text) == [("هذه القوات", "SYR_GOV")]


def test_supporter_is_not_an_antecedent() -> None:
    text = "سيطرت قسد على القرية بدعم من طيران التحالف، ثم تقدمت هذه القوات شرقاً"
    assert anaphors(text) == [("هذه القوات", "SDF")]


def test_english_group_and_army() -> None:
    text = (
        "Islamic State militants raided a farm. The group then pulled back."
        " The army said it had driven them off."
    )
    got = anaphors(text, "en")
    assert ("The group", "ISIS") in got
    assert ("The army", "SYR_GOV") in got  # no country cue: the default is Syria


def test_english_organisation() -> None:
    text = "Hayat Tahrir al-Sham detained two activists. The organisation denied it."
    assert ("The organisation", "HTS") in anaphors(text, "en")


def test_english_army_in_iraq() -> None:
    text = "Iraqi forces entered the district of Mosul. The army said ISIS had fled."
    assert ("The army", "IRQ_GOV") in anaphors(text, "en")


def test_arabic_army_follows_the_last_named_army_or_the_country() -> None:
    assert anaphors("أعلن الجيش تحرير قرية جنوب الموصل في محافظة نينوى") == [("الجيش", "IRQ_GOV")]
    assert anaphors("أعلن الجيش السيطرة على قرية في ريف حماة الشمالي") == [("الجيش", "SYR_GOV")]
    text = "قصف الجيش التركي قرى في ريف الحسكة، وقال الجيش إنه استهدف مواقع للوحدات"
    assert ("الجيش", "TUR") in anaphors(text)


def test_the_group_without_antecedent_is_dropped() -> None:
    assert anaphors("The group of students met the mayor.", "en") == []


def test_explicit_mentions_are_kept_and_sorted() -> None:
    text = "انسحب داعش من البلدة، وقال التنظيم في بيان إنه انسحب"
    explicit = find_actors(text, "ar")
    merged = resolve_anaphora(text, "ar", explicit)
    assert merged[0] is explicit[0]
    assert [m.start for m in merged] == sorted(m.start for m in merged)


def test_last_actor_before() -> None:
    text = "قصفت قوات النظام البلدة، وردت فصائل المعارضة بقصف مماثل، ثم تقدمت"
    ms = find_actors(text, "ar")
    offset = text.index("ثم تقدمت")
    assert last_actor_before(ms, offset).code == "SYR_OPP"
    got = last_actor_before(ms, offset, lambda m: is_state_side(m.code))
    assert got is not None and got.code == "SYR_GOV"
    assert last_actor_before(ms, 0) is None


def test_coalition_leading_actor() -> None:
    text = "دخلت قوات النظام والميليشيات الإيرانية الحليفة لها القرية"
    ms = find_actors(text, "ar")
    groups = coalition_groups(text, ms)
    assert len(groups) == 1 and [m.code for m in groups[0]] == ["SYR_GOV", "IRN_BACKED"]
    lead = leading_actor(groups[0])
    assert lead is not None and lead.code == "SYR_GOV"


def test_auxiliary_named_first_does_not_lead() -> None:
    text = "the Iran-backed militias and regime forces captured the hill"
    ms = find_actors(text, "en")
    groups = coalition_groups(text, ms, "en")
    assert leading_actor(groups[0]).code == "SYR_GOV"


def test_separate_clauses_are_separate_groups() -> None:
    text = "قصفت قوات النظام البلدة، في حين قصفت فصائل المعارضة مواقع أخرى"
    groups = coalition_groups(text, find_actors(text, "ar"))
    assert [[m.code for m in g] for g in groups] == [["SYR_GOV"], ["SYR_OPP"]]


def test_kinds_and_state_side() -> None:
    assert actor_kind("SYR_GOV") == "state"
    assert actor_kind("PMF") == "militia"
    assert actor_kind("ISIS") == "rebel"
    assert actor_kind("CIVILIANS") == "civilians"
    assert actor_kind("PROTESTERS") == "protesters"
    assert is_state_side("PMF") and is_state_side("TUR") and is_state_side("IRN_BACKED")
    assert not is_state_side("USA_COAL") and not is_state_side("SDF") and not is_state_side(None)


def test_every_spec_code_has_a_kind(shared: Path) -> None:
    import csv

    rows = list(csv.DictReader((shared / "spec" / "actors.csv").open(encoding="utf-8")))
    lex = load_actors()
    for row in rows:
        assert lex.kinds[row["code"]] == row["kind"], row["code"]


def test_user_file_extends_dictionary(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        textwrap.dedent(
            """
            version: user-1
            actors:
              OTHER_ARMED:
                kind: rebel
                ar: [كتيبة الظل]
              SYR_GOV:
                kind: state
                en: [{text: Shadow Brigade, id: mine-1}]
            """
        ),
        encoding="utf-8",
    )
    lex = load_actors([extra])
    assert [m.code for m in find_actors("هاجمت كتيبة الظل الحاجز", "ar", lex)] == ["OTHER_ARMED"]
    ms = find_actors("the Shadow Brigade attacked", "en", lex)
    assert [(m.code, m.rule) for m in ms] == [("SYR_GOV", "mine-1")]
    assert "user-1" in lex.version


def test_env_variable_extends_dictionary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "env.yaml"
    body = "actors:\n  PROTESTERS:\n    kind: protesters\n    ar: [الحراك الشعبي]\n"
    extra.write_text(body, encoding="utf-8")
    monkeypatch.setenv("RASAD_ACTORS", str(extra))
    assert [m.code for m in find_actors("نظم الحراك الشعبي وقفة", "ar", load_actors())] == ["PROTESTERS"]


def test_no_name_claimed_by_two_actors() -> None:
    lex = load_actors()
    clashes = {}
    kinds = ("alias", "country", "anaphor")
    for key, entries in lex.entries.items():
        meanings = {(e.kind, e.code or e.codes or e.anaphor) for e in entries if e.kind in kinds}
        if len(meanings) > 1:
            clashes[key] = meanings
    assert clashes == {}
