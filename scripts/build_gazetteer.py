#!/usr/bin/env python3
"""Build rasad's packaged gazetteer from the public place lists.

    python scripts/build_gazetteer.py [SRC_DIR] [--out src/rasad/data/gazetteer/places.tsv.gz]

SRC_DIR (default ../shared/gazetteer) holds the CSV files described in its SOURCES.md (OCHA-based
Syrian communities, neighbourhoods, sites, admin 2/3; IOM Iraq locations; Iraq's cities); the
governorate and district polygons in SRC_DIR/../boundaries give centroids where no town does.
The output is one gzip'd TSV (see rasad.places.sources.COMPACT_COLUMNS); licences: NOTICE.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from rasad.places.sources import read_source_dir, write_compact  # noqa: E402

DEFAULT_OUT = REPO / "src" / "rasad" / "data" / "gazetteer" / "places.tsv.gz"


def build(src: Path, out: Path = DEFAULT_OUT) -> dict[str, object]:
    """Read ``src``, write ``out``; returns counts for a summary."""
    if not src.is_dir():
        raise FileNotFoundError(f"source directory not found: {src}")
    recs = read_source_dir(src)
    if not recs:
        raise ValueError(f"no place list found in {src}")
    ids = Counter(r.id for r in recs)
    dup = [i for i, n in ids.items() if n > 1]
    if dup:
        raise ValueError(f"duplicate ids: {dup[:10]}")
    write_compact(recs, out)
    return {
        "out": str(out),
        "bytes": out.stat().st_size,
        "places": len(recs),
        "by_source": dict(Counter(r.source for r in recs)),
        "by_kind": dict(Counter(r.kind for r in recs)),
        "no_coordinates": sum(1 for r in recs if r.lat is None),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("src", nargs="?", default=str(REPO.parent / "shared" / "gazetteer"))
    ap.add_argument("--out", default=str(DEFAULT_OUT))
    a = ap.parse_args(argv)
    try:
        summary = build(Path(a.src), Path(a.out))
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    for k, v in summary.items():
        print(f"{k}: {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
