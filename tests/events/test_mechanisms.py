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
    # the withdrawal is the step before the capture: one event, the capture
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in evs] == [
        ("non_state_actor_overtakes_territory", "SYR_OPP", "SYR_GOV")
    ]


def test_protest_sub_type_from_the_whole_sentence():
    evs = run("اقتحم المحتجون مبنى المحافظة في مدينة السويداء وأحرقوا سيارة للشرطة.")
    assert [(e.sub_event_type, e.actor1) for e in evs] == [("violent_demonstration", "PROTESTERS")]
    evs = run("Police fired tear gas to disperse hundreds of protesters in the city of Nasiriyah.", "en")
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
        "Syria: 4 killed in shelling on Sarmin\nRegime forces shelled the town of Sarmin on Sunday.", "en"
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
    evs = run("سيطرت قوات النظام على حقل التيم والمحطة الحرارية وبادية الميادين.")
    assert places(evs) == ["حقل التيم", "المحطة الحرارية", "بادية الميادين"]
    assert [e.location.geo_precision for e in evs][-1] >= 2
    # an unresolved site keeps its name as written (the scorer matches it by name)
    assert evs[1].location.lat is None
    evs = run("سيطرت قوات النظام على قرية حطلة شرق دير الزور.")
    assert places(evs) == ["حطلة"]


def test_a_definite_reference_to_the_event_told_before_is_not_a_new_event():
    text = (
        "Turkish warplanes bombed the village of Tal Tamr on Friday. "
        "The airstrike also caused damage to the road near Hasakah."
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
        "وخرج العشرات من أهالي بلدة ذيبان بريف دير الزور أمس بمظاهرة ضد قسد "
        "بعد مقتل امرأة برصاص عناصر قسد خلال مداهمة البلدة."
    )
    got = {(e.sub_event_type, e.actor1, e.location.name, e.fatalities) for e in evs}
    assert got == {("peaceful_protest", "PROTESTERS", "ذيبان", None), ("attack", "SDF", "ذيبان", 1)}


def test_its_forces_lead_a_coalition_subject():
    evs = run("وأعلن الجيش التركي أن قواته وقوات الجيش الوطني سيطرتا على قرية قسطل جندو اليوم.")
    assert [e.actor1 for e in evs] == ["TUR"]
    assert evs[0].sub_event_type == "government_regains_territory"


def test_a_region_that_is_the_only_place_of_its_conjunct_is_an_event_place():
    evs = run("وقصفت القوات التركية بالمدفعية مواقع في ريف مدينة منبج، ومواقع أخرى في بلدة تل تمر اليوم.")
    assert sorted(places(evs)) == ["تل تمر", "منبج"]
    by_name = {e.location.name: e for e in evs}
    assert by_name["منبج"].location.geo_precision == 2


def test_event_words_are_not_places_and_an_earlier_event_takes_no_place_from_the_main_clause():
    evs = run("شنت قوات النظام هجمات على دوما آخر مدينة خاضعة لسيطرة المعارضة اليوم.")
    assert places(evs) == ["دوما"]
    evs = run("قصفت قوات النظام مدينة أريحا اليوم، وذلك بعد ساعات من هجوم استهدف العاصمة.")
    got = [(e.sub_event_type, e.location.name) for e in evs]
    assert got == [("shelling_artillery_missile_attack", "أريحا")]


def test_an_air_and_ground_attack_is_an_air_strike_and_a_battle_but_air_and_ground_shelling_is_air():
    evs = run(
        "وبدأت قوات النظام شن هجمات جوية وبرية عنيفة على مدينة دوما"
        " آخر مدينة خاضعة لسيطرة المعارضة في الغوطة اليوم."
    )
    assert sorted((e.sub_event_type, e.location.name) for e in evs) == [
        ("air_drone_strike", "دوما"),
        ("armed_clash", "دوما"),
    ]
    evs = run("وتعرضت بلدة الدرباسية لقصف جوي وبري تركي اليوم.")
    assert [(e.sub_event_type, e.actor1) for e in evs] == [("air_drone_strike", "TUR")]


def test_a_toll_belongs_to_the_event_of_its_own_clause_and_objects_are_not_later_subjects():
    evs = run(
        "واستهدف الطيران الإسرائيلي مبنى وزارة الدفاع في دمشق، كما استهدف بغارتين مواقع الجيش السوري"
        " في مدينة درعا، بينما قتل 4 عناصر بغارة إسرائيلية على بلدة نوى اليوم."
    )
    got = {e.location.name: (e.sub_event_type, e.actor1, e.fatalities) for e in evs}
    assert got == {
        "دمشق": ("air_drone_strike", "ISR", None),
        "درعا": ("air_drone_strike", "ISR", None),
        "نوى": ("air_drone_strike", "ISR", 4),
    }


def test_strikes_that_extended_to_a_place_reach_it():
    evs = run("وقصفت الطائرات التركية قرية تل جمعة اليوم، وامتدت الضربات إلى بلدة عامودا.")
    assert sorted(places(evs)) == ["تل جمعة", "عامودا"]


def test_a_sentence_topic_place_frames_the_sentence_and_the_dead_are_the_shellings_toll():
    evs = run("وفي حماة، قتل مدني جراء قصف مدفعي لقوات النظام على بلدة كفرزيتا اليوم.")
    assert [(e.sub_event_type, e.location.name, e.fatalities) for e in evs] == [
        ("shelling_artillery_missile_attack", "كفرزيتا", 1)
    ]
    evs = run("وفي إدلب، استشهد طفل جراء قصف لقوات النظام اليوم.")
    assert [(e.location.name, e.location.geo_precision) for e in evs] == [("إدلب", 2)]


