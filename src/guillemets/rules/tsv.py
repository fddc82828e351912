"""Reading the versioned TSV files of a language profile: a header line with ``version=``, then rows."""

from __future__ import annotations

import re
from collections.abc import Iterator

from guillemets.errors import GuillemetsError


class ProfileError(GuillemetsError):
    """A language profile file is missing or malformed (the message names the file and line)."""

    code = "bad-profile"


def header_version(line: str) -> str:
    match = re.search(r"version=(\S+)", line)
    return match.group(1) if match else "0"


def rows(text: str, name: str, columns: int, header: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells padded to ``columns``) of each data row; comments, blanks, column names skipped."""
    for number, line in enumerate(text.splitlines()[1:], 2):
        if not line.strip() or line.startswith(("#", header + "\t")):
            continue
        cells = line.split("\t")
        if len(cells) > columns or not cells[0]:
            raise ProfileError(
                f"{name}:{number}: expected at most {columns} tab-separated cells, got {line!r}"
            )
        yield number, [*cells, *[""] * (columns - len(cells))]
