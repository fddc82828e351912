"""Glued full stops (``guillemets.quotes.cues.unglued``): scraped paragraphs run into each other."""

from guillemets.quotes.cues import unglued


def test_a_content_after_its_cue_ends_at_a_glued_full_stop() -> None:
    text = "Il a dit que le budget doublerait en 2030.La ministre a refusé."
    start = text.index("le budget")
    s, e = unglued(text, start, len(text) - 1, after_cue=True)
    assert text[s:e] == "le budget doublerait en 2030"


def test_a_content_before_an_incise_starts_after_a_glued_full_stop() -> None:
    text = "Le club a perdu (FCB).Le stade sera fermé, a indiqué le maire."
    end = text.index(", a indiqué")
    s, e = unglued(text, 0, end, after_cue=False)
    assert text[s:e] == "Le stade sera fermé"


def test_initials_and_spaced_stops_are_no_glue() -> None:
    text = "selon M.Dupont et J.-P. Martin. Le vote aura lieu."
    assert unglued(text, 0, len(text), after_cue=True) == (0, len(text))
