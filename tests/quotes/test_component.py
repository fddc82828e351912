import spacy

from guillemets.nlp import spans as keys
from guillemets.quotes import component  # noqa: F401  (registers the factory)


def test_factory_adds_the_component_with_its_default_config() -> None:
    nlp = spacy.blank("fr")
    pipe = nlp.add_pipe("guillemets_quotes")
    assert nlp.get_pipe_meta("guillemets_quotes").default_config["spans_key"] == keys.QUOTES
    assert pipe.spans_key == keys.QUOTES


def test_component_on_an_unparsed_doc_writes_parallel_span_groups() -> None:
    nlp = spacy.blank("fr")
    nlp.add_pipe("guillemets_quotes")
    doc = nlp("« Nous ne lâcherons rien, jamais », a dit Paul. Le port reste fermé.")
    groups = [doc.spans[k] for k in (keys.QUOTES, keys.CUES, keys.SPEAKERS)]
    assert len({len(g) for g in groups}) == 1
    assert all(span.label_ in ("direct", "indirect", "mixed") for span in doc.spans[keys.QUOTES])
