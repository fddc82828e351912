"""Fixtures for rule tests on hand-built parses (no model needed)."""

from __future__ import annotations

import pytest
import spacy
from spacy.vocab import Vocab


@pytest.fixture(scope="session")
def fr_vocab() -> Vocab:
    return spacy.blank("fr").vocab
