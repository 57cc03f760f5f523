"""The values passed between rasad's stages, and nothing else.

Flow: Document -> mentions (places, actors, dates, numbers, triggers) -> Event -> ControlInterval.
Every offset is a character offset into ``Document.text`` as stored (never into a normalised
view): stages that work on normalised text map their offsets back before building these values.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

Lang = Literal["ar", "en", "other"]


@dataclass(slots=True)
class Document:
    """One article as stored: the text that evidence offsets point into."""

    id: str
    text: str
    lang: Lang = "other"
    title: str | None = None
    url: str | None = None
    published: date | None = None
    source: str | None = None  # outlet or file the document came from
    author: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True, frozen=True)
class Place:
    """A gazetteer entry. ``id`` is stable across builds (source prefix + source code)."""

    id: str
    name_ar: str | None
    name_en: str | None
    kind: str  # country | governorate | district | subdistrict | town | neighbourhood | site | region
    lat: float | None
    lon: float | None
    country: str  # ISO2: SY, IQ, ...
    admin1: str | None = None  # governorate (English, as in ACLED / OCHA)
    admin2: str | None = None  # district
    admin3: str | None = None  # sub-district
    population: int | None = None
    source: str = ""  # which list it came from (ocha, iom, cities, overlay, geonames, user)


@dataclass(slots=True)
class PlaceMention:
    """A place named in the text. ``name`` is the name as written (clitics and quotes stripped)."""

    start: int
    end: int
    name: str
    candidates: list[Place] = field(default_factory=list)
    place: Place | None = None  # the chosen resolution (None: unresolved)
    geo_precision: int = 1  # 1 the place itself; 2 near/part of it; 3 only district/governorate
    frame: str | None = None  # countryside | north | south | east | west | around | outskirts | ...
    noun: str | None = None  # place noun that introduced it (قرية، بلدة، حقل، village, base ...)
    rule: str = ""  # which matcher rule found it
    score: float = 1.0  # belief that this span is a place at all
    # (geoparser) where an unresolved or framed mention takes its coordinates from: the place
    # the text locates it by ("قرية الخطاف شرق مدينة منبج" -> منبج, with geo_precision 2)
    anchor: Place | None = None
    # (geoparser) True when this mention only locates another place named just before it
    # (a direction or frame: spec rule 1), so it is not an event place by itself
    frame_only: bool = False

    @property
    def resolved(self) -> bool:
        return self.place is not None


@dataclass(slots=True)
class ActorMention:
    start: int
    end: int
    code: str  # canonical code of spec/actors.csv
    surface: str
    rule: str = ""  # alias id, or the discourse rule that resolved an anaphor
    anaphor: bool = False


@dataclass(slots=True)
class DateMention:
    start: int
    end: int
    value: date | None
    precision: int | None  # 1 day, 2 week, 3 month
    rule: str = ""


@dataclass(slots=True)
class NumberMention:
    start: int
    end: int
    value: int | None  # None for vague quantities ("dozens", عشرات)
    rule: str = ""


@dataclass(slots=True)
class Location:
    name: str
    lat: float | None
    lon: float | None
    admin1: str | None
    geo_precision: int
    place_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "admin1": self.admin1,
            "geo_precision": self.geo_precision,
        }


@dataclass(slots=True)
class Evidence:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Event:
    """One event in the format of spec/events.md, plus provenance fields."""

    doc_id: str
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    location: Location | None
    date: date | None
    time_precision: int | None
    fatalities: int | None
    evidence: Evidence
    confidence: float
    rule: str = ""  # the rule(s) or model that produced it
    id: str = ""  # stable: hash of (doc, sub type, place, evidence start)
    actor1_text: str | None = None
    actor2_text: str | None = None
    date_flag: str | None = None  # e.g. "publication" when the date fell back to the report's date

    def to_json(self) -> dict[str, Any]:
        """The spec's JSON object (and the extra provenance fields the spec allows)."""
        out: dict[str, Any] = {
            "doc_id": self.doc_id,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "location": self.location.to_json() if self.location else None,
            "date": self.date.isoformat() if self.date else None,
            "time_precision": self.time_precision,
            "fatalities": self.fatalities,
            "evidence": asdict(self.evidence),
            "confidence": round(self.confidence, 3),
            "id": self.id,
            "rule": self.rule,
            "place_id": self.location.place_id if self.location else None,
        }
        if self.actor1_text is not None:
            out["actor1_text"] = self.actor1_text
        if self.actor2_text is not None:
            out["actor2_text"] = self.actor2_text
        if self.date_flag:
            out["date_flag"] = self.date_flag
        return out


@dataclass(slots=True)
class ControlInterval:
    """``[valid_from, valid_to) -> controller`` for one place; valid_to None while open."""

    place_key: str  # place id, or "name:<normalised name>" for places no gazetteer has
    place_name: str
    lat: float | None
    lon: float | None
    admin1: str | None
    controller: str
    valid_from: date
    valid_to: date | None
    confidence: float
    evidence: list[str] = field(default_factory=list)  # event ids
    sources: list[str] = field(default_factory=list)  # document ids
    kind: str = "derived"  # derived | observation | seed | correction
    date_flag: str | None = None
