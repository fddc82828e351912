"""Hand-built Documents shared by the store and CLI tests (quotes are located in the text)."""

from __future__ import annotations

from guillemets.model import CharSpan, Document, Entity, EntityLabel, Quote, QuoteType, Source, SpeakerMention


def build_doc(
    doc_id: str,
    title: str,
    paragraphs: list[str],
    *,
    quotes: list[tuple[str, str | None]] = (),  # type: ignore[assignment]
    url: str | None = "https://www.lesoir.be/article",
    date: str | None = "2025-03-12",
    lang: str | None = "fr",
    path: str | None = None,
    record: str | None = None,
    quote_type: QuoteType = QuoteType.DIRECT,
) -> Document:
    """A Document whose quotes are found in its text: (quoted words, speaker name or None)."""
    doc = Document(id=doc_id, source=Source(path or f"{doc_id}.txt", record), url=url, lang=lang, date=date)
    doc.set_article(title, "", paragraphs)
    people: dict[str, Entity] = {}
    for words, speaker in quotes:
        start = doc.text.index(words)
        mention = None
        if speaker is not None:
            at = doc.text.find(speaker, start + len(words))
            at = at if at >= 0 else doc.text.index(speaker)
            mention = SpeakerMention(at, at + len(speaker), speaker, speaker)
            entity = people.setdefault(speaker, Entity(speaker, EntityLabel.PERSON))
            entity.mentions.append(CharSpan(at, at + len(speaker), speaker))
            entity.quotes += 1
        doc.quotes.append(Quote(quote_type, start, start + len(words), words, mention))
    doc.entities = list(people.values())
    return doc


WIRE = (
    "La grève des dockers a paralysé le port mercredi, et les négociations avec la direction reprendront "
    "jeudi matin selon les syndicats, qui réclament une hausse des salaires et de meilleures conditions "
    "de sécurité sur les quais après l'accident survenu le mois dernier."
)


def corpus_documents() -> list[Document]:
    """Four articles: two outlets, three speakers, one exact duplicate, two months."""
    poutine = "« Je m'attends à ce que la région de Koursk soit bientôt complètement libérée »"
    syrsky = "« nos troupes se replient vers des positions plus favorables »"
    return [
        build_doc(
            "a1",
            "Poutine visite Koursk",
            [f"{poutine}, a déclaré Vladimir Poutine mercredi.", WIRE],
            quotes=[(poutine, "Vladimir Poutine")],
            url="https://www.lesoir.be/monde/koursk",
        ),
        build_doc(
            "a2",
            "Le front à Koursk",
            [
                f"{syrsky}, a indiqué Oleksandre Syrsky.",
                "« La situation est difficile », a ajouté VLADIMIR POUTINE.",
            ],
            quotes=[(syrsky, "Oleksandre Syrsky"), ("« La situation est difficile »", "VLADIMIR POUTINE")],
            url="https://rtbf.be/info/front",
            date="2025-04-02",
        ),
        build_doc(
            "a3",
            "Grève au port",
            [WIRE, "« Nous ne lâcherons rien », a lancé Marie Dupont, déléguée syndicale."],
            quotes=[("« Nous ne lâcherons rien »", "Marie Dupont")],
            url="https://www.lavoixdulac.fr/port",
            lang="fr",
        ),
        build_doc(
            "a3-copy",
            "Grève au port",
            [WIRE, "« Nous ne lâcherons rien », a lancé Marie Dupont, déléguée syndicale."],
            quotes=[("« Nous ne lâcherons rien »", "Marie Dupont")],
            url="https://www.lavoixdulac.fr/port?utm=x",
            path="mirror/a3.txt",
        ),
    ]
