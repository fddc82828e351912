"""Ingest: idempotent, exact duplicates merged with their sources, near-duplicates linked, errors kept."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine, func, select

from guillemets.model import Document, RecordError, Source
from guillemets.store.ingest import day_of, domain_of, ingest_documents
from guillemets.store.queries import get_article
from guillemets.store.tables import (
    documents,
    ingest_errors,
    ingest_runs,
    near_duplicates,
    quotes,
    sources,
    speakers,
)

WIRE = (
    "Le gouvernement a présenté mardi un plan de relance de quatre milliards d'euros destiné aux "
    "petites entreprises, aux artisans et aux commerces de proximité touchés par la hausse des prix de "
    "l'énergie. Le ministre de l'Économie a précisé que les premières aides seraient versées dès le mois "
    "prochain, après un vote au Parlement prévu la semaine prochaine. Les organisations patronales ont "
    "salué un effort important mais jugent le calendrier trop lent pour les entreprises les plus fragiles."
)


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (documents, sources, quotes, speakers, near_duplicates)
        }


def test_ingest_twice_adds_nothing(engine: Engine, corpus: list[Document]) -> None:
    first = ingest_documents(engine, corpus)
    before = counts(engine)
    second = ingest_documents(engine, corpus)
    assert (first.read, first.stored, first.duplicates, first.errors) == (4, 3, 1, 0)
    assert (second.stored, second.duplicates, second.unchanged) == (0, 0, 4)
    assert counts(engine) == before
    assert before["documents"] == 3 and before["sources"] == 4


def test_ingest_exact_duplicate_keeps_all_sources(engine: Engine, corpus: list[Document]) -> None:
    ingest_documents(engine, corpus)
    with engine.connect() as conn:
        article = get_article(conn, "a3")
    assert article is not None
    assert [s["path"] for s in article["sources"]] == ["a3.txt", "mirror/a3.txt"]
    assert len(article["quotes"]) == 1


def test_ingest_near_duplicate_linked_across_runs(engine: Engine, make_doc: Callable[..., Document]) -> None:
    original = make_doc("w1", "Un plan de relance", [WIRE, "Le texte sera examiné jeudi."])
    recrawl = make_doc(
        "w2",
        "Plan de relance: ce qui change",
        [WIRE, "Le texte sera examiné jeudi.", "Lire aussi: la météo."],
    )
    other = make_doc(
        "x1", "Match nul", ["Les deux équipes se sont quittées sur un score nul et vierge au stade."]
    )
    ingest_documents(engine, [original, other])
    summary = ingest_documents(engine, [recrawl])
    assert (summary.stored, summary.near_duplicates) == (1, 1)
    with engine.connect() as conn:
        links = conn.execute(select(near_duplicates.c.similarity)).scalars().all()
        article = get_article(conn, "w2")
    assert len(links) == 1 and links[0] >= 0.7
    assert article is not None and [n["document_id"] for n in article["near_duplicates"]] == ["w1"]


def test_ingest_records_documents_without_text_as_errors(engine: Engine, corpus: list[Document]) -> None:
    broken = Document(id="bad", source=Source("broken.warc.gz", "7"))
    broken.errors.append(RecordError("read", "truncated-archive", "truncated gzip stream"))
    summary = ingest_documents(engine, [corpus[0], broken, corpus[1]], label="test")
    assert (summary.stored, summary.errors) == (2, 1)
    with engine.connect() as conn:
        rows = conn.execute(select(ingest_errors.c.path, ingest_errors.c.record, ingest_errors.c.code)).all()
        run = conn.execute(select(ingest_runs).where(ingest_runs.c.id == summary.run_id)).one()
    assert [tuple(r) for r in rows] == [("broken.warc.gz", "7", "truncated-archive")]
    assert (run.status, run.label, run.stored, run.errors) == ("done", "test", 2, 1)


def test_ingest_interrupted_keeps_whole_batches_and_resumes(engine: Engine, corpus: list[Document]) -> None:
    def crashing() -> Iterator[Document]:
        yield from corpus[:3]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest_documents(engine, crashing(), batch_size=2)
    assert counts(engine)["documents"] == 2  # the first batch only; the second was rolled back
    ingest_documents(engine, corpus, batch_size=2)
    assert counts(engine) == {"documents": 3, "sources": 4, "quotes": 4, "speakers": 3, "near_duplicates": 0}


def test_ingest_same_id_other_text_is_kept_apart(engine: Engine, make_doc: Callable[..., Document]) -> None:
    ingest_documents(engine, [make_doc("p1", "Titre", ["Premier texte de la page."])])
    summary = ingest_documents(
        engine, [make_doc("p1", "Titre", ["Texte modifié le lendemain."], path="later/p1.txt")]
    )
    assert summary.stored == 1
    with engine.connect() as conn:
        ids = sorted(conn.execute(select(documents.c.id)).scalars())
    assert ids[0] == "p1" and ids[1].startswith("p1~")


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.LeSoir.be/a?b=1", "lesoir.be"),
        ("http://rtbf.be", "rtbf.be"),
        ("not a url", None),
        (None, None),
    ],
)
def test_domain_of_strips_www_and_case(url: str | None, domain: str | None) -> None:
    assert domain_of(url) == domain


def test_day_of_keeps_iso_dates_only() -> None:
    assert [day_of(d) for d in ("2025-03-12T10:00:00+01:00", "2025-03-12", "12 mars 2025", None)] == [
        "2025-03-12",
        "2025-03-12",
        None,
        None,
    ]


def test_ingest_refused_document_is_an_error_and_the_batch_survives(
    engine: Engine, make_doc: Callable[..., Document]
) -> None:
    good = [make_doc(f"g{i}", f"Titre {i}", [f"Un paragraphe numéro {i} de test."]) for i in range(2)]
    odd = make_doc("odd", "Titre bizarre", ["Une langue au code bien trop long."], lang="x" * 40)
    reported: list[str] = []
    summary = ingest_documents(engine, [good[0], odd, good[1]], on_error=lambda d, e: reported.append(d.id))
    assert summary.stored + summary.errors == 3 and summary.stored >= 2  # PostgreSQL refuses the 40-char lang
    assert reported == (["odd"] if summary.errors else [])
    with engine.connect() as conn:
        assert {"g0", "g1"} <= set(conn.execute(select(documents.c.id)).scalars())
