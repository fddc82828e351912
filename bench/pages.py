"""Benchmark the text-dump cleaner on the shared DEV pages (../shared/bench/pages/dev).

    python -m bench.pages [--limit N] [--out FILE] [--cv [--blind [--route]] [--dropout SHARE]] [--loso]
                          [--dev-only] [--with-title]

Runs ``clean_dumps`` on the pages' `dump`s, writes predictions {"id", "text"} (text = lede +
paragraphs: the gold bodies leave the headline out), scores them with the shared scorer and
records every figure in bench/results/pages.json, plus pages/s: ``pipeline.build_documents``
(cleaning + language id, as ``extract`` runs them) on batches of 128 pages, CPU time of one
process, no reading or writing.

``--cv`` also scores a 5-fold cross-validation grouped by site over DEV + TRAIN (../train): the line
classifier is retrained without the fold's sites, then run on them; figures per source, for the two
DEV sources together (``dev``, what the shipped model is judged on) and per DEV language.
``--loso`` scores leave-one-source-out: for each source, a model trained on all the others.
``--dev-only`` keeps TRAIN out of both (the set-up before TRAIN existed). Needs scikit-learn.

``--blind`` (with ``--cv``) also runs each fold's model on its held-out pages featurised blind: every
word list (stop words, markers, calls to action) read as empty, what a page in a language no list
knows looks like to the cleaner; figures per set and DEV language beside the normal CV, written to
bench/results/pages_blind.json. ``--dropout SHARE`` trains the folds with that share of the pages
featurised blind (word-list dropout; default ``train_cleaner.DROPOUT``). ``--route`` (with
``--blind``) also fits each fold's unlisted model (``train_cleaner.fit_unlisted``) and runs the
held-out pages, normal and blind, through the routing of ``classify.unlisted_pages``; it adds those
figures and the predictions' sha256 of each mode (all pages, DEV pages) to the blind result file.

``--against COMMIT`` measures speed side by side instead: ``--runs`` times, alternating which
goes first, a fresh process runs the speed measure above (and the predictions, hashed) with the
package's source at COMMIT (``git archive``), then one with the current source; medians of each
and of the per-run ratio, and whether the predictions are the same (bench/results/pages_speed.json).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import ROOT, SHARED, write_result
from bench.train_cleaner import (
    DROPOUT,
    FOLDS,
    PageData,
    build_dataset,
    fit,
    fit_unlisted,
    fold_of,
    load_all,
    load_pages,
    site,
)
from guillemets.batch import collector
from guillemets.clean.classify import LineModel
from guillemets.clean.result import Cleaned
from guillemets.clean.segment import clean_dumps
from guillemets.model import Source
from guillemets.pipeline import BATCH, build_documents
from guillemets.read.base import PageKind, RawPage
from guillemets.settings import Settings

SCORER = SHARED / "bench" / "pages" / "score.py"
DEV = SHARED / "bench" / "pages" / "dev"


def article_text(cleaned: Cleaned, with_title: bool = False) -> str:
    parts = [cleaned.title] if with_title and cleaned.title else []
    parts += [cleaned.lede, *cleaned.paragraphs] if cleaned.lede else []
    return "\n\n".join(parts)


def run(pages: list[dict[str, Any]], model: LineModel | None = None, with_title: bool = False,
        blind: bool = False) -> dict[str, str]:  # fmt: skip
    """Predictions by id, from ``clean_dumps`` on batches of pages (``blind``: word lists read as empty)."""
    preds: dict[str, str] = {}
    for i in range(0, len(pages), BATCH):
        chunk = pages[i : i + BATCH]
        # Only when asked: ``--against`` runs this with older sources, whose clean_dumps has no ``blind``.
        extra = {"blind": True} if blind else {}
        cleaned_chunk = clean_dumps([p["dump"] for p in chunk], model=model, **extra)
        for page, cleaned in zip(chunk, cleaned_chunk, strict=True):
            preds[page["id"]] = article_text(cleaned, with_title)
    return preds


def predictions_hash(preds: dict[str, str], ids: set[str] | None = None) -> str:
    """sha256 of the predictions (of ``ids`` only, when given), in id order."""
    items = sorted((k, v) for k, v in preds.items() if ids is None or k in ids)
    return hashlib.sha256(json.dumps(items, ensure_ascii=False).encode()).hexdigest()


def pipeline_speed(pages: list[dict[str, Any]], repeat: int = 3) -> dict[str, float]:
    """Pages/s of the pipeline's clean + language-id step on text dumps, one process, best of ``repeat``.

    This is ``pipeline.build_documents`` on batches of ``BATCH`` pages, as ``process_many`` calls it
    (documents built, no reading or writing), and the same with the cleaner alone.
    """
    raws = [RawPage(Source(path=f"dev/{p['id']}"), PageKind.TEXT, p["dump"], id=p["id"]) for p in pages]
    settings = Settings()
    build_documents(raws[:2], settings)  # warm-up: load the weights and data files
    collector.tune_collector()  # as the CLI and the workers run the pipeline
    getattr(collector, "tune_allocator", bool)()  # as the CLI in one process (older sources: nothing)
    best: dict[str, float] = {}
    for name, step in (("clean_and_language_id", lambda c: build_documents(c, settings)),
                       ("clean_only", lambda c: clean_dumps([r.content for r in c]))):  # fmt: skip
        for _ in range(repeat):
            start = time.process_time()
            for i in range(0, len(raws), BATCH):
                step(raws[i : i + BATCH])
            rate = len(raws) / max(time.process_time() - start, 1e-9)
            best[name] = max(best.get(name, 0.0), round(rate, 1))
    return best


# One side of --against, run in a fresh process (argv: page limit or "", output file).
_SIDE = """
import hashlib, json, sys
from bench.pages import DEV, pipeline_speed, run
from bench.train_cleaner import load_pages
pages = load_pages(DEV, int(sys.argv[1]) if sys.argv[1] else None)
preds = json.dumps(run(pages), sort_keys=True, ensure_ascii=False).encode("utf-8")
found = {**pipeline_speed(pages), "predictions_sha256": hashlib.sha256(preds).hexdigest()}
print(json.dumps(found))
"""


def source_at(commit: str, into: Path) -> Path:
    """The package source (``src/``) at ``commit``, extracted under ``into``; returns that ``src``."""
    archive = subprocess.run(["git", "archive", commit, "src"], cwd=ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into / "src"


def side_by_side(commit: str, runs: int, limit: int | None) -> dict[str, Any]:
    """Clean + language-id speed of the source at ``commit`` and of the current one, alternated."""
    with tempfile.TemporaryDirectory(prefix="bench-pages-against-") as tmp:
        sides = {"before": str(source_at(commit, Path(tmp))), "after": str(ROOT / "src")}
        per_run: list[dict[str, Any]] = []
        for i in range(runs):
            order = ("before", "after") if i % 2 == 0 else ("after", "before")
            per_run.append({name: _side(sides[name], limit) for name in order})
            print(json.dumps(per_run[-1]), file=sys.stderr)
    figures: dict[str, Any] = {"against": commit, "runs": runs}
    for key in ("clean_and_language_id", "clean_only"):
        for name in ("before", "after"):
            figures[f"{name}_{key}_median"] = statistics.median(r[name][key] for r in per_run)
        figures[f"ratio_{key}_median"] = round(statistics.median(
            r["after"][key] / r["before"][key] for r in per_run), 3)  # fmt: skip
    hashes = {r[name]["predictions_sha256"] for r in per_run for name in ("before", "after")}
    figures["same_predictions"] = len(hashes) == 1
    figures["per_run"] = per_run
    figures["speed_measure"] = (f"pages/s, CPU time of one process, batches of {BATCH} pages, best of 3 "
                                "per process; medians over the runs")  # fmt: skip
    return figures


def _side(src: str, limit: int | None) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, str(ROOT)])}
    out = subprocess.run([sys.executable, "-c", _SIDE, str(limit or "")], capture_output=True, text=True,
                         env=env, cwd=ROOT, check=True)  # fmt: skip
    return dict(json.loads(out.stdout))


def cross_validate(pages: list[dict[str, Any]], data: list[PageData], with_title: bool = False,
                   weights: dict[str, float] | None = None, second: str | None = None,
                   dropout: float | None = None, blind: bool = False,
                   ) -> dict[str, str]:  # fmt: skip
    """Predictions where each page's classifier was trained without its site (grouped k-fold).

    ``data`` holds the features of ``pages`` (``build_dataset``); pages without labels are only
    tested. ``blind``: the held-out pages are cleaned with every word list read as empty.
    """
    mode = "blind" if blind else "normal"
    return cross_validate_both(pages, data, with_title, weights, second, dropout, (mode,))[mode]


# Modes of ``cross_validate_both``: the held-out pages featurised with the word lists or blind, and
# cleaned by the fold's model alone or routed (``classify.unlisted_pages``) between it and the fold's
# unlisted model (trained on every training page featurised blind).
MODES = {"normal": (False, False), "blind": (True, False), "normal_routed": (False, True),
         "blind_routed": (True, True)}  # fmt: skip


def cross_validate_both(pages: list[dict[str, Any]], data: list[PageData], with_title: bool = False,
                        weights: dict[str, float] | None = None, second: str | None = None,
                        dropout: float | None = None, modes: tuple[str, ...] = ("normal", "blind"),
                        ) -> dict[str, dict[str, str]]:  # fmt: skip
    """``cross_validate``'s predictions for each of ``modes`` (``MODES``), from the same fold models.

    A routed mode also fits each fold's unlisted model (``data`` needs the blind features).
    """
    folds = fold_of([site(p) for p in pages])
    preds: dict[str, dict[str, str]] = {mode: {} for mode in modes}
    routed = any(MODES[mode][1] for mode in modes)
    for fold in range(FOLDS):
        train = [d for d in data if folds[d.site] != fold]
        test = [p for p in pages if folds[site(p)] == fold]
        model = fit(train, weights=weights, second=second, dropout=dropout).widened()
        unlisted = fit_unlisted(train, weights=weights, second=second).widened() if routed else None
        for mode in modes:
            blind, route = MODES[mode]
            preds[mode].update(run(test, model.with_unlisted(unlisted if route else None), with_title, blind))
    return preds


# Leave-one-source-out trains on every other source, each weighing the same (CleanEval half: its gold
# is not one article), whatever SOURCE_WEIGHTS ships: it asks how well the other sources' labels
# carry over to a source never seen, not which mix is best.
LOSO_WEIGHTS = {"cleaneval": 0.5}


def leave_one_source_out(pages: list[dict[str, Any]], data: list[PageData], with_title: bool = False,
                         ) -> dict[str, dict[str, Any]]:  # fmt: skip
    """For each source, the figures of a model trained on every other source and run on it."""
    out: dict[str, dict[str, Any]] = {}
    for source in sorted({p["source"] for p in pages}):
        test = [p for p in pages if p["source"] == source]
        model = fit([d for d in data if d.source != source], weights=LOSO_WEIGHTS).widened()
        out[source] = summary(score(run(test, model, with_title), test))[source]
    return out


DEV_SOURCES = ("scrapinghub", "trafilatura")
# The languages of data/clean_stopwords.tsv, the hand-typed lists the classifier used before
# jusText's: the DEV pages in other languages are the check on languages those lists did not know.
HAND_LISTED = ("fr", "en", "de", "es", "it", "pt", "nl", "pl")


def grouped_figures(pages: list[dict[str, Any]], preds: dict[str, str]) -> dict[str, Any]:
    """Per source, the DEV sources together, each DEV language (5+ pages) and the rarer ones together."""
    figures = summary(score(preds, pages))
    dev = [p for p in pages if p["source"] in DEV_SOURCES]
    figures["dev"] = summary(score(preds, dev))["overall"]
    langs = sorted({p["lang"] for p in dev})
    common = [lg for lg in langs if sum(p["lang"] == lg for p in dev) >= 5]
    groups = {lg: [p for p in dev if p["lang"] == lg] for lg in common}
    groups["other"] = [p for p in dev if p["lang"] not in common]
    groups["not_hand_listed"] = [p for p in dev if p["lang"] not in HAND_LISTED]
    groups["not_en_fr"] = [p for p in dev if p["lang"] not in ("en", "fr")]
    figures["dev_by_lang"] = {name: _by_source(preds, group) for name, group in groups.items() if group}
    return figures


def script_routed_figures(pages: list[dict[str, Any]], cv_preds: dict[str, dict[str, str]]) -> dict[str, Any]:
    """The pages ``scripts.spaceless_pages`` routes (read with the word lists): how many per source,
    and their figures in each CV mode (normal: main model; normal_routed: unlisted model)."""
    from guillemets.clean import scripts  # here: ``--against`` imports this module with older sources

    ids = spaceless_ids(pages)
    routed = [p for p in pages if p["id"] in ids]
    figures: dict[str, Any] = {"rule": scripts.settings(), "pages": len(routed),
                               "ids": sorted(ids), "by_source": {}}  # fmt: skip
    for p in routed:
        figures["by_source"][p["source"]] = figures["by_source"].get(p["source"], 0) + 1
    if routed:
        figures["modes"] = {mode: summary(score(preds, routed)) for mode, preds in cv_preds.items()}
    return figures


def spaceless_ids(pages: list[dict[str, Any]]) -> set[str]:
    """The ids of the pages whose dumps ``scripts.spaceless_pages`` picks."""
    from guillemets.clean import scripts
    from guillemets.clean.lines import split_pages

    found: set[str] = set()
    for i in range(0, len(pages), BATCH):
        chunk = pages[i : i + BATCH]
        t = split_pages([p["dump"] for p in chunk])
        found.update(chunk[j]["id"] for j in scripts.spaceless_pages(t.array, t.page, t.pages).tolist())
    return found


def write_cv_predictions(into: Path, cv_preds: dict[str, dict[str, str]]) -> None:
    """Each mode's held-out predictions as JSONL {"id", "text"}, in id order, into ``into/MODE.jsonl``."""
    into.mkdir(parents=True, exist_ok=True)
    for mode, preds in cv_preds.items():
        lines = (json.dumps({"id": k, "text": preds[k]}, ensure_ascii=False) + "\n" for k in sorted(preds))
        (into / f"{mode}.jsonl").write_text("".join(lines), encoding="utf-8")


