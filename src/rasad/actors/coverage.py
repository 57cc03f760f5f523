"""Measure how well the mention finders cover a gold file's events (no tuning, just counting).

    python -m rasad.actors.coverage ../shared/eval/dev/ar_dev.jsonl ../shared/eval/dev/en_dev.jsonl

For every gold event: is a mention of its actor1 (actor2) code found inside its evidence, or in
the sentence(s) the evidence overlaps, or earlier in the document (what an anaphor or the
events stage could reach)? For dates: is the gold date the value of a date mention in that
window, or the publication date? For fatalities: is the gold number a number mention there?
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from rasad.actors import find_actors, resolve_anaphora
from rasad.text.dates import document_date, find_dates
from rasad.text.numbers import find_numbers
from rasad.text.sentences import split_sentences


def _window(spans: list[tuple[int, int]], s: int, e: int) -> tuple[int, int]:
    lo, hi = s, e
    for a, b in spans:
        if a < e and s < b:
            lo, hi = min(lo, a), max(hi, b)
    return lo, hi


def measure(paths: list[Path]) -> dict[str, Any]:
    c: Counter[str] = Counter()
    misses: list[str] = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            doc = json.loads(line)
            text, lang = doc["text"], doc["lang"]
            pub = date.fromisoformat(doc["published"]) if doc.get("published") else None
            explicit = find_actors(text, lang)
            mentions = resolve_anaphora(text, lang, explicit)
            dates = find_dates(text, lang, pub)
            numbers = find_numbers(text, lang)
            spans = split_sentences(text)
            gold_codes = {ev[r] for ev in doc["events"] for r in ("actor1", "actor2") if ev[r]}
            if gold_codes:
                # a rough precision proxy: mentions whose code is one of the document's gold actors
                for m in mentions:
                    c[f"{lang}.mentions.n"] += 1
                    c[f"{lang}.mentions.in_gold_doc"] += m.code in gold_codes
            for ev in doc["events"]:
                s, e = ev["evidence"]["start"], ev["evidence"]["end"]
                ws, we = _window(spans, s, e)
                for role in ("actor1", "actor2"):
                    code = ev[role]
                    if not code:
                        continue
                    k = f"{lang}.{role}"
                    c[k + ".n"] += 1
                    in_ev = any(m.code == code and m.start < e and s < m.end for m in mentions)
                    in_ev_explicit = any(m.code == code and m.start < e and s < m.end for m in explicit)
                    in_sent = any(m.code == code and m.start < we and ws < m.end for m in mentions)
                    before = any(m.code == code and m.start < we for m in mentions)
                    c[k + ".evidence"] += in_ev
                    c[k + ".evidence_explicit"] += in_ev_explicit
                    c[k + ".sentence"] += in_sent
                    c[k + ".before"] += before
                    if not in_sent:
                        got = sorted({m.code for m in mentions if m.start < we and ws < m.end})
                        misses.append(f"{doc['doc_id']} {role}={code} found={got} | {text[ws:we][:160]!r}")
                if ev.get("date"):
                    k = f"{lang}.date"
                    c[k + ".n"] += 1
                    gold = date.fromisoformat(ev["date"])
                    in_win = [d for d in dates if d.start < we and ws < d.end and d.value is not None]
                    c[k + ".window"] += any(d.value == gold for d in in_win)
                    c[k + ".window_or_pub"] += any(d.value == gold for d in in_win) or (
                        not in_win and pub == gold
                    )
                    c[k + ".published"] += pub == gold
                    # simple policy: the resolved mention nearest the evidence in its sentence(s),
                    # else the publication date, else the document's own dateline
                    near = sorted(
                        (d for d in dates if d.start < we and ws < d.end and d.precision is not None),
                        key=lambda d: abs(d.start - s),
                    )
                    guess = near[0].value if near else (pub or document_date(text, lang))
                    c[k + ".policy"] += guess == gold
                    if guess != gold:
                        got = [(text[d.start:d.end], str(d.value), d.rule) for d in near]
                        misses.append(f"{doc['doc_id']} policy date={gold} guess={guess} pub={pub} {got}")
                    if not any(d.value == gold for d in in_win) and pub != gold:
                        got = [(text[d.start:d.end], str(d.value), d.rule) for d in in_win]
                        where = text[ws:we][:120]
                        misses.append(f"{doc['doc_id']} date={gold} pub={pub} found={got} | {where!r}")
                if ev.get("fatalities"):
                    k = f"{lang}.fatalities"
                    c[k + ".n"] += 1
                    c[k + ".window"] += any(
                        n.value == ev["fatalities"] and n.start < we and ws < n.end for n in numbers
                    )
    return {"counts": dict(c), "misses": misses}


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    show_misses = "--misses" in args
    paths = [Path(a) for a in args if not a.startswith("--")]
    res = measure(paths)
    counts = res["counts"]
    for key in sorted(k for k in counts if k.endswith(".n")):
        base = key[:-2]
        n = counts[key]
        subs = ("evidence", "evidence_explicit", "sentence", "before", "window", "window_or_pub", "published",
                "policy", "in_gold_doc")
        parts = [f"{sub}={counts[base + '.' + sub] / n:.2f}" for sub in subs if base + "." + sub in counts]
        print(f"{base:18s} n={n:4d}  " + "  ".join(parts))
    if show_misses:
        for m in res["misses"]:
            print(m)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
