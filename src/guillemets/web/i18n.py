"""Interface strings in French (default) and English, and the choice of language per request.

The interface language comes from ``?lang=`` when given, else the Accept-Language header,
else the application default. Messages are plain data; templates call ``t("key")``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

LANGUAGES = ("fr", "en")

MESSAGES: dict[str, dict[str, str]] = {
    "site.name": {"fr": "guillemets", "en": "guillemets"},
    "site.tagline": {"fr": "Qui a dit quoi, dans la presse", "en": "Who said what, in the news"},
    "nav.search": {"fr": "Recherche", "en": "Search"},
    "nav.speakers": {"fr": "Personnes citées", "en": "Quoted people"},
    "nav.api": {"fr": "API", "en": "API"},
    "nav.switch": {"fr": "English", "en": "Français"},
    "nav.switch_title": {"fr": "Read this page in English", "en": "Lire cette page en français"},
    "search.label": {
        "fr": "Rechercher dans les citations et les articles",
        "en": "Search quotes and articles",
    },
    "search.placeholder": {"fr": "un mot, un nom… ex. Koursk", "en": "a word, a name… e.g. Kursk"},
    "search.submit": {"fr": "Rechercher", "en": "Search"},
    "search.in": {"fr": "Chercher dans", "en": "Search in"},
    "search.type.quotes": {"fr": "les citations", "en": "quotes"},
    "search.type.articles": {"fr": "les articles", "en": "articles"},
    "search.filters": {"fr": "Filtres", "en": "Filters"},
    "search.domain": {"fr": "Média (domaine)", "en": "Outlet (domain)"},
    "search.since": {"fr": "Depuis le", "en": "Since"},
    "search.until": {"fr": "Jusqu’au", "en": "Until"},
    "search.doc_lang": {"fr": "Langue de l’article", "en": "Article language"},
    "search.quote_type": {"fr": "Type de citation", "en": "Quote type"},
    "search.any": {"fr": "tous", "en": "any"},
    "search.speaker_filter": {"fr": "Personne citée : {name}", "en": "Quoted person: {name}"},
    "search.clear_speaker": {"fr": "retirer ce filtre", "en": "remove this filter"},
    "search.results": {"fr": "{total} résultat(s) pour « {q} »", "en": "{total} result(s) for “{q}”"},
    "search.results_noq": {"fr": "{total} résultat(s)", "en": "{total} result(s)"},
    "search.none": {"fr": "Aucun résultat.", "en": "No results."},
    "search.hint": {
        "fr": "Tapez un mot pour trouver qui l’a dit et où. Les accents sont facultatifs.",
        "en": "Type a word to find who said it and where. Accents are optional.",
    },
    "search.people": {"fr": "Personnes :", "en": "People:"},
    "search.top_speakers": {"fr": "Les plus cités", "en": "Most quoted"},
    "quote.type.direct": {"fr": "directe", "en": "direct"},
    "quote.type.indirect": {"fr": "indirecte", "en": "indirect"},
    "quote.type.mixed": {"fr": "mixte", "en": "mixed"},
    "quote.unknown_speaker": {"fr": "locuteur inconnu", "en": "unknown speaker"},
    "quote.read_article": {"fr": "Lire l’article", "en": "Read the article"},
    "quote.in": {"fr": "dans", "en": "in"},
    "article.quotes_n": {"fr": "{n} citation(s)", "en": "{n} quote(s)"},
    "speakers.title": {"fr": "Personnes citées", "en": "Quoted people"},
    "speakers.filter": {"fr": "Filtrer par nom", "en": "Filter by name"},
    "speakers.name": {"fr": "Nom", "en": "Name"},
    "speakers.quotes": {"fr": "Citations", "en": "Quotes"},
    "speakers.articles": {"fr": "Articles", "en": "Articles"},
    "speakers.first_seen": {"fr": "Première fois", "en": "First seen"},
    "speakers.last_seen": {"fr": "Dernière fois", "en": "Last seen"},
    "speakers.none": {"fr": "Personne pour l’instant.", "en": "Nobody yet."},
    "speaker.kind.person": {"fr": "personne", "en": "person"},
    "speaker.kind.organisation": {"fr": "organisation", "en": "organisation"},
    "speaker.summary": {
        "fr": "{quotes} citation(s) dans {articles} article(s)",
        "en": "{quotes} quote(s) in {articles} article(s)",
    },
    "speaker.span": {"fr": ", du {first} au {last}", "en": ", from {first} to {last}"},
    "speaker.day": {"fr": ", le {first}", "en": ", on {first}"},
    "speaker.kind.PER": {"fr": "personne", "en": "person"},
    "speaker.kind.ORG": {"fr": "organisation", "en": "organisation"},
    "speaker.variants": {"fr": "Noms rencontrés :", "en": "Names seen:"},
    "speaker.timeline": {"fr": "Citations au fil du temps", "en": "Quotes over time"},
    "speaker.timeline_empty": {
        "fr": "Pas de date connue pour ces citations.",
        "en": "No known date for these quotes.",
    },
    "speaker.co_quoted": {"fr": "Cité avec", "en": "Quoted with"},
    "speaker.co_quoted_none": {
        "fr": "Personne d’autre dans ses articles.",
        "en": "Nobody else in their articles.",
    },
    "speaker.shared_articles": {"fr": "{n} article(s) en commun", "en": "{n} shared article(s)"},
    "speaker.quotes": {"fr": "Ses citations", "en": "Their quotes"},
    "speaker.search_quotes": {"fr": "Chercher dans ses citations", "en": "Search their quotes"},
    "chart.month": {"fr": "Mois", "en": "Month"},
    "chart.quotes": {"fr": "Citations", "en": "Quotes"},
    "chart.title": {"fr": "Citations par mois", "en": "Quotes per month"},
    "article.source": {"fr": "Source", "en": "Source"},
    "article.original": {"fr": "Page d’origine :", "en": "Original page:"},
    "article.quotes": {"fr": "Citations de l’article", "en": "Quotes in the article"},
    "article.speakers": {"fr": "Personnes citées", "en": "Quoted people"},
    "article.entities": {"fr": "Mentionnés", "en": "Mentioned"},
    "article.legend": {"fr": "Légende", "en": "Legend"},
    "article.legend.quote": {"fr": "citation", "en": "quote"},
    "article.legend.speaker": {"fr": "locuteur", "en": "speaker"},
    "article.legend.entity": {"fr": "entité mentionnée", "en": "mentioned entity"},
    "article.toggle_entities": {"fr": "Surligner les entités", "en": "Highlight entities"},
    "article.no_quotes": {
        "fr": "Aucune citation trouvée dans cet article.",
        "en": "No quotes found in this article.",
    },
    "article.copies": {"fr": "Aussi publié ici", "en": "Also published here"},
    "article.near": {"fr": "Versions proches", "en": "Near-duplicates"},
    "article.similarity": {"fr": "{pct} % semblable", "en": "{pct}% similar"},
    "pager.prev": {"fr": "← Précédent", "en": "← Previous"},
    "pager.next": {"fr": "Suivant →", "en": "Next →"},
    "pager.page": {"fr": "page {page} sur {pages}", "en": "page {page} of {pages}"},
    "error.title": {"fr": "Erreur", "en": "Error"},
    "error.404": {"fr": "Cette page n’existe pas.", "en": "This page does not exist."},
    "error.speaker_404": {"fr": "Aucune personne n’a l’identifiant {id}.", "en": "No speaker has id {id}."},
    "error.article_404": {"fr": "Aucun article n’a l’identifiant {id}.", "en": "No article has id {id}."},
    "error.422": {"fr": "Paramètre invalide", "en": "Invalid parameter"},
    "error.503": {
        "fr": "La base de données est indisponible ou verrouillée ; réessayez dans un instant.",
        "en": "The database is unavailable or locked; try again in a moment.",
    },
    "error.back": {"fr": "Retour à la recherche", "en": "Back to search"},
    "docs.title": {"fr": "API JSON", "en": "JSON API"},
    "docs.intro": {
        "fr": "Toutes les routes sont en lecture seule (GET). La description OpenAPI complète est à",
        "en": "Every route is read-only (GET). The full OpenAPI description is at",
    },
    "docs.params": {"fr": "Paramètre", "en": "Parameter"},
    "docs.type": {"fr": "Type", "en": "Type"},
    "docs.default": {"fr": "Défaut", "en": "Default"},
    "docs.description": {"fr": "Description", "en": "Description"},
    "nav.paste": {"fr": "Analyser un article", "en": "Analyse an article"},
    "paste.title": {"fr": "Analyser un article", "en": "Analyse an article"},
    "paste.label": {
        "fr": "Collez un article (page brute, HTML ou texte propre) pour voir qui a dit quoi",
        "en": "Paste an article (raw page, HTML or clean text) to see who said what",
    },
    "paste.placeholder": {
        "fr": "Collez ici le texte ou le HTML de la page…",
        "en": "Paste the page's text or HTML here…",
    },
    "paste.format": {"fr": "Format", "en": "Format"},
    "paste.format.auto": {"fr": "détecter", "en": "detect"},
    "paste.format.text": {"fr": "page brute (texte)", "en": "raw page (text)"},
    "paste.format.html": {"fr": "HTML", "en": "HTML"},
    "paste.format.clean": {"fr": "texte propre", "en": "clean text"},
    "paste.submit": {"fr": "Analyser", "en": "Analyse"},
    "paste.hint": {
        "fr": "Rien n’est enregistré : l’article n’est analysé que pour cette page.",
        "en": "Nothing is stored: the article is only analysed for this page.",
    },
    "paste.empty": {"fr": "Collez d’abord un article.", "en": "Paste an article first."},
    "paste.bad_format": {"fr": "Format inconnu.", "en": "Unknown format."},
    "paste.too_large": {
        "fr": "L’article dépasse {mb} Mo : collez une seule page.",
        "en": "The article is over {mb} MB: paste one page at a time.",
    },
    "paste.no_article": {
        "fr": "Aucun article trouvé dans ce texte ({reason}).",
        "en": "No article found in this text ({reason}).",
    },
    "footer.text": {
        "fr": "Les citations sont extraites automatiquement : vérifiez-les dans l’article.",
        "en": "Quotes are extracted automatically: check them in the article.",
    },
}

MONTHS = {
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}

CHART_LOCALE = {"fr": "fr-FR", "en": "en-GB"}


def normalise(code: str | None) -> str | None:
    """``fr``, ``fr-BE``, ``EN_us`` → a supported language code, or None."""
    if not code:
        return None
    base = code.strip().replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else None


def negotiate(accept_language: str | None, default: str) -> str:
    """The best supported language of an Accept-Language header (by q weight), else ``default``."""
    best: tuple[float, int, str] | None = None
    for index, item in enumerate((accept_language or "").split(",")):
        code, _, params = item.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                continue
        lang = normalise(code)
        if lang and weight > 0 and (best is None or (-weight, index) < (-best[0], best[1])):
            best = (weight, index, lang)
    return best[2] if best else default


@dataclass(frozen=True, slots=True)
class Translator:
    """Translates message keys and formats dates for one language."""

    lang: str

    def __call__(self, key: str, **values: object) -> str:
        entry = MESSAGES.get(key)
        text = entry.get(self.lang, entry["fr"]) if entry else key
        return text.format(**values) if values else text

    def date(self, value: str | None) -> str:
        """``2025-03-04`` → ``4 mars 2025`` / ``4 March 2025``; partial or odd dates as given."""
        if not value:
            return "—"
        try:
            day = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
        month = MONTHS[self.lang][day.month - 1]
        return f"{day.day} {month} {day.year}"

    def month(self, value: str) -> str:
        """``2025-03`` → ``mars 2025``."""
        try:
            year, month = int(value[:4]), int(value[5:7])
            return f"{MONTHS[self.lang][month - 1]} {year}"
        except (ValueError, IndexError):
            return value


def translator(lang: str) -> Translator:
    return Translator(lang if lang in LANGUAGES else "fr")
