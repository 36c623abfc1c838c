"""``luoshi extract``, ``luoshi targets`` and ``luoshi tasks`` through click's runner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from luoshi.cli import cli
from luoshi.pipeline import parse_path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "src" / "luoshi" / "data" / "seeds"
SEED_000 = SEEDS / "000_21293a52831232b1.txt"
SEED_003 = SEEDS / "003_46db40bf93a293f3.txt"
FACT_KEYS = {"kind", "indicator", "metric", "measure", "value", "value_high", "unit", "base_value",
             "base_unit", "qualifier", "tier", "basis", "period_year", "start", "end", "quote"}  # fmt: skip
TASK_KEYS = {"text", "lead_unit", "units", "deadline", "quantities", "check_type", "section",
             "start", "end"}  # fmt: skip


def _run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_extract_json_has_parse_fields_and_grounded_items():
    result = _run("extract", "--json", str(SEED_000))
    assert result.exit_code == 0, result.output
    [doc] = json.loads(result.stdout)
    assert {"file", "plan_year", "region", "sections", "facts", "tasks", "glossary"} <= set(doc)
    assert doc["plan_year"] == 2018
    text = parse_path(SEED_000).text.text
    for fact in doc["facts"]:
        assert FACT_KEYS <= set(fact)
        assert text[fact["start"] : fact["end"]] == fact["quote"]
    # "全区实现地区生产总值972.4亿元、同比增长8%"
    gdp = [f for f in doc["facts"] if f["indicator"] == "gdp" and f["kind"] == "outcome"]
    assert [(f["measure"], f["value"], f["unit"]) for f in gdp] == [
        ("level", 972.4, "亿元"), ("growth", 8.0, "%")
    ]
    assert gdp[0]["base_value"] == 97_240_000_000.0 and gdp[0]["base_unit"] == "元"
    assert doc["tasks"] and TASK_KEYS <= set(doc["tasks"][0])
    for entry in doc["glossary"]:
        assert {"term", "definition", "start", "end"} <= set(entry)


def test_extract_csv_one_row_per_fact():
    result = _run("extract", "--csv", str(SEED_003))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and all(r["file"] == str(SEED_003) for r in rows)
    # "地区生产总值增长9%,固定资产投资增长15%"
    targets = {(r["indicator"], r["value"]) for r in rows if r["kind"] == "target"}
    assert {("gdp", "9.0"), ("fixed_asset_investment", "15.0")} <= targets


def test_targets_lists_only_targets():
    result = _run("targets", "--json", str(SEED_000))
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and {r["kind"] for r in rows} == {"target"}
    # "地区生产总值增长7%、力争7.5%、确保超过1000亿"
    assert [r["tier"] for r in rows if r["indicator"] == "gdp"] == ["base", "力争", "确保"]
    table = _run("targets", str(SEED_000))
    assert table.exit_code == 0 and "gdp" in table.stdout


def test_tasks_lists_tasks():
    result = _run("tasks", "--json", str(SEED_000))
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and TASK_KEYS <= set(rows[0])
    assert _run("tasks", str(SEED_000)).exit_code == 0


def test_user_ontology_names_a_new_indicator(tmp_path):
    user = tmp_path / "mine.toml"
    user.write_text(
        '[[indicator]]\nkey = "cultural_value_added"\nname = "文创产业增加值"\nsynonyms = []\n'
        'unit = "money"\nhigher_is_better = true\n',
        encoding="utf-8",
    )
    result = _run("extract", "--json", "--ontology", str(user), str(SEED_000))
    assert result.exit_code == 0, result.output
    facts = json.loads(result.stdout)[0]["facts"]
    # "全年实现文创产业增加值34亿元"
    assert any(f["indicator"] == "cultural_value_added" and f["value"] == 34.0 for f in facts)


def test_unreadable_input_is_one_line_and_exit_1(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = _run("extract", "--json", str(empty), str(SEED_003))
    assert result.exit_code == 1
    assert f"luoshi: error: {empty}:" in result.stderr
    assert len(json.loads(result.stdout)) == 1


def test_json_and_csv_together_is_a_usage_error():
    result = _run("extract", "--json", "--csv", str(SEED_003))
    assert result.exit_code == 2
