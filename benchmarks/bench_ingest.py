"""Throughput and peak memory of ingest + normalize + parse, beside a naive peer.

Usage:  .venv/bin/python benchmarks/bench_ingest.py [--repeat N]

Corpus: the bundled seeds and the national reports in tests/fixtures/national (plain text).
Peer, in the same run on the same bytes: what a minimal script does to get comparable text —
charset-normalizer's best guess + OpenCC t2s over the whole text (no offsets, no parsing).
Prints characters per second (decoded characters) and peak RSS growth, per stage set.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "src/luoshi/data/seeds").glob("*.txt")) + sorted(
    (ROOT / "tests/fixtures/national").glob("*.txt")
)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_luoshi(blobs: list[tuple[str, bytes]]) -> int:
    from luoshi.pipeline import parse_bytes

    chars = 0
    for name, data in blobs:
        parsed = parse_bytes(data, name)
        chars += len(parsed.document.original)
    return chars


def run_normalize_only(blobs: list[tuple[str, bytes]]) -> int:
    from luoshi.ingest.normalize import normalize
    from luoshi.ingest.reader import read_bytes

    chars = 0
    for name, data in blobs:
        doc = read_bytes(data, name)
        normalize(doc)
        chars += len(doc.original)
    return chars


def run_peer(blobs: list[tuple[str, bytes]]) -> int:
    import charset_normalizer
    import opencc

    converter = opencc.OpenCC("t2s")
    chars = 0
    for _name, data in blobs:
        text = str(charset_normalizer.from_bytes(data).best())
        converter.convert(text)
        chars += len(text)
    return chars


def measure_regions(n: int = 2000) -> None:
    """Region resolution alone: a unique name, and an ambiguous one decided by context."""
    from luoshi.parse.regions import resolve_region

    resolve_region("朝阳区", year=2018)  # load the code table once
    for written, context in (("成都市武侯区", ""), ("朝阳区", "北京市朝阳区人民政府")):
        start = time.perf_counter()
        for _ in range(n):
            resolve_region(written, year=2018, context=context)
        per_call = (time.perf_counter() - start) / n
        print(f"resolve_region({written!r}{', context' if context else ''}){'':<14} "
              f"{per_call * 1e6:8.1f} µs/call")


def measure(label: str, fn, blobs, repeat: int) -> None:
    fn(blobs[:1])  # warm caches (ontology/region tables load once per process)
    start = time.perf_counter()
    chars = 0
    for _ in range(repeat):
        chars += fn(blobs)
    elapsed = time.perf_counter() - start
    print(f"{label:<44} {chars / elapsed / 1e6:8.2f} M chars/s   ({chars:,} chars, {elapsed:.2f} s)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="passes over the corpus (default 3)")
    args = ap.parse_args()
    blobs = [(p.name, p.read_bytes()) for p in FILES]
    print(f"corpus: {len(blobs)} files, {sum(len(b) for _, b in blobs):,} bytes; 1 core")
    rss0 = _peak_rss_mb()
    measure("luoshi read+normalize", run_normalize_only, blobs, args.repeat)
    measure("luoshi read+normalize+parse", run_luoshi, blobs, args.repeat)
    rss1 = _peak_rss_mb()
    measure_regions()
    measure("peer: charset-normalizer + OpenCC t2s", run_peer, blobs, args.repeat)
    print(f"peak RSS: {rss1:.0f} MB after luoshi (+{rss1 - rss0:.0f} MB over start); "
          f"{_peak_rss_mb():.0f} MB after peer")


if __name__ == "__main__":
    main()
