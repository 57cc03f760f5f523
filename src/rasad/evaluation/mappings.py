"""Label mappings between outside evaluation sets and rasad's taxonomy and actor codes.

The mappings are data (``rasad/data/acled_mapping.yaml``, ``rasad/data/acled_actor_mapping.yaml``),
commented and versioned there; this module only loads and applies them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml


def _load(name: str) -> dict[str, Any]:
    text = resources.files("rasad").joinpath("data", name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"rasad/data/{name}: expected a mapping at the top level")
    return data


@cache
def label_mapping() -> dict[str, Any]:
    """The whole of acled_mapping.yaml (event types, sub-event types, CASE labels, GSR sets)."""
    return _load("acled_mapping.yaml")


def acled_sub_event_type(name: str) -> str | None:
    """ACLED's sub_event_type name (e.g. "Air/drone strike") -> spec snake_case, or None."""
    return label_mapping()["sub_event_types"].get(name.strip())


def acled_event_type(name: str) -> str | None:
    return label_mapping()["event_types"].get(name.strip())


def case_label(label: str) -> tuple[bool, str | None]:
    """A CASE 2021 label -> (known, spec sub_event_type or None for the non-ACLED classes)."""
    table: dict[str, str | None] = label_mapping()["case2021_labels"]
    if label not in table:
        return False, None
    return True, table[label]


def case_acled_classes() -> list[str]:
    """The CASE labels that are ACLED classes (mapped to a sub-event type), in file order."""
    return [k for k, v in label_mapping()["case2021_labels"].items() if v]


def gsr_sub_types(event_type: str, broad: bool = False) -> frozenset[str]:
    """Sub-event types that count as detecting a GSR event type (ASSAULT / PROTEST)."""
    table = label_mapping()["gsr_detection"]
    subs = set(table[event_type])
    if broad:
        subs |= set(table.get(f"{event_type}_broad_extra") or ())
    return frozenset(subs)


@dataclass(frozen=True, slots=True)
class ActorRule:
    id: str
    pattern: re.Pattern[str]
    codes: tuple[str, ...] | None


@cache
def _actor_tables() -> tuple[dict[str, tuple[str, ...] | None], tuple[ActorRule, ...]]:
    data = _load("acled_actor_mapping.yaml")
    exact = {k.strip(): (tuple(v) if v else None) for k, v in (data.get("exact") or {}).items()}
    rules = tuple(
        ActorRule(
            r["id"], re.compile(r["pattern"], re.IGNORECASE), tuple(r["codes"]) if r.get("codes") else None
        )
        for r in data.get("patterns") or ()
    )
    return exact, rules


def acled_actor_codes(name: str) -> tuple[bool, tuple[str, ...] | None]:
    """ACLED actor name -> (covered by the mapping, accepted codes or None = not scored)."""
    name = (name or "").strip()
    if not name:
        return True, None
    exact, rules = _actor_tables()
    if name in exact:
        return True, exact[name]
    for rule in rules:
        if rule.pattern.match(name):
            return True, rule.codes
    return False, None
