"""Re-pin tests/eval_baseline.json from a real run of the extractor over tests/gold.

Usage: .venv/bin/python scripts/pin_eval_baseline.py

Each pinned F1 is the measured figure rounded DOWN to two decimals (so the gate fails on a real
regression, not on float noise); the measured figures are stored beside the pins. Run it only
after an improvement: lowering a pin to let a regression pass defeats the gate.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from luoshi.evaluate import iter_gold_paths, load_gold, score
from luoshi.pipeline import extract_parsed, parse_path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "tests" / "eval_baseline.json"
PINNED = {"facts": ("group_split", "kind"), "livelihood_projects": ("group_split",),
          "glossary": ("group_split",), "self_assessments": ("group_split",)}


def main() -> None:
    golds = [load_gold(p) for p in iter_gold_paths([ROOT / "tests" / "gold"])]
    scores = score(golds, [extract_parsed(parse_path(ROOT / g.document)) for g in golds])
    pins: dict = {}
    measured: dict = {}
    for item, dimensions in PINNED.items():
        for dimension in dimensions:
            table = scores.table(item, dimension)
            rows = {row: c.f1 for row, c in sorted(table.items()) if c.tp + c.fp + c.fn}
            pins.setdefault(item, {})[dimension] = {r: math.floor(f * 100) / 100 for r, f in rows.items()}
            measured.setdefault(item, {})[dimension] = {r: round(f, 4) for r, f in rows.items()}
    old = json.loads(BASELINE.read_text(encoding="utf-8"))
    BASELINE.write_text(
        json.dumps({"note": old["note"], "f1": pins, "measured": measured}, ensure_ascii=False,
                   indent=1) + "\n", encoding="utf-8")
    print(json.dumps(pins, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
