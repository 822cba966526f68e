"""Published editions and revisions (docs/analyses.md §7), with real builds of the small raw set.

Build the small raw set, `python -m bdi.publish --edition 2023`, change the raw data (a late
enterprise, corrected patent counts), build again with the same published directory. Then the
published rows must be exactly the first build's, fct_revisions and
fct_index.total_rank_change_vs_published exactly what pandas computes from the published CSV
files and the second build's fct_index, and publishing again without --force must change no byte.
A damaged published directory stops the build with messages naming each file and leaves the
warehouse as it was. Three builds in all (two of a few seconds, one stopped before any model);
the cycle itself is published_cycle.py, which the viewer's tests share.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
import warehouse_check as wc
from published_cycle import EDITION, files_of, publish, read_table, run_cycle
from report_facts_recount import recount
from small_raw_set import ROOT, sha256

INDEX_COLUMNS = [
    "edition", "region_level", "region_code", "region_name", "total_score",
    "industry_level_score", "industry_innovation_score", "industry_environment_score",
    "total_rank", "industry_level_rank", "industry_innovation_rank",
    "industry_environment_rank", "total_rank_change", "tier",
]  # fmt: skip
KEY = ["edition", "region_level", "region_code"]


@pytest.fixture(scope="module")
def cycle(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """build → publish 2023 → revise the raw data → build again (published_cycle.py)."""
    return vars(run_cycle(tmp_path_factory.mktemp("published_editions")))


def test_publish_writes_the_edition_and_a_manifest_with_checksums(cycle: dict) -> None:
    directory = cycle["published_dir"] / str(EDITION)
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    names = ["fct_index", "fct_node_scores", "fct_weights", "fct_circle_scores", "build_raw_files"]
    assert sorted(manifest["files"]) == sorted(f"{name}.csv" for name in names)
    assert (manifest["layout"], manifest["edition"]) == (1, EDITION)
    assert manifest["build"]["weighting_method"] == "improved_vector"
    for name, entry in manifest["files"].items():
        assert hashlib.sha256((directory / name).read_bytes()).hexdigest() == entry["sha256"]
        frame = pd.read_csv(directory / name, dtype={"region_code": str})
        assert (len(frame), list(frame.columns)) == (entry["rows"], entry["columns"])
    index = pd.read_csv(directory / "fct_index.csv", dtype={"region_code": str})
    assert set(index["edition"]) == {EDITION}
    assert len(index) == len(cycle["first_index"]) == 368  # 31 provinces + 337 cities
    assert sorted(path.name for path in cycle["published_dir"].iterdir()) == [str(EDITION)]


def test_published_rows_stay_as_published_after_a_rebuild(cycle: dict) -> None:
    build = cycle["build"]
    assert files_of(cycle["published_dir"]) == cycle["published_files"]
    frozen = read_table(build.warehouse, "select * from fct_published_index")
    expected = cycle["first_index"][INDEX_COLUMNS].sort_values(KEY, ignore_index=True)
    actual = frozen[INDEX_COLUMNS].sort_values(KEY, ignore_index=True)
    pd.testing.assert_frame_equal(actual, expected, check_dtype=False, rtol=0, atol=0)
    manifest = json.loads(
        (cycle["published_dir"] / str(EDITION) / "manifest.json").read_text(encoding="utf-8")
    )
    assert set(frozen["published_commit"].fillna("")) == {manifest["published_commit"] or ""}
    published_at = pd.Timestamp(manifest["published_at"])
    assert (frozen["published_at"] == published_at).all()
    # The rebuild did recompute edition 2023 differently: otherwise nothing here is tested.
    now = read_table(build.warehouse, f"select * from fct_index where edition = {EDITION}")
    merged = now.merge(expected, on=KEY, suffixes=("", "_published"))
    assert (merged["total_rank"] != merged["total_rank_published"]).sum() > 0


def test_revisions_are_published_against_recomputed(cycle: dict) -> None:
    build = cycle["build"]
    published = pd.read_csv(
        cycle["published_dir"] / str(EDITION) / "fct_index.csv", dtype={"region_code": str}
    )
    now = read_table(build.warehouse, "select * from fct_index")
    expected = published.merge(now, on=KEY, how="left", suffixes=("_published", ""))
    expected = pd.DataFrame(
        {
            "edition": expected["edition"],
            "region_level": expected["region_level"],
            "region_code": expected["region_code"],
            "published_score": expected["total_score_published"],
            "recomputed_score": expected["total_score"],
            "score_diff": expected["total_score"].to_numpy() - expected["total_score_published"],
            "published_rank": expected["total_rank_published"],
            "recomputed_rank": expected["total_rank"],
            "rank_diff": expected["total_rank_published"] - expected["total_rank"],
        }
    ).sort_values(KEY, ignore_index=True)
    actual = read_table(build.warehouse, "select * from fct_revisions").sort_values(
        KEY, ignore_index=True
    )
    assert len(actual) == 368 and actual["recomputed_rank"].notna().all()
    pd.testing.assert_frame_equal(actual, expected, check_dtype=False, rtol=0, atol=0)
    assert (actual["rank_diff"] != 0).sum() >= 2
    assert np.abs(actual["score_diff"]).max() > 1e-6


def test_rank_change_against_the_published_previous_edition(cycle: dict) -> None:
    build = cycle["build"]
    published = pd.read_csv(
        cycle["published_dir"] / str(EDITION) / "fct_index.csv", dtype={"region_code": str}
    )
    now = read_table(build.warehouse, "select * from fct_index")
    assert now.loc[now["edition"] == EDITION, "total_rank_change_vs_published"].isna().all()
    latest = now[now["edition"] == EDITION + 1].merge(
        published[["region_level", "region_code", "total_rank"]],
        on=["region_level", "region_code"],
        suffixes=("", "_published"),
    )
    assert len(latest) == 368
    expected = latest["total_rank_published"] - latest["total_rank"]
    assert latest["total_rank_change_vs_published"].notna().all()
    assert (latest["total_rank_change_vs_published"].astype(int) == expected).all()
    # Against the recomputed 2023 the change differs where the revision moved a region.
    assert (latest["total_rank_change_vs_published"] != latest["total_rank_change"]).sum() >= 1


def test_report_facts_read_rank_moves_against_the_published_list(cycle: dict) -> None:
    """Where the previous edition was published, the rank moves the report's text states
    (largest rise and fall; a top region's rank "from 13th to 9th") are read against the
    published list, as the tables beside them are: fct_report_facts equals its independent
    recount, and that recount uses the published ranks."""
    warehouse = cycle["build"].warehouse
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        facts = connection.execute("select * from fct_report_facts").df()
        expected = recount(connection)
    keys = ["edition", "fact_code", "region_level", "group_code"]
    wc.assert_frames_match(
        facts[[*keys, "value", "previous_value", "detail"]], expected, keys, {},
        ["value", "previous_value", "detail"], "fct_report_facts",
    )  # fmt: skip
    index = read_table(warehouse, f"select * from fct_index where edition = {EDITION + 1}")
    published = pd.read_csv(
        cycle["published_dir"] / str(EDITION) / "fct_index.csv", dtype={"region_code": str}
    )
    tops = facts[
        (facts["edition"] == EDITION + 1)
        & (facts["fact_code"] == "top_node_rank")
        & facts["group_code"].str.startswith("total:")
    ].assign(region_code=lambda frame: frame["group_code"].str.split(":").str[1])
    tops = tops.merge(
        published[["region_level", "region_code", "total_rank"]], on=["region_level", "region_code"]
    )
    assert len(tops) > 0
    assert (tops["previous_value"] == tops["total_rank"]).all()
    rise = facts[
        (facts["edition"] == EDITION + 1)
        & (facts["fact_code"] == "largest_rank_rise")
        & (facts["region_level"] == "city")
    ]
    assert rise["value"].iloc[0] == max(index.loc[
        index["region_level"] == "city", "total_rank_change_vs_published"
    ].max(), 0)  # fmt: skip


def test_revision_raw_files_say_which_raw_tables_changed(cycle: dict) -> None:
    frame = read_table(
        cycle["build"].warehouse, "select * from fct_revision_raw_files order by table_name"
    ).set_index("table_name")
    first = cycle["first_raw_files"].set_index("table_name").loc[frame.index]
    assert (frame["published_row_count"] == first["row_count"]).all()
    assert (frame["published_file_sha256"] == first["file_sha256"]).all()
    changed = {"enterprises": 1, "enterprise_annual": 2}
    for table in frame.index:
        assert frame.loc[table, "row_count_diff"] == changed.get(table, 0), table
        assert bool(frame.loc[table, "is_file_changed"]) == (table in changed), table
    editions = read_table(cycle["build"].warehouse, "select * from fct_published_editions")
    assert editions["edition"].tolist() == [EDITION]
    assert editions["is_sample_data"].tolist() == [False]


def test_publishing_again_without_force_changes_nothing(cycle: dict) -> None:
    build, directory = cycle["build"], cycle["published_dir"]
    before = files_of(directory)
    again = publish(build, "--edition", str(EDITION))
    assert again.returncode == 1
    assert "already published" in again.stderr and "FORCE=1" in again.stderr
    missing = publish(build, "--edition", "2019")
    assert missing.returncode == 1 and "not in the warehouse" in missing.stderr
    assert files_of(directory) == before
    usage = subprocess.run(["make", "publish"], cwd=ROOT, capture_output=True, text=True)
    assert usage.returncode != 0 and "EDITION=" in usage.stdout


def test_force_replaces_the_edition_with_the_current_warehouse(cycle: dict) -> None:
    build = cycle["build"]
    directory = cycle["work"] / "forced"
    shutil.copytree(cycle["published_dir"], directory)
    forced = publish(build, "--edition", str(EDITION), "--force", BDI_PUBLISHED_DIR=str(directory))
    assert forced.returncode == 0, forced.stderr
    assert sorted(path.name for path in directory.iterdir()) == [str(EDITION)]
    rewritten = pd.read_csv(directory / str(EDITION) / "fct_index.csv", dtype={"region_code": str})
    now = read_table(build.warehouse, f"select * from fct_index where edition = {EDITION}")

    def normalized(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame[INDEX_COLUMNS].sort_values(KEY, ignore_index=True)
        numbers = [
            column for column in INDEX_COLUMNS if column.endswith(("score", "rank", "change"))
        ]
        return frame.astype({column: "float64" for column in ["edition", *numbers, "tier"]})

    pd.testing.assert_frame_equal(normalized(rewritten), normalized(now), rtol=0, atol=0)
    manifest = json.loads((directory / str(EDITION) / "manifest.json").read_text("utf-8"))
    raw_files = pd.read_csv(directory / str(EDITION) / "build_raw_files.csv")
    assert manifest["build"]["raw_source"].endswith("raw_revised")
    assert raw_files.set_index("table_name").loc["enterprises", "row_count"] == 21


def damage(directory: Path) -> None:
    """A bad checksum, a truncated file, a missing column (manifest updated to match), an
    edition of another layout, a directory that is not an edition, and an intact copy of 2023
    renamed 2021 (its rows say 2023) whose manifest records a wrong row count."""
    copy = directory / "2021"
    shutil.copytree(directory / str(EDITION), copy)
    manifest = json.loads((copy / "manifest.json").read_text("utf-8"))
    manifest["edition"] = 2021
    manifest["files"]["fct_weights.csv"]["rows"] += 1
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    edition = directory / str(EDITION)
    weights = edition / "fct_weights.csv"
    weights.write_bytes(weights.read_bytes().replace(b"0.", b"1.", 1))
    index = edition / "fct_index.csv"
    index.write_bytes(index.read_bytes()[: index.stat().st_size // 2])
    circles = edition / "fct_circle_scores.csv"
    frame = pd.read_csv(circles, dtype=str, keep_default_na=False).drop(columns="score_rank")
    frame.to_csv(circles, index=False, lineterminator="\n")
    manifest_path = edition / "manifest.json"
    manifest = json.loads(manifest_path.read_text("utf-8"))
    manifest["files"]["fct_circle_scores.csv"].update(
        sha256=sha256(circles), columns=list(frame.columns)
    )
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    shutil.copytree(edition, directory / "2022")
    other = json.loads((directory / "2022" / "manifest.json").read_text("utf-8"))
    (directory / "2022" / "manifest.json").write_text(json.dumps({**other, "layout": 2}), "utf-8")
    (directory / "notes").mkdir()
    (directory / "notes" / "todo.txt").write_text("not an edition\n", encoding="utf-8")


def test_a_damaged_publication_stops_the_build_naming_each_file(cycle: dict) -> None:
    build = cycle["build"]
    directory = cycle["work"] / "damaged"
    shutil.copytree(cycle["published_dir"], directory)
    damage(directory)
    damaged_files = files_of(directory)
    warehouse_digest = sha256(build.warehouse)
    result = build.run(BDI_PUBLISHED_DIR=str(directory))
    assert result.returncode != 0
    report = result.stdout[result.stdout.index("BUILD FAILED") :]
    assert "The published editions, checked before any model runs:" in report
    assert "9 published files cannot be read" in report
    edition = directory / str(EDITION)
    for path, problem in (
        (directory / "2021" / "fct_weights.csv", "holds 54 rows, its manifest records 55"),
        (directory / "2021" / "fct_index.csv", "are not 2021) in column(s) edition"),
        (edition / "fct_weights.csv", "is damaged: its SHA-256 is"),
        (edition / "fct_index.csv", "is damaged: its SHA-256 is"),
        (edition / "fct_circle_scores.csv", "lacks column(s) score_rank"),
        (directory / "2022" / "manifest.json", "has layout 2"),
        (directory / "notes", "is not an edition"),
    ):
        lines = [line for line in report.splitlines() if f"{path} " in line]
        assert lines and problem in lines[0], (path, report)
    assert sha256(build.warehouse) == warehouse_digest
    assert files_of(directory) == damaged_files
    assert "START sql" not in result.stdout  # stopped before any model


def test_revisions_page_shows_the_changed_ranks(
    cycle: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit.testing.v1 import AppTest

    from app.pages import APP_SCRIPT, PAGE_SCRIPTS

    warehouse = cycle["build"].warehouse
    monkeypatch.setenv("BDI_WAREHOUSE", str(warehouse))
    revisions = read_table(
        warehouse,
        f"select * from fct_revisions where edition = {EDITION} and region_level = 'province'",
    )
    moved = revisions[revisions["rank_diff"] != 0]
    at = AppTest.from_file(str(APP_SCRIPT), default_timeout=60)
    at.run()
    at.switch_page(PAGE_SCRIPTS["revisions"])
    at.run()
    assert not at.exception, [error.value for error in at.exception]
    assert [warning.value for warning in at.warning] == [
        f"本次构建将改变 {len(revisions)} 个已发布排名中的 {len(moved)} 个。"
    ]
    editions, shown, _settings, raw_files = (frame.value for frame in at.dataframe)
    assert editions.set_index("版本")["状态"].to_dict() == {2023: "已发布", 2024: "未发布"}
    assert len(moved) >= 1 and len(shown) == len(moved)
    assert sorted(shown["代码"]) == sorted(moved["region_code"])
    assert raw_files.set_index("原始数据表").loc["enterprises", "行数差"] == 1
    assert len(at.get("vega_lite_chart")) == 2  # the editions, the rank revisions
