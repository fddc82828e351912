"""The library's entry point: pages (strings, files, directories, archives) in, Documents out.

    >>> import guillemets
    >>> [doc] = guillemets.extract(page)          # a page dump, HTML or clean text, as a string
    >>> docs = guillemets.extract(Path("crawl/"))  # files, directories and archives, as paths

A string is page *content*; a path (``pathlib.Path``) is read like a command-line input. The
settings are the CLI's (``quotes``, ``explain``, ``jobs``, ``max_page_mb``), and every page is
run through ``pipeline.process_many``, as by every executor, so a Document here is the one
``guillemets extract`` writes. A page that cannot be read or cleaned is a Document whose
``errors`` say why; it is never dropped. The spaCy model loads once per process, at the
first call that needs it; an :class:`Extractor` keeps its settings for repeated warm calls.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar, get_args

from guillemets.errors import EmptyInput, GuillemetsError, TooLarge, UsageError
from guillemets.model import Document, Source
from guillemets.read.base import PageKind, RawPage, error_page
from guillemets.settings import CleanSettings, NlpSettings, ReadSettings, Settings

if TYPE_CHECKING:
    from guillemets.clean import Cleaned
    from guillemets.nlp import Annotator

log = logging.getLogger(__name__)
T = TypeVar("T")

Format = Literal["auto", "text", "html", "clean"]
FORMATS: tuple[str, ...] = get_args(Format)
TEXT_SOURCE = "<text>"  # the ``source.path`` of a page given as a string
MB = 1024 * 1024

# What a single input may be; ``extract`` also takes an iterable of them.
PageInput = str | bytes | os.PathLike[str]
OnClean = Callable[[RawPage, "Cleaned"], None]


def make_settings(
    *, quotes: bool = True, explain: bool = False, jobs: int = 1, max_page_mb: float | None = None
) -> Settings:
    """The CLI's settings from its options: ``--explain`` runs in one process, as on the command line."""
    if jobs < 1:
        raise UsageError(f"jobs must be at least 1, not {jobs}")
    if max_page_mb is not None and max_page_mb <= 0:
        raise UsageError(f"max_page_mb must be positive, not {max_page_mb}")
    read = ReadSettings() if max_page_mb is None else ReadSettings(max_bytes=int(max_page_mb * MB))
    return Settings(
        read=read,
        clean=CleanSettings(explain=explain),
        nlp=NlpSettings(quotes=quotes),
        jobs=1 if explain else jobs,
    )


def page_kind(content: str, format: str) -> PageKind:
    """The kind of a page given as a string: ``auto`` means HTML when it starts like HTML, else a dump."""
    if format not in FORMATS:
        raise UsageError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    if format == "auto":
        from guillemets.read.sniff import SNIFF_LIMIT, Format, sniff_format

        head = content[:SNIFF_LIMIT].encode("utf-8", "replace")
        return PageKind.HTML if sniff_format("", head) is Format.HTML else PageKind.TEXT
    return {"text": PageKind.TEXT, "html": PageKind.HTML, "clean": PageKind.CLEAN}[format]


def page_from_content(
    content: str | bytes,
    format: str = "auto",
    *,
    settings: ReadSettings | None = None,
    source: Source | None = None,
    url: str | None = None,
) -> RawPage:
    """A RawPage for page content, decoded and repaired as a file's would be; bad content is an error page."""
    settings = settings or ReadSettings()
    source = source or Source(TEXT_SOURCE)
    size = len(content) if isinstance(content, bytes) else len(content.encode("utf-8", "surrogatepass"))
    try:
        if size > settings.max_bytes:
            raise TooLarge(f"the page is {size / MB:.1f} MB, over the {settings.max_bytes / MB:.1f} MB limit")
        text = _decode(content)
        if not text.strip():
            raise EmptyInput("the page is empty: nothing to read")
        kind = page_kind(text, format)
    except UsageError:
        raise
    except GuillemetsError as exc:
        return error_page(source, exc)
    return RawPage(source, kind, text, url=url)


def _decode(content: str | bytes) -> str:
    from guillemets.read.decode import repair_text

    if isinstance(content, bytes):
        from guillemets.read.html import decode_html

        return decode_html(content)  # honours a meta charset, else detects; repairs either way
    return repair_text(content)


