"""Control benchmark: timelines from 100,000 synthetic events over 10,000 places.

Prints the time to build all timelines, the time of a snapshot for a day (first call builds the
per-place index; later calls reuse it), the time of ``changes`` over a year and of the region
shares, and the peak RSS. Usage: ``python benchmarks/control.py [--events N] [--places N]``.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from datetime import date, timedelta

from rasad.control.regions import AdminResolver, region_shares
from rasad.control.timeline import ControlIndex, build_timelines, changes, snapshot
from rasad.model import Event, Evidence, Location

ACTORS = ["SYR_GOV", "ISIS", "SDF", "HTS", "SYR_OPP", "SNA", "IRQ_GOV", "PMF"]
GOVS = ["Deir-ez-Zor", "Ar-Raqqa", "Aleppo", "Homs", "Hama", "Al-Hasakeh", "Idleb", "Dar'a"]
SUBS = [
    ("battles", "government_regains_territory", 0.35),
    ("battles", "non_state_actor_overtakes_territory", 0.35),
    ("strategic_developments", "non_violent_transfer_of_territory", 0.1),
    ("battles", "armed_clash", 0.2),
]


def synthetic(n_events: int, n_places: int, seed: int = 7) -> tuple[list[Event], dict[str, date | None]]:
    rnd = random.Random(seed)
    start = date(2012, 1, 1)
    places = [
        Location(f"قرية {i}", 32 + rnd.random() * 5, 36 + rnd.random() * 6, rnd.choice(GOVS), 1,
                 f"SY:B{i:05d}" if i % 3 else None)
        for i in range(n_places)
    ]
    events: list[Event] = []
    published: dict[str, date | None] = {}
    weights = [w for *_, w in SUBS]
    for i in range(n_events):
        doc = f"doc{i // 5}"
        et, sub, _ = rnd.choices(SUBS, weights)[0]
        day = start + timedelta(days=rnd.randrange(0, 13 * 365))
        if doc not in published:
            published[doc] = day + timedelta(days=rnd.randrange(0, 3)) if rnd.random() < 0.8 else None
        undated = rnd.random() < 0.1
        a1 = rnd.choice(ACTORS) if not (sub.startswith("non_violent") and rnd.random() < 0.3) else None
        ev_day, precision = (None, None) if undated else (day, 1)
        evidence = Evidence(i % 5 * 100, i % 5 * 100 + 40, "سيطرت على")
        events.append(Event(doc, et, sub, a1, rnd.choice(ACTORS), rnd.choice(places), ev_day, precision, None,
                            evidence, 0.5 + rnd.random() / 2, rule="bench", id=f"ev{i}"))
    return events, published


def peak_rss_mb() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r / 1024 / (1024 if sys.platform == "darwin" else 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--places", type=int, default=10_000)
    args = ap.parse_args()
    t0 = time.perf_counter()
    events, published = synthetic(args.events, args.places)
    t_gen = time.perf_counter() - t0
    rss_before = peak_rss_mb()

    t0 = time.perf_counter()
    ivs = build_timelines(events, published=published)
    t_build = time.perf_counter() - t0
    n_places = len({iv.place_key for iv in ivs})

    days = [date(2013, 6, 1), date(2017, 11, 1), date(2020, 3, 15), date(2024, 12, 10)]
    t0 = time.perf_counter()
    first = snapshot(ivs, days[0])
    t_first = time.perf_counter() - t0
    times = []
    for d in days:
        t0 = time.perf_counter()
        snap = snapshot(ivs, d)
        times.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    ControlIndex(ivs)
    t_index = time.perf_counter() - t0
    t0 = time.perf_counter()
    ch = changes(ivs, date(2017, 1, 1), date(2017, 12, 31))
    t_changes = time.perf_counter() - t0
    t0 = time.perf_counter()
    shares = region_shares(ivs, snap, "governorates", AdminResolver(use_gazetteer=False))
    t_regions = time.perf_counter() - t0

    print(f"synthetic: {args.events:,} events over {args.places:,} places (generated in {t_gen:.2f} s)")
    print(f"build_timelines: {t_build:.2f} s -> {len(ivs):,} intervals, {n_places:,} places "
          f"({args.events / t_build:,.0f} events/s)")
    print(f"snapshot, first call (builds the index): {t_first * 1000:.1f} ms ({len(first):,} places held)")
    print(f"snapshot, indexed: {min(times) * 1000:.1f}-{max(times) * 1000:.1f} ms per day "
          f"({len(snap):,} places on {days[-1]})")
    print(f"index build alone: {t_index * 1000:.1f} ms; changes over 2017: {t_changes * 1000:.1f} ms "
          f"({len(ch):,} changes); governorate shares: {t_regions * 1000:.1f} ms ({len(shares)} regions)")
    print(f"peak RSS: {peak_rss_mb():.0f} MB (after generating the events: {rss_before:.0f} MB)")


if __name__ == "__main__":
    main()
