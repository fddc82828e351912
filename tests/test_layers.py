"""Imports run one way: the language rules under the quote finders and the speaker resolver, which never
import each other; only the composition modules (the spaCy component, the records library) see both.

Every import in ``src/guillemets`` is read with ``ast`` (function-level imports too) and checked
against the allowed-direction table below.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

# unit → units it may import; a module's unit is its longest listed prefix (unlisted modules are not checked)
UNITS = {
    "guillemets.fold": "base",
    "guillemets.errors": "base",
    "guillemets.model": "base",
    "guillemets.nlp.spans": "names",
    "guillemets.rules": "rules",
    "guillemets.quotes": "finders",
    "guillemets.speakers": "speakers",
    # composition: the component and the library entry points see every layer below them
    "guillemets.quotes.__init__": "composition",
    "guillemets.quotes.component": "composition",
    "guillemets.quotes.records": "composition",
    "guillemets.nlp": "composition",
    "guillemets.convert": "composition",
}
ALLOWED = {
    "base": {"base"},
    "names": set(),
    "rules": {"base", "rules"},
    "finders": {"base", "names", "rules", "finders"},
    "speakers": {"base", "names", "rules", "speakers"},
}


def unit_of(module: str) -> str | None:
    matches = [p for p in UNITS if module == p or module.startswith(p + ".")]
    return UNITS[max(matches, key=len)] if matches else None


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts)  # a package's __init__ keeps its name: guillemets.quotes.__init__


def imported(tree: ast.AST, package: str) -> list[tuple[int, str]]:
    """(line, module) of each guillemets import; ``from X import Y`` counts as X.Y when Y is a module."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.startswith("guillemets")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if not node.module.startswith("guillemets"):
                continue
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                is_module = (SRC / sub.replace(".", "/")).with_suffix(".py").is_file() or (
                    SRC / sub.replace(".", "/")
                ).is_dir()
                out.append((node.lineno, sub if is_module else node.module))
    return out


def violations(module: str, source: str) -> list[str]:
    """Imports of ``module`` (given as source text) that run back up the layers."""
    unit = unit_of(module)
    if unit not in ALLOWED:
        return []
    out = []
    for line, target in imported(ast.parse(source), module):
        target_unit = unit_of(target)
        if target_unit not in ALLOWED[unit]:
            out.append(f"{module}:{line} imports {target} ({unit} → {target_unit})")
    return out


def test_imports_run_one_way() -> None:
    found = []
    for path in sorted((SRC / "guillemets").rglob("*.py")):
        found += violations(module_name(path), path.read_text("utf-8"))
    assert found == []


def test_quote_finders_and_speakers_never_import_each_other() -> None:
    assert violations("guillemets.speakers.resolver", "from guillemets.quotes.cues import Found\n")
    assert violations("guillemets.quotes.direct", "from guillemets.speakers.resolver import Resolver\n")
    assert violations("guillemets.quotes.direct", "def f():\n    import guillemets.speakers.index\n")


def test_rules_import_nothing_above_them() -> None:
    assert violations("guillemets.rules.profile", "from guillemets.quotes.marks import pair_marks\n")
    assert violations("guillemets.rules.mentions", "from guillemets.nlp import spans\n")
    assert not violations("guillemets.quotes.direct", "from guillemets.rules.mentions import subject_of\n")
    assert not violations("guillemets.speakers.ranker", "from guillemets.nlp.spans import NONE\n")
