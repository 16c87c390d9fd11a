"""What the working sessions of phase 3 found: the themes, their quotes and the top 5s.

This is the one shape in which the team's findings travel from `mdsa themes` (which reads the
filled-in worksheets back) to `mdsa report`, `mdsa poster` and the later phases (the action plan
answers the themes). Everything here is anonymised: a quote is a text block of
``data/text_blocks.csv``, named by its block id, never a household.
"""

from __future__ import annotations

from dataclasses import dataclass

# The four conditions of social quality that order the themes (handbook, Fase 3 stap 2).
CONDITIONS: dict[str, str] = {
    "socioeconomic_security": "Sociaaleconomische zekerheid",
    "social_cohesion": "Sociale cohesie",
    "social_inclusion": "Sociale inclusie",
    "social_empowerment": "Sociale empowerment",
}


@dataclass(frozen=True)
class Quote:
    """A text block (or a part of it, shortened with ``[...]``) that the team marked."""

    block: str  # the block id as printed in the packet and worksheet
    text: str  # the words to show: the block itself or a shortening of it with [...]
    category: str  # text category, e.g. person_obstacles
    subarea: str


@dataclass(frozen=True)
class Theme:
    """One theme or signal the team saw in the text blocks of a working session."""

    name: str
    condition: str  # a key of CONDITIONS
    categories: tuple[str, ...]  # the text categories it was seen in
    blocks: int  # how many text blocks the team gave this theme
    households: int  # how many different households those blocks come from
    subareas: tuple[str, ...]  # where it was seen
    quotes: tuple[Quote, ...] = ()  # marked by the team; approval is a later, separate step


@dataclass(frozen=True)
class Findings:
    """All the themes of a project and the team's choice of the five most important of each kind."""

    themes: tuple[Theme, ...]
    top_promising: tuple[str, ...]  # theme names, at most five, most important first
    top_concerns: tuple[str, ...]  # theme names, at most five, most important first

    def theme(self, name: str) -> Theme | None:
        return next((t for t in self.themes if t.name == name), None)
