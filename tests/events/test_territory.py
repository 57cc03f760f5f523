"""Territorial events: one event per place, anaphora, the state/non-state rule, withdrawals,
and 'a state is not a change'. Sentences written for these tests."""

from __future__ import annotations

import pytest
from events_helpers import PUBLISHED, of_type, places, run

from rasad.events.background import find_control_observations
from rasad.model import Document


def test_one_event_per_place_in_a_list():
    evs = run("وتمكنت قوات النظام من السيطرة على قرى حطلة ومراط والصالحية، بعد معارك مع تنظيم داعش.")
    gov = of_type(evs, "government_regains_territory")
    assert places(gov) == ["حطلة", "مراط", "الصالحية"]
    assert {(e.actor1, e.actor2) for e in gov} == {("SYR_GOV", "ISIS")}
    # the clashes are how the villages were taken, not an event of their own
    assert not of_type(evs, "armed_clash")


def test_anaphora_aliha_points_back_to_the_list():
    evs = run("تقدمت فصائل المعارضة عبر محاور كفرنبل وحاس وكفرومة، لتسيطر عليها بشكل كامل.")
    got = of_type(evs, "non_state_actor_overtakes_territory")
    assert places(got) == ["كفرنبل", "حاس", "كفرومة"]
    assert all(e.actor1 == "SYR_OPP" for e in got)


def test_state_side_decides_the_sub_type():
    isis = run("سيطر تنظيم داعش على مدينة تدمر بعد اشتباكات مع قوات النظام.")
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in isis] == [
        ("non_state_actor_overtakes_territory", "ISIS", "SYR_GOV")
    ]
    army = run("استعاد الجيش السوري السيطرة على مدينة تدمر من تنظيم داعش.")
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in army] == [
        ("government_regains_territory", "SYR_GOV", "ISIS")
    ]


def test_withdrawal_without_a_fight_is_a_non_violent_transfer():
    evs = run("وأخلت قوات سوريا الديمقراطية مواقعها في بلدة صرين دون قتال.")
    assert [(e.sub_event_type, e.actor1, e.actor2, e.location.name) for e in evs] == [
        ("non_violent_transfer_of_territory", None, "SDF", "صرين")
    ]


def test_withdrawal_after_fighting_is_the_capture():
    evs = run("حاصرت قوات النظام بلدة حطلة وقصفت منازلها بشكل مكثف، لينسحب تنظيم داعش منها بعد ذلك.")
    taken = of_type(evs, "government_regains_territory")
    assert [(e.actor1, e.actor2, e.location.name) for e in taken] == [("SYR_GOV", "ISIS", "حطلة")]
    assert not of_type(evs, "non_violent_transfer_of_territory")


def test_under_control_of_is_not_an_event():
    assert run("وتقع بلدة حطلة تحت سيطرة قوات النظام.") == []
    evs = run("قصفت الطائرات الروسية اليوم مدينة سراقب الخاضعة لسيطرة هيئة تحرير الشام.")
    assert [e.sub_event_type for e in evs] == ["air_drone_strike"]


def test_present_tense_control_is_an_observation_not_an_event():
    doc = Document(
        "obs", "وتسيطر قوات سوريا الديمقراطية على مدينة الرقة منذ سنوات.", "ar", published=PUBLISHED
    )
    assert run(doc.text) == []
    obs = find_control_observations(
        Document("obs", "تقع بلدة حطلة تحت سيطرة قوات النظام.", "ar", published=PUBLISHED)
    )
    assert [(o["place"].name, o["controller"]) for o in obs] == [("حطلة", "SYR_GOV")]
    assert obs[0]["date"] == PUBLISHED


def test_pluperfect_history_is_background():
    assert run("وكان تنظيم داعش قد سيطر على مدينة تدمر في أيار من العام الماضي.") == []
    assert run("وكان الجيش قد سيطر على بلدة حطلة.") == []


def test_pluperfect_with_a_recent_day_is_news():
    evs = run("وكانت قوات النظام قد سيطرت أمس على بلدة حطلة بعد معارك مع داعش.")
    assert [(e.sub_event_type, str(e.date)) for e in evs] == [("government_regains_territory", "2024-03-09")]


