"""``rasad ingest`` and ``rasad docs``: exit codes, summary, idempotence, kill -9 and re-run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rasad.cli.display import rtl, rtl_wrapped, short
from rasad.cli.main import app
from rasad.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
runner = CliRunner()


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasad.cli import common

    monkeypatch.setattr(common.console, "width", 200)
    monkeypatch.setattr(common.err_console, "width", 200)


def run(*args: str) -> object:
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_ingest_examples_then_again_is_a_no_op(db_path: Path) -> None:
    r = run("ingest", str(EXAMPLES), "--db", str(db_path))
    assert r.exit_code == 0, r.output
    assert "new" in r.output
    with Store(db_path) as s:
        n = s.count_documents()
        assert n == 7 and s.count_documents("ar") == 4 and s.count_documents("en") == 3
    r = run("ingest", str(EXAMPLES), "--db", str(db_path))
    assert r.exit_code == 0
    row = [ln for ln in r.output.splitlines() if "│" in ln][-1]
    assert [c.strip() for c in row.split("│")[1:5]] == ["0", "7", "0", "0"]
    with Store(db_path) as s:
        assert s.count_documents() == n
        assert [r["n_unchanged"] for r in s.runs()] == [0, 7]


def test_some_inputs_fail_exit_1_and_errors_listed(tmp_path: Path, db_path: Path) -> None:
    (tmp_path / "good.txt").write_text(
        "Syrian government forces shelled the town of Mahkan on Monday, "
        "killing two civilians, a monitor said.",
        "utf-8",
    )
    (tmp_path / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    r = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(db_path)])
    assert r.exit_code == 1
    assert "bad.txt" in r.output and "binary file (PNG image)" in r.output
    r = run("docs", "list", "--errors", "--db", str(db_path))
    assert r.exit_code == 0 and "PNG image" in r.output


def test_nothing_found_exit_3(tmp_path: Path, db_path: Path) -> None:
    (tmp_path / "notes.pdfx").write_text("x")
    r = runner.invoke(app, ["ingest", str(tmp_path), str(tmp_path / "missing"), "--db", str(db_path)])
    assert r.exit_code == 3
    assert "nothing to ingest" in r.output


def test_max_bytes_option(tmp_path: Path, db_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "ISIS fighters withdrew from the village of Saalu on Monday. " * 50, "utf-8"
    )
    r = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(db_path), "--max-bytes", "1000"])
    assert r.exit_code == 1 and "file too big" in r.output


def test_docs_list_and_show(db_path: Path) -> None:
    run("ingest", str(EXAMPLES), "--db", str(db_path))
    r = run("docs", "list", "--db", str(db_path), "--lang", "en")
    assert r.exit_code == 0
    assert "example-en-kishkiyeh-withdrawal" in r.output and "example-ar-thiban-protest" not in r.output
    r = run("docs", "show", "example-ar-thiban", "--db", str(db_path))
    assert r.exit_code == 0
    assert "https://sharq-post.example/2019/05/02/thiban-protest" in r.output
    assert rtl("ذيبان") in r.output  # Arabic shaped for the terminal
    r = run("docs", "show", "example-ar-thiban-protest", "--raw", "--db", str(db_path))
    assert "خرج مئات من أهالي بلدة ذيبان" in r.output
    assert run("docs", "show", "nope", "--db", str(db_path)).exit_code == 3
    assert runner.invoke(app, ["docs", "list", "--db", str(db_path.parent / "none.db")]).exit_code == 3


def test_rtl_helper() -> None:
    assert rtl("Raqqa 2019") == "Raqqa 2019"
    shaped = rtl("قرية سعلو")
    assert shaped != "قرية سعلو" and len(shaped) <= len("قرية سعلو")
    assert "\ufe8e" in rtl("سعلو قرية ا") or shaped  # presentation forms appear
    lines = rtl_wrapped("سيطرت القوات على قرية سعلو بعد اشتباكات عنيفة مع التنظيم " * 3, 40)
    assert len(lines) > 1 and all(len(ln) <= 40 for ln in lines)
    assert short("x" * 100, 10) == "x" * 9 + "…"


def _make_corpus(folder: Path, n: int) -> None:
    body = (
        "Syrian government forces shelled the village of {i} in the Deir ez-Zor countryside on Monday, "
        "killing {k} civilians, according to local sources. The monitor said clashes went on. "
    ) * 8
    for i in range(n):
        sub = folder / f"part{i % 20:02d}"
        sub.mkdir(exist_ok=True)
        (sub / f"report{i:05d}.txt").write_text(
            f"Report {i}\n\n" + body.format(i=f"v{i}", k=i % 9 + 2), "utf-8"
        )


def _count(db: Path) -> int:
    try:
        c = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(c.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
        finally:
            c.close()
    except sqlite3.Error:
        return 0


def _ingest_cmd(tmp_path: Path, n: int, db: Path, *options: str) -> list[str]:
    """``python -m rasad [options] ingest CORPUS --db DB --commit-every 50`` over ``n`` made-up files."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _make_corpus(corpus, n)
    head = [o for o in options if o == "--quiet"]
    tail = [o for o in options if o != "--quiet"]
    return [
        sys.executable,
        "-m",
        "rasad",
        *head,
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--commit-every",
        "50",
        *tail,
    ]


