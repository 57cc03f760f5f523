"""Score rasad on CASE 2021 task 2 (fine-grained event classification of English snippets).

Each snippet becomes an English Document with no publication date; its predicted class is the
sub_event_type of the extractor's main event (the lead event: told first, then the most
confident; ``runner.main_event``), or "no event" when it yields none. Gold labels map to spec
sub-event types through ``rasad/data/acled_mapping.yaml``: the 25 ACLED classes to their
sub-type, the 5 classes the task added outside ACLED (DIPLO, MAN_MADE_DISASTER,
NATURAL_DISASTER, ORG_CRIME, ATTRIB) to "no event" — predicting no event for those is right.

How the F1s are computed (this differs from the shared task, which scored all 30 classes):

- per class, for each of the 25 ACLED classes c: TP = gold c and predicted c; FP = predicted c
  and gold anything else (another class or "no event"); FN = gold c and predicted anything else
  (another class or "no event"). "no event" is the negative class: it has no F1 of its own;
- **macro F1** = the unweighted mean of the 25 per-class F1 (a class with neither gold nor
  predicted snippets would be left out; every class has gold snippets in the released test set);
- **micro F1** = from the TP/FP/FN summed over the 25 classes;
- **accuracy** = share of all snippets whose class (or "no event") is right.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasad.evaluation.mappings import case_acled_classes, case_label
from rasad.evaluation.runner import main_event
from rasad.model import Document

CASE_TEST = "case2021/test_set_final_release_with_labels.tsv"
NO_EVENT = "no_event"


@dataclass(frozen=True, slots=True)
class CaseSnippet:
    id: str
    text: str
    label: str  # the task's label as written (AIR_STRIKE, NATURAL_DISASTER, ...)
    gold: str  # spec sub_event_type, or NO_EVENT for the non-ACLED classes


class UnknownLabel(ValueError):
    pass


def load_case(path: Path) -> list[CaseSnippet]:
    """Parse the tab-separated test file (id, EventSnippet, SubType; first line is a header)."""
    out: list[CaseSnippet] = []
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None:
            return out
        for row in reader:
            if len(row) < 3 or not row[0].strip():
                continue
            label = row[-1].strip()
            known, sub = case_label(label)
            if not known:
                raise UnknownLabel(f"CASE 2021 label {label!r} is not in acled_mapping.yaml")
            text = "\t".join(row[1:-1]).strip()
            out.append(CaseSnippet(id=f"case-{row[0].strip()}", text=text, label=label, gold=sub or NO_EVENT))
    return out


def documents(snippets: Sequence[CaseSnippet]) -> list[Document]:
    return [Document(id=s.id, text=s.text, lang="en", source="case2021") for s in snippets]


def predicted_class(events: Sequence[Mapping[str, Any]], classes: frozenset[str]) -> str:
    ev = main_event(events)
    sub = ev.get("sub_event_type") if ev else None
    return sub if sub in classes else NO_EVENT


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score_case(
    snippets: Sequence[CaseSnippet], events_by_doc: Mapping[str, Sequence[Mapping[str, Any]]]
) -> dict[str, Any]:
    """Per-class, macro and micro P/R/F1 over the 25 ACLED classes; see the module doc."""
    label_of = {case_label(lbl)[1]: lbl for lbl in case_acled_classes()}
    classes = frozenset(label_of)
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    right = 0
    other_right = other_n = 0
    for s in snippets:
        pred = predicted_class(events_by_doc.get(s.id, ()), classes)
        right += pred == s.gold
        if s.gold == NO_EVENT:
            other_n += 1
            other_right += pred == NO_EVENT
        if pred == s.gold:
            if pred != NO_EVENT:
                tp[pred] += 1
            continue
        confusion[(s.label, label_of.get(pred, "NO_EVENT"))] += 1
        if pred != NO_EVENT:
            fp[pred] += 1
        if s.gold != NO_EVENT:
            fn[s.gold] += 1
    per_class: dict[str, dict[str, Any]] = {}
    f1s: list[float] = []
    for sub, lbl in sorted(label_of.items(), key=lambda kv: kv[1]):
        n_gold = tp[sub] + fn[sub]
        n_pred = tp[sub] + fp[sub]
        p, r, f = _f1(tp[sub], fp[sub], fn[sub])
        per_class[lbl] = {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "gold": n_gold,
            "pred": n_pred,
        }
        if n_gold or n_pred:
            f1s.append(f)
    mp, mr, mf = _f1(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return {
        "snippets": len(snippets),
        "macro_f1": round(sum(f1s) / len(f1s), 4) if f1s else 0.0,
        "micro": {"precision": round(mp, 4), "recall": round(mr, 4), "f1": round(mf, 4)},
        "accuracy": round(right / len(snippets), 4) if snippets else None,
        "no_event_right": {"accuracy": round(other_right / other_n, 4) if other_n else None, "n": other_n},
        "classes_scored": len(f1s),
        "per_class": per_class,
        "confusions": [{"gold": g, "pred": p, "count": n} for (g, p), n in confusion.most_common(15)],
    }
