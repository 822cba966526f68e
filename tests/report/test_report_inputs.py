"""Bad input to `make report`: no warehouse, an edition it lacks or a wrong language stop with one
line saying what to run; a warehouse without a section's table leaves the section out with a
sentence saying why; without LibreOffice the .docx is still written and the message names the
package to install."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
from report_reading import WordReport, run_report

from app.labels import label
from bdi.report import Settings, build_report, pdf
from bdi.report.__main__ import main
from bdi.report.build import PROJECT_ROOT


def _report(env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return run_report({"BDI_DOCUMENT_DIR": str(tmp_path / "out"), **env})


def _one_line(run: subprocess.CompletedProcess[str]) -> str:
    assert run.returncode != 0
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    return lines[0]


def test_no_warehouse_says_run_make_build(tmp_path: Path) -> None:
    run = _report({"BDI_WAREHOUSE": str(tmp_path / "none.duckdb")}, tmp_path)
    line = _one_line(run)
    assert "make build" in line and "none.duckdb" in line
    assert not (tmp_path / "out").exists()


def test_an_edition_the_warehouse_lacks_names_those_it_has(
    tmp_path: Path, warehouse_path: Path
) -> None:
    run = _report({"BDI_WAREHOUSE": str(warehouse_path), "BDI_REPORT_EDITION": "1999"}, tmp_path)
    line = _one_line(run)
    assert "1999" in line and "BDI_REPORT_EDITION" in line
    with duckdb.connect(str(warehouse_path), read_only=True) as connection:
        first, last = connection.execute(
            "select min(edition), max(edition) from fct_index"
        ).fetchone()
    assert f"{first}–{last}" in line


@pytest.mark.parametrize(
    ("variable", "value"), [("BDI_REPORT_LANG", "fr"), ("BDI_REPORT_EDITION", "latest")]
)
def test_a_bad_setting_says_what_is_allowed(
    tmp_path: Path, warehouse_path: Path, variable: str, value: str
) -> None:
    line = _one_line(_report({"BDI_WAREHOUSE": str(warehouse_path), variable: value}, tmp_path))
    assert variable in line and value in line


def test_a_missing_table_leaves_its_section_out_and_no_libreoffice_leaves_the_docx(
    tmp_path: Path,
    warehouse_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    copy = tmp_path / "partial.duckdb"
    shutil.copy(warehouse_path, copy)
    with duckdb.connect(str(copy)) as connection:
        for table in ("build_raw_files", "fct_topic_values", "fct_report_facts"):
            kind = connection.execute(
                "select table_type from information_schema.tables "
                "where table_schema = 'main' and table_name = ?",
                [table],
            ).fetchone()
            if kind:
                connection.execute(f"drop {'view' if kind[0] == 'VIEW' else 'table'} {table}")
    monkeypatch.setattr(pdf, "soffice", lambda: None)
    out = tmp_path / "out"
    monkeypatch.setenv("BDI_WAREHOUSE", str(copy))
    monkeypatch.setenv("BDI_DOCUMENT_DIR", str(out))
    monkeypatch.setenv("BDI_REPORT_LANG", "zh")
    monkeypatch.delenv("BDI_REPORT_EDITION", raising=False)
    assert main() == 1
    message = capsys.readouterr().err
    assert pdf.PACKAGE in message and "libreoffice-writer-nogui" in message
    docx = next(out.glob("bdi-report-*.docx"))
    assert not list(out.glob("*.pdf"))
    paragraphs = WordReport.read(docx).paragraphs()
    number = label("table.prefix", "zh", table="B-1")
    assert label("report.left_out", "zh", number=number, table="build_raw_files") in paragraphs
    assert label("report.no_topics", "zh") in paragraphs
    # the rest of the appendix is still there
    assert any(text.startswith(label("table.prefix", "zh", table="B-3")) for text in paragraphs)


def test_settings_default_to_the_latest_edition_in_chinese() -> None:
    settings = Settings.from_env({})
    assert settings.edition is None and settings.language == "zh"
    assert settings.out_dir == PROJECT_ROOT / "reports"
    assert settings.warehouse == PROJECT_ROOT / "warehouse.duckdb"
    assert callable(build_report)


def test_statements_open_the_chapter_they_belong_to(tmp_path: Path, warehouse_path: Path) -> None:
    """With a fct_report_facts of a few rows (as analysis §6 shapes it): each chapter opens with
    its facts' statements verbatim, in the mapping's order; other editions' and unmapped facts'
    statements appear nowhere."""
    copy = tmp_path / "facts.duckdb"
    shutil.copy(warehouse_path, copy)
    rows = [
        ("tier_members", "city", "tier:1", "S-tier"),
        ("top15_by_macro_region", "province", "total:east", "S-top15"),
        ("cities_with_unicorns", "city", "all", "S-unicorns"),
        ("not_a_mapped_fact", "city", "all", "S-unmapped"),
    ]
    with duckdb.connect(str(copy)) as connection:
        edition = connection.execute("select max(edition) from fct_index").fetchone()[0]
        connection.execute("drop table if exists fct_report_facts")
        connection.execute(
            "create table fct_report_facts (edition integer, fact_code varchar, "
            "region_level varchar, group_code varchar, value double, previous_value double, "
            "detail varchar, statement_zh varchar, statement_en varchar)"
        )
        for code, level, group, text in rows:
            for year in (edition, edition - 1):
                connection.execute(
                    "insert into fct_report_facts values (?, ?, ?, ?, 1, null, null, ?, ?)",
                    [year, code, level, group, f"{text}-{year}", f"{text}-{year}-en"],
                )
    report = build_report(Settings(copy, None, "zh", tmp_path / "out", with_pdf=False))
    word = WordReport.read(report.docx)
    expected = {
        "2": [f"S-top15-{edition}", f"S-tier-{edition}"],
        "3": [f"S-unicorns-{edition}"],
    }
    for chapter, statements in expected.items():
        opening = word.chapter(label(f"report.chapter.{chapter}", "zh"))[: len(statements) + 1]
        assert [item.text for item in opening[: len(statements)]] == statements
        assert opening[len(statements)].style.name != "List Bullet"
    text = "\n".join(word.paragraphs())
    assert "S-unmapped" not in text and f"-{edition - 1}" not in text
