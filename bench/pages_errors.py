"""Sort the errors of the cleaner's predictions on the trafilatura DEV set into categories.

    python -m bench.pages_errors PRED.jsonl [--out FILE]
    python -m bench.pages_errors [--limit N]   # the shipped model's own (in-sample) predictions

PRED holds one {"id", "text"} per page (``python -m bench.pages --cv --cv-pred DIR`` writes the
grouped-CV predictions as DIR/normal.jsonl: the errors to study). Without PRED the shipped model
cleans the pages (in-sample: a quick look, and what CI runs on ``--limit`` pages).

The set's gold is snippets: a ``without`` snippet found in the text is a line kept that the gold
drops (false positive), a ``with`` snippet missing is a line dropped that the gold keeps (false
negative), as ``score.py`` counts them. Each is put in the first category whose test its dump line
passes (``FP_RULES``, ``FN_RULES``: patterns in the languages of the set, and the line's place
against the kept lines: before the first, between, after the last), so the counts say where to look,
not what a reader would call each line; the rules were written from a sample of the in-sample errors
before the counts were made. Writes counts per category and language, and the page ids of each (no
page text), to bench/results/pages_errors.json.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from bench.common import write_result
from bench.pages import DEV, run
from bench.train_cleaner import load_pages

_WS = re.compile(r"\s+")
_RELATED = re.compile(
    r"^\W*(lea|lee|vea|ver|lire|à lire|read|see|siehe|lesen sie|mehr|weitere|auch|zobacz|czytaj|"
    r"le puede|te puede|related|next|previous|more from|more on|also|verwandte|ähnliche|empfohlen|"
    r"das könnte|dazu|zum thema|top[- ]?themen|meistgelesen|most read|popular)\b",
    re.IGNORECASE,
)
_CAPTION = re.compile(
    r"\b(foto|fotos|photo|photos|bild|bilder|image|abbildung|abb\.|fig\.|figure|grafik|quelle|source|"
    r"getty|dpa|reuters|afp|imago|istock|shutterstock|picture alliance|keystone)\b|©|\(c\)",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^\W*(by|von|par|por|de|autor|autorin|author|written by|eingestellt von|posted by|redaktion)\b"
    r"|über den autor|about the author|ich bin\b|\bwriter\b|\bjournalist",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|"
    r"\b(januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|"
    r"january|february|march|may|june|july|october|december|enero|febrero|marzo|abril|mayo|junio|"
    r"julio|agosto|septiembre|octubre|noviembre|diciembre)\b.*\b\d{4}\b|\b\d{1,2}:\d{2}\b",
    re.IGNORECASE,
)
_CTA = re.compile(
    r"newsletter|abonn|subscri|sign up|anmelden|registrier|comment|kommentar|antwort|reply|share|teilen|"
    r"paywall|zugang|support|unterstütz|spende|donat|download|pdf|click|klick|follow|folge|letter to the|"
    r"cookie|datenschutz|privacy|impressum|advert|anzeige|werbung|publicidad|suscr|tweet|facebook|whatsapp",
    re.IGNORECASE,
)
_CODE = re.compile(r"[{}$=_<>`]|\(\)|^\s*(pip|npm|poetry|git|docker|import|from|def|class)\b")


def norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _words(line: str) -> int:
    return len(line.split())


def _short(line: str) -> bool:
    return _words(line) <= 12 and not line.rstrip().endswith((".", "!", "?", "…", ":", '"', "“", "”"))


# (category, test(line, place)) in order; ``place`` is "before", "inside" or "after" the kept lines.
FP_RULES = (
    ("related links and teasers (marker-led)", lambda ln, pl: bool(_RELATED.match(ln))),
    ("captions and photo credits", lambda ln, pl: bool(_CAPTION.search(ln)) and _words(ln) <= 40),
    ("author boxes and bylines", lambda ln, pl: bool(_BYLINE.search(ln)) and _words(ln) <= 60),
    ("dates and meta lines", lambda ln, pl: bool(_DATE.search(ln)) and _words(ln) <= 15),
    ("calls to action, comments, share, legal", lambda ln, pl: bool(_CTA.search(ln)) and _words(ln) <= 60),
    ("short lines: navigation, labels", lambda ln, pl: _short(ln)),
    ("prose after the gold's last line (other stories, end matter)", lambda ln, pl: pl == "after"),
    ("prose before the gold's first line", lambda ln, pl: pl == "before"),
    ("prose among the gold's lines (promos, asides)", lambda ln, pl: True),
)
FN_RULES = (
    ("code and commands", lambda ln, pl: bool(_CODE.search(ln)) and _words(ln) <= 20),
    ("captions and credits", lambda ln, pl: bool(_CAPTION.search(ln)) and _words(ln) <= 40),
    (
        "bylines, dates, sources",
        lambda ln, pl: (bool(_BYLINE.search(ln)) or bool(_DATE.search(ln))) and _words(ln) <= 25,
    ),
    ("short lines: subheadings, list items, table cells", lambda ln, pl: _short(ln)),
    ("prose before the kept run (lede, first paragraphs)", lambda ln, pl: pl == "before"),
    ("prose after the kept run (last paragraphs, notes)", lambda ln, pl: pl == "after"),
    ("prose inside the kept run (a gap)", lambda ln, pl: True),
)
NOT_FOUND = "snippet across lines (not one dump line)"
EMPTY = "page with nothing kept"


def analyse(pages: list[dict[str, Any]], preds: dict[str, str]) -> dict[str, Any]:
    """Counts of false positives and negatives per category (and per language), with page ids."""
    found: dict[str, dict[str, Any]] = {"false_positives": {}, "false_negatives": {}}
    for page in pages:
        text = norm(preds.get(page["id"], ""))
        lines = [norm(ln) for ln in page["dump"].splitlines() if ln.strip()]
        kept = _kept_lines(lines, preds.get(page["id"], ""))
        gold = sorted(i for s in page["with"] if (i := _line_of(norm(s), lines)) is not None)
        # False positives are placed against the gold's lines, false negatives against the kept ones.
        kept_wrong = [s for s in page["without"] if norm(s) in text]
        dropped = [s for s in page["with"] if norm(s) not in text]
        errors = (
            ("false_positives", kept_wrong, FP_RULES, gold),
            ("false_negatives", dropped, FN_RULES, kept),
        )
        for kind, snippets, rules, around in errors:
            for snippet in snippets:
                name = EMPTY if not text else _category(norm(snippet), lines, around, rules)
                entry = found[kind].setdefault(name, {"count": 0, "by_lang": Counter(), "pages": set()})
                entry["count"] += 1
                entry["by_lang"][page["lang"]] += 1
                entry["pages"].add(page["id"])
    return {
        kind: {name: _entry(e) for name, e in sorted(cats.items(), key=lambda kv: -kv[1]["count"])}
        for kind, cats in found.items()
    }


def _entry(e: dict[str, Any]) -> dict[str, Any]:
    pages = sorted(e["pages"])
    return {
        "count": e["count"],
        "pages_with_it": len(pages),
        "by_lang": dict(e["by_lang"]),
        "page_ids": pages,
    }


def _kept_lines(lines: list[str], pred: str) -> list[int]:
    """Indices of the dump lines that are paragraphs of the prediction."""
    paragraphs = {norm(p) for p in pred.split("\n\n") if p.strip()}
    return [i for i, ln in enumerate(lines) if ln in paragraphs]


def _line_of(snippet: str, lines: list[str]) -> int | None:
    return next((i for i, ln in enumerate(lines) if snippet in ln), None)


def _category(snippet: str, lines: list[str], around: list[int], rules: Any) -> str:
    """The first rule's category that the snippet's line passes, placed against the lines ``around``."""
    at = _line_of(snippet, lines)
    if at is None:
        return NOT_FOUND
    place = (
        "inside"
        if around and around[0] <= at <= around[-1]
        else "before"
        if around and at < around[0]
        else "after"
    )
    return next(name for name, test in rules if test(lines[at], place))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "pred",
        nargs="?",
        default=None,
        help="predictions, one {id, text} JSON line per page (default: the shipped model's)",
    )
    ap.add_argument("--limit", type=int, default=None, help="only the first N pages of the set")
    ap.add_argument("--out", default=None, help="result file (default bench/results/pages_errors.json)")
    args = ap.parse_args()
    pages = [p for p in load_pages(DEV, None) if p["source"] == "trafilatura"][: args.limit]
    if args.pred:
        lines = Path(args.pred).read_text(encoding="utf-8").splitlines()
        preds = {r["id"]: r["text"] for r in map(json.loads, lines)}
    else:
        preds = run(pages)
    source = args.pred or "the shipped model (in-sample)"
    figures = {"predictions": source, "pages": len(pages), **analyse(pages, preds)}  # fmt: skip
    path = write_result("pages_errors", figures, args.out)
    for kind in ("false_positives", "false_negatives"):
        print(kind, sum(c["count"] for c in figures[kind].values()))
        for name, c in figures[kind].items():
            print(f"  {c['count']:4d} on {c['pages_with_it']:3d} pages  {name}")
    print(f"bench.pages_errors -> {path}")


if __name__ == "__main__":
    main()
