"""Optional mypyc compilation of the extraction hot path (text -> events).

Everything else about the project lives in pyproject.toml; this file only adds the compiled
extension modules. The same .py files stay in the package, so a build without them is the plain
pure-Python package.

* ``pip install .`` (a wheel build): the modules in HOT are compiled with mypyc. If that fails
  (no C compiler, no Python.h, mypy errors), a warning is printed and the package is installed
  as pure Python.
* ``pip install -e .`` (an editable install): nothing is compiled, so no .so can shadow the
  .py files being edited.
* ``RASAD_PURE_PYTHON=1``: nothing is compiled, whatever the command.
* ``RASAD_COMPILE=1``: compile even for an editable install / other commands (e.g.
  ``RASAD_COMPILE=1 python setup.py build_ext --inplace`` for benchmarking; delete the .so files
  from src/ afterwards: ``find src -name '*.so' -delete``).
"""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
PKG = ROOT / "src" / "rasad"

HOT = [
    *sorted(p.relative_to(ROOT).as_posix() for p in (PKG / "events").glob("*.py") if p.name != "__init__.py"),
    *(f"src/rasad/places/{m}.py" for m in
      ("geoparser", "matcher", "resolve", "mention", "unlisted", "frames", "gazetteer", "names", "lexicon")),
    *(f"src/rasad/actors/{m}.py" for m in ("finder", "discourse", "lexicon", "world")),
    "src/rasad/geo.py",
    *(f"src/rasad/text/{m}.py" for m in ("dates", "sentences", "numbers", "normalize")),
]
# (places/variants.py fingerprints the .py sources of itself and of text/normalize.py, which the
# wheel ships beside the compiled modules)

# the commands that build the wheel's contents; metadata-only runs (egg_info, dist_info) and the
# editable build (editable_wheel) do not compile
_BUILD_COMMANDS = {"bdist_wheel", "build", "build_ext", "install"}


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")


def _want_compiled() -> bool:
    if _flag("RASAD_PURE_PYTHON"):
        return False
    if _flag("RASAD_COMPILE"):
        return True
    args = set(sys.argv[1:])
    return "editable_wheel" not in args and "develop" not in args and bool(args & _BUILD_COMMANDS)


def _warn(msg: str) -> None:
    warnings.warn(f"rasad: {msg}; installing the pure-Python package", stacklevel=1)
    print(f"WARNING: rasad: {msg}; installing the pure-Python package", file=sys.stderr)


class OptionalBuildExt(build_ext):
    """build_ext that falls back to pure Python when the C build fails (all or nothing: the
    per-module shims are useless without the shared mypyc library)."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as e:  # CompileError, LinkError, DistutilsPlatformError, ...
            _warn(f"compiling the mypyc extensions failed ({type(e).__name__}: {e})")
            for out in self.get_outputs():
                Path(out).unlink(missing_ok=True)
            self.extensions = []


def _ext_modules() -> list:
    if not _want_compiled():
        return []
    try:
        from mypyc.build import mypycify
    except ImportError as e:
        _warn(f"mypyc is not available ({e})")
        return []
    try:
        return mypycify(
            # (only the compiled modules must type-check: the modules they import are
            # analysed but their errors not reported, as for an installed package)
            ["--ignore-missing-imports", "--follow-imports=silent", "--python-version", "3.11", *HOT],
            opt_level=os.environ.get("MYPYC_OPT_LEVEL", "3"),
        )
    except (Exception, SystemExit) as e:  # mypy type errors end in SystemExit
        _warn(f"mypyc failed ({type(e).__name__}: {e})")
        return []


setup(ext_modules=_ext_modules(), cmdclass={"build_ext": OptionalBuildExt})
