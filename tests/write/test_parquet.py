"""Parquet datasets: Document -> Parquet -> Document is lossless, and the layout is readable by any reader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guillemets.errors import OutputExists, ReadError, WriteError
from guillemets.model import (
    CharSpan,
    ChromeKind,
    ChromeLine,
    Document,
    Entity,
    EntityLabel,
    Quote,
    QuoteType,
    RecordError,
    Source,
    SpeakerMention,
    Story,
)
from guillemets.write.columns import partition_of
from guillemets.write.parquet import PartitionedWriter, output_filesystem, read_documents, write_documents


def article(doc_id: str, lang: str | None, date: str | None, path: str = "crawl.wet.gz") -> Document:
    doc = Document(
        id=doc_id,
        source=Source(path, f"<urn:{doc_id}>"),
        url=f"https://ex.fr/{doc_id}",
        lang=lang,
        date=date,
        section=["Politique", "France"],
    )
    doc.set_article("Grève au port", "Les dockers ont voté.", ["« Nous tiendrons », a dit Paul Martin."])
    start = doc.text.index("«")
    doc.quotes = [
        Quote(
            QuoteType.DIRECT,
            start,
            start + 18,
            doc.text[start : start + 18],
            SpeakerMention(start + 29, start + 40, "Paul Martin", "Paul Martin"),
            CharSpan(start + 22, start + 28, "a dit"),
        ),
        Quote(QuoteType.INDIRECT, 0, 5, doc.text[:5]),
    ]
    doc.entities = [
        Entity("Paul Martin", EntityLabel.PERSON, [CharSpan(start + 29, start + 40, "Paul Martin")], 1)
    ]
    doc.chrome = [ChromeLine(3, ChromeKind.SOCIAL, "Partager sur Facebook")]
    doc.related = [Story("Autre article", "Un résumé.")]
    return doc


def failed(doc_id: str) -> Document:
    return Document(
        id=doc_id,
        source=Source("broken.warc.gz"),
        errors=[RecordError("read", "truncated-archive", "truncated gzip stream after record 3")],
    )


def by_id(docs: list[Document]) -> dict[str, Document]:
    return {d.id: d for d in docs}


def test_write_documents_round_trip_equal(tmp_path: Path) -> None:
    docs = [
        article("a1", "fr", "2025-03-14"),
        article("a2", "en", "2024-12-01"),
        article("a3", "fr", None),
        failed("e1"),
    ]
    summary = write_documents(docs, tmp_path / "out")
    back = list(read_documents(tmp_path / "out"))
    assert by_id(back) == by_id(docs)
    assert (summary.documents, summary.quotes, summary.entities, summary.errors) == (4, 6, 3, 1)


def test_write_documents_partitions_by_lang_and_month(tmp_path: Path) -> None:
    write_documents([article("a1", "fr", "2025-03-14"), article("a3", "fr", None), failed("e1")], tmp_path)
    dirs = {p.parent.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.parquet")}
    assert dirs == {
        "documents/lang=fr/month=2025-03",
        "quotes/lang=fr/month=2025-03",
        "entities/lang=fr/month=2025-03",
        "documents/lang=fr/month=unknown",
        "quotes/lang=fr/month=unknown",
        "entities/lang=fr/month=unknown",
        "documents/lang=und/month=unknown",
    }


def test_quotes_dataset_readable_by_plain_pyarrow(tmp_path: Path) -> None:
    write_documents([article("a1", "fr", "2025-03-14"), article("a2", "en", "2025-04-02")], tmp_path)
    table = ds.dataset(tmp_path / "quotes", format="parquet", partitioning="hive").to_table()
    rows = sorted(table.to_pylist(), key=lambda r: (r["doc_id"], r["quote_index"]))
    assert [(r["doc_id"], r["lang"], r["month"], r["type"]) for r in rows] == [
        ("a1", "fr", "2025-03", "direct"),
        ("a1", "fr", "2025-03", "indirect"),
        ("a2", "en", "2025-04", "direct"),
        ("a2", "en", "2025-04", "indirect"),
    ]
    assert rows[0]["speaker_name"] == "Paul Martin" and rows[1]["speaker_name"] is None


def test_read_documents_keeps_input_order_within_a_partition(tmp_path: Path) -> None:
    docs = [article(f"d{i}", "fr", "2025-03-14", path=f"f{i % 2}.txt") for i in range(7)]
    write_documents(docs, tmp_path, rows_per_file=3)
    assert [d.id for d in read_documents(tmp_path)] == [d.id for d in docs]


def test_write_documents_bounded_buffers_still_lossless(tmp_path: Path) -> None:
    docs = [article(f"d{i}", ["fr", "en", None][i % 3], f"2025-0{1 + i % 4}-02") for i in range(30)]
    summary = write_documents(docs, tmp_path, rows_per_file=4, max_buffered=5)
    assert summary.files > len({partition_of(d) for d in docs})
    assert by_id(list(read_documents(tmp_path))) == by_id(docs)


def test_write_documents_refuses_existing_output(tmp_path: Path) -> None:
    write_documents([article("a1", "fr", "2025-03-14")], tmp_path)
    with pytest.raises(OutputExists):
        write_documents([article("a2", "fr", "2025-03-14")], tmp_path)
    write_documents([article("a2", "fr", "2025-03-14")], tmp_path, overwrite=True)
    assert [d.id for d in read_documents(tmp_path)] == ["a2"]


def test_write_documents_unwritable_output_is_write_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(WriteError, match="cannot create"):
        write_documents([article("a1", "fr", None)], blocker / "out")


def test_read_documents_of_single_files_skips_flat_copies(tmp_path: Path) -> None:
    docs = [article("a1", "fr", "2025-03-14"), article("a2", "en", None), failed("e1")]
    write_documents(docs, tmp_path)
    files = sorted(tmp_path.rglob("*.parquet"))
    assert len(files) == 7
    assert by_id([d for f in files for d in read_documents(f)]) == by_id(docs)


def test_read_documents_lone_quotes_file_is_read_error(tmp_path: Path) -> None:
    write_documents([article("a1", "fr", "2025-03-14")], tmp_path / "out")
    [quotes_file] = (tmp_path / "out" / "quotes").rglob("*.parquet")
    lone = tmp_path / "lone.parquet"
    lone.write_bytes(quotes_file.read_bytes())
    with pytest.raises(ReadError, match="not a documents file"):
        list(read_documents(lone))


def test_read_documents_missing_dataset_is_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no Parquet dataset"):
        list(read_documents(tmp_path / "nothing"))


def test_write_documents_empty_input_gives_empty_datasets(tmp_path: Path) -> None:
    assert write_documents([], tmp_path).documents == 0
    assert list(read_documents(tmp_path)) == []


texts = st.text(alphabet="aéz «»\n'’-", max_size=30)
spans = st.builds(CharSpan, st.integers(0, 99), st.integers(0, 99), texts)
quotes = st.builds(
    Quote,
    st.sampled_from(list(QuoteType)),
    st.integers(0, 99),
    st.integers(0, 99),
    texts,
    st.none() | st.builds(SpeakerMention, st.integers(0, 9), st.integers(0, 9), texts, st.none() | texts),
    st.none() | spans,
)
entities = st.builds(
    Entity, texts, st.sampled_from(list(EntityLabel)), st.lists(spans, max_size=2), st.integers(0, 5)
)
documents = st.builds(
    Document,
    id=st.text(alphabet="0123456789abcdef", min_size=1, max_size=16),
    source=st.builds(Source, st.sampled_from(["a.wet", "b/c d.txt"]), st.none() | texts),
    url=st.none() | texts,
    lang=st.none() | st.sampled_from(["fr", "en", "pt-BR", "x/y"]),
    date=st.none() | st.dates().map(lambda d: d.isoformat()),
    crawl_date=st.none() | st.datetimes(dt.datetime(1990, 1, 1)).map(lambda t: f"{t:%Y-%m-%dT%H:%M:%S}Z"),
    section=st.lists(texts, max_size=2),
    title=texts,
    lede=texts,
    paragraphs=st.lists(texts, max_size=3),
    text=texts,
    chrome=st.lists(
        st.builds(ChromeLine, st.integers(0, 9), st.sampled_from(list(ChromeKind)), texts), max_size=2
    ),
    related=st.lists(st.builds(Story, texts, texts), max_size=1),
    quotes=st.lists(quotes, max_size=3),
    entities=st.lists(entities, max_size=2),
    errors=st.lists(st.builds(RecordError, texts, texts, texts), max_size=1),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(documents, max_size=6, unique_by=lambda d: d.id))
def test_round_trip_any_documents(tmp_path_factory: pytest.TempPathFactory, docs: list[Document]) -> None:
    out = tmp_path_factory.mktemp("pq")
    write_documents(docs, out)
    assert by_id(list(read_documents(out))) == by_id(docs)


def test_partitioned_writer_on_a_file_uri_names_files_by_prefix(tmp_path: Path) -> None:
    docs = [article("a1", "fr", "2025-03-14"), article("a3", "fr", None), failed("e1")]
    fs, root = output_filesystem(f"file://{tmp_path}/out")
    writer = PartitionedWriter(fs, root, prefix="part-00007-abcdef12")
    for ordinal, doc in enumerate(docs):
        writer.add(doc, ordinal)
    writer.flush_all()
    write_documents(docs, tmp_path / "local")
    names = {p.name for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert names == {f"part-00007-abcdef12-{i:05d}.parquet" for i in range(3)}  # no temporary file left
    assert by_id(list(read_documents(tmp_path / "out"))) == by_id(list(read_documents(tmp_path / "local")))
    assert writer.summary.documents == 3 and writer.summary.files == 7


def test_output_filesystem_makes_local_paths_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    fs, root = output_filesystem("out")
    assert (fs.type_name, root) == ("local", str(tmp_path / "out"))


def test_dates_are_typed_columns_and_come_back_as_written(tmp_path: Path) -> None:
    import pyarrow as pa

    doc = article("a1", "fr", "2025-03-14")
    doc.crawl_date = "2026-01-05T10:00:00Z"
    write_documents([doc], tmp_path)
    table = ds.dataset(tmp_path / "documents", format="parquet", partitioning="hive").to_table()
    assert table.schema.field("date").type == pa.date32()
    assert table.schema.field("crawl_date").type == pa.timestamp("us", tz="UTC")
    assert table.column("date").to_pylist() == [dt.date(2025, 3, 14)]
    assert table.column("crawl_date").to_pylist() == [dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC)]
    [back] = read_documents(tmp_path)
    assert (back.date, back.crawl_date) == ("2025-03-14", "2026-01-05T10:00:00Z")


def test_document_columns_follow_the_model_fields(tmp_path: Path) -> None:
    import dataclasses

    import pyarrow.parquet as pq

    write_documents([article("a1", "fr", "2025-03-14")], tmp_path)
    [path] = (tmp_path / "documents").rglob("*.parquet")
    names = pq.read_schema(path).names
    model = [f.name for f in dataclasses.fields(Document) if f.name != "lang"]
    assert names == [*model, "ordinal"]
