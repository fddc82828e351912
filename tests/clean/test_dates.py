from __future__ import annotations

import pytest

from guillemets.clean.dates import is_date_line, parse_date_line


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Publié le 14 mars 2025 à 18h02 · Mis à jour le 14 mars 2025 à 19h40", "2025-03-14T18:02"),
        ("Published March 3, 2024", "2024-03-03"),
        ("Veröffentlicht am 12. Mai 2023", "2023-05-12"),
        ("Stand: 03.05.2021 12:00 Uhr", "2021-05-03T12:00"),
        ("2022-11-05", "2022-11-05"),
    ],
)
def test_parse_date_line_gives_iso(text: str, iso: str) -> None:
    assert parse_date_line(text) == iso
    assert is_date_line(text)


@pytest.mark.parametrize(
    "text",
    [
        "Le maire a rappelé en 2020 que la dette de la ville restait l'une des plus faibles du département.",
        "Le 45 mars 2025",
        "Nothing here",
    ],
)
def test_is_date_line_rejects_prose_and_impossible_dates(text: str) -> None:
    assert not is_date_line(text)


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2024-07-09T06:15:00+02:00", "2024-07-09"),
        ("2024-07-09", "2024-07-09"),
        ("Mis en ligne le 9 juillet 2024 à 6h15", "2024-07-09"),
        ("2024-02-30", None),
        ("la semaine dernière", None),
        ("", None),
        (None, None),
    ],
)
def test_publication_day_keeps_the_day_or_nothing(value: str | None, day: str | None) -> None:
    from guillemets.clean.dates import publication_day

    assert publication_day(value) == day


def test_publication_day_logs_what_it_leaves_out(caplog: pytest.LogCaptureFixture) -> None:
    from guillemets.clean.dates import publication_day

    assert publication_day("bientôt", "feed.jsonl#4") is None
    assert "feed.jsonl#4: date 'bientôt'" in caplog.text
