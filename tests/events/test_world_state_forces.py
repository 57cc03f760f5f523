"""Forces of countries outside the actor dictionary (data/actors_world.yaml): a state force
with no spec code keeps actor1 null but counts as the state side for spec rule 4; uncoded
armed groups are OTHER_ARMED. Sentences written for these tests."""

from __future__ import annotations

from events_helpers import of_type, run

from rasad.actors.world import has_foreign_cue, world_forces
from rasad.text.normalize import normalize

SPEC_CODES_OR_NONE = {None, "SYR_GOV", "RUS", "IRN", "IRN_BACKED", "HEZBOLLAH", "IRQ_GOV", "PMF", "KRG",
                      "TUR", "USA_COAL", "ISR", "ISIS", "SDF", "HTS", "SYR_OPP", "SNA", "PKK", "OTHER_ARMED",
                      "CIVILIANS", "PROTESTERS"}


def _phrases(text: str) -> list[tuple[str, str, bool]]:
    t = normalize(text, "match").text
    return [(t[w.start:w.end], w.side, w.generic) for w in world_forces(t, "en")]


def test_world_force_phrases_are_found_in_english_only():
    assert _phrases("Kenyan soldiers and al-Shabaab gunmen exchanged fire") == [
        ("kenyan soldiers", "state", False),
        ("al-shabaab", "non_state", False),
        ("gunmen", "non_state", False),
    ]
    assert _phrases("Pakistan's army said the military had moved in") == [
        ("pakistan's army", "state", False), ("the military", "state", True)]
    assert world_forces("قوات الجيش الأفغاني", "ar") == []
    assert has_foreign_cue("somali troops", "en") and not has_foreign_cue("syrian troops", "en")


def test_nationality_force_recapture_is_government_regains_with_null_actor1():
    evs = run("Afghan forces recaptured the district of Kunduz on Saturday after days of fighting.", "en")
    gov = of_type(evs, "government_regains_territory")
    assert [e.location.name for e in gov if e.location] == ["Kunduz"]
    assert gov[0].actor1 is None  # no spec code for Afghanistan's army, and no invented one
    assert "world_state" in gov[0].rule
    assert not of_type(evs, "non_state_actor_overtakes_territory")


def test_troops_retaking_a_town_from_an_uncoded_group():
    evs = run("Nigerian troops retook the town of Bama from Boko Haram fighters on Friday.", "en")
    gov = of_type(evs, "government_regains_territory")
    assert gov and gov[0].actor1 is None and gov[0].actor2 == "OTHER_ARMED"
    assert gov[0].actor1_text == "Nigerian troops"


def test_generic_military_counts_in_a_foreign_report():
    evs = run("The military retook the town of Palma, Mozambique, from insurgents on Friday.", "en")
    gov = of_type(evs, "government_regains_territory")
    assert gov and all(e.actor1 is None and e.actor2 == "OTHER_ARMED" for e in gov)


def test_uncoded_armed_group_overtakes_territory_as_other_armed():
    evs = run("Al-Shabaab fighters seized the town of Kismayo in southern Somalia on Friday.", "en")
    non = of_type(evs, "non_state_actor_overtakes_territory")
    assert non and non[0].actor1 == "OTHER_ARMED"
    assert not of_type(evs, "government_regains_territory")


def test_syrian_and_iraqi_forces_keep_their_codes():
    evs = run("Syrian government forces recaptured the town of Saraqib on Friday.", "en")
    assert [e.actor1 for e in of_type(evs, "government_regains_territory")] == ["SYR_GOV"]
    evs = run("Iraqi security forces retook the district of Rutba on Friday.", "en")
    assert [e.actor1 for e in of_type(evs, "government_regains_territory")] == ["IRQ_GOV"]
    # with no foreign cue, generic government forces stay the dictionary's (Syria assumed)
    evs = run("Government forces recaptured the town of Saraqib on Friday.", "en")
    assert [e.actor1 for e in of_type(evs, "government_regains_territory")] == ["SYR_GOV"]


def test_outputs_use_spec_codes_or_null():
    for text in ("Indian police retook control of the village of Pulwama from militants on Friday.",
                 "Malian soldiers recaptured the town of Boni from jihadists on Friday.",
                 "Taliban insurgents captured the district of Jaghatu on Friday."):
        for e in run(text, "en"):
            assert e.actor1 in SPEC_CODES_OR_NONE and e.actor2 in SPEC_CODES_OR_NONE
