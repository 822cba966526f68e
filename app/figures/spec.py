"""What a numbered figure or table of the report is: one definition, used by the viewer and the
report document.

Every numbered figure and table of the report (tables 1-1, 2-1 …, figures 2-1 …, 4-7, the
appendices') is a `Figure`: its kind and number, its label key, its chapter and a `build`
function that reads the public tables through a `Reader` and returns what to show, already
localised. The viewer renders a `Rendered` with Streamlit (app/ui.py, `show_figure`); the
report document renders the same object into Word and PDF (the chart through vl-convert,
offline). Nothing here imports Streamlit.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import altair as alt
import pandas as pd

from app.labels import label

CHAPTERS = ("1", "2", "3", "4", "A", "B")  # A: robustness appendix, B: data provenance
# Altair's schema validation costs tens of milliseconds a chart: the tests switch it on.
VALIDATE = os.environ.get("BDI_VALIDATE_CHARTS", "") == "1"


class Reader(Protocol):
    """Read-only access to the warehouse's public tables."""

    def query(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame: ...


@dataclass
class Rendered:
    """A figure or table, built for one edition and language."""

    caption: str  # number, title and what is selected ("Figure 3-2. The 20 leading cities in …")
    data: pd.DataFrame  # exactly what is shown: a table's cells, a chart's data (downloads)
    spec: dict[str, Any] | None = None  # complete Vega-Lite spec (None for a table)
    image: bytes | None = None  # a PNG, for the few figures Vega-Lite cannot draw (word cloud)
    notes: list[str] = field(default_factory=list)  # sentences shown under it


@dataclass(frozen=True)
class Figure:
    """One numbered figure or table of the report."""

    kind: str  # "figure" or "table"
    number: str  # the report's numbering without its prefix: "2-1" (图2-1 / Figure 2-1)
    key: str  # label prefix in app/locales, e.g. "fig.2_1" ({key}.title is its title)
    chapter: str  # one of CHAPTERS
    build: Callable[[Reader, int, str], Rendered]  # (reader, edition, language)

    @property
    def id(self) -> str:
        """The registry key: "fig2-1", "tab2-2"."""
        return ("fig" if self.kind == "figure" else "tab") + self.number

    def __post_init__(self) -> None:
        if self.chapter not in CHAPTERS:
            raise ValueError(f"{self.number}: chapter {self.chapter!r} not in {CHAPTERS}")
        if self.kind not in ("figure", "table"):
            raise ValueError(f"{self.number}: kind {self.kind!r} is not figure or table")


def numbered(figure: Figure, language: str) -> str:
    """The figure's number in `language` (labels figure.prefix / table.prefix)."""
    return label(f"{figure.kind}.prefix", language, **{figure.kind: figure.number})


def caption(figure: Figure, language: str, **values: Any) -> str:
    """ "<number> <title>", the title formatted with `values` (edition, selection, …)."""
    return f"{numbered(figure, language)} {label(f'{figure.key}.title', language, **values)}"


def vega_spec(chart: Any, datasets: dict[str, Any] | None = None) -> dict[str, Any]:
    """The complete Vega-Lite spec of an Altair chart, with large datasets (GeoJSON) attached
    after Altair has built it, so that Streamlit and vl-convert render the same thing."""
    spec = chart.to_dict(validate=VALIDATE) if isinstance(chart, alt.TopLevelMixin) else dict(chart)
    if datasets:
        spec.setdefault("datasets", {}).update(datasets)
    return spec
