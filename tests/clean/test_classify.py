from __future__ import annotations

import json
from importlib import resources

import numpy as np
import pytest

from guillemets.clean.classify import (
    CONTEXT,
    UNLISTED_WEIGHTS_FILE,
    WEIGHTS_FILE,
    LineModel,
    load_model,
    score_context,
)
from guillemets.clean.features import LINE_FEATURES, PAGE_WORD_FEATURES, base_features, expand, line_features
from guillemets.clean.lines import split_pages, table_lines
from guillemets.clean.markers import word_lists
from guillemets.clean.window import PageRows
from guillemets.errors import CleanError


def test_shipped_model_scores_prose_above_navigation(small_page: tuple[str, str]) -> None:
    table = split_pages([small_page[1]])
    lines = table_lines(table)
    z = load_model().logits(base_features(table), PageRows(table.bounds))
    longest = max(range(len(lines)), key=lambda i: len(lines[i].text))
    nav = next(i for i, ln in enumerate(lines) if ln.text in ("Menu", "Subscribe", "Menü"))
    assert z[longest] > 0 > z[nav]


def test_model_round_trips_through_its_dict() -> None:
    model = load_model().with_unlisted(None)
    again = LineModel.from_dict(model.to_dict())
    x = np.random.default_rng(0).normal(size=(7, len(LINE_FEATURES)))
    rows = PageRows(np.array([0, 3, 7]))
    assert np.allclose(again.logits(x, rows), model.logits(x, rows), atol=1e-4)


def test_model_refuses_weights_for_other_features() -> None:
    d = load_model().to_dict()
    d["first"]["features"] = d["first"]["features"][:-1]
    with pytest.raises(CleanError, match="train_cleaner"):
        LineModel.from_dict(d)
    d = load_model().to_dict()
    d["first"]["features"][3] = "a_feature_the_code_lacks"
    with pytest.raises(CleanError, match="a_feature_the_code_lacks"):
        LineModel.from_dict(d)


def test_weights_trained_on_fewer_features_load_by_name() -> None:
    model = load_model().with_unlisted(None)
    d = model.to_dict()
    first = d["first"]
    # Drop the page-word columns, as in a file trained before them: the same scores where they are 0.
    keep = [i for i, f in enumerate(first["features"]) if f not in PAGE_WORD_FEATURES]
    for key in ("features", "mean", "scale", "coef"):
        first[key] = [first[key][i] for i in keep]
    older = LineModel.from_dict(d)
    assert not older.page_words
    x = np.random.default_rng(1).normal(size=(6, len(LINE_FEATURES)))
    x[:, [LINE_FEATURES.index(f) for f in PAGE_WORD_FEATURES]] = 0.0
    rows = PageRows(np.array([0, 6]))
    assert np.allclose(older.logits(x, rows), model.logits(x, rows))


def test_score_context_shape_and_mass() -> None:
    z = np.array([-2.0, 3.0, 1.0, -1.0])
    ctx = score_context(z, PageRows(np.array([0, 4])))
    assert ctx.shape == (4, len(CONTEXT))
    before, after = CONTEXT.index("s1_mass_before"), CONTEXT.index("s1_mass_after")
    assert ctx[0, before] == 0.0 and ctx[-1, after] == pytest.approx(0.0)
    assert ctx[1, CONTEXT.index("s1_prev")] == -2.0 and ctx[1, CONTEXT.index("s1_next")] == 1.0


def test_score_context_stays_within_each_page() -> None:
    z = np.array([-2.0, 3.0, 1.0, -1.0, 5.0])
    alone = score_context(z[2:], PageRows(np.array([0, 3])))
    batched = score_context(z, PageRows(np.array([0, 2, 5])))
    assert np.allclose(batched[2:], alone)


def test_fused_logits_equal_the_two_stages_on_the_expanded_matrix(small_page: tuple[str, str]) -> None:
    table = split_pages([small_page[1], small_page[1][::-1], ""])
    rows = PageRows(table.bounds)
    model = load_model()
    x = line_features(table)
    assert np.allclose(expand(base_features(table), rows), x)
    assert model.second is not None
    z = model.first.logits(x)
    expected = model.second.logits(np.hstack([x, score_context(z, rows)]))
    assert np.allclose(model.logits(base_features(table), rows), expected, atol=1e-9)


@pytest.mark.parametrize("name", [WEIGHTS_FILE, UNLISTED_WEIGHTS_FILE])
def test_shipped_weights_record_the_word_lists_they_were_trained_with(name: str) -> None:
    record = json.loads(resources.files("guillemets.data").joinpath(name).read_text("utf-8"))
    assert record["provenance"]["word_lists"] == word_lists()
    assert all(len(h) == 64 for h in record["provenance"]["data_sha256"].values())
    # The unlisted model saw every page blind; the main one none.
    dropout = record["provenance"].get("word_list_dropout", 0.0)  # main's file predates the key
    assert dropout == (1.0 if name == UNLISTED_WEIGHTS_FILE else 0.0)
