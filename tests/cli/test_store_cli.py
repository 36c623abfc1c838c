"""The store commands end to end on an SQLite file: ingest, reports, show, track, compare, search,
follow, attention, export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from luoshi.cli import cli
from luoshi.errors import UsageError

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "src" / "luoshi" / "data" / "seeds").glob("*.txt"))
NATIONAL = [ROOT / "tests" / "fixtures" / "national" / f"national-{y}.txt" for y in (2005, 2006)]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "luoshi.db")
    result = CliRunner().invoke(cli, ["ingest", *map(str, SEEDS + NATIONAL), "--db", path,
                                      "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "ingest summary" in result.output
    return path


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return result.output


def test_second_ingest_reports_present(db) -> None:
    output = run("ingest", str(SEEDS[0]), "--db", db)
    assert "already present" in output and "│        0 │               1 │" in output


def test_non_report_is_rejected_with_reason(db, tmp_path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("今天天气很好,我们去公园散步,看见很多人在放风筝。" * 5, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(note), "--db", db])
    assert result.exit_code == 1
    assert "rejected" in result.output and "note.txt" in result.output


def test_reports_and_show(db) -> None:
    rows = json.loads(run("reports", "--db", db, "--json"))
    assert len(rows) == len(SEEDS + NATIONAL)
    wuchang = next(r for r in rows if r["region_code"] == "420106")  # seed 003, 武汉市武昌区
    detail = json.loads(run("show", str(wuchang["id"]), "--db", db, "--json"))
    assert detail["summary"]["plan_year"] == 2018 and detail["sections"]
    assert "武昌区" in run("show", str(wuchang["id"]), "--db", db)


def test_track_json(db) -> None:
    rows = json.loads(run("track", "national", "--indicator", "gdp", "--db", db, "--json"))
    row = next(r for r in rows if r["period_year"] == 2005 and r["measure"] == "growth")
    # national-2005.txt "国内生产总值增长8%左右"; national-2006.txt "比上年增长9.9%"
    assert row["verdict"] == "exceeded" and "9.9%" in row["outcome"]["quote"]
    assert "flags" in row
    assert "exceeded" in run("track", "national", "--indicator", "gdp", "--db", db)


def test_compare_search_follow_attention(db) -> None:
    compared = json.loads(run("compare", "--indicator", "gdp", "--year", "2017", "--db", db,
                              "--json"))
    assert any(r["region_code"] == "420106" for r in compared)
    hits = json.loads(run("search", "民生", "--db", db, "--json"))
    assert hits and all("民生" in h["snippet"] for h in hits)
    followed = json.loads(run("follow", "national", "--db", db, "--json"))
    assert followed and {r["plan_year"] for r in followed} == {2005}
    attention = json.loads(run("attention", "--dict", "livelihood", "--db", db, "--json"))
    assert len(attention) == len(SEEDS + NATIONAL)
    assert all(r["per_10k"] > 0 for r in attention)


def test_export_csv_to_stdout(db) -> None:
    rows = list(csv.DictReader(io.StringIO(run("export", "--what", "targets", "--db", db))))
    assert rows and all(r["kind"] == "target" and r["quote"] and r["source"] for r in rows)


def test_binary_export_needs_output(db) -> None:
    result = CliRunner().invoke(cli, ["export", "--format", "parquet", "--db", db])
    assert isinstance(result.exception, UsageError)


def test_reextract_without_paths(db) -> None:
    assert "re-extracted 7 stored documents" in run("ingest", "--reextract", "--db", db)


def test_track_rules_file_is_computed_on_the_fly(db, tmp_path) -> None:
    shipped = ROOT / "src" / "luoshi" / "data" / "verdict_rules.toml"
    stored = run("track", "national", "--indicator", "gdp", "--db", db, "--json")
    assert run("track", "national", "--indicator", "gdp", "--db", db, "--json",
               "--rules", str(shipped)) == stored  # on the fly, shipped rules: the stored rows
    wide = tmp_path / "wide.toml"
    wide.write_text("rate_tolerance_pp = 3.0\nlevel_tolerance_relative = 0.01\nepsilon = 1e-9\n",
                    encoding="utf-8")
    rows = json.loads(run("track", "national", "--indicator", "gdp", "--db", db, "--json",
                          "--rules", str(wide)))
    row = next(r for r in rows if r["period_year"] == 2005 and r["measure"] == "growth")
    # "8%左右" against 9.9%: 1.9 points over is within a 3-point band, so met rather than exceeded
    assert row["verdict"] == "met"


def test_export_links_jsonl(db) -> None:
    rows = [json.loads(line) for line in
            run("export", "--what", "links", "--format", "jsonl", "--db", db).splitlines()]
    # national-2005.txt "国内生产总值增长8%左右"; national-2006.txt "比上年增长9.9%"
    gdp = next(r for r in rows if r["indicator"] == "gdp" and r["period_year"] == 2005
               and r["measure"] == "growth")
    assert gdp["verdict"] == "exceeded" and "9.9%" in gdp["outcome_quote"]
    assert gdp["source"].endswith("national-2005.txt")
