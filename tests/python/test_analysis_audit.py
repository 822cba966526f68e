"""bdi.analysis.audit on small frames (no build needed): the groups it audits, the ones it skips,
and the error when a child lacks a value. The statistics themselves are recomputed from a build's
public tables in test_analysis_tables.py."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bdi.analysis import audit


def children(
    values: dict[str, list[float]], parent: str = "D1", edition: int = 2025
) -> pd.DataFrame:
    """Long rows of one group: child code -> its values over regions r0, r1, …"""
    return pd.DataFrame(
        [
            {
                "edition": edition,
                "region_level": "province",
                "parent_code": parent,
                "child_code": child,
                "region_code": f"r{i}",
                "child_value": value,
            }
            for child, column in values.items()
            for i, value in enumerate(column)
        ]
    )


def test_each_group_is_audited_on_its_own_children() -> None:
    a, b, c = [0.0, 0.5, 1.0, 0.2], [0.1, 0.4, 0.9, 0.0], [1.0, 0.0, 0.3, 0.6]
    frame = pd.concat(
        [children({"x1": a, "x2": b}), children({"y1": a, "y2": b, "y3": c}, parent="D2")]
    )
    audited = audit.audit_groups(frame.sample(frac=1, random_state=3)).set_index("node_code")
    assert audited["child_count"].to_dict() == {"D1": 2, "D2": 3}
    expected = np.corrcoef(a, b)[0, 1]
    assert audited.loc["D1", "mean_child_corr"] == pytest.approx(expected, rel=1e-12)
    columns = np.column_stack([a, b, c])
    eigen = np.linalg.eigvalsh(np.corrcoef(columns, rowvar=False))[-1]
    assert audited.loc["D2", "pc1_share"] == pytest.approx(eigen / 3, rel=1e-12)


def test_constant_children_are_left_out_and_a_group_needs_two() -> None:
    frame = children({"x1": [0.0, 0.5, 1.0], "x2": [0.3, 0.3, 0.3]})
    assert audit.audit_groups(frame).empty


def test_a_missing_child_value_is_an_error() -> None:
    frame = children({"x1": [0.0, 0.5, 1.0], "x2": [0.3, 0.1, 0.9]})
    with pytest.raises(ValueError, match=r"D1 \(2025, province\): a child lacks a value"):
        audit.audit_groups(frame.iloc[:-1])
