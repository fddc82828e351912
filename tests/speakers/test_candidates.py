"""Who the speaker is, on parsed sentences written for these tests (never DEV strings): the ranker's
candidates and features, joint sources, offices and names inside a description, --explain."""

from __future__ import annotations

import numpy as np
import pytest

from guillemets.convert import explained_quotes
from guillemets.nlp import spans as keys
from guillemets.rules import load_profile
from guillemets.speakers.candidates import FEATURES, Attribution, candidates

pytestmark = pytest.mark.model


def speakers(nlp, text: str) -> list[tuple[str, str | None, str | None, str]]:  # type: ignore[no-untyped-def]
    """(content, speaker text, speaker name, why) per quote of ``text``."""
    return [
        (q.text, q.speaker.text if q.speaker else None, q.speaker.name if q.speaker else None, why)
        for q, why in explained_quotes(nlp(text))
    ]


def rules_only(nlp, text: str):  # type: ignore[no-untyped-def]
    """The Doc after the quote component with the ranker off, and the ranker's input read from it."""
    from guillemets.quotes.component import QuoteFinder
    from guillemets.quotes.marks import pair_marks

    finder = nlp.get_pipe("guillemets_quotes")
    doc = QuoteFinder(finder.rules, finder.resolver, ranker=None)(nlp(text, disable=["guillemets_quotes"]))
    marks = [(p.inner_start, p.inner_end) for p in pair_marks(doc.text)]
    found = Attribution(
        list(doc.spans[keys.QUOTES]), list(doc.spans[keys.SPEAKERS]), list(doc.spans[keys.ENTITIES]), marks
    )
    return doc, found


def test_a_pair_named_together_speaks_as_one_for_ils(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Un tiers des grenouilles des étangs a disparu en dix ans, ont calculé Anne Morel et Paul Girard, "
        "de l'université de Brest. « Le déclin s'accélère depuis cinq ans », notent-ils."
    )
    [_, (content, speaker, name, _)] = speakers(nlp_md, text)
    assert content.startswith("Le déclin") and speaker == "ils" and name == "Anne Morel et Paul Girard"


def test_a_pair_named_together_is_les_auteurs(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Un tiers des grenouilles des étangs a disparu en dix ans, ont calculé Anne Morel et Paul Girard, "
        "de l'université de Brest. Les auteurs de l'étude ont estimé que le déclin s'accélérait."
    )
    hit = [q for q in speakers(nlp_md, text) if "déclin" in q[0]]
    assert hit and hit[0][2] == "Anne Morel et Paul Girard"


def test_one_person_is_not_a_pair(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = "Anne Morel a présenté l'étude mardi. « Le déclin s'accélère depuis cinq ans », note-t-elle."
    [(_, _, name, _)] = speakers(nlp_md, text)
    assert name == "Anne Morel"


def test_the_father_of_x_is_not_x(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Karim Benali a été arrêté mardi à Lorient. "
        "Le père de Karim Benali a déclaré que son fils était innocent."
    )
    [(_, speaker, name, _)] = speakers(nlp_md, text)
    assert speaker == "Le père de Karim Benali" and name is None


def test_an_office_tagged_as_an_entity_is_no_candidate(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = "Le ministre de l'Agriculture a indiqué que les aides seraient versées en mai."
    doc, found = rules_only(nlp_md, text)
    names = [c.name for c in candidates(doc, 0, found, load_profile("fr"))]
    assert not any(n.lower().startswith("ministre") for n in names)


def test_features_say_who_is_the_cue_subject_and_who_is_inside_the_marks(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Lucie Marchand a reçu Hugo Perrin à la mairie. "
        "Hugo Perrin a affirmé que « Lucie Marchand n'a rien promis » aux pêcheurs."
    )
    doc, found = rules_only(nlp_md, text)
    i = next(k for k, q in enumerate(found.quotes) if "promis" in q.text)
    feats = {
        c.name: dict(zip(FEATURES, c.features, strict=True))
        for c in candidates(doc, i, found, load_profile("fr"))
    }
    assert feats["Hugo Perrin"]["rule"] == 1.0 and feats["Hugo Perrin"]["cue_subject"] == 1.0
    assert feats["Hugo Perrin"]["same_sentence"] == 1.0
    assert (
        feats["Lucie Marchand"]["cue_subject"] == 0.0 and feats["Lucie Marchand"]["previous_sentence"] == 1.0
    )


def test_explain_says_when_the_ranker_overrules_a_named_mention(nlp_md) -> None:  # type: ignore[no-untyped-def]
    from guillemets.quotes.component import QuoteFinder
    from guillemets.speakers.ranker import Ranker

    text = "Lucie Marchand a ouvert la séance. « Le port rouvrira lundi », a déclaré Hugo Perrin."
    finder = nlp_md.get_pipe("guillemets_quotes")
    weights = np.zeros(len(FEATURES))
    weights[FEATURES.index("previous_sentence")] = 3.0  # not what the rules do: the name before the quote
    custom = QuoteFinder(finder.rules, finder.resolver, ranker=Ranker(weights, "test", name_margin=1.0))
    doc = custom(nlp_md(text, disable=["guillemets_quotes"]))
    [(q, why)] = explained_quotes(doc)
    assert q.speaker is not None and q.speaker.name == "Lucie Marchand" and q.speaker.text == "Lucie Marchand"
    assert "ranker overrules" in why and "Hugo Perrin" in why
    strict = QuoteFinder(finder.rules, finder.resolver, ranker=Ranker(weights, "test", name_margin=5.0))
    [(q, why)] = explained_quotes(strict(nlp_md(text, disable=["guillemets_quotes"])))
    assert q.speaker is not None and q.speaker.name == "Hugo Perrin" and "ranker" not in why
