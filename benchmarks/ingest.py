"""Ingest throughput on a generated corpus (nothing committed: pages are made on the fly).

    python benchmarks/ingest.py [--pages 5000] [--store]

Generates ``--pages`` pages in a temporary folder — half HTML pages with menus, cookie
banners, share buttons, a "you may also like" block and a comment form, half plain-text
reports; half Arabic, half English — then reads each half with rasad.ingest and prints
documents/s and MB/s (input bytes) for HTML and for text separately, the same with the
SQLite store included (``--store``), with N reading processes (``--workers N``), and the
peak RSS of the main process.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from rasad.ingest import read_inputs
from rasad.store import Store

AR_VILLAGES = [
    "بقرص فوقاني",
    "بقرص تحتاني",
    "الزباري",
    "سعلو",
    "محكان",
    "القورية",
    "صبيخان",
    "دبلان",
    "غريبة",
    "الطيبة",
    "ذيبان",
    "الحوايج",
    "الشحيل",
    "البصيرة",
    "هجين",
    "الشعفة",
    "السوسة",
    "الباغوز",
]
EN_VILLAGES = [
    "Upper Baqras",
    "Lower Baqras",
    "Zbara",
    "Saalu",
    "Mahkan",
    "al-Quriyah",
    "Subaykhan",
    "Dablan",
    "Ghariba",
    "al-Tayyana",
    "Thiban",
    "al-Hawayij",
    "al-Shuhayl",
    "al-Busayrah",
    "Hajin",
    "al-Shafa",
]
AR_SENT = [
    "سيطرت قوات النظام، أمس، على قرية {v} في ريف دير الزور الشرقي بعد اشتباكات مع عناصر تنظيم داعش.",
    "قُتل {n} مدنيين بقصف مدفعي استهدف أطراف بلدة {v} مساء اليوم، بحسب مصادر محلية.",
    "شنت طائرات حربية غارات على بلدة {v}، ما أسفر عن مقتل {n} أشخاص وإصابة آخرين.",
    "انسحب عناصر التنظيم من قرية {v} باتجاه الضفة الشرقية للنهر دون قتال.",
    "شنت قوات سوريا الديمقراطية حملة دهم في بلدة {v} اعتقلت خلالها {n} شباب.",
    "خرج العشرات من أهالي {v} في مظاهرة احتجاجاً على تردي الأوضاع المعيشية.",
]
EN_SENT = [
    "Government forces took control of the village of {v} on Monday after clashes with ISIS fighters.",
    "{n} civilians were killed when artillery shells hit the outskirts of {v}, local sources said.",
    "Air strikes on {v} killed {n} people and wounded several others, a monitor said.",
    "ISIS fighters withdrew from {v} towards the river without a fight.",
    "The SDF raided {v} and arrested {n} people suspected of links to ISIS cells.",
    "Dozens of residents of {v} protested against the arrests and the lack of services.",
]
AR_FURNITURE = (
    "<div class='cookie'>يستخدم هذا الموقع ملفات تعريف الارتباط (الكوكيز). <button>موافق</button></div>"
    "<nav><a>الرئيسية</a> <a>سوريا</a> <a>العراق</a> <a>تقارير</a></nav>",
    "<section><h3>قد يعجبك أيضاً</h3><ul><li><a>مقتل عشرة بغارة على البوكمال</a></li>"
    "<li><a>قسد تسيطر على حقل العمر</a></li></ul></section><section><h3>دع تعليقاً</h3>"
    "<p>باستخدامك لهذا النموذج أنت توافق على حفظ بياناتك في هذا الموقع</p><form><textarea></textarea>"
    "</form></section><footer>جميع الحقوق محفوظة</footer>",
)
EN_FURNITURE = (
    "<div class='cookie'>We use cookies to improve your experience. <button>Accept</button></div>"
    "<nav><a>Home</a> <a>Syria</a> <a>Iraq</a> <a>Opinion</a></nav>",
    "<aside><h3>You may also like</h3><ul><li><a>Strikes kill dozens near Hajin</a></li></ul></aside>"
    "<div><h3>Leave a Reply</h3><p>Your email address will not be published.</p></div>"
    "<footer>© 2019 Monitor. All rights reserved.</footer>",
)


def paragraphs(rng: random.Random, lang: str, k: int) -> list[str]:
    sents, villages = (AR_SENT, AR_VILLAGES) if lang == "ar" else (EN_SENT, EN_VILLAGES)
    return [
        " ".join(
            rng.choice(sents).format(v=rng.choice(villages), n=rng.randint(2, 30))
            for _ in range(rng.randint(2, 4))
        )
        for _ in range(k)
    ]


def make_corpus(root: Path, pages: int, seed: int = 1) -> tuple[Path, Path]:
    rng = random.Random(seed)
    html_dir, text_dir = root / "html", root / "text"
    html_dir.mkdir()
    text_dir.mkdir()
    for i in range(pages):
        lang = "ar" if i % 2 == 0 else "en"
        paras = paragraphs(rng, lang, rng.randint(4, 10))
        title = paras[0].split("،")[0].split(",")[0][:90]
        if i % 4 < 2:
            head, tail = AR_FURNITURE if lang == "ar" else EN_FURNITURE
            body = "".join(f"<p>{p}</p>" for p in paras)
            page = (
                f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>"
                f"<meta property='article:published_time' content='2018-0{1 + i % 9}-1{i % 10}'></head><body>"
                f"{head}<article><h1>{title}</h1>{body}</article>{tail} <!-- {i} --></body></html>"
            )
            (html_dir / f"p{i:06d}.html").write_text(page, "utf-8")
        else:
            extra = "\n\nقد يعجبك أيضاً\nعنوان آخر\n" if lang == "ar" else "\n\nRead more: another story\n"
            text = title + f"\n{i}\n\n" + "\n\n".join(paras) + extra
            (text_dir / f"p{i:06d}.txt").write_text(text, "utf-8")
    return html_dir, text_dir


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    kb = resource.getrusage(who).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def measure(folder: Path, db: Path | None, workers: int = 1) -> tuple[int, int, float]:
    size = sum(p.stat().st_size for p in folder.iterdir())
    n = errors = 0
    t0 = time.perf_counter()
    if db is None:
        for r in read_inputs([folder], workers=workers):
            n += 1
            errors += not r.ok
    else:
        with Store(db) as store, store.batch(500):
            for r in read_inputs([folder], workers=workers):
                n += 1
                if r.ok and r.document:
                    store.upsert_document(r.document, r.content_hash or "", r.source_path)
                else:
                    errors += 1
    dt = time.perf_counter() - t0
    if errors:
        print(f"  ({errors} errors)")
    return n, size, dt


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=5000)
    ap.add_argument("--store", action="store_true", help="also measure with the SQLite store")
    ap.add_argument("--workers", type=int, default=0, help="also measure with N reading processes")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        html_dir, text_dir = make_corpus(Path(tmp), args.pages)
        print(
            f"generated {args.pages} pages in {time.perf_counter() - t0:.1f} s "
            f"({len(list(html_dir.iterdir()))} HTML, {len(list(text_dir.iterdir()))} text; "
            "Arabic and English)"
        )
        rows = []
        for label, folder in (("HTML", html_dir), ("text", text_dir)):
            n, size, dt = measure(folder, None)
            rows.append((label + " read", n, size, dt))
            if args.store:
                n, size, dt = measure(folder, Path(tmp) / f"{label}.db")
                rows.append((label + " read+store", n, size, dt))
            if args.workers > 1:
                n, size, dt = measure(folder, None, args.workers)
                rows.append((f"{label} read x{args.workers}", n, size, dt))
        print(f"{'':18} {'docs':>6} {'MB':>7} {'s':>7} {'docs/s':>9} {'MB/s':>7}")
        for label, n, size, dt in rows:
            print(f"{label:18} {n:6d} {size / 1e6:7.1f} {dt:7.2f} {n / dt:9.1f} {size / 1e6 / dt:7.2f}")
        print(f"peak RSS: {peak_rss_mb():.0f} MB (main process; reading processes are measured apart)")


if __name__ == "__main__":
    main()