def test_english_capture_from():
    evs = run(
        "The Syrian army retook the town of Palmyra from Islamic State militants on Sunday.",
        "en",
    )
    assert [(e.sub_event_type, e.actor1, e.actor2, e.location.name) for e in evs] == [
        ("government_regains_territory", "SYR_GOV", "ISIS", "Palmyra")
    ]


def test_english_state_and_history_are_not_events():
    assert run("The city of Raqqa remains under the control of the SDF.", "en") == []
    assert run("Islamic State had captured Palmyra last year.", "en") == []


def test_control_observations_name_the_holder():
    def obs(text: str, lang: str = "ar") -> list[tuple[str, str]]:
        found = find_control_observations(Document("o", text, lang, published=PUBLISHED))
        return [(o["place"].name, o["controller"]) for o in found]

    assert obs("وتسيطر قوات سوريا الديمقراطية على مدينة الرقة.") == [("الرقة", "SDF")]
    ((name, holder),) = obs("قصفت الطائرات الروسية مدينة إدلب الخاضعة لسيطرة هيئة تحرير الشام.")
    assert name.endswith("إدلب") and holder == "HTS"
    assert obs("The town of Manbij remains under the control of the SDF.", "en") == [("Manbij", "SDF")]
    # a negated statement says nothing about who holds the place
    assert obs("لم تسيطر قوات النظام على مدينة الرقة.") == []
    # a dual adjective describes the two places of the list before it
    got = obs("ويقطن آلاف النازحين في بلدتي صرين والجلبية الخاضعتين لسيطرة قسد شرقي الفرات.")
    assert got == [("صرين", "SDF"), ("الجلبية", "SDF")]


def test_a_place_taken_after_the_other_side_withdrew_is_a_non_violent_transfer():
    evs = run("The SDF took control of the town of Tabqa after ISIS fighters withdrew from it.", "en")
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in evs] == [
        ("non_violent_transfer_of_territory", "SDF", "ISIS")
    ]
    # fighting told in the sentence keeps it a capture by force
    evs = run("The SDF took control of Tabqa after fierce clashes, and ISIS fighters withdrew.", "en")
    assert {e.sub_event_type for e in evs} >= {"non_state_actor_overtakes_territory"}


def test_a_place_that_fell_to_an_actor_is_taken_by_it():
    evs = run("The town of Morek fell to the rebels on Tuesday after days of fighting.", "en")
    assert [(e.sub_event_type, e.actor1, e.location.name) for e in evs] == [
        ("non_state_actor_overtakes_territory", "SYR_OPP", "Morek")
    ]
    evs = run("وسقطت بلدة مورك في يد قوات النظام فجر اليوم إثر معارك عنيفة.")
    assert [(e.sub_event_type, e.actor1, e.location.name) for e in evs] == [
        ("government_regains_territory", "SYR_GOV", "مورك")
    ]
    # numbers and prices fall too; "بيد أن" is "however"
    assert run("Bread prices in Damascus fell to their lowest level in a year.", "en") == []
    however = run("وقال المسؤول إن الوضع هادئ، بيد أن الاشتباكات تجددت في بلدة مورك.")
    assert of_type(however, "government_regains_territory") == []


@pytest.mark.parametrize(
    ("text", "sub", "actor1"),
    [
        # spec rule 8: a source reporting its own deed is the agent
        ("The Syrian military said on Monday it had captured the village of Kabani.",
         "government_regains_territory", "SYR_GOV"),
        # a source that reports another side's deed stays a source
        ("The Syrian Observatory said on Monday that rebels had captured the village of Kabani.",
         "non_state_actor_overtakes_territory", "SYR_OPP"),
        # an actor inside a relative clause is the subject of the verb right after it
        ("The town of Kabani, which the government recaptured on Sunday, is calm again.",
         "government_regains_territory", "SYR_GOV"),
        # the relative clause describes the actor; the main verb's subject is the head noun
        ("The rebels, who are backed by Turkey, captured the village of Kabani.",
         "non_state_actor_overtakes_territory", "SYR_OPP"),
        # what was managed is done ("were able to" is no passive)
        ("Government forces were able to capture the town of Kabani on Sunday.",
         "government_regains_territory", "SYR_GOV"),
    ],
)
def test_english_subject_of_a_capture_in_reported_and_relative_clauses(text: str, sub: str, actor1: str):
    assert [(e.sub_event_type, e.actor1) for e in run(text, "en")] == [(sub, actor1)]


