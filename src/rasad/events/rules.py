"""Loading the trigger rules (src/rasad/data/triggers/*.yaml) and the event cue lists.

Rules are data: each has an id, the event it signals and its surface forms. Forms are
match-normalised on load, so the data files are written in ordinary spelling. The compiled
rule set holds one Aho-Corasick automaton per language (built once, cached).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from rasad.text.normalize import match_key

CODE_LISTS = frozenset({"alliances"})  # cue sections whose values are actor codes, not words


@dataclass(slots=True)
class Rule:
    id: str
    event: str  # a sub_event_type, or "territory" / "withdrawal"
    lang: str
    strength: float = 0.7
    subject: str = "actor1"
    actor1: str | None = None
    actor2: str | None = None
    requires_after: tuple[str, ...] = ()
    requires_before: tuple[str, ...] = ()  # within ``window`` words before, same sentence
    requires_near: tuple[str, ...] = ()
    block_near: tuple[str, ...] = ()
    block_before: tuple[str, ...] = ()
    block_after: tuple[str, ...] = ()
    block_prev: tuple[str, ...] = ()  # the word right before the trigger ("the abandoned factory")
    switch: dict[str, tuple[str, ...]] = field(default_factory=dict)
    imperfect: bool = False
    place_from: bool = False
    weak: bool = False
    window: int = 7
    flags: frozenset[str] = frozenset()


@dataclass(slots=True)
class RuleSet:
    lang: str
    rules: list[Rule]
    automaton: Any  # ahocorasick.Automaton: key -> list[(form, rule index, suffix set)]
    suffixes: dict[str, frozenset[str]]
    max_suffix: int
    single_forms: frozenset[str] = frozenset()  # one-word trigger forms


def _norm_list(words: list[str] | None) -> tuple[str, ...]:
    return tuple(match_key(w) for w in (words or []) if match_key(w))


DATA_DIR = Path(__file__).resolve().parents[1] / "data"


def _read_yaml(sub: str, name: str) -> dict[str, Any]:
    return yaml.safe_load((DATA_DIR / sub / name).read_text(encoding="utf-8")) or {}


@lru_cache(maxsize=4)
def load_rules(lang: str) -> RuleSet:
    """The compiled rule set for ``lang`` ("ar" or "en")."""
    data = _read_yaml("triggers", f"{lang}.yaml")
    suffixes = {
        k: frozenset(match_key(s) if s else "" for s in v) for k, v in (data.get("suffix_sets") or {}).items()
    }
    default_suffix = "std" if lang == "ar" else "en"
    suffixes.setdefault(default_suffix, frozenset({""}))
    suffixes["none"] = frozenset({""})
    rules: list[Rule] = []
    entries: dict[str, list[tuple[str, int, str]]] = {}
    seen: set[str] = set()
    for raw in data.get("rules") or []:
        rid = raw["id"]
        if rid in seen:
            raise ValueError(f"duplicate trigger rule id {rid}")
        seen.add(rid)
        rule = Rule(
            id=rid,
            event=raw["event"],
            lang=lang,
            strength=float(raw.get("strength", 0.7)),
            subject=raw.get("subject", "actor1"),
            actor1=raw.get("actor1"),
            actor2=raw.get("actor2"),
            requires_after=_norm_list(raw.get("requires_after")),
            requires_before=_norm_list(raw.get("requires_before")),
            requires_near=_norm_list(raw.get("requires_near")),
            block_near=_norm_list(raw.get("block_near")),
            block_before=_norm_list(raw.get("block_before")),
            block_after=_norm_list(raw.get("block_after")),
            block_prev=_norm_list(raw.get("block_prev")),
            switch={k: _norm_list(v) for k, v in (raw.get("switch") or {}).items()},
            imperfect=bool(raw.get("imperfect", False)),
            place_from=bool(raw.get("place_from", False)),
            weak=bool(raw.get("weak", False)),
            window=int(raw.get("window", 7)),
            flags=frozenset(raw.get("flags") or ()),
        )
        idx = len(rules)
        rules.append(rule)
        sfx = raw.get("suffixes", default_suffix)
        for form in raw.get("forms") or []:
            key = match_key(form)
            if key:
                entries.setdefault(key, []).append((key, idx, sfx))
    auto = ahocorasick.Automaton()
    for key, vals in entries.items():
        auto.add_word(key, vals)
    auto.make_automaton()
    max_suffix = max((len(s) for v in suffixes.values() for s in v), default=0)
    singles = frozenset(k for k in entries if " " not in k)
    return RuleSet(lang, rules, auto, suffixes, max_suffix, singles)


@lru_cache(maxsize=1)
def load_cues() -> dict[str, Any]:
    """Event cue lists (src/rasad/data/events/cues.yaml), match-normalised.

    Lists of actor codes (``alliances``, ``*_actors``) are kept as written."""
    data = _read_yaml("events", "cues.yaml")
    out: dict[str, Any] = {}
    for key, val in data.items():
        if key == "version":
            continue
        if key in CODE_LISTS or key.endswith("_actors"):
            out[key] = {k: tuple(v) for k, v in val.items()} if isinstance(val, dict) else tuple(val or ())
        elif isinstance(val, dict):
            out[key] = {k: (_norm_list(v) if isinstance(v, list) else v) for k, v in val.items()}
        elif isinstance(val, list):
            out[key] = _norm_list(val)
        else:
            out[key] = val
    return out
