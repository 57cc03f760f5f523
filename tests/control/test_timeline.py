"""Control timelines: changes of hands, clashes, conflicting sources, observations, dates."""

from __future__ import annotations

from datetime import date, timedelta

from control_builders import clash, make_event, observation, take

from rasad.control.conflict import CONTEST_DAYS
from rasad.control.timeline import build_timelines, changes, history, snapshot

D1, D2, D3 = date(2017, 10, 1), date(2017, 10, 20), date(2017, 11, 5)


def live(ivs):
    return [iv for iv in ivs if iv.kind != "superseded"]


def test_change_of_hands_makes_consecutive_intervals():
    evs = [take("SYR_GOV", "الحمرا", D1, "a"), take("ISIS", "الحمرا", D2, "b", loser="SYR_GOV")]
    ivs = live(build_timelines(evs))
    assert [(iv.controller, iv.valid_from, iv.valid_to) for iv in ivs] == [
        ("SYR_GOV", D1, D2),
        ("ISIS", D2, None),
    ]
    assert ivs[0].evidence == [evs[0].id] and ivs[0].sources == ["a"]
    assert ivs[1].place_key == "T:1" and ivs[1].lat == 35.10
    assert snapshot(ivs, D1 - timedelta(days=1)) == {}
    assert snapshot(ivs, D1)["T:1"].controller == "SYR_GOV"
    assert snapshot(ivs, D2 - timedelta(days=1))["T:1"].controller == "SYR_GOV"
    assert snapshot(ivs, D2)["T:1"].controller == "ISIS"
    assert snapshot(ivs, date(2030, 1, 1))["T:1"].controller == "ISIS"


def test_unresolved_places_are_keyed_by_normalised_name():
    evs = [take("SDF", "حقل العمر", D1), take("SDF", "حقل العُمَر", D2, "b")]
    ivs = live(build_timelines(evs))
    assert len(ivs) == 1 and ivs[0].place_key == "name:حقل العمر"
    assert ivs[0].sources == ["doc-1", "b"]


def test_clash_marks_interval_contested_without_changing_controller():
    evs = [take("SYR_GOV", "الحمرا", D1, "a"), clash("ISIS", "SYR_GOV", "الحمرا", D2)]
    ivs = live(build_timelines(evs))
    kinds = [(iv.controller, iv.kind, iv.valid_from, iv.valid_to) for iv in ivs]
    end = D2 + timedelta(days=CONTEST_DAYS)
    assert kinds == [
        ("SYR_GOV", "derived", D1, D2),
        ("SYR_GOV", "contested", D2, end),
        ("SYR_GOV", "derived", end, None),
    ]
    assert ivs[1].confidence < ivs[0].confidence
    assert evs[1].id in ivs[1].evidence and evs[0].id in ivs[1].evidence
    assert evs[1].id not in ivs[2].evidence
    # a change of hands ends the contested spell
    evs.append(take("ISIS", "الحمرا", D2 + timedelta(days=3), "c", loser="SYR_GOV"))
    ivs = live(build_timelines(evs))
    assert [(iv.controller, iv.kind) for iv in ivs] == [
        ("SYR_GOV", "derived"),
        ("SYR_GOV", "contested"),
        ("ISIS", "derived"),
    ]


def test_clash_where_nobody_is_known_to_hold_is_unknown_and_expires():
    ivs = live(build_timelines([clash("SDF", "ISIS", "تل الورد", D1)]))
    assert len(ivs) == 1
    assert (ivs[0].controller, ivs[0].kind, ivs[0].valid_to) == (
        "UNKNOWN",
        "contested",
        D1 + timedelta(days=CONTEST_DAYS),
    )
    assert snapshot(ivs, D1 + timedelta(days=CONTEST_DAYS + 1)) == {}


