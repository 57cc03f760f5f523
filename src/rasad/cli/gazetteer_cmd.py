"""``rasad gazetteer``: what the gazetteer holds, name lookup, building and downloading the data."""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.request
from pathlib import Path

import typer
from rich.table import Table

from rasad.cli import common
from rasad.cli.common import EXIT_FATAL, console, err_console, info

gaz_app = typer.Typer(help="The place gazetteer: info, lookup, build, download.", no_args_is_help=True)

# The public originals a user can fetch where there is internet, in the form rasad's loaders read
# directly (GeoNames country dumps with alternate names; CC BY 4.0). The OCHA / IOM lists that the
# packaged gazetteer is built from are linked in NOTICE; `rasad gazetteer build DIR` rebuilds it.
DOWNLOADS: dict[str, str] = {
    "SY.zip": "https://download.geonames.org/export/dump/SY.zip",
    "IQ.zip": "https://download.geonames.org/export/dump/IQ.zip",
}
NOTICE_PATH = Path(__file__).resolve().parents[3] / "NOTICE"


def _ar(s: str | None) -> str:
    """Arabic shaped for terminals that do not do bidi (rich prints logical order)."""
    if not s:
        return ""
    try:
        from arabic_reshaper import reshape
        from bidi.algorithm import get_display

        return str(get_display(reshape(s)))
    except Exception:  # display only
        return s


def _dirs(gazetteer: list[Path] | None) -> list[Path]:
    return list(gazetteer or [])


@gaz_app.command("info")
def info_cmd(
    gazetteer: list[Path] = typer.Option(None, "--gazetteer", "-g", help="Extra gazetteer directory."),
) -> None:
    """Counts per source, kind and country; the data files and their licences."""
    from rasad.places.gazetteer import PACKAGED, PACKAGED_OVERLAY, load_gazetteer

    t0 = time.perf_counter()
    try:
        g = load_gazetteer(extra_dirs=_dirs(gazetteer))
    except (FileNotFoundError, ValueError) as exc:
        err_console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(EXIT_FATAL) from exc
    dt = time.perf_counter() - t0
    d = g.info()
    console.print(f"[bold]{d['places']:,}[/] places loaded in {dt:.2f} s")
    console.print(
        f"packaged data: {PACKAGED} ({PACKAGED.stat().st_size / 1e6:.2f} MB)"
        if PACKAGED.is_file()
        else f"[yellow]packaged data missing:[/] {PACKAGED}"
    )
    console.print(f"packaged overlay: {PACKAGED_OVERLAY}")
    pre = int(d["precomputed_variants"])  # type: ignore[call-overload]
    console.print(f"name variants precomputed for {pre:,} places" + (
        "" if pre else " [yellow](variant rules changed since the build: run `rasad gazetteer build`)[/]"))
    for o in d["origins"]:  # type: ignore[union-attr]
        console.print(f"  source: {o}")
    for title, key in (("source", "by_source"), ("kind", "by_kind"), ("country", "by_country")):
        t = Table(title=f"places by {title}")
        t.add_column(title)
        t.add_column("places", justify="right")
        for k, v in d[key].items():  # type: ignore[union-attr]
            t.add_row(str(k), f"{v:,}")
        console.print(t)
    for w in d["warnings"]:  # type: ignore[union-attr]
        err_console.print(f"[yellow]warning:[/] {w}")
    console.print(
        "licences and attribution: see NOTICE" + (f" ({NOTICE_PATH})" if NOTICE_PATH.is_file() else "")
    )


