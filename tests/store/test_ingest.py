"""Batch ingest: every document once, idempotent, atomic per document, crash-consistent.

Corpus: the 5 seeds and the 20 national reports (tests/fixtures/national).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from luoshi.pipeline import extract_parsed, parse_path
from luoshi.store import writer
from luoshi.store.ingest import ingest_paths
from luoshi.store.reextract import reextract_all
from luoshi.store.schema import DocumentRow, FactRow, ReportRow, SectionRow
from tests.store.conftest import NATIONAL, SEEDS, clear, row_counts

CORPUS = SEEDS + NATIONAL


@cache
def fresh_fact_counts() -> dict[str, int]:
    """sha256 -> number of facts a single in-process run extracts (the reference)."""
    counts = {}
    for path in CORPUS:
        parsed = parse_path(path)
        counts[parsed.document.sha256] = len(extract_parsed(parsed).facts)
    return counts


def stored_fact_counts(engine) -> dict[str, int]:
    with Session(engine) as session:
        rows = session.execute(
            select(DocumentRow.sha256, func.count(FactRow.id))
            .join(ReportRow, ReportRow.document_id == DocumentRow.id)
            .outerjoin(FactRow, FactRow.report_id == ReportRow.id)
            .group_by(DocumentRow.sha256)
        ).all()
    return dict(rows)


@pytest.fixture(scope="module")
def ingested(module_engine):
    """The corpus ingested once into the module's database (2 worker processes)."""
    clear(module_engine)
    summary = ingest_paths(module_engine, CORPUS, workers=2)
    return module_engine, summary


def test_every_document_once(ingested) -> None:
    engine, summary = ingested
    rejected = [(o.path, o.message) for o in summary.outcomes if o.status == "rejected"]
    assert rejected == []
    assert summary.count("ingested") == len(CORPUS)
    counts = row_counts(engine)
    assert counts["documents"] == counts["reports"] == len(CORPUS)
    assert counts["sections"] > len(CORPUS) and counts["facts"] > 0
    assert stored_fact_counts(engine) == fresh_fact_counts()


def test_ingesting_twice_changes_nothing(ingested) -> None:
    engine, _ = ingested
    before = row_counts(engine)
    summary = ingest_paths(engine, CORPUS, workers=1)
    assert {o.status for o in summary.outcomes} == {"present"}
    assert row_counts(engine) == before


def test_same_bytes_under_another_name_is_one_report(ingested, tmp_path) -> None:
    engine, _ = ingested
    before = row_counts(engine)
    copy = tmp_path / "renamed.txt"
    shutil.copyfile(SEEDS[0], copy)
    twin = tmp_path / "twin.txt"  # new bytes, given twice in one batch under two names
    twin.write_bytes(SEEDS[1].read_bytes() + b"\n")
    twin2 = tmp_path / "twin2.txt"
    shutil.copyfile(twin, twin2)
    summary = ingest_paths(engine, [copy, twin, twin2], workers=1)
    assert [o.status for o in summary.outcomes] == ["present", "ingested", "present"]
    after = row_counts(engine)
    assert after["documents"] == before["documents"] + 1


def test_reextract_keeps_counts(ingested) -> None:
    engine, _ = ingested
    before = row_counts(engine)
    assert reextract_all(engine) == before["reports"]
    assert row_counts(engine) == before


def test_failed_write_leaves_no_rows_and_rerun_completes(engine, monkeypatch) -> None:
    victim = parse_path(NATIONAL[3]).document.sha256
    real = writer.write_extraction

    def fail_for_victim(connection, report_id, parsed, extraction):
        real(connection, report_id, parsed, extraction)  # every row of it inserted ...
        if parsed.document.sha256 == victim:
            raise RuntimeError("connection lost (injected)")  # ... then the commit never comes

    monkeypatch.setattr(writer, "write_extraction", fail_for_victim)
    batch = NATIONAL[:6]
    with pytest.raises(RuntimeError, match="injected"):
        ingest_paths(engine, batch, workers=1)
    with Session(engine) as session:
        stored = set(session.scalars(select(DocumentRow.sha256)))
        orphans = session.scalar(
            select(func.count(ReportRow.id)).where(~ReportRow.document_id.in_(select(DocumentRow.id))))
    assert victim not in stored and len(stored) == 3 and orphans == 0
    monkeypatch.setattr(writer, "write_extraction", real)
    summary = ingest_paths(engine, batch, workers=1)
    assert [o.status for o in summary.outcomes] == ["present"] * 3 + ["ingested"] * 3
    assert row_counts(engine)["documents"] == len(batch)


def _documents(engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(text("SELECT count(*) FROM documents"))


def test_sigkill_midway_then_rerun(engine, db_url, tmp_path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in CORPUS:
        shutil.copyfile(path, corpus / path.name)
    command = [sys.executable, "-c", "from luoshi.cli import main; main()", "ingest", str(corpus),
               "--db", db_url, "--workers", "1"]
    src = str(Path(__file__).resolve().parents[2] / "src")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")]))}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while _documents(engine) < 2 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    killed_at = _documents(engine)
    assert 2 <= killed_at < len(CORPUS), "the kill must land mid-way"

    rerun = subprocess.run(command, check=False, env=env, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert _documents(engine) == len(CORPUS)
    with Session(engine) as session:
        per_document = session.execute(
            select(DocumentRow.sha256, func.count(ReportRow.id))
            .outerjoin(ReportRow, ReportRow.document_id == DocumentRow.id)
            .group_by(DocumentRow.sha256)
        ).all()
        without_sections = session.scalar(
            select(func.count(ReportRow.id))
            .where(~ReportRow.id.in_(select(SectionRow.report_id))))
    assert {n for _sha, n in per_document} == {1}  # every document has exactly one report
    assert without_sections == 0
    assert stored_fact_counts(engine) == fresh_fact_counts()
