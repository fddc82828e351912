"""Where the time goes: each stage of the pipeline timed on the DEV pages, spaCy component by component.

    python -m bench.profile [--limit N] [--out FILE]
    python -m bench.profile --clean-stages [--limit N] [--out FILE]

The DEV page dumps are written to one WET archive, then: read (``read_input``), clean
(``clean_dumps`` on each batch), the rest of ``build_documents`` (language id, assembly), the
annotator (``annotate`` on each batch, as ``process_many`` does), and, on the documents the quote
stage selects, tokenizer and each spaCy component alone. Also what the parser sees: how many
documents and characters, against what was read, and how much of it is in paragraphs that
hold a quote. A pyinstrument run over the whole pipeline gives the functions with the most
self time. Results: bench/results/profile.json; notes: bench/profile.md.

``--clean-stages`` instead splits the dump cleaner's CPU time by step, on the DEV dumps in batches
of ``pipeline.BATCH`` (3 passes): splitting into lines, marker lines, the lines' own features,
stage 1, the stage-2 columns, the trees, smoothing, assembly of the fields, and language id of
each article (bench/results/profile_clean.json).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.common import write_result
from bench.spark import build_archives
from guillemets.model import Document
from guillemets.read import InputRef, RawPage, read_input
from guillemets.settings import Settings

PER_PAGE = ("read", "build_document", "clean", "language id and assembly", "annotate")


class Clock:
    """CPU seconds spent per stage name (CPU time: the machine is shared, wall time is not ours)."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)

    def time(self, stage: str, fn: Any, *args: Any) -> Any:
        start = time.process_time()
        result = fn(*args)
        self.spent[stage] += time.process_time() - start
        return result


def stages(pages: list[RawPage], settings: Settings, clock: Clock) -> list[Document]:
    """The stages as ``process_many`` runs them: documents built a batch at a time, then annotated."""
    from guillemets.batch.collector import tune_collector
    from guillemets.clean import clean_dumps
    from guillemets.lang import detect_language
    from guillemets.nlp import make_annotator
    from guillemets.pipeline import BATCH, build_documents
    from guillemets.read import PageKind

    annotator = clock.time("load model", make_annotator, settings.nlp)
    tune_collector()  # as the CLI does
    build_documents(pages[:2], settings)  # warm up: the cleaner's data files load on first use
    detect_language("warm-up")  # and the language tables (py3langid too: a text too short for the votes)
    docs: list[Document] = []
    for start in range(0, len(pages), BATCH):
        batch = pages[start : start + BATCH]
        chunk = clock.time("build_document", build_documents, batch, settings)
        dumps = [raw.content for raw in batch if raw.kind is PageKind.TEXT and not raw.errors]
        clock.time("clean", clean_dumps, dumps)
        clock.time("annotate", annotator.annotate, [d for d in chunk if d.ok and d.text])
        docs.extend(chunk)
    return docs


def components(docs: list[Document], settings: Settings, clock: Clock) -> None:
    """Tokenizer and each component of the model alone, on the documents the quote stage parses."""
    from guillemets.nlp.load import load_model
    from guillemets.nlp.select import select

    nlp = load_model(dict(settings.nlp.models)["fr"])  # the model of the documents select() keeps
    texts = [d.text for d in select(docs)]
    parsed = [clock.time("spacy: tokenizer", nlp.make_doc, text) for text in texts]
    for name, component in nlp.pipeline:
        parsed = clock.time(f"spacy: {name}", _run_component, component, parsed)


def _run_component(component: Any, docs: list[Any]) -> list[Any]:
    if hasattr(component, "pipe"):
        return list(component.pipe(docs, batch_size=32))
    return [component(doc) for doc in docs]


