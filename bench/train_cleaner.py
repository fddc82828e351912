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
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from bench.common import ROOT, SHARED
from guillemets.clean.classify import LineModel
from guillemets.clean.features import line_features
from guillemets.clean.lines import Line, split_lines

DEV = SHARED / "bench" / "pages" / "dev"
WEIGHTS = ROOT / "src" / "guillemets" / "data" / "clean_weights.json"
VERSION = "clean-lr-1"
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


def build_dataset(pages: list[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Feature rows of labelled lines, labels, sample weights (each source sums the same), site per row."""
    xs, ys, sources, groups = [], [], [], []
    for page in pages:
        lines = split_lines(page["dump"])
        y = label_lines(page, lines)
        keep = y >= 0
        if not keep.any():
            continue
        xs.append(line_features(lines)[keep])
        ys.append(y[keep])
        sources.extend([page["source"]] * int(keep.sum()))
        groups.extend([site(page)] * int(keep.sum()))
    src = np.array(sources)
    w = np.ones(len(src))
    names = sorted(set(sources))
    for name in names:
        w[src == name] = len(src) / (len(names) * int((src == name).sum()))
    return np.vstack(xs), np.concatenate(ys), w, groups


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, c: float = 0.3) -> LineModel:
    """Logistic regression on standardised features (scikit-learn, lbfgs, deterministic)."""
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit((x - mean) / scale, y, sample_weight=w)
    return LineModel(VERSION, mean, scale, model.coef_[0].copy(), float(model.intercept_[0]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="pages per source (for a quick try)")
    ap.add_argument("--out", default=str(WEIGHTS), help="weights file to write")
    ap.add_argument("--C", type=float, default=0.3, help="inverse regularisation strength")
    args = ap.parse_args()
    x, y, w, groups = build_dataset(load_pages(limit=args.limit))
    model = fit(x, y, w, args.C)
    Path(args.out).write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")
    print(
        f"train_cleaner: {len(y)} labelled lines ({int(y.sum())} article) "
        f"from {len(set(groups))} sites -> {args.out}"
    )


if __name__ == "__main__":
    main()
