"""The must-pass pages: the shared Belgian example and the project's own invented page."""

from __future__ import annotations

from pathlib import Path

from guillemets.clean import clean_dump
from guillemets.model import ChromeKind


def test_shared_example_article_and_related(shared_example: Path) -> None:
    dump = shared_example.read_text(encoding="utf-8")
    lines = [" ".join(ln.split()) for ln in dump.splitlines() if ln.strip()]  # the cleaner collapses spaces
    cleaned = clean_dump(dump)
    assert cleaned.section == ["Accueil", "Actu", "Monde", "International"]
    assert cleaned.title == lines[1] and cleaned.title.startswith("Pendant que le monde négocie")
    assert cleaned.lede == lines[2] and cleaned.lede.startswith("Alors que des pourparlers")
    assert cleaned.paragraphs == lines[3:10]
    article = "\n".join([cleaned.title, cleaned.lede, *cleaned.paragraphs])
    for chrome in ("Contenus sponsorisés", "À la une", "Les plus lus", "Charleroi"):
        assert chrome not in article
    assert any("Charleroi" in s.title + s.text for s in cleaned.related)
    assert {c.text for c in cleaned.chrome} >= {"Contenus sponsorisés", "À la une", "Les plus lus"}


def test_project_example_article_related_and_chrome(project_example: str) -> None:
    cleaned = clean_dump(project_example)
    assert cleaned.section == ["Accueil", "Actualités", "Économie", "Social"]
    assert cleaned.title.startswith("Grève au port de Sainte-Aure")
    assert cleaned.lede.startswith("Au quatrième jour de grève")
    assert len(cleaned.paragraphs) == 6
    assert cleaned.date == "2025-03-14T18:02"
    titles = [s.title for s in cleaned.related]
    assert any(t.startswith("Municipales") for t in titles) and any(
        t.startswith("Fête du lac") for t in titles
    )
    kinds = {c.text: c.kind for c in cleaned.chrome}
    assert kinds["Partager sur Facebook"] == ChromeKind.SOCIAL
    assert kinds["Newsletter"] == ChromeKind.SOCIAL
    assert kinds[
        "Mentions légales · Politique de confidentialité · Gestion des cookies · © La Voix du Lac 2025"
    ] == (ChromeKind.LEGAL)
    article = " ".join([cleaned.title, cleaned.lede, *cleaned.paragraphs])
    assert "Partager" not in article and "Municipales" not in article and "Publié le" not in article
