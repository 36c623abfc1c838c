"""Unit tests of the scorer on small hand-made gold/prediction pairs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from luoshi.errors import UsageError
from luoshi.evaluate import fact_key, load_gold, score
from luoshi.models import Extraction, Fact, GlossaryEntry, SelfAssessment, Task

GOLD_DIR = Path(__file__).parent / "gold"
QUOTE = "全区实现地区生产总值972.4亿元、同比增长8%"


def gold_dict(**over: object) -> dict[str, object]:
    base: dict[str, object] = {
        "document": "src/luoshi/data/seeds/000_21293a52831232b1.txt",
        "split": "dev",
        "scope": "test",
        "facts": [
            {"kind": "outcome", "indicator": "gdp", "measure": "level", "tier": "base",
             "period_year": 2017, "period": None, "value": 972.4, "value_high": None,
             "unit": "亿元", "qualifier": None, "quote": QUOTE},
            {"kind": "outcome", "indicator": "gdp", "measure": "growth", "tier": "base",
             "period_year": 2017, "period": None, "value": 8, "value_high": None,
             "unit": "%", "qualifier": None, "quote": QUOTE},
        ],
        "livelihood_projects": [{"quote": "新建学校3所", "lead_unit": "区教育局"}],
        "glossary": [{"term": "放管服", "quote": "“放管服”:简政放权、放管结合、优化服务"}],
        "self_assessments": [
            {"verdict": "missed", "indicator": "gdp", "year": 2017, "quote": "未达到9%的预期目标"}
        ],
    }  # fmt: skip
    base.update(over)
    return base


def write_gold(tmp_path: Path, data: dict[str, object]) -> Path:
    p = tmp_path / "g.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return p


def fact(value: float, measure: str = "level", unit: str = "亿元", indicator: str | None = "gdp",
         **over: object) -> Fact:  # fmt: skip
    fields: dict[str, object] = {
        "kind": "outcome", "indicator": indicator, "metric": "地区生产总值", "measure": measure, "value": value,
        "value_high": None, "unit": unit, "base_value": None, "base_unit": None, "qualifier": None, "tier": "base",
        "basis": None, "period_year": 2017, "period": None, "start": 0, "end": len(QUOTE), "quote": QUOTE,
    }  # fmt: skip
    fields.update(over)
    return Fact(**fields)  # type: ignore[arg-type]


def task(text: str, lead: str | None, livelihood: bool = True) -> Task:
    return Task(text, lead, (), None, (), "output", "民生实事", 0, len(text), livelihood=livelihood)


def extraction(facts=(), tasks=(), glossary=(), assessments=()) -> Extraction:  # type: ignore[no-untyped-def]
    return Extraction((), tuple(facts), tuple(tasks), tuple(glossary), tuple(assessments))


@pytest.fixture
def gold(tmp_path: Path):  # type: ignore[no-untyped-def]
    return load_gold(write_gold(tmp_path, gold_dict()))


def test_load_gold_reads_fields_and_group(gold) -> None:  # type: ignore[no-untyped-def]
    assert gold.group == "seeds" and gold.split == "dev"
    assert gold.facts[0].value == 972.4 and gold.facts[1].unit == "%"
    assert gold.livelihood_projects[0].lead_unit == "区教育局"


def test_perfect_prediction_scores_one(gold) -> None:  # type: ignore[no-untyped-def]
    pred = extraction(
        [fact(972.4), fact(8.0, "growth", "%")],
        [task("1.新建学校3所。(牵头单位:区教育局)", "区教育局")],
        [GlossaryEntry("“放管服”", "简政放权", 0, 5)],
        [SelfAssessment("未达到9%的预期目标", "missed", "gdp", 2017, 0, 9)],
    )
    s = score([gold], [pred])
    for item in ("facts", "livelihood_projects", "glossary", "self_assessments"):
        c = s.table(item)["all"]
        assert (c.precision, c.recall, c.f1) == (1.0, 1.0, 1.0), item


def test_wrong_field_is_a_miss_and_a_false_positive(gold) -> None:  # type: ignore[no-untyped-def]
    pred = extraction([fact(972.4), fact(8.0, "growth", "%", period_year=2018)])
    c = score([gold], [pred]).table("facts")["all"]
    assert (c.tp, c.fp, c.fn) == (1, 1, 1)
    assert c.precision == 0.5 and c.recall == 0.5


@pytest.mark.parametrize(
    "over",
    [{"unit": "万元"}, {"qualifier": "approx"}, {"tier": "力争"}, {"kind": "target"},
     {"value_high": 9.0}, {"period": "2013-2017", "period_year": None}, {"base_value": 1.0, "value_high": 972.5}],
)  # fmt: skip
def test_each_fact_field_must_agree(gold, over: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    c = score([gold], [extraction([fact(972.4, **over)])]).table("facts")["all"]  # type: ignore[arg-type]
    assert c.tp == 0 and c.fp == 1


def test_value_must_agree(gold) -> None:  # type: ignore[no-untyped-def]
    c = score([gold], [extraction([fact(972.5)])]).table("facts")["all"]
    assert c.tp == 0 and c.fp == 1


def test_value_tolerance_is_relative(gold) -> None:  # type: ignore[no-untyped-def]
    c = score([gold], [extraction([fact(972.4 * (1 + 1e-9))])]).table("facts")["all"]
    assert c.tp == 1


def test_matching_is_one_to_one(gold) -> None:  # type: ignore[no-untyped-def]
    c = score([gold], [extraction([fact(972.4), fact(972.4, unit="%", measure="growth")])]).table(
        "facts"
    )["all"]
    assert (c.tp, c.fp, c.fn) == (1, 1, 1)


def test_repeated_prediction_counts_once(gold) -> None:  # type: ignore[no-untyped-def]
    c = score([gold], [extraction([fact(972.4), fact(972.4, start=5)])]).table("facts")["all"]
    assert (c.tp, c.fp, c.fn) == (1, 0, 1)


def test_non_core_self_assessment_is_out_of_scope(gold) -> None:  # type: ignore[no-untyped-def]
    pred = extraction(
        assessments=[SelfAssessment("财政收入未达到", "missed", "fiscal_revenue", 2017, 0, 3)]
    )
    c = score([gold], [pred]).table("self_assessments")["all"]
    assert (c.tp, c.fp, c.fn) == (0, 0, 1)


def test_non_core_and_non_numeric_predictions_are_out_of_scope(gold) -> None:  # type: ignore[no-untyped-def]
    pred = extraction([fact(5.0, indicator="park_area"), fact(1.0, indicator=None),
                       fact(None, indicator="gdp")])  # type: ignore[arg-type]  # fmt: skip
    c = score([gold], [pred]).table("facts")["all"]
    assert (c.tp, c.fp, c.fn) == (0, 0, 2)


def test_livelihood_needs_substring_and_equal_lead_unit(gold) -> None:  # type: ignore[no-untyped-def]
    pred = extraction(
        tasks=[
            task("新建学校3所", "区教育局、区财政局"),
            task("新建学校3所", "区教育局", livelihood=False),
        ]
    )
    c = score([gold], [pred]).table("livelihood_projects")["all"]
    assert (c.tp, c.fp, c.fn) == (0, 1, 1)


def test_glossary_terms_compare_without_marks(gold) -> None:  # type: ignore[no-untyped-def]
    pred = extraction(
        glossary=[GlossaryEntry("《 放管服 》", "", 0, 1), GlossaryEntry("河长制", "", 0, 1)]
    )
    c = score([gold], [pred]).table("glossary")["all"]
    assert (c.tp, c.fp, c.fn) == (1, 1, 0)


def test_self_assessment_year_must_agree(gold) -> None:  # type: ignore[no-untyped-def]
    pred = extraction(assessments=[SelfAssessment("未达到", "missed", "gdp", 2018, 0, 3)])
    c = score([gold], [pred]).table("self_assessments")["all"]
    assert (c.tp, c.fp, c.fn) == (0, 1, 1)


def test_breakdowns_by_kind_indicator_and_split(tmp_path: Path) -> None:
    g = load_gold(write_gold(tmp_path, gold_dict(split="heldout")))
    s = score([g], [extraction([fact(972.4)])])
    assert s.table("facts", "split")["heldout"].tp == 1
    assert s.table("facts", "indicator")["gdp"].fn == 1
    assert set(s.table("facts", "kind")) == {"outcome"}
    assert s.table("facts", "group_split") == {"seeds/heldout": s.table("facts")["all"]}


def test_unannotated_items_are_not_scored(tmp_path: Path) -> None:
    g = load_gold(write_gold(tmp_path, gold_dict(annotated=["facts"])))
    pred = extraction(glossary=[GlossaryEntry("河长制", "", 0, 1)])
    assert score([g], [pred]).table("glossary") == {}


@pytest.mark.parametrize(
    "over",
    [{"split": "train"}, {"facts": [{"kind": "outcome", "indicator": "gdp", "measure": "level",
      "period_year": 2017, "period": "2013-2017", "value": 1, "unit": "亿元", "quote": ""}]},
     {"facts": [{"kind": "outcome", "indicator": "park_area", "measure": "level",
      "period_year": 2017, "value": 1, "unit": "亿元", "quote": ""}]}],
)  # fmt: skip
def test_invalid_gold_raises_usage_error(tmp_path: Path, over: dict[str, object]) -> None:
    with pytest.raises(UsageError, match="invalid gold file"):
        load_gold(write_gold(tmp_path, gold_dict(**over)))


def test_unreadable_gold_raises_usage_error(tmp_path: Path) -> None:
    p = tmp_path / "bad.json"
    p.write_text("{", encoding="utf-8")
    with pytest.raises(UsageError, match="cannot read gold file"):
        load_gold(p)


def test_shipped_gold_files_load_and_quotes_are_normalized() -> None:
    files = sorted(GOLD_DIR.glob("*.json"))
    assert files, "no gold files"
    fullwidth = set("，：；（）％")
    for p in files:
        g = load_gold(p)
        quotes = [f.quote for f in g.facts] + [x.quote for x in g.livelihood_projects]
        assert all(q and not (set(q) & fullwidth) for q in quotes), p.name
        assert (GOLD_DIR.parent.parent / g.document).is_file(), g.document
        keys = [fact_key(f) for f in g.facts]
        assert len(keys) == len(set(keys)), f"{p.name}: a fact is listed twice"


def test_shipped_gold_keeps_heldout_sets() -> None:
    # Issue #3 asks for >= 8 national and >= 12 local gold files with part kept out of
    # development; files read during development were moved to dev (docs/gold-format.md,
    # "Re-split"), leaving five heldout files in each corpus. Seeds are all dev.
    golds = [load_gold(p) for p in sorted(GOLD_DIR.glob("*.json"))]
    by_group: dict[str, list[str]] = {}
    for g in golds:
        by_group.setdefault(g.group, []).append(g.split)
    assert set(by_group["seeds"]) == {"dev"}
    assert len(by_group["national"]) >= 8 and len(by_group["local"]) >= 12
    for group in ("national", "local"):
        assert by_group[group].count("heldout") >= 5, group
        assert by_group[group].count("dev") >= 5, group


def test_cli_eval_json_and_errors_hide_heldout(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from luoshi.cli import cli
    from luoshi.cli import evaluate as eval_cmd

    write_gold(tmp_path, gold_dict())
    (tmp_path / "h.json").write_text(
        json.dumps(gold_dict(split="heldout"), ensure_ascii=False), encoding="utf-8"
    )
    monkeypatch.setattr(eval_cmd, "extract_for", lambda gold, root: extraction([fact(972.4)]))
    result = CliRunner().invoke(cli, ["eval", str(tmp_path), "--json", "--show-errors"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["documents"] == 2
    assert out["scores"]["facts"]["split"]["heldout"]["recall"] == 0.5
    assert {e["split"] for e in out["errors"]} == {"dev"}
    result = CliRunner().invoke(cli, ["eval", str(tmp_path), "--show-errors"])
    assert (
        result.exit_code == 0 and "miss" in result.output and "facts by indicator" in result.output
    )


def test_resolve_document_finds_repo_relative_path() -> None:
    from luoshi.cli.evaluate import resolve_document

    g = load_gold(GOLD_DIR / "seed-000.json")
    assert resolve_document(g, None).is_file()
    with pytest.raises(UsageError, match="not found"):
        resolve_document(g, GOLD_DIR)


def test_cli_eval_scores_a_rejected_document_as_empty(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from luoshi.cli import cli
    from luoshi.cli import evaluate as eval_cmd
    from luoshi.errors import NotAReportError

    write_gold(tmp_path, gold_dict())

    def reject(gold, root):  # type: ignore[no-untyped-def]
        raise NotAReportError("not a government work report: no plan section")

    monkeypatch.setattr(eval_cmd, "extract_for", reject)
    result = CliRunner().invoke(cli, ["eval", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert list(out["failed"].values()) == ["not a government work report: no plan section"]
    assert out["scores"]["facts"]["all"]["all"]["recall"] == 0.0


def test_missing_quotes_ignores_line_breaks(gold) -> None:  # type: ignore[no-untyped-def]
    from luoshi.evaluate import missing_quotes

    text = "全区实现地区生产总值972.4亿元、\n同比增长8%\n“放管服”:简政放权、放管结合、优化服务\n未达到9%的预期目标"
    assert missing_quotes(gold, text) == ["新建学校3所"]
