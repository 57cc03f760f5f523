"""``control.csv``: one row per place and interval (``rasad export --format control-csv``).

Columns: place_key, place_name, lat, lon, admin1, controller, valid_from, valid_to (empty
while open), confidence, kind (derived | observation | seed | contested | correction |
superseded), date_flag, evidence (event ids, ";"-joined), sources (document ids, ";"-joined).
Dates are ISO (YYYY-MM-DD); UTF-8 with a BOM-less header so pandas, QGIS (delimited text, X=lon,
Y=lat) and spreadsheets open it as is. Superseded records (claims that lost, zero-length
``valid_from == valid_to``) are included so the file shows every claim; filter on ``kind``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rasad.model import ControlInterval

COLUMNS = (
    "place_key",
    "place_name",
    "lat",
    "lon",
    "admin1",
    "controller",
    "valid_from",
    "valid_to",
    "confidence",
    "kind",
    "date_flag",
    "evidence",
    "sources",
)


def interval_row(iv: ControlInterval) -> dict[str, Any]:
    return {
        "place_key": iv.place_key,
        "place_name": iv.place_name,
        "lat": "" if iv.lat is None else iv.lat,
        "lon": "" if iv.lon is None else iv.lon,
        "admin1": iv.admin1 or "",
        "controller": iv.controller,
        "valid_from": iv.valid_from.isoformat(),
        "valid_to": iv.valid_to.isoformat() if iv.valid_to else "",
        "confidence": round(iv.confidence, 4),
        "kind": iv.kind,
        "date_flag": iv.date_flag or "",
        "evidence": ";".join(iv.evidence),
        "sources": ";".join(iv.sources),
    }


def write_control_csv(intervals: Iterable[ControlInterval], out: Path) -> int:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with open(out, "w", encoding="utf-8-sig", newline="") as f:  # BOM: Excel reads Arabic right
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        for iv in sorted(intervals, key=lambda iv: (iv.place_key, iv.valid_from, iv.kind == "superseded")):
            w.writerow(interval_row(iv))
            n += 1
    return n
