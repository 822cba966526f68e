"""Every bad input explained: one fixture directory per case, end to end through `make build`.

Each directory in fixtures/bad_inputs/ holds the raw files of one case and a case.toml that says
how they change the small valid raw set of small_raw_set.py (`append` rows to a base file,
`replace` or `add` a file, `remove` a base file) and what must happen:

* outcome "invalid_rows": the build fails, the message gives the table, the file, the rule and the
  number of rows; with BDI_ALLOW_INVALID_ROWS=1 the build succeeds without those rows and
  `invalid_rows` lists exactly them;
* outcome "refused": the build fails with the messages listed (they name the file);
* outcome "accepted": the build succeeds and reads the file correctly.

Every case goes through `python -m bdi.build` (what `make build` runs) with its own message
checked, and a failed build never changes the published warehouse (sha256 before and after).

A build takes seconds to half a minute, so the cases of one outcome are built together as long as
their files do not collide (two cases that replace or remove the same file go to different
builds), and the builds run two at a time: one failing and one allowed build of all
"invalid_rows" cases, as many builds of the "refused" cases as their files require, one of all
"accepted" cases. The raw files are checked before any model runs and every unreadable file is
reported, so each refused case of a build gets its own message. Cases marked
`also_checked_with = "dbt"` are also run through a plain `dbt run` of the staging models, which
shows that an analyst who runs dbt gets the same message. BDI_TEST_EACH_CASE=1 also builds every
case on its own with bdi.build (slow).
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest
from bad_input_cases import (
    ACCEPTED_METHODS,
    CASES,
    CASES_DIR,
    OUTCOMES,
    REFUSED_BUILDS,
    Case,
    GroupBuild,
    assert_published_unchanged,
    cases_with,
    query,
    run_group,
    run_plain_dbt,
)
from small_raw_set import COLUMNS, Build, small_raw_tables


@pytest.fixture(scope="module")
def groups(tmp_path_factory: pytest.TempPathFactory) -> dict[str, GroupBuild]:
    plan = {
        "invalid_rows_fail": (cases_with("invalid_rows"), False, {}),
        "invalid_rows_allowed": (cases_with("invalid_rows"), True, {}),
        **{name: (cases, False, {}) for name, cases in REFUSED_BUILDS.items()},
        "refused_dbt": ([c for c in cases_with("refused") if c.also_checked_with_dbt], False, {}),
        # Also shows that the build honours the method variables (and records them).
        "accepted": (cases_with("accepted"), False, ACCEPTED_METHODS),
    }
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            name: pool.submit(
                run_plain_dbt if name.endswith("_dbt") else run_group,
                tmp_path_factory.mktemp(name),
                cases,
                *([] if name.endswith("_dbt") else [allow]),
                **env,
            )
            for name, (cases, allow, env) in plan.items()
        }
        return {name: future.result() for name, future in futures.items()}


def expected_counts() -> Counter[tuple[str, str]]:
    """Rows per (table, rule) of all invalid_rows cases built together."""
    counts: Counter[tuple[str, str]] = Counter()
    for case in cases_with("invalid_rows"):
        for table, rule, _key in case.invalid():
            counts[table, rule] += 1
    return counts


# --- the fixtures themselves ----------------------------------------------------------------


def test_every_case_is_described_and_lists_its_files() -> None:
    assert {case.outcome for case in CASES} == set(OUTCOMES)
    required = {
        "missing_table", "missing_column", "wrong_type", "unparseable_date", "unknown_region",
        "duplicate_key", "orphan_enterprise", "negative_amount", "unknown_enum",
        "end_before_start", "empty_file", "header_only_file", "excel_utf8_bom", "excel_gbk",
        "spreadsheet_dates",
    }  # fmt: skip
    assert required <= {case.name for case in CASES}
    for case in CASES:
        assert case.spec["description"].strip()
        declared = case.files("append") + case.files("replace") + case.files("add")
        present = sorted(path.name for path in case.directory.iterdir() if path.name != "case.toml")
        assert sorted(declared) == present, case.name
        if case.outcome == "invalid_rows":
            assert case.invalid(), case.name
        if case.outcome == "refused":
            assert case.spec["messages"], case.name


def test_invalid_row_keys_belong_to_one_case_each() -> None:
    owners: dict[tuple[str, str], str] = {}
    for case in cases_with("invalid_rows"):
        for table, _rule, key in case.invalid():
            assert owners.setdefault((table, key), case.name) == case.name, (table, key)


def read_rows(data: bytes, encoding: str, delimiter: str = ",") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode(encoding)), delimiter=delimiter))


def test_excel_fixtures_hold_the_base_rows_in_their_encoding() -> None:
    base = small_raw_tables()
    bom = (CASES_DIR / "excel_utf8_bom" / "enterprises.csv").read_bytes()
    assert bom.startswith(b"\xef\xbb\xbf") and b"\r\n" in bom
    assert read_rows(bom, "utf-8-sig") == base["enterprises"]

    gbk = (CASES_DIR / "excel_gbk" / "financing_events.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        gbk.decode("utf-8")
    assert read_rows(gbk, "gbk") == base["financing_events"]

    utf16 = (CASES_DIR / "excel_unicode_text" / "institutions.csv").read_bytes()
    assert utf16.startswith(b"\xff\xfe")
    assert read_rows(utf16, "utf-16", delimiter="\t") == base["institutions"]

    header_only = (CASES_DIR / "header_only_file" / "universities.csv").read_text("utf-8")
    assert header_only == ",".join(COLUMNS["universities"]) + "\n"
    assert (CASES_DIR / "empty_file" / "universities.csv").stat().st_size == 0


# --- invalid rows: fail, or build without them ----------------------------------------------


INVALID_CASES = [pytest.param(case, id=case.name) for case in cases_with("invalid_rows")]


@pytest.mark.parametrize("case", INVALID_CASES)
def test_invalid_rows_stop_the_build_with_table_file_rule_and_count(
    groups: dict[str, GroupBuild], case: Case
) -> None:
    group = groups["invalid_rows_fail"]
    output = group.result.stdout
    assert group.result.returncode == 1, output[-3000:]
    counts = expected_counts()
    for table, rule in sorted({(table, rule) for table, rule, _ in case.invalid()}):
        rows = counts[table, rule]
        # dbt's own message (the gate model) and bdi.build's summary both name the file.
        raw_file = group.build.raw_dir / f"{table}.csv"
        assert output.count(f"{table} ({raw_file}): {rows} row(s) break rule {rule}") >= 2, output
    assert "Invalid raw rows — the build stops here." in output
    assert "BUILD FAILED" in output
    assert "The published warehouse was not changed" in output
    assert_published_unchanged(group.build, group.published_before)
    report = group.build.workdir / "report" / "invalid_rows.csv"
    assert str(report) in output
    with report.open(encoding="utf-8", newline="") as handle:
        reported = Counter(
            (row["source_table"], row["rule"], row["row_key"]) for row in csv.DictReader(handle)
        )
    for item, count in Counter(case.invalid()).items():
        assert reported[item] == count, item


@pytest.mark.parametrize("case", INVALID_CASES)
def test_invalid_rows_allowed_build_succeeds_and_lists_them(
    groups: dict[str, GroupBuild], case: Case
) -> None:
    group = groups["invalid_rows_allowed"]
    assert group.result.returncode == 0, group.result.stdout[-3000:]
    assert group.build.building_files() == []
    keys = sorted({key for _, _, key in case.invalid()})
    listed = query(
        group.build,
        "select source_table, rule, row_key from invalid_rows where row_key in "
        f"({', '.join('?' for _ in keys)})",
        keys,
    )
    assert Counter(listed) == Counter(case.invalid())


def test_allowed_build_lists_exactly_the_invalid_rows_and_counts_only_valid_ones(
    groups: dict[str, GroupBuild],
) -> None:
    group = groups["invalid_rows_allowed"]
    assert group.result.returncode == 0, group.result.stdout[-3000:]
    expected = Counter(item for case in cases_with("invalid_rows") for item in case.invalid())
    listed = Counter(query(group.build, "select source_table, rule, row_key from invalid_rows"))
    assert listed == expected
    invalid_total = sum(expected_counts().values())
    assert f"{invalid_total} invalid raw row(s) were EXCLUDED" in group.result.stdout
    # Provenance: the rows read, valid and invalid per raw table.
    base = small_raw_tables()
    files = {
        table: (rows, valid, invalid)
        for table, rows, valid, invalid in query(
            group.build,
            "select table_name, row_count, valid_row_count, invalid_row_count from build_raw_files",
        )
    }
    invalid_per_table = Counter(table for table, _, _ in expected.elements())
    for table, rows in base.items():
        assert files[table] == (
            len(rows) + invalid_per_table[table],
            len(rows),
            invalid_per_table[table],
        ), table
    [(allowed, invalid_rows)] = query(
        group.build, "select allow_invalid_rows, invalid_row_count from build_info"
    )
    assert allowed is True
    assert invalid_rows == invalid_total
    # The invalid rows count nowhere: 合肥's province 340000 has the base set's 2 enterprises,
    # not the third one registered under the abolished code 341421.
    [(market_entities,)] = query(
        group.build,
        "select raw_value from fct_indicator_values where edition = 2024 and "
        "region_level = 'province' and region_code = '340000' "
        "and indicator_code = 'market_entities'",
    )
    assert market_entities == 2


# --- refused files --------------------------------------------------------------------------


def test_every_refused_case_goes_through_make_build_once() -> None:
    built = [case.name for cases in REFUSED_BUILDS.values() for case in cases]
    assert sorted(built) == sorted(case.name for case in cases_with("refused"))
    for cases in REFUSED_BUILDS.values():
        files = [name for case in cases for name in case.whole_files()]
        assert len(files) == len(set(files))
    assert {"blank_file", "latin1_file", "utf16_big_endian", "utf16_without_bom"} <= set(built)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in cases_with("refused")])
def test_refused_file_stops_the_build_with_a_message_naming_it(
    groups: dict[str, GroupBuild], case: Case
) -> None:
    [name] = [name for name, cases in REFUSED_BUILDS.items() if case in cases]
    group = groups[name]
    output = group.result.stdout
    assert group.result.returncode == 1, output[-3000:]
    assert "BUILD FAILED" in output
    assert "The published warehouse was not changed" in output
    assert_published_unchanged(group.build, group.published_before)
    summary = output[output.index("BUILD FAILED") :]
    assert "The raw files, checked before any model runs:" in summary
    for message in case.spec["messages"]:
        # In dbt's own output and again in make build's summary of what failed.
        assert message.format(raw_dir=group.build.raw_dir) in output[: output.index("BUILD FAILED")]
        assert message.format(raw_dir=group.build.raw_dir) in summary
    # No model ran (none is listed as failed): nothing was read before the files were checked.
    assert not re.search(r"^\s+(model|seed|test) \S+ \[", summary, flags=re.M), summary


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=c.name) for c in cases_with("refused") if c.also_checked_with_dbt]
)
def test_refused_file_gives_the_same_message_to_a_plain_dbt_run(
    groups: dict[str, GroupBuild], case: Case
) -> None:
    # A plain `dbt run` writes into the warehouse in place, so the published file is not compared.
    group = groups["refused_dbt"]
    assert group.result.returncode == 2, group.result.stdout[-3000:]  # dbt: stopped by an error
    for message in case.spec["messages"]:
        assert message.format(raw_dir=group.build.raw_dir) in group.result.stdout


# --- accepted files -------------------------------------------------------------------------


def indicator_value(build: Build, level: str, code: str, indicator: str, edition: int) -> float:
    [(value,)] = query(
        build,
        "select raw_value from fct_indicator_values where region_level = ? and region_code = ? "
        "and indicator_code = ? and edition = ?",
        [level, code, indicator, edition],
    )
    return value


def check_header_only_file(build: Build) -> None:
    assert query(
        build, "select row_count from build_raw_files where table_name = 'universities'"
    ) == [(0,)]
    assert query(
        build,
        "select sum(raw_value) from fct_indicator_values "
        "where indicator_code = 'universities_with_bigdata_major'",
    ) == [(0,)]


def check_excel_utf8_bom(build: Build) -> None:
    assert query(
        build,
        "select enterprise_name from staging.stg_raw__enterprises where enterprise_id = 'E001'",
    ) == [("示例数据企业01",)]
    assert query(
        build, "select row_count from build_raw_files where table_name = 'enterprises'"
    ) == [(20,)]


def check_excel_unicode_text(build: Build) -> None:
    assert query(
        build,
        "select institution_name from staging.stg_raw__institutions where institution_id = 'I001'",
    ) == [("示例机构1",)]
    assert query(
        build, "select row_count from build_raw_files where table_name = 'institutions'"
    ) == [(6,)]


def check_spreadsheet_dates(build: Build) -> None:
    assert query(
        build,
        "select policy_id, issued_date from staging.stg_raw__policies "
        "where policy_id in ('P801', 'P802') order by 1",
    ) == [("P801", date(2023, 3, 5)), ("P802", date(2023, 3, 5))]
    # Both count for 成都 (510104 is a district of 510100) as of 2023-12-31, edition 2024.
    assert indicator_value(build, "city", "510100", "industry_policies", 2024) == 2
    assert indicator_value(build, "province", "510000", "industry_policies", 2024) == 2


def check_parquet_table(build: Build) -> None:
    assert query(
        build,
        "select file_format, row_count from build_raw_files where table_name = 'financing_events'",
    ) == [("parquet", 10)]
    expected = sum(
        float(event["amount"])
        for event in small_raw_tables()["financing_events"]
        if event["event_date"].startswith("2023")
    )
    assert query(
        build,
        "select sum(raw_value) from fct_indicator_values where region_level = 'province' "
        "and indicator_code = 'financing_total' and edition = 2024",
    ) == [(pytest.approx(expected),)]


ACCEPTED_CHECKS = {
    "header_only_file": check_header_only_file,
    "excel_utf8_bom": check_excel_utf8_bom,
    "excel_unicode_text": check_excel_unicode_text,
    "spreadsheet_dates": check_spreadsheet_dates,
    "parquet_table": check_parquet_table,
}


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in cases_with("accepted")])
def test_accepted_file_is_read_correctly(groups: dict[str, GroupBuild], case: Case) -> None:
    group = groups["accepted"]
    assert group.result.returncode == 0, group.result.stdout[-3000:]
    assert query(group.build, "select count(*) from invalid_rows") == [(0,)]
    ACCEPTED_CHECKS[case.name](group.build)


def test_the_build_honours_and_records_the_method_variables(
    groups: dict[str, GroupBuild],
) -> None:
    group = groups["accepted"]
    assert group.result.returncode == 0, group.result.stdout[-3000:]
    assert query(
        group.build, "select weighting_method, tier_method, is_sample_data from build_info"
    ) == [("equal", "rank_cutoffs", False)]
    assert query(group.build, "select distinct weighting_method from fct_weights") == [("equal",)]
    assert "weighting:     equal" in group.result.stdout


# --- optional: every case on its own --------------------------------------------------------


@pytest.mark.skipif(
    os.environ.get("BDI_TEST_EACH_CASE", "") != "1",
    reason="slow (one build per case): set BDI_TEST_EACH_CASE=1",
)
@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_each_case_alone(tmp_path: Path, case: Case) -> None:
    group = run_group(tmp_path, [case], allow_invalid=False)
    output = group.result.stdout
    if case.outcome == "accepted":
        assert group.result.returncode == 0, output[-3000:]
        assert query(group.build, "select count(*) from invalid_rows") == [(0,)]
        ACCEPTED_CHECKS[case.name](group.build)
        return
    assert group.result.returncode == 1, output[-3000:]
    assert_published_unchanged(group.build, group.published_before)
    if case.outcome == "refused":
        for message in case.spec["messages"]:
            assert message.format(raw_dir=group.build.raw_dir) in output
        return
    for (table, rule), rows in Counter((t, r) for t, r, _ in case.invalid()).items():
        raw_file = group.build.raw_dir / f"{table}.csv"
        assert f"{table} ({raw_file}): {rows} row(s) break rule {rule}" in output
