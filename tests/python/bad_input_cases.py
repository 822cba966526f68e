"""The bad-input cases of fixtures/bad_inputs/ and how they are built (for test_bad_inputs.py).

A case is a directory with a case.toml (what it changes in the small raw set of small_raw_set.py
and what must happen) and its raw files. The cases of one outcome are built together as long as
no two of them replace, add or remove the same file (builds_of); each build is a
`python -m bdi.build` run (run_group) or, for cases marked `also_checked_with = "dbt"`, also a
plain `dbt run` of the staging models (run_plain_dbt). The data are synthetic.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import duckdb
from small_raw_set import (
    ROOT,
    Build,
    make_published_warehouse,
    new_build,
    sha256,
    write_small_raw_set,
)

CASES_DIR = Path(__file__).parent / "fixtures" / "bad_inputs"
ACCEPTED_METHODS = {"BDI_WEIGHTING_METHOD": "equal", "BDI_TIER_METHOD": "rank_cutoffs"}
OUTCOMES = ("invalid_rows", "refused", "accepted")


@dataclass(frozen=True)
class Case:
    name: str
    directory: Path
    spec: dict

    @property
    def outcome(self) -> str:
        return self.spec["outcome"]

    @property
    def also_checked_with_dbt(self) -> bool:
        """Also run through a plain `dbt run` of the staging models (besides `make build`)."""
        return self.spec.get("also_checked_with") == "dbt"

    def files(self, action: str) -> list[str]:
        return list(self.spec.get(action, []))

    def whole_files(self) -> set[str]:
        """The files this case replaces, adds or removes (appended rows combine; these do not)."""
        return set(self.files("replace") + self.files("add") + self.files("remove"))

    def invalid(self) -> list[tuple[str, str, str]]:
        """(table, rule, row_key) of every invalid row this case adds."""
        return [
            (expected["table"], expected["rule"], key)
            for expected in self.spec.get("invalid", [])
            for key in expected["keys"]
        ]


def load_cases() -> list[Case]:
    cases = []
    for directory in sorted(path for path in CASES_DIR.iterdir() if path.is_dir()):
        spec = tomllib.loads((directory / "case.toml").read_text(encoding="utf-8"))
        cases.append(Case(directory.name, directory, spec))
    return cases


CASES = load_cases()


def cases_with(outcome: str) -> list[Case]:
    return [case for case in CASES if case.outcome == outcome]


def builds_of(cases: list[Case]) -> list[list[Case]]:
    """`cases` in as few builds as possible such that no two cases of a build share a file."""
    builds: list[list[Case]] = []
    for case in cases:
        for group in builds:
            if all(not case.whole_files() & other.whole_files() for other in group):
                group.append(case)
                break
        else:
            builds.append([case])
    return builds


REFUSED_BUILDS = {
    f"refused_{number}": group for number, group in enumerate(builds_of(cases_with("refused")), 1)
}


def assemble_raw_dir(target: Path, cases: list[Case]) -> Path:
    """The small valid raw set with the files of `cases` applied."""
    write_small_raw_set(target)
    replaced: set[str] = set()
    for case in cases:
        for name in case.files("remove"):
            (target / name).unlink()
        for name in case.files("replace") + case.files("add"):
            assert name not in replaced, f"two cases of one build replace {name}"
            replaced.add(name)
            shutil.copyfile(case.directory / name, target / name)
        for name in case.files("append"):
            appended = (case.directory / name).read_text(encoding="utf-8").splitlines()
            base = (target / name).read_text(encoding="utf-8")
            assert appended[0] == base.splitlines()[0], f"{case.name}/{name}: header differs"
            (target / name).write_text(
                base + "".join(line + "\n" for line in appended[1:]), encoding="utf-8"
            )
    return target


def assert_published_unchanged(build: Build, digest: str) -> None:
    assert sha256(build.warehouse) == digest
    with duckdb.connect(str(build.warehouse), read_only=True) as connection:
        assert connection.execute("select state from last_year").fetchall() == [("published",)]
    assert build.building_files() == []


def query(build: Build, sql: str, parameters: list | None = None) -> list[tuple]:
    with duckdb.connect(str(build.warehouse), read_only=True) as connection:
        return connection.execute(sql, parameters or []).fetchall()


@dataclass
class GroupBuild:
    build: Build
    result: subprocess.CompletedProcess[str]
    published_before: str


def run_group(tmp: Path, cases: list[Case], allow_invalid: bool, **env: str) -> GroupBuild:
    raw_dir = assemble_raw_dir(tmp / "raw", cases)
    build = new_build(tmp, raw_dir, BDI_ALLOW_INVALID_ROWS="1" if allow_invalid else "0", **env)
    digest = make_published_warehouse(build.warehouse)
    return GroupBuild(build, build.run(), digest)


def run_plain_dbt(tmp: Path, cases: list[Case]) -> GroupBuild:
    """`dbt run` of the staging models that read the files of `cases`, as an analyst would."""
    raw_dir = assemble_raw_dir(tmp / "raw", cases)
    build = new_build(tmp, raw_dir)
    digest = make_published_warehouse(build.warehouse)
    tables = sorted({Path(name).stem for case in cases for name in case.files("replace")})
    env = build.env()
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from dbt.cli.main import cli; sys.exit(cli())", "run"]
        + ["--select", *(f"stg_raw__{table}" for table in tables)]
        + ["--target-path", str(tmp / "target"), "--log-path", str(tmp / "logs")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
        check=False,
    )
    return GroupBuild(build, result, digest)
