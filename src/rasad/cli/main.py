"""The ``rasad`` command: wiring only; each command group lives in its own module."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import typer

from rasad import __version__
from rasad.cli.common import state

app = typer.Typer(
    name="rasad",
    help="rasad (رصد): conflict news in Arabic and English -> dated, geolocated, sourced events "
    "and who controls which place over time.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)

# Each module defines ``register(app)``; they are added in the order of the flow.
COMMAND_MODULES = (
    "rasad.cli.ingest_cmd",
    "rasad.cli.gazetteer_cmd",
    "rasad.cli.places_cmd",
    "rasad.cli.extract_cmd",
    "rasad.cli.eval_cmd",
    "rasad.cli.control_cmd",
    "rasad.cli.map_cmd",
    "rasad.cli.run_cmd",
)


def _version(value: bool) -> None:
    if value:
        from rasad.build_info import build_kind

        typer.echo(f"rasad {__version__} ({build_kind()} extraction)")
        raise typer.Exit()


@app.callback()
def _root(
    gazetteer: list[Path] = typer.Option(
        None,
        "--gazetteer",
        "-G",
        help="Extra gazetteer folder (CSV lists, GeoNames dumps, YAML/CSV overlays); repeatable. "
        "Same as RASAD_GAZETTEER_DIR.",
    ),
    actors: list[Path] = typer.Option(
        None, "--actors", help="Extra actor dictionary (YAML); repeatable. Same as RASAD_ACTORS."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only errors and final results."),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version."
    ),
) -> None:
    """rasad: read conflict news, write events and control maps."""
    state.quiet = quiet
    # The loaders read these variables, so every command and worker process sees the same data.
    for var, paths in (("RASAD_GAZETTEER_DIR", gazetteer), ("RASAD_ACTORS", actors)):
        if paths:
            old = os.environ.get(var)
            os.environ[var] = os.pathsep.join([*(str(p.resolve()) for p in paths), *([old] if old else [])])


for _name in COMMAND_MODULES:
    try:
        _mod = importlib.import_module(_name)
    except ModuleNotFoundError as exc:  # a stage not built yet
        if exc.name != _name:
            raise
        continue
    _mod.register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
