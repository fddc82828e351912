"""Human-readable per-line decisions for ``extract --explain`` (printed to stderr by the CLI)."""

from __future__ import annotations

from guillemets.clean.result import Cleaned

PREVIEW = 60  # characters of each line shown


def format_explain(cleaned: Cleaned) -> str:
    """One line per input line: number, label, a preview of the text, and the reason."""
    rows = []
    for d in cleaned.explain:
        text = d.text if len(d.text) <= PREVIEW else d.text[: PREVIEW - 1] + "…"
        rows.append(f"{d.line:>5}  {d.label:<18} {text!r:<{PREVIEW + 2}}  {d.reason}")
    return "\n".join(rows)
