"""Speakers: the mention nearest a cue, and the canonical name it resolves to within the article."""

from guillemets.speakers.resolver import Resolver, RuleResolver

__all__ = ["Resolver", "RuleResolver"]
