"""Inter-annotator agreement: compare two independent gold annotations of the same documents.

Usage: .venv/bin/python scripts/gold_agreement.py [FIRST_DIR] [SECOND_DIR] [--diff]
(defaults: tests/gold and tests/gold_second; files are paired by name)

Facts and self-assessments are compared on the fields the scorer matches (``fact_key``), each
distinct item once, for the item types both annotations mark as annotated. Prints agreement F1 per
item type — the ceiling a fair extraction score can be read against — and with ``--diff`` every
item only one annotator wrote. No extraction is run.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

from luoshi.evaluate import Gold, fact_key, load_gold

ROOT = Path(__file__).resolve().parent.parent

ITEM_KEYS: dict[str, Callable[[Any], Hashable]] = {
    "facts": fact_key,
    "self_assessments": lambda a: (a.verdict, a.indicator, a.year),
}


def pairs(first: Path, second: Path) -> list[tuple[Gold, Gold]]:
    """(first, second) annotations of each document annotated in both folders."""
    out = []
    for path in sorted(second.glob("*.json")):
        other = first / path.name
        if other.exists():
            out.append((load_gold(other), load_gold(path)))
    return out


def main(argv: list[str]) -> int:
    show_diff = "--diff" in argv
    folders = [Path(a) for a in argv if not a.startswith("--")]
    first, second = (folders + [ROOT / "tests/gold", ROOT / "tests/gold_second"][len(folders):])[:2]
    totals: dict[str, list[int]] = {item: [0, 0, 0] for item in ITEM_KEYS}
    docs = pairs(first, second)
    for a, b in docs:
        for item, key in ITEM_KEYS.items():
            if item not in a.annotated or item not in b.annotated:
                continue
            ka = {key(x) for x in getattr(a, item)}
            kb = {key(x) for x in getattr(b, item)}
            totals[item][0] += len(ka)
            totals[item][1] += len(kb)
            totals[item][2] += len(ka & kb)
            if show_diff:
                for k in sorted(ka - kb, key=str):
                    print(f"{Path(a.path).name} {item} only first: {k}")
                for k in sorted(kb - ka, key=str):
                    print(f"{Path(b.path).name} {item} only second: {k}")
    print(f"{len(docs)} documents annotated twice")
    for item, (na, nb, both) in totals.items():
        if na + nb:
            print(f"{item}: first {na}, second {nb}, both {both}, agreement F1 {2 * both / (na + nb):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
