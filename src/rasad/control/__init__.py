"""rasad.control: who holds which place, since when, on whose word.

``build_timelines`` (events -> per-place intervals), ``snapshot`` (one day), ``changes``
(changes of hands in a period), ``history`` (one place); regions in ``rasad.control.regions``;
the control score in ``rasad.control.score``.
"""

from rasad.control.timeline import build_timelines, changes, history, snapshot

__all__ = ["build_timelines", "changes", "history", "snapshot"]
