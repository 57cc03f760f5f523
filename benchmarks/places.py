#!/usr/bin/env python3
"""Geoparser benchmark: gazetteer load time, automaton build time, mentions/s, documents/s, peak RSS.

    python benchmarks/places.py [--shared ../shared] [--docs 5000]

Documents: the texts of ../shared/eval/dev (read, never copied), repeated up to --docs; without
../shared, generated Arabic sentences. Targets: load < 1 s, peak RSS < 300 MB.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from pathlib import Path


def _texts(shared: Path, n: int) -> list[tuple[str, str]]:
    docs: list[tuple[str, str]] = []
    for name in ("ar_dev.jsonl", "en_dev.jsonl"):
        p = shared / "eval" / "dev" / name
        if p.is_file():
            for line in p.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    d = json.loads(line)
                    docs.append((d["text"], d.get("lang", "ar")))
    if not docs:  # a generated corpus
        rnd = random.Random(1)
        words = ["سيطرت", "القوات", "على", "قرية", "العشارة", "وبلدة", "محكان", "في", "ريف", "الميادين",
                 "الشرقي", "شرق", "دير", "الزور", "وقصفت", "الطائرات", "مدينة", "منبج", "أمس", "اليوم"]
        docs = [(" ".join(rnd.choice(words) for _ in range(180)), "ar") for _ in range(50)]
    return [docs[i % len(docs)] for i in range(n)]


def _rss_mb() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r / 1024 if sys.platform != "darwin" else r / 1024 / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    ap.add_argument("--docs", type=int, default=5000)
    a = ap.parse_args()

    t0 = time.perf_counter()
    from rasad.places.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    t_load = time.perf_counter() - t0
    rss_load = _rss_mb()

    from rasad.places.geoparser import find_places
    from rasad.places.matcher import name_index

    t0 = time.perf_counter()
    idx = name_index(gaz)
    t_build = time.perf_counter() - t0
    rss_index = _rss_mb()

    docs = _texts(a.shared, a.docs)
    chars = sum(len(t) for t, _ in docs)
    t0 = time.perf_counter()
    mentions = 0
    for text, lang in docs:
        mentions += len(find_places(text, lang, gaz))
    dt = time.perf_counter() - t0
    print(f"gazetteer: {len(gaz.places):,} places, load {t_load:.2f} s (RSS after load {rss_load:.0f} MB)")
    print(f"name index: {len(idx.infos):,} keys, built in {t_build:.2f} s (RSS {rss_index:.0f} MB)")
    print(f"documents: {len(docs):,} ({chars / len(docs):,.0f} characters on average)")
    print(f"throughput: {len(docs) / dt:,.1f} documents/s, {mentions / dt:,.0f} mentions/s, "
          f"{chars / dt / 1e6:.2f} M characters/s (one core)")
    print(f"peak RSS: {_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
