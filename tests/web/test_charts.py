"""Quotes-over-time chart: months filled, SVG rendered on the server, no corpus text inside."""

from __future__ import annotations

import re

from guillemets.web.charts import fill_months, month_range, timeline_svg
from guillemets.web.i18n import translator


def test_month_range_crosses_years() -> None:
    assert month_range("2024-11", "2025-02") == ["2024-11", "2024-12", "2025-01", "2025-02"]
    assert month_range("bad", "2025-02") == []


def test_fill_months_adds_zero_months() -> None:
    filled = fill_months(
        [{"month": "2025-03", "quotes": 2}, {"month": "2025-01", "quotes": 1}, {"month": None}]
    )
    assert filled == [
        {"month": "2025-01", "quotes": 1},
        {"month": "2025-02", "quotes": 0},
        {"month": "2025-03", "quotes": 2},
    ]


def test_timeline_svg_has_a_bar_per_month_with_quotes() -> None:
    svg = str(
        timeline_svg([{"month": "2024-12", "quotes": 4}, {"month": "2025-02", "quotes": 1}], translator("fr"))
    )
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert "<script" not in svg and "style=" not in svg  # inline as is, under our CSP
    bars = re.search(r'<g class="mark-rect role-mark[^"]*"[^>]*>(.*?)</g>', svg, re.S)
    assert bars is not None and len(re.findall(r"<path", bars.group(1))) == 3  # Dec, Jan (0), Feb
    assert "déc." in svg and "Citations par mois" in svg


def test_timeline_svg_in_english() -> None:
    svg = str(timeline_svg([{"month": "2025-02", "quotes": 1}], translator("en")))
    assert "Quotes per month" in svg and "Feb" in svg


def test_timeline_svg_none_without_dated_quotes() -> None:
    assert timeline_svg([], translator("fr")) is None
