"""Score rasad on ACLED's English notes (evaluation only: ACLED data is never shipped or tuned on).

Each note becomes an English Document published on the event's date; the extractor's main
event (the lead event: told first, then the most confident) is compared with ACLED's coding:

- ``sub_event_type`` / ``event_type`` accuracy over all notes (ACLED names mapped to the spec's
  snake_case by ``rasad/data/acled_mapping.yaml``; a note with no predicted event is wrong);
- ``actor1`` accuracy over the notes whose ACLED actor1 maps to rasad codes
  (``rasad/data/acled_actor_mapping.yaml``; any of the accepted codes is right);
- ``location``: the predicted place within 5 km (ACLED geo_precision 1) or 30 km (2, 3) of
  ACLED's coordinates; no predicted coordinates is wrong;
- ``fatalities``: exact, with rasad's null ("not stated") read as ACLED's 0; also on its own
  over the notes where ACLED counts deaths (> 0).

The 2018 file has no event_type: it is scored on actor1, location and fatalities only.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from rasad.evaluation.gold import km
from rasad.evaluation.mappings import acled_actor_codes, acled_event_type, acled_sub_event_type
from rasad.evaluation.runner import main_event
from rasad.model import Document

ACLED_2020 = "acled/acled_syria_iraq_2020-04-27_2020-05-09.csv"
ACLED_2018 = "acled/acled_syria_iraq_2018-03-01_2018-04-30_no_event_type.csv"
_DATE_FORMATS = ("%d-%b-%y", "%d %B %Y", "%Y-%m-%d", "%d-%B-%y")


@dataclass(frozen=True, slots=True)
class AcledRecord:
    id: str
    day: date | None
    notes: str
    event_type: str | None  # spec snake_case, None when the file has none
    sub_event_type: str | None
    acled_sub_event_type: str
    actor1: str
    actor1_codes: tuple[str, ...] | None  # None: not scored
    actor1_covered: bool  # the mapping file knows this name
    location: str
    lat: float | None
    lon: float | None
    geo_precision: int
    fatalities: int | None


def _day(s: str) -> date | None:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(s.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _float(s: str | None) -> float | None:
    try:
        return float(s) if s not in (None, "") else None
    except ValueError:
        return None


def load_acled(path: Path) -> list[AcledRecord]:
    """Parse an ACLED CSV extract (either file); rows without notes are skipped."""
    out: list[AcledRecord] = []
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            notes = (row.get("notes") or "").strip()
            if not notes:
                continue
            sub_name = (row.get("sub_event_type") or "").strip()
            covered, codes = acled_actor_codes(row.get("actor1") or "")
            fat = _float(row.get("fatalities"))
            gp = _float(row.get("geo_precision"))
            rid = (row.get("event_id_cnty") or row.get("data_id") or str(len(out))).strip()
            out.append(
                AcledRecord(
                    id=f"acled-{rid}",
                    day=_day(row.get("event_date") or ""),
                    notes=notes,
                    event_type=acled_event_type(row.get("event_type") or "")
                    if row.get("event_type")
                    else None,
                    sub_event_type=acled_sub_event_type(sub_name) if sub_name else None,
                    acled_sub_event_type=sub_name,
                    actor1=(row.get("actor1") or "").strip(),
                    actor1_codes=codes,
                    actor1_covered=covered,
                    location=(row.get("location") or "").strip(),
                    lat=_float(row.get("latitude")),
                    lon=_float(row.get("longitude")),
                    geo_precision=int(gp) if gp else 1,
                    fatalities=int(fat) if fat is not None else None,
                )
            )
    return out


def documents(records: Sequence[AcledRecord]) -> list[Document]:
    """One English Document per note, published on the event's date."""
    return [Document(id=r.id, text=r.notes, lang="en", published=r.day, source="acled") for r in records]


def _acc(hits: int, n: int) -> dict[str, Any]:
    return {"accuracy": round(hits / n, 4) if n else None, "n": n, "hits": hits}


def location_hit(rec: AcledRecord, pred: Mapping[str, Any] | None) -> bool:
    loc = (pred or {}).get("location") or {}
    if rec.lat is None or rec.lon is None or loc.get("lat") is None or loc.get("lon") is None:
        return False
    limit = 5.0 if rec.geo_precision == 1 else 30.0
    return km({"lat": rec.lat, "lon": rec.lon}, loc) <= limit


def score_acled(
    records: Sequence[AcledRecord], events_by_doc: Mapping[str, Sequence[Mapping[str, Any]]]
) -> dict[str, Any]:
    """Accuracies of the main predicted event against ACLED's coding (see the module doc)."""
    c: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    unmapped_actors: Counter[str] = Counter()
    actor_conf: Counter[tuple[str, str]] = Counter()
    for r in records:
        pred = main_event(events_by_doc.get(r.id, ()))
        got_sub = pred.get("sub_event_type") if pred else None
        if pred is None:
            c["no_event"] += 1
        if r.sub_event_type is not None:
            c["n_sub"] += 1
            c["hit_sub"] += got_sub == r.sub_event_type
            if got_sub != r.sub_event_type:
                confusion[(r.sub_event_type, got_sub or "(no event)")] += 1
        if r.event_type is not None:
            c["n_type"] += 1
            c["hit_type"] += bool(pred) and pred.get("event_type") == r.event_type
        if not r.actor1_covered:
            unmapped_actors[r.actor1] += 1
        if r.actor1_codes:
            c["n_actor1"] += 1
            got_actor = pred.get("actor1") if pred else None
            if got_actor in r.actor1_codes:
                c["hit_actor1"] += 1
            else:
                actor_conf[(r.actor1, str(got_actor) if pred else "(no event)")] += 1
        if r.lat is not None and r.lon is not None:
            c["n_loc"] += 1
            c["hit_loc"] += location_hit(r, pred)
        if r.fatalities is not None:
            got = pred.get("fatalities") if pred else None
            got = 0 if got is None else got
            c["n_fat"] += 1
            c["hit_fat"] += got == r.fatalities
            if r.fatalities > 0:
                c["n_fat_pos"] += 1
                c["hit_fat_pos"] += got == r.fatalities
    return {
        "notes": len(records),
        "no_event": c["no_event"],
        "event_type": _acc(c["hit_type"], c["n_type"]),
        "sub_event_type": _acc(c["hit_sub"], c["n_sub"]),
        "actor1": _acc(c["hit_actor1"], c["n_actor1"]),
        "location": _acc(c["hit_loc"], c["n_loc"]),
        "fatalities": _acc(c["hit_fat"], c["n_fat"]),
        "fatalities_stated": _acc(c["hit_fat_pos"], c["n_fat_pos"]),
        "confusions": [{"gold": g, "pred": p, "count": n} for (g, p), n in confusion.most_common(15)],
        "actor1_confusions": [{"gold": g, "pred": p, "count": n} for (g, p), n in actor_conf.most_common(15)],
        "unmapped_actors": dict(unmapped_actors.most_common()),
    }
