"""Ids beyond the 32-bit column are a 422 on every route that takes one, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest

HUGE = [2**31, 2**62, 2**63, 10**30]
ROUTES = [
    "/api/speakers/{id}",
    "/api/search?q=Koursk&speaker={id}",
    "/api/search?q=Koursk&type=articles&speaker={id}",
    "/api/quotes?speaker={id}",
    "/speakers/{id}",
    "/?q=Koursk&speaker={id}",
]


@pytest.mark.parametrize("route", ROUTES)
def test_id_beyond_the_column_is_422(any_client: Any, route: str) -> None:
    for value in HUGE:
        response = any_client.get(route.format(id=value))
        assert response.status_code == 422, (route, value, response.text[:200])
        if route.startswith("/api"):
            assert "speaker" in response.json()["error"]


def test_largest_id_is_404_not_an_error(any_client: Any) -> None:
    assert any_client.get(f"/api/speakers/{2**31 - 1}").status_code == 404
    assert any_client.get(f"/api/quotes?speaker={2**31 - 1}").json()["total"] == 0
