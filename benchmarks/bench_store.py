"""Ingest throughput, memory and query latency of the store, on SQLite and PostgreSQL.

Usage:
    .venv/bin/python benchmarks/gen_corpus.py /tmp/luoshi-corpus -n 10000
    .venv/bin/python benchmarks/bench_store.py /tmp/luoshi-corpus [--workers N]
        [--sqlite PATH] [--postgres postgresql+psycopg://user@host:port/db] [--queries 200]

For each backend: ingests every file of the corpus into an empty database (``ingest_paths``, the
code behind ``luoshi ingest``, links included), then times ``track`` (a random stored region,
indicator gdp, read from the stored links), ``track*`` (the same computed on the fly, as with
``--rules``), ``compare`` (gdp, a random stored plan year, county level) and ``search`` (common
report phrases) through ``luoshi.service``. Prints reports/s (and per worker process), the parent's RSS
at each quarter of the ingest (flat = memory does not grow with corpus size), peak RSS of the
parent and of the largest worker, and p50/p95 latencies in milliseconds.
The PostgreSQL database must exist; its tables are dropped and recreated.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, select, text

SEARCH_TERMS = ["民生", "地区生产总值", "乡村振兴", "营商环境", "生态环境保护", "城镇新增就业"]


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _fresh_engine(url: str) -> Engine:
    from luoshi.store.db import open_engine
    from luoshi.store.schema import Base

    engine = open_engine(url, migrate=False)
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            Base.metadata.drop_all(connection)
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()
    return open_engine(url)


def bench_ingest(engine: Engine, files: list[Path], workers: int) -> None:
    from luoshi.store.ingest import ingest_paths

    quarters = {len(files) * q // 4 for q in (1, 2, 3, 4)}
    samples: list[str] = []
    done = 0

    def progress(_outcome) -> None:
        nonlocal done
        done += 1
        if done in quarters:
            samples.append(f"{done}: {_rss_mb():.0f} MB")

    start = time.perf_counter()
    summary = ingest_paths(engine, files, workers=workers, on_outcome=progress)
    seconds = time.perf_counter() - start
    stored = summary.count("ingested")
    print(f"  ingest: {stored} ingested, {summary.count('present')} present, "
          f"{summary.count('rejected')} rejected in {seconds:.1f} s")
    print(f"  reports/s: {stored / seconds:.1f} total, {stored / seconds / workers:.1f} per worker"
          f" ({workers} workers + the writing parent)")
    print(f"  parent RSS during ingest: {', '.join(samples)}")
    peak_parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"  peak RSS: parent {peak_parent:.0f} MB, largest worker {peak_child:.0f} MB")


def _latency(name: str, call: Callable[[], object], runs: int) -> None:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(f"  {name:8s} p50 {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   ({runs} runs)")


def bench_queries(engine: Engine, runs: int, rng: random.Random) -> None:
    from luoshi import service
    from luoshi.store.schema import ReportRow

    with engine.connect() as connection:
        codes = connection.scalars(select(ReportRow.region_code).distinct()
                                   .where(ReportRow.region_code.is_not(None))).all()
        years = connection.scalars(select(ReportRow.plan_year).distinct()
                                   .where(ReportRow.plan_year.is_not(None))).all()
    _latency("track", lambda: service.track(engine, rng.choice(codes), indicator="gdp"), runs)
    _latency("track*", lambda: service.track(engine, rng.choice(codes), indicator="gdp",
                                             use_stored=False), runs)  # on the fly (--rules)
    _latency("compare", lambda: service.compare(engine, "gdp", rng.choice(years),
                                                level="county"), runs)
    _latency("search", lambda: service.search(engine, rng.choice(SEARCH_TERMS)), runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="Directory of report files (gen_corpus.py).")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="Worker processes for parsing (default: all cores).")
    parser.add_argument("--sqlite", default=None, help="SQLite file (default: a temp file).")
    parser.add_argument("--postgres", default=None, help="PostgreSQL URL (skipped if absent).")
    parser.add_argument("--queries", type=int, default=200, help="Runs per query (default 200).")
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*.txt"))
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        targets = [("sqlite", args.sqlite or str(Path(tmp) / "bench.db"))]
        if args.postgres:
            targets.append(("postgresql", args.postgres))
        for name, url in targets:
            print(f"{name}: {len(files)} files from {args.corpus}")
            engine = _fresh_engine(url)
            bench_ingest(engine, files, args.workers)
            bench_queries(engine, args.queries, rng)
            engine.dispose()


if __name__ == "__main__":
    main()
