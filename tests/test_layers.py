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
    "guillemets.attribution": "attribution",
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
    "attribution": {"base", "attribution"},
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


def _code_strings(path: Path) -> list[tuple[int, str]]:
    """String constants of a module's code: not docstrings, not the text of f-strings (explanations)."""
    tree = ast.parse(path.read_text("utf-8"))
    skip = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    skip |= {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values}
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
    ]


def test_quotes_and_speakers_code_holds_no_word_of_the_french_profile() -> None:
    """Every French word the rules use is data (``data/fr/``): none is a literal of the rule code."""
    from guillemets.rules import load_profile

    rules = load_profile("fr")
    words = {w for value in vars_of(rules.words) for w in value} | set(rules.mentions.titles)
    words |= set(rules.cues.forms) | set(rules.cues.verbs) | set(rules.morphology.elisions)
    found = [
        f"{path.name}:{line} {text!r}"
        for package in ("quotes", "speakers")
        for path in sorted((SRC / "guillemets" / package).glob("*.py"))
        if path.name != "reasons.py"  # the --explain templates name French cues (« P, selon X »)
        for line, text in _code_strings(path)
        if text in words and text not in SPACY_LABELS
    ]
    assert found == []


SPACY_LABELS = frozenset({"aux"})  # a dependency label (« c.dep_.startswith("aux") »), not the French « aux »


def vars_of(words: object) -> list[frozenset[str]]:
    return [v for v in (getattr(words, f) for f in words.__dataclass_fields__) if isinstance(v, frozenset)]  # type: ignore[attr-defined]
