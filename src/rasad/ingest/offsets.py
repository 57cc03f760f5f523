"""A compact map from the stored text back to the raw extracted text.

The stored ``Document.text`` is the extracted text with boilerplate lines removed, blank
lines collapsed and the ``display`` normalisation applied (NFC, bidi controls and tatweel
removed, odd spaces made plain). Every step only deletes characters or replaces one by one
(NFC may compose a cluster into one), so the map is a short list of runs: ``[s, r]`` means
stored offset ``s + k`` comes from raw offset ``r + k`` until the next run starts. It is kept
in ``Document.meta["offset_map"]`` (absent when the stored text is the raw text), with the raw
length in ``meta["raw_length"]``. Gold offsets into a raw text map into the stored text with
:meth:`OffsetMap.from_raw`; evidence offsets map back with :meth:`OffsetMap.span_to_raw`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class OffsetMap:
    runs: list[tuple[int, int]]  # (stored start, raw start), stored starts increasing
    stored_length: int
    raw_length: int

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls([(0, 0)], length, length)

    @classmethod
    def from_segments(cls, segments: Iterable[tuple[int, int]], raw_length: int) -> OffsetMap:
        """Stored text = concatenation of ``raw[a:b]`` for each segment, in order."""
        runs: list[tuple[int, int]] = []
        pos = 0
        for a, b in segments:
            if b <= a:
                continue
            if runs and runs[-1][1] + (pos - runs[-1][0]) == a:
                pass  # contiguous with the previous run
            else:
                runs.append((pos, a))
            pos += b - a
        return cls(runs or [(0, 0)], pos, raw_length)

    @classmethod
    def from_offsets(cls, offsets: Sequence[int], raw_length: int) -> OffsetMap:
        """From a per-character list (stored index -> raw index)."""
        runs: list[tuple[int, int]] = []
        prev = None
        for i, o in enumerate(offsets):
            if prev is None or o != prev + 1:
                runs.append((i, o))
            prev = o
        return cls(runs or [(0, 0)], len(offsets), raw_length)

    @property
    def is_identity(self) -> bool:
        return self.runs == [(0, 0)] and self.stored_length == self.raw_length

    def to_raw(self, i: int) -> int:
        """Raw offset of stored offset ``i`` (``i == stored_length`` maps to the raw end)."""
        if i >= self.stored_length:
            if not self.stored_length:
                return 0
            return self.to_raw(self.stored_length - 1) + 1
        k = bisect_right(self.runs, (i, float("inf"))) - 1
        s, r = self.runs[max(k, 0)]
        return r + (i - s)

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            o = self.to_raw(start)
            return o, o
        return self.to_raw(start), self.to_raw(end - 1) + 1

    def from_raw(self, j: int) -> int:
        """Stored offset of raw offset ``j``; a dropped character maps to the next kept one."""
        best = self.stored_length
        for idx, (s, r) in enumerate(self.runs):
            run_end = self.runs[idx + 1][0] if idx + 1 < len(self.runs) else self.stored_length
            length = run_end - s
            if r <= j < r + length:
                return s + (j - r)
            if r > j:
                best = min(best, s)
        return best

    def compose(self, inner: OffsetMap) -> OffsetMap:
        """``self`` maps A -> raw; ``inner`` maps B -> A; the result maps B -> raw."""
        if inner.is_identity:
            return self
        if self.is_identity:
            return OffsetMap(inner.runs, inner.stored_length, self.raw_length)
        offsets = [self.to_raw(inner.to_raw(i)) for i in range(inner.stored_length)]
        return OffsetMap.from_offsets(offsets, self.raw_length)

    def to_json(self) -> list[list[int]]:
        return [[s, r] for s, r in self.runs]

    @classmethod
    def from_meta(cls, meta: dict[str, Any], stored_length: int) -> OffsetMap:
        runs = meta.get("offset_map")
        if not runs:
            return cls.identity(stored_length)
        return cls([(int(s), int(r)) for s, r in runs], stored_length, int(meta.get("raw_length", 0)))
