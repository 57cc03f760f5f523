"""Actor mentions: aliases, clitics, quotes, pejoratives, support phrases, genitives, nationality."""

from __future__ import annotations

import pytest

from rasad.actors import find_actors, find_all_actors, is_supporter


def codes(text: str, lang: str = "ar") -> list[str]:
    return [m.code for m in find_actors(text, lang)]


def surfaces(text: str, lang: str = "ar") -> list[tuple[str, str]]:
    return [(m.surface, m.code) for m in find_actors(text, lang)]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("تقدمت قوات الأسد نحو البلدة من جهة الغرب", "SYR_GOV"),
        ("أعلن الجيش العربي السوري استعادة التلة", "SYR_GOV"),
        ("شنّ الطيران الروسي غارات على المنطقة", "RUS"),
        ("هاجم عناصر من حزب الله مواقع في الجرود", "HEZBOLLAH"),
        ("قال جهاز مكافحة الإرهاب إنه طهّر الحي", "IRQ_GOV"),
        ("انسحبت قوات البيشمركة من التلال", "KRG"),
        ("قصفت المدفعية التركية قرى المنطقة", "TUR"),
        ("نفذ طيران التحالف ضربة جوية على مخزن", "USA_COAL"),
        ("استهدف الطيران الإسرائيلي مستودعات", "ISR"),
        ("تبنى تنظيم الدولة الإسلامية الهجوم", "ISIS"),
        ("قتلت عصابات داعش الإرهابية راعياً", "ISIS"),
        ("ألقت القوات القبض على اثنين من الخوارج", "ISIS"),
        ("سيطرت قوات سوريا الديمقراطية على الحي", "SDF"),
        ("اعتقلت هيئة تحرير الشام ناشطاً", "HTS"),
        ("صدت فصائل المعارضة هجوماً على المحور", "SYR_OPP"),
        ("أعلن الجيش الوطني السوري بدء معركة", "SNA"),
        ("اتهمت أنقرة حزب العمال الكردستاني بالهجوم", "PKK"),
        ("أطلق مسلحون مجهولون النار على سيارة", "OTHER_ARMED"),
        ("خرج المتظاهرون في ساحة البلدة", "PROTESTERS"),
        ("نزح مئات المدنيين من القرية", "CIVILIANS"),
    ],
)
def test_canonical_names(text: str, code: str) -> None:
    assert code in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "واشتبكت الفصائل مع داعش",
        "وقعت خسائر في صفوف لداعش",  # ل + name
        "وأكد مصدر أن ولداعش خلايا في البادية",  # و + ل + name
        'ووجهت الاتهامات لـ"داعش" بعد التفجير',  # ل + tatweel + quotes
        "وأعلن تنظيم «داعش» مسؤوليته",  # guillemets
        "وتصدى الأهالي لمقاتلي داعش",  # ل + genitive head
        "تبنى تنظيم “داعش” التفجير",  # typographic quotes
        "وقال بيان لـ داعـــش إن",  # tatweel inside the name
    ],
)
def test_clitics_quotes_tatweel(text: str) -> None:
    assert "ISIS" in codes(text)


def test_clitic_on_multiword_alias_keeps_offsets() -> None:
    text = "ودارت معارك بين الأهالي وقوات النظام قرب الجسر"
    ms = [m for m in find_actors(text, "ar") if m.code == "SYR_GOV"]
    assert len(ms) == 1
    assert text[ms[0].start : ms[0].end] == "قوات النظام"


@pytest.mark.parametrize("word", ["وقوات النظام", "لقوات النظام", "بقوات النظام", "فقوات النظام", "للنظام"])
def test_arabic_clitic_forms(word: str) -> None:
    assert codes(f"وجاء الهجوم {word} بعد منتصف الليل") == ["SYR_GOV"]


def test_quotes_inside_a_name() -> None:
    text = 'أعلنت هيئة "تحرير الشام" السيطرة على التلة'
    assert "HTS" in codes(text)


def test_no_match_inside_words() -> None:
    # "قسد" is not inside "مقسدة"-like words; "النظام" not inside "بالنظامية"
    assert codes("وصلت القوافل إلى المقسدين والنظاميين في المدينة") == []


def test_pejoratives_and_outlet_names() -> None:
    text = "قصفت ميليشيات الأسد بلدة، فيما قتل الدواعش راعياً، وهاجمت ميليشيا قسد قرية"
    assert codes(text) == ["SYR_GOV", "ISIS", "SDF"]


def test_longest_match_wins() -> None:
    text = "قصف الطيران الحربي الروسي ريف إدلب"
    ms = find_actors(text, "ar")
    assert [(m.code, m.surface) for m in ms] == [("RUS", "الطيران الحربي الروسي")]


def test_support_modifier_is_not_a_second_actor() -> None:
    text = "تقدمت قسد المدعومة أمريكياً في الريف، وهاجمت قسد المدعومة من التحالف الدولي قرية أخرى"
    assert set(codes(text)) == {"SDF"}


