"""Each input kind: HTML, text, JSON Lines (and JSON arrays), folders, .gz, WARC."""

from __future__ import annotations

import gzip
import io
import json
from datetime import date
from pathlib import Path

import pytest
from helpers_ingest import AR_REPORT, EN_REPORT

from rasad.ingest import document_from_record, read_inputs
from rasad.ingest.readers import iter_files

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def read_all(*paths: Path) -> list:
    return list(read_inputs(list(paths)))


def test_arabic_html_page_body_title_date_and_boilerplate_gone() -> None:
    (res,) = read_all(EXAMPLES / "ar_mayadin_villages.html")
    assert res.ok, res.error
    doc = res.document
    assert doc.lang == "ar"
    assert doc.title == "قوات النظام تسيطر على قرى في ريف الميادين بعد انسحاب تنظيم داعش"
    assert doc.published == date(2017, 10, 16)
    assert doc.url == "https://furat-news.example/2017/10/16/mayadin-countryside"
    assert doc.id.startswith("u-")
    assert "بقرص فوقاني وبقرص تحتاني والزباري" in doc.text
    assert "انسحب عناصر التنظيم من قرية سعلو" in doc.text
    assert doc.text.startswith(doc.title)
    for leftover in (
        "قد يعجبك",
        "دع تعليقاً",
        "الكوكيز",
        "حقل العمر",
        "الحسرات",
        "جميع الحقوق",
        "الرئيسية",
        "شارك الخبر",
        "بريدك الإلكتروني",
    ):
        assert leftover not in doc.text, leftover


def test_english_html_page() -> None:
    (res,) = read_all(EXAMPLES / "en_sdf_villages.html")
    doc = res.document
    assert res.ok and doc.lang == "en"
    assert doc.published == date(2019, 1, 22)
    assert doc.author == "Staff reporter"
    assert "al-Shafa, al-Marashdeh and al-Bubadran" in doc.text
    for leftover in ("cookies", "You may also like", "Leave a Reply", "Tal Abyad", "All rights reserved"):
        assert leftover not in doc.text, leftover


def test_plain_text_with_dateline_and_read_also_line() -> None:
    (res,) = read_all(EXAMPLES / "ar_airstrike_hajin.txt")
    doc = res.document
    assert res.ok and doc.lang == "ar"
    assert doc.published == date(2018, 11, 14)
    assert doc.title == "مقتل سبعة مدنيين بغارات للتحالف على بلدة الشعفة شرق دير الزور"
    assert doc.id.startswith("c-")
    assert "اقرأ أيضاً" not in doc.text
    assert "ولم يتسنّ التحقق" in doc.text
    assert doc.meta["boilerplate"] == {"ar.related.read_also": 1}


def test_jsonl_records_ids_and_extra_fields(tmp_path: Path) -> None:
    results = read_all(EXAMPLES / "mixed_reports.jsonl")
    assert [r.source_path.rsplit("#", 1)[1] for r in results] == ["1", "2", "3"]
    docs = {r.document.id: r.document for r in results}
    assert set(docs) == {
        "example-ar-thiban-protest",
        "example-en-kishkiyeh-withdrawal",
        "example-ar-muhasan-arrests",
    }
    en = docs["example-en-kishkiyeh-withdrawal"]
    assert en.lang == "en" and en.published == date(2018, 12, 20) and en.source == "Euphrates Daily"
    assert en.meta["reporter"] == "Euphrates Daily staff"
    assert "Read more" not in en.text
    ar = docs["example-ar-muhasan-arrests"]
    assert "قد يعجبك" not in ar.text and "لغم" not in ar.text
    assert "اعتقلت خلالها 15 شاباً" in ar.text


def test_jsonl_record_with_html_and_without_doc_id() -> None:
    html = (
        "<html><head><title>Clashes in Hajin</title></head><body><article><p>"
        + EN_REPORT
        + "</p></article></body></html>"
    )
    doc = document_from_record({"html": html, "url": "https://www.example.org/2018/12/02/hajin?utm_source=x"})
    assert doc.id.startswith("u-") and doc.lang == "en"
    assert doc.published == date(2018, 12, 2)
    assert "Saalu" in doc.text
    same = document_from_record({"html": html, "url": "http://example.org/2018/12/02/hajin/"})
    assert same.id == doc.id


def test_gold_style_record_keeps_given_lang_and_drops_events() -> None:
    doc = document_from_record(
        {"doc_id": "x-1", "lang": "ar", "text": AR_REPORT, "events": [{"a": 1}], "notes": "coded by hand"}
    )
    assert doc.id == "x-1" and doc.lang == "ar"
    assert "events" not in doc.meta and doc.meta["notes"] == "coded by hand"


def test_json_array_file(tmp_path: Path) -> None:
    p = tmp_path / "reports.json"
    p.write_text(
        json.dumps([{"doc_id": "a", "text": AR_REPORT}, {"doc_id": "b", "text": EN_REPORT}]), "utf-8"
    )
    assert [r.document.id for r in read_all(p)] == ["a", "b"]


