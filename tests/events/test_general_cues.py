"""General forms of the Arabic trigger conditions (failure scope, lost value, controlled
detonation, the actor between "opened" and "fire", negated damage, dual device nouns), on
sentences written for the tests."""

from __future__ import annotations

from events_helpers import of_type, run


def test_a_failure_in_the_clause_means_no_agreement_but_a_reached_one_is_an_event():
    failed = run("وفشلت روسيا والفصائل في التوصل إلى اتفاق حول الهدنة في مدينة دوما اليوم.")
    assert of_type(failed, "agreement") == []
    evs = run("وتوصلت فصائل المعارضة وروسيا اليوم إلى اتفاق حول الهدنة في مدينة دوما.")
    # the truce is the topic of the agreement: one event, not two
    assert [(e.sub_event_type, e.location.name) for e in evs] == [("agreement", "دوما")]


def test_losing_a_share_of_value_is_no_loss_of_ground():
    assert run("وخسرت الليرة السورية نصف قيمتها في مدينة حلب هذا الشهر.") == []
    assert run("وخسرت الليرة السورية ثلث قيمتها في مدينة حلب اليوم.") == []
    evs = run("وخسرت قوات النظام اليوم قرية الحويز في ريف حماة.")
    assert [(e.actor2, e.location.name) for e in evs] == [("SYR_GOV", "الحويز")]


def test_under_control_is_a_controlled_detonation_only_next_to_an_explosive():
    evs = run("وفجرت فرق الهندسة اليوم عبوة ناسفة تحت السيطرة في بلدة الصنمين.")
    assert [e.sub_event_type for e in evs] == ["disrupted_weapons_use"]
    assert run("وأكد مسؤول اليوم أن الوضع في بلدة الصنمين تحت السيطرة.") == []


def test_the_force_that_opened_fire_may_stand_between_verb_and_object():
    for text in (
        "وخرج مئات المتظاهرين اليوم في مدينة الكوت، وفتحت عناصر الشرطة النار عليهم.",
        "وخرج مئات المتظاهرين اليوم في مدينة الكوت، وأطلقت قوات الأمن النار لتفريقهم.",
    ):
        assert [e.sub_event_type for e in run(text)] == ["excessive_force_against_protesters"]


def test_negated_damage_or_injuries_mean_no_one_died_whatever_the_verb():
    for text in (
        "وسقطت قذيفة هاون اليوم على حي الميدان في دمشق دون أن تسبب أي أضرار.",
        "وسقطت قذيفة هاون اليوم على حي الميدان في دمشق دون أن تسفر عن أي إصابات.",
    ):
        got = [(e.sub_event_type, e.fatalities) for e in run(text)]
        assert got == [("shelling_artillery_missile_attack", 0)]


def test_dual_and_plural_device_nouns_and_anti_aircraft_fire():
    evs = run("وانفجرت سيارتان ملغومتان اليوم في مدينة الباب.")
    assert [e.sub_event_type for e in evs] == ["remote_explosive_landmine_ied"]
    evs = run("وأطلقت الدفاعات الجوية صواريخ مضادة للطائرات على طائرات مسيرة فوق مدينة جبلة اليوم.")
    assert [e.sub_event_type for e in evs] == ["disrupted_weapons_use"]
    evs = run("ودهمت قوى الأمن الداخلي اليوم ثلاثة أوكار لخلايا داعش في بلدة الشحيل.")
    assert [e.sub_event_type for e in evs] == ["disrupted_weapons_use"]


def test_a_governments_protest_is_diplomacy_not_a_demonstration():
    evs = run("استدعت وزارة الخارجية السفير التركي للاحتجاج على القصف الذي طال بلدة تل رفعت أمس.")
    assert of_type(evs, "peaceful_protest") == []
    assert of_type(evs, "shelling_artillery_missile_attack")  # the shelling is still told
    assert run("وسلمت الحكومة مذكرة احتجاج رسمية إلى السفارة العراقية اليوم.") == []
    assert of_type(run("وخرجت مظاهرة في مدينة السويداء اليوم احتجاجا على الغلاء."), "peaceful_protest")
