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