def test_english_object_heads_and_clause_subjects():
    # "militant" qualifies the stronghold taken; "a militant" alone is a person seized
    evs = run("Government troops took back the last militant stronghold in Kabani on Monday.", "en")
    assert [(e.sub_event_type, e.location.name) for e in evs] == [("government_regains_territory", "Kabani")]
    seized = run("Police captured a militant in Kabani on Monday.", "en")
    assert of_type(seized, "government_regains_territory") == []
    # the actor after an English verb is its object or another clause's subject, not its agent
    evs = run("Rebels captured the village of Kabani after government forces retreated.", "en")
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in evs] == [
        ("non_violent_transfer_of_territory", "SYR_OPP", "SYR_GOV")
    ]


def test_english_handover_of_ground_and_the_side_that_leaves():
    evs = run("Under the deal, the rebels handed over their positions in Kabani to the army.", "en")
    assert [(e.sub_event_type, e.actor2, e.location.name) for e in evs] == [
        ("non_violent_transfer_of_territory", "SYR_OPP", "Kabani")
    ]
    # people, bodies and documents handed over are no ground
    assert run("Police handed over the suspects to the court in the town of Kabani.", "en") == []
    # the subject of a withdrawal leaves: it is actor2, and no gainer is invented
    evs = run("The rebels withdrew from the town of Kabani on Monday.", "en")
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in evs] == [
        ("non_violent_transfer_of_territory", None, "SYR_OPP")
    ]


def test_english_driving_a_side_out_of_a_place_takes_it():
    evs = run("Iraqi forces drove Islamic State militants out of the town of Rawa on Friday.", "en")
    assert [(e.sub_event_type, e.actor1, e.actor2, e.location.name) for e in evs] == [
        ("government_regains_territory", "IRQ_GOV", "ISIS", "Rawa")
    ]
    # people forced out of homes or offices: no ground changed hands
    assert run("The militia forced hundreds of residents out of their homes in Rawa.", "en") == []
    office = run("Angry protesters expelled the employees from the party office in Rawa.", "en")
    assert [e.sub_event_type for e in office] == ["peaceful_protest"]


def test_english_aims_are_not_captures():
    assert run("The army launched an offensive to retake the town of Kabani on Monday.", "en") == []
    assert run("Rebels are pushing to recapture the village of Kabani.", "en") == []


def test_a_foreign_force_withdrawing_hands_over_even_amid_fighting():
    evs = run("US-led coalition forces withdrew from the K1 base near Kirkuk amid fighting with ISIS.", "en")
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in evs] == [
        ("non_violent_transfer_of_territory", None, "USA_COAL")
    ]
    # a local side leaving after a fight lost the place to its enemy
    evs = run("ISIS withdrew from the town of Kabani after fierce fighting with the army.", "en")
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in evs] == [
        ("government_regains_territory", "SYR_GOV", "ISIS")
    ]
    # the side named by its adjective after the verb is the one that leaves
    evs = run("انسحبت القوات الروسية من قاعدة في بلدة تل رفعت أمس رغم الاشتباكات في محيطها.")
    moves = [(e.sub_event_type, e.actor1, e.actor2) for e in evs if e.event_type == "strategic_developments"]
    assert moves == [("non_violent_transfer_of_territory", None, "RUS")]


def test_english_capture_under_a_deal_is_a_transfer():
    evs = run("Rebels took control of the town of Kabani under an agreement with the government.", "en")
    assert [(e.sub_event_type, e.actor1) for e in of_type(evs, "non_violent_transfer_of_territory")] == [
        ("non_violent_transfer_of_territory", "SYR_OPP")
    ]
    assert of_type(evs, "non_state_actor_overtakes_territory") == []
