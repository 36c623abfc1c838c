"""``luoshi parse`` and ``luoshi demo``: metadata, outline and document type of reports.

JSON output (``--json``) is ONE JSON array with one object per document read (unrelated documents
included, with ``document_type: "unrelated"``), in input order; unreadable inputs appear only on
stderr. Exit status: 0 all documents are reports or summaries; 1 some input was unreadable or not
a report (each reported as "luoshi: error: FILE: message" on stderr, the others still processed);
2 usage.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from luoshi.errors import LuoshiError
from luoshi.models import Report
from luoshi.pipeline import Parsed, parse_bytes, parse_document, parse_path
from luoshi.serialize import report_to_dict

_INDENT = "  "


def _parse_inputs(paths: Iterable[str]) -> Iterator[tuple[str, Parsed | LuoshiError]]:
    """(name, parsed or the expected error) per input; usage errors propagate."""
    from luoshi.ingest.reader import iter_input_paths

    for path in list(iter_input_paths(list(paths))):
        name = "<stdin>" if str(path) == "-" else str(path)
        try:
            if name == "<stdin>":
                yield name, parse_bytes(sys.stdin.buffer.read(), "<stdin>")
            else:
                yield name, parse_path(path)
        except LuoshiError as exc:
            if exc.exit_code == 2:
                raise
            yield name, exc


def _fail(name: str, message: str) -> None:
    click.echo(f"luoshi: error: {name}: {message}", err=True)


def _not_a_report(report: Report) -> str:
    return "not a government work report: " + "; ".join(report.reasons)


def _metadata_table(name: str, report: Report) -> Table:
    table = Table(title=name, show_header=False, title_justify="left")
    table.add_column("field", style="bold")
    table.add_column("value")
    region = report.region
    code = f" ({region.code})" if region and region.code else ""
    path = " > ".join(region.path) if region and region.path else ""
    rows = [
        ("document type", f"{report.document_type}: {', '.join(report.reasons)}"),
        ("title", report.title or "—"),
        ("region", f"{region.written} → {path}{code}" if region else "—"),
        ("plan year", str(report.plan_year or "—")),
        ("review year", str(report.review_year or "—")),
        ("delivered", report.delivered.isoformat() if report.delivered else "—"),
        ("meeting", f"第{report.meeting.session or '?'}届 第{report.meeting.sitting or '?'}次"
         if report.meeting.session or report.meeting.sitting else "—"),
        ("speaker", " ".join(x for x in (report.speaker.title, report.speaker.name) if x) or "—"),
    ]  # fmt: skip
    if region and region.note:
        rows.append(("region note", region.note))
    for row in rows:
        table.add_row(*row)
    return table


def _outline_table(report: Report, max_level: int) -> Table:
    table = Table(show_header=True, header_style="bold")
    table.add_column("kind")
    table.add_column("section")
    table.add_column("span", justify="right")
    for s in report.sections:
        if s.level <= max_level:
            table.add_row(s.kind, _INDENT * (s.level - 1) + s.title, f"{s.start}-{s.end}")
    return table


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array of documents.")
@click.option(
    "--depth",
    type=click.IntRange(1, 6),
    default=2,
    show_default=True,
    help="Deepest outline level shown in the readable output.",
)
def parse(paths: tuple[str, ...], as_json: bool, depth: int) -> None:
    """Parse reports: metadata, region, outline with section kinds, document type.

    PATHS are files, directories (searched recursively), glob patterns, or "-" for stdin.
    """
    console = Console(highlight=False)
    failed = False
    out = []
    for name, result in _parse_inputs(paths):
        if isinstance(result, LuoshiError):
            failed = True
            _fail(name, str(result))
            continue
        report = result.report
        if report.document_type == "unrelated":
            failed = True
            _fail(name, _not_a_report(report))
        if as_json:
            out.append(report_to_dict(result))
        else:
            console.print(_metadata_table(name, report))
            console.print(_outline_table(report, depth))
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False, indent=1))
    if failed:
        sys.exit(1)


def _seed_parses() -> Iterator[tuple[str, Parsed]]:
    from luoshi.ingest.reader import read_bytes

    seeds = resources.files("luoshi.data").joinpath("seeds")
    for entry in sorted(seeds.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".txt"):
            yield entry.name, parse_document(read_bytes(entry.read_bytes(), entry.name))


@click.command()
def demo() -> None:
    """Parse and extract the five bundled seed reports and print what was found."""
    from luoshi.pipeline import extract_parsed

    console = Console(highlight=False, width=max(Console().width, 120))
    meta = Table(title="luoshi demo: the five bundled seed reports", header_style="bold")
    for col in ("file", "region (code)", "plan year", "delivered", "meeting", "speaker"):
        meta.add_column(col)
    found = Table(title="what was found", header_style="bold")
    for col in ("file", "sections", "outcomes", "targets", "tasks", "livelihood", "glossary",
                "self-assessed"):  # fmt: skip
        found.add_column(col, justify="right" if col != "file" else "left")
    headlines: list[tuple[str, list[str]]] = []
    for name, parsed in _seed_parses():
        r, short = parsed.report, Path(name).stem[:3]
        extraction = extract_parsed(parsed)
        region = r.region
        meta.add_row(
            short,
            f"{'/'.join(region.path) or region.written} ({region.code or '?'})" if region else "—",
            str(r.plan_year or "—"),
            r.delivered.isoformat() if r.delivered else "—",
            f"第{r.meeting.session}届 第{r.meeting.sitting}次" if r.meeting.session else "—",
            " ".join(x for x in (r.speaker.title, r.speaker.name) if x) or "—",
        )
        facts = extraction.facts
        tasks = extraction.tasks
        found.add_row(
            short, str(len(r.sections)),
            str(sum(f.kind == "outcome" for f in facts)),
            str(sum(f.kind == "target" for f in facts)),
            str(sum(not t.livelihood for t in tasks)),
            f"{sum(t.livelihood for t in tasks)} ({sum(bool(t.livelihood and t.lead_unit) for t in tasks)} with lead unit)",
            str(len(extraction.glossary)),
            str(len(extraction.self_assessments)),
        )
        targets = [f for f in facts if f.kind == "target" and f.indicator][:4]
        headlines.append((short, [f"{f.indicator} {f.tier}: {f.quote}" for f in targets]))
    console.print(meta)
    console.print(found)
    for short, quotes in headlines:
        console.print(f"[bold]{short}[/bold] targets: " + (" | ".join(quotes) or "—"))


_KIND_ORDER = ["review", "problems", "plan_overview", "targets", "tasks",
               "livelihood_projects", "glossary", "closing", "other"]  # fmt: skip
