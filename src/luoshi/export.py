"""Exports researchers and offices open: CSV, Excel, Parquet, Stata, JSON Lines.

``links`` are the stored links of ``luoshi.store.links`` (what ``luoshi track`` shows with the
shipped rules): the provenance and span of the target, then the outcome's report, span and quote.

Every row carries its provenance: report id, region code and name, plan year, source file, the
span (normalized ``start``/``end`` and original ``orig_start``/``orig_end``) and the quote. Column
types are declared once (``COLUMNS``) and honoured by each writer: integers stay integers (years
too), numbers stay numbers, text stays UTF-8 (Stata format 118; there ``start``/``end`` are named
``span_start``/``span_end`` because ``end`` is reserved in Stata).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from luoshi.errors import UsageError
from luoshi.store.schema import DocumentRow, FactRow, ReportRow, TaskRow

What = Literal["facts", "targets", "tasks", "attention", "links"]
Kind = Literal["int", "float", "str"]
FORMATS = ("csv", "xlsx", "parquet", "dta", "jsonl")

PROVENANCE: list[tuple[str, Kind]] = [
    ("report_id", "int"), ("region_code", "str"), ("region_name", "str"), ("plan_year", "int"),
    ("source", "str"),
]
SPAN: list[tuple[str, Kind]] = [
    ("start", "int"), ("end", "int"), ("orig_start", "int"), ("orig_end", "int"), ("quote", "str"),
]
FACT_COLUMNS: list[tuple[str, Kind]] = [
    ("kind", "str"), ("indicator", "str"), ("metric", "str"), ("measure", "str"),
    ("value", "float"), ("value_high", "float"), ("unit", "str"), ("base_value", "float"),
    ("base_unit", "str"), ("qualifier", "str"), ("tier", "str"), ("basis", "str"),
    ("period_year", "int"), ("period", "str"),
]
TASK_COLUMNS: list[tuple[str, Kind]] = [
    ("text", "str"), ("lead_unit", "str"), ("units", "str"), ("deadline", "str"),
    ("check_type", "str"), ("section", "str"), ("livelihood", "int"),
]
ATTENTION_COLUMNS: list[tuple[str, Kind]] = [
    ("dictionary", "str"), ("characters", "int"), ("matches", "int"), ("per_10k", "float"),
]
#: ``links``: the provenance and span are the target's; the outcome has its own report and span.
LINK_COLUMNS: list[tuple[str, Kind]] = [
    ("indicator", "str"), ("measure", "str"), ("tier", "str"), ("period_year", "int"),
    ("verdict", "str"), ("delta", "float"),
    ("target_value", "float"), ("target_value_high", "float"), ("target_unit", "str"),
    ("target_qualifier", "str"),
    ("outcome_report_id", "int"), ("outcome_plan_year", "int"), ("outcome_source", "str"),
    ("outcome_value", "float"), ("outcome_unit", "str"), ("outcome_start", "int"),
    ("outcome_end", "int"), ("outcome_orig_start", "int"), ("outcome_orig_end", "int"),
    ("outcome_quote", "str"), ("flags", "str"),
]
COLUMNS: dict[str, list[tuple[str, Kind]]] = {
    "facts": PROVENANCE + FACT_COLUMNS + SPAN,
    "targets": PROVENANCE + FACT_COLUMNS + SPAN,
    "tasks": PROVENANCE + TASK_COLUMNS + SPAN,
    "attention": PROVENANCE + ATTENTION_COLUMNS + SPAN,
    "links": PROVENANCE + LINK_COLUMNS + SPAN,
}


def _provenance(report: ReportRow, source: str) -> dict:
    return {"report_id": report.id, "region_code": report.region_code,
            "region_name": report.region_name, "plan_year": report.plan_year, "source": source}


def _fact_rows(engine: Engine, targets_only: bool) -> Iterator[dict]:
    query = (
        select(FactRow, ReportRow, DocumentRow.source)
        .join(ReportRow, ReportRow.id == FactRow.report_id)
        .join(DocumentRow, DocumentRow.id == ReportRow.document_id)
        .order_by(ReportRow.id, FactRow.start)
    )
    if targets_only:
        query = query.where(FactRow.kind == "target")
    names = [n for n, _ in FACT_COLUMNS + SPAN]
    with Session(engine) as connection:
        for fact, report, source in connection.execute(query.execution_options(yield_per=1000)):
            yield {**_provenance(report, source), **{n: getattr(fact, n) for n in names}}


def _task_rows(engine: Engine) -> Iterator[dict]:
    query = (
        select(TaskRow, ReportRow, DocumentRow.source)
        .join(ReportRow, ReportRow.id == TaskRow.report_id)
        .join(DocumentRow, DocumentRow.id == ReportRow.document_id)
        .order_by(ReportRow.id, TaskRow.start)
    )
    with Session(engine) as connection:
        for task, report, source in connection.execute(query.execution_options(yield_per=1000)):
            yield {
                **_provenance(report, source), "text": task.text, "lead_unit": task.lead_unit,
                "units": "; ".join(task.units), "deadline": task.deadline,
                "check_type": task.check_type, "section": task.section,
                "livelihood": int(task.livelihood), "start": task.start, "end": task.end,
                "orig_start": task.orig_start, "orig_end": task.orig_end, "quote": task.text,
            }


def _attention_rows(engine: Engine, dictionaries: Iterable) -> Iterator[dict]:
    """One row per report and dictionary; the span is the whole text, the quote its top terms."""
    from luoshi.extract.attention import measure_attention

    query = (
        select(ReportRow, DocumentRow.source, DocumentRow.normalized, DocumentRow.original)
        .join(DocumentRow, DocumentRow.id == ReportRow.document_id)
        .order_by(ReportRow.id)
    )
    dictionaries = list(dictionaries)
    with Session(engine) as connection:
        for report, source, normalized, original in connection.execute(query.execution_options(yield_per=1000)):
            for dictionary in dictionaries:
                score = measure_attention(normalized, dictionary)
                top = "、".join(f"{term}×{n}" for term, n in score.top_terms)
                yield {
                    **_provenance(report, source), "dictionary": dictionary.name,
                    "characters": score.characters, "matches": score.matches,
                    "per_10k": round(score.per_10k, 4), "start": 0, "end": len(normalized),
                    "orig_start": 0, "orig_end": len(original), "quote": top,
                }


def _link_rows(engine: Engine) -> Iterator[dict]:
    """Stored links (``luoshi.store.links``), one row per target, in target report order."""
    from sqlalchemy.orm import aliased

    from luoshi.store.schema import LinkRow

    target, outcome = aliased(FactRow), aliased(FactRow)
    outcome_report, outcome_document = aliased(ReportRow), aliased(DocumentRow)
    query = (
        select(LinkRow, target, ReportRow, DocumentRow.source, outcome, outcome_report.plan_year,
               outcome_document.source)
        .join(target, target.id == LinkRow.target_fact_id)
        .join(ReportRow, ReportRow.id == target.report_id)
        .join(DocumentRow, DocumentRow.id == ReportRow.document_id)
        .outerjoin(outcome, outcome.id == LinkRow.outcome_fact_id)
        .outerjoin(outcome_report, outcome_report.id == outcome.report_id)
        .outerjoin(outcome_document, outcome_document.id == outcome_report.document_id)
        .order_by(ReportRow.id, LinkRow.id)
    )
    with Session(engine) as connection:
        for link, t, report, source, o, o_year, o_source in connection.execute(
                query.execution_options(yield_per=1000)):
            yield {
                **_provenance(report, source), "indicator": link.indicator,
                "measure": link.measure, "tier": link.tier, "period_year": link.period_year,
                "verdict": link.verdict, "delta": link.delta, "target_value": t.value,
                "target_value_high": t.value_high, "target_unit": t.unit,
                "target_qualifier": t.qualifier,
                "outcome_report_id": o.report_id if o else None, "outcome_plan_year": o_year,
                "outcome_source": o_source, "outcome_value": o.value if o else None,
                "outcome_unit": o.unit if o else None, "outcome_start": o.start if o else None,
                "outcome_end": o.end if o else None,
                "outcome_orig_start": o.orig_start if o else None,
                "outcome_orig_end": o.orig_end if o else None,
                "outcome_quote": o.quote if o else None, "flags": "; ".join(link.flags),
                "start": t.start, "end": t.end, "orig_start": t.orig_start,
                "orig_end": t.orig_end, "quote": t.quote,
            }


def export_rows(engine: Engine, what: What, dictionaries: Iterable = ()) -> Iterator[dict]:
    """The rows of one export, in report order."""
    if what in ("facts", "targets"):
        return _fact_rows(engine, targets_only=what == "targets")
    if what == "tasks":
        return _task_rows(engine)
    if what == "attention":
        return _attention_rows(engine, dictionaries)
    if what == "links":
        return _link_rows(engine)
    raise UsageError(f"unknown export {what!r}")


def write_export(rows: Iterable[dict], what: What, fmt: str, out: Path | None) -> None:
    """Write rows in ``fmt`` to ``out`` (stdout for csv/jsonl when ``out`` is None)."""
    columns = COLUMNS[what]
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if out is None and fmt not in ("csv", "jsonl"):
        raise UsageError(f"--format {fmt} is binary: give an output file with --output")
    writer = {"csv": _write_csv, "jsonl": _write_jsonl, "xlsx": _write_xlsx,
              "parquet": _write_parquet, "dta": _write_dta}[fmt]
    writer(rows, columns, out)


def _text_sink(out: Path | None, encoding: str):
    import sys

    if out is None:
        return io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=True)
    return open(out, "w", encoding=encoding, newline="")


def _finish(sink, out: Path | None) -> None:
    sink.flush()
    if out is None:
        sink.detach()  # leave stdout open: closing the wrapper would close sys.stdout's buffer
    else:
        sink.close()


def _write_csv(rows, columns, out) -> None:
    # utf-8-sig for files: Excel opens BOM-marked UTF-8 CSV with Chinese intact.
    sink = _text_sink(out, "utf-8-sig")
    writer = csv.DictWriter(sink, fieldnames=[n for n, _ in columns], extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    _finish(sink, out)


def _write_jsonl(rows, columns, out) -> None:
    sink = _text_sink(out, "utf-8")
    names = [n for n, _ in columns]
    for row in rows:
        sink.write(json.dumps({n: row.get(n) for n in names}, ensure_ascii=False) + "\n")
    _finish(sink, out)


def _write_xlsx(rows, columns, out) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("luoshi")
    names = [n for n, _ in columns]
    sheet.append(names)
    for row in rows:
        sheet.append([row.get(n) for n in names])
    workbook.save(out)


def _write_parquet(rows, columns, out) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"int": pa.int64(), "float": pa.float64(), "str": pa.string()}
    schema = pa.schema([(n, types[k]) for n, k in columns])
    rows = list(rows)
    table = pa.Table.from_pydict({n: [r.get(n) for r in rows] for n, _ in columns}, schema=schema)
    pq.write_table(table, out)


#: Column names changed in Stata files only ("end" is a reserved word there).
STATA_RENAMES = {"start": "span_start", "end": "span_end"}


def _write_dta(rows, columns, out) -> None:
    import pandas as pd

    rows = list(rows)
    data = {}
    for name, kind in columns:
        values = [r.get(name) for r in rows]
        if kind == "int":
            # nullable Int32 is stored as a Stata long with "." for missing
            data[name] = pd.Series(values, dtype="Int32")
        elif kind == "float":
            data[name] = pd.Series(values, dtype="float64")
        else:
            data[name] = pd.Series(["" if v is None else str(v) for v in values], dtype=object)
    # Stata reserves "end"; rename both span columns the same way rather than let pandas do "_end"
    frame = pd.DataFrame(data).rename(columns=STATA_RENAMES)
    long_text = [n for n in frame.columns
                 if frame[n].dtype == object and frame[n].str.len().max() > 2000]
    frame.to_stata(out, version=118, write_index=False, convert_strl=long_text)