def test_fighting_on_the_day_of_the_takeover_is_part_of_it():
    ivs = live(build_timelines([take("SYR_GOV", "الحمرا", D1), clash("SYR_GOV", "ISIS", "الحمرا", D1)]))
    assert [(iv.controller, iv.kind) for iv in ivs] == [("SYR_GOV", "derived")]


def test_multi_source_wins_and_loser_stays_visible():
    evs = [
        take("SYR_GOV", "الحمرا", D1, "a"),
        take("SYR_GOV", "الحمرا", D1, "b"),
        take("ISIS", "الحمرا", D1, "c", loser="SYR_GOV"),
    ]
    ivs = build_timelines(evs, published={"a": D1, "b": D1, "c": D2})
    main = live(ivs)
    assert [(iv.controller, iv.valid_from, iv.valid_to) for iv in main] == [("SYR_GOV", D1, None)]
    sup = [iv for iv in ivs if iv.kind == "superseded"]
    assert [(iv.controller, iv.valid_from, iv.valid_to, iv.sources) for iv in sup] == [
        ("ISIS", D1, D1, ["c"])
    ]
    # the dispute lowers the winner's confidence below an undisputed two-source claim
    undisputed = live(build_timelines(evs[:2]))[0]
    assert main[0].confidence < undisputed.confidence
    assert snapshot(ivs, D1)["T:1"].controller == "SYR_GOV"
    assert [iv.kind for iv in history(ivs, "الحمرا")] == ["derived", "superseded"]


def test_two_sources_are_more_confident_than_one():
    one = live(build_timelines([take("SYR_GOV", "الحمرا", D1, "a")]))[0]
    two = live(build_timelines([take("SYR_GOV", "الحمرا", D1, "a"), take("SYR_GOV", "الحمرا", D1, "b")]))[0]
    same_doc_twice = live(
        build_timelines([take("SYR_GOV", "الحمرا", D1, "a"), take("SYR_GOV", "الحمرا", D1, "a")])
    )
    assert two.confidence > one.confidence
    assert same_doc_twice[0].confidence == one.confidence


def test_newer_report_wins_a_tie_on_the_same_day():
    evs = [take("SDF", "الجسر", D1, "old", loser="ISIS"), take("ISIS", "الجسر", D1, "new", loser="SDF")]
    ivs = build_timelines(evs, published={"old": D1, "new": D2})
    assert snapshot(ivs, D1)["T:3"].controller == "ISIS"
    ivs = build_timelines(evs, published={"old": D2, "new": D1})
    assert snapshot(ivs, D1)["T:3"].controller == "SDF"


def test_within_one_report_the_later_statement_wins():
    # "the regime took the village in the morning, then the organisation retook it at night"
    evs = [take("SYR_GOV", "الجسر", D1, "r"), take("ISIS", "الجسر", D1, "r", loser="SYR_GOV")]
    ivs = build_timelines(evs)
    main = live(ivs)
    assert [iv.controller for iv in main] == ["ISIS"]
    undisputed = live(build_timelines(evs[1:]))[0]
    assert main[0].confidence == undisputed.confidence  # a sequence, not a dispute


def test_later_contradicting_report_opens_a_new_interval():
    a = take("SYR_GOV", "الحمرا", D1, "a")
    b = take("ISIS", "الحمرا", D3, "b", loser="SYR_GOV")
    ivs = build_timelines([a, b], published={"a": D1, "b": D3})
    main = live(ivs)
    assert [(iv.controller, iv.valid_from, iv.valid_to) for iv in main] == [
        ("SYR_GOV", D1, D3),
        ("ISIS", D3, None),
    ]
    assert main[0].evidence == [a.id]  # the earlier claim is kept, not overwritten


def test_observation_is_weaker_than_a_recent_change():
    evs = [take("SYR_GOV", "الحمرا", D1, "a")]
    ivs = build_timelines(evs, observations=[observation("الحمرا", "ISIS", D1 + timedelta(days=3))])
    main = live(ivs)
    assert [iv.controller for iv in main] == ["SYR_GOV"]
    assert main[0].confidence < live(build_timelines(evs))[0].confidence
    assert [iv.controller for iv in ivs if iv.kind == "superseded"] == ["ISIS"]


