"""Words a language's rules ask about: function words (``words.tsv``) and mention nouns (``mentions.tsv``)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from guillemets.rules.tsv import ProfileError, header_version, rows

MASC, FEM = "m", "f"


@dataclass(frozen=True, slots=True)
class FunctionWords:
    """Lower-cased function words by class; ``words.tsv`` documents each class in its header."""

    version: str = "0"
    pronoun: frozenset[str] = frozenset()
    impersonal: frozenset[str] = frozenset()
    possessive: frozenset[str] = frozenset()
    subject_clitic: frozenset[str] = frozenset()
    inverted_clitic: frozenset[str] = frozenset()
    euphonic: frozenset[str] = frozenset()
    expletive_subject: frozenset[str] = frozenset()
    expletive_verb: frozenset[str] = frozenset()
    relative_subject: frozenset[str] = frozenset()
    relative: frozenset[str] = frozenset()
    relative_after_prep: frozenset[str] = frozenset()
    clause_opener: frozenset[str] = frozenset()
    complementiser: frozenset[str] = frozenset()
    reflexive: frozenset[str] = frozenset()
    reflexive_third: frozenset[str] = frozenset()
    of: frozenset[str] = frozenset()
    definite: frozenset[str] = frozenset()
    indefinite: frozenset[str] = frozenset()
    label_determiner: frozenset[str] = frozenset()
    initials_skip: frozenset[str] = frozenset()
    infinitive_mark: frozenset[str] = frozenset()
    infinitive_left: frozenset[str] = frozenset()
    object_preposition: frozenset[str] = frozenset()
    source_case: frozenset[str] = frozenset()
    source_head: frozenset[str] = frozenset()
    auxiliary: frozenset[str] = frozenset()
    have: frozenset[str] = frozenset()
    copula: frozenset[str] = frozenset()
    speaking_person: frozenset[str] = frozenset()
    writer_plural: frozenset[str] = frozenset()
    preverbal_clitic: frozenset[str] = frozenset()
    report_conjunction: frozenset[str] = frozenset()
    gerund_mark: frozenset[str] = frozenset()
    noun_link: frozenset[str] = frozenset()
    title_link: frozenset[str] = frozenset()
    emphatic: frozenset[str] = frozenset()
    count_opener: frozenset[str] = frozenset()
    and_: frozenset[str] = frozenset()
    que_object: frozenset[str] = frozenset()
    que_object_after: frozenset[str] = frozenset()
    prep_trigger: frozenset[str] = frozenset()
    prep_guard: frozenset[str] = frozenset()
    prep_guard_next: frozenset[str] = frozenset()
    strict_prep: frozenset[str] = frozenset()
    light: frozenset[str] = frozenset()
    as_said: frozenset[str] = frozenset()
    as_said_clitic: frozenset[str] = frozenset()
    relative_opener: frozenset[str] = frozenset()
    genders: dict[str, str] = field(default_factory=dict)  # pronoun or clitic → m | f
    plurals: frozenset[str] = frozenset()  # pronouns, clitics and possessives that are plural

    @classmethod
    def from_tsv(cls, text: str, name: str = "words.tsv") -> FunctionWords:
        lines = text.splitlines()
        known = {f.name.rstrip("_") for f in fields(cls)} - {"version", "genders", "plurals"}
        classes: dict[str, set[str]] = {k: set() for k in known}
        genders: dict[str, str] = {}
        plurals: set[str] = set()
        for number, (word, kind, gender, plural) in rows(text, name, 4, "word"):
            if kind not in known:
                raise ProfileError(f"{name}:{number}: unknown word class {kind!r}")
            if gender not in ("", MASC, FEM) or plural not in ("", "sing", "plur"):
                raise ProfileError(
                    f"{name}:{number}: gender must be m, f or empty and number sing, plur or empty"
                )
            classes[kind].add(word)
            if gender:
                genders.setdefault(word, gender)
            if plural == "plur":
                plurals.add(word)
        sets = {("and_" if k == "and" else k): frozenset(v) for k, v in classes.items()}
        version = header_version(lines[0]) if lines else "0"
        return cls(version=version, genders=genders, plurals=frozenset(plurals), **sets)


@dataclass(frozen=True, slots=True)
class MentionWords:
    """Honorific titles (with gender), person role nouns, group nouns and document nouns."""

    version: str
    titles: dict[str, str]
    person: frozenset[str]
    group: frozenset[str]
    document: frozenset[str]
    nonsource: frozenset[str] = frozenset()  # nouns « selon » takes that name no source (selon les cas)
    abbreviations: frozenset[str] = frozenset()  # titles written short (« M. », « Mme », « Dr »)
    place: frozenset[str] = frozenset()  # nouns naming a place by a proper name after them (« rond-point X »)
    named_group: frozenset[str] = frozenset()  # « le parti »: the organisation named before

    @classmethod
    def from_tsv(cls, text: str, name: str = "mentions.tsv") -> MentionWords:
        lines = text.splitlines()
        kinds: dict[str, dict[str, str]] = {
            "title": {},
            "person": {},
            "group": {},
            "document": {},
            "nonsource": {},
            "place": {},
            "named_group": {},
        }
        short: set[str] = set()
        for number, (word, kind, gender, form) in rows(text, name, 4, "word"):
            if kind not in kinds:
                raise ProfileError(f"{name}:{number}: unknown mention kind {kind!r}")
            kinds[kind][word] = gender
            if form == "abbr":
                short.add(word)
        return cls(
            header_version(lines[0]) if lines else "0",
            kinds["title"],
            frozenset(kinds["person"]),
            frozenset(kinds["group"]) | frozenset(kinds["named_group"]),
            frozenset(kinds["document"]),
            frozenset(kinds["nonsource"]),
            frozenset(short),
            frozenset(kinds["place"]),
            frozenset(kinds["named_group"]),
        )

    def role(self, lemma: str) -> bool:
        """A role, group or document noun: the head of a description that may speak."""
        return lemma in self.person or lemma in self.group or lemma in self.document
