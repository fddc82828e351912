"""Learned attribution: who said what, from the dependency parse and a small scorer shipped as data.

``en`` holds the English extractor learned from PolNeAR TRAIN (see docs/english.md); ``names``
gives its speakers canonical names from the NER. A language has a learned attributor when
``guillemets/data/<lang>/attribution.json`` (its weights) exists.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guillemets.attribution.en import EnglishAttributor

WEIGHTS = "attribution.json"


@functools.cache
def available_languages() -> tuple[str, ...]:
    """Languages with a learned attributor (weights in ``guillemets/data/<lang>/``)."""
    data = resources.files("guillemets.data")
    return tuple(sorted(p.name for p in data.iterdir() if p.is_dir() and p.joinpath(WEIGHTS).is_file()))


@functools.cache
def load_attributor(lang: str) -> EnglishAttributor:
    """The attributor of ``lang`` (read once per process); only English has one today."""
    if lang != "en" or lang not in available_languages():
        raise KeyError(
            f"no learned attributor for {lang!r} (attributors: {', '.join(available_languages())})"
        )
    from guillemets.attribution.en import EnglishAttributor

    return EnglishAttributor.load()
