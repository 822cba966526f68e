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

from app.figures import topic_regression as _topic_regression  # noqa: E402, F401  (chapter 4)
