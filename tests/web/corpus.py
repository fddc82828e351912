"""A tiny hand-built corpus for the web tests: Documents with quotes, speakers and entities.

Offsets are computed from the text, never typed in, so the data stays consistent when edited.
One article carries script-injection payloads in its title, text, quote and speaker name.
"""

from __future__ import annotations

from guillemets.model import CharSpan, Document, Entity, EntityLabel, Quote, QuoteType, Source, SpeakerMention

# What a payload does if it ever runs: the browser test checks neither happened.
PWN_SCRIPT = "<script>window.__pwned = 1; document.title = 'PW' + 'NED';</script>"
PWN_IMG = "<img src=x onerror=\"window.__pwned = 2; document.title = 'PW' + 'NED'\">"


def span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def quote(
    doc: Document, words: str, speaker: str, name: str | None, kind: QuoteType, cue: str | None = None
) -> Quote:
    start, end = span(doc.text, words)
    s_start, s_end = span(doc.text, speaker)
    cue_span = None
    if cue:
        c_start, c_end = span(doc.text, cue)
        cue_span = CharSpan(c_start, c_end, cue)
    return Quote(kind, start, end, words, SpeakerMention(s_start, s_end, speaker, name), cue_span)


def entity(doc: Document, name: str, label: EntityLabel, *mentions: str, quotes: int = 0) -> Entity:
    spans = []
    for m in mentions:
        start, end = span(doc.text, m)
        spans.append(CharSpan(start, end, m))
    return Entity(name, label, spans, quotes)


def article(
    doc_id: str, url: str, date: str, lang: str, title: str, lede: str, paragraphs: list[str]
) -> Document:
    doc = Document(id=doc_id, source=Source(f"tests/{doc_id}.txt"), url=url, lang=lang, date=date)
    doc.set_article(title, lede, paragraphs)
    return doc


def koursk() -> Document:
    doc = article(
        "koursk0000000001",
        "https://www.lesoir.be/monde/koursk.html",
        "2025-03-04",
        "fr",
        "Koursk : l’armée ukrainienne se replie",
        "Moscou affirme avoir repris plusieurs villages de la région de Koursk.",
        [
            "« Nous tiendrons nos positions aussi longtemps que nécessaire », a déclaré Oleksandre Syrsky, "
            "commandant en chef des forces ukrainiennes.",
            "Vladimir Poutine a assuré que la région serait entièrement libérée "
            "« dans les prochains jours ».",
            "« La situation est sous contrôle », a ajouté Vladimir Poutine lors d’une réunion au Kremlin.",
        ],
    )
    doc.quotes = [
        quote(
            doc,
            "Nous tiendrons nos positions aussi longtemps que nécessaire",
            "Oleksandre Syrsky",
            "Oleksandre Syrsky",
            QuoteType.DIRECT,
            "a déclaré",
        ),
        quote(
            doc,
            "la région serait entièrement libérée « dans les prochains jours »",
            "Vladimir Poutine",
            "Vladimir Poutine",
            QuoteType.MIXED,
            "a assuré",
        ),
        quote(
            doc,
            "La situation est sous contrôle",
            "Vladimir Poutine lors",
            "Vladimir Poutine",
            QuoteType.DIRECT,
            "a ajouté",
        ),
    ]
    # the speaker mention of the last quote: the second "Vladimir Poutine"
    last = doc.quotes[2]
    s_start, s_end = span(doc.text, "Vladimir Poutine", doc.text.index("a ajouté"))
    last.speaker = SpeakerMention(s_start, s_end, "Vladimir Poutine", "Vladimir Poutine")
    doc.entities = [
        entity(doc, "Oleksandre Syrsky", EntityLabel.PERSON, "Oleksandre Syrsky", quotes=1),
        entity(doc, "Vladimir Poutine", EntityLabel.PERSON, "Vladimir Poutine", quotes=2),
        entity(doc, "Koursk", EntityLabel.PLACE, "Koursk"),
        entity(doc, "Kremlin", EntityLabel.ORGANISATION, "Kremlin"),
    ]
    return doc


def sanctions() -> Document:
    doc = article(
        "sanctions0000002",
        "https://www.rtbf.be/article/sanctions.html",
        "2025-01-15",
        "fr",
        "Nouvelles sanctions européennes contre Moscou",
        "Les Vingt-Sept ont adopté un seizième paquet de sanctions.",
        [
            "« Ces sanctions n’ont aucun effet sur notre économie », a répliqué Vladimir Poutine.",
            "Volodymyr Zelensky a salué une décision « courageuse et nécessaire ».",
        ],
    )
    doc.quotes = [
        quote(
            doc,
            "Ces sanctions n’ont aucun effet sur notre économie",
            "Vladimir Poutine",
            "Vladimir Poutine",
            QuoteType.DIRECT,
            "a répliqué",
        ),
        quote(
            doc,
            "courageuse et nécessaire",
            "Volodymyr Zelensky",
            "Volodymyr Zelensky",
            QuoteType.DIRECT,
            "a salué",
        ),
    ]
    doc.entities = [
        entity(doc, "Vladimir Poutine", EntityLabel.PERSON, "Vladimir Poutine", quotes=1),
        entity(doc, "Volodymyr Zelensky", EntityLabel.PERSON, "Volodymyr Zelensky", quotes=1),
    ]
    return doc


def sanctions_copy() -> Document:
    """The same article found on another site: stored once, with both sources."""
    doc = sanctions()
    doc.id, doc.source, doc.url = (
        "sanctionscopy003",
        Source("tests/copy.txt"),
        "https://www.lalibre.be/sanctions",
    )
    return doc


def english() -> Document:
    doc = article(
        "english000000003",
        "https://www.bbc.co.uk/news/world-1",
        "2024-11-20",
        "en",
        "Zelensky asks allies for more air defence",
        "The Ukrainian president spoke in Kyiv.",
        ['"We need more air defence systems now," said Volodymyr Zelensky.'],
    )
    doc.quotes = [
        quote(
            doc,
            "We need more air defence systems now,",
            "Volodymyr Zelensky",
            "Volodymyr Zelensky",
            QuoteType.DIRECT,
            "said",
        )
    ]
    doc.entities = [entity(doc, "Volodymyr Zelensky", EntityLabel.PERSON, "Volodymyr Zelensky", quotes=1)]
    return doc


def hostile() -> Document:
    """Every field a page shows carries a payload that would run if it were not escaped."""
    doc = article(
        "hostile000000004",
        "javascript:window.__pwned=3",
        "2025-02-10",
        "fr",
        f"Piège {PWN_SCRIPT} dans le titre",
        f"Un chapeau {PWN_IMG} piégé.",
        [f"« Citation piégée {PWN_SCRIPT} et {PWN_IMG} », a déclaré Jean <b>Pirate</b>."],
    )
    doc.quotes = [
        quote(
            doc,
            f"Citation piégée {PWN_SCRIPT} et {PWN_IMG}",
            "Jean <b>Pirate</b>",
            f"Jean {PWN_SCRIPT}Pirate",
            QuoteType.DIRECT,
            "a déclaré",
        )
    ]
    doc.entities = [entity(doc, f"Jean {PWN_IMG}", EntityLabel.PERSON, "Jean <b>Pirate</b>", quotes=1)]
    return doc


def corpus() -> list[Document]:
    return [koursk(), sanctions(), sanctions_copy(), english(), hostile()]
