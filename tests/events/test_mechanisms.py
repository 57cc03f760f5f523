"""Place, clause and document mechanisms of the assembly, on sentences written for the tests."""

from __future__ import annotations

from datetime import date

from events_helpers import of_type, places, run

from rasad.events.extract import extract_document
from rasad.model import Document


def test_a_containing_place_or_direction_is_not_an_event_place():
    evs = run("قصفت قوات النظام بلدة سرمين بريف إدلب، ما أدى إلى مقتل 3 مدنيين.")
    assert [(e.location.name, e.actor2, e.fatalities) for e in evs] == [("سرمين", "CIVILIANS", 3)]


def test_places_named_in_solidarity_are_not_protest_places():
    evs = run("خرج العشرات في مظاهرة في حي الحجر الأسود نصرة لحمص وحماة ودرعا.")
    assert places(evs) == ["الحجر الأسود"]


def test_history_with_an_old_year_and_a_prior_step_are_background():
    assert run("وكانت قوات النظام قد سيطرت على مدينة تدمر عام 2016.") == []
    evs = run("وسيطرت فصائل المعارضة على بلدة كفرنبل بعد أن انسحبت منها قوات النظام.")
    # the withdrawal is the step before the entry: one event, a place left without a fight
    # (spec rule 4: non-violent transfer, actor1 the side that gains it)
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in evs] == [
        ("non_violent_transfer_of_territory", "SYR_OPP", "SYR_GOV")
    ]


def test_protest_sub_type_from_the_whole_sentence():
    evs = run("اقتحم المحتجون مبنى المحافظة في مدينة السويداء وأحرقوا سيارة للشرطة.")
    assert [(e.sub_event_type, e.actor1) for e in evs] == [("violent_demonstration", "PROTESTERS")]
    evs = run("Riot police used tear gas against a crowd of demonstrators in the city of Nasiriyah.", "en")
    assert [e.sub_event_type for e in evs] == ["protest_with_intervention"]
    evs = run(
        "Protesters threw stones at police and set fire to a government building in the city of Nasiriyah.",
        "en",
    )
    assert [e.sub_event_type for e in evs] == ["violent_demonstration"]


def test_headline_repeats_the_body_and_lends_its_toll():
    text = (
        "سوريا: قتلى بقصف على سرمين\n"
        "قصفت قوات النظام اليوم بلدة سرمين بقذائف الهاون ما أدى إلى مقتل 4 مدنيين."
    )
    evs = run(text)
    assert [(e.sub_event_type, e.location.name, e.fatalities) for e in evs] == [
        ("shelling_artillery_missile_attack", "سرمين", 4)
    ]
    assert evs[0].evidence.start > text.index("\n")  # the body's evidence, not the headline's
    evs = run(
        "Four dead as shells hit Sarmin\nGovernment artillery pounded the town of Sarmin on Sunday.", "en"
    )
    assert [(e.location.name, e.fatalities, str(e.date)) for e in evs] == [("Sarmin", 4, "2024-03-10")]


def test_english_passive_victims_speech_sources_and_unclaimed_bombs():
    evs = run(
        "Two soldiers were killed in an airstrike on the town of Saraqib, the Syrian Observatory said.", "en"
    )
    assert [(e.sub_event_type, e.fatalities, e.location.name) for e in evs] == [
        ("air_drone_strike", 2, "Saraqib")
    ]
    evs = run("A car bomb exploded in a market in the town of Azaz. No group claimed responsibility.", "en")
    assert [(e.sub_event_type, e.actor1) for e in evs] == [("remote_explosive_landmine_ied", "OTHER_ARMED")]


def test_a_snippet_without_any_place_keeps_its_event_with_no_location():
    evs = extract_document(Document("s", "Protesters blocked roads and burned tyres demanding jobs.", "en"))
    assert [(e.sub_event_type, e.location) for e in evs] == [("violent_demonstration", None)]
    # a full report whose event has no place of its own yields nothing for it
    long_text = "The economy is in crisis. " * 40 + "Protesters blocked roads in the city of Basra."
    evs = extract_document(Document("l", long_text, "en", published=date(2024, 1, 1)))
    assert places(of_type(evs, "peaceful_protest")) == ["Basra"]