def parser_input(pages: list[RawPage], docs: list[Document]) -> dict[str, Any]:
    from guillemets.nlp.select import select

    chosen = select(docs)
    quoted = sum(len(p) for d in chosen for p in _quote_paragraphs(d))
    parsed = sum(len(d.text) for d in chosen)
    return {
        "pages": len(pages),
        "chars_read": sum(len(p.content) for p in pages),
        "documents_with_text": sum(1 for d in docs if d.ok and d.text),
        "chars_of_articles": sum(len(d.text) for d in docs if d.ok),
        "documents_parsed": len(chosen),
        "chars_parsed": parsed,
        "chars_in_paragraphs_with_a_quote": quoted,
        "share_parsed_in_quote_paragraphs": round(quoted / parsed, 3) if parsed else None,
        "quotes": sum(len(d.quotes) for d in docs),
    }


def _quote_paragraphs(doc: Document) -> list[str]:
    starts, pos = [], 0
    blocks = doc.text.split("\n\n")
    for block in blocks:
        starts.append(pos)
        pos += len(block) + 2
    hit = {i for q in doc.quotes for i, s in enumerate(starts) if s <= q.start < s + len(blocks[i]) + 2}
    return [blocks[i] for i in sorted(hit)]


def hot_functions(pages: list[RawPage], settings: Settings, top: int = 15) -> list[dict[str, Any]]:
    """Functions with the most self time over ``process_many`` (pyinstrument, 1 ms sampling)."""
    from pyinstrument import Profiler

    from guillemets.nlp import make_annotator
    from guillemets.pipeline import process_many

    annotator = make_annotator(settings.nlp)
    profiler = Profiler(interval=0.001)
    profiler.start()
    for _doc in process_many(pages, settings, annotator):
        pass
    profiler.stop()
    own: dict[str, float] = defaultdict(float)
    root = profiler.last_session.root_frame() if profiler.last_session else None
    stack: list[tuple[Any, Any]] = [(root, None)] if root else []
    while stack:
        frame, parent = stack.pop()
        stack.extend((child, frame) for child in frame.children)
        named = parent if frame.is_synthetic and parent is not None else frame  # "[self]" is the parent's
        own[f"{named.function} ({named.file_path_short}:{named.line_no})"] += frame.total_self_time
    total = sum(own.values()) or 1.0
    ranked = sorted(own.items(), key=lambda kv: -kv[1])[:top]
    return [{"function": k, "self_seconds": round(v, 3), "share": round(v / total, 3)} for k, v in ranked]


