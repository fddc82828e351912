"""A page's document does not depend on what else is in its batch, nor on the process.

One process, ``--jobs N`` and Spark cut the same pages into different batches (and run them in
different processes, with different string hash seeds): they emit the same lines only if each
page's result is computed from that page alone.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from guillemets.clean.window import PageRows
from guillemets.model import Source
from guillemets.pipeline import build_documents
from guillemets.read.base import PageKind, RawPage
from guillemets.settings import Settings

# Row values whose running sums round: carried over a long earlier page, they come out different.
_HEAVY = np.linspace(0.1, 3e6, 5000) / 3.0


def _rows_with_page(page: np.ndarray, before: np.ndarray) -> tuple[PageRows, np.ndarray, slice]:
    """A batch of ``before`` then ``page``: its rows, its values, and where ``page`` sits in it."""
    x = np.concatenate([before, page])
    return PageRows(np.array([0, len(before), len(x)])), x, slice(len(before), len(x))


def test_window_mean_of_a_page_is_exactly_the_same_after_another_page() -> None:
    page = np.array([0.7, 1.1, 0.3, 2.9, 0.1, 1.3, 0.7]) / 3.0
    alone = PageRows(np.array([0, len(page)])).window_mean(page[:, None], 2)
    rows, x, where = _rows_with_page(page, _HEAVY)
    assert np.array_equal(rows.window_mean(x[:, None], 2)[where], alone)


def test_sums_before_each_row_are_exactly_the_same_after_another_page() -> None:
    page = np.array([0.7, 1.1, 0.3, 2.9, 0.1, 1.3, 0.7]) / 3.0
    alone = PageRows(np.array([0, len(page)])).before(page)
    rows, x, where = _rows_with_page(page, _HEAVY)
    assert np.array_equal(rows.before(x)[where], alone)
    assert alone[0] == 0.0


_CHROME = ["Accueil", "Se connecter", "Partager", "Lire aussi", "Abonnez-vous", "Météo du jour"]
_SENTENCE = (
    "le conseil municipal a voté mardi soir un budget que les habitants du quartier attendaient depuis "
    "des mois pour rénover la piscine fermée après la tempête de novembre dernier"
)
_WORDS = _SENTENCE.split(" ")


def _invented_page(i: int) -> str:
    """A text dump: menus, a title, paragraphs of varying length (some repeated), a footer."""
    lines = [_CHROME[(i + k) % len(_CHROME)] for k in range(2 + i % 5)]
    lines.append(f"Le budget de la piscine numéro {i} adopté")
    for k in range(2 + i % 4):
        n = 6 + (i * 7 + k * 13) % 40
        lines.append(" ".join(_WORDS[(i + k + j) % len(_WORDS)] for j in range(n)).capitalize() + ".")
    lines += lines[-2:] if i % 3 == 0 else []  # a repeated run: ties between equally dense regions
    lines += [_CHROME[(i * 3 + k) % len(_CHROME)] for k in range(1 + i % 7)]
    return "\n".join(lines) + "\n"


def _raw(i: int, text: str) -> RawPage:
    return RawPage(Source("invented.txt", str(i)), PageKind.TEXT, text, id=str(i))


def _batched(raws: list[RawPage], sizes: list[int]) -> list[object]:
    """build_documents over ``raws`` cut into consecutive batches of the given sizes, in order."""
    out: list[object] = []
    it = iter(raws)
    for size in itertools.cycle(sizes):
        batch = list(itertools.islice(it, size))
        if not batch:
            return out
        out += build_documents(batch, Settings())
    return out


def test_invented_pages_give_the_same_documents_in_any_batch_composition() -> None:
    raws = [_raw(i, _invented_page(i)) for i in range(60)]
    heavy = _raw(-1, "\n".join(f"Ligne {k} " + "mot " * (k % 90) for k in range(4000)) + "\n")
    alone = _batched(raws, [1])
    assert any(getattr(doc, "paragraphs", None) for doc in alone)  # the pages keep an article
    assert _batched(raws, [len(raws)]) == alone
    assert _batched(raws, [5, 17, 3]) == alone
    assert _batched([heavy, *raws], [len(raws) + 1])[1:] == alone
    assert _batched(raws[::-1], [7])[::-1] == alone


def test_dev_dumps_give_the_same_documents_batched_or_alone(shared_dir: Path) -> None:
    """A batch of 128 DEV dumps cleaned together (as one process does) equals each dump cleaned alone.

    The DEV files in sorted order, pages 384-511: the two of the 555 that differed when the running
    sums crossed page boundaries are in this batch.
    """
    import gzip

    files = sorted((shared_dir / "bench" / "pages" / "dev").glob("*.jsonl.gz"))
    if not files:
        pytest.skip("the DEV page dumps are not available")
    dumps: list[str] = []
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            dumps += [json.loads(line)["dump"] for line in lines]
    batch = [_raw(i, dump) for i, dump in enumerate(dumps[384:512])]
    assert build_documents(batch, Settings()) == _batched(batch, [1])


_SETTLE = textwrap.dedent(
    """
    import json
    from spacy.tokens import Doc
    from spacy.vocab import Vocab
    from guillemets.rules import load_profile
    from guillemets.speakers.entities import entity_spans, settle

    words = ["Saint-Paul", ",", "Saint-Marc", ",", "Saint-Jean", "et", "Saint", "."]
    ents = ["B-LOC", "O", "B-LOC", "O", "B-LOC", "O", "B-LOC", "O"]
    spans = entity_spans(Doc(Vocab(), words=words, ents=ents))
    print(json.dumps(settle(spans, [None] * len(spans), set(), load_profile("fr"))))
    """
)


def test_place_ties_are_settled_the_same_in_every_process() -> None:
    """« Saint » joins one of three places of the same length: the same one whatever the hash seed."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", _SETTLE],
            env={**env, "PYTHONHASHSEED": str(seed)},
            stdout=subprocess.PIPE,
            text=True,
        )
        for seed in range(6)
    ]
    outputs = {run.communicate(timeout=120)[0] for run in runs}
    assert all(run.returncode == 0 for run in runs)
    [output] = outputs
    assert json.loads(output)[3] == ["LOC", "Saint-Jean"]  # longest first, then alphabetical
