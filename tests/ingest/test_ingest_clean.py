"""Boilerplate line rules, the offset map back to the raw text, language, ids and dates."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from helpers_ingest import AR_REPORT, EN_REPORT

from rasad.ingest import OffsetMap, build_document, clean_text, detect_lang, document_from_record
from rasad.ingest.clean import load_rules, match_rule
from rasad.ingest.dates import date_from_url, dateline_date
from rasad.ingest.ids import content_id, error_id, make_doc_id, normalize_url, url_id

# Lines of news (written for these tests) that look a bit like page furniture: none may go.
NEWS_LINES = [
    "وقال مصدر محلي إن التنظيم انسحب من القرية بعد أن دع عناصره يفجرون الجسر.",
    "تابعت قوات النظام تقدمها نحو بلدة محكان بعد السيطرة على قرية الطيبة.",
    "اقرأ المزيد عن المعارك في الصفحة لم يعد ممكناً بعد انقطاع الاتصالات عن دير الزور منذ أيام.",
    "شارك مئات من أهالي البلدة في تشييع الضحايا الذين قتلوا في الغارة.",
    "الجيش السوري يعلن السيطرة على حقل الورد النفطي",
    "The SDF said it would share intelligence with the coalition on the ISIS cells in Hajin.",
    "Related fighting was reported in the villages south of al-Busayrah.",
    "Comments by the Russian defence ministry could not be verified.",
    "السيطرة على درعا:",
]


@pytest.mark.parametrize("line", NEWS_LINES)
def test_news_lines_are_never_boilerplate(line: str) -> None:
    assert match_rule(line, load_rules()) is None


BOILERPLATE_LINES = [
    ("قد يعجبك أيضاً", "ar.related.may_like"),
    ("قد يعحبك أيضاً", "ar.related.may_like"),
    ("مقالات ذات صلة", "ar.related.related_articles"),
    ("اقرأ أيضاً: داعش يخسر آخر قرية في ريف حلب", "ar.related.read_also"),
    ("دع تعليقاً", "ar.comments.leave"),
    ("اترك تعليقاً", "ar.comments.leave"),
    ("لن يتم نشر عنوان بريدك الإلكتروني.", "ar.comments.consent"),
    ("يستخدم موقعنا ملفات تعريف الارتباط لتحسين تجربتك", "ar.cookies.notice"),
    ("جميع الحقوق محفوظة © 2019", "ar.footer.rights"),
    ("+ الخط -", "ar.widget.font"),
    ("القراءات : (512) قراءة", "ar.widget.counter"),
    ("تابعنا على", "ar.widget.share"),
    ("فيسبوك تويتر واتساب", "ar.widget.social_names"),
    ("You may also like", "en.related.may_like"),
    ("Leave a Reply", "en.comments.leave"),
    ("Your email address will not be published. Required fields are marked *", "en.comments.form"),
    ("This website uses cookies to improve your experience.", "en.cookies.notice"),
    ("(Reporting by A. Writer; Editing by B. Editor)", "en.credit.reporting"),
    ("0 0 0", "any.counter.digits"),
    ("by admin2", "en.byline.username"),
]


@pytest.mark.parametrize(("line", "rule"), BOILERPLATE_LINES)
def test_boilerplate_lines_and_their_rule_ids(line: str, rule: str) -> None:
    hit = match_rule(line, load_rules())
    assert hit is not None and hit.id == rule


def test_related_block_at_the_end_is_cut_whole_but_mid_text_only_its_short_lines() -> None:
    tail = "قد يعجبك أيضاً\nمقتل عشرة عناصر من داعش بغارة على البوكمال\nقسد تسيطر على حقل العمر"
    c = clean_text(AR_REPORT + "\n" + tail)
    assert c.text == AR_REPORT.strip()
    assert c.dropped["ar.related.may_like"] == 3
    body_after = (
        "وأضافت المصادر أن الاشتباكات تجددت مساء اليوم على أطراف البلدة وسط قصف مدفعي متقطع من الطرفين " * 2
    )
    mid = "قد يعجبك أيضاً\nعنوان خبر آخر قصير\n" + body_after + "\n" + AR_REPORT * 3
    c = clean_text(mid)
    assert c.text.startswith(body_after.strip())


def test_offset_map_points_every_kept_character_back_to_the_raw_text() -> None:
    raw = (
        "\u200fعنوان الخبر\r\n\r\n\r\n  by admin  \r\n"
        "سيطرت القوات على القريـــة\u200e صباح اليوم.\r\nدع تعليقاً\r\n"
    )
    c = clean_text(raw)
    assert c.text == "عنوان الخبر\n\nسيطرت القوات على القرية صباح اليوم."
    om = c.offset_map
    for i, ch in enumerate(c.text):
        if ch != "\n":
            assert raw[om.to_raw(i)] == ch, i
    start = c.text.index("القرية")
    a, b = om.span_to_raw(start, start + len("القرية"))
    assert raw[a:b] == "القريـــة"
    j = raw.index("صباح")
    assert c.text[om.from_raw(j) :].startswith("صباح")
    # stored in meta compactly, and read back
    doc, _ = build_document(raw)
    back = OffsetMap.from_meta(doc.meta, len(doc.text))
    assert back.span_to_raw(start, start + 6) == (a, b)
    assert len(doc.meta["offset_map"]) < 10


def test_clean_text_is_identity_on_clean_text() -> None:
    c = clean_text(EN_REPORT)
    assert c.text == EN_REPORT.strip() and c.offset_map.runs == [(0, 0)] and not c.dropped


def test_keep_boilerplate_option() -> None:
    c = clean_text(AR_REPORT + "دع تعليقاً\n", boilerplate=False)
    assert c.text.endswith("دع تعليقاً")


def test_seed_page_boilerplate_removed_and_news_kept(shared: Path) -> None:
    record = json.loads((shared / "eval" / "dev" / "seed.jsonl").read_text("utf-8").splitlines()[0])
    doc = document_from_record(record)
    assert doc.id == record["doc_id"] and doc.lang == "ar"
    for leftover in (
        "قد يعحبك أيضاً",
        "دع تعليقاً",
        "النموذج",
        "الكوكيز",
        "Privacy & Cookies Policy",
        "admindiaa",
    ):
        assert leftover not in doc.text, leftover
    # every gold evidence span is still in the stored text, and the map finds it
    om = OffsetMap.from_meta(doc.meta, len(doc.text))
    for ev in record["events"]:
        start = om.from_raw(ev["evidence"]["start"])
        assert doc.text[start:].startswith(ev["evidence"]["text"][:20])
    assert doc.text.rstrip().endswith("القوقاز”.")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (AR_REPORT, "ar"),
        (EN_REPORT, "en"),
        ("Les forces gouvernementales ont repris le village après des combats avec les jihadistes.", "other"),
        (
            "نیروهای دولتی سوریه این روستا را پس از درگیری با داعش تصرف کردند و این خبر را اعلام کرد که",
            "other",
        ),
        ("12345 -- !!", "other"),
        (AR_REPORT + "\nHome | News | Contact | Privacy Policy | Cookies", "ar"),
    ],
)
def test_language_detection(text: str, lang: str) -> None:
    assert detect_lang(text) == lang


def test_ids_are_stable_short_and_prefixed() -> None:
    assert make_doc_id("gold-7", "https://x.example/a", "t") == "gold-7"
    a = url_id("https://www.Example.org/news/2019/1/a/?utm_source=tw&id=3#top")
    assert a == url_id("http://example.org/news/2019/1/a?id=3") and a.startswith("u-") and len(a) == 18
    assert normalize_url("https://example.org/story/amp") == "https://example.org/story"
    assert make_doc_id(None, None, AR_REPORT) == content_id(AR_REPORT) != content_id(EN_REPORT)
    assert error_id("a.txt") != error_id("b.txt")


def test_publication_dates_from_dateline_and_url() -> None:
    assert dateline_date("حلب – 13 من تشرين الأول 2019\nنص") == date(2019, 10, 13)
    assert dateline_date("الثلاثاء ٠١ نوفمبر ٢٠٢٢ - ١٢:٤٢") == date(2022, 11, 1)
    assert dateline_date("BEIRUT, Syria, March 3, 2019 (AP)") == date(2019, 3, 3)
    assert dateline_date("no date in this headline\nnor here") is None
    assert date_from_url("https://x.example/2018/11/17/story/") == date(2018, 11, 17)
    assert date_from_url("https://x.example/news/182586") is None


@pytest.mark.parametrize(
    ("line", "hit"),
    [
        ("الرئيسية أخبار سورية أخبار عربية أخبار العالم", True),
        ("العالم - سوريا", True),
        ("Home › News › Middle East", True),
        ("-", True),
        ("سوريا", False),  # one word: could be a heading
        ("سوريا والعراق: حصاد الأسبوع", False),
        ("أخبار عن اشتباكات في ريف حلب", False),
    ],
)
def test_section_menus(line: str, hit: bool) -> None:
    assert (match_rule(line, load_rules()) is not None) is hit
