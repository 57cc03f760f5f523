"""The geoparser on sentences written for these tests, against a small fake gazetteer."""

from __future__ import annotations

from typing import Any

import pytest

from rasad.model import PlaceMention
from rasad.places.geoparser import find_places, to_location

FakeGazetteer = Any  # tests/places/conftest.py


@pytest.fixture(scope="module")
def gaz(fake_gazetteer: Any) -> Any:
    return fake_gazetteer


def _find(text: str, gaz: FakeGazetteer, lang: str = "ar") -> list[PlaceMention]:
    return find_places(text, lang, gaz)


def _by_name(ms: list[PlaceMention], name: str) -> PlaceMention:
    for m in ms:
        if m.name == name or (m.place and name in (m.place.name_ar, m.place.name_en)):
            return m
    raise AssertionError(f"{name!r} not among {[m.name for m in ms]}")


def _ids(ms: list[PlaceMention]) -> set[str]:
    return {m.place.id for m in ms if m.place}


# ------------------------------------------------------------------ variants and clitics

@pytest.mark.parametrize(
    ("text", "place_id"),
    [
        ("دخلت الوحدات إلى غريبة قادمة من العشارة", "t:ghariba"),
        ("دخلت الوحدات إلى غريبه قادمة من العشارة", "t:ghariba"),
        ("اشتباكات عنيفة في القوريه منذ الصباح", "t:quriya"),
        ("اشتباكات عنيفة في القورية منذ الصباح", "t:quriya"),
        ("وصلت التعزيزات إلى عشارة ليلا", "t:ashara"),
        ("وصلت التعزيزات إلى العشارة ليلا", "t:ashara"),
        ("وصلت التعزيزات إلى العشاره ليلا", "t:ashara"),
    ],
)
def test_spelling_variants(gaz: FakeGazetteer, text: str, place_id: str) -> None:
    assert place_id in _ids(_find(text, gaz))


@pytest.mark.parametrize(
    ("text", "surface", "name", "place_id"),
    [
        ("وتقدمت الدوريات وبالعشارة تمركزت", "العشارة", "العشارة", "t:ashara"),
        ("أرسلت الفصائل مقاتلين لمحكان أمس", "محكان", "محكان", "t:mahkan"),
        ("وصلوا إلى الضفة فالقورية صارت قريبة", "القورية", "القورية", "t:quriya"),
        ("قصفت المدفعية الميادين والعشارة", "العشارة", "العشارة", "t:ashara"),
        ("وصلت قافلة للعشارة قادمة من الشمال", "لعشارة", "العشارة", "t:ashara"),
    ],
)
def test_proclitics_and_article(gaz: FakeGazetteer, text: str, surface: str, name: str,
                                place_id: str) -> None:
    m = next(m for m in _find(text, gaz) if m.place and m.place.id == place_id)
    assert text[m.start:m.end] == surface
    assert m.name == name


def test_offsets_point_into_the_original_text(gaz: FakeGazetteer) -> None:
    text = "سيطرت القوات على العَشـارة وبلدة مَحكان"
    ms = _find(text, gaz)
    assert [text[m.start:m.end] for m in ms] == ["العَشـارة", "بلدة مَحكان"]


def test_multi_word_names_and_longest_match(gaz: FakeGazetteer) -> None:
    ms = _find("انسحب التنظيم من رأس العين ودير الزور والبوكمال وتل أبيض", gaz)
    assert {"t:ras_ain", "t:tal_abyad", "t:bukamal"} <= _ids(ms)
    dez = _by_name(ms, "دير الزور")
    assert dez.place is not None and dez.place.id == "t:dez"  # the town, not the governorate
    assert all(m.name != "أبيض" for m in ms)


# ------------------------------------------------------------------------------ frames

def test_countryside_frame_with_side(gaz: FakeGazetteer) -> None:
    text = "شنت الطائرات غارات على ريف الميادين الشرقي"
    (m,) = _find(text, gaz)
    assert text[m.start:m.end] == "ريف الميادين الشرقي"
    assert m.frame == "countryside_east"
    assert m.place is not None and m.place.kind == "district"
    assert m.geo_precision == 3


def test_direction_frame(gaz: FakeGazetteer) -> None:
    (m,) = _find("اندلعت اشتباكات شرق دير الزور مساء الخميس", gaz)
    assert m.frame == "east" and m.geo_precision == 2
    assert m.place is not None and m.place.lat == pytest.approx(35.332)
    assert not m.frame_only


