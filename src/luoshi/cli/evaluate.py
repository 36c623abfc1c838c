"""``luoshi eval GOLD...``: run the extractor on each gold file's document and score it."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from luoshi.errors import LuoshiError, UsageError
from luoshi.evaluate import (
    ITEMS,
    Counts,
    Gold,
    Scores,
    describe,
    iter_gold_paths,
    load_gold,
    missing_quotes,
    score,
    scores_to_dict,
)
from luoshi.models import Extraction


def resolve_document(gold: Gold, root: Path | None) -> Path:
    """The document a gold file names: relative to ``root`` if given, else to the first ancestor
    of the gold file (or the working directory) under which it exists."""
    bases = [root] if root else [*Path(gold.path).resolve().parents, Path.cwd()]
    for base in bases:
        candidate = base / gold.document
        if candidate.is_file():
            return candidate
    raise UsageError(f"gold file {gold.path}: document {gold.document} not found (use --root)")


def extract_for(gold: Gold, root: Path | None) -> Extraction:
    """Run the pipeline on the gold document."""
    from luoshi.pipeline import extract_parsed, parse_path

    return extract_parsed(parse_path(resolve_document(gold, root)))


EMPTY = Extraction((), (), (), (), ())


def run_eval(paths: list[str], root: Path | None) -> tuple[list[Gold], Scores, dict[str, str]]:
    """Load every gold file under ``paths``, extract each document, score them together.

    A document the pipeline rejects (unreadable, not a report) is scored as an empty extraction
    so that one failure costs its recall instead of the whole run; it is returned in the failures
    map (gold path -> error message). A gold file naming a missing document is a usage error.
    """
    golds = [load_gold(p) for p in iter_gold_paths(paths)]
    if not golds:
        raise UsageError("no gold files found")
    failures: dict[str, str] = {}
    predictions = []
    for gold in golds:
        resolve_document(gold, root)
        try:
            predictions.append(extract_for(gold, root))
        except UsageError:
            raise
        except LuoshiError as exc:
            failures[gold.path] = str(exc)
            predictions.append(EMPTY)
    return golds, score(golds, predictions), failures


def normalized_text(gold: Gold, root: Path | None) -> str:
    """The normalized text of the gold document."""
    from luoshi.pipeline import parse_path

    return parse_path(resolve_document(gold, root)).text.text


def _unquoted(
    golds: list[Gold], root: Path | None, failures: dict[str, str]
) -> dict[str, list[str]]:
    """Gold path -> quotes missing from its normalized text (documents that failed are skipped)."""
    out: dict[str, list[str]] = {}
    for gold in golds:
        if gold.path not in failures:
            missing = missing_quotes(gold, normalized_text(gold, root))
            if missing:
                out[gold.path] = missing
    return out


def _table(title: str, rows: dict[str, Counts]) -> Table:
    t = Table(title=title)
    for col in ("", "gold", "pred", "TP", "P", "R", "F1"):
        t.add_column(col, justify="left" if not col else "right")
    for key, c in rows.items():
        t.add_row(key, str(c.tp + c.fn), str(c.tp + c.fp), str(c.tp),
                  f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}")  # fmt: skip
    return t


def _print_tables(console: Console, scores: Scores) -> None:
    console.print(_table("facts by group/split", scores.table("facts", "group_split")))
    console.print(_table("facts by split", scores.table("facts", "split")))
    console.print(_table("facts by kind", scores.table("facts", "kind")))
    console.print(_table("facts by indicator", scores.table("facts", "indicator")))
    for item in ITEMS[1:]:
        console.print(_table(f"{item} by group/split", scores.table(item, "group_split")))


def _error_rows(scores: Scores, include_heldout: bool) -> list[dict[str, object]]:
    return [
        {
            "item": o.item,
            "status": o.status,
            "document": o.document,
            "split": o.split,
            **describe(o.gold if o.gold is not None else o.pred),
        }
        for o in scores.errors()
        if include_heldout or o.split != "heldout"
    ]


def _print_errors(console: Console, rows: list[dict[str, object]]) -> None:
    for r in rows:
        fields = {k: v for k, v in r.items() if k not in ("item", "status", "document", "split")}
        quote = fields.pop("quote", fields.pop("text", ""))
        console.print(
            f"[bold]{r['status']}[/] {r['item']} {Path(str(r['document'])).name}: {fields}"
        )
        console.print(f"    {quote}", markup=False)


@click.command("eval")
@click.argument("gold", nargs=-1, required=True)
@click.option("--root", type=click.Path(file_okay=False, path_type=Path),
              help="Directory the gold files' document paths are relative to (default: found).")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print scores (and errors) as JSON.")
@click.option("--show-errors", is_flag=True,
              help="List misses and false positives with their quotes (dev files only).")  # fmt: skip
@click.option("--check-quotes", is_flag=True,
              help="List gold quotes not found in the normalized text (gold and normalizer upkeep).")  # fmt: skip
@click.option("--include-heldout-errors", is_flag=True,
              help="With --show-errors, also list errors on heldout files (spoils them for tuning).")  # fmt: skip
def evaluate(gold: tuple[str, ...], root: Path | None, as_json: bool, show_errors: bool,
             check_quotes: bool, include_heldout_errors: bool) -> None:  # fmt: skip
    """Score the extractor against GOLD files or directories of them (docs/gold-format.md)."""
    golds, scores, failures = run_eval(list(gold), root)
    errors = _error_rows(scores, include_heldout_errors) if show_errors else []
    unquoted = _unquoted(golds, root, failures) if check_quotes else {}
    if as_json:
        out: dict[str, object] = {
            "documents": len(golds),
            "failed": failures,
            "scores": scores_to_dict(scores),
        }
        if show_errors:
            out["errors"] = errors
        if check_quotes:
            out["quotes_not_found"] = unquoted
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    console = Console()
    console.print(f"{len(golds)} gold documents")
    for path, message in failures.items():
        console.print(f"[red]extraction failed[/] for {path}: {message}", markup=True)
    _print_tables(console, scores)
    if show_errors:
        _print_errors(console, errors)
    for path, quotes in unquoted.items():
        for quote in quotes:
            console.print(f"quote not found in {path}: {quote}", markup=False)
