"""Whether this installation runs the compiled (mypyc) extraction path.

``pip install .`` compiles the hot modules listed in setup.py with mypyc (about 1.3x faster
extraction); an editable install, ``RASAD_PURE_PYTHON=1`` or a failed compilation leave them pure
Python. The outputs are the same either way. ``rasad --version`` and benchmarks/extract.py say
which one runs, so a silent fallback to pure Python is visible.
"""

from __future__ import annotations

from importlib.util import find_spec

# a sample of the compiled modules (setup.py HOT): all of them or none are compiled
PROBES = ("rasad.events.assemble", "rasad.places.geoparser", "rasad.actors.finder", "rasad.text.dates")


def compiled_modules() -> list[str]:
    """The modules of PROBES that load from a compiled extension (found without importing)."""
    out = []
    for name in PROBES:
        spec = find_spec(name)
        origin = (spec.origin or "") if spec is not None else ""
        if origin.endswith((".so", ".pyd")):
            out.append(name)
    return out


def build_kind() -> str:
    """"compiled with mypyc", "pure Python" or "partly compiled: <modules>"."""
    got = compiled_modules()
    if len(got) == len(PROBES):
        return "compiled with mypyc"
    if not got:
        return "pure Python"
    return f"partly compiled: {', '.join(got)}"
