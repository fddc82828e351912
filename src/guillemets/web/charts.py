"""Charts as SVG rendered on the server (Altair → Vega-Lite → vl-convert): no JavaScript in the page.

Only numbers, months and our own translated labels go into a chart, never text from the
corpus, so the SVG can be inlined in the page as it is.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

from guillemets.web.i18n import CHART_LOCALE, Translator, translator

log = logging.getLogger(__name__)

BAR_COLOR = "#b5432b"


def month_range(first: str, last: str) -> list[str]:
    """Every ``YYYY-MM`` from ``first`` to ``last`` inclusive (empty if either is malformed)."""
    try:
        year, month = int(first[:4]), int(first[5:7])
        end = (int(last[:4]), int(last[5:7]))
    except (ValueError, IndexError):
        return []
    months: list[str] = []
    while (year, month) <= end and len(months) < 1200:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def fill_months(timeline: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The timeline with a zero for each month without quotes, so gaps show as gaps."""
    counts: dict[str, int] = {}
    for point in timeline:
        month = str(point.get("month") or "")
        if len(month) >= 7 and month[4] == "-":
            counts[month[:7]] = counts.get(month[:7], 0) + int(point.get("quotes") or 0)
    if not counts:
        return []
    months = month_range(min(counts), max(counts)) or sorted(counts)
    return [{"month": m, "quotes": counts.get(m, 0)} for m in months]


def timeline_spec(timeline: Sequence[dict[str, Any]], t: Translator) -> dict[str, Any]:
    """The Vega-Lite spec of quotes per month as bars."""
    import altair as alt

    values = [{"month": f"{p['month']}-01", "quotes": p["quotes"]} for p in fill_months(timeline)]
    top = max((v["quotes"] for v in values), default=0)
    # whole numbers only: explicit ticks for small counts, a few rounded ones above
    y_axis = (
        alt.Axis(values=list(range(top + 1)), format="d") if top <= 8 else alt.Axis(tickCount=5, format="d")
    )
    chart = (
        alt.Chart(alt.Data(values=values))  # type: ignore[no-untyped-call]
        .mark_bar(color=BAR_COLOR)
        .encode(
            x=alt.X(
                "month:O",
                timeUnit="yearmonth",
                title=t("chart.month"),
                axis=alt.Axis(labelAngle=-40, format="%b %Y", labelOverlap="greedy"),
            ),
            y=alt.Y("quotes:Q", title=t("chart.quotes"), axis=y_axis),
            tooltip=[alt.Tooltip("month:T", timeUnit="yearmonth", format="%B %Y"), "quotes:Q"],
        )
        .properties(width=560, height=220, title=t("chart.title"))
        .configure_view(stroke=None)
        .configure(background="transparent", font="sans-serif")
    )
    spec: dict[str, Any] = chart.to_dict()
    return spec


def render_svg(spec: dict[str, Any], lang: str) -> str:
    """The spec as an SVG document string, with month names in the interface language."""
    import vl_convert as vlc

    locale: Any = CHART_LOCALE.get(lang, "fr-FR")  # one of vl-convert's built-in locales
    svg: str = vlc.vegalite_to_svg(
        json.loads(json.dumps(spec)), format_locale=locale, time_format_locale=locale
    )
    return svg


def timeline_svg(timeline: Sequence[dict[str, Any]], t: Translator) -> Markup | None:
    """Inline SVG of quotes per month, or None when there is no dated quote to draw."""
    points = tuple((p["month"], p["quotes"]) for p in fill_months(timeline))
    if not points:
        return None
    svg = _timeline_cached(points, t.lang)
    return Markup(svg) if svg else None


@functools.lru_cache(maxsize=512)
def _timeline_cached(points: tuple[tuple[str, int], ...], lang: str) -> str | None:
    """Building the spec (~40 ms, Altair) and drawing it (~40 ms, vl-convert) once per timeline."""
    t = translator(lang)
    svg = render_svg(timeline_spec([{"month": m, "quotes": q} for m, q in points], t), lang)
    start = svg.find("<svg")
    if start < 0:
        log.warning("vl-convert returned no <svg> element")
        return None
    label = escape(t("chart.title"))
    return svg[start:].replace("<svg ", f'<svg role="img" aria-label="{label}" data-chart="timeline" ', 1)


def warm_up() -> None:
    """Start vl-convert's engine now (a few seconds, once per process) so no visitor waits for it."""
    timeline_svg([{"month": "2025-01", "quotes": 1}], translator("fr"))
