"""The candidate event passed from assembly to merging, and the taxonomy tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rasad.events.placeref import PlaceChoice
from rasad.events.roles import Roles

EVENT_TYPE = {
    "armed_clash": "battles",
    "government_regains_territory": "battles",
    "non_state_actor_overtakes_territory": "battles",
    "air_drone_strike": "explosions_remote_violence",
    "shelling_artillery_missile_attack": "explosions_remote_violence",
    "remote_explosive_landmine_ied": "explosions_remote_violence",
    "suicide_bomb": "explosions_remote_violence",
    "grenade": "explosions_remote_violence",
    "chemical_weapon": "explosions_remote_violence",
    "attack": "violence_against_civilians",
    "abduction_forced_disappearance": "violence_against_civilians",
    "sexual_violence": "violence_against_civilians",
    "peaceful_protest": "protests",
    "protest_with_intervention": "protests",
    "excessive_force_against_protesters": "protests",
    "violent_demonstration": "riots",
    "mob_violence": "riots",
    "agreement": "strategic_developments",
    "arrests": "strategic_developments",
    "change_to_group_activity": "strategic_developments",
    "disrupted_weapons_use": "strategic_developments",
    "headquarters_or_base_established": "strategic_developments",
    "looting_property_destruction": "strategic_developments",
    "non_violent_transfer_of_territory": "strategic_developments",
    "other": "strategic_developments",
}
TERRITORY = (
    "government_regains_territory",
    "non_state_actor_overtakes_territory",
    "non_violent_transfer_of_territory",
)
# which sub-type a protest told several times takes: ACLED's order - protesters who use violence
# make a riot whatever the police did; lethal force against peaceful protesters; dispersal
PROTEST_SEVERITY = {
    "peaceful_protest": 0,
    "protest_with_intervention": 1,
    "excessive_force_against_protesters": 2,
    "violent_demonstration": 3,
}


def family(event: str) -> str:
    if event in ("territory", "withdrawal") or event in TERRITORY:
        return "territory"
    if event in PROTEST_SEVERITY:
        return "protest"
    return event


@dataclass(slots=True)
class Candidate:
    sub: str
    roles: Roles
    place: PlaceChoice | None
    date: date | None
    precision: int | None
    date_flag: str | None
    fatalities: int | None
    ev_start: int
    ev_end: int
    confidence: float
    rules: list[str] = field(default_factory=list)
    sentence: int = -1
    hit_start: int = 0
    headline: bool = False
    collective: bool = False
    another: bool = False  # told as a second / another one ("سيارة مفخخة ثانية", "another bomb")
    after_link: bool = False  # told after "بعد / إثر / after" in its sentence: a cause or earlier step
    elaborates: bool = False  # a definite mention ("التفجير", "the raids") that adds a place
