"""Bugs found by a new-user trial, each pinned on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest
from events_helpers import of_type, places, run

from rasad.events import background

PUB = date(2019, 2, 20)
TERRITORY = {
    "government_regains_territory",
    "non_state_actor_overtakes_territory",
    "non_violent_transfer_of_territory",
}


def _territory(evs):
    return [e for e in evs if e.sub_event_type in TERRITORY]


# 1. denials and failures block the event ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("نفت مصادر محلية الأنباء عن سيطرة قوات النظام على قرية خشام.", "ar"),
        ("كذّب ناشطون ما تداولته صفحات موالية عن سيطرة قوات النظام على قرية خشام.", "ar"),
        ("لم تتمكن قوات سوريا الديمقراطية من السيطرة على قرية الشعفة.", "ar"),
        ("Local sources denied that regime forces had captured the village of Khasham.", "en"),
        ("Activists said there was no truth to reports that ISIS captured the village of al-Shafa.", "en"),
        ("The SDF failed to capture the village of al-Shafa.", "en"),
        ("The SDF has not yet taken the village of al-Shafa.", "en"),
    ],
)
def test_a_denied_or_failed_capture_is_no_change_of_hands(text, lang):
    assert _territory(run(text, lang, PUB)) == []


def test_after_a_denial_the_continuing_clashes_are_the_event():
    evs = run(
        "نفت مصادر محلية الأنباء عن سيطرة قوات النظام على قرية خشام، "
        "مؤكدة أن الاشتباكات ما زالت مستمرة على أطرافها.",
        "ar",
        PUB,
    )
    assert _territory(evs) == []
    clash = of_type(evs, "armed_clash")
    assert places(clash) == ["خشام"]
    assert clash[0].location.geo_precision == 2  # on its outskirts


def test_a_plain_capture_is_still_a_capture():
    evs = run("سيطرت قوات النظام على قرية خشام بعد اشتباكات مع قوات سوريا الديمقراطية.", "ar", PUB)
    assert [(e.sub_event_type, e.actor1) for e in evs] == [("government_regains_territory", "SYR_GOV")]


# 2. withdraw-and-enter: the side that enters gains, the side that leaves loses --------------------


def test_withdraw_and_enter_english():
    evs = run(
        "ISIS fighters withdrew from the village of al-Shafa towards the Iraqi border without a fight, "
        "and SDF units entered it.",
        "en",
        PUB,
    )
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in evs] == [
        ("non_violent_transfer_of_territory", "SDF", "ISIS")
    ]
    assert places(evs) == ["al-Shafa"]


def test_withdraw_and_enter_arabic():
    evs = run("انسحب التنظيم من قرية الشعفة ودخلتها قوات سوريا الديمقراطية.", "ar", PUB)
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in evs] == [
        ("non_violent_transfer_of_territory", "SDF", "ISIS")
    ]


def test_withdrawal_alone_has_no_gainer():
    evs = run("انسحب تنظيم داعش من قرية الشعفة.", "ar", PUB)
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in evs] == [
        ("non_violent_transfer_of_territory", None, "ISIS")
    ]


# 3. a place held briefly: the control stage must end with the side that took it back --------------


def _last_holder(evs, place):
    held = [e for e in _territory(evs) if e.location and e.location.name == place]
    return held[-1].actor1 if held else None


def test_briefly_taken_then_pushed_back_english():
    evs = run(
        "ISIS fighters briefly took control of the village of al-Shafa before being pushed back by the SDF.",
        "en",
        PUB,
    )
    assert _last_holder(evs, "al-Shafa") == "SDF"
    assert [(e.actor1, e.actor2) for e in _territory(evs)] == [("SDF", "ISIS")]
    assert {(e.actor1, e.actor2) for e in of_type(evs, "armed_clash")} == {("ISIS", "SDF")}


def test_taken_for_hours_then_retaken_arabic():
    evs = run("سيطر التنظيم لساعات على قرية الشعفة قبل أن تستعيدها قوات النظام.", "ar", PUB)
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in _territory(evs)] == [
        ("government_regains_territory", "SYR_GOV", "ISIS")
    ]
    assert of_type(evs, "armed_clash")


# 4. a known place right after the capture verb is its object ---------------------------------------


@pytest.mark.parametrize("text", ["The SDF captured al-Shafa.", "The SDF captured the village of al-Shafa."])
def test_bare_place_after_capture_verb(text):
    evs = run(text, "en", PUB)
    assert [(e.sub_event_type, e.actor1) for e in evs] == [("non_state_actor_overtakes_territory", "SDF")]
    assert places(evs) == ["al-Shafa"]


# 5. a date between the verb and its object; التنظيم alone as the subject --------------------------


def test_date_between_verb_and_object_and_tanzim_subject():
    evs = run("سيطر التنظيم في 2 كانون الثاني على قرية الباغوز فوقاني.", "ar", PUB)
    assert [(e.sub_event_type, e.actor1) for e in evs] == [("non_state_actor_overtakes_territory", "ISIS")]
    assert places(evs) == ["الباغوز فوقاني"]
    assert evs[0].date == date(2019, 1, 2)


def test_recent_date_between_verb_and_object():
    evs = run("سيطر التنظيم يوم 18 شباط على قرية الباغوز فوقاني.", "ar", PUB)
    assert places(evs) == ["الباغوز فوقاني"]
    assert evs[0].date == date(2019, 2, 18)


# 6. dated past captures told as news are kept, dated, with lower confidence -------------------------


def test_explicitly_dated_capture_older_than_a_week_is_kept():
    old = run("The SDF captured al-Shafa on February 9, 2019.", "en", PUB)
    fresh = run("The SDF captured al-Shafa on February 18, 2019.", "en", PUB)
    assert [(e.sub_event_type, e.date) for e in old] == [
        ("non_state_actor_overtakes_territory", date(2019, 2, 9))
    ]
    assert old[0].confidence < fresh[0].confidence


def test_cutoff_is_a_documented_setting_and_history_stays_out():
    assert background.MAX_NEWS_AGE_DAYS == 7
    assert background.DATED_TERRITORY_MAX_AGE_DAYS == 60
    # beyond the window, and non-territorial events, are still history
    assert run("The SDF captured al-Shafa on October 9, 2018.", "en", PUB) == []
    assert run("Regime jets struck the town of Hajin on February 2, 2019.", "en", PUB) == []


# 7. the toll of the battles that took the place is the capture's -----------------------------------


def test_toll_of_the_battles_belongs_to_the_capture():
    evs = run(
        "سيطرت قوات سوريا الديمقراطية على قرية الشعفة بعد معارك عنيفة أسفرت عن مقتل 12 عنصراً من التنظيم.",
        "ar",
        PUB,
    )
    assert [(e.sub_event_type, e.fatalities) for e in evs] == [("non_state_actor_overtakes_territory", 12)]


# 8. a headline: each event at the places of its own clause -----------------------------------------


def test_headline_subordinate_clause_keeps_its_own_place():
    head = run("Bomb kills civilians in Raqqa as SDF detains suspects in Busayrah", "en", PUB)
    assert places(of_type(head, "attack")) == ["Raqqa"]
    report = run(
        "Bomb kills civilians in Raqqa as SDF detains suspects in Busayrah\n\n"
        "A bomb exploded in Raqqa on Tuesday, killing three civilians. "
        "The SDF later detained four suspects in Busayrah.",
        "en",
        PUB,
    )
    assert sorted((e.sub_event_type, e.location.name) for e in report) == [
        ("arrests", "Busayrah"),
        ("remote_explosive_landmine_ied", "Raqqa"),
    ]


# 9. month names are dates, not marches --------------------------------------------------------------


def test_dateline_month_is_not_a_protest():
    evs = run(
        "RAQQA, Syria, March 3\nA car bomb exploded in the city of Raqqa, killing four civilians.",
        "en",
        date(2019, 3, 4),
    )
    assert of_type(evs, "peaceful_protest") == []
    assert of_type(evs, "remote_explosive_landmine_ied")


def test_a_real_march_is_still_a_protest():
    evs = run("Hundreds of people marched in Raqqa on Sunday against the SDF.", "en", date(2019, 3, 4))
    assert places(of_type(evs, "peaceful_protest")) == ["Raqqa"]
