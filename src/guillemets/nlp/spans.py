"""Names of the SpanGroups the quote component writes on a spaCy Doc (the only contract with convert)."""

QUOTES = "quote"  # content spans, label = direct | indirect | mixed
CUES = "quote_cue"  # parallel to QUOTES; an empty span labelled NONE when there is no cue
SPEAKERS = "quote_speaker"  # parallel to QUOTES; kb_id_ = canonical name ("" when unknown)
ENTITIES = "entity"  # PER/ORG/LOC mentions; kb_id_ = canonical name
NONE = "none"
EXPLAIN = "guillemets_explain"  # doc.user_data key: one reason string per quote
