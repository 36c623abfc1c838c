"""Batch ingest: read, parse and extract on all cores; write each document in its own transaction.

The pure stages run in worker processes; only the parent writes. Each document is one
transaction, so a crash (even SIGKILL) leaves every document either fully stored or absent, and a
re-run stores the missing ones: documents are keyed by the SHA-256 of their bytes.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError

from luoshi.errors import LuoshiError
from luoshi.models import Extraction
from luoshi.pipeline import Parsed
from luoshi.store.schema import DocumentRow
from luoshi.store.writer import document_id_for_hash, save_document


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input file: status is 'ingested', 'present' or 'rejected'."""

    path: str
    status: str
    message: str = ""
    report_id: int | None = None
    region_code: str | None = None


@dataclass(slots=True)
class IngestSummary:
    outcomes: list[Outcome] = field(default_factory=list)
    relinked: list[str] = field(default_factory=list)  # region codes whose links were recomputed

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


_known_hashes: frozenset[str] = frozenset()


def _init_worker(known: frozenset[str]) -> None:
    global _known_hashes
    _known_hashes = known


def process_path(path: str) -> tuple[str, str, str, Parsed | None, Extraction | None]:
    """Worker: (path, status, message, parsed, extraction); status 'ok', 'present' or 'rejected'."""
    from luoshi.ingest.reader import read_bytes
    from luoshi.pipeline import extract_parsed, parse_document
    from luoshi.settings import get_setting

    try:
        size = os.path.getsize(path)
        limit = int(get_setting("max_bytes"))
        if size > limit:
            return path, "rejected", f"file is {size} bytes, over the limit of {limit}", None, None
        data = Path(path).read_bytes()
        if hashlib.sha256(data).hexdigest() in _known_hashes:
            return path, "present", "", None, None
        parsed = parse_document(read_bytes(data, path))
        if parsed.report.document_type == "unrelated":
            reasons = "; ".join(parsed.report.reasons)
            return path, "rejected", f"not a government work report: {reasons}", None, None
        return path, "ok", "", parsed, extract_parsed(parsed)
    except LuoshiError as exc:
        return path, "rejected", str(exc), None, None
    except OSError as exc:
        return path, "rejected", f"cannot read: {exc.strerror or exc}", None, None
    except Exception as exc:  # noqa: BLE001 - a bug on one file must not end a batch of thousands
        return path, "rejected", f"internal error: {type(exc).__name__}: {exc}", None, None


def _stored_hashes(engine: Engine) -> frozenset[str]:
    with engine.connect() as connection:
        return frozenset(connection.scalars(select(DocumentRow.sha256)))


#: Most documents in flight (sent to workers but not yet written) per worker; bounds memory when
#: the workers parse faster than the parent writes.
IN_FLIGHT_PER_WORKER = 4


def _throttled(paths: list[str], slots: threading.Semaphore, stop: threading.Event) -> Iterator[str]:
    for path in paths:
        while not slots.acquire(timeout=0.1):
            if stop.is_set():
                return
        yield path


def _results(paths: list[str], workers: int, known: frozenset[str]) -> Iterator[tuple]:
    if workers <= 1 or len(paths) <= 1:
        _init_worker(known)
        yield from map(process_path, paths)
        return
    slots = threading.Semaphore(workers * IN_FLIGHT_PER_WORKER)
    stop = threading.Event()
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_worker, initargs=(known,)) as pool:
        try:
            for result in pool.imap_unordered(process_path, _throttled(paths, slots, stop)):
                slots.release()
                yield result
        finally:
            stop.set()


def _store(engine: Engine, path: str, parsed: Parsed, extraction: Extraction) -> Outcome:
    try:
        with engine.begin() as connection:
            report_id = save_document(connection, parsed, extraction)
    except IntegrityError as exc:
        with engine.connect() as connection:
            if document_id_for_hash(connection, parsed.document.sha256) is not None:
                # the same bytes under another name earlier in this batch (or by a parallel run)
                return Outcome(path, "present", "same content as a stored document")
        first_line = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
        return Outcome(path, "rejected", f"cannot store: {first_line}")
    region = parsed.report.region
    return Outcome(path, "ingested", report_id=report_id, region_code=region.code if region else None)


def ingest_paths(
    engine: Engine,
    paths: Iterable[Path],
    *,
    workers: int | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
    link: bool = True,
) -> IngestSummary:
    """Ingest files into the database; idempotent and atomic per document.

    Then (``link``) relinks every region the batch touched and every region whose links are not
    current (see ``luoshi.store.links``), one transaction per region.
    """
    path_list = [str(p) for p in paths]
    summary = IngestSummary()
    known = _stored_hashes(engine)
    workers = max(1, min(workers or os.cpu_count() or 1, len(path_list)))
    for path, status, message, parsed, extraction in _results(path_list, workers, known):
        if status == "ok":
            outcome = _store(engine, path, parsed, extraction)
        else:
            outcome = Outcome(path, status, message)
        summary.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    if link:
        from luoshi.store.links import relink

        summary.relinked = relink(engine, (o.region_code for o in summary.outcomes))
    return summary
