"""Exports open in the tools researchers use, with the right column types and intact Chinese."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from luoshi.export import COLUMNS, export_rows, write_export
from luoshi.extract.attention import load_dictionary
from luoshi.store.db import open_engine
from luoshi.store.ingest import ingest_paths

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "src" / "luoshi" / "data" / "seeds").glob("*.txt")) + [
    ROOT / "tests" / "fixtures" / "national" / "national-2005.txt",
    ROOT / "tests" / "fixtures" / "national" / "national-2006.txt",
]
PROVENANCE = ("report_id", "region_code", "region_name", "plan_year", "source", "start", "end",
              "quote")


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine = open_engine(str(tmp_path_factory.mktemp("export") / "luoshi.db"))
    summary = ingest_paths(engine, CORPUS, workers=1)
    assert summary.count("ingested") == len(CORPUS)
    yield engine
    engine.dispose()


def _write(engine, tmp_path, what, fmt):
    out = tmp_path / f"{what}.{fmt}"
    dictionaries = [load_dictionary("livelihood")] if what == "attention" else ()
    write_export(export_rows(engine, what, dictionaries), what, fmt, out)
    return out


@pytest.mark.parametrize("what", ["facts", "targets", "tasks", "attention"])
def test_csv(engine, tmp_path, what) -> None:
    import pandas as pd

    frame = pd.read_csv(_write(engine, tmp_path, what, "csv"), encoding="utf-8-sig")
    assert len(frame) > 0 and list(frame.columns) == [n for n, _ in COLUMNS[what]]
    assert frame["plan_year"].dtype.kind == "i" and frame["report_id"].dtype.kind == "i"
    assert frame[list(PROVENANCE)].notna().all().all()
    codes = pd.read_csv(tmp_path / f"{what}.csv", encoding="utf-8-sig", dtype={"region_code": str})
    assert codes["region_code"].str.fullmatch(r"\d{6}").all()  # leading zeros kept in the file
    if what in ("facts", "targets"):
        assert frame["value"].dtype.kind == "f"
        # seed 003: "全年完成地区生产总值1102.5亿元,增长9%"
        assert frame["quote"].str.contains("增长9%").any()


def test_xlsx_numbers_are_numbers(engine, tmp_path) -> None:
    from openpyxl import load_workbook

    sheet = load_workbook(_write(engine, tmp_path, "facts", "xlsx"), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(body) > 0
    col = {name: i for i, name in enumerate(header)}
    for row in body:
        assert isinstance(row[col["plan_year"]], int) and isinstance(row[col["report_id"]], int)
        assert isinstance(row[col["start"]], int) and isinstance(row[col["quote"]], str)
        assert row[col["value"]] is None or isinstance(row[col["value"]], (int, float))
        assert all(row[col[name]] is not None for name in PROVENANCE)
    assert any(isinstance(row[col["value"]], (int, float)) for row in body)


def test_parquet_types(engine, tmp_path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(_write(engine, tmp_path, "facts", "parquet"))
    assert table.schema.field("plan_year").type == pa.int64()
    assert table.schema.field("period_year").type == pa.int64()
    assert table.schema.field("value").type == pa.float64()
    assert table.schema.field("quote").type == pa.string()
    frame = table.to_pandas()
    assert frame[list(PROVENANCE)].notna().all().all()
    assert frame["region_code"].isin(["000000", "420106"]).any()  # text, leading zeros kept


def test_stata_types_and_chinese(engine, tmp_path) -> None:
    import pyreadstat

    frame, meta = pyreadstat.read_dta(str(_write(engine, tmp_path, "facts", "dta")))
    # "end" is reserved in Stata: the span columns are span_start/span_end there
    assert {"span_start", "span_end", "quote", "source"} <= set(frame.columns)
    assert meta.readstat_variable_types["span_end"] in ("int32", "int16", "int8")
    assert meta.readstat_variable_types["plan_year"] in ("int32", "int16", "int8")
    assert meta.readstat_variable_types["value"] == "double"
    assert meta.readstat_variable_types["quote"] == "string"
    assert frame["region_name"].isin(["武昌区"]).any()
    assert frame["quote"].str.contains("国内生产总值").any()
    assert (frame["plan_year"] >= 2005).all()
    assert frame["region_code"].isin(["000000"]).any()


def test_jsonl_lines_parse(engine, tmp_path) -> None:
    lines = _write(engine, tmp_path, "tasks", "jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    assert len(rows) > 0
    for row in rows:
        assert all(row[name] is not None for name in PROVENANCE)
        assert isinstance(row["plan_year"], int) and isinstance(row["start"], int)


def _read_links(path: Path, fmt: str) -> list[dict]:
    """The rows of a links export read back with the tool a researcher would use."""
    import pandas as pd

    if fmt == "csv":
        frame = pd.read_csv(path, encoding="utf-8-sig", dtype={"region_code": str})
    elif fmt == "parquet":
        frame = pd.read_parquet(path)
    elif fmt == "xlsx":
        frame = pd.read_excel(path, dtype={"region_code": str})
    elif fmt == "dta":
        frame = pd.read_stata(path).rename(columns={"span_start": "start", "span_end": "end"})
    else:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    # Stata has no missing string: the writer puts "" there
    return [{k: (None if pd.isna(v) or (fmt == "dta" and v == "") else v) for k, v in row.items()}
            for row in frame.to_dict("records")]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet", "dta", "jsonl"])
def test_links_every_format(engine, tmp_path, fmt) -> None:
    from sqlalchemy import func, select

    from luoshi.service import track
    from luoshi.store.schema import DocumentRow, LinkRow, ReportRow

    rows = _read_links(_write(engine, tmp_path, "links", fmt), fmt)
    with engine.connect() as connection:
        assert len(rows) == connection.scalar(select(func.count(LinkRow.id)))
        texts = dict(connection.execute(
            select(ReportRow.id, DocumentRow.normalized)
            .join(DocumentRow, DocumentRow.id == ReportRow.document_id)).all())
    assert len(rows) == len(track(engine, "national")) + sum(
        len(track(engine, code)) for code in {r["region_code"] for r in rows} - {"000000"})
    for row in rows:
        assert all(row[name] is not None for name in PROVENANCE)
        assert texts[int(row["report_id"])][int(row["start"]):int(row["end"])] == row["quote"]
        if row["outcome_quote"] is not None:
            o_text = texts[int(row["outcome_report_id"])]
            assert o_text[int(row["outcome_start"]):int(row["outcome_end"])] == row["outcome_quote"]
    # national-2005.txt "国内生产总值增长8%左右"; national-2006.txt "比上年增长9.9%"
    [gdp] = [r for r in rows if r["indicator"] == "gdp" and r["measure"] == "growth"
             and r["period_year"] == 2005 and r["tier"] == "base"]
    assert gdp["source"].endswith("national-2005.txt") and gdp["region_name"]
    assert gdp["region_code"] == "000000" and gdp["plan_year"] == 2005
    assert gdp["outcome_source"].endswith("national-2006.txt") and gdp["outcome_plan_year"] == 2006
    assert "8%左右" in gdp["quote"] and "9.9%" in gdp["outcome_quote"]
    assert gdp["verdict"] == "exceeded" and gdp["delta"] == pytest.approx(1.9)
    assert gdp["target_value"] == 8.0 and gdp["outcome_value"] == pytest.approx(9.9)
    if fmt == "jsonl":  # typed values: ints are ints, numbers numbers
        assert isinstance(gdp["plan_year"], int) and isinstance(gdp["outcome_report_id"], int)
        assert isinstance(gdp["delta"], float) and isinstance(gdp["quote"], str)


def test_links_column_types(engine, tmp_path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq
    import pyreadstat

    schema = pq.read_table(_write(engine, tmp_path, "links", "parquet")).schema
    for name in ("report_id", "plan_year", "period_year", "outcome_report_id", "outcome_start"):
        assert schema.field(name).type == pa.int64(), name
    for name in ("delta", "target_value", "outcome_value"):
        assert schema.field(name).type == pa.float64(), name
    assert schema.field("verdict").type == pa.string()
    _frame, meta = pyreadstat.read_dta(str(_write(engine, tmp_path, "links", "dta")))
    types = meta.readstat_variable_types
    assert types["outcome_report_id"] in ("int32", "int16", "int8") and types["delta"] == "double"
    assert types["outcome_quote"] == "string" and types["span_end"] in ("int32", "int16", "int8")
    from openpyxl import load_workbook

    sheet = load_workbook(_write(engine, tmp_path, "links", "xlsx"), read_only=True).active
    header, *body = list(sheet.iter_rows(values_only=True))
    col = {name: i for i, name in enumerate(header)}
    answered = [row for row in body if row[col["outcome_report_id"]] is not None]
    assert answered and all(isinstance(row[col["outcome_report_id"]], int)
                            and isinstance(row[col["period_year"]], int)
                            and isinstance(row[col["outcome_value"]], (int, float))
                            for row in answered)
