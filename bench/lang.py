"""Language id: guillemets' function-word votes + py3langid fallback, against py3langid alone.

    python -m bench.lang [--limit N] [--out FILE]

Texts: the gold article bodies of the DEV pages (../shared/bench/pages/dev, many languages),
the French quote DEV articles and the English PolNeAR DEV articles. The reference is py3langid
on the first 2,000 characters (what guillemets used before). Records agreement, the share each
step decides (``vote``, ``script_vote``, ``wide_vote``, the rest py3langid), the disagreements
(text id, both answers) and microseconds per text.

A second, wider check (``spacy_examples``): the example sentences spaCy ships for each of its
languages (``spacy.lang.XX.examples``, 60-odd languages, a few hundred characters each), joined
per language: for each, py3langid's answer on the whole and which step decided ours; the
disagreements are listed. Short texts: most go to py3langid, which is the point of the check
(the votes must abstain rather than guess).
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import time
from collections import Counter
from typing import Any

from bench.common import SHARED, write_result
from bench.train_cleaner import load_pages
from guillemets.lang import _classify, detect_language, script_vote, vote, wide_vote


def texts(limit: int | None) -> list[tuple[str, str]]:
    """(id, text) of every benchmark article, ``limit`` per source when given."""
    out = [(p["id"], _gold_text(p)) for p in load_pages(limit=limit)]
    for name in ("fr-dev.jsonl", "en-polnear-dev.jsonl"):
        with open(SHARED / "bench" / "quotes" / name, encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
        out += [(r["id"], r["text"]) for r in rows[:limit]]
    return [(i, t) for i, t in out if t.strip()]


def _gold_text(page: dict[str, Any]) -> str:
    """The gold body (scrapinghub) or the gold article snippets (trafilatura set), else the dump."""
    gold = page.get("gold") or "\n".join(page.get("with") or []) or page["dump"]
    return str(gold)


def decided_by(text: str) -> str:
    """Which step of ``detect_language`` decides ``text``."""
    text = text.strip()
    if vote(text):
        return "vote"
    if script_vote(text):
        return "script_vote"
    return "wide_vote" if wide_vote(text) else "py3langid"


def spacy_examples() -> list[tuple[str, str]]:
    """(spaCy language code, its example sentences joined) for every language that has them."""
    import spacy.lang

    out = []
    for module in pkgutil.iter_modules(spacy.lang.__path__):
        try:
            examples = importlib.import_module(f"spacy.lang.{module.name}.examples")
        except ImportError:
            continue
        out.append((module.name, " ".join(examples.sentences)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="texts per source (for a quick try)")
    ap.add_argument("--out", default=None, help="result file (default bench/results/lang.json)")
    args = ap.parse_args()
    items = texts(args.limit)
    classify = _classify()
    start = time.perf_counter()
    reference = [str(classify(t[:2000].strip())[0]) for _, t in items]
    ref_seconds = time.perf_counter() - start
    start = time.perf_counter()
    ours = [detect_language(t) for _, t in items]
    our_seconds = time.perf_counter() - start
    steps = Counter(decided_by(t) for _, t in items)
    wrong = [(i, r, o) for (i, _), r, o in zip(items, reference, ours, strict=True) if r != o]
    examples = []
    for code, text in spacy_examples():
        examples.append({"spacy": code, "py3langid": str(classify(text[:2000].strip())[0]),
                         "guillemets": detect_language(text), "decided_by": decided_by(text)})  # fmt: skip
    differ = [e for e in examples if e["py3langid"] != e["guillemets"]]
    figures = {
        "texts": len(items),
        "languages": dict(Counter(reference).most_common()),
        "agreement": round(1 - len(wrong) / len(items), 4),
        "decided_by_vote": round(steps["vote"] / len(items), 4),
        "decided_by": {step: round(n / len(items), 4) for step, n in steps.most_common()},
        "us_per_text": round(1e6 * our_seconds / len(items), 1),
        "py3langid_2000_chars_us_per_text": round(1e6 * ref_seconds / len(items), 1),
        "disagreements": [{"id": i, "py3langid": r, "guillemets": o} for i, r, o in wrong],
        "spacy_examples": {
            "languages": len(examples),
            "decided_by": dict(Counter(e["decided_by"] for e in examples).most_common()),
            "agreement": round(1 - len(differ) / len(examples), 4),
            "disagreements": differ,
        },
    }
    path = write_result("lang", figures, args.out)
    reference = figures["py3langid_2000_chars_us_per_text"]
    print(f"bench.lang: {len(items)} texts, agreement {figures['agreement']}, "
          f"{figures['us_per_text']} µs/text (py3langid {reference}); spaCy examples: "
          f"{len(examples)} languages, agreement {figures['spacy_examples']['agreement']} "
          f"-> {path}")  # fmt: skip


if __name__ == "__main__":
    main()
