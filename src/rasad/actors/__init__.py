"""rasad.actors: who is named in a text, with the dictionary of src/rasad/data/actors.yaml.

API (agreed in COMMON.md): ``find_actors(text, lang)``, ``resolve_anaphora(text, lang, mentions)``,
``actor_kind(code)``, ``is_state_side(code)``; helpers ``find_all_actors``, ``last_actor_before``,
``coalition_groups``, ``leading_actor``, ``is_supporter``, ``document_country``, ``load_actors``.

An ActorMention's ``rule`` tells how it was found: the alias id (``SYR_GOV:ar:قوات النظام``,
``nationality:ar:تركي``, ``SNA:patron:ar:…``), then ``+gen`` when a genitive head was taken into
the span (عناصر التنظيم), ``@SY``/``@IQ`` when a generic name took the document's country (``@SY?``:
no country cue, Syria assumed), ``|support`` for an actor named as assisting (بدعم من X); anaphors
(``anaphor=True``) end in ``->antecedent`` or ``->fallback``.
"""

from rasad.actors.discourse import (
    actor_kind,
    coalition_groups,
    find_all_actors,
    is_non_state_armed,
    is_state_side,
    last_actor_before,
    leading_actor,
    resolve_anaphora,
)
from rasad.actors.finder import document_country, find_actors, is_supporter
from rasad.actors.lexicon import STATE_SIDE, ActorLexicon, load_actors

__all__ = [
    "STATE_SIDE",
    "ActorLexicon",
    "actor_kind",
    "coalition_groups",
    "document_country",
    "find_actors",
    "find_all_actors",
    "is_non_state_armed",
    "is_state_side",
    "is_supporter",
    "last_actor_before",
    "leading_actor",
    "load_actors",
    "resolve_anaphora",
]
