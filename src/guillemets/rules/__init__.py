"""Language profiles: shared rule types and the loader of each language's rules (``data/<lang>/``).

The neutral layer under ``quotes`` and ``speakers``: both import it, it imports neither.
"""

from guillemets.rules.lexicon import Cue, Frame, Lexicon
from guillemets.rules.morphology import Morphology
from guillemets.rules.profile import (
    Profile,
    RankerWeights,
    ScorerWeights,
    available_languages,
    load_profile,
)
from guillemets.rules.tsv import ProfileError
from guillemets.rules.words import FunctionWords, MentionWords

__all__ = [
    "Cue",
    "Frame",
    "FunctionWords",
    "Lexicon",
    "MentionWords",
    "Morphology",
    "Profile",
    "ProfileError",
    "RankerWeights",
    "ScorerWeights",
    "available_languages",
    "load_profile",
]
