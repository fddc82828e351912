"""Build the English cue lexicon (src/guillemets/data/en/cues.tsv) from PolNeAR TRAIN.

For each lemma heading a gold cue span, count how often it does (``cues``), how often the lemma
occurs with the same word class at all (``occurrences``; the extractor reads the ratio as the cue
precision) and how many of its quotes have no speaker (``sourceless``: "is expected to", "seems").
The head of a cue span is its highest token in the parse (a verb when there is one).

    python -m bench.en_cues            # writes src/guillemets/data/en/cues.tsv
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from guillemets.attribution.lexicon import CueLexicon, CueStat, word_kind

OUT = Path(__file__).resolve().parent.parent / "src/guillemets/data/en/cues.tsv"
VERSION = "1"
MIN_CUES = 2  # rows seen as a cue fewer times are left out (noise, and they would not generalise)


def cue_head(span: Span) -> Token:
    """The token of ``span`` highest in the parse; a verb wins a tie."""
    tokens = [t for t in span if not t.is_punct] or list(span)
    outside = [t for t in tokens if t.head.i < span.start or t.head.i >= span.end or t.head == t]
    pool = outside or tokens
    return min(pool, key=lambda t: (t.pos_ not in ("VERB", "AUX"), t.i))


def key(t: Token) -> tuple[str, str]:
    return (t.lemma_.lower(), word_kind(t.pos_))


def cue_tokens(doc: Doc, article: dict[str, Any]) -> dict[int, bool]:
    """The head token of every gold cue of one article -> whether its quote has no speaker."""
    heads: dict[int, bool] = {}
    for q in article["quotes"]:
        c = q.get("cue")
        span = doc.char_span(c["start"], c["end"], alignment_mode="expand") if c else None
        if span is not None and len(span):
            heads[cue_head(span).i] = q.get("speaker") is None
    return heads


def build(gold: list[dict[str, Any]], docs: list[Doc], version: str = VERSION) -> CueLexicon:
    """Cue statistics over these articles (TRAIN, or the training folds of a cross-validation)."""
    cues: Counter[tuple[str, str]] = Counter()
    occ: Counter[tuple[str, str]] = Counter()
    sourceless: Counter[tuple[str, str]] = Counter()
    for article, doc in zip(gold, docs, strict=True):
        heads = cue_tokens(doc, article)
        for t in doc:
            if t.is_alpha:
                occ[key(t)] += 1
                if t.i in heads:
                    cues[key(t)] += 1
                    sourceless[key(t)] += heads[t.i]
    rows = {
        k: CueStat(k[0], k[1], n, max(n, occ[k]), sourceless[k]) for k, n in cues.items() if n >= MIN_CUES
    }
    return CueLexicon(version, rows)


def main() -> None:
    from bench.en_parse import load

    gold, docs = load("train")
    lex = build(gold, docs)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(lex.to_tsv(), encoding="utf-8")
    print(f"{OUT}: {len(lex.rows)} rows")


if __name__ == "__main__":
    main()
