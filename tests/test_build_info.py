"""Which extraction path runs (rasad.build_info): compiled by `pip install .`, pure when editable."""

from __future__ import annotations

import os

import pytest

from rasad import build_info


def test_build_kind_matches_where_the_hot_modules_load_from() -> None:
    import rasad.events.assemble as assemble

    kind = build_info.build_kind()
    compiled = assemble.__file__.endswith((".so", ".pyd"))
    assert (kind == "compiled with mypyc") == compiled
    assert (kind == "pure Python") == (not build_info.compiled_modules())


@pytest.mark.skipif(os.environ.get("RASAD_EXPECT_COMPILED") != "1", reason="CI sets RASAD_EXPECT_COMPILED=1")
def test_a_wheel_install_runs_the_compiled_extraction() -> None:
    # .ci/run installs with `pip install .`: a failed mypyc build falls back to pure Python with
    # only a warning (hidden by pip -q); this makes CI fail instead
    assert build_info.build_kind() == "compiled with mypyc"


def test_version_says_which_build_runs() -> None:
    from typer.testing import CliRunner

    from rasad.cli.main import app

    r = CliRunner().invoke(app, ["--version"])
    assert r.exit_code == 0
    assert build_info.build_kind() in r.output
