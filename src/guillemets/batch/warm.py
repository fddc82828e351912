"""Warm the caller up before it forks its workers, so they share what the first page builds.

Loading the model is not all of start-up: the first page through the pipeline builds the
cleaner's tables and compiled patterns, spaCy's lexeme and string caches, the quote stage's
lexicons... Built in each forked worker, all that is private memory, once per worker; built once
in the caller before the fork, it is shared copy-on-write. The caller then freezes its objects
out of the garbage collector (``gc.freeze``) just before the fork: a worker's collections never
write to the shared pages (a collection writes to every object it scans).

French is always warmed (its model is loaded at start, ``NlpSettings.preload``). Another language
is warmed only when the caller expects pages in it (``warm_languages``: the planner's read-ahead
votes for it): English then costs the caller its model load and one page (2.5 s on the loaded
development machine, once, instead of once in each worker), which a French-only input does not
pay. A language first met after the read-ahead is loaded lazily by each worker that meets it,
privately (its model, attributor and caches once per worker: 40-50 MB for English).
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterable

from guillemets.model import Source
from guillemets.nlp import Annotator
from guillemets.pipeline import process_many
from guillemets.read.base import PageKind, RawPage
from guillemets.settings import Settings

log = logging.getLogger(__name__)

# An invented French page (menu, title, article with a quote and a cue, footer): enough for every
# stage of a text dump to run once (cleaner, language id, parse, quotes, speakers, entities).
WARM_PAGE = "\n".join(
    [
        "Accueil",
        "Région",
        "Se connecter",
        "La halle du marché rouvrira au printemps après deux ans de travaux",
        "Les commerçants de la halle ont appris mardi que le chantier serait terminé en mars.",
        "« Nous attendons ce jour depuis longtemps », a déclaré Jeanne Morel, fromagère à Dieppe.",
        "Le maire, Antoine Lebrun, a assuré que les loyers des étals resteraient inchangés cette année.",
        "Selon la mairie, le coût des travaux a dépassé de dix pour cent le budget voté par le conseil.",
        "Partager",
        "Mentions légales",
    ]
)


# An invented English page, for the English pipeline (its model's entities and parse, the learned
# attributor with its cue lexicon and weights, the speakers' names).
WARM_PAGE_EN = "\n".join(
    [
        "Home",
        "Local news",
        "Sign in",
        "The covered market will reopen in the spring after two years of repairs",
        "Traders at the covered market learned on Tuesday that the work would be finished in March.",
        '"We have been waiting for this day for a long time," said Helen Marsh, a cheese seller in Hull.',
        "The mayor, Peter Lawson, said that the rent of the stalls would not change this year.",
        "According to the council, the repairs cost ten percent more than the budget it had approved.",
        "Share this article",
        "Privacy policy",
    ]
)

WARM_PAGES = {"fr": WARM_PAGE, "en": WARM_PAGE_EN}
ALWAYS = ("fr",)  # loaded at start whatever the input (NlpSettings.preload), and the cleaner's warm-up


def warm_languages(expected: Iterable[str], settings: Settings) -> tuple[str, ...]:
    """The languages to warm up before the fork: French, and those of ``expected`` (the languages
    the read-ahead's pages vote for) that have a warm-up page and a model, when the NLP stage runs."""
    if not settings.nlp.quotes:
        return ALWAYS  # only the cleaner runs: one page warms it
    wanted = set(ALWAYS) | {lang for lang in expected if settings.nlp.model_for(lang)}
    return tuple(lang for lang in WARM_PAGES if lang in wanted)


def warm_up(settings: Settings, annotator: Annotator | None, languages: Iterable[str] = ALWAYS) -> None:
    """Run the pipeline once on the warm-up page of each of ``languages`` in this process (the
    documents are thrown away)."""
    pages = [
        RawPage(Source("<warm-up>"), PageKind.TEXT, WARM_PAGES[lang], id=f"warm-up-{lang}")
        for lang in languages
        if lang in WARM_PAGES
    ]
    try:
        for doc in process_many(pages, settings, annotator):
            log.debug(
                "warm-up page %s: %d paragraphs, %d quotes", doc.lang, len(doc.paragraphs), len(doc.quotes)
            )
    except Exception:  # only memory is at stake: the workers then build their caches themselves
        log.warning("the warm-up page failed; the workers will warm up on their own", exc_info=True)


def freeze_before_fork() -> None:
    """Move every object alive now out of the collector's reach (the forked workers share them)."""
    gc.freeze()
