"""Measure the geoparser: gold event places of ../shared/eval/dev, false mentions per report
against a naive gazetteer matcher, and LOC precision/recall on the ANERcorp test split.

    python -m rasad.evaluation.places --shared ../shared [--misses] [--json]

(a) For each gold event location: is a place mention within its evidence (±150 characters)
    resolved within 5 km (gold geo_precision 1) or 30 km (2-3) — gold places with coordinates —
    or named like it (the scorer's ``norm_name``) — gold places no gazetteer has. Mentions that
    only locate another place (``frame_only``) do not count. Every miss is listed with a reason.
(b) Mentions per report that match no gold place of the report, for rasad and for a naive
    matcher (every gazetteer name variant anywhere on word boundaries, first candidate).
(c) ANERcorp: entity-level LOC precision/recall of the mention finder (exact token span and
    partial overlap), on the whole test split and on its second half (the first half was used
    to pick false friends for data/place_stopwords.yaml).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from rasad.geo import haversine_km
from rasad.model import PlaceMention
from rasad.places.geoparser import find_places, to_location
from rasad.text.normalize import normalize, scorer_name_key

WINDOW = 150
GOLD_FILES = ("seed.jsonl", "ar_dev.jsonl", "en_dev.jsonl")


norm_name = scorer_name_key
km = haversine_km


def load_gold(shared: Path) -> list[dict[str, Any]]:
    docs: dict[str, dict[str, Any]] = {}
    for name in GOLD_FILES:
        p = shared / "eval" / "dev" / name
        if p.is_file():
            for line in p.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    d = json.loads(line)
                    docs.setdefault(d["doc_id"], d)
    return list(docs.values())


def _matches(gl: dict[str, Any], m: PlaceMention, text: str) -> tuple[bool, str]:
    loc = to_location(m, text)
    if gl.get("lat") is None:
        names = {norm_name(m.name), norm_name(loc.name)}
        return norm_name(gl.get("name")) in names, ""
    if loc.lat is None or loc.lon is None:
        return False, ""
    d = km(gl["lat"], gl["lon"], loc.lat, loc.lon)
    limit = 5.0 if (gl.get("geo_precision") or 1) == 1 else 30.0
    return d <= limit, f"{d:.0f} km"


def _reason(gl: dict[str, Any], ms: list[PlaceMention], text: str, ev: dict[str, Any], gaz: Any) -> str:
    a, b = ev["start"] - WINDOW, ev["end"] + WINDOW
    near = [m for m in ms if m.end > a and m.start < b]
    gname = norm_name(gl.get("name"))
    same = [m for m in near if norm_name(m.name) == gname or gname in norm_name(m.name)]
    in_gaz = bool(gaz.lookup(gl.get("name") or "")) if gaz is not None else None
    if same:
        m = same[0]
        loc = to_location(m, text)
        if m.frame_only:
            return f"found {m.name!r} but only as a frame ({m.frame})"
        if loc.lat is None:
            return f"found {m.name!r} unresolved (gold has coordinates; in gazetteer: {in_gaz})"
        d = km(gl["lat"], gl["lon"], loc.lat, loc.lon) if gl.get("lat") is not None else -1
        chosen = m.place.name_ar or m.place.name_en if m.place else "anchor"
        return f"found {m.name!r} resolved to {chosen} ({m.place.admin1 if m.place else ''}) {d:.0f} km away"
    if gname and gname in norm_name(text):
        return f"name in text, not found (in gazetteer: {in_gaz}); nearby mentions: " + \
            ", ".join(repr(m.name) for m in near[:4])
    return f"name not in text as written (in gazetteer: {in_gaz}); nearby: " + \
        ", ".join(repr(m.name) for m in near[:4])


class NaiveMatcher:
    """Every gazetteer name variant anywhere on word boundaries, longest first, first candidate."""

    def __init__(self, gaz: Any) -> None:
        import ahocorasick

        self.gaz = gaz
        self.auto = ahocorasick.Automaton()
        keys: dict[str, int] = {}
        for name, idx, _k in gaz.names():
            if len(name) >= 2 and name not in keys:
                keys[name] = idx
        for k, i in keys.items():
            self.auto.add_word(k, (len(k), i))
        self.auto.make_automaton()

    def find(self, text: str) -> list[PlaceMention]:
        norm = normalize(text, "match")
        t = norm.text
        hits = []
        for end, (n, i) in self.auto.iter(t):
            s = end - n + 1
            if (s > 0 and t[s - 1].isalnum()) or (end + 1 < len(t) and t[end + 1].isalnum()):
                continue
            hits.append((s, end + 1, i))
        hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
        used: list[tuple[int, int]] = []
        out = []
        for s, e, i in hits:
            if any(s < b and e > a for a, b in used):
                continue
            used.append((s, e))
            a, b = norm.span(s, e)
            p = self.gaz.places[i]
            out.append(PlaceMention(a, b, text[a:b], candidates=[p], place=p, rule="naive"))
        return sorted(out, key=lambda m: m.start)


def _false_kind(m: PlaceMention) -> str:
    """What a mention that is no gold place is: a country or place abroad, a governorate, a
    Syrian/Iraqi place that is not an event place of the report, or an unresolved name."""
    p = m.place or m.anchor
    if p is None:
        return "unresolved"
    if p.country not in ("SY", "IQ"):
        return "abroad"
    if p.kind in ("country", "governorate"):
        return "country_governorate"
    return "place"


def evaluate_gold(shared: Path, gaz: Any) -> dict[str, Any]:
    docs = load_gold(shared)
    naive = NaiveMatcher(gaz)
    res: dict[str, Any] = {"present": [0, 0], "absent": [0, 0], "misses": [], "by_lang": {}}
    false_counts = {"rasad": Counter(), "naive": Counter()}
    for d in docs:
        text, lang = d["text"], d.get("lang", "ar")
        ms = find_places(text, lang, gaz)
        cand = [m for m in ms if not m.frame_only]
        bl = res["by_lang"].setdefault(lang, {"present": [0, 0], "absent": [0, 0]})
        golds = [e for e in d.get("events", []) if e.get("location")]
        for e in golds:
            gl, ev = e["location"], e["evidence"]
            kind = "absent" if gl.get("lat") is None else "present"
            a, b = ev["start"] - WINDOW, ev["end"] + WINDOW
            ok = any(_matches(gl, m, text)[0] for m in cand if m.end > a and m.start < b)
            res[kind][1] += 1
            bl[kind][1] += 1
            if ok:
                res[kind][0] += 1
                bl[kind][0] += 1
            else:
                res["misses"].append({"doc": d["doc_id"], "kind": kind, "gold": gl.get("name"),
                                      "precision": gl.get("geo_precision"),
                                      "reason": _reason(gl, ms, text, ev, gaz)})
        for who, found in (("rasad", cand), ("naive", naive.find(text))):
            c = false_counts[who]
            c["docs"] += 1
            for m in found:
                c["mentions"] += 1
                true = any(_matches(e["location"], m, text)[0] for e in golds)
                if true:
                    c["true"] += 1
                else:
                    c["false"] += 1
                    c[f"false_{_false_kind(m)}"] += 1
            c["frame_only"] += sum(1 for m in ms if m.frame_only) if who == "rasad" else 0
    res["mentions"] = {k: dict(v) for k, v in false_counts.items()}
    return res


# ------------------------------------------------------------------------------ ANERcorp


def read_anercorp(path: Path) -> list[list[tuple[str, str]]]:
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 2:
            if cur:
                sents.append(cur)
                cur = []
            continue
        cur.append((parts[0], parts[-1]))
    if cur:
        sents.append(cur)
    return sents


Span = tuple[int, int]


def _chunk_text(sents: list[list[tuple[str, str]]]) -> tuple[str, list[Span], list[Span]]:
    """Text of some sentences, token offsets, and gold LOC spans as (first, last) token index."""
    parts: list[str] = []
    offs: list[tuple[int, int]] = []
    gold: list[tuple[int, int]] = []
    pos = 0
    for sent in sents:
        for k, (tok, tag) in enumerate(sent):
            if parts:
                sep = "\n" if k == 0 else " "
                parts.append(sep)
                pos += 1
            offs.append((pos, pos + len(tok)))
            parts.append(tok)
            pos += len(tok)
            i = len(offs) - 1
            if tag == "B-LOC":
                gold.append((i, i))
            elif tag == "I-LOC" and gold and gold[-1][1] == i - 1:
                gold[-1] = (gold[-1][0], i)
    return "".join(parts), offs, gold


def evaluate_anercorp(path: Path, gaz: Any, chunk: int = 10) -> dict[str, Any]:
    sents = read_anercorp(path)
    half = len(sents) // 2
    out: dict[str, Any] = {}
    for label, part in (("all", sents), ("second_half", sents[half:])):
        tp_exact = tp_part_p = tp_part_g = n_pred = n_gold = 0
        for k in range(0, len(part), chunk):
            text, offs, gold = _chunk_text(part[k:k + chunk])
            starts = [a for a, _b in offs]
            ms = find_places(text, "ar", gaz)
            preds = []
            for m in ms:
                seg = text[m.start:m.end]
                j = seg.rfind(m.name)
                a = m.start + j if j >= 0 else m.start
                b = a + len(m.name) if j >= 0 else m.end
                t0 = max(0, _tok_at(starts, a))
                t1 = max(t0, _tok_at(starts, b - 1))
                preds.append((t0, t1))
            n_pred += len(preds)
            n_gold += len(gold)
            gs = set(gold)
            tp_exact += sum(1 for p in preds if p in gs)
            tp_part_p += sum(1 for p in preds if any(p[0] <= g[1] and g[0] <= p[1] for g in gold))
            tp_part_g += sum(1 for g in gold if any(p[0] <= g[1] and g[0] <= p[1] for p in preds))
        out[label] = {
            "gold": n_gold, "pred": n_pred,
            "exact": {"precision": _r(tp_exact, n_pred), "recall": _r(tp_exact, n_gold)},
            "partial": {"precision": _r(tp_part_p, n_pred), "recall": _r(tp_part_g, n_gold)},
        }
    return out


def _tok_at(starts: list[int], pos: int) -> int:
    from bisect import bisect_right

    return bisect_right(starts, pos) - 1


def _r(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[3].parent / "shared")
    ap.add_argument("--misses", action="store_true", help="list every miss")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-anercorp", action="store_true")
    a = ap.parse_args(argv)
    from rasad.places.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    res = evaluate_gold(a.shared, gaz)
    aner = a.shared / "eval" / "external" / "anercorp" / "ANERCorp_CamelLab_test.txt"
    if not a.no_anercorp and aner.is_file():
        res["anercorp"] = evaluate_anercorp(aner, gaz)
    if a.json:
        json.dump(res, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for kind in ("present", "absent"):
        ok, n = res[kind]
        print(f"gold places {kind:7s} in gazetteer: {ok}/{n} = {ok / max(n, 1):.3f}")
    for lang, v in res["by_lang"].items():
        print(f"  {lang}: " + "  ".join(f"{k} {x[0]}/{x[1]}" for k, x in v.items()))
    for who, c in res["mentions"].items():
        docs = max(c.get("docs", 1), 1)

        def per(k: str, c: Any = c, docs: int = docs) -> str:
            return f"{c.get(k, 0) / docs:.1f}"

        print(f"mentions/report {who:5s}: {per('mentions')}  true {per('true')}  false {per('false')} "
              f"(Syrian/Iraqi places {per('false_place')}, countries/governorates "
              f"{per('false_country_governorate')}, abroad {per('false_abroad')}, unresolved "
              f"{per('false_unresolved')}); frame-only (not counted) {per('frame_only')}")
    if "anercorp" in res:
        for label, v in res["anercorp"].items():
            ex, pa = v["exact"], v["partial"]
            print(f"ANERcorp LOC ({label}): gold {v['gold']} pred {v['pred']}  exact P={ex['precision']:.3f} "
                  f"R={ex['recall']:.3f}  partial P={pa['precision']:.3f} "
                  f"R={pa['recall']:.3f}")
    if a.misses:
        for m in res["misses"]:
            print(f"MISS {m['doc']} [{m['kind']}, p{m['precision']}] {m['gold']}: {m['reason']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
