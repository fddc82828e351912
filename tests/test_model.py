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


def test_documents_survive_pickling_unchanged() -> None:
    import pickle

    from guillemets.model import ChromeKind, ChromeLine, Document, RecordError, Source, Story

    doc = Document(
        id="x", source=Source("a.warc.gz", "3"), url="https://e.fr/a", lang="fr", section=["Monde"]
    )
    doc.set_article("Titre", "Chapô.", ["Un paragraphe."])
    doc.chrome = [ChromeLine(0, ChromeKind.NAVIGATION, "Menu"), ChromeLine(9, ChromeKind.LEGAL, "© 2025")]
    doc.related = [Story("Autre titre", "")]
    doc.errors = [RecordError("clean", "no-article", "none")]
    again = pickle.loads(pickle.dumps(doc))
    assert again == doc
    assert again.to_json() == doc.to_json()
    assert again.chrome[1].kind is ChromeKind.LEGAL


def test_record_json_is_compact_utf8_in_key_order_and_takes_numpy_numbers() -> None:
    import numpy as np
    import pytest

    from guillemets.model import record_bytes, record_json

    record = {"z": "« été » \u2028", "a": [np.float64(0.5), np.int64(3)], "m": None}
    assert record_json(record) == '{"z":"« été » \u2028","a":[0.5,3],"m":null}'
    assert record_bytes(record) == record_json(record).encode("utf-8")
    assert record_json({"t": "a\ud800b\udfff"}) == '{"t":"a\ufffdb\ufffd"}'  # one U+FFFD per surrogate

    class Score(float):
        pass

    assert record_json({"s": Score(0.25)}) == '{"s":0.25}'  # json took float subclasses: still taken
    with pytest.raises(TypeError):
        record_json({"x": object()})