def test_a_region_in_a_list_is_an_event_place_but_a_direction_is_not():
    evs = run("سيطرت قوات النظام على حقل التيم ومعمل الغاز وبادية الميادين.")
    assert places(evs) == ["حقل التيم", "معمل الغاز", "بادية الميادين"]
    assert [e.location.geo_precision for e in evs][-1] >= 2
    # an unresolved site keeps its name as written (the scorer matches it by name)
    assert evs[1].location.lat is None
    evs = run("سيطرت قوات النظام على قرية حطلة شرق دير الزور.")
    assert places(evs) == ["حطلة"]


def test_a_definite_reference_to_the_event_told_before_is_not_a_new_event():
    text = (
        "Turkish jets struck the village of Tal Tamr on Friday. "
        "The raid also damaged a power line outside Hasakah."
    )
    evs = run(text, "en")
    assert [(e.sub_event_type, e.location.name, str(e.date)) for e in evs] == [
        ("air_drone_strike", "Tal Tamr", "2024-03-08")
    ]


def test_the_town_points_back_to_the_place_introduced_as_a_town():
    evs = run(
        "سيطرت قوات النظام على بلدة سلمى في جبل الأكراد، بعد معارك عنيفة ترافقت مع غارات "
        "من الطائرات الروسية على مناطق في البلدة."
    )
    assert [(e.sub_event_type, e.actor1, e.location.name) for e in evs] == [
        ("government_regains_territory", "SYR_GOV", "سلمى"),
        ("air_drone_strike", "RUS", "سلمى"),
    ]


def test_a_protest_and_the_killing_that_caused_it_are_two_events():
    evs = run(
        "وتظاهر العشرات من سكان بلدة الشحيل أمس ضد قسد بعد مقتل امرأة برصاص عناصر قسد عند حاجز في البلدة."
    )
    got = {(e.sub_event_type, e.actor1, e.location.name, e.fatalities) for e in evs}
    assert got == {("peaceful_protest", "PROTESTERS", "الشحيل", None), ("attack", "SDF", "الشحيل", 1)}


def test_its_forces_lead_a_coalition_subject():
    evs = run("وأكدت أنقرة مساء اليوم أن قواتها وحلفاءها في الجيش الوطني سيطروا على قرية مريمين.")
    assert [(e.sub_event_type, e.actor1) for e in evs] == [("government_regains_territory", "TUR")]


def test_a_region_that_is_the_only_place_of_its_conjunct_is_an_event_place():
    evs = run("واستهدفت المدفعية التركية نقاطا في ريف مدينة منبج، ومواقع في بلدة تل تمر اليوم.")
    assert sorted(places(evs)) == ["تل تمر", "منبج"]
    by_name = {e.location.name: e for e in evs}
    assert by_name["منبج"].location.geo_precision == 2


def test_event_words_are_not_places_and_an_earlier_event_takes_no_place_from_the_main_clause():
    evs = run("هاجمت قوات النظام اليوم بلدة اللطامنة، أكبر بلدة خاضعة لسيطرة الفصائل في ريف حماة.")
    assert places(evs) == ["اللطامنة"]
    evs = run("قصفت قوات النظام مدينة أريحا اليوم، عقب يوم من انفجار هز العاصمة.")
    got = [(e.sub_event_type, e.location.name) for e in evs]
    assert got == [("shelling_artillery_missile_attack", "أريحا")]


def test_an_air_and_ground_attack_is_an_air_strike_and_a_battle_but_air_and_ground_shelling_is_air():
    evs = run("وشنت القوات الروسية اليوم هجوما جويا وبريا واسعا على بلدة كباني.")
    assert sorted((e.sub_event_type, e.location.name) for e in evs) == [
        ("air_drone_strike", "كباني"),
        ("armed_clash", "كباني"),
    ]
    evs = run("وطالت قرية الأسدية اليوم ضربات تركية جوية وبرية.")
    assert [(e.sub_event_type, e.actor1) for e in evs] == [("air_drone_strike", "TUR")]


def test_a_toll_belongs_to_the_event_of_its_own_clause_and_objects_are_not_later_subjects():
    evs = run(
        "وقصفت مقاتلات إسرائيلية مطار المزة العسكري قرب دمشق فجر اليوم، كما ضربت بغارة ثكنة تابعة للجيش"
        " السوري في مدينة إزرع، بينما قتل ستة جنود بغارة إسرائيلية أخرى طالت مدينة نوى."
    )
    got = {e.location.name: (e.sub_event_type, e.actor1, e.fatalities) for e in evs}
    assert got == {
        "مطار المزة العسكري": ("air_drone_strike", "ISR", None),
        "إزرع": ("air_drone_strike", "ISR", None),
        "نوى": ("air_drone_strike", "ISR", 6),
    }


