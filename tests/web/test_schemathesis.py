"""Schemathesis over /openapi.json: generated requests (valid and invalid) never get a server error.

Bounded: about 50 cases per operation, six operations. A bad parameter must be a 4xx envelope;
the answers must match the documented status codes, content type and response schema.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CASES_PER_OPERATION = 60  # half valid, half invalid: about 330 requests in all


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def api_schema(request: pytest.FixtureRequest) -> Iterator[Any]:
    from guillemets.web.app import create_app

    url = request.getfixturevalue("corpus_url" if request.param == "sqlite" else "pg_corpus_url")
    app = create_app(url)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield schemathesis.openapi.from_asgi("/openapi.json", app)
    app.state.engine.dispose()


def operations(schema: Any) -> list[Any]:
    return [result.ok() for result in schema.get_all_operations()]


def check_case(case: Any) -> None:
    response = case.call()
    case.validate_response(
        response,
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
    if response.status_code >= 400:
        body = response.json()
        assert body["ok"] is False and body["status"] == response.status_code
        assert "\n" not in body["error"]


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_api_never_answers_with_a_server_error(api_schema: Any, mode: str) -> None:
    found = operations(api_schema)
    assert {op.path for op in found} >= {
        "/api/search",
        "/api/speakers/{speaker_id}",
        "/api/articles/{document_id}",
    }
    for operation in found:
        if mode == "negative" and not operation.path_parameters and not operation.query:
            continue  # nothing to make invalid (the /api index)
        strategy = operation.as_strategy(generation_mode=schemathesis.GenerationMode(mode))

        @given(case=strategy)
        @settings(
            max_examples=CASES_PER_OPERATION // 2,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any) -> None:
            check_case(case)

        run()
