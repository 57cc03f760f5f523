"""Dates, fatalities, actors by role, protests and other sub-types on sentences written for the tests."""

from __future__ import annotations

from datetime import date

from events_helpers import run


def test_dates_today_yesterday_and_unknown():
    assert [str(e.date) for e in run("قصفت قوات النظام اليوم بلدة سرمين بقذائف الهاون.")] == ["2024-03-10"]
    assert [str(e.date) for e in run("قصفت قوات النظام أمس بلدة سرمين بقذائف الهاون.")] == ["2024-03-09"]
    # no publication date and a relative day: the day cannot be known
    evs = run("قصفت قوات النظام أمس بلدة سرمين بقذائف الهاون.", published=None)
    assert [e.date for e in evs] == [None]
    # a report about today's news: the publication date, flagged as such
    evs = run("قصفت قوات النظام بلدة سرمين بقذائف الهاون.")
    assert [(e.date, e.date_flag) for e in evs] == [(date(2024, 3, 10), "publication")]


def test_fatalities_digits_words_dozens_and_injuries():
    assert [e.fatalities for e in run("قتل 5 مدنيين جراء قصف مدفعي لقوات النظام على بلدة سرمين.")] == [5]
    assert [
        e.fatalities for e in run("قتل خمسة عناصر من قوات النظام في اشتباكات مع الفصائل في قرية الفطيرة.")
    ] == [5]
    assert [e.fatalities for e in run("قتل عشرات المدنيين جراء غارات جوية روسية على مدينة أريحا.")] == [None]
    assert [e.fatalities for e in run("أصيب 7 مدنيين جراء قصف مدفعي على بلدة سرمين.")] == [None]
    evs = run("Russian airstrikes killed four civilians in the town of Saraqib on Friday.", "en")
    assert [(e.fatalities, str(e.date)) for e in evs] == [(4, "2024-03-08")]


def test_actor_by_role_not_order():
    evs = run("تعرضت بلدة سرمين لقصف مدفعي من قبل قوات النظام.")
    assert [(e.actor1, e.location.name) for e in evs] == [("SYR_GOV", "سرمين")]
    evs = run("The town of Sarmin was shelled by Syrian government forces.", "en")
    assert [(e.sub_event_type, e.actor1) for e in evs] == [("shelling_artillery_missile_attack", "SYR_GOV")]
    # victims make actor2 civilians; the strike's nationality names actor1
    evs = run("قتل 5 مدنيين جراء غارات جوية روسية على مدينة أريحا.")
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in evs] == [("air_drone_strike", "RUS", "CIVILIANS")]


def test_protests_and_their_dispersal():
    evs = run("خرج المئات من أهالي مدينة السويداء في مظاهرة تطالب بالإفراج عن المعتقلين.")
    assert [(e.sub_event_type, e.actor1, e.location.name) for e in evs] == [
        ("peaceful_protest", "PROTESTERS", "السويداء")
    ]
    evs = run("فرقت قوات الأمن العراقية بالغاز المسيل للدموع متظاهرين في مدينة الناصرية.")
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in evs] == [
        ("protest_with_intervention", "PROTESTERS", "IRQ_GOV")
    ]


def test_arrests_and_ied():
    evs = run("اعتقلت قوات النظام 12 شابا خلال حملة دهم في بلدة ببيلا.")
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in evs] == [("arrests", "SYR_GOV", "CIVILIANS")]
    evs = run("انفجرت عبوة ناسفة بسيارة عسكرية في مدينة الباب ما أدى إلى مقتل عنصرين.")
    assert [(e.sub_event_type, e.fatalities) for e in evs] == [("remote_explosive_landmine_ied", 2)]


def test_event_fields_evidence_and_provenance():
    text = "قصفت قوات النظام اليوم بلدة سرمين بقذائف الهاون."
    (ev,) = run(text)
    assert text[ev.evidence.start : ev.evidence.end] == ev.evidence.text
    assert "قصفت" in ev.evidence.text and "سرمين" in ev.evidence.text
    assert ev.rule.startswith("ar.") and "@events-" in ev.rule
    assert 0 < ev.confidence < 1
    assert len(ev.id) == 16 and run(text)[0].id == ev.id  # stable
    js = ev.to_json()
    assert js["event_type"] == "explosions_remote_violence" and js["location"]["lat"] is not None