def test_strikes_that_extended_to_a_place_reach_it():
    evs = run("وقصفت الطائرات التركية قرية تل جمعة اليوم، وامتدت الضربات إلى بلدة عامودا.")
    assert sorted(places(evs)) == ["تل جمعة", "عامودا"]


def test_a_sentence_topic_place_frames_the_sentence_and_the_dead_are_the_shellings_toll():
    evs = run("وفي حماة، قتل مدني جراء قصف مدفعي لقوات النظام على بلدة كفرزيتا اليوم.")
    assert [(e.sub_event_type, e.location.name, e.fatalities) for e in evs] == [
        ("shelling_artillery_missile_attack", "كفرزيتا", 1)
    ]
    evs = run("وفي حمص، جرح رجل بسبب قصف لقوات النظام اليوم.")
    assert [(e.location.name, e.location.geo_precision) for e in evs] == [("حمص", 2)]


def test_english_raids_told_again_place_by_place_replace_the_regional_report():
    evs = run(
        "Syrian government air raids killed eight people in the province of Hama on Tuesday, rescuers"
        " said. The raids killed five people in the town of Kafr Zita, and three in the village of"
        " Latamna, rescue spokesman Ahmad Yousef said.",
        "en",
    )
    got = sorted((e.location.name, e.fatalities, e.actor1) for e in evs)
    assert got == [("Kafr Zita", 5, "SYR_GOV"), ("Latamna", 3, "SYR_GOV")]
    assert all(e.date == date(2024, 3, 5) for e in evs)


def test_a_new_clause_with_its_own_trigger_keeps_its_own_places_and_victims():
    evs = run(
        "ولقي ثلاثة مدنيين حتفهم بغارات للطيران الحربي على بلدة التمانعة، فيما أغار الطيران الحربي"
        " أيضا على قرية الهبيط صباح اليوم."
    )
    got = {e.location.name: (e.sub_event_type, e.actor1, e.fatalities) for e in evs}
    assert got == {
        "التمانعة": ("air_drone_strike", "SYR_GOV", 3),
        "الهبيط": ("air_drone_strike", "SYR_GOV", None),
    }


def test_a_backer_is_no_place_and_a_mine_left_by_a_group_is_its_device():
    evs = run("وسيطرت قوات النظام ومجموعات مسلحة مدعومة من إيران على بلدة القورية صباح اليوم.")
    assert [(e.sub_event_type, e.location.name) for e in evs] == [("government_regains_territory", "القورية")]
    evs = run("وقتل ثلاثة مزارعين اليوم بانفجار لغم من مخلفات داعش في حقل قرب بادية الصالحية.")
    assert [(e.sub_event_type, e.actor1, e.fatalities) for e in evs] == [
        ("remote_explosive_landmine_ied", "ISIS", 3)
    ]


def test_the_nearest_date_decides_background_and_an_apposition_names_no_new_place():
    evs = run(
        "وبدأت القوات الروسية السبت إنشاء قاعدة عسكرية قرب مدينة القامشلي، وهي ثالث قاعدة تقيمها"
        " منذ مطلع كانون الثاني الماضي."
    )
    assert [(e.sub_event_type, e.actor1, e.location.name) for e in evs] == [
        ("headquarters_or_base_established", "RUS", "القامشلي")
    ]
    assert evs[0].date == date(2024, 3, 9)


def test_turkish_backed_factions_are_the_sna_and_force_on_protesters_is_the_forces_act():
    evs = run(
        "وقالت فصائل الجيش الحر المنخرطة في الهجوم الذي تقوده أنقرة إن عناصرها سيطروا اليوم على"
        " قرية مريمين بعد معارك مع وحدات حماية الشعب."
    )
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in evs] == [
        ("non_state_actor_overtakes_territory", "SNA", "SDF")
    ]
    evs = run("وأطلقت قوات الأمن العراقية الرصاص الحي على المتظاهرين في ساحة التحرير ببغداد اليوم.")
    assert [(e.sub_event_type, e.actor1, e.actor2, e.location.name) for e in evs] == [
        ("excessive_force_against_protesters", "IRQ_GOV", "PROTESTERS", "ساحة التحرير")
    ]


