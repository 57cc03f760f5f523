"""The trigger data: ids unique, every sub-event type of the taxonomy covered, forms matchable."""

from __future__ import annotations

import csv

from rasad.events.rules import load_cues, load_rules
from rasad.events.triggers import find_triggers
from rasad.text.normalize import normalize


def _taxonomy(shared) -> set[str]:
    with open(shared / "spec" / "event_types.csv", encoding="utf-8") as f:
        return {r["sub_event_type"] for r in csv.DictReader(f)}


def _covered(lang: str) -> set[str]:
    rs = load_rules(lang)
    out = set()
    for r in rs.rules:
        out.add(r.event)
        out.update(r.switch)
    if "territory" in out:
        out |= {
            "government_regains_territory",
            "non_state_actor_overtakes_territory",
            "non_violent_transfer_of_territory",
        }
    if "withdrawal" in out:
        out.add("non_violent_transfer_of_territory")
    return out


def test_every_sub_event_type_has_a_trigger(shared) -> None:
    need = _taxonomy(shared)
    for lang in ("ar", "en"):
        missing = need - _covered(lang)
        assert not missing, (lang, missing)


def test_rule_ids_are_unique_and_prefixed() -> None:
    for lang in ("ar", "en"):
        ids = [r.id for r in load_rules(lang).rules]
        assert len(ids) == len(set(ids))
        assert all(i.startswith(lang + ".") for i in ids)


def test_arabic_clitics_and_suffixes() -> None:
    t = normalize("وسيطرت الفصائل على القرية، ولتسيطر عليها، وبالقصف، والسيطرة").text
    got = [(h.rule.id, t[h.start - len(h.prefix) : h.end]) for h in find_triggers(t, "ar")]
    assert ("ar.territory.control", "وسيطرت") in got
    assert ("ar.territory.control_present", "ولتسيطر") in got
    # a bare present tense is a statement of control, not an event
    (h,) = [h for h in find_triggers(normalize("تسيطر قسد على المدينة").text, "ar")]
    assert h.observation


def test_cues_are_loaded() -> None:
    cues = load_cues()
    assert "مقتل" in cues["killed"] or "مقتل".replace("ة", "ه") in cues["killed"]
    assert set(cues["actor_adjectives"]) >= {"TUR", "RUS", "ISR"}


def test_data_files_hold_only_strings() -> None:
    """YAML turns bare on/off/yes/no into booleans: every cue and form must stay a string."""
    from pathlib import Path

    import yaml

    data_dir = Path(__file__).resolve().parents[2] / "src" / "rasad" / "data"

    def walk(where: str, v: object) -> None:
        if isinstance(v, list):
            for x in v:
                assert isinstance(x, str), (where, x)
        elif isinstance(v, dict):
            for k, x in v.items():
                walk(f"{where}.{k}", x)

    cues = yaml.safe_load((data_dir / "events" / "cues.yaml").read_text(encoding="utf-8"))
    for k, v in cues.items():
        walk(k, v)
    for lang in ("ar", "en"):
        rules = yaml.safe_load((data_dir / "triggers" / f"{lang}.yaml").read_text(encoding="utf-8"))
        for r in rules["rules"]:
            for k, v in r.items():
                walk(f"{r['id']}.{k}", v)
