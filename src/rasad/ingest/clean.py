"""Turn raw extracted text into the stored text, keeping a map back to the raw offsets.

Steps: split lines (``\\r\\n`` and ``\\r`` become ``\\n``); drop boilerplate lines by the rules of
``data/boilerplate.yaml``; strip spaces at both ends of each line; collapse runs of blank lines
to one; then the ``display`` normalisation of rasad.text.normalize (NFC, bidi controls and
tatweel removed, odd spaces made plain). The result and an :class:`OffsetMap` to the raw text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from rasad.ingest.fold import fold
from rasad.ingest.offsets import OffsetMap
from rasad.text.normalize import ARABIC_LETTER_FOLD, BIDI_CONTROLS, SPACES, TATWEEL, normalize

_NEEDS_DISPLAY = re.compile("[" + re.escape("".join(BIDI_CONTROLS) + TATWEEL + "".join(SPACES)) + "]")
_SPACE_RUN = re.compile(r"\s+")


@dataclass(slots=True, frozen=True)
class Rule:
    id: str
    kind: str  # line | block
    pattern: re.Pattern[str]
    max_len: int


@dataclass(slots=True)
class Rules:
    version: int
    rules: list[Rule]
    block_line_max: int = 150
    tail_share: float = 0.5
    max_len: int = field(default=0)


@lru_cache(maxsize=4)
def load_rules(path: str | None = None) -> Rules:
    """The boilerplate rules (the shipped file, or ``path``)."""
    if path is None:
        raw = resources.files("rasad").joinpath("data/boilerplate.yaml").read_text("utf-8")
    else:
        raw = Path(path).read_text("utf-8")
    data = yaml.safe_load(raw)
    rules = []
    for item in data["rules"]:
        if item["kind"] not in ("line", "block"):
            raise ValueError(f"boilerplate rule {item['id']}: unknown kind {item['kind']!r}")
        rules.append(
            # patterns are matched against the folded line (ئ -> ي, ة -> ه ...): fold their
            # Arabic letters the same way, so a rule may be written with ordinary spelling
            Rule(
                item["id"],
                item["kind"],
                re.compile(item["pattern"].translate(ARABIC_LETTER_FOLD)),
                int(item.get("max_len", 120)),
            )
        )
    return Rules(
        version=int(data.get("version", 1)),
        rules=rules,
        block_line_max=int(data.get("block_line_max", 150)),
        tail_share=float(data.get("tail_share", 0.5)),
        max_len=max((r.max_len for r in rules), default=0),
    )


def line_key(line: str) -> str:
    """The form rules are written against: match normalisation, spaces collapsed."""
    return _SPACE_RUN.sub(" ", fold(line)).strip()


def match_rule(line: str, rules: Rules) -> Rule | None:
    stripped = line.strip()
    if not stripped or len(stripped) > rules.max_len:
        return None
    key = line_key(stripped)
    for rule in rules.rules:
        if len(stripped) <= rule.max_len and rule.pattern.search(key):
            return rule
    return None


@dataclass(slots=True)
class Cleaned:
    text: str
    offset_map: OffsetMap
    dropped: Counter[str]


def _lines(raw: str) -> list[tuple[int, int, int]]:
    """(start, end of content, end including the line break) for each line."""
    out = []
    pos, n = 0, len(raw)
    while pos < n:
        nl = raw.find("\n", pos)
        cr = raw.find("\r", pos)
        if cr != -1 and (nl == -1 or cr < nl):
            end = cr
            brk = cr + 2 if raw.startswith("\r\n", cr) else cr + 1
        elif nl != -1:
            end, brk = nl, nl + 1
        else:
            end, brk = n, n
        out.append((pos, end, brk))
        pos = brk
    return out


def clean_text(raw: str, rules: Rules | None = None, boilerplate: bool = True) -> Cleaned:
    """Clean ``raw`` (see the module docstring); ``boilerplate=False`` keeps every line."""
    rules = rules or load_rules()
    lines = _lines(raw)
    keep = [True] * len(lines)
    dropped: Counter[str] = Counter()
    if boilerplate:
        i = 0
        while i < len(lines):
            s, e, _ = lines[i]
            rule = match_rule(raw[s:e], rules)
            if rule is None:
                i += 1
                continue
            keep[i] = False
            dropped[rule.id] += 1
            i += 1
            if rule.kind == "block":
                tail = s >= rules.tail_share * len(raw)
                while i < len(lines):
                    s2, e2, _ = lines[i]
                    if not tail and len(raw[s2:e2].strip()) > rules.block_line_max:
                        break
                    if raw[s2:e2].strip():
                        dropped[rule.id] += 1
                    keep[i] = False
                    i += 1
    segments: list[tuple[int, int]] = []
    pending_blank = False
    for (s, e, _), k in zip(lines, keep, strict=True):
        if not k:
            continue
        seg = raw[s:e]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg.rstrip())
        if lead >= trail:  # blank line
            pending_blank = bool(segments)
            continue
        if segments:
            segments.append((-1, 2 if pending_blank else 1))  # line breaks to insert
        segments.append((s + lead, s + trail))
        pending_blank = False
    # Build text; inserted breaks map to the raw position just after the previous segment.
    parts: list[str] = []
    offsets_runs: list[tuple[int, int]] = []
    pos = 0
    last_end = 0
    for a, b in segments:
        if a == -1:
            # a line break: point it at the raw break after the previous line when there is one
            for k in range(b):
                brk_src = last_end + k
                if brk_src >= len(raw) or raw[brk_src] not in "\r\n":
                    brk_src = min(last_end, max(len(raw) - 1, 0))
                parts.append("\n")
                offsets_runs.append((pos, brk_src))
                pos += 1
            continue
        parts.append(raw[a:b])
        offsets_runs.append((pos, a))
        pos += b - a
        last_end = b
    text = "".join(parts)
    omap = _runs_to_map(offsets_runs, len(text), len(raw))
    if _NEEDS_DISPLAY.search(text) or not _is_nfc(text):
        norm = normalize(text, "display")
        inner = OffsetMap.from_offsets(norm.offsets[:-1], len(text))
        omap = omap.compose(inner)
        text = norm.text
    return Cleaned(text, omap, dropped)


def _is_nfc(text: str) -> bool:
    import unicodedata

    return unicodedata.is_normalized("NFC", text)


def _runs_to_map(runs: list[tuple[int, int]], stored_len: int, raw_len: int) -> OffsetMap:
    merged: list[tuple[int, int]] = []
    if not runs:
        return OffsetMap([(0, 0)], stored_len, raw_len)
    ends: list[int] = [r[0] for r in runs[1:]] + [stored_len]
    for (s, r), end in zip(runs, ends, strict=True):
        if end <= s:
            continue
        if merged:
            ps, pr = merged[-1]
            if pr + (s - ps) == r:
                continue
        merged.append((s, r))
    return OffsetMap(merged or [(0, 0)], stored_len, raw_len)