def test_backed_factions_are_sna() -> None:
    assert codes("سيطرت الفصائل المدعومة من تركيا على قرية جديدة") == ["SNA"]
    assert codes("اشتبكت الفصائل الموالية لأنقرة مع قسد") == ["SNA", "SDF"]
    assert codes("hit by Turkish-backed factions on Sunday", "en") == ["SNA"]


def test_assisting_actor_is_marked() -> None:
    text = "سيطر مجلس دير الزور العسكري على البلدة بدعم من طيران التحالف الدولي"
    ms = find_actors(text, "ar")
    assert [m.code for m in ms] == ["SDF", "USA_COAL"]
    assert not is_supporter(ms[0])
    assert is_supporter(ms[1])


def test_genitive_heads_extend_the_span() -> None:
    text = "قصفت مدفعية النظام المزارع وأغارت طائرات التحالف على المستودع"
    assert surfaces(text) == [("مدفعية النظام", "SYR_GOV"), ("طائرات التحالف", "USA_COAL")]
    text2 = "استهدف طيران النظام الحربي سوق البلدة"
    assert surfaces(text2) == [("طيران النظام الحربي", "SYR_GOV")]


def test_genitive_with_anaphor() -> None:
    text = "انسحب داعش من القرية بعد أن فجر عناصر التنظيم الجسر"
    ms = find_all_actors(text, "ar")
    assert [(m.surface, m.code, m.anaphor) for m in ms] == [
        ("داعش", "ISIS", False),
        ("عناصر التنظيم", "ISIS", True),
    ]


def test_nationality_adjectives() -> None:
    assert codes("تعرضت القرية لقصف مدفعي تركي عنيف") == ["TUR"]
    assert codes("حلقت طائرات الاستطلاع الروسية فوق السهل") == ["RUS"]
    assert codes("اقتحمت مدرعات أمريكية الحقل") == ["USA_COAL"]
    # a border or territory is not an actor
    assert codes("سقطت قذيفة على الحدود التركية") == []


def test_nationality_in_accusative() -> None:
    assert codes("ونفذت المقاتلات قصفاً جوياً تركياً على الجبل") == ["TUR"]


def test_nationality_needs_adjectives_between() -> None:
    # a verb phrase between noun and adjective breaks the construction
    assert codes("وقال إن الاعتداء يأتي في إطار سياسة إيرانية") == []
    assert codes("Syrian regime artillery hit two farms", "en") == ["SYR_GOV"]


def test_tanwin_adverb_is_not_the_state() -> None:
    assert "RUS" not in codes("هاجمت المجموعات المدعومة روسياً البلدة")
    assert codes("وجاء الهجوم المدعوم تركياً بعد أيام") == []
    assert codes("قصفت تركيا مواقع في الجبل") == ["TUR"]


def test_coordinated_adjective() -> None:
    assert codes("قصفت المدفعية الروسية والأسدية التلة مساء أمس") == ["RUS", "SYR_GOV"]


def test_country_dependent_names() -> None:
    iraq = "أعلنت القوات الأمنية تحرير قرية جنوب الموصل في محافظة نينوى"
    syria = "أعلنت القوات الأمنية السيطرة على قرية في ريف حماة الشمالي"
    assert codes(iraq) == ["IRQ_GOV"]
    assert codes(syria) == ["SYR_GOV"]
    heli = "ألقى الطيران المروحي براميل متفجرة على بلدة في ريف درعا"
    assert codes(heli) == ["SYR_GOV"]


def test_blockers_keep_institutions_out() -> None:
    assert codes("دعا مجلس الأمن الدولي إلى وقف القتال") == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Regime troops shelled the hamlet overnight", "SYR_GOV"),
        ("The Syrian Arab Army (SAA) entered the village", "SYR_GOV"),
        ("Russian warplanes struck a market", "RUS"),
        ("Iran-backed militias moved into the area", "IRN_BACKED"),
        ("a Popular Mobilization Forces spokesman said", "PMF"),
        ("The US-led coalition carried out strikes", "USA_COAL"),
        ("Daesh claimed the attack", "ISIS"),
        ("IS fighters attacked a checkpoint", "ISIS"),
        ("The SDF captured the village", "SDF"),
        ("Hayat Tahrir al-Sham arrested a journalist", "HTS"),
        ("Unidentified gunmen killed a man", "OTHER_ARMED"),
        ("Demonstrators gathered in the square", "PROTESTERS"),
        ("Turkish drone strikes hit a car", "TUR"),
    ],
)
def test_english_names(text: str, code: str) -> None:
    assert code in codes(text, "en")


def test_english_is_needs_capitals() -> None:
    assert codes("This is a test of what is said", "en") == []
    assert codes("THE GROUP IS HERE", "en") == []  # an all-caps headline is not the acronym


def test_offsets_point_into_original_text() -> None:
    text = "وقالت مصادر إنّ قوّات النّظام تقدّمت"  # shadda and kasra inside the name
    ms = find_actors(text, "ar")
    assert ms and ms[0].code == "SYR_GOV"
    assert text[ms[0].start : ms[0].end] == ms[0].surface == "قوّات النّظام"


def test_long_text_is_fast_enough_and_finds_all() -> None:
    text = "قصفت قوات النظام البلدة. " * 5000
    ms = find_actors(text, "ar")
    assert len(ms) == 5000
