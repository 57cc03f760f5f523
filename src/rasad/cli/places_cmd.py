"""``rasad places find TEXT|FILE``: the place mentions of a text, their candidates and resolution."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from rasad.cli.common import EXIT_FATAL, console, err_console


def _shape(s: str) -> str:
    """Arabic shaped and reordered for a left-to-right terminal."""
    if not any("\u0600" <= c <= "\u06ff" for c in s):
        return s
    try:
        import arabic_reshaper
        from bidi.algorithm import get_display

        return str(get_display(arabic_reshaper.reshape(s)))
    except Exception:  # pragma: no cover - display nicety only
        return s


def register(app: typer.Typer) -> None:
    places = typer.Typer(help="Find place mentions in text (geoparser).", no_args_is_help=True)

    @places.command("find")
    def find(
        source: str = typer.Argument(..., help="The text itself, or a file holding it ('-' for stdin)."),
        lang: str = typer.Option("", "--lang", help="ar | en (guessed from the script when left out)."),
        as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
        raw: bool = typer.Option(False, "--raw", help="Do not reshape Arabic for the terminal."),
    ) -> None:
        """Print the place mentions of TEXT (or of the file TEXT names)."""
        import sys

        from rasad.places.geoparser import find_places, to_location

        if source == "-":
            text = sys.stdin.read()
        else:
            p = Path(source)
            try:
                is_file = len(source) < 4096 and p.is_file()
            except OSError:
                is_file = False
            text = p.read_text(encoding="utf-8") if is_file else source
        if not lang:
            arabic = sum(1 for c in text if "\u0600" <= c <= "\u06ff")
            lang = "ar" if arabic * 3 >= sum(1 for c in text if c.isalpha()) else "en"
        try:
            mentions = find_places(text, lang)
        except (OSError, ValueError) as exc:
            err_console.print(f"[red]cannot load the gazetteer:[/red] {exc}")
            raise typer.Exit(EXIT_FATAL) from exc
        if as_json:
            out = []
            for m in mentions:
                loc = to_location(m, text)
                out.append({
                    "start": m.start, "end": m.end, "text": text[m.start:m.end], "name": m.name,
                    "frame": m.frame, "frame_only": m.frame_only, "noun": m.noun, "rule": m.rule,
                    "candidates": len(m.candidates),
                    "top": [{"id": c.id, "name_ar": c.name_ar, "name_en": c.name_en, "kind": c.kind,
                             "admin1": c.admin1} for c in m.candidates[:5]],
                    "place_id": m.place.id if m.place else None,
                    "anchor_id": m.anchor.id if m.anchor else None,
                    "location": loc.to_json(),
                })
            console.print_json(json.dumps(out, ensure_ascii=False))
            return
        sh = (lambda s: s) if raw else _shape

        def label(c: Any) -> str:
            """The place's name in the document's language (English for English text)."""
            first, second = (c.name_en, c.name_ar) if lang == "en" else (c.name_ar, c.name_en)
            return sh(first or second or c.id)

        table = Table(title=f"{len(mentions)} place mention(s)", show_lines=False)
        for col in ("span", "text", "frame", "candidates", "resolution", "lat, lon", "prec", "rule"):
            table.add_column(col, overflow="fold")
        for m in mentions:
            top = ", ".join(label(c) + f" ({c.admin1 or c.country})"
                            for c in m.candidates[:3])
            p = m.place or m.anchor
            res = "—"
            if p is not None:
                res = label(p) + f" [{p.kind}, {p.admin1 or p.country}]"
            if m.place is None and m.anchor is not None:
                res = "near " + res
            ll = ""
            if p is not None and p.lat is not None and p.lon is not None:
                ll = f"{p.lat:.4f}, {p.lon:.4f}"
            frame = (m.frame or "") + (" (only locates)" if m.frame_only else "")
            cands = f"{len(m.candidates)}: {top}" if m.candidates else "0"
            table.add_row(escape(f"{m.start}-{m.end}"), escape(sh(text[m.start:m.end])), frame, escape(cands),
                          escape(res), ll, str(m.geo_precision), m.rule)
        console.print(table)

    app.add_typer(places, name="places")
