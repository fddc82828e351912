"""Query words marked in result texts: folded like the search, escaped like everything else."""

from __future__ import annotations

from guillemets.web.matches import mark_terms


def test_marks_accented_and_plural_forms() -> None:
    out = str(mark_terms("Les négociations reprennent", "negociation"))
    assert out == 'Les <mark class="hit">négociations</mark> reprennent'


def test_marks_only_word_starts() -> None:
    assert str(mark_terms("contrôle et autocontrôle", "controle")) == (
        '<mark class="hit">contrôle</mark> et autocontrôle'
    )


def test_escapes_text_and_ignores_query_syntax() -> None:
    out = str(mark_terms("<script>alert(1)</script> Koursk", '"Koursk" OR <b>'))
    assert out == '&lt;script&gt;alert(1)&lt;/script&gt; <mark class="hit">Koursk</mark>'
    assert str(mark_terms("a <b>", None)) == "a &lt;b&gt;"
    assert str(mark_terms(None, "x")) == ""
