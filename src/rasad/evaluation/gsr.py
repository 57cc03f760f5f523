"""Score rasad's Arabic event detection on the Arabic event GSR (openeventdata/arabic_event_gsr).

``assault_gsr.csv`` and ``protest_gsr.csv`` hold Arabic sentences labelled by three annotators
for one PLOVER event type each. Only the clear labels are used: "yes" (unanimous accept) is a
positive, "easy no" (unanimous reject) a negative; "difficult no" and "ambiguous" are ignored.

A sentence (an Arabic Document with no publication date) is *detected* as ASSAULT / PROTEST
when the extractor yields at least one event whose sub-type is in the set given in
``rasad/data/acled_mapping.yaml`` (``gsr_detection``). ASSAULT follows PLOVER/CAMEO
(unconventional violence: attacks on people, abductions, sexual violence, bombings); a "broad"
variant also counts conventional armed violence (clashes, shelling, air strikes).

Reported per event type: precision = TP / (TP + FP) over yes + easy-no sentences, recall =
TP / (TP + FN) over the yes sentences, F1, and the counts.

Nothing is trained on this set here. If a model is ever trained on part of the GSR, it must be
scored on the remaining part only (pass that part's rows to :func:`score_gsr`).
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasad.evaluation.gold import prf
from rasad.evaluation.mappings import gsr_sub_types
from rasad.model import Document

GSR_FILES = {"ASSAULT": "arabic_event_gsr/assault_gsr.csv", "PROTEST": "arabic_event_gsr/protest_gsr.csv"}
POSITIVE = "yes"
NEGATIVE = "easy no"


@dataclass(frozen=True, slots=True)
class GsrSentence:
    id: str  # the dataset's sentence id
    doc_id: str  # shared by identical sentences, so each distinct text is extracted once
    event_type: str  # ASSAULT | PROTEST
    text: str
    positive: bool


def _doc_id(text: str) -> str:
    return "gsr-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def load_gsr(path: Path, event_type: str) -> tuple[list[GsrSentence], int]:
    """The yes / easy-no sentences of one file, and how many rows were ignored (other labels)."""
    out: list[GsrSentence] = []
    ignored = 0
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            label = (row.get("label") or "").strip()
            text = (row.get("text") or "").strip()
            if label not in (POSITIVE, NEGATIVE) or not text:
                ignored += 1
                continue
            out.append(GsrSentence(row.get("id") or "", _doc_id(text), event_type, text, label == POSITIVE))
    return out, ignored


def documents(sentences: Sequence[GsrSentence]) -> list[Document]:
    """One Arabic Document per distinct sentence text."""
    seen: dict[str, Document] = {}
    for s in sentences:
        if s.doc_id not in seen:
            seen[s.doc_id] = Document(id=s.doc_id, text=s.text, lang="ar", source="arabic_event_gsr")
    return list(seen.values())


def detected(events: Sequence[Mapping[str, Any]], subs: frozenset[str]) -> bool:
    return any(e.get("sub_event_type") in subs for e in events)


def _prf(tp: int, fp: int, fn: int, tn: int) -> dict[str, Any]:
    out: dict[str, Any] = prf(tp, tp + fp, tp + fn)
    del out["pred"], out["gold"]
    return {**out, "fp": fp, "fn": fn, "tn": tn, "positives": tp + fn, "negatives": fp + tn}


def score_gsr(
    sentences: Sequence[GsrSentence],
    events_by_doc: Mapping[str, Sequence[Mapping[str, Any]]],
    event_type: str,
    broad: bool = False,
) -> dict[str, Any]:
    """Detection P/R/F1 for one event type over its yes / easy-no sentences."""
    subs = gsr_sub_types(event_type, broad=broad)
    tp = fp = fn = tn = 0
    missed: list[str] = []
    false_alarms: list[str] = []
    for s in sentences:
        if s.event_type != event_type:
            continue
        hit = detected(events_by_doc.get(s.doc_id, ()), subs)
        if s.positive:
            tp += hit
            fn += not hit
            if not hit:
                missed.append(s.id)
        else:
            fp += hit
            tn += not hit
            if hit:
                false_alarms.append(s.id)
    out = _prf(tp, fp, fn, tn)
    out["missed_ids"] = missed[:50]  # sentence ids of the dataset, for looking them up
    out["false_alarm_ids"] = false_alarms[:50]
    return out
