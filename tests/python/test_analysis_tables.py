"""The deterministic analysis tables of the sample warehouse (docs/analyses.md §1–4),
recomputed with numpy and scipy from the public tables (analysis_check.py). The same checks run
on every build of the edge-case set (test_edge_cases.py)."""

from __future__ import annotations

import analysis_check as ac
import index_reference as ir
import pytest


@pytest.fixture(scope="module")
def data() -> ir.ReferenceData:
    return ir.load_reference_data()


def test_method_scenarios_recomputed(warehouse, data) -> None:
    ac.check_method_scenarios(warehouse, data)


def test_score_changes_recomputed(warehouse, data) -> None:
    ac.check_score_changes(warehouse, data)


def test_audit_indicators_recomputed(warehouse, data) -> None:
    ac.check_audit_indicators(warehouse, data)


def test_audit_groups_recomputed(warehouse, data) -> None:
    ac.check_audit_groups(warehouse, data)


def test_inequality_recomputed(warehouse, data) -> None:
    ac.check_inequality(warehouse, data)


def test_score_changes_explain_the_total_change(warehouse) -> None:
    """The dimensions' contributions add up to each region's total score change in fct_index,
    the reading the robustness page offers ("why did it move")."""
    gaps = warehouse.execute(
        """
        select
            idx.edition,
            idx.region_code,
            any_value(idx.total_score - previous.total_score) - sum(changes.contribution) as gap
        from fct_index as idx
        inner join fct_index as previous
            on previous.edition = idx.edition - 1
            and previous.region_level = idx.region_level
            and previous.region_code = idx.region_code
        inner join fct_score_changes as changes
            on changes.edition = idx.edition
            and changes.region_level = idx.region_level
            and changes.region_code = idx.region_code
            and changes.node_level = 1
        group by idx.edition, idx.region_level, idx.region_code
        """
    ).fetchall()
    assert gaps, "no region has a previous edition"
    assert max(abs(gap) for _, _, gap in gaps) < 1e-9
