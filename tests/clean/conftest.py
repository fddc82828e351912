# ruff: noqa: E501  (page dumps hold long lines on purpose)
"""Fixtures for the cleaner's tests: small hand-made page dumps in French, English and German."""

from __future__ import annotations

from pathlib import Path

import pytest

FR_PAGE = """Accueil > Régions > Savoie

Menu
Rechercher

Le conseil municipal adopte le budget après une longue séance

Les élus ont voté mardi soir un budget en hausse de 4 %, porté par les investissements dans les écoles et la voirie.

Publié le 3 février 2025 à 21h10

La séance a duré plus de cinq heures. L'opposition a dénoncé une hausse des impôts locaux qu'elle juge injustifiée, tandis que la majorité a défendu des choix qu'elle estime nécessaires pour l'avenir de la commune.

« Nous investissons pour nos enfants », a déclaré le maire, qui a rappelé que la dette de la ville restait l'une des plus faibles du département.

Les travaux de l'école Jean-Moulin doivent commencer au printemps et durer un an, selon le calendrier présenté aux élus.

Partager
Lire aussi

Une nouvelle piste cyclable inaugurée au bord du lac

Les plus lus

Le marché de Noël attire un nombre record de visiteurs
Le marché de Noël a accueilli plus de 80 000 visiteurs cette année, un record selon les organisateurs de la manifestation.

Mentions légales · Politique de confidentialité · © Le Petit Savoyard 2025
"""

EN_PAGE = """Home | World | Europe

Sign in
Subscribe

Storm forces hundreds of flights to be cancelled across northern Europe

High winds and heavy rain disrupted travel on Sunday, with airports in three countries suspending departures for most of the afternoon.

Published March 3, 2024

The storm reached the coast early in the morning and moved inland faster than forecasters had expected, bringing down trees and power lines in several regions.

Officials said that more than 40,000 homes were still without electricity by the evening, and that repairs could take until the middle of the week.

"We ask people to stay at home unless their journey is essential," a spokesperson for the national weather service told reporters.

Share this article
Related stories

Rail strike called off after last-minute agreement

Most read

City council approves new budget for public transport
Privacy policy · Terms of use · © 2024 The Daily Example
"""

DE_PAGE = """Startseite › Politik › Inland

Menü
Suche

Bundestag beschließt neues Gesetz zur Energieversorgung

Nach einer langen Debatte hat der Bundestag am Donnerstag das umstrittene Gesetz mit knapper Mehrheit verabschiedet.

Veröffentlicht am 12. Mai 2023

Die Opposition kritisierte vor allem die Kosten für die Verbraucher, die nach ihrer Einschätzung in den kommenden Jahren deutlich steigen werden.

Die Regierung verteidigte das Vorhaben und verwies auf die Notwendigkeit, die Versorgung auch im Winter sicherzustellen, wenn die Nachfrage besonders hoch ist.

Das Gesetz soll im Herbst in Kraft treten, sofern der Bundesrat zustimmt.

Teilen
Mehr zum Thema

Streit um Heizungsgesetz geht in die nächste Runde

Impressum · Datenschutz · © 2023 Beispielzeitung
"""


@pytest.fixture(params=["fr", "en", "de"])
def small_page(request: pytest.FixtureRequest) -> tuple[str, str]:
    """(language, dump) of a small invented news page."""
    return request.param, {"fr": FR_PAGE, "en": EN_PAGE, "de": DE_PAGE}[request.param]


@pytest.fixture(scope="session")
def project_example(project_root: Path) -> str:
    return (project_root / "examples" / "lavoixdulac-greve-port.txt").read_text(encoding="utf-8")
