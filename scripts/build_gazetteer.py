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
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from rasad.places.sources import build_compact  # noqa: E402

DEFAULT_OUT = REPO / "src" / "rasad" / "data" / "gazetteer" / "places.tsv.gz"


def build(src: Path, out: Path = DEFAULT_OUT) -> dict[str, object]:
    """Read ``src``, write ``out``; returns counts for a summary."""
    return build_compact(src, out)


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
