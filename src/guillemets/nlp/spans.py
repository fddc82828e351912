"""Names the quote component writes on a spaCy Doc (the only contract with convert)."""

QUOTE_PIPE = "guillemets_quotes"  # the component's factory and pipe name
QUOTES = "quote"  # content spans, label = direct | indirect | mixed (the component's ``spans_key``)
CUES = "quote_cue"  # parallel to QUOTES; an empty span labelled NONE when there is no cue
SPEAKERS = "quote_speaker"  # parallel to QUOTES; kb_id_ = canonical name ("" when unknown)
ENTITIES = "entity"  # PER/ORG/LOC mentions; kb_id_ = canonical name
NONE = "none"
DROPPED = "guillemets_dropped"  # doc.user_data key: one --explain line per candidate the quote scorer dropped
EXPLAIN = (
    "guillemets_explain"  # doc.user_data key: one reason string per quote (written, never read by rules)
)


def cue_key(spans_key: str = QUOTES) -> str:
    """The cue group parallel to the quotes under ``spans_key`` (``quote_cue`` for the default key)."""
    return spans_key + "_cue"


def speaker_key(spans_key: str = QUOTES) -> str:
    """The speaker group parallel to the quotes under ``spans_key`` (``quote_speaker`` for the default)."""
    return spans_key + "_speaker"
