"""Throughput of luoshi.extract.quantities.find_quantities, in characters per second.

Runs over the national fixtures and the seeds, normalized (with luoshi.ingest.normalize when it
exists, else a full-width -> half-width fold, which is what matters for numbers).

    python benchmarks/bench_quantities.py [--repeat N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from luoshi.extract.quantities import find_quantities

ROOT = Path(__file__).resolve().parent.parent
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def normalized_texts() -> list[str]:
    paths = sorted((ROOT / "tests/fixtures/national").glob("*.txt"))
    paths += sorted((ROOT / "src/luoshi/data/seeds").glob("*.txt"))
    try:
        from luoshi.ingest.normalize import normalize
        from luoshi.ingest.reader import read_path

        return [normalize(read_path(p)).text for p in paths]
    except ImportError:
        return [p.read_text("utf-8").translate(_FOLD) for p in paths]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=5, help="passes over the texts (best is kept)"
    )
    args = parser.parse_args()
    texts = normalized_texts()
    chars = sum(map(len, texts))
    find_quantities(texts[0])  # load the unit table and compile the regex outside the timing
    best = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        count = sum(len(find_quantities(t)) for t in texts)
        best = min(best, time.perf_counter() - t0)
    print(f"{len(texts)} texts, {chars:,} chars, {count:,} quantities")
    print(f"find_quantities: {chars / best / 1e6:.2f} M chars/s (best of {args.repeat})")


if __name__ == "__main__":
    main()
