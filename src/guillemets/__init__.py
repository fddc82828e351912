"""guillemets: clean news pages and record who said what.

``guillemets.extract(page)`` turns pages into Documents (see guillemets.api).
The names below load on first use, so ``import guillemets`` stays cheap (no spaCy until needed).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
_LAZY = {
    "extract": "guillemets.api",
    "iter_extract": "guillemets.api",
    "Extractor": "guillemets.api",
    "Document": "guillemets.model",
    "Quote": "guillemets.model",
    "Entity": "guillemets.model",
    "GuillemetsError": "guillemets.errors",
}

__all__ = [
    "Document",
    "Entity",
    "Extractor",
    "GuillemetsError",
    "Quote",
    "__version__",
    "extract",
    "iter_extract",
]

if TYPE_CHECKING:
    from guillemets.api import Extractor, extract, iter_extract
    from guillemets.errors import GuillemetsError
    from guillemets.model import Document, Entity, Quote


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'guillemets' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
