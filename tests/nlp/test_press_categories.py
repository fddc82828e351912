"""Issue 9 categories, one test each, on sentences written for these tests (never DEV strings)."""

from __future__ import annotations

import pytest

from guillemets.convert import explained_quotes

pytestmark = pytest.mark.model


def quotes(nlp, text: str) -> list[tuple[str, str | None, str | None, str]]:  # type: ignore[no-untyped-def]
    """(content, speaker text, speaker name, why) for each quote the pipeline finds in ``text``."""
    out = []
    for q, why in explained_quotes(nlp(text)):
        out.append(
            (q.text, q.speaker.text if q.speaker else None, q.speaker.name if q.speaker else None, why)
        )
    return out


def find(found, fragment: str):  # type: ignore[no-untyped-def]
    hits = [q for q in found if fragment in q[0]]
    assert hits, f"no quote holds {fragment!r}: {found}"
    return hits[0]


# ---------------------------------------------------------------- 5. cues: « selon X » in every position


def test_selon_inside_the_sentence_reports_the_whole_sentence(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = "Le marché couvert de Saint-Brévin, selon la mairie, rouvrira ses portes au printemps prochain."
    content, speaker, _, why = find(quotes(nlp_md, text), "rouvrira")
    assert content.startswith("Le marché couvert") and content.endswith("printemps prochain")
    assert speaker == "la mairie" and "selon" in why


def test_selon_without_comma_at_the_end(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = "Les pompiers sont intervenus à quatorze reprises dans la vallée selon la préfecture du Jura."
    content, speaker, _, _ = find(quotes(nlp_md, text), "pompiers")
    assert content == "Les pompiers sont intervenus à quatorze reprises dans la vallée"
    assert speaker is not None and "préfecture" in speaker


def test_selon_lequel_takes_the_antecedent(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Le texte a été salué par Hugo Marchetti, selon lequel la réforme va alléger "
        "le travail des greffiers."
    )
    content, _, name, why = find(quotes(nlp_md, text), "greffiers")
    assert content == "la réforme va alléger le travail des greffiers"
    assert name == "Hugo Marchetti" and "selon lequel" in why


def test_selon_in_a_list_of_counts_reports_each_count(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = (
        "À Rennes, 4500 marcheurs, selon la gendarmerie, 9000, selon les associations, "
        "ont traversé le centre-ville dimanche."
    )
    found = quotes(nlp_md, text)
    low = [q for q in found if q[0].startswith("4500")]
    high = [q for q in found if q[0] == "9000"]
    assert low and low[0][0] == "4500 marcheurs" and low[0][1] == "la gendarmerie"
    assert high and high[0][1] == "les associations" and "list of counts" in high[0][3]
    assert not any(q[0].startswith("À Rennes") for q in found)  # no whole-sentence report beside them


def test_a_single_count_with_selon_stays_a_sentence_report(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = "Le festival a attiré 12 000 visiteurs, selon les organisateurs."
    content, speaker, _, why = find(quotes(nlp_md, text), "festival")
    assert content == "Le festival a attiré 12 000 visiteurs"
    assert speaker == "les organisateurs" and "list of counts" not in why


def test_selon_les_cas_is_no_source(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = "Les trains partiront à l'heure ou avec dix minutes de retard, selon les cas."
    assert quotes(nlp_md, text) == []


def test_de_l_avis_de_needs_a_comma_after_a_verb(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = "Le service pourra se passer de l'avis de la commission pendant trois jours."
    assert quotes(nlp_md, text) == []


# ---------------------------------------------------------------- 1. descriptions reach the named person


def test_office_title_reaches_the_named_holder(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Le ministre de l'Agriculture Paul Verdier a reçu les éleveurs lundi. "
        "« Nous ne céderons pas », a déclaré le ministre de l'Agriculture."
    )
    _, speaker, name, _ = find(quotes(nlp_md, text), "céderons")
    assert "ministre" in speaker and name == "Paul Verdier"


def test_office_title_without_holder_has_no_name(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = "Le ministre de l'Agriculture a indiqué que les aides seraient versées en mai."
    _, speaker, name, _ = find(quotes(nlp_md, text), "aides")
    assert "ministre" in speaker and name is None  # a bare office is never a canonical name


# ---------------------------------------------------------------- 2. pronouns: gender by agreement


def test_il_skips_the_nearer_woman_gendered_by_agreement(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Marc Lefort a pris des notes pendant la séance. Claire Dumas s'est dite inquiète devant le conseil. "
        "« Le budget est bouclé », a-t-il assuré."
    )
    _, speaker, name, _ = find(quotes(nlp_md, text), "budget")
    assert speaker == "il" and name == "Marc Lefort"


def test_elle_skips_a_titled_man(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Claire Dumas a présenté le projet. M. Lefort a pris des notes. "
        "« Je ne lâcherai rien », a-t-elle lancé."
    )
    _, speaker, name, _ = find(quotes(nlp_md, text), "lâcherai")
    assert speaker == "elle" and name == "Claire Dumas"


def test_unresolved_pronoun_is_never_a_name(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = "« Le pont restera fermé tout l'hiver », a-t-il prévenu."
    _, speaker, name, _ = find(quotes(nlp_md, text), "pont")
    assert speaker == "il" and name is None


# ---------------------------------------------------------------- 5. cue frames, named in --explain


def test_1990_spelling_is_the_same_cue(nlp_md) -> None:  # type: ignore[no-untyped-def]
    for verb in ("reconnait", "reconnaît"):
        text = f"La directrice de l'école {verb} que la cantine a manqué de personnel."
        content, speaker, _, _ = find(quotes(nlp_md, text), "cantine")
        assert content == "la cantine a manqué de personnel" and "directrice" in speaker


def test_participle_and_gerund_frames_are_named(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = "Le collectif a quitté la séance, estimant que le vote était truqué."
    assert "participle frame « estimant »" in find(quotes(nlp_md, text), "truqué")[3]
    text = "Le collectif a quitté la séance en affirmant que le vote était truqué."
    assert "gerund frame « en affirmant »" in find(quotes(nlp_md, text), "truqué")[3]


def test_relative_frame_content_stops_with_the_relative_clause(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = "Julie Morin, qui affirme que la réforme va trop loin, a quitté la salle."
    content, _, name, why = find(quotes(nlp_md, text), "réforme")
    assert content == "la réforme va trop loin" and name == "Julie Morin" and "relative frame" in why


def test_impersonal_incise_takes_the_named_source(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = "L'usine de Cornimont fermera en juin, a-t-on indiqué à la préfecture des Vosges."
    _, speaker, _, why = find(quotes(nlp_md, text), "Cornimont")
    assert "préfecture" in speaker and "impersonal incise" in why


def test_anonymous_on_is_hearsay(nlp_md) -> None:  # type: ignore[no-untyped-def]
    assert quotes(nlp_md, "Le pont de la Corne sera fermé tout l'été, dit-on.") == []


# ---------------------------------------------------------------- 4. dialogue: the learned ranker


def test_ranker_can_overrule_the_rules_and_says_so(nlp_md) -> None:  # type: ignore[no-untyped-def]
    import numpy as np

    from guillemets.nlp import spans as keys
    from guillemets.quotes.component import QuoteFinder
    from guillemets.speakers.ranker import FEATURES, Ranker

    text = (
        "Marc Lefort a ouvert la séance du conseil municipal. Nadia Belkacem a répondu aux questions. "
        "« Le budget est bouclé », a-t-il assuré."
    )
    finder = nlp_md.get_pipe("guillemets_quotes")
    weights = np.zeros(len(FEATURES))
    weights[FEATURES.index("recency_rank")] = 1.0  # prefer the least recent name: not what the rules do
    rules_only = QuoteFinder(finder.rules, finder.resolver, ranker=None)
    plain = rules_only(nlp_md(text, disable=["guillemets_quotes"]))
    before = plain.spans[keys.SPEAKERS][0].kb_id_
    custom = QuoteFinder(finder.rules, finder.resolver, ranker=Ranker(weights, "test"))
    doc = custom(nlp_md(text, disable=["guillemets_quotes"]))
    [speaker] = list(doc.spans[keys.SPEAKERS])
    assert before == "Nadia Belkacem"  # the rules take the nearest name
    assert speaker.text.lstrip("-") == "il" and speaker.kb_id_ == "Marc Lefort"
    assert "ranker" in doc.user_data[keys.EXPLAIN][0]


# ---------------------------------------------------------------- 3. entities: places are never people


def test_a_place_that_speaks_is_an_organisation_and_place_mentions_merge(nlp_md) -> None:  # type: ignore[no-untyped-def]
    from guillemets.convert import entities_from_doc, quotes_from_doc

    text = (
        "« Ces accusations sont absurdes », a déclaré le Kremlin mardi. "
        "À Villeneuve-sur-Lot, la mairie a fermé le pont. Villeneuve a connu trois crues cet hiver."
    )
    doc = nlp_md(text)
    entities = {e.name: e for e in entities_from_doc(doc, quotes_from_doc(doc))}
    assert str(entities["Kremlin"].label) != "PER" and entities["Kremlin"].quotes == 1
    assert "Villeneuve" not in entities  # one place, one entity, under its fullest name
    assert len(entities["Villeneuve-sur-Lot"].mentions) == 2


# ---------------------------------------------------------------- 6. direct quotes with no cue


def test_quoted_sentence_after_a_sentence_about_its_speaker(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = (
        "La présidente du club, Anne Roux, a pris la parole devant les adhérents. "
        "« Nous allons reconstruire la tribune avant l'été. »"
    )
    content, _, name, why = find(quotes(nlp_md, text), "tribune")
    assert content == "Nous allons reconstruire la tribune avant l'été." and name == "Anne Roux"
    assert "no cue" in why


def test_quoted_title_after_an_impersonal_sentence_stays_out(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = "Il pleuvait sur la ville depuis trois jours. « Les Rivières pourpres. »"
    assert quotes(nlp_md, text) == []


# ---------------------------------------------------------------- 3. organisations: acronyms by initials


def test_acronym_takes_the_full_name_spelled_by_its_initials(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Le Syndicat national des enseignants a appelé à la grève jeudi. "
        "Le SNE a affirmé que la réforme était injuste."
    )
    _, speaker, name, _ = find(quotes(nlp_md, text), "réforme")
    assert speaker == "SNE" and name == "Syndicat national des enseignants"


def test_predicative_frame_reports_object_and_judgement(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = "Les infirmiers ont jugé les primes de la direction insuffisantes."
    content, speaker, _, why = find(quotes(nlp_md, text), "primes")
    assert content == "les primes de la direction insuffisantes" and speaker == "Les infirmiers"
    assert "predicative adjective" in why
    assert quotes(nlp_md, "Le tribunal a considéré le dossier des riverains.") == []


def test_infinitive_content_keeps_negation_and_clitics(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = "Le porte-parole du collectif, Bruno Lenoir, a appelé à ne pas se rendre à Lille samedi."
    content, _, name, _ = find(quotes(nlp_md, text), "Lille")
    assert content == "ne pas se rendre à Lille samedi" and name == "Bruno Lenoir"


def test_a_label_in_marks_is_not_a_quote(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = "Des « bonnets verts » ont occupé la place du marché, a indiqué la gendarmerie de Dole."
    found = quotes(nlp_md, text)
    assert [q[0] for q in found] == ["Des « bonnets verts » ont occupé la place du marché"]
    assert found[0][3].startswith("indirect")


def test_fragment_opening_a_longer_object_makes_one_mixed_report(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = "Le suspect a reconnu « une vingtaine » de vols dans le quartier."
    found = quotes(nlp_md, text)
    assert [q[0] for q in found] == ["« une vingtaine » de vols dans le quartier"]
    assert found[0][3].startswith("mixed")


# ---------------------------------------------------------------- 2. names glued by the NER


def test_name_ending_in_an_initial_is_not_glued_to_the_next_subject(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Emily Dumont a porté plainte en mai. "
        "« Je ne savais pas », a dit Paul R. Emily Dumont sera entendue lundi."
    )
    _, _, name, _ = find(quotes(nlp_md, text), "savais")
    assert name == "Paul R."


# ---------------------------------------------------------------- 6. reports continued without a cue


def test_reportative_conditional_continues_the_report(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Selon la gendarmerie, un randonneur a été secouru jeudi sur le glacier. "
        "Il aurait glissé dans une crevasse en fin de matinée."
    )
    found = quotes(nlp_md, text)
    content, speaker, _, why = find(found, "crevasse")
    assert content == "Il aurait glissé dans une crevasse en fin de matinée"
    assert speaker == "la gendarmerie" and "reportative conditional" in why


def test_plain_conditional_and_new_paragraph_do_not_continue(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Selon la gendarmerie, un randonneur a été secouru jeudi sur le glacier. "
        "La météo pourrait se dégrader dimanche.\n\n"
        "Selon la mairie, le refuge a fermé ses portes lundi.\n\n"
        "Il aurait été rénové l'an dernier."
    )
    found = quotes(nlp_md, text)
    # no rule continues a plain conditional; the weak frame proposes it and the learned scorer decides
    # (since the fifth round's retrained weights it keeps « La météo … », p = 0.37 at threshold 0.35)
    assert not any("météo" in q[0] and "weak" not in q[3] for q in found)
    assert not any("rénové" in q[0] for q in found)  # past a paragraph break


# ---------------------------------------------------------------- 4. dialogue: an incise inside the marks


def test_inverted_name_in_an_incise_inside_the_marks(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = (
        "« Le chantier prendra du retard », a reconnu Paul Servant. "
        "« Nous n'avons rien oublié, a répliqué la directrice Claire Daubigny. "
        "Les délais seront tenus. »"
    )
    found = quotes(nlp_md, text)
    _, speaker, name, why = find(found, "rien oublié")
    assert name == "Claire Daubigny" and "incise inside" in why
    assert speaker is not None and "Daubigny" in speaker


# ------------------------------------------------ 5. cues: a verb outside the lexicon in an incise


def test_incise_shape_makes_a_cue_of_an_unlisted_verb(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Le conseil a voté le budget mardi soir. « Chaque euro sera dépensé avec soin », "
        "a relayé devant les élus Jeanne Lavergne."
    )
    content, speaker, name, why = find(quotes(nlp_md, text), "Chaque euro")
    assert content == "Chaque euro sera dépensé avec soin" and name == "Jeanne Lavergne"
    assert speaker is not None and "Lavergne" in speaker and "outside the lexicon" in why


def test_incise_shape_needs_a_named_person(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = "« Chaque euro sera dépensé avec soin », a relayé devant les élus un conseiller municipal."
    assert not any("outside the lexicon" in q[3] for q in quotes(nlp_md, text))


def test_incise_subject_after_a_prepositional_phrase(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = "« Nous tiendrons les délais », a expliqué devant les riverains Marc Fontenelle."
    _, speaker, name, _ = find(quotes(nlp_md, text), "délais")
    assert name == "Marc Fontenelle" and speaker is not None and "Fontenelle" in speaker


# ---------------------------------------------------------------- 6. an inverted subject is no quoted object


def test_inverted_subject_holding_marks_is_not_a_mixed_object(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Les files d'attente s'allongent devant la mairie depuis lundi, "
        "constate ce « bénévole » de la Croix-Rouge interrogé sur place."
    )
    found = quotes(nlp_md, text)
    assert not any(q[0].startswith("ce « bénévole »") for q in found), found


def test_participle_frame_still_takes_its_object(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Le syndicat a quitté la table des négociations, dénonçant les « provocations répétées » "
        "de la direction."
    )
    content, _, _, why = find(quotes(nlp_md, text), "provocations")
    assert content.startswith("les « provocations répétées »") and "participle frame" in why


# ---------------------------------------------------------------- 6. a fragment inside a prepositional object


def test_fragment_inside_an_object_after_contre_is_one_mixed_quote(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = "La préfète Anne Roubaix a mis en garde contre toute « précipitation » dans ce dossier."
    content, _, name, why = find(quotes(nlp_md, text), "précipitation")
    assert content == "toute « précipitation » dans ce dossier"
    assert name == "Anne Roubaix" and why.startswith("mixed")


def test_adjectival_participle_takes_no_object(nlp_md) -> None:  # type: ignore[no-untyped-def]
    text = "Les mesures les plus contestées de la « réforme Vallat » ont été retirées jeudi par le conseil."
    assert not any(q[0].startswith("la « réforme") for q in quotes(nlp_md, text))
