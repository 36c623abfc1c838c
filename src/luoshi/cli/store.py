"""Commands over the database: ingest, reports, show, track, compare, search."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from luoshi.errors import UsageError

DB_HELP = (
    "Database: an SQLite file path or an SQLAlchemy URL (postgresql+psycopg://…). "
    "Default: $LUOSHI_DATABASE_URL, else ~/.local/share/luoshi/luoshi.db."
)
db_option = click.option("--db", metavar="PATH|URL", default=None, help=DB_HELP)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for programs.")


def _engine(db: str | None):
    from luoshi.store.db import open_engine

    return open_engine(db)


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


@click.command()
@click.argument("paths", nargs=-1)
@db_option
@click.option("--workers", type=int, default=None, help="Worker processes (default: all cores).")
@click.option("--reextract", is_flag=True,
              help="Re-run the current extractor over every stored document, replacing its rows "
                   "(after ingesting PATHS, if any are given).")
def ingest(paths: tuple[str, ...], db: str | None, workers: int | None, reextract: bool) -> None:
    """Ingest report files, directories or globs into the database (idempotent, atomic per file).

    Afterwards the links (targets with outcomes, tasks with the next review) of every region the
    batch touched are recomputed, one transaction per region.
    """
    from luoshi.ingest.reader import iter_input_paths
    from luoshi.store.ingest import IngestSummary, ingest_paths

    if not paths and not reextract:
        raise UsageError("give files, directories or globs to ingest (or --reextract)")
    engine = _engine(db)
    files = list(iter_input_paths(paths)) if paths else []
    if paths and not files:
        raise UsageError("no input files found in " + " ".join(paths))
    console = _console()
    summary = IngestSummary()
    if files:
        columns = (TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=Console(stderr=True),
                      disable=not sys.stderr.isatty()) as bar:
            task = bar.add_task("ingest", total=len(files))
            summary = ingest_paths(engine, files, workers=workers,
                                   on_outcome=lambda _o: bar.advance(task))
    if reextract:
        from luoshi.store.reextract import reextract_all

        count = reextract_all(engine)
        console.print(f"re-extracted {count} stored documents")
    table = Table(title="ingest summary")
    for column in ("ingested", "already present", "rejected"):
        table.add_column(column, justify="right")
    table.add_row(*(str(summary.count(s)) for s in ("ingested", "present", "rejected")))
    console.print(table)
    for outcome in summary.outcomes:
        if outcome.status == "rejected":
            click.echo(f"luoshi: rejected: {outcome.path}: {outcome.message}", err=True)
    if summary.count("rejected"):
        sys.exit(1)


@click.command()
@db_option
@click.option("--region", default=None, help="Region code, name, or 'national'.")
@click.option("--level", type=click.Choice(["national", "provincial", "prefecture", "county"]),
              default=None, help="Administrative level.")
@click.option("--year", type=int, default=None, help="Plan year.")
@json_option
def reports(db, region, level, year, as_json) -> None:
    """List stored reports."""
    from dataclasses import asdict

    from luoshi.service import list_reports

    rows = list_reports(_engine(db), region=region, level=level, year=year)
    if as_json:
        click.echo(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1))
        return
    table = Table()
    for column in ("id", "region", "code", "level", "plan year", "delivered", "type", "facts",
                   "source"):
        table.add_column(column)
    for r in rows:
        table.add_row(str(r.id), r.region_name or "?", r.region_code or "?", r.region_level or "?",
                      str(r.plan_year or "?"), r.delivered or "", r.document_type, str(r.facts),
                      Path(r.source).name)
    _console().print(table)


@click.command()
@click.argument("region")
@db_option
@click.option("--indicator", default=None, help="Ontology key, e.g. gdp (default: all).")
@click.option("--rules", "rules_file", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Verdict rules TOML (default: the shipped data/verdict_rules.toml). With a file "
                   "the links are computed on the fly instead of read from the database.")
@json_option
def track(region, db, indicator, rules_file, as_json) -> None:
    """Targets of REGION (code, name or 'national') against the outcomes reported later.

    With the shipped rules the links stored by `luoshi ingest` are read (computed on the fly for a
    region whose links are not current); with --rules FILE they are computed on the fly.
    """
    from luoshi.link.verdicts import load_rules
    from luoshi.service import track as track_rows
    from luoshi.service import track_row_to_dict

    rules = load_rules(Path(rules_file)) if rules_file else None
    rows = track_rows(_engine(db), region, indicator=indicator, rules=rules,
                      use_stored=rules_file is None)
    if as_json:
        click.echo(json.dumps([track_row_to_dict(r) for r in rows], ensure_ascii=False, indent=1))
        return
    table = Table(show_lines=True)
    for column in ("year", "indicator", "tier", "target", "outcome", "verdict", "Δ"):
        table.add_column(column)
    for row in rows:
        d = track_row_to_dict(row)
        outcome = d["outcome"]
        table.add_row(
            str(row.period_year), f"{row.indicator} ({row.measure})", row.tier,
            f"{d['target']['quote']}\n[dim]{Path(d['target']['report']).name}[/dim]",
            "—" if outcome is None else
            f"{outcome['quote']}\n[dim]{Path(outcome['report']).name}[/dim]",
            row.verdict + ("\n[red]" + "\n".join(row.flags) + "[/red]" if row.flags else ""),
            "" if row.delta is None else f"{row.delta:+.2f}",
        )
    _console().print(table)


@click.command()
@db_option
@click.option("--indicator", required=True, help="Ontology key, e.g. gdp.")
@click.option("--year", type=int, required=True, help="Period year of the values.")
@click.option("--level", type=click.Choice(["national", "provincial", "prefecture", "county"]),
              default=None, help="Only regions of this level.")
@click.option("--within", default=None, help="Only regions under this region (code or name).")
@json_option
def compare(db, indicator, year, level, within, as_json) -> None:
    """One indicator for one year across regions: outcomes and targets side by side."""
    from dataclasses import asdict

    from luoshi.service import compare as compare_rows

    rows = compare_rows(_engine(db), indicator, year, level=level, within=within)
    if as_json:
        click.echo(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1))
        return
    table = Table()
    for column in ("region", "code", "kind", "measure", "value", "quote"):
        table.add_column(column)
    for r in rows:
        value = "" if r.value is None else f"{r.value:g}{r.unit or ''}"
        table.add_row(r.region_name or "?", r.region_code or "?", r.kind, r.measure, value, r.quote)
    _console().print(table)


@click.command()
@click.argument("text")
@db_option
@click.option("--limit", type=int, default=20, show_default=True, help="Most hits shown.")
@json_option
def search(text, db, limit, as_json) -> None:
    """Full-text search over the normalized text of stored reports."""
    from dataclasses import asdict

    from luoshi.service import search as search_hits

    hits = search_hits(_engine(db), text, limit=limit)
    if as_json:
        click.echo(json.dumps([asdict(h) for h in hits], ensure_ascii=False, indent=1))
        return
    table = Table()
    for column in ("report", "region", "plan year", "snippet"):
        table.add_column(column)
    for h in hits:
        table.add_row(str(h.report_id), h.region_name or "?", str(h.plan_year or "?"), h.snippet)
    _console().print(table)


@click.command()
@db_option
@click.option("--dict", "dict_names", multiple=True,
              help="Shipped dictionary name (repeatable); default: all shipped dictionaries.")
@click.option("--dict-file", "dict_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="User dictionary file, UTF-8, one term per line (repeatable).")
@json_option
def attention(db, dict_names, dict_files, as_json) -> None:
    """Dictionary term frequency per 10,000 characters, per stored report."""
    from luoshi.export import export_rows

    rows = list(export_rows(_engine(db), "attention", _dictionaries(dict_names, dict_files)))
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    table = Table()
    for column in ("report", "region", "plan year", "dictionary", "per 10k", "top terms"):
        table.add_column(column)
    for r in rows:
        table.add_row(str(r["report_id"]), r["region_name"] or "?", str(r["plan_year"] or "?"),
                      r["dictionary"], f"{r['per_10k']:.2f}", r["quote"])
    _console().print(table)


def _dictionaries(names, files):
    from luoshi.extract.attention import load_dictionary, shipped_dictionaries

    chosen = [load_dictionary(name) for name in names]
    chosen += [load_dictionary(path=Path(f)) for f in files]
    return chosen or [load_dictionary(name) for name in shipped_dictionaries()]


@click.command()
@db_option
@click.option("--what", type=click.Choice(["facts", "targets", "tasks", "attention", "links"]),
              default="facts", show_default=True,
              help="Which rows to export; links: each target with its outcome and verdict "
                   "(shipped rules), as stored by ingest.")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "parquet", "dta", "jsonl"]),
              default="csv", show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Output file (required for xlsx, parquet, dta; default stdout).")
@click.option("--dict", "dict_names", multiple=True, help="For --what attention: dictionary names.")
@click.option("--dict-file", "dict_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="For --what attention: user dictionary files.")
def export(db, what, fmt, output, dict_names, dict_files) -> None:
    """Export stored facts, targets, tasks, attention or links with provenance (span, quote)."""
    from luoshi.export import export_rows, write_export

    dictionaries = _dictionaries(dict_names, dict_files) if what == "attention" else ()
    write_export(export_rows(_engine(db), what, dictionaries), what, fmt, output)


@click.command()
@click.argument("report_id", type=int)
@db_option
@json_option
def show(report_id, db, as_json) -> None:
    """Show one stored report: metadata, outline and facts."""
    from dataclasses import asdict

    from luoshi.service import get_report

    detail = get_report(_engine(db), report_id)
    if as_json:
        click.echo(json.dumps(asdict(detail), ensure_ascii=False, indent=1))
        return
    s = detail.summary
    console = _console()
    console.print(f"[bold]{s.title or '(no title)'}[/bold]  {Path(s.source).name}")
    console.print(f"region: {'/'.join(detail.region_path) or '?'} ({s.region_code or '?'}), "
                  f"plan year {s.plan_year or '?'}, delivered {s.delivered or '?'}, "
                  f"speaker {detail.speaker or '?'}, type {s.document_type}")
    console.print(f"tasks {detail.tasks} (livelihood projects {detail.livelihood_projects}), "
                  f"glossary terms {detail.glossary}")
    for level, kind, title in detail.sections:
        console.print(f"{'  ' * (level - 1)}[{kind}] {title}")
    table = Table(title="facts")
    for column in ("kind", "indicator", "measure", "value", "tier", "year", "quote"):
        table.add_column(column)
    for f in detail.facts:
        value = "" if f.value is None else f"{f.value:g}{f.unit or ''}"
        table.add_row(f.kind, f.indicator or f.metric, f.measure, value, f.tier,
                      str(f.period_year or f.period or ""), f.quote)
    console.print(table)


@click.command()
@click.argument("region")
@db_option
@click.option("--year", type=int, default=None, help="Only the tasks of this plan year.")
@click.option("--min-score", type=float, default=None,
              help="Least similarity (0-1) for a match; default 0.2 (see luoshi.link.matching).")
@click.option("--livelihood", "livelihood_only", is_flag=True,
              help="Only livelihood projects (民生实事).")
@json_option
def follow(region, db, year, min_score, livelihood_only, as_json) -> None:
    """Tasks of REGION's report N beside what report N+1's review says about them."""
    from dataclasses import asdict

    from luoshi.service import follow as follow_rows

    rows = follow_rows(_engine(db), region, year=year, min_score=min_score)
    if livelihood_only:
        rows = [r for r in rows if r.livelihood]
    if as_json:
        click.echo(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1))
        return
    table = Table(show_lines=True)
    for column in ("year", "task", "next year's review", "score"):
        table.add_column(column)
    for r in rows:
        table.add_row(str(r.plan_year), r.task,
                      "—" if r.sentence is None else
                      f"{r.sentence}\n[dim]{Path(r.sentence_report or '').name}[/dim]",
                      f"{r.score:.2f}")
    _console().print(table)