def test_english_raids_told_again_place_by_place_replace_the_regional_report():
    evs = run(
        "Russian air strikes killed 10 civilians in the region of Idlib on Friday, a monitor said."
        " The raids killed three civilians in the town of Saraqib, and seven in the town of"
        " Maarat al-Numan, monitor chief Rami Abdel Rahman said.",
        "en",
    )
    got = sorted((e.location.name, e.fatalities, e.actor1) for e in evs)
    assert got == [("Maarat al-Numan", 7, "RUS"), ("Saraqib", 3, "RUS")]
    assert all(e.date == date(2024, 3, 8) for e in evs)


def test_a_new_clause_with_its_own_trigger_keeps_its_own_places_and_victims():
    evs = run(
        "في السياق، استشهد مدنيان جراء قصف الطيران الحربي قرية أم الكراميل، كما استهدف الطيران"
        " الحربي بلدة كفرداعل اليوم."
    )
    got = {e.location.name: (e.sub_event_type, e.actor2, e.fatalities) for e in evs}
    assert got == {
        "أم الكراميل": ("air_drone_strike", "CIVILIANS", 2),
        "كفرداعل": ("air_drone_strike", None, None),
    }


def test_a_backer_is_no_place_and_a_mine_left_by_a_group_is_its_device():
    evs = run("وسيطرت قوات النظام والميليشيات المدعومة من إيران على بلدة الميادين اليوم.")
    assert [(e.sub_event_type, e.location.name) for e in evs] == [
        ("government_regains_territory", "الميادين")
    ]
    evs = run("واستشهد طفلان بانفجار لغم أرضي من مخلفات تنظيم داعش قرب بلدة الشحيل اليوم.")
    assert [(e.sub_event_type, e.actor1, e.actor2, e.fatalities) for e in evs] == [
        ("remote_explosive_landmine_ied", "ISIS", "CIVILIANS", 2)
    ]


def test_the_nearest_date_decides_background_and_an_apposition_names_no_new_place():
    evs = run(
        "وباشرت القوات التركية الأحد إنشاء قاعدة عسكرية جديدة في محيط بلدة عين عيسى، وهي ثاني قاعدة"
        " تنشئها منذ أواخر كانون الثاني الماضي."
    )
    assert [(e.sub_event_type, e.location.name, e.location.geo_precision) for e in evs] == [
        ("headquarters_or_base_established", "عين عيسى", 2)
    ]
    assert evs[0].date == date(2024, 3, 10)


def test_turkish_backed_factions_are_the_sna_and_force_on_protesters_is_the_forces_act():
    evs = run(
        "وأعلنت قوات الجيش الحر المشاركة في العملية التي يقودها الجيش التركي أن مقاتليها سيطروا على"
        " قرية كفرجنة بعد طرد وحدات حماية الشعب منها اليوم."
    )
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in evs] == [
        ("non_state_actor_overtakes_territory", "SNA", "SDF")
    ]
    evs = run("وأطلقت قوات الأمن العراقية الرصاص الحي على المتظاهرين في ساحة التحرير ببغداد اليوم.")
    assert [(e.sub_event_type, e.actor1, e.actor2, e.location.name) for e in evs] == [
        ("excessive_force_against_protesters", "IRQ_GOV", "PROTESTERS", "ساحة التحرير")
    ]


def test_english_a_base_targeted_by_rockets_was_attacked_by_someone_unknown():
    evs = run(
        "Iraqi security forces seized four launchers in Baghdad on Friday. Balad Air Base, which hosts"
        " U.S. forces, was targeted on Wednesday evening by three rockets.",
        "en",
    )
    rockets = of_type(evs, "shelling_artillery_missile_attack")
    assert [(e.actor1, e.location.name) for e in rockets] == [("OTHER_ARMED", "Balad Air Base")]


def test_the_blast_told_again_with_its_town_places_the_event_there():
    evs = run(
        "قالت وسائل إعلام رسمية اليوم إن تفجير سيارة ملغومة أسفر عن مقتل تسعة أشخاص في قرية بمنطقة"
        " القنيطرة. وأضافت أن التفجير وقع في بلدة حضر."
    )
    assert [(e.sub_event_type, e.location.name, e.fatalities) for e in evs] == [
        ("remote_explosive_landmine_ied", "حضر", 9)
    ]


def test_a_reporters_city_is_not_the_event_place():
    evs = run("وذكر مراسل وكالة سانا في مدينة حماة أن قصفا مدفعيا استهدف بلدة كفرزيتا اليوم.")
    assert places(evs) == ["كفرزيتا"]


def test_english_news_outlets_and_their_correspondents_are_not_places():
    evs = run(
        "Gunmen attacked protesters in the town of Saraqib on Friday and fired shots into the air,"
        " according to local sources for Enab Baladi. Enab Baladi's correspondents in Idlib said the"
        " protests continued.",
        "en",
    )
    assert "Saraqib" in places(evs)
    assert not {"Enab", "Baladi", "Enab Baladi"} & set(places(evs))


def test_weapons_listed_as_things_destroyed_are_not_an_attack():
    evs = run("وقام عناصر التنظيم بتفجير 3 دبابات في بلدة العشارة اليوم، إضافة إلى مدافع وراجمات وصواريخ.")
    assert [(e.sub_event_type, e.location.name) for e in evs] == [("looting_property_destruction", "العشارة")]


def test_english_a_bare_month_long_gone_is_history():
    evs = run(
        "Russia and Turkey in September signed a deal on a buffer zone in the region of Idlib.",
        "en",
    )
    assert evs == []
    evs = run("Russia and Turkey on Friday signed a deal on a buffer zone in the town of Saraqib.", "en")
    assert [e.sub_event_type for e in evs] == ["agreement"]
