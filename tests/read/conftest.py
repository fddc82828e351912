"""Fixtures for the readers' tests."""

from __future__ import annotations

import pytest

from guillemets.settings import ReadSettings


@pytest.fixture
def read_settings() -> ReadSettings:
    return ReadSettings()