def html_pages(limit: int | None) -> list[RawPage]:
    """The same DEV pages as HTML (../shared/bench/pages/dev-html), for the HTML cleaner's cost."""
    import gzip
    import json

    from bench.common import SHARED
    from guillemets.model import Source
    from guillemets.read.base import PageKind

    pages: list[RawPage] = []
    for path in sorted((SHARED / "bench" / "pages" / "dev-html").glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for r in map(json.loads, lines):
                pages.append(RawPage(Source(path.name, r["id"]), PageKind.HTML, r["html"], url=r.get("url")))
    return pages[: limit or len(pages)]


def html_cost(pages: list[RawPage], settings: Settings, clock: Clock) -> None:
    from guillemets.pipeline import build_document

    for raw in pages:
        clock.time("html: build_document", build_document, raw, settings)


def clean_stages(limit: int | None, passes: int = 3) -> dict[str, Any]:
    """CPU ms per page of each step of ``clean_dumps`` (and ``detect_language`` on the articles)."""
    import numpy as np

    from bench.pages import DEV
    from bench.train_cleaner import load_pages
    from guillemets.batch.collector import tune_collector
    from guillemets.clean import classify, features, lines, segment
    from guillemets.clean.assemble import assemble
    from guillemets.clean.window import PageRows
    from guillemets.lang import detect_language
    from guillemets.pipeline import BATCH

    dumps = [p["dump"] for p in load_pages(DEV, limit)]
    segment.clean_dumps(dumps[:2])
    detect_language("warm-up")
    tune_collector()
    model, clock = classify.load_model(), Clock()
    for _ in range(passes):
        for start in range(0, len(dumps), BATCH):
            t = clock.time("split into lines", lines.split_pages, dumps[start : start + BATCH])
            try:
                rows = PageRows(t.bounds, t.block)  # as ``segment.decide``: with the blocks
            except TypeError:  # the source before the block context (--against runs)
                rows = PageRows(t.bounds)
            kinds = clock.time("marker lines", features.marker_kinds, t)
            # As ``segment.decide`` computes them: the page-word columns only for a model that reads them.
            page_words = getattr(model, "page_words", True)
            x = clock.time("line features", lambda: features.base_features(t, kinds, page_words=page_words))  # noqa: B023
            w, b = model.first.folded
            z = clock.time("stage 1", lambda: features.project(x, rows, w) + b)  # noqa: B023
            if isinstance(model.second, classify.Trees) and hasattr(classify, "_tree_columns"):
                cols = clock.time("stage 2 columns", classify._tree_columns, model.second.used, x, rows, z)
                clock.time("stage 2 trees", model.second.logits_of_columns, cols)
            elif isinstance(model.second, classify.Trees):  # the source before issue 12 (--against runs)
                full = clock.time(
                    "stage 2 columns",
                    lambda: np.hstack([features.expand(x, rows), classify.score_context(z, rows)]),  # noqa: B023
                )
                clock.time("stage 2 trees", model.second.logits, full)
            clock.time("smoothing", segment.smooth_pages, z, t.bounds, segment.SWITCH_COST)
            decided = segment.decide(t, model)
            cleaned = clock.time("assembly", lambda: [assemble(d) for d in decided])  # noqa: B023
            texts = ["\n\n".join([c.title, c.lede, *c.paragraphs]) for c in cleaned]
            clock.time("language id", lambda: [detect_language(s) for s in texts])  # noqa: B023
    per_page = {k: round(1000 * v / (passes * len(dumps)), 3) for k, v in clock.spent.items()}
    return {"pages": len(dumps), "passes": passes, "cpu_ms_per_page": per_page,
            "total_ms_per_page": round(sum(per_page.values()), 3)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None, help="Use the first N DEV pages.")
    parser.add_argument("--out", default=None, help="Result file (default bench/results/profile.json).")
    parser.add_argument("--clean-stages", action="store_true", help="Only split the dump cleaner's time.")
    args = parser.parse_args()
    if args.clean_stages:
        print(write_result("profile_clean", clean_stages(args.limit), args.out))
        return
    settings, clock = Settings(), Clock()
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as tmp:
        n = args.limit or 555
        [archive] = build_archives(Path(tmp), n, 1, args.limit)
        pages = clock.time("read", lambda: list(read_input(InputRef(str(archive)), settings.read)))
    docs = stages(pages, settings, clock)
    components(docs, settings, clock)
    html = html_pages(args.limit)
    html_cost(html, settings, clock)
    spent = {k: round(v, 3) for k, v in clock.spent.items()}
    spent["language id and assembly"] = round(clock.spent["build_document"] - clock.spent["clean"], 3)
    seen = parser_input(pages, docs)
    spacy = sum(v for k, v in clock.spent.items() if k.startswith("spacy: "))
    figures = {
        "cpu_seconds": spent,
        "cpu_ms_per_page": {k: round(1000 * v / len(pages), 2) for k, v in spent.items() if k in PER_PAGE},
        "html_pages": len(html),
        "html_cpu_ms_per_page": round(1000 * spent["html: build_document"] / max(1, len(html)), 2),
        "parser_input": seen,
        "spacy_cpu_ms_per_parsed_document": round(1000 * spacy / max(1, seen["documents_parsed"]), 1),
        "spacy_cpu_ms_per_1000_chars": round(1e6 * spacy / max(1, seen["chars_parsed"]), 2),
        "hot_functions": hot_functions(pages, settings),
    }
    print(write_result("profile", figures, args.out))


if __name__ == "__main__":
    main()
