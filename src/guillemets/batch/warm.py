"""Warm the caller up before it forks its workers, so they share what the first page builds.

Loading the model is not all of start-up: the first page through the pipeline builds the
cleaner's tables and compiled patterns, spaCy's lexeme and string caches, the quote stage's
lexicons... Built in each forked worker, all that is private memory, once per worker; built once
in the caller before the fork, it is shared copy-on-write. The caller then freezes its objects
out of the garbage collector (``gc.freeze``) just before the fork: a worker's collections never
write to the shared pages (a collection writes to every object it scans).
"""

from __future__ import annotations

import gc
import logging

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


def warm_up(settings: Settings, annotator: Annotator | None) -> None:
    """Run the pipeline once on ``WARM_PAGE`` in this process (its document is thrown away)."""
    page = RawPage(Source("<warm-up>"), PageKind.TEXT, WARM_PAGE, id="warm-up")
    try:
        for doc in process_many([page], settings, annotator):
            log.debug("warm-up page: %d paragraphs, %d quotes", len(doc.paragraphs), len(doc.quotes))
    except Exception:  # only memory is at stake: the workers then build their caches themselves
        log.warning("the warm-up page failed; the workers will warm up on their own", exc_info=True)


def freeze_before_fork() -> None:
    """Move every object alive now out of the collector's reach (the forked workers share them)."""
    gc.freeze()
