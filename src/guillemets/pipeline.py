"""Composes the stages; ``process_many`` is what every executor (CLI, --jobs, Spark) runs."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence

from guillemets.clean import Cleaned, clean_dump, clean_dumps, clean_html
from guillemets.clean.dates import publication_day
from guillemets.clean.prefilter import wanted
from guillemets.clean.result import CLEANED_CHROME
from guillemets.errors import ModelMissing, OtherLanguage, error_for
from guillemets.lang import detect_language
from guillemets.model import Document, RecordError, content_id
from guillemets.nlp import Annotator
from guillemets.read.base import PageKind, RawPage
from guillemets.settings import Settings

log = logging.getLogger(__name__)

# Pages per batch: the dump cleaner runs each feature over a whole batch at once, and the
# annotator parses a batch's French articles together. 64 → 128: +2 % cleaning throughput.
BATCH = 128
CLEAN_BATCH_CHARS = 16 << 20  # at most this much page text is cleaned at once (see _by_size)

# Called with each page and what the cleaner made of it (e.g. by ``extract --explain``).
OnClean = Callable[[RawPage, Cleaned], None]


def clean_page(raw: RawPage, settings: Settings) -> Cleaned:
    """Pick the cleaner by page kind; clean text is split on blank lines only."""
    if raw.kind is PageKind.HTML:
        return clean_html(raw.content, raw.url, explain=settings.clean.explain)
    if raw.kind is PageKind.CLEAN:
        return _split_clean_text(raw.content)
    return clean_dump(raw.content, raw.lang, explain=settings.clean.explain)


def _split_clean_text(text: str) -> Cleaned:
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    return Cleaned(title=blocks[0] if blocks else "", paragraphs=blocks[1:])


def build_documents(
    raws: list[RawPage], settings: Settings, on_clean: OnClean | None = None
) -> list[Document]:
    """``build_document`` for a batch: the text dumps among them are cleaned together, in one pass.

    The dump cleaner runs each feature over all the lines of the batch at once (several times
    faster than page by page); if it fails on the batch, each page is cleaned alone, so only the
    guilty page gets an error record.
    """
    dumps = [i for i, raw in enumerate(raws) if raw.kind is PageKind.TEXT and not raw.errors]
    done: dict[int, Cleaned] = {}
    for group in _by_size(dumps, raws):
        try:
            batch = clean_dumps([raws[i].content for i in group], explain=settings.clean.explain)
        except Exception:  # whatever the cause, each page is then cleaned alone, under its own guard
            log.info("cleaning %d dumps together failed; cleaning them one by one", len(group), exc_info=True)
        else:
            done.update(zip(group, batch, strict=True))
    return [build_document(raw, settings, on_clean, done.get(i)) for i, raw in enumerate(raws)]


def _by_size(rows: list[int], raws: list[RawPage], limit: int = CLEAN_BATCH_CHARS) -> list[list[int]]:
    """Consecutive groups of pages holding at most ``limit`` characters (a bigger page is alone).

    The cleaner's working memory is a few times its input: this keeps a batch of big pages
    (up to 32 MB each) from holding gigabytes at once.
    """
    groups: list[list[int]] = [[]]
    held = 0
    for i in rows:
        size = len(raws[i].content)
        if groups[-1] and held + size > limit:
            groups.append([])
            held = 0
        groups[-1].append(i)
        held += size
    return groups


def build_document(
    raw: RawPage, settings: Settings, on_clean: OnClean | None = None, cleaned: Cleaned | None = None
) -> Document:
    """Read → clean (unless ``cleaned`` is given) → language id for one page; failures become records.

    The per-page guard: any exception while cleaning this page (a bug included) becomes its error
    record with a stable code (``errors.error_for``); the traceback is logged at debug level (-vv).
    """
    doc = raw.document()
    doc.date = publication_day(doc.date, doc.source.label())  # the input's own date, as a day
    languages = settings.clean.languages
    if not doc.errors:
        try:
            if languages and raw.kind is PageKind.HTML and cleaned is None:
                keep, found = wanted(raw.content, languages)
                if not keep:
                    doc.lang = found
                    return _other_language(doc, languages, raw)
            cleaned = cleaned or clean_page(raw, settings)
            if on_clean is not None:
                on_clean(raw, cleaned)
            _fill_from_cleaned(doc, cleaned, raw)
        except Exception as exc:  # the guard: this page fails, the batch goes on
            _fail(doc, exc, "clean")
    if languages and doc.text and doc.lang not in languages:
        _other_language(doc, languages, raw)
    if not doc.id:
        doc.id = content_id(doc.text or raw.content or doc.source.label())
    return doc


def _fill_from_cleaned(doc: Document, cleaned: Cleaned, raw: RawPage) -> None:
    doc.section = cleaned.section
    doc.set_article(cleaned.title, cleaned.lede, cleaned.paragraphs)
    doc.chrome, doc.related = CLEANED_CHROME.raw(cleaned), cleaned.related  # the chrome not yet built
    doc.date = doc.date or publication_day(cleaned.date)
    doc.lang = doc.lang or detect_language(doc.text) or detect_language(raw.content)
    if not doc.text:
        doc.errors.append(RecordError("clean", "no-article", "no article text found on the page"))


def _other_language(doc: Document, languages: tuple[str, ...], raw: RawPage) -> Document:
    """Make ``doc`` the skip record of a page in a language not asked for (its ``lang`` kept)."""
    if not doc.id:
        doc.id = content_id(doc.text or raw.content or doc.source.label())
    found = doc.lang or "an unknown language"
    _fail(
        doc,
        OtherLanguage(f"the page is in {found}, not in the languages asked for ({', '.join(languages)})"),
        "clean",
    )
    return doc


def _fail(doc: Document, exc: Exception, stage: str) -> None:
    """Make ``doc`` the error record of ``exc``: its article and annotations are dropped, ``id`` kept."""
    log.debug("%s: %s failed", doc.source.label(), stage, exc_info=True)
    error = error_for(exc, stage)
    doc.set_article("", "", [])
    doc.section, doc.chrome, doc.related, doc.quotes, doc.entities = [], [], [], [], []
    doc.errors.append(RecordError(error.stage, error.code, error.message))


def annotate_guarded(annotator: Annotator, docs: Sequence[Document]) -> None:
    """Annotate ``docs`` as one batch; if that fails, one by one, so only a guilty page gets an error."""
    try:
        annotator.annotate(docs)
    except ModelMissing:
        raise  # not about one page: the run cannot go on
    except Exception:
        log.info("annotating %d documents together failed; one by one", len(docs), exc_info=True)
        for doc in docs:
            doc.quotes, doc.entities = [], []
            try:
                annotator.annotate([doc])
            except ModelMissing:
                raise
            except Exception as exc:  # the guard: this page fails, the others keep their quotes
                _fail(doc, exc, "nlp")


def process_many(
    raws: Iterable[RawPage],
    settings: Settings,
    annotator: Annotator | None = None,
    batch: int = BATCH,
    on_clean: OnClean | None = None,
) -> Iterator[Document]:
    """Documents for ``raws`` in input order, annotated in batches when an annotator is given."""
    it = iter(raws)
    while chunk := list(itertools.islice(it, batch)):
        docs = build_documents(chunk, settings, on_clean)
        if annotator is not None:
            annotate_guarded(annotator, [d for d in docs if d.ok and d.text])
        yield from docs