def _by_source(preds: dict[str, str], group: list[dict[str, Any]]) -> dict[str, Any]:
    found = summary(score(preds, group))
    return {"f1": found["overall"]["f1"], "pages": len(group),
            **{s: round(found[s]["f1"], 4) for s in DEV_SOURCES if s in found}}  # fmt: skip


def score(preds: dict[str, str], gold_pages: list[dict[str, Any]]) -> dict[str, Any]:
    """The shared scorer's JSON figures for these predictions, on these gold pages."""
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / "gold.jsonl"
        with gold.open("w", encoding="utf-8") as f:
            for page in gold_pages:
                f.write(json.dumps(page, ensure_ascii=False) + "\n")
        pred = Path(tmp) / "pred.jsonl"
        pred.write_text("".join(json.dumps({"id": k, "text": v}, ensure_ascii=False) + "\n"
                                for k, v in preds.items()), encoding="utf-8")  # fmt: skip
        out = subprocess.run([sys.executable, str(SCORER), str(gold), str(pred), "--json"],
                             capture_output=True, text=True, check=True)  # fmt: skip
    return dict(json.loads(out.stdout))


def summary(result: dict[str, Any]) -> dict[str, Any]:
    keys = ("precision", "recall", "f1", "accuracy", "shingle_f1", "pages")
    figures = {src: {k: r[k] for k in keys if k in r} for src, r in result["sources"].items()}
    figures["overall"] = {k: result["overall"][k] for k in ("precision", "recall", "f1", "pages")}
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="pages per source")
    ap.add_argument("--out", default=None, help="result file (default bench/results/pages.json)")
    ap.add_argument("--cv", action="store_true", help="also run the site-grouped 5-fold cross-validation")
    ap.add_argument("--loso", action="store_true", help="also run leave-one-source-out")
    ap.add_argument("--dev-only", action="store_true", help="cross-validate on DEV only (no TRAIN pages)")
    ap.add_argument("--no-in-sample", action="store_true", help="skip the in-sample figures and speed")
    ap.add_argument("--with-title", action="store_true", help="put the headline in the scored text")
    ap.add_argument("--second", choices=("linear", "trees"), default=None,
                    help="stage 2 of the --cv refits (default: train_cleaner.SECOND)")  # fmt: skip
    ap.add_argument("--blind", action="store_true",
                    help="with --cv: also score the held-out pages with empty word lists")  # fmt: skip
    ap.add_argument("--dropout", type=float, default=None,
                    help=f"with --cv: share of training pages seen blind (default {DROPOUT})")  # fmt: skip
    ap.add_argument(
        "--route",
        action="store_true",
        help="with --cv --blind: also route pages without stop words to an unlisted model",
    )
    ap.add_argument("--blind-out", default=None,
                    help="--blind result file (default bench/results/pages_blind.json)")  # fmt: skip
    ap.add_argument("--pred", default=None, help="also write the predictions here (JSONL)")
    ap.add_argument("--cv-pred", default=None, metavar="DIR",
                    help="with --cv: write each mode's held-out predictions to DIR/MODE.jsonl")  # fmt: skip
    ap.add_argument("--against", metavar="COMMIT", default=None,
                    help="only measure speed, side by side with the source at COMMIT")  # fmt: skip
    ap.add_argument("--runs", type=int, default=5, help="alternated runs of --against (default 5)")
    args = ap.parse_args()
    if args.against:
        figures = side_by_side(args.against, 1 if args.limit else args.runs, args.limit)
        path = write_result("pages_speed", figures, args.out)
        print(json.dumps({k: v for k, v in figures.items() if k != "per_run"}, indent=1))
        ratio = figures["ratio_clean_and_language_id_median"]
        print(f"bench.pages: {ratio}x the speed at {args.against} -> {path}")
        return
    pages = load_pages(DEV, args.limit)
    figures: dict[str, Any] = {"pages": len(pages)}
    preds = {} if args.no_in_sample else run(pages, with_title=args.with_title)
    if not args.no_in_sample:
        figures["dev_in_sample"] = summary(score(preds, pages))
        figures["dev_in_sample_by_lang"] = grouped_figures(pages, preds)["dev_by_lang"]
        speed = pipeline_speed(pages)
        figures["pages_per_second"] = speed["clean_and_language_id"]
        figures["pages_per_second_clean_only"] = speed["clean_only"]
        figures["speed_measure"] = f"CPU time of one process, batches of {BATCH} pages, best of 3"
    if args.cv or args.loso:
        every = load_all(args.limit, args.dev_only)
        dropout = DROPOUT if args.dropout is None else args.dropout
        data = build_dataset(every, blind=dropout > 0 or args.route)
        if args.cv:
            modes: tuple[str, ...] = ("normal", "blind") if args.blind else ("normal",)
            modes += ("normal_routed", "blind_routed") if args.route else ()
            cv_preds = cross_validate_both(every, data, args.with_title, second=args.second,
                                           dropout=dropout, modes=modes)  # fmt: skip
            figures["grouped_cv"] = grouped_figures(every, cv_preds["normal"])
            if args.cv_pred:
                write_cv_predictions(Path(args.cv_pred), cv_preds)
            if args.blind:
                blind = {"pages": len(every), "word_list_dropout": dropout,
                         "grouped_cv": figures["grouped_cv"],
                         "grouped_cv_blind": grouped_figures(every, cv_preds["blind"])}  # fmt: skip
                if args.route:
                    blind["grouped_cv_routed"] = grouped_figures(every, cv_preds["normal_routed"])
                    blind["grouped_cv_blind_routed"] = grouped_figures(every, cv_preds["blind_routed"])
                    dev = {p["id"] for p in every if p["source"] in DEV_SOURCES}
                    blind["routed_by_script"] = script_routed_figures(every, cv_preds)
                    blind["predictions_sha256"] = {
                        f"{mode}_{part}": predictions_hash(cv_preds[mode], ids)
                        for mode in modes for part, ids in (("all", None), ("dev", dev))
                    }  # fmt: skip
                path = write_result("pages_blind", blind, args.blind_out, module="pages")
                print(f"bench.pages: blind grouped CV -> {path}")
        if args.loso:
            figures["leave_one_source_out"] = leave_one_source_out(every, data, args.with_title)
    if args.pred:
        Path(args.pred).write_text("".join(json.dumps({"id": k, "text": v}, ensure_ascii=False) + "\n"
                                           for k, v in preds.items()), encoding="utf-8")  # fmt: skip
    path = write_result("pages", figures, args.out)
    print(json.dumps(figures, indent=1))
    print(f"bench.pages: {len(pages)} pages, {figures.get('pages_per_second')} pages/s -> {path}")


if __name__ == "__main__":
    main()
