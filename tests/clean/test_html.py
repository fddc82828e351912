from __future__ import annotations

from guillemets.clean import clean_html

_PARAS = [
    "Les élus ont voté mardi soir un budget en hausse de quatre pour cent, porté par les investissements "
    "dans les écoles et la voirie, après une séance de plus de cinq heures.",
    "L'opposition a dénoncé une hausse des impôts locaux qu'elle juge injustifiée, tandis que la majorité "
    "a défendu des choix qu'elle estime nécessaires pour l'avenir de la commune.",
    "« Nous investissons pour nos enfants », a déclaré le maire, qui a rappelé que la dette de la ville "
    "restait l'une des plus faibles du département.",
]
HTML = f"""<html><head><title>Le budget adopté</title></head><body>
<nav><a href="/">Accueil</a> <a href="/savoie">Savoie</a></nav>
<article><h1>Le conseil municipal adopte le budget</h1>
{"".join(f"<p>{p}</p>" for p in _PARAS)}
<p>Lire aussi : Une nouvelle piste cyclable inaugurée au bord du lac</p>
</article>
<footer><p>Mentions légales · © Le Petit Savoyard 2025</p></footer></body></html>"""


def test_clean_html_keeps_the_article_and_sets_teasers_apart() -> None:
    cleaned = clean_html(HTML, "https://example.org/budget", explain=True)
    assert cleaned.lede.startswith("Les élus ont voté")
    assert [p[:10] for p in cleaned.paragraphs] == [p[:10] for p in _PARAS[1:]]
    assert any("piste cyclable" in s.title for s in cleaned.related)
    article = " ".join([cleaned.lede, *cleaned.paragraphs])
    assert "Mentions légales" not in article and "Lire aussi" not in article
    assert {d.label for d in cleaned.explain} >= {"lede", "paragraph", "related"}


def test_clean_html_of_an_empty_page_is_empty() -> None:
    cleaned = clean_html("<html><body></body></html>")
    assert (cleaned.lede, cleaned.paragraphs) == ("", [])
