"""Inputs → refs: directories recursive and sorted, globs, stdin, and bad paths reported."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest
from tests.read.makers import FRENCH, write

from guillemets.read import InputRef, PageKind, expand_inputs, iter_pages, read_input
from guillemets.settings import ReadSettings


def test_expand_directory_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    for name in ["b.txt", "a/z.txt", "a/b/c.html", ".hidden.txt", ".git/config", "a.txt"]:
        write(tmp_path / name, FRENCH)
    paths = [Path(r.path).relative_to(tmp_path).as_posix() for r in expand_inputs([str(tmp_path)])]
    assert paths == ["a/b/c.html", "a/z.txt", "a.txt", "b.txt"]


def test_expand_directory_orders_and_filters_as_sorted_rglob_would(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    names = ["a-b.txt", "a/b.txt", "a/b/c.txt", "A.txt", "é.txt", "z/.cache/x.txt", "z/y.txt", "a.b/c.txt"]
    for name in names:
        write(root / name, FRENCH)
    (root / "link.txt").symlink_to(root / "z" / "y.txt")  # a symlink to a file is read
    (root / "loop").symlink_to(root / "a", target_is_directory=True)  # a symlinked folder is not entered
    os.mkfifo(root / "pipe")  # not a regular file
    reference = sorted(
        p for p in root.rglob("*")
        if not any(part.startswith(".") for part in p.relative_to(root).parts) and p.is_file()
    )  # fmt: skip
    assert [r.path for r in expand_inputs([str(root)])] == [str(p) for p in reference]
    assert str(root / "link.txt") in [r.path for r in expand_inputs([str(root) + "/"])]


def test_a_folder_that_cannot_be_listed_is_an_error_record_and_the_others_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ["a/1.txt", "locked/2.txt", "z/3.txt"]:
        write(tmp_path / name, FRENCH)
    listing = os.scandir

    def scandir(path: str):  # type: ignore[no-untyped-def]
        if path.endswith("locked"):
            raise PermissionError(13, "Permission denied", path)  # root reads every folder: simulated
        return listing(path)

    monkeypatch.setattr(os, "scandir", scandir)
    refs = expand_inputs([str(tmp_path)])
    assert [Path(r.path).relative_to(tmp_path).as_posix() for r in refs] == ["a/1.txt", "locked", "z/3.txt"]
    assert "cannot list this folder: Permission denied" in (refs[1].problem or "")
    pages = list(iter_pages([str(tmp_path)], ReadSettings()))
    assert [[e.code for e in p.errors] for p in pages] == [[], ["unreadable"], []]
    assert pages[1].source.path == str(tmp_path / "locked")


def test_expand_keeps_argument_order_and_reads_a_file_once(tmp_path: Path) -> None:
    b, a = write(tmp_path / "b.txt", FRENCH), write(tmp_path / "a.txt", FRENCH)
    refs = expand_inputs([str(b), str(a), str(b)])
    assert [r.path for r in refs] == [str(b), str(a)]


def test_expand_glob_sorted(tmp_path: Path) -> None:
    for name in ["p2.txt", "p1.txt", "q.html"]:
        write(tmp_path / name, FRENCH)
    refs = expand_inputs([str(tmp_path / "p*.txt")])
    assert [Path(r.path).name for r in refs] == ["p1.txt", "p2.txt"]


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda p: str(p / "missing.txt"), "not-found"),
        (lambda p: str(p / "*.nothing"), "no-inputs"),
        (lambda p: str((p / "empty").mkdir() or p / "empty"), "no-inputs"),
    ],
)
def test_expand_bad_paths_become_refs_that_read_as_errors(tmp_path: Path, make, code: str) -> None:  # type: ignore[no-untyped-def]
    item = make(tmp_path)
    [ref] = expand_inputs([item])
    assert ref.problem and ref.code == code
    [page] = list(read_input(ref, ReadSettings()))
    assert page.source.path == item
    assert [e.code for e in page.errors] == [code]


def test_directory_with_only_hidden_files_is_no_inputs(tmp_path: Path) -> None:
    write(tmp_path / ".DS_Store", b"\x00\x01")
    [ref] = expand_inputs([str(tmp_path)])
    assert ref.code == "no-inputs"
    assert "no file" in (ref.problem or "")


def test_read_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(FRENCH.encode("cp1252")))
    monkeypatch.setattr(sys, "stdin", fake)
    [page] = list(read_input(InputRef("-"), ReadSettings()))
    assert (page.source.path, page.kind, page.content) == ("<stdin>", PageKind.TEXT, FRENCH)


def test_read_unreadable_file_is_an_error_page(tmp_path: Path) -> None:
    target = tmp_path / "dir.txt"
    target.mkdir()
    [page] = list(read_input(InputRef(str(target)), ReadSettings()))
    assert page.errors and page.errors[0].code == "unreadable"


def test_iter_pages_every_input_yields_a_page_or_an_error(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", FRENCH)
    empty = write(tmp_path / "empty.txt", b"")
    pages = list(iter_pages([str(good), str(empty), str(tmp_path / "nope")], ReadSettings()))
    assert [p.source.path for p in pages] == [str(good), str(empty), str(tmp_path / "nope")]
    assert [bool(p.errors) for p in pages] == [False, True, True]