# big enough that the ingest is still running well after its first 100 documents, even with the
# compiled build on a fast machine
INTERRUPTED_CORPUS = 8000


def _wait_for_documents(proc: subprocess.Popen[Any], db: Path, at_least: int = 100) -> None:
    """Wait (at most 60 s) until ``at_least`` documents are committed or the process ends."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if (_count(db) if db.exists() else 0) >= at_least:
            break
        time.sleep(0.01)


@pytest.mark.slow
def test_kill_9_mid_ingest_then_rerun_finishes_without_duplicates(tmp_path: Path) -> None:
    n = INTERRUPTED_CORPUS
    db = tmp_path / "k.db"
    cmd = _ingest_cmd(tmp_path, n, db, "--quiet")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _wait_for_documents(proc, db)
    assert proc.poll() is None, "the ingest finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    committed = _count(db)
    assert 100 <= committed < n
    # the re-run finishes the work
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    with Store(db) as s:
        assert s.count_documents() == n
        assert s.integrity_check() == "ok"
        hashes = s.conn.execute(
            "SELECT COUNT(DISTINCT content_hash), COUNT(DISTINCT source_path) FROM documents"
        )
        assert tuple(hashes.fetchone()) == (n, n)
        runs = s.runs()
        assert (
            runs[0]["status"] == "running" and runs[-1]["status"] == "done"
        )  # the killed run never finished
        assert runs[-1]["n_new"] == n - committed and runs[-1]["n_unchanged"] == committed


@pytest.mark.slow
def test_ctrl_c_commits_what_was_done_and_prints_the_summary(tmp_path: Path) -> None:
    n = INTERRUPTED_CORPUS
    db = tmp_path / "c.db"
    cmd = _ingest_cmd(tmp_path, n, db, "--workers", "1")
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "COLUMNS": "120"}
    )
    _wait_for_documents(proc, db)
    assert proc.poll() is None, "the ingest finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in out
    with Store(db) as s:
        (run,) = s.runs()
        assert run["status"] == "interrupted"
        assert 100 <= s.count_documents() == run["n_new"] < n
        assert s.integrity_check() == "ok"


def test_docs_list_keeps_every_column_on_an_80_column_terminal(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rasad.cli import common

    run("ingest", str(EXAMPLES), "--db", str(db_path))
    monkeypatch.setattr(common.console, "width", 80)
    r = run("docs", "list", "--db", str(db_path))
    lines = r.output.splitlines()
    assert all(len(ln) <= 80 for ln in lines)
    header = next(ln for ln in lines if "published" in ln)
    assert all(col in header for col in ("id", "lang", "title", "chars", "events"))
    assert any("2019-05-02" in ln and " ar " in ln for ln in lines)  # date and language are whole
