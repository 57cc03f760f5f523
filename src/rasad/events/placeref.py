"""What the events stage keeps of a place: the chosen mention, how it was chosen, its key."""

from __future__ import annotations

from dataclasses import dataclass

from rasad.events.context import Span
from rasad.model import PlaceMention
from rasad.text.normalize import match_key

ADMIN_KINDS = frozenset({"governorate", "country", "district", "subdistrict", "region"})


@dataclass(slots=True)
class PlaceChoice:
    span: Span[PlaceMention]
    how: str  # scope | anaphora | before | frame
    geo_precision: int


def is_frame(p: PlaceMention) -> bool:
    if getattr(p, "frame_only", False):
        return True
    if p.frame:
        return True
    return bool(p.place is not None and p.place.kind in ADMIN_KINDS and p.noun is None)


def place_key(p: PlaceMention) -> str:
    if p.place is not None:
        return p.place.id
    return "name:" + match_key(p.name).removeprefix("ال")
