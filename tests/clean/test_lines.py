from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from guillemets.clean.lines import split_lines


def test_split_lines_numbers_blocks_and_collapses_space() -> None:
    lines = split_lines("a  b\nc\n\n\n d \n")
    assert [(ln.number, ln.text, ln.block, ln.block_size) for ln in lines] == [
        (0, "a b", 0, 2), (1, "c", 0, 2), (4, "d", 1, 1),
    ]  # fmt: skip


@given(st.text(alphabet="ab \n\t\r.«»é"))
def test_split_lines_keeps_every_nonempty_line_in_order(text: str) -> None:
    lines = split_lines(text)
    raw = text.splitlines()
    assert [ln.number for ln in lines] == [i for i, r in enumerate(raw) if r.split()]
    assert all(ln.text == " ".join(raw[ln.number].split()) for ln in lines)
    assert all(a.number < b.number and a.block <= b.block for a, b in itertools.pairwise(lines))
    assert all(ln.block_size == sum(o.block == ln.block for o in lines) for ln in lines)


@given(st.lists(st.text(alphabet="ab \n\r\x0b\u2028é"), max_size=4))
def test_a_batch_splits_each_page_as_alone(pages: list[str]) -> None:
    from guillemets.clean.lines import split_pages, table_lines

    t = split_pages(pages)
    for p, page in enumerate(pages):
        alone = split_lines(page)
        batched = table_lines(t)[t.rows(p)]
        assert [(ln.number, ln.text, ln.block_size) for ln in batched] == [
            (ln.number, ln.text, ln.block_size) for ln in alone
        ]
