"""The indicator ontology: shipped data, longest-synonym lookup, user files."""

from __future__ import annotations

import random
import tomllib
from importlib import resources

import pytest

from luoshi.datafiles import trie_regex
from luoshi.errors import UsageError
from luoshi.extract.ontology import UNIT_FAMILIES, build_ontology, load_ontology

CORE = (
    "gdp", "general_budget_revenue", "fixed_asset_investment", "retail_sales",
    "industrial_value_added", "service_value_added", "urban_disposable_income",
    "rural_disposable_income", "per_capita_disposable_income", "urban_new_jobs",
    "registered_unemployment_rate", "surveyed_unemployment_rate", "cpi", "import_export",
    "foreign_investment", "grain_output", "energy_intensity", "deficit_ratio", "deficit",
    "special_bonds", "m2", "rd_intensity", "air_quality_good_days", "pm25",
)  # fmt: skip


def test_shipped_ontology_has_core_keys_and_80_indicators():
    onto = load_ontology()
    assert len(onto) >= 80
    for key in CORE:
        assert key in onto and onto.indicators[key].core, key
    assert {k for k, i in onto.indicators.items() if i.core} == set(CORE)
    for ind in onto.indicators.values():
        assert ind.name and ind.unit in UNIT_FAMILIES


def test_no_synonym_is_claimed_twice_in_the_shipped_file():
    raw = tomllib.loads(resources.files("luoshi.data").joinpath("indicators.toml").read_text("utf-8"))
    seen: dict[str, str] = {}
    for entry in raw["indicator"]:
        for written in [entry["name"], *entry["synonyms"]]:
            assert seen.setdefault(written, entry["key"]) == entry["key"], written


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("全区实现地区生产总值972.4亿元", "gdp"),  # seed 000
        ("国内生产总值增长8%左右", "gdp"),  # national 2005
        ("单位国内生产总值能耗降低4%左右", "energy_intensity"),  # longest match, not gdp
        ("地方一般公共预算收入完成预算目标", "general_budget_revenue"),  # seed 003
        ("一般公共预算总收入", "general_budget_total_revenue"),  # a distinct indicator
        ("财政总收入增长8%", "fiscal_revenue"),  # seed 000
        ("居民消费价格总水平涨幅控制在4%", "cpi"),  # national 2005
        ("城镇调查失业率控制在5.5%以内", "surveyed_unemployment_rate"),  # seed 002
        ("农村居民人均纯收入2936元", "rural_disposable_income"),  # national 2005, older name
        ("全社会研发经费支出占比达到2.8%", "rd_intensity"),  # seed 001
    ],
)
def test_lookup_takes_the_longest_synonym(written, key):
    found = load_ontology().find(written)
    assert found and found[0].key == key
    assert written[found[0].start : found[0].end] == found[0].written


def test_trie_regex_matches_like_a_longest_first_alternation():
    rng = random.Random(7)
    words = sorted({"".join(rng.choice("甲乙丙丁") for _ in range(rng.randint(1, 4))) for _ in range(40)})
    import re

    trie = re.compile(trie_regex(words))
    plain = re.compile("|".join(sorted(words, key=len, reverse=True)))
    for _ in range(300):
        text = "".join(rng.choice("甲乙丙丁戊") for _ in range(20))
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_user_file_adds_and_extends_indicators(tmp_path):
    user = tmp_path / "mine.toml"
    user.write_text(
        '[[indicator]]\nkey = "cultural_value_added"\nname = "文创产业增加值"\nsynonyms = []\n'
        'unit = "money"\nhigher_is_better = true\n\n'
        '[[indicator]]\nkey = "gdp"\nsynonyms = ["经济规模"]\n',
        encoding="utf-8",
    )
    onto = load_ontology([user])
    assert onto.find("全年实现文创产业增加值34亿元")[0].key == "cultural_value_added"
    assert onto.lookup("经济规模") == "gdp" and onto.lookup("国内生产总值") == "gdp"
    assert onto.indicators["gdp"].core  # fields not given are kept
    assert "cultural_value_added" not in load_ontology()  # the shipped one is untouched


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[[indicator]]\nname = 'x'\nunit = 'money'\n", "has no key"),
        ("[[indicator]]\nkey = 'x'\nname = 'x'\nunit = 'furlongs'\n", "has unit 'furlongs'"),
        ("[[indicator\n", "not valid UTF-8 TOML"),
    ],
)
def test_bad_user_file_is_a_usage_error(tmp_path, content, message):
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        load_ontology([path])


def test_missing_user_file_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="cannot read ontology file"):
        load_ontology([tmp_path / "absent.toml"])


def test_build_ontology_later_file_wins_a_shared_synonym():
    a = ("a", {"indicator": [{"key": "x", "name": "甲", "synonyms": ["丙"], "unit": "count"}]})
    b = ("b", {"indicator": [{"key": "y", "name": "乙", "synonyms": ["丙"], "unit": "count"}]})
    assert build_ontology([a, b]).lookup("丙") == "y"