def test_folder_recursive_known_kinds_only(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text(AR_REPORT, "utf-8")
    (tmp_path / "a" / "b" / "two.txt").write_text(EN_REPORT, "utf-8")
    (tmp_path / "a" / "b" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 jpeg")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "three.txt").write_text(EN_REPORT, "utf-8")
    files = [p.name for p, _ in iter_files([tmp_path])]
    assert sorted(files) == ["one.txt", "two.txt"]
    assert sorted(r.document.lang for r in read_all(tmp_path)) == ["ar", "en"]


@pytest.mark.parametrize("name", ["r.txt.gz", "r.html.gz", "r.jsonl.gz"])
def test_gzipped_inputs(tmp_path: Path, name: str) -> None:
    if name.startswith("r.jsonl"):
        payload = json.dumps({"doc_id": "gz-1", "text": AR_REPORT}, ensure_ascii=False) + "\n"
    elif name.startswith("r.html"):
        payload = f"<html><body><article><h1>t</h1><p>{AR_REPORT}</p></article></body></html>"
    else:
        payload = AR_REPORT
    p = tmp_path / name
    p.write_bytes(gzip.compress(payload.encode("utf-8")))
    (res,) = read_all(p)
    assert res.ok, res.error
    assert "حاوي بقرص" in res.document.text and res.document.lang == "ar"


def _warc(path: Path, pages: list[tuple[str, str]], gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=gz)
        for url, html in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            rec = w.create_warc_record(
                url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=headers
            )
            w.write_record(rec)
        img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        w.write_record(
            w.create_warc_record(
                "https://x.example/a.png", "response", payload=io.BytesIO(b"\x89PNG...."), http_headers=img
            )
        )


@pytest.mark.parametrize("gz", [False, True])
def test_warc_response_records(tmp_path: Path, gz: bool) -> None:
    pages = [
        (
            "https://news.example/2018/10/03/a",
            f"<html><body><article><p>{AR_REPORT}</p></article></body></html>",
        ),
        (
            "https://news.example/2018/10/04/b",
            f"<html><body><article><p>{EN_REPORT}</p></article></body></html>",
        ),
    ]
    p = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    _warc(p, pages, gz)
    results = read_all(p)
    assert all(r.ok for r in results), [r.error for r in results]
    assert [r.document.url for r in results] == [u for u, _ in pages]
    assert [r.document.lang for r in results] == ["ar", "en"]
    assert results[0].document.published == date(2018, 10, 3)


def test_reading_processes_give_the_same_results_in_order(tmp_path: Path) -> None:
    for i in range(12):
        (tmp_path / f"r{i:02d}.txt").write_text((AR_REPORT if i % 2 else EN_REPORT) + f"\n{i} رقم", "utf-8")
    (tmp_path / "r99.txt").write_bytes(b"")
    one = [(r.source_path, r.document.id if r.ok else r.error) for r in read_inputs([tmp_path])]
    two = [(r.source_path, r.document.id if r.ok else r.error) for r in read_inputs([tmp_path], workers=2)]
    assert one == two and len(one) == 13


def test_misnamed_and_unnamed_files_are_sniffed(tmp_path: Path) -> None:
    plain = tmp_path / "report.html"
    plain.write_text(EN_REPORT, "utf-8")
    page = tmp_path / "page.dat"
    page.write_text(
        f"<!DOCTYPE html><html><body><article><p>{AR_REPORT}</p></article></body></html>", "utf-8"
    )
    a, b = read_all(plain, page)
    assert a.ok and a.kind == "text" and a.document.text == EN_REPORT.strip()
    assert b.ok and b.kind == "html" and "حاوي بقرص" in b.document.text and "<p>" not in b.document.text


def test_boilerplate_inside_the_article_element_is_removed_too() -> None:
    html = (
        "<html><head><title>قصف على محكان</title></head><body><article><h1>قصف على محكان</h1>"
        "<p>قصفت قوات النظام بلدة محكان في ريف دير الزور الشرقي أمس، ما أدى إلى مقتل ثلاثة مدنيين وإصابة "
        "آخرين بجروح، بحسب مصادر محلية في المنطقة.</p>"
        "<p><strong>اقرأ أيضاً:</strong> <a href='/x'>قوات النظام تسيطر على القورية</a></p>"
        "<p>وتتعرض البلدة منذ أيام لقصف متواصل من مواقع قوات النظام في الضفة المقابلة لنهر الفرات، وسط نزوح "
        "عشرات العائلات نحو البادية.</p>"
        "<div class='related'><h4>قد يعجبك أيضاً</h4><ul><li><a>مقتل عشرة بغارة على البوكمال</a></li>"
        "<li><a>قسد تعتقل خمسة في الشحيل</a></li></ul></div>"
        "<div class='comments'><h3>اترك تعليقاً</h3><p>لن يتم نشر عنوان بريدك الإلكتروني.</p></div>"
        "<p>هذا الموقع يستخدم ملفات تعريف الارتباط.</p></article></body></html>"
    )
    doc = document_from_record({"html": html})
    assert doc.text.splitlines() == [
        "قصف على محكان",
        "قصفت قوات النظام بلدة محكان في ريف دير الزور الشرقي أمس، ما أدى إلى مقتل ثلاثة مدنيين وإصابة آخرين "
        "بجروح، بحسب مصادر محلية في المنطقة.",
        "وتتعرض البلدة منذ أيام لقصف متواصل من مواقع قوات النظام في الضفة المقابلة لنهر الفرات، وسط نزوح "
        "عشرات العائلات نحو البادية.",
    ]
