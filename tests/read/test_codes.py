"""Every read error code is a class in errors.py and is documented in docs/read.md."""

from __future__ import annotations

from pathlib import Path

from guillemets import errors


def _codes() -> set[str]:
    classes = [c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, errors.ReadError)]
    return {c.code for c in classes}


def test_read_error_codes_are_kebab_case_and_documented(project_root: Path) -> None:
    doc = (project_root / "docs" / "read.md").read_text("utf-8")
    for code in _codes():
        assert code == code.lower() and " " not in code
        assert f"`{code}`" in doc, f"{code} is not in docs/read.md"
