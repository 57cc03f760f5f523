"""Showing Arabic readably in a terminal: letters shaped and lines laid out right to left.

Terminals print characters in logical order and rarely shape Arabic, so Arabic titles come
out reversed and disjointed. :func:`rtl` returns the visual form (arabic-reshaper + python-bidi
``get_display``) for text that contains Arabic, and leaves other text alone. Use it for
display only, never for stored or exported text.
"""

from __future__ import annotations

import os
import re

_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


def has_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text or ""))


def rtl(text: str | None) -> str:
    """``text`` shaped and reordered for a terminal when it contains Arabic (line by line).

    Set ``RASAD_NO_BIDI=1`` for terminals that do their own bidi (mlterm, some VTE builds).
    """
    if not text:
        return ""
    if not has_arabic(text) or os.environ.get("RASAD_NO_BIDI"):
        return text
    import arabic_reshaper
    from bidi import get_display

    return "\n".join(
        get_display(arabic_reshaper.reshape(line)) if has_arabic(line) else line for line in text.split("\n")
    )


def rtl_wrapped(text: str | None, width: int) -> list[str]:
    """``text`` wrapped at ``width`` in logical order, then each line made visual with :func:`rtl`.

    Wrapping must come first: a terminal or rich wrapping an already reordered line would
    put the end of an Arabic sentence on its first row.
    """
    import textwrap

    out: list[str] = []
    for para in (text or "").split("\n"):
        if not para.strip():
            out.append("")
            continue
        for line in textwrap.wrap(para, width=max(10, width)) or [""]:
            out.append(rtl(line))
    return out


def short(text: str | None, width: int) -> str:
    """One display line: ``text`` cut (in logical order) to ``width`` characters, then :func:`rtl`."""
    text = " ".join((text or "").split())
    if len(text) > width:
        text = text[: width - 1] + "…"
    return rtl(text)