def test_observation_later_on_opens_an_observation_interval():
    later = D1 + timedelta(days=60)
    ivs = live(
        build_timelines(
            [take("SYR_GOV", "الحمرا", D1, "a")], observations=[observation("الحمرا", "ISIS", later)]
        )
    )
    assert [(iv.controller, iv.kind, iv.valid_from) for iv in ivs] == [
        ("SYR_GOV", "derived", D1),
        ("ISIS", "observation", later),
    ]
    assert ivs[1].confidence < ivs[0].confidence


def test_change_beats_observation_on_the_same_day_and_observation_confirms():
    ivs = build_timelines(
        [take("SYR_GOV", "الحمرا", D1, "a")],
        observations=[observation("الحمرا", "ISIS", D1), observation("الحمرا", "SYR_GOV", D2, "o2")],
    )
    main = live(ivs)
    assert [iv.controller for iv in main] == ["SYR_GOV"]
    assert main[0].sources == ["a", "o2"]


def test_undated_events_use_publication_then_document_then_baseline():
    pub = date(2019, 3, 1)
    e_pub = take("SDF", "الحمرا", None, "p")
    e_doc_dated = take("SDF", "تل الورد", date(2019, 2, 20), "q")
    e_doc = take("SDF", "الجسر", None, "q")
    e_none = take("SYR_GOV", "حقل التيم", None, "z")
    ivs = live(build_timelines([e_pub, e_doc_dated, e_doc, e_none], published={"p": pub, "q": None}))
    by = {iv.place_key: iv for iv in ivs}
    assert (by["T:1"].valid_from, by["T:1"].date_flag) == (pub, "publication")
    assert (by["T:3"].valid_from, by["T:3"].date_flag) == (date(2019, 2, 20), "document")
    # neither: the baseline (earliest dated evidence), flagged, less confident
    base = by["name:حقل التيم"]
    assert (base.valid_from, base.date_flag) == (date(2019, 2, 20), "undated")
    assert base.confidence < by["T:2"].confidence


def test_dated_evidence_overrides_undated_baseline():
    undated = take("ISIS", "الحمرا", None, "u", loser=None)
    dated = take("SYR_GOV", "الحمرا", D1, "d")
    ivs = build_timelines([dated, undated])
    assert snapshot(ivs, D1)["T:1"].controller == "SYR_GOV"
    assert [iv.controller for iv in ivs if iv.kind == "superseded"] == ["ISIS"]


def test_transfer_without_gainer_leaves_place_unknown_but_named_gainer_wins():
    withdraw = make_event(
        "non_violent_transfer_of_territory",
        None,
        "ISIS",
        "الحمرا",
        D1,
        "w",
        text="انسحب التنظيم من القرية دون قتال",
    )
    ivs = live(build_timelines([take("ISIS", "الحمرا", date(2017, 1, 1), "o", loser="SYR_GOV"), withdraw]))
    assert [iv.controller for iv in ivs] == ["ISIS", "UNKNOWN"]
    handover = make_event("non_violent_transfer_of_territory", "SDF", "ISIS", "الحمرا", D1, "h")
    ivs = live(build_timelines([withdraw, handover]))
    assert [iv.controller for iv in ivs] == ["SDF"]


def test_changes_lists_changes_of_hands_in_the_period():
    evs = [
        take("SYR_GOV", "الحمرا", D1, "a"),
        take("ISIS", "الحمرا", D2, "b", loser="SYR_GOV"),
        take("SDF", "الجسر", D3, "c"),
        clash("ISIS", "SDF", "الجسر", D3 + timedelta(days=2)),
    ]
    ivs = build_timelines(evs)
    got = [
        (c.place_key, c.day, c.before.controller if c.before else None, c.after.controller)
        for c in changes(ivs, D2, D3 + timedelta(days=40))
    ]
    assert got == [("T:1", D2, "SYR_GOV", "ISIS"), ("T:3", D3, None, "SDF")]
    assert [c.place_key for c in changes(ivs, D1, D1)] == ["T:1"]
    assert any(
        c.after.kind == "contested" for c in changes(ivs, D3, D3 + timedelta(days=5), include_contested=True)
    )


