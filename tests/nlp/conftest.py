"""Fixtures of the nlp tests (the French model ``nlp_md`` is shared: tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def example_article(shared_example: Path) -> str:
    """The article of the shared example page: blocks 2..10 (title, lede, body), blank-line joined."""
    blocks = [b.strip() for b in shared_example.read_text("utf-8").split("\n\n") if b.strip()]
    return "\n\n".join(blocks[1:10])
