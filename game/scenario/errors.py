"""Positioned problems in scenario files, and the exception that carries them.

Every problem an author can cause is reported as ``FILE:LINE:COL: where: what`` — one line,
plain words, no traceback. Lines and columns are 1-based, as editors count them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth a look) in a file, with where it is."""

    file: str
    line: int
    col: int
    where: str
    message: str
    severity: str = "error"  # "error" | "warning" | "info"

    def __str__(self) -> str:
        return self.text(tag_errors=False)

    def text(self, tag_errors: bool = True) -> str:
        """The one-line form; ``tag_errors`` says "error:" too, where a list mixes severities
        (lint). Validation lists only errors and leaves the word out."""
        sev = "" if self.severity == "error" and not tag_errors else f"{self.severity}: "
        where = f" {self.where}:" if self.where else ""
        return f"{self.file}:{self.line}:{self.col}:{where} {sev}{self.message}"


class ScenarioError(Exception):
    """A file could not be loaded. ``problems`` lists every reason found, in file order."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line, p.col, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to ``word``, if one is close enough to be what was meant."""
    import difflib

    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a candidate is close to ``word``, else ``""``."""
    close = closest(word, candidates)
    return f" (did you mean '{close}'?)" if close else ""


def one_of(candidates: Iterable[str], limit: int = 12) -> str:
    """``'a', 'b' or 'c'`` for a short list; the first ``limit`` and a count for a long one."""
    names = [f"'{c}'" for c in candidates]
    if not names:
        return "nothing (none are defined)"
    if len(names) > limit:
        return ", ".join(names[:limit]) + f" … ({len(names) - limit} more)"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " or " + names[-1]
