"""rasad.events: native Arabic and English extraction of ACLED-style events.

API: ``rasad.events.extract.extract_document(doc) -> list[Event]``; ``EXTRACTOR_VERSION``;
``rasad.events.background.find_control_observations(doc)`` for the control stage.
Rules and cue words are data (src/rasad/data/triggers/*.yaml, src/rasad/data/events/cues.yaml).
"""

EXTRACTOR_VERSION = "events-0.1"
