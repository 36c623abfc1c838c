"""``luoshi extract``, ``luoshi targets`` and ``luoshi tasks``: the data inside reports.

``extract --json`` prints ONE JSON array, one object per document: the parse fields (as
``luoshi parse --json``) plus ``facts``, ``tasks``, ``glossary`` and ``self_assessments``, each
item with ``start``/``end`` into the normalized text (and ``quote`` equal to that slice for facts).
``extract --csv`` prints one row per fact with its file. Unreadable inputs are reported on stderr
("luoshi: error: FILE: message") and the others still processed; exit status 1 if any failed.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from luoshi.errors import LuoshiError
from luoshi.extract.ontology import Ontology, load_ontology
from luoshi.extract.run import extract_all
from luoshi.models import Extraction, Fact, GlossaryEntry, Quantity, SelfAssessment, Task
from luoshi.pipeline import Parsed, parse_bytes, parse_path

FACT_FIELDS = (
    "kind", "indicator", "metric", "measure", "value", "value_high", "unit", "base_value",
    "base_unit", "qualifier", "tier", "basis", "period_year", "period", "start", "end", "quote",
)  # fmt: skip


def fact_to_dict(fact: Fact) -> dict[str, Any]:
    return {name: getattr(fact, name) for name in FACT_FIELDS}


def quantity_to_dict(q: Quantity) -> dict[str, Any]:
    return {
        "text": q.text, "value": q.value, "value_high": q.value_high, "unit": q.unit,
        "base_value": q.base_value, "base_unit": q.base_unit, "qualifier": q.qualifier,
        "start": q.start, "end": q.end,
    }  # fmt: skip


def task_to_dict(task: Task) -> dict[str, Any]:
    return {
        "text": task.text, "lead_unit": task.lead_unit, "units": list(task.units),
        "deadline": task.deadline, "quantities": [quantity_to_dict(q) for q in task.quantities],
        "check_type": task.check_type, "section": task.section, "livelihood": task.livelihood,
        "projects": list(task.projects), "start": task.start, "end": task.end,
    }  # fmt: skip


def glossary_to_dict(entry: GlossaryEntry) -> dict[str, Any]:
    return {"term": entry.term, "definition": entry.definition, "start": entry.start, "end": entry.end}


def assessment_to_dict(item: SelfAssessment) -> dict[str, Any]:
    return {
        "verdict": item.verdict, "indicator": item.indicator, "year": item.year,
        "text": item.text, "start": item.start, "end": item.end,
    }  # fmt: skip


def extraction_to_dict(parsed: Parsed, extraction: Extraction) -> dict[str, Any]:
    """One document as JSON: the parse fields, then everything extracted from it."""
    from luoshi.serialize import report_to_dict

    return {
        **report_to_dict(parsed),
        "facts": [fact_to_dict(f) for f in extraction.facts],
        "tasks": [task_to_dict(t) for t in extraction.tasks],
        "glossary": [glossary_to_dict(g) for g in extraction.glossary],
        "self_assessments": [assessment_to_dict(a) for a in extraction.self_assessments],
    }


def _extract_inputs(
    paths: Sequence[str], ontology: Ontology
) -> Iterator[tuple[str, Parsed, Extraction] | tuple[str, LuoshiError, None]]:
    """(name, parsed, extraction) per input, or (name, error, None); usage errors propagate."""
    from luoshi.ingest.reader import iter_input_paths

    for path in list(iter_input_paths(list(paths))):
        name = "<stdin>" if str(path) == "-" else str(path)
        try:
            if name == "<stdin>":
                parsed = parse_bytes(sys.stdin.buffer.read(), "<stdin>")
            else:
                parsed = parse_path(path)
            yield name, parsed, extract_all(parsed.text, parsed.report, ontology)
        except LuoshiError as exc:
            if exc.exit_code == 2:
                raise
            yield name, exc, None


def _run(paths: Sequence[str], ontology_files: Sequence[Path]) -> tuple[list, bool]:
    ontology = load_ontology(ontology_files)
    results, failed = [], False
    for name, parsed, extraction in _extract_inputs(paths, ontology):
        if extraction is None:
            click.echo(f"luoshi: error: {name}: {parsed}", err=True)
            failed = True
        else:
            results.append((name, parsed, extraction))
    return results, failed


_paths = click.argument("paths", nargs=-1, required=True)
_ontology = click.option(
    "--ontology", "ontology_files", multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="An extra indicator ontology (TOML, same shape as the shipped indicators.toml); "
    "repeatable. Entries with an existing key extend that indicator.",
)  # fmt: skip
_json = click.option("--json", "as_json", is_flag=True, help="Print JSON for programs.")


@click.command("extract")
@_paths
@_json
@click.option("--csv", "as_csv", is_flag=True, help="Print one CSV row per fact, with its file.")
@_ontology
def extract(paths: tuple[str, ...], as_json: bool, as_csv: bool, ontology_files: tuple[Path, ...]) -> None:
    """Extract facts, tasks, glossary and self-assessments from PATHS (files, dirs, globs, -)."""
    if as_json and as_csv:
        raise click.UsageError("choose one of --json and --csv")
    results, failed = _run(paths, ontology_files)
    if as_json:
        docs = [extraction_to_dict(parsed, ex) for _, parsed, ex in results]
        click.echo(json.dumps(docs, ensure_ascii=False, indent=2))
    elif as_csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(("file", *FACT_FIELDS))
        for name, _, ex in results:
            for fact in ex.facts:
                writer.writerow((name, *(getattr(fact, f) for f in FACT_FIELDS)))
    else:
        console = Console()
        for name, _, ex in results:
            console.print(_facts_table(name, ex.facts))
            console.print(
                f"{len(ex.tasks)} tasks, {len(ex.glossary)} glossary terms, "
                f"{len(ex.self_assessments)} self-assessments"
            )
    if failed:
        sys.exit(1)


@click.command("targets")
@_paths
@_json
@_ontology
def targets(paths: tuple[str, ...], as_json: bool, ontology_files: tuple[Path, ...]) -> None:
    """List the target facts (预期目标, 力争, 确保 …) of the reports in PATHS."""
    results, failed = _run(paths, ontology_files)
    if as_json:
        rows = [
            {"file": name, **fact_to_dict(f)}
            for name, _, ex in results
            for f in ex.facts
            if f.kind == "target"
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        console = Console()
        for name, _, ex in results:
            console.print(_facts_table(name, [f for f in ex.facts if f.kind == "target"]))
    if failed:
        sys.exit(1)


@click.command("tasks")
@_paths
@_json
@_ontology
def tasks(paths: tuple[str, ...], as_json: bool, ontology_files: tuple[Path, ...]) -> None:
    """List the tasks and livelihood projects of the reports in PATHS, with lead units."""
    results, failed = _run(paths, ontology_files)
    if as_json:
        rows = [{"file": name, **task_to_dict(t)} for name, _, ex in results for t in ex.tasks]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        console = Console()
        for name, _, ex in results:
            console.print(_tasks_table(name, ex.tasks))
    if failed:
        sys.exit(1)


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


def _facts_table(name: str, facts: Sequence[Fact]) -> Table:
    table = Table(title=f"{name}: {len(facts)} facts", title_justify="left")
    for column in ("kind", "indicator", "measure", "value", "unit", "qualifier", "tier", "year", "quote"):
        table.add_column(column, overflow="fold")
    for f in facts:
        value = _number(f.value) + (f"–{_number(f.value_high)}" if f.value_high is not None else "")
        table.add_row(
            f.kind, f.indicator or f"({f.metric})", f.measure, value, f.unit or "",
            f.qualifier or "", f.tier, f.period or _number(f.period_year), f.quote,
        )  # fmt: skip
    return table


def _tasks_table(name: str, items: Sequence[Task]) -> Table:
    table = Table(title=f"{name}: {len(items)} tasks", title_justify="left")
    for column in ("check", "lead unit", "deadline", "section", "text"):
        table.add_column(column, overflow="fold")
    for t in items:
        kind = t.check_type + (" (实事)" if t.livelihood else "")
        table.add_row(kind, t.lead_unit or "", t.deadline or "", t.section, t.text)
    return table
