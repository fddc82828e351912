"""Every bad byte a record: one bad file among 60 good pages, through ``extract`` and ``ingest``.

Each case once crashed a whole run (exit 3 and nothing written, or a traceback and nothing stored).
Now the bad file gives its record (repaired) or its error record, and every good page is written.
"""

from __future__ import annotations

import codecs
import json
import logging
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from guillemets.cli import cli

GOOD = 60
WORDS = ["port", "grève", "dockers", "mairie", "conseil", "budget", "école", "tramway", "marché", "piscine"]


def good_pages(folder: Path, n: int = GOOD) -> list[Path]:
    """``n`` small French page dumps, different enough not to be duplicates of one another."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        a, b = WORDS[i % 10], WORDS[(i // 10 + 3) % 10]
        text = (
            f"Accueil > Région\n\nLe dossier du {a} numéro {i} revient au {b}\n\n"
            f"Les élus ont débattu du {a} pendant {i + 2} heures, a indiqué la mairie, "
            f"avant un vote sur le {b} prévu le {i % 28 + 1} mars.\n\nPartager sur Facebook\n"
        )
        path = folder / f"page-{i:02d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


# a short article (headline and three paragraphs): the cases test decoding, not the cleaner's
# view of a one-liner
PAGE = (
    "Grève au port\n\nLes dockers ont voté la reconduite de la grève, a déclaré le délégué syndical.\n\n"
    "Le mouvement dure depuis neuf jours et bloque une partie des navires attendus cette semaine"
    " au terminal.\n\n"
    "La direction du port propose une réunion lundi, mais les salariés demandent d'abord un"
    " calendrier écrit.\n"
)
GOOD_LINE = json.dumps({"id": "bon", "text": PAGE}, ensure_ascii=False)


def _bytes(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def _non_utf8_name(folder: Path) -> Path:
    raw = os.fsencode(folder) + b"/gr\xe8ve-\xff.txt"
    with open(raw, "wb") as f:
        f.write(PAGE.encode())
    return Path(os.fsdecode(raw))


DEEP = b"[" * 5000 + b"]" * 5000
U16_ODD = codecs.BOM_UTF16_LE + PAGE.encode("utf-16-le") + b"A"
U8_BOM_BAD = codecs.BOM_UTF8 + PAGE.encode().replace(b"port", b"p\xffrt")
U32_SURROGATE = codecs.BOM_UTF32_LE + PAGE.encode("utf-32-le") + b"\x00\xd8\x00\x00"
STRAY = PAGE.encode().replace(b"dockers", b"dock\x81ers")
DEEP_LINE = GOOD_LINE.encode() + b'\n{"id": "x", "text": ' + DEEP + b"}\n"
DEEP_FIRST = b'{"text": "x", "k": ' + DEEP + b"}\n" + GOOD_LINE.encode() + b"\n"
TEXT = b'"text": "Gr\\u00e8ve au port, dit-il."'
SURROGATES = b'{"id": "a\\ud800", "url": "https://x.fr/\\udc01", ' + TEXT + b"}\n"
NULS = b'{"id": "a\\u0000b", "url": "https://x.fr/\\u0000", ' + TEXT + b"}\n"
# (case, maker of the bad file, error codes of its records: [] when it is repaired and kept)
CASES: list[tuple[str, Callable[[Path], Path], list[str]]] = [
    ("utf-16 bom odd byte", _bytes("u16.txt", U16_ODD), []),
    ("utf-8 bom invalid byte", _bytes("u8.txt", U8_BOM_BAD), []),
    ("utf-32 surrogate", _bytes("u32.txt", U32_SURROGATE), []),
    ("stray byte", _bytes("stray.txt", STRAY), []),
    ("deep jsonl", _bytes("deep.jsonl", DEEP_LINE), ["too-deep"]),
    ("deep sniffed", _bytes("pages", DEEP_FIRST), ["too-deep"]),
    ("non-utf-8 name", _non_utf8_name, []),
    ("surrogate id/url", _bytes("s.jsonl", SURROGATES), []),
    ("nul id/url", _bytes("n.jsonl", NULS), []),
]
IDS = [c[0] for c in CASES]


def records(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def extract(*args: str) -> Result:
    return CliRunner().invoke(cli, ["extract", "--jobs", "1", "--no-quotes", *args], catch_exceptions=False)


@pytest.mark.parametrize(("case", "make", "codes"), CASES, ids=IDS)
def test_extract_one_bad_file_among_60_good_pages(
    tmp_path: Path, case: str, make: Callable[[Path], Path], codes: list[str]
) -> None:
    good = good_pages(tmp_path / "good")
    (tmp_path / "bad").mkdir()
    bad = make(tmp_path / "bad")
    result = extract(str(tmp_path / "good"), str(bad))
    assert result.exit_code == (1 if codes else 0), result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    out = records(result)
    written = sorted(r["source"]["path"] for r in out if not r["errors"] and r["text"])
    from_bad = [r for r in out if r["source"]["path"] not in set(map(str, good))]
    assert [path for path in written if path in set(map(str, good))] == sorted(map(str, good))
    assert len(out) == GOOD + len(from_bad) and from_bad
    assert sorted(e["code"] for r in from_bad for e in r["errors"]) == codes
    for rec in from_bad:
        assert rec["id"] and "\x00" not in rec["id"] and "\x00" not in (rec["url"] or "")
        json.dumps(rec, ensure_ascii=False).encode("utf-8")  # holdable: no lone surrogate anywhere
    errors = [line for line in result.stderr.splitlines() if line.startswith("guillemets: error: ")]
    assert len(errors) == len(codes)


def test_extract_stray_byte_page_is_not_read_as_cjk(tmp_path: Path) -> None:
    text = "Grève générale au port\n\nLes dockers ont voté la grève, a déclaré le délégué.\n"
    page = tmp_path / "p.txt"
    page.write_bytes(text.encode().replace(b"dockers", b"dock\x81ers"))
    [rec] = records(extract(str(page)))
    assert rec["title"] == "Grève générale au port"
    assert "ﾃ" not in rec["text"] and "a déclaré le délégué" in rec["text"]


def test_extract_bug_in_a_stage_fails_that_page_only_and_logs_the_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from guillemets import pipeline

    real = pipeline.detect_language

    def detect_language(text: str) -> str | None:
        if "numéro 7 " in text:
            raise AttributeError("'NoneType' object has no attribute 'lang'")
        return real(text)

    monkeypatch.setattr(pipeline, "detect_language", detect_language)
    good_pages(tmp_path / "good", 12)
    with caplog.at_level(logging.DEBUG, logger="guillemets.pipeline"):
        result = extract(str(tmp_path / "good"))
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    out = records(result)
    [failed] = [r for r in out if r["errors"]]
    assert failed["source"]["path"].endswith("page-07.txt") and len(out) == 12
    assert [(e["stage"], e["code"]) for e in failed["errors"]] == [("clean", "internal-error")]
    assert any(r.exc_info and "page-07.txt" in r.getMessage() for r in caplog.records)  # shown with -vv


def _stored_paths(db: Path) -> set[str]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return {row[0] for row in conn.execute("SELECT path FROM sources")}


@pytest.mark.parametrize(
    ("case", "make", "codes"), [c for c in CASES if c[0] != "stray byte"], ids=IDS[:3] + IDS[4:]
)
def test_ingest_one_bad_file_among_60_good_pages(
    tmp_path: Path, case: str, make: Callable[[Path], Path], codes: list[str]
) -> None:
    good = good_pages(tmp_path / "good")
    (tmp_path / "bad").mkdir()
    bad = make(tmp_path / "bad")
    db = tmp_path / "c.db"
    args = ["ingest", str(tmp_path / "good"), str(bad), "--db", str(db), "--no-quotes", "-j", "1"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == (1 if codes else 0), result.stderr
    assert "Traceback" not in result.stderr
    stored = _stored_paths(db)
    assert stored >= set(map(str, good))
    assert len(stored) == GOOD + 1  # the bad file's good line (or repaired page) is stored too


def test_extract_jobs_2_gives_the_same_records_for_every_bad_file(tmp_path: Path) -> None:
    good_pages(tmp_path / "good", 6)
    (tmp_path / "bad").mkdir()
    bad = [str(make(tmp_path / "bad")) for _, make, _ in CASES]
    one = extract(str(tmp_path / "good"), *bad)
    two = CliRunner().invoke(cli, ["extract", "--jobs", "2", "--no-quotes", str(tmp_path / "good"), *bad])
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout and len(records(two)) == 6 + len(CASES) + 2
    assert "Traceback" not in two.stderr
