"""The report's numbered figures and tables, each defined once (app/figures/spec.py).

FIGURES maps each figure's id ("fig2-1", "tab2-2", …) to its Figure, in the report's order.
The chapter modules add theirs with `register`; the viewer's pages and the report document look
them up here.
"""

from __future__ import annotations

from app.figures.spec import CHAPTERS, Figure, Reader, Rendered, caption, numbered, vega_spec

FIGURES: dict[str, Figure] = {}


def register(*figures: Figure) -> None:
    """Add figures to the registry; each figure and table is defined once."""
    for figure in figures:
        if figure.id in FIGURES:
            raise ValueError(f"{figure.id} is defined twice")
        FIGURES[figure.id] = figure


def in_chapter(chapter: str) -> list[Figure]:
    """The chapter's figures and tables, in the order they were registered (the report's)."""
    return [figure for figure in FIGURES.values() if figure.chapter == chapter]


__all__ = [
    "CHAPTERS",
    "FIGURES",
    "Figure",
    "Reader",
    "Rendered",
    "caption",
    "in_chapter",
    "numbered",
    "register",
    "vega_spec",
]

# The chapters' figures and tables register themselves on import, in the report's order (after
# `register` exists, so that they may import it); the order of these imports is that order.
# isort: off
from app.figures import chapter1, chapter2, chapter3  # noqa: E402, F401
from app.figures import topics, topic_regression  # noqa: E402, F401  (chapter 4)
from app.figures import robustness, audit, score_change  # noqa: E402, F401  (appendix A)
from app.figures import provenance  # noqa: E402, F401  (appendix B)

# isort: on
