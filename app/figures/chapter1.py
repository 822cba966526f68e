"""Chapter 1 of the report (方法): 表1-1, the indicator tree with this edition's weights."""

from __future__ import annotations

import pandas as pd

from app.figures import register
from app.figures.common import define, labeller, node_name_column, unit_text
from app.figures.data import indicator_tree, weights
from app.figures.spec import Figure, Reader, Rendered, caption


def table_1_1(figure: Figure, reader: Reader, edition: int, language: str) -> Rendered:
    """Every node of the tree, indented by level, with its weight within its parent and in the
    total index, for cities and for provinces (fct_weights), its direction and unit."""
    t = labeller(language)
    tree = indicator_tree(reader)
    names = tree[node_name_column(language)]
    frame = pd.DataFrame(
        {
            "node": [
                "\u2003" * 2 * int(level) + str(name)
                for level, name in zip(tree["node_level"], names, strict=True)
            ],
            "node_code": tree["node_code"],
        }
    )
    methods: list[str] = []
    for level in ("city", "province"):
        level_weights = weights(reader, edition, level).set_index("node_code")
        frame[f"{level}_weight"] = (
            tree["node_code"].map(level_weights["weight"]).astype(float).round(4)
        )
        frame[f"{level}_weight_in_total"] = (
            tree["node_code"].map(level_weights["weight_in_total"]).astype(float).round(4)
        )
        methods += level_weights["weighting_method"].dropna().unique().tolist()
    frame["direction"] = tree["direction"].map(lambda value: t(f"direction.{value}", default=""))
    frame["unit"] = tree["unit"].map(lambda value: unit_text(value, language))
    method_names = t("list.separator").join(
        t(f"method.{method}", default=method) for method in sorted(set(methods))
    )
    notes = [t("tab.1_1.note")]
    notes += [t(f"method.{method}.description", default="") for method in sorted(set(methods))]
    return Rendered(
        caption=caption(figure, language, edition=edition, method=method_names or "–"),
        data=frame,
        notes=[note for note in notes if note],
    )


register(define("table", "1-1", "1", table_1_1))
