"""Train the line classifier on the DEV pages' labels; write src/guillemets/data/clean_weights.json.

    python -m bench.train_cleaner [--limit N] [--out FILE] [--C 0.3]

Labels (the only use of the gold): trafilatura pages — a line holding (part of) a `with` snippet is
article (1), a line holding a `without` snippet is not (0), other lines are unlabelled and unused;
scrapinghub pages — a line found in the gold body is article (1), every other line is not (0).
Each source weighs the same in total. The fit is scikit-learn's LogisticRegression on standardised
features; inference is numpy only (guillemets.clean.classify). Deterministic: same data, same weights.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from bench.common import ROOT, SHARED
from guillemets.clean.classify import CONTEXT, Linear, LineModel, score_context
from guillemets.clean.features import FEATURES, line_features
from guillemets.clean.lines import Line, split_pages, table_lines
from guillemets.clean.window import PageRows

DEV = SHARED / "bench" / "pages" / "dev"
WEIGHTS = ROOT / "src" / "guillemets" / "data" / "clean_weights.json"
VERSION = "clean-lr2-1"
FOLDS = 5
_WS = re.compile(r"\s+")


def load_pages(folder: Path = DEV, limit: int | None = None) -> list[dict[str, Any]]:
    """DEV pages of every source, sorted by file then line order (``limit`` per source)."""
    pages: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
        pages.extend(rows[:limit] if limit else rows)
    return pages


def site(page: dict[str, Any]) -> str:
    """The page's site (URL host, else the file name's host-like prefix), for grouped CV."""
    url = page.get("url") or ""
    host = urlsplit(url).hostname or ""
    if "web.archive.org" in host:
        inner = re.search(r"web\.archive\.org/web/[^/]+/(?:https?://)?([^/]+)", url)
        host = inner.group(1) if inner else host
    if not host:
        host = re.split(r"[-_/]", (page.get("file") or page["id"]).split("::")[-1])[0]
    return host.lower().removeprefix("www.")


def norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


def label_lines(page: dict[str, Any], lines: list[Line]) -> np.ndarray:
    """1 article, 0 not article, -1 unknown, per line (see the module doc)."""
    if "gold" in page:
        return _label_body(norm(page["gold"]), lines)
    y = np.full(len(lines), -1, dtype=np.int8)
    flat = " ".join(line.text for line in lines)
    ends = np.cumsum([len(line.text) + 1 for line in lines])
    for snippets, value in ((page.get("without", []), 0), (page.get("with", []), 1)):
        for snippet in snippets:
            for i in _lines_holding(flat, ends, norm(snippet)):
                y[i] = value
    return y


def _lines_holding(flat: str, ends: np.ndarray, snippet: str) -> Iterator[int]:
    if not snippet:
        return
    start = flat.find(snippet)
    while start >= 0:
        first = int(np.searchsorted(ends, start, side="right"))
        last = int(np.searchsorted(ends, start + len(snippet) - 1, side="right"))
        yield from range(first, min(last, len(ends) - 1) + 1)
        start = flat.find(snippet, start + 1)


def _label_body(gold: str, lines: list[Line]) -> np.ndarray:
    y = np.zeros(len(lines), dtype=np.int8)
    for i, line in enumerate(lines):
        # Short lines ("Share", "Advertisement") are left out: they match gold words by chance.
        if len(line.text) >= 25 and line.text in gold:
            y[i] = 1
    return y


@dataclass(slots=True)
class PageData:
    """One DEV page's features (every line) and labels (-1 = unlabelled)."""

    x: np.ndarray
    y: np.ndarray
    source: str
    site: str


def build_dataset(pages: list[dict[str, Any]]) -> list[PageData]:
    """Features and labels of every page that has at least one labelled line."""
    data = []
    for page in pages:
        table = split_pages([page["dump"]])
        y = label_lines(page, table_lines(table))
        if (y >= 0).any():
            data.append(PageData(line_features(table), y, page["source"], site(page)))
    return data


def _rows(data: list[PageData], extra: list[np.ndarray] | None = None) -> tuple[np.ndarray, ...]:
    """Labelled rows (features [+ extra columns]), labels, weights giving each source the same total."""
    xs = [np.hstack([d.x, e]) if extra else d.x for d, e in zip(data, extra or data, strict=True)]
    keep = [d.y >= 0 for d in data]
    x = np.vstack([xi[k] for xi, k in zip(xs, keep, strict=True)])
    y = np.concatenate([d.y[k] for d, k in zip(data, keep, strict=True)])
    src = np.concatenate([np.full(int(k.sum()), d.source) for d, k in zip(data, keep, strict=True)])
    w = np.ones(len(y))
    for name in sorted(set(src.tolist())):
        w[src == name] = len(y) / (len(set(src.tolist())) * int((src == name).sum()))
    return x, y, w


def _fit_linear(x: np.ndarray, y: np.ndarray, w: np.ndarray, names: tuple[str, ...], c: float) -> Linear:
    """Logistic regression on standardised features (scikit-learn, lbfgs, deterministic)."""
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit((x - mean) / scale, y, sample_weight=w)
    return Linear(names, mean, scale, model.coef_[0].copy(), float(model.intercept_[0]))


def fold_of(sites: list[str], folds: int = FOLDS) -> dict[str, int]:
    """Sites dealt into folds in the order of their SHA-256 (stable, unrelated to the data order)."""
    ordered = sorted(set(sites), key=lambda s: hashlib.sha256(s.encode()).hexdigest())
    return {s: i % folds for i, s in enumerate(ordered)}


# Inverse regularisation strength. Grouped 5-fold CV on DEV (overall F1; trafilatura set):
# C = 0.1 → 0.908 (0.899), 0.3 → 0.910 (0.900), 1 → 0.911 (0.901), 3 → 0.911 (0.901), 10 → 0.911.
C = 1.0


def fit(data: list[PageData], c: float = C, stacked: bool = True) -> LineModel:
    """Stage 1 on all pages; stage 2 on stage-1 scores computed out of fold (grouped by site)."""
    first = _fit_linear(*_rows(data), FEATURES, c)
    if not stacked:
        return LineModel(VERSION, first)
    folds = fold_of([d.site for d in data])
    context: list[np.ndarray] = [np.zeros(0)] * len(data)
    for k in range(FOLDS):
        inner = _fit_linear(*_rows([d for d in data if folds[d.site] != k]), FEATURES, c)
        for i, d in enumerate(data):
            if folds[d.site] == k:
                context[i] = score_context(inner.logits(d.x), PageRows(np.array([0, len(d.x)])))
    second = _fit_linear(*_rows(data, context), (*FEATURES, *CONTEXT), c)
    return LineModel(VERSION, first, second)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="pages per source (for a quick try)")
    ap.add_argument("--out", default=str(WEIGHTS), help="weights file to write")
    ap.add_argument("--C", type=float, default=C, help="inverse regularisation strength")
    ap.add_argument("--single", action="store_true", help="stage 1 only (no stacked stage 2)")
    args = ap.parse_args()
    data = build_dataset(load_pages(limit=args.limit))
    model = fit(data, args.C, stacked=not args.single)
    Path(args.out).write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")
    labelled = sum(int((d.y >= 0).sum()) for d in data)
    sites = len({d.site for d in data})
    print(f"train_cleaner: {len(data)} pages, {labelled} labelled lines, {sites} sites -> {args.out}")


if __name__ == "__main__":
    main()