def test_frame_of_the_place_before_only_locates_it(gaz: FakeGazetteer) -> None:
    text = "قصفت الطائرات قرية الزهيرات شرق مدينة منبج"
    village, frame = _find(text, gaz)
    assert village.name == "الزهيرات" and village.place is None and village.noun == "قرية"
    assert village.anchor is not None and village.anchor.id == "t:manbij"
    assert frame.frame_only and frame.frame == "east"
    loc = to_location(village, text)
    assert (loc.lat, loc.geo_precision) == (pytest.approx(36.526), 2)


def test_distance_before_a_frame_still_links(gaz: FakeGazetteer) -> None:
    text = "هاجم التنظيم قرية الزنبقيات الواقعة على بعد 20 كم شمال مدينة الرقة"
    village, frame = _find(text, gaz)
    assert village.anchor is not None and village.anchor.id == "t:raqqa" and frame.frame_only
    ms = _find("The attack hit Hajin, 30 km southeast of Deir ez-Zor.", gaz, "en")
    assert [m.frame_only for m in ms] == [False, True] and ms[1].frame == "southeast"


def test_region_frame_and_governorate_noun(gaz: FakeGazetteer) -> None:
    (m,) = _find("Coalition jets struck targets in eastern Deir ez-Zor.", gaz, "en")
    assert m.frame == "region_east" and m.geo_precision == 3
    (m,) = _find("تشهد محافظة درعا توترا أمنيا", gaz)
    assert m.place is not None and m.place.kind == "governorate" and m.frame == "governorate"


def test_english_frames(gaz: FakeGazetteer) -> None:
    text = "Fighting raged in the countryside of Mayadin and north of Deir ez-Zor."
    ms = _find(text, gaz, "en")
    frames = {m.frame for m in ms}
    assert {"countryside", "north"} <= frames
    assert {m.place.admin1 for m in ms if m.place} == {"Deir-ez-Zor"}


# --------------------------------------------------------------------------- ambiguity

@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("قصفت قوات النظام بلدة الطيبة في ريف درعا الشرقي", "Dar'a"),
        ("قتل ثلاثة مدنيين في الطيبة قرب حمص", "Homs"),
        ("دارت معارك في الطيبة والقورية والعشارة", "Deir-ez-Zor"),
    ],
)
def test_homonyms_resolved_by_the_document(gaz: FakeGazetteer, text: str, admin1: str) -> None:
    m = _by_name(_find(text, gaz), "الطيبة")
    assert m.place is not None and m.place.admin1 == admin1


def test_country_cue_chooses_iraq(gaz: FakeGazetteer) -> None:
    text = "أعلنت الحكومة العراقية أن القوات دخلت بلدة الطيبة قرب الموصل"
    m = _by_name(_find(text, gaz), "الطيبة")
    assert m.place is not None and m.place.country == "IQ"


# ------------------------------------------------------------------------ false friends

@pytest.mark.parametrize(
    "text",
    [
        "قال المتحدث إن النية الطيبة وحدها لا تكفي",
        "ألقى بشار الأسد خطابا أمام البرلمان",
        "وصل الوفد أمس وسيغادر اليوم",
        "يعقد المجلس اجتماعه يوم الخميس المقبل",
        "أعلنت وزارة الدفاع عن خطة جديدة",
    ],
)
def test_ordinary_words_and_person_names_are_not_places(gaz: FakeGazetteer, text: str) -> None:
    assert _find(text, gaz) == []


def test_false_friend_is_a_place_after_a_place_noun(gaz: FakeGazetteer) -> None:
    m = _by_name(_find("اقتحمت القوات قرية الخميس في ريف حماة", gaz), "الخميس")
    assert m.place is not None and m.place.id == "t:khamis"


# -------------------------------------------------------------- places no list has

def test_unlisted_name_after_settlement_noun(gaz: FakeGazetteer) -> None:
    text = "سيطرت الفصائل على بلدة الزهيرات الاستراتيجية"
    (m,) = _find(text, gaz)
    assert (m.name, m.place, m.noun, m.rule) == ("الزهيرات", None, "بلدة", "noun.settlement")
    assert to_location(m, text).lat is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("استعادت القوات حقل الصفيح النفطي بعد معارك", "حقل الصفيح النفطي"),
        ("هاجم مسلحون حاجز الدوار الأبيض ليلا", "حاجز الدوار"),
        ("سيطر المقاتلون على الفوج 46 غرب المدينة", "الفوج 46"),
        ("انسحب التنظيم من المحطة الحرارية شرقي البلدة", "المحطة الحرارية"),
    ],
)
def test_site_names_keep_their_noun(gaz: FakeGazetteer, text: str, name: str) -> None:
    assert name in [m.name for m in _find(text, gaz)]


