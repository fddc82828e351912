"""batch.plan: how many workers a --jobs run starts and how its pages are cut into tasks."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from guillemets.batch.plan import (
    CHUNK,
    FIRST_CHUNK,
    Ahead,
    Plan,
    cut,
    estimate_seconds,
    expected_languages,
    lookahead,
    page_languages,
    plan_run,
    read_ahead,
)

# Invented article text, in French and in English (their function words vote for their language).
FRENCH = (
    "Le conseil municipal a voté mardi soir une nouvelle aide pour les familles qui habitent dans le "
    "quartier du port. « Nous avons fait ce qui était possible avec les moyens de la ville », a déclaré "
    "l'adjointe chargée des affaires sociales, qui dit attendre une réponse de l'État avant la fin du "
    "mois. Les associations du quartier estiment pourtant que cette aide ne suffira pas.\n\n"
) * 4
ENGLISH = "The council said that the new bridge would open in the spring, and the mayor was there. " * 12


@dataclass
class Page:
    content: str


def french(n: int) -> list[Page]:
    return [Page(f"Titre {i}\n\n{FRENCH}") for i in range(n)]


def english(n: int) -> list[Page]:
    return [Page(ENGLISH) for _ in range(n)]


def test_plan_run_unknown_size_uses_every_job() -> None:
    assert plan_run(4, None, CHUNK, quotes=True) == Plan(4, CHUNK)


def test_plan_run_a_handful_of_pages_runs_in_process() -> None:
    assert plan_run(2, french(1), CHUNK, quotes=True).workers == 1
    assert plan_run(2, english(5), CHUNK, quotes=True).workers == 1
    assert plan_run(2, [], CHUNK, quotes=True).workers == 1


def test_plan_run_french_pages_earn_workers_sooner_than_others() -> None:
    assert plan_run(2, french(7), CHUNK, quotes=True).workers == 2
    assert plan_run(2, english(7), CHUNK, quotes=True).workers == 1
    assert plan_run(2, french(12), CHUNK, quotes=False).workers == 1  # no parse without quotes


def test_estimate_seconds_counts_parses_only_with_quotes() -> None:
    pages = french(3) + english(5)
    assert estimate_seconds(pages, quotes=True) > estimate_seconds(pages, quotes=False) > 0


def test_estimate_seconds_english_parse_costs_less_than_french_quotes() -> None:
    cleaning = estimate_seconds(english(5), quotes=False)
    assert cleaning < estimate_seconds(english(5), quotes=True) < estimate_seconds(french(5), quotes=True)


def test_plan_run_many_english_pages_earn_workers_too() -> None:
    assert plan_run(2, english(40), CHUNK, quotes=True).workers == 2  # parsed and attributed
    assert plan_run(2, english(40), CHUNK, quotes=False).workers == 1


def test_plan_run_small_known_input_gives_every_worker_several_tasks() -> None:
    plan = plan_run(2, french(40), CHUNK, quotes=True)
    tasks = list(cut(french(40), plan.sizes()))
    assert plan.workers == 2 and len(tasks) >= 2 * 3
    assert sum(map(len, tasks)) == 40


def test_plan_run_per_worker_overrides_the_estimate() -> None:
    assert plan_run(3, english(6), CHUNK, quotes=False, per_worker=2).workers == 3
    assert plan_run(3, english(6), CHUNK, quotes=False, per_worker=6).workers == 1


def test_sizes_start_small_for_each_worker_then_grow_to_the_chunk() -> None:
    sizes = list(itertools.islice(Plan(2, 64).sizes(), 12))
    assert sizes[:2] == [FIRST_CHUNK, FIRST_CHUNK]
    assert sizes == sorted(sizes) and sizes[-1] == 64


@pytest.mark.parametrize("count", [0, 1, 5])
def test_read_ahead_small_input_is_known_in_full(count: int) -> None:
    items = english(count)
    stream, ahead = read_ahead(items, 10)
    assert ahead.known == items and ahead.complete and list(stream) == items


def test_read_ahead_large_input_is_unknown_and_unchanged() -> None:
    pulled = 0

    def endless() -> Iterator[Page]:
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield Page(str(i))

    stream, ahead = read_ahead(endless(), 10)
    assert ahead.known is None and pulled == 10
    assert [p.content for p in ahead.head] == [str(i) for i in range(10)]  # the head is kept for the warm-up
    assert [p.content for p in itertools.islice(stream, 15)] == [str(i) for i in range(15)]


def test_ahead_of_nothing_read_is_unknown() -> None:
    assert Ahead([], complete=False).known is None and Ahead([], complete=True).known == []


def test_read_ahead_stops_at_max_bytes() -> None:
    stream, ahead = read_ahead([Page("x" * 100)] * 5, 100, max_bytes=250)
    assert ahead.known is None and len(ahead.head) == 3 and len(list(stream)) == 5


def test_cut_follows_sizes_and_bytes() -> None:
    pages = [Page("a" * 10) for _ in range(10)]
    assert [len(c) for c in cut(pages, iter([1, 2, 3, 100]))] == [1, 2, 3, 4]
    assert [len(c) for c in cut(pages, itertools.repeat(10), max_bytes=25)] == [3, 3, 3, 1]


def test_lookahead_covers_a_few_tasks_per_worker() -> None:
    assert lookahead(2, CHUNK) >= 2 * CHUNK * 2


def test_page_languages_names_what_the_vote_finds_in_the_page() -> None:
    assert page_languages(FRENCH) == {"fr"}
    assert page_languages(ENGLISH) == {"en"}
    assert page_languages("Accueil\nMenu") == set()  # too few words to vote


def test_expected_languages_of_a_mixed_and_of_a_french_only_input() -> None:
    assert expected_languages(french(3) + english(1)) == {"fr", "en"}
    assert expected_languages(french(3)) == {"fr"}
    assert expected_languages([]) == frozenset()


def test_an_english_page_costs_nearly_a_french_one_now_it_is_attributed() -> None:
    """English pages are parsed whole and attributed (about 0.25 s each): close to a French one."""
    english_parse = estimate_seconds(english(10), quotes=True) - estimate_seconds(english(10), quotes=False)
    french_parse = estimate_seconds(french(10), quotes=True) - estimate_seconds(french(10), quotes=False)
    assert 0.5 * french_parse < english_parse <= french_parse


def test_the_read_ahead_is_voted_once_for_the_plan_and_the_warm_up(monkeypatch: pytest.MonkeyPatch) -> None:
    from guillemets.batch import plan

    voted: list[str] = []
    real = plan.page_languages
    monkeypatch.setattr(plan, "page_languages", lambda text: voted.append(text) or real(text))
    ahead = Ahead(french(3) + english(2), complete=True)
    with_votes = plan_run(2, ahead.known, CHUNK, quotes=True, votes=ahead.votes)
    assert expected_languages(ahead.head, ahead.votes) == {"fr", "en"}
    assert len(voted) == 5  # once per page
    assert with_votes == plan_run(2, ahead.known, CHUNK, quotes=True)  # the same plan as voting again
    assert estimate_seconds(ahead.head, True, ahead.votes) == estimate_seconds(ahead.head, True)