def test_snapshot_index_follows_new_lists():
    ivs = build_timelines([take("SYR_GOV", "الحمرا", D1)])
    assert set(snapshot(ivs, D2)) == {"T:1"}
    ivs2 = build_timelines([take("SYR_GOV", "الحمرا", D1), take("SDF", "الجسر", D1, "b")])
    assert set(snapshot(ivs2, D2)) == {"T:1", "T:3"}
    assert set(snapshot(iter(ivs2), D2)) == {"T:1", "T:3"}


def test_change_on_the_day_a_contest_expires_leaves_no_empty_record():
    end = D2 + timedelta(days=CONTEST_DAYS)
    evs = [
        take("SYR_GOV", "الحمرا", D1, "a"),
        clash("ISIS", "SYR_GOV", "الحمرا", D2),
        take("ISIS", "الحمرا", end, "b", loser="SYR_GOV"),
    ]
    ivs = build_timelines(evs)
    assert [(iv.controller, iv.kind) for iv in ivs] == [
        ("SYR_GOV", "derived"),
        ("SYR_GOV", "contested"),
        ("ISIS", "derived"),
    ]


def test_quick_contradiction_of_a_multi_source_change_is_less_sure():
    three = [take("SYR_GOV", "الحمرا", D1, doc) for doc in ("a", "b", "c")]
    lone = take("ISIS", "الحمرا", D1 + timedelta(days=1), "d", loser="SYR_GOV")
    ivs = live(build_timelines([*three, lone]))
    assert [iv.controller for iv in ivs] == ["SYR_GOV", "ISIS"]  # newer wins ...
    calm = live(build_timelines([*three, take("ISIS", "الحمرا", D3, "d", loser="SYR_GOV")]))
    assert ivs[1].confidence < calm[1].confidence  # ... but is marked unsure


def test_unresolved_name_joins_the_gazetteer_place_at_the_same_spot():
    resolved = take("SYR_GOV", "الحمرا", D1, "a")  # has place id T:1
    unresolved = make_event("non_state_actor_overtakes_territory", "ISIS", "SYR_GOV", "الحَمرا", D2, "b")
    unresolved.location.lat, unresolved.location.lon = 35.101, 40.401  # same spot, no id
    far = make_event("non_state_actor_overtakes_territory", "SDF", "ISIS", "حمرا", D2, "c")
    far.location.lat, far.location.lon = 36.5, 38.0  # another village of that name
    ivs = live(build_timelines([resolved, unresolved, far]))
    assert [(iv.place_key, iv.controller) for iv in ivs] == [
        ("T:1", "SYR_GOV"),
        ("T:1", "ISIS"),
        ("name:حمرا", "SDF"),
    ]


def test_observations_about_whole_areas_are_ignored():
    obs = observation("الحمرا", "ISIS", D1)
    obs["location"]["geo_precision"] = 3  # "most of the governorate is under ..."
    assert build_timelines([], observations=[obs]) == []


def test_an_event_placed_only_by_its_governorate_changes_no_place() -> None:
    from control_builders import make_event

    from rasad.control.timeline import build_timelines

    wide = make_event("government_regains_territory", "SYR_GOV", "ISIS", "الحمرا", date(2017, 9, 1),
                      geo_precision=3)
    exact = make_event("government_regains_territory", "SYR_GOV", "ISIS", "الجسر", date(2017, 9, 1))
    keys = {iv.place_key for iv in build_timelines([wide, exact])}
    assert keys == {"T:3"}
