"""Bad inputs: each gets a clear per-document error (or is decoded right); the batch goes on."""

from __future__ import annotations

import codecs
import gzip
import json
import os
from pathlib import Path

import pytest
from helpers_ingest import AR_REPORT, EN_REPORT

from rasad.ingest import IngestOptions, read_inputs
from rasad.ingest.decode import decode_bytes


def one(path: Path, **opts: int) -> object:
    results = list(read_inputs([path], IngestOptions(**opts)))
    assert len(results) == 1, results
    return results[0]


def test_batch_goes_on_past_every_bad_file(tmp_path: Path) -> None:
    (tmp_path / "0_good.txt").write_text(AR_REPORT, "utf-8")
    (tmp_path / "1_empty.txt").write_bytes(b"")
    (tmp_path / "2_binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "3_truncated.txt.gz").write_bytes(gzip.compress(AR_REPORT.encode() * 50)[:200])
    (tmp_path / "4_good.txt").write_text(EN_REPORT, "utf-8")
    results = list(read_inputs([tmp_path]))
    assert [r.ok for r in results] == [True, False, False, False, True]
    assert "empty" in results[1].error
    assert "binary" in results[2].error
    assert "truncated or corrupt gzip" in results[3].error


def test_missing_and_broken_link(tmp_path: Path) -> None:
    r = one(tmp_path / "nope.txt")
    assert not r.ok and r.kind == "missing" and "no such file" in r.error
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    r = one(link)
    assert not r.ok and "no such file" in r.error


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "secret.txt"
    p.write_text(AR_REPORT, "utf-8")
    if os.geteuid() != 0:
        p.chmod(0)
    else:  # root reads anything: make the open itself fail as it would for a user
        import builtins

        real_open = builtins.open

        def guarded(file: object, *a: object, **k: object) -> object:
            if str(file) == str(p):
                raise PermissionError(13, "Permission denied", str(p))
            return real_open(file, *a, **k)  # type: ignore[call-overload]

        monkeypatch.setattr(builtins, "open", guarded)
    r = one(p)
    assert not r.ok and "permission denied" in r.error


def test_binary_by_magic_number(tmp_path: Path) -> None:
    p = tmp_path / "report.html"
    p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n" * 10)
    r = one(p)
    assert not r.ok and r.error == "binary file (PDF document)"


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"])
def test_empty_and_blank_files(tmp_path: Path, content: bytes) -> None:
    p = tmp_path / "blank.txt"
    p.write_bytes(content)
    r = one(p)
    assert not r.ok and r.error.startswith("empty file")


def test_page_that_is_only_boilerplate(tmp_path: Path) -> None:
    p = tmp_path / "widgets.txt"
    p.write_text("قد يعجبك أيضاً\nدع تعليقاً\nPrivacy & Cookies Policy\n", "utf-8")
    r = one(p)
    assert not r.ok and r.error == "no text left after removing boilerplate"


def test_truncated_jsonl_gz_keeps_records_read_before_the_cut(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"doc_id": f"d{i}", "text": AR_REPORT + str(i)}) + "\n" for i in range(400))
    blob = gzip.compress(lines.encode())
    p = tmp_path / "dump.jsonl.gz"
    p.write_bytes(blob[: len(blob) // 2])
    results = list(read_inputs([p]))
    assert results[0].ok and not results[-1].ok
    assert "truncated or corrupt gzip" in results[-1].error
    assert 0 < sum(r.ok for r in results) < 400


def test_bad_json_line_does_not_stop_the_file(tmp_path: Path) -> None:
    p = tmp_path / "x.jsonl"
    p.write_text(
        json.dumps({"doc_id": "a", "text": AR_REPORT})
        + "\n{not json\n"
        + json.dumps({"doc_id": "b"})
        + "\n"
        + json.dumps({"doc_id": "c", "text": EN_REPORT})
        + "\n",
        "utf-8",
    )
    results = list(read_inputs([p]))
    assert [r.ok for r in results] == [True, False, False, True]
    assert results[1].source_path.endswith("#2") and "not valid JSON" in results[1].error
    assert "no text" in results[2].error


ENCODINGS = [
    ("windows-1256", AR_REPORT.encode("cp1256"), "windows-1256"),
    ("utf-8 BOM", codecs.BOM_UTF8 + AR_REPORT.encode("utf-8"), "utf-8 (BOM)"),
    ("utf-16 LE BOM", codecs.BOM_UTF16_LE + AR_REPORT.encode("utf-16-le"), "utf-16-le (BOM)"),
    ("utf-16 BE BOM", codecs.BOM_UTF16_BE + AR_REPORT.encode("utf-16-be"), "utf-16-be (BOM)"),
    ("utf-16 LE no BOM", AR_REPORT.encode("utf-16-le"), "utf-16-le"),
    ("utf-16 BE no BOM", AR_REPORT.encode("utf-16-be"), "utf-16-be"),
    ("utf-16 LE no BOM, English", EN_REPORT.encode("utf-16-le"), "utf-16-le"),
]


@pytest.mark.parametrize(("label", "data", "encoding"), ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_encodings_decode_to_the_same_text(tmp_path: Path, label: str, data: bytes, encoding: str) -> None:
    p = tmp_path / "r.txt"
    p.write_bytes(data)
    r = one(p)
    assert r.ok, r.error
    assert r.document.meta["encoding"] == encoding
    expected = AR_REPORT if "English" not in label else EN_REPORT
    assert r.document.text == expected.strip()


def test_mixed_utf8_and_windows_1256_lines(tmp_path: Path) -> None:
    first, rest = AR_REPORT.split("\n", 1)
    p = tmp_path / "mixed.txt"
    p.write_bytes(first.encode("utf-8") + b"\n" + rest.encode("cp1256"))
    r = one(p)
    assert r.ok, r.error
    assert r.document.meta["encoding"] == "mixed (utf-8 + windows-1256)"
    assert r.document.text == AR_REPORT.strip()


def test_hopeless_encoding_is_a_clear_error() -> None:
    import random

    from rasad.ingest import IngestError

    rng = random.Random(7)
    garbage = bytes(rng.randrange(0x80, 0x100) for _ in range(3000))
    with pytest.raises(IngestError, match="cannot determine the text encoding"):
        decode_bytes(garbage)


def test_other_legacy_encoding_goes_to_charset_normalizer(tmp_path: Path) -> None:
    text = "Des civils ont été tués à Raqqa ; la coalition dément être à l'origine de la frappe. " * 5
    p = tmp_path / "fr.txt"
    p.write_bytes(text.encode("cp1252"))
    r = one(p)
    assert r.ok and r.document.text == text.strip() and r.document.lang == "other"


def test_huge_file_over_20_mb_default(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    line = (EN_REPORT.replace("\n", " ") + "\n").encode()
    with open(p, "wb") as f:
        for _ in range(21 * 1024 * 1024 // len(line) + 1):
            f.write(line)
    assert p.stat().st_size > 20 * 1024 * 1024
    r = one(p)
    assert not r.ok and "file too big" in r.error and "20.0 MB limit" in r.error


def test_max_bytes_is_configurable_also_through_gzip(tmp_path: Path) -> None:
    p = tmp_path / "r.txt.gz"
    p.write_bytes(gzip.compress((EN_REPORT * 100).encode()))
    assert p.stat().st_size < 5000
    r = one(p, max_bytes=5000)
    assert not r.ok and "once decompressed" in r.error
    assert one(p, max_bytes=1_000_000).ok
