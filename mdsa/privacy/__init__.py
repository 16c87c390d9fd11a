"""Privacy: de-identification of free text (``scrub``) and the word lists behind it."""

from mdsa.privacy.scrub import Replacement, Scrubber, ScrubResult

__all__ = ["Replacement", "ScrubResult", "Scrubber"]
