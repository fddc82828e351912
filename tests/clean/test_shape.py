from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.child import run_child

from guillemets.clean.lines import split_pages, strings
from guillemets.clean.shape import Utf8, arrow_of, numpy_of

_ENDS = '.!?…"»”’):。！？」'
_ENDS_RE2 = r"[.!?…\"»”’):。！？」]$"
_LINES = st.lists(st.text(alphabet='ab ,.!?…»”’)1234567890。」é€𝄞":٣', max_size=12), max_size=8)


@settings(deadline=None)
@given(_LINES)
def test_byte_counts_equal_the_re2_patterns(lines: list[str]) -> None:
    arr = pa.array(lines, pa.large_string())
    utf8 = Utf8.of(arr)
    assert utf8.count(b"0123456789").tolist() == pc.count_substring_regex(arr, r"\d").to_pylist()
    assert utf8.count(b",").tolist() == pc.count_substring(arr, ",").to_pylist()
    assert utf8.count(b"1,!").tolist() == [sum(c in "1,!" for c in line) for line in lines]  # not a range
    assert utf8.ends_with(_ENDS).tolist() == pc.match_substring_regex(arr, _ENDS_RE2).to_pylist()


def test_byte_view_of_a_slice_reads_only_its_values() -> None:
    arr = pa.array(["Il a dit, 12 fois.", "Menu", "Le 3 mai 2024 »", "ok"], pa.large_string())[1:3]
    utf8 = Utf8.of(arr)
    assert utf8.count(b"0123456789").tolist() == [0, 5]
    assert utf8.ends_with(_ENDS).tolist() == [False, True]
    with pytest.raises(ValueError, match="ASCII"):
        utf8.count("é".encode())
    with pytest.raises(TypeError, match="large_string"):
        Utf8.of(pa.array(["a"]))


def test_numpy_and_arrow_conversions_round_trip() -> None:
    mask = np.array([True, False, True, True, False, False, False, False, True])
    assert numpy_of(arrow_of(mask)).tolist() == mask.tolist()
    assert numpy_of(arrow_of(mask)[3:]).tolist() == mask[3:].tolist()
    rows = np.array([4, 0, 7])
    assert numpy_of(arrow_of(rows)).tolist() == [4, 0, 7]
    lengths = pc.utf8_length(pa.array(["abc", "é"], pa.large_string()))
    assert numpy_of(lengths, np.float64).tolist() == [3.0, 1.0]
    assert numpy_of(pa.array([1, None, 3]), np.float64)[0] == 1.0  # nulls: the usual conversion


@settings(deadline=None)
@given(st.lists(st.text(alphabet="ab é\t", max_size=5), max_size=6))
def test_strings_builds_the_same_array_as_pa_array(values: list[str]) -> None:
    assert strings(values).to_pylist() == values


def test_cleaning_a_page_does_not_import_pandas() -> None:
    code = (
        "import sys; from guillemets.clean import clean_dumps; "
        "clean_dumps(['Menu\\n\\nLe maire a dit, le 3 mai 2024, que tout\\tira bien.\\r\\n', '']); "
        "print('pandas' in sys.modules)"
    )
    assert run_child(code) == "False"


def test_split_pages_collapses_unicode_spaces_in_the_arrow_array_too() -> None:
    t = split_pages(["Un\u00a0titre  long\n\u2003\nfin\tde page"])
    assert t.texts == ["Un titre long", "fin de page"]
    assert t.array.to_pylist() == t.texts and t.number.tolist() == [0, 2]