class Extractor:
    """Settings and an annotator kept together: reuse one to extract many pages warm.

    The one place that chooses how pages are run: in this process, or (``jobs`` > 1) by the
    ``--jobs`` executor of ``guillemets.batch.local``, which itself runs a small input here
    (``batch.plan``). ``guillemets extract``, ``ingest``, Spark tasks and :func:`extract` all go
    through it, and every path runs ``pipeline.process_many``. The spaCy model is loaded by the
    first call that needs it (or by :meth:`warm_up`), once per process, unless ``annotator`` is
    given. ``batch=True`` (a long command-line run) tunes the garbage collector once the model is
    loaded. One Extractor is not meant to run in two threads at once; serialise calls.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        on_clean: OnClean | None = None,
        annotator: Annotator | None = None,
        batch: bool = False,
    ) -> None:
        self.settings = settings or Settings()
        self.on_clean = on_clean
        self.batch = batch
        self._annotator = annotator

    def warm_up(self) -> None:
        """Load the model now (raises ModelMissing if it is not installed) rather than at first use."""
        self._get_annotator()

    def pages(self, raws: Iterable[RawPage]) -> Iterator[Document]:
        """Documents for ``raws`` in order: in this process, or in ``jobs`` worker processes.

        ``on_clean`` is called in this process only, so it needs ``jobs=1`` (``explain`` forces it).
        """
        return self.encoded(raws, _as_is)

    def encoded(self, raws: Iterable[RawPage], encode: Callable[[Document], T]) -> Iterator[T]:
        """``encode(document)`` for each of ``raws``, in order; with ``jobs`` > 1 encoded in the workers.

        ``encode`` must be a module-level function (the workers get it pickled by name).
        """
        if self.settings.jobs > 1:
            from guillemets.batch.local import process_parallel_encoded

            return process_parallel_encoded(raws, self.settings, self.settings.jobs, encode)
        return map(encode, self.in_process(raws))

    def in_process(self, raws: Iterable[RawPage]) -> Iterator[Document]:
        """Documents for ``raws`` in this process, whatever ``jobs`` says (a Spark task runs this)."""
        from guillemets.batch.local import process_serial

        annotator = self._get_annotator()
        if self.batch:
            from guillemets.batch.collector import tune_allocator, tune_collector

            tune_collector()  # after loading the model: it is frozen out of the collector's scans
            tune_allocator()  # one process: the heap keeps what the batches free (collector.py)
        yield from process_serial(raws, self.settings, annotator, on_clean=self.on_clean)

    def content(self, content: str | bytes, format: str = "auto", *, url: str | None = None) -> Document:
        """The Document of one page given as a string (or bytes)."""
        raw = page_from_content(content, format, settings=self.settings.read, url=url)
        [doc] = self.pages([raw])
        return doc

    def documents(self, inputs: PageInput | Iterable[PageInput], format: str = "auto") -> Iterator[Document]:
        """Documents of every input: strings are pages, paths are files, directories or archives."""
        return self.pages(_raw_pages(inputs, format, self.settings.read))

    def _get_annotator(self) -> Annotator:
        if self._annotator is None:
            from guillemets.nlp import make_annotator

            self._annotator = make_annotator(self.settings.nlp)
        return self._annotator


def _as_is(doc: Document) -> Document:
    return doc


def _raw_pages(
    inputs: PageInput | Iterable[PageInput], format: str, settings: ReadSettings
) -> Iterator[RawPage]:
    items = [inputs] if isinstance(inputs, str | bytes | os.PathLike) else list(inputs)
    if format not in FORMATS:
        raise UsageError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    many = len(items) > 1
    for index, item in enumerate(items):
        if isinstance(item, os.PathLike):
            yield from _path_pages(item, format, settings)
        elif isinstance(item, str | bytes):
            _refuse_path_string(item)
            source = Source(TEXT_SOURCE, str(index) if many else None)
            yield page_from_content(item, format, settings=settings, source=source)
        else:
            raise UsageError(f"cannot extract from a {type(item).__name__}: give a string, bytes or a Path")


def _path_pages(path: os.PathLike[str], format: str, settings: ReadSettings) -> Iterator[RawPage]:
    from guillemets.read import expand_inputs, read_input

    if format not in ("auto", "clean"):
        raise UsageError(f"format {format!r} applies to strings; a file's format is read from the file")
    kind = PageKind.CLEAN if format == "clean" else PageKind.TEXT  # the kind of JSONL "text" records
    for ref in expand_inputs([os.fspath(path)]):
        yield from read_input(ref, settings, kind)


def _refuse_path_string(item: str | bytes) -> None:
    """A one-line string naming an existing file is almost surely meant as a path: say so, do not guess."""
    if isinstance(item, bytes) or "\n" in item or len(item) > 4096 or not item.strip():
        return
    try:
        exists = Path(item).exists()
    except (OSError, ValueError):
        return
    if exists:
        raise UsageError(f"{item!r} is a path, and strings are page content; pass Path({item!r}) to read it")


def iter_extract(
    inputs: PageInput | Iterable[PageInput],
    *,
    format: str = "auto",
    quotes: bool = True,
    explain: bool = False,
    jobs: int = 1,
    max_page_mb: float | None = None,
    on_clean: OnClean | None = None,
) -> Iterator[Document]:
    """Documents of ``inputs``, one at a time (for big inputs); see :func:`extract`."""
    settings = make_settings(quotes=quotes, explain=explain, jobs=jobs, max_page_mb=max_page_mb)
    return Extractor(settings, on_clean=on_clean).documents(inputs, format)


def extract(
    inputs: PageInput | Iterable[PageInput],
    *,
    format: str = "auto",
    quotes: bool = True,
    explain: bool = False,
    jobs: int = 1,
    max_page_mb: float | None = None,
    on_clean: OnClean | None = None,
) -> list[Document]:
    """One Document per page of ``inputs``, in order, as ``guillemets extract`` makes them.

    ``inputs``: a string (a page dump, HTML or clean article text), bytes (decoded like a file),
    a ``Path`` (a file, a directory read recursively, a WARC/WET archive or JSONL), or a list of
    these. ``format`` (strings only): ``auto`` (HTML if it looks like HTML, else a page dump),
    ``text``, ``html`` or ``clean`` (already-clean text: blank lines separate title and
    paragraphs). ``quotes=False`` skips the quote and entity stage; ``jobs`` > 1 uses worker
    processes; ``explain`` records the cleaner's line decisions, passed to ``on_clean(raw, cleaned)``.
    Raises UsageError for arguments it cannot use and ModelMissing when the French model is absent.
    """
    return list(
        iter_extract(
            inputs,
            format=format,
            quotes=quotes,
            explain=explain,
            jobs=jobs,
            max_page_mb=max_page_mb,
            on_clean=on_clean,
        )
    )