def test_site_of_a_known_town_takes_its_coordinates(gaz: FakeGazetteer) -> None:
    text = "استهدفت الطائرات مطار الطبقة العسكري"
    (m,) = _find(text, gaz)
    assert m.name == "مطار الطبقة العسكري" and m.place is None
    assert m.anchor is not None and m.anchor.id == "t:tabqa" and m.geo_precision == 2


def test_unlisted_names_in_lists_with_known_places(gaz: FakeGazetteer) -> None:
    ms = _find("سيطرت الفصائل على قرى عين العروس، البديع، خربة الزيتون، الحمام الصغير", gaz)
    names = [m.name for m in ms]
    assert names == ["عين العروس", "البديع", "خربة الزيتون", "الحمام الصغير"]
    assert [m.place is None for m in ms] == [False, False, True, True]
    ms = _find("تابعت القوات تقدمها عبر محاور الزهيرات ومحكان والقورية، لتسيطر عليها", gaz)
    assert [m.name for m in ms] == ["الزهيرات", "محكان", "القورية"]


def test_list_opened_by_a_place_noun_takes_definite_names(gaz: FakeGazetteer) -> None:
    ms = _find("يشمل الاتفاق مناطق العشارة وطريق النهر والمخيم والسوق القديم.", gaz)
    assert [m.name for m in ms] == ["العشارة", "طريق النهر", "المخيم", "السوق القديم"]
    ms = _find("سيطرت القوات على ناحيتي محكان والملتقى", gaz)
    assert [m.name for m in ms] == ["محكان", "الملتقى"]


def test_quoted_name_after_a_preposition(gaz: FakeGazetteer) -> None:
    ms = _find("أحكمت الفصائل سيطرتها على “رحبة الطيبة” ومستودعاتها", gaz)
    assert [(m.name, m.place, m.rule) for m in ms] == [("رحبة الطيبة", None, "quoted")]
    assert _find('قال إن "الطيبة" تكفي', gaz) == []


def test_crossing_name_stops_before_border_adjective(gaz: FakeGazetteer) -> None:
    (m,) = _find("دخلت الآليات عبر معبر كفرلوسين الحدودي صباحا", gaz)
    assert m.name == "معبر كفرلوسين"


def test_list_stops_at_a_verb(gaz: FakeGazetteer) -> None:
    ms = _find("دخلت القوات محكان والقورية، لتبدأ بعدها عمليات التمشيط", gaz)
    assert [m.name for m in ms] == ["محكان", "القورية"]


# -------------------------------------------------------------------- English names

@pytest.mark.parametrize("spelling", ["Ashara", "al-Asharah", "Al `Asharah", "Ashareh", "al-Ashara"])
def test_english_transliterations(gaz: FakeGazetteer, spelling: str) -> None:
    text = f"Government forces entered {spelling} on Tuesday."
    (m,) = _find(text, gaz, "en")
    assert m.place is not None and m.place.id == "t:ashara"
    assert m.name == spelling


def test_english_unlisted_village_and_site(gaz: FakeGazetteer) -> None:
    ms = _find("Shelling hit the village of Umm Tuwaynah and Tabqa Air Base.", gaz, "en")
    names = [m.name for m in ms]
    assert "Umm Tuwaynah" in names and "Tabqa Air Base" in names


def test_english_spelling_far_from_the_list_found_by_skeleton_near_other_places(gaz: FakeGazetteer) -> None:
    ms = _find("Shelling hit the towns of Binnish and Saraqeb on Friday.", gaz, "en")
    m = _by_name(ms, "Binnish")
    assert m.place is not None and m.place.id == "t:binnish" and "translit.skeleton" in m.rule
    (m,) = _find("Shelling hit the town of Binnish on Friday.", gaz, "en")
    assert m.place is None  # nothing near to confirm it


def test_lowercase_english_words_are_not_places(gaz: FakeGazetteer) -> None:
    assert _find("the mahkan of the quriyah", gaz, "en") == []


def test_empty_and_odd_text(gaz: FakeGazetteer) -> None:
    assert _find("", gaz) == []
    assert _find("،،، ... !!!", gaz) == []
    long = "قصف " * 5000 + "العشارة"
    assert _ids(_find(long, gaz)) == {"t:ashara"}
