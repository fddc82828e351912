from guillemets.model import ChromeKind, ChromeLine, Document, Quote, QuoteType, Source, SpeakerMention


def test_document_roundtrip_keeps_every_field() -> None:
    doc = Document(id="x", source=Source("a.txt"), lang="fr", section=["Accueil"])
    doc.set_article("Titre", "Chapeau", ["Un.", "Deux."])
    doc.chrome.append(ChromeLine(3, ChromeKind.SOCIAL, "Partager"))
    doc.quotes.append(Quote(QuoteType.DIRECT, 0, 5, "Titre", SpeakerMention(7, 14, "Chapeau", "C")))
    again = Document.from_dict(doc.to_dict())
    assert again == doc
    assert doc.text == "Titre\n\nChapeau\n\nUn.\n\nDeux."


def test_document_text_skips_empty_parts() -> None:
    doc = Document(id="x", source=Source("a.txt"))
    doc.set_article("", "", ["Seul."])
    assert doc.text == "Seul."
