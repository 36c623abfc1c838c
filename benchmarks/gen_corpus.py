"""Synthesize a corpus of N report files from the real ones, for the store benchmark.

Usage:  .venv/bin/python benchmarks/gen_corpus.py OUT_DIR [-n 10000] [--seed 1]

Templates: the bundled seeds, the national reports (tests/fixtures/national) and the local
passages (tests/fixtures/local). Each output file takes a template and varies
  * the region: the template's region as written (found by luoshi's own parser) is replaced by
    another in-use region of the same level from src/luoshi/data/areacodes/result.csv, written
    with its parent ("武汉市武昌区"); national templates stay national;
  * the year: every four-digit year followed by 年 shifts by the same offset (-6..+6);
  * the numbers: every decimal number and every integer before %/亿/万 is scaled by a random
    factor in [0.8, 1.2], keeping its number of decimals;
so targets, outcomes and chains keep the genre's shape. Every file's bytes are distinct.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_DIRS = [ROOT / "src/luoshi/data/seeds", ROOT / "tests/fixtures/national",
                 ROOT / "tests/fixtures/local"]
AREACODES = ROOT / "src/luoshi/data/areacodes/result.csv"
LEVELS = {"省级": "provincial", "地级": "prefecture", "县级": "county"}

YEAR = re.compile(r"(?<![\d.])(19[5-9]\d|20[0-4]\d)(?=年)")
NUMBER = re.compile(r"(?<![\d.])(\d+\.\d+|\d+(?=%|亿|万))")


@dataclass(frozen=True, slots=True)
class Template:
    text: str
    written: str | None  # region as written in the template, None for national or unresolved
    level: str | None


def load_regions() -> dict[str, list[str]]:
    """Level -> names as a report writes them ("湖北省", "武汉市", "武汉市武昌区")."""
    by_level: dict[str, list[str]] = {level: [] for level in LEVELS.values()}
    with AREACODES.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            level = LEVELS.get(row["级别"])
            if level is None or row["状态"] != "在用":
                continue
            parent = row["二级行政区"] if row["二级行政区"] not in ("", "直辖") else row["一级行政区"]
            name = row["名称"] if level != "county" else parent + row["名称"]
            by_level[level].append(name)
    return by_level


def load_templates() -> list[Template]:
    from luoshi.errors import LuoshiError
    from luoshi.pipeline import parse_path

    templates = []
    for folder in TEMPLATE_DIRS:
        for path in sorted(folder.glob("*.txt")):
            try:
                parsed = parse_path(path)
            except LuoshiError:
                continue
            region = parsed.report.region
            national = region is not None and region.level == "national"
            written = region.written if region and region.code and not national else None
            templates.append(Template(parsed.document.original, written,
                                      region.level if region else None))
    return templates


def vary(template: Template, regions: dict[str, list[str]], rng: random.Random) -> str:
    """One synthetic report from a template."""
    text = template.text
    if template.written and template.level in regions:
        text = text.replace(template.written, rng.choice(regions[template.level]))
    offset = rng.randint(-6, 6)
    text = YEAR.sub(lambda m: str(int(m.group()) + offset), text)
    return NUMBER.sub(lambda m: _perturb(m.group(), rng), text)


def _perturb(number: str, rng: random.Random) -> str:
    decimals = len(number.split(".")[1]) if "." in number else 0
    value = float(number) * rng.uniform(0.8, 1.2)
    return f"{value:.{decimals}f}" if decimals else str(max(1, round(value)))


def generate(out: Path, n: int, seed: int) -> int:
    """Write ``n`` distinct files to ``out``; returns the number written."""
    rng = random.Random(seed)
    regions = load_regions()
    templates = load_templates()
    out.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    written = 0
    while written < n:
        data = vary(rng.choice(templates), regions, rng).encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        (out / f"synthetic-{written:06d}.txt").write_bytes(data)
        written += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="Directory to write the files to.")
    parser.add_argument("-n", type=int, default=10_000, help="Number of reports (default 10000).")
    parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
    args = parser.parse_args()
    count = generate(args.out, args.n, args.seed)
    print(f"wrote {count} reports to {args.out}")


if __name__ == "__main__":
    main()
