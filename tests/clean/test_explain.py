from __future__ import annotations

from guillemets.clean import clean_dump
from guillemets.clean.explain import format_explain


def test_format_explain_has_one_row_per_line_with_label_and_reason(project_example: str) -> None:
    cleaned = clean_dump(project_example, explain=True)
    rows = format_explain(cleaned).splitlines()
    assert len(rows) == len([ln for ln in project_example.splitlines() if ln.strip()])
    assert any(" lede " in r and "first body line" in r for r in rows)
    assert any("chrome:social" in r and "marker" in r for r in rows)
    assert all("stop-word density" in r for r in rows)


def test_explain_is_empty_unless_asked(project_example: str) -> None:
    assert clean_dump(project_example).explain == []