@gaz_app.command("lookup")
def lookup_cmd(
    name: str = typer.Argument(..., help="A place name, Arabic or English, any common spelling."),
    gazetteer: list[Path] = typer.Option(None, "--gazetteer", "-g", help="Extra gazetteer directory."),
    limit: int = typer.Option(20, help="Show at most this many candidates."),
) -> None:
    """The candidate places for NAME, best first."""
    from rasad.places.gazetteer import load_gazetteer

    g = load_gazetteer(extra_dirs=_dirs(gazetteer))
    hits = g.lookup_indices(name)
    if not hits:
        err_console.print(f"no place named {name!r}")
        raise typer.Exit(1)
    t = Table(title=f"{len(hits)} candidate(s) for {name}")
    t.add_column("id", no_wrap=True)
    for c in ("Arabic", "English", "kind", "admin1 / admin2", "lat, lon", "match", "prior"):
        t.add_column(c, overflow="fold")
    for i, kind in hits[:limit]:
        p = g.places[i]
        ll = "" if p.lat is None or p.lon is None else f"{p.lat:.3f}, {p.lon:.3f}"
        t.add_row(
            p.id,
            _ar(p.name_ar),
            p.name_en or "",
            p.kind,
            " / ".join(x for x in (p.admin1, p.admin2) if x),
            ll,
            kind,
            f"{g.prior(i):.2f}",
        )
    console.print(t)


@gaz_app.command("build")
def build_cmd(
    src_dir: Path = typer.Argument(
        ..., help="Directory with the source CSVs (layout of ../shared/gazetteer)."
    ),
    out: Path = typer.Option(None, "--out", "-o", help="Output file (default: the packaged places.tsv.gz)."),
) -> None:
    """Build the compact gazetteer file from the public place lists."""
    from rasad.places.gazetteer import PACKAGED
    from rasad.places.sources import build_compact

    try:
        summary = build_compact(src_dir, out or PACKAGED)
    except (FileNotFoundError, ValueError) as exc:
        err_console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(EXIT_FATAL) from exc
    info(f"wrote {summary['places']:,} places to {summary['out']} ({summary['bytes'] / 1e6:.2f} MB)")
    for k, v in summary["by_source"].items():
        info(f"  {k}: {v:,}")
    info("run it again after editing the variant rules (rasad/places/variants.py)")


def fetch(url: str, dest: Path, timeout: float = 20.0) -> int:
    """Download ``url`` to ``dest`` (via a .part file); returns the byte count."""
    part = dest.with_name(dest.name + ".part")
    req = urllib.request.Request(url, headers={"User-Agent": "rasad-gazetteer/0.1"})
    n = 0
    with urllib.request.urlopen(req, timeout=timeout) as resp, part.open("wb") as fh:
        while chunk := resp.read(1 << 16):
            fh.write(chunk)
            n += len(chunk)
    part.replace(dest)
    return n


@gaz_app.command("download")
def download_cmd(
    dest: Path = typer.Option(
        None, "--dest", "-d", help="Where to put the files (default: ./gazetteer-data)."
    ),
    timeout: float = typer.Option(20.0, help="Seconds to wait for each server."),
) -> None:
    """Fetch the GeoNames Syria and Iraq dumps (with alternate names) for a fuller gazetteer.

    Use the folder afterwards with --gazetteer DIR or RASAD_GAZETTEER_DIR. Needs internet; exits
    with code 3 when nothing could be fetched.
    """
    dest = dest or Path("gazetteer-data")
    dest.mkdir(parents=True, exist_ok=True)
    ok, failed = [], []
    for name, url in common.track(DOWNLOADS.items(), "downloading", total=len(DOWNLOADS), unit="files"):
        try:
            n = fetch(url, dest / name, timeout=timeout)
            ok.append((name, n))
        except (urllib.error.URLError, OSError, TimeoutError, ValueError) as exc:
            failed.append((name, url, getattr(exc, "reason", exc)))
    for name, n in ok:
        info(f"fetched {name} ({n / 1e6:.1f} MB)")
    for name, url, why in failed:
        err_console.print(f"[red]could not fetch[/] {name} from {url}: {why}")
    if not ok:
        err_console.print(
            "[red]error:[/] nothing could be downloaded (no internet?). rasad still works "
            "offline with its packaged gazetteer."
        )
        raise typer.Exit(EXIT_FATAL)
    info(
        f"use it with: rasad --gazetteer {dest} COMMAND ... or {os.environ.get('SHELL', 'sh')}: "
        f"export RASAD_GAZETTEER_DIR={dest}"
    )
    if failed:
        raise typer.Exit(common.EXIT_PARTIAL)


def register(app: typer.Typer) -> None:
    app.add_typer(gaz_app, name="gazetteer")