def test_english_a_base_hit_by_rockets_was_attacked_by_someone_unknown():
    evs = run(
        "Police detained two suspects in Basra on Monday. Ain al-Asad air base, where coalition advisers"
        " are stationed, was struck late on Sunday by a rocket.",
        "en",
    )
    rockets = of_type(evs, "shelling_artillery_missile_attack")
    assert [(e.actor1, e.location.name) for e in rockets] == [("OTHER_ARMED", "Ain al-Asad air base")]


def test_the_blast_told_again_with_its_town_places_the_event_there():
    evs = run(
        "ذكرت مصادر محلية اليوم أن انفجار دراجة نارية مفخخة أودى بحياة أربعة أشخاص في سوق شعبي بريف"
        " درعا. وأوضحت المصادر أن الانفجار وقع في مدينة طفس."
    )
    assert [(e.sub_event_type, e.location.name, e.fatalities) for e in evs] == [
        ("remote_explosive_landmine_ied", "طفس", 4)
    ]


def test_a_reporters_city_is_not_the_event_place():
    evs = run("وقال مراسلنا في مدينة حمص إن قصفا مدفعيا استهدف بلدة تلبيسة اليوم.")
    assert places(evs) == ["تلبيسة"]


def test_english_news_outlets_and_their_correspondents_are_not_places():
    evs = run(
        "Armed men opened fire to break up a protest in the town of Saraqib on Friday, residents told"
        " Radio Fresh. Radio Fresh reporters in Idlib said the rally went on.",
        "en",
    )
    assert places(evs) == ["Saraqib"]


def test_weapons_listed_as_things_destroyed_are_not_an_attack():
    evs = run("وفجّر مسلحو الفصيل قبل انسحابهم من قرية الحويجة اليوم عددا من الآليات إضافة إلى قذائف هاون.")
    assert of_type(evs, "shelling_artillery_missile_attack") == []


def test_english_a_bare_month_long_gone_is_history():
    evs = run(
        "Iran and Turkey in November signed an agreement on border crossings in the province of Hasakah.",
        "en",
    )
    assert evs == []
    evs = run(
        "Iran and Turkey on Friday signed an agreement on border crossings in the town of Qamishli.", "en"
    )
    assert [(e.sub_event_type, e.location.name) for e in evs] == [("agreement", "Qamishli")]


def test_an_attack_named_as_the_reason_for_arrests_is_not_told_as_news():
    evs = run("اعتقلت الشرطة العراقية اليوم خمسة أشخاص في مدينة الكوت على خلفية هجوم استهدف مقرا حزبيا.")
    assert [(e.sub_event_type, e.actor1, e.location.name) for e in evs] == [("arrests", "IRQ_GOV", "الكوت")]


def test_clashes_between_two_sides_name_both():
    evs = run("وتجددت اليوم المواجهات بين قوات الحكومة وفصائل المعارضة في بلدة القريا.")
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in evs] == [("armed_clash", "SYR_GOV", "SYR_OPP")]
    evs = run(
        "Heavy fighting between the SDF and Islamic State militants was reported on Monday in the town"
        " of Hajin.",
        "en",
    )
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in evs] == [("armed_clash", "SDF", "ISIS")]


def test_a_curfew_is_an_other_development_only_when_nothing_else_is_told():
    evs = run("فرضت قوات الأمن العراقية حظر التجوال في مدينة كركوك اليوم.")
    assert [(e.sub_event_type, e.location.name if e.location else None) for e in evs] == [("other", "كركوك")]
    evs = run("سيطرت فصائل المعارضة على مدينة سراقب بعد معارك مع قوات النظام، وأعلنت حظر التجوال فيها.")
    assert "other" not in {e.sub_event_type for e in evs}
    assert run("رفعت السلطات حظر التجوال عن مدينة كركوك اليوم.") == []


def test_generic_forces_take_the_country_of_the_places_when_no_cue_says():
    evs = run("Security forces raided a house in Zakho and arrested two suspects.", "en")
    assert [(e.sub_event_type, e.actor1) for e in evs] == [("arrests", "IRQ_GOV")]
    evs = run("Security forces raided a house in Saraqib and arrested two suspects.", "en")
    assert [(e.sub_event_type, e.actor1) for e in evs] == [("arrests", "SYR_GOV")]
