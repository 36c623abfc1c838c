"""Extraction throughput and recall of luoshi, beside JioNLP's money extractor, in one run.

Usage:
    bash benchmarks/setup_peers.sh                         # once: JioNLP in its own venv
    .venv/bin/python benchmarks/bench_extract.py [--repeat N] [--cpu K] [--json]

Corpus: the five seeds and the national reports in tests/fixtures/national, read, normalized and
parsed by ``luoshi.pipeline.parse_path`` once (not timed). Timed: ``luoshi.extract.run.extract_all``
over every normalized text (best of N passes; characters per second = normalized characters /
seconds; the process pinned to one CPU). Then the peer venv's python runs this same file in
``--peer`` mode on the same normalized texts (written to a temporary folder) and times
``jionlp.ner.extract_money(text, with_parsing=True)`` — parsing on, since a value is needed to
score it — and, for reference, ``with_parsing=False``.

Recall reference: the seeds' gold files (tests/gold/seed-*.json). A gold fact whose unit is in the
元 family (元, 万元, 亿元, 美元, 万美元, 亿美元) or is a bare multiplier on a money indicator
("确保超过1000亿") is a money amount; a gold fact with measure ``growth`` is a growth rate. A system
finds one when it returns a span overlapping an occurrence of the gold quote in the normalized text
with the same number: for luoshi, a quantity (value and unit as written; a growth's sign is the
fact's, so the quantity is compared by magnitude) or a fact; for JioNLP, a money item whose parsed
amount in base currency equals the gold amount (its low end, when JioNLP reads "330多亿" as a
range; both ends when the gold is a range) (JioNLP has no percentages; its growth recall is
measured by the same rule, not assumed).

F1: ``luoshi.evaluate.score`` over the dev gold files only; held-out gold is never run or printed.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import subprocess
import tempfile
import time
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PEER_PYTHON = ROOT / "benchmarks/.venv-peers/bin/python"
SEEDS = sorted((ROOT / "src/luoshi/data/seeds").glob("*.txt"))
NATIONAL = sorted((ROOT / "tests/fixtures/national").glob("*.txt"))
GOLD_DIR = ROOT / "tests/gold"
REL_TOL = 1e-6
#: Written multipliers before a currency name, to turn a gold amount into base currency.
MULTIPLIERS = {"": 1.0, "千": 1e3, "万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7, "亿": 1e8,
               "十亿": 1e9, "百亿": 1e10, "千亿": 1e11, "万亿": 1e12}  # fmt: skip
MONEY_INDICATORS = frozenset(
    {"gdp", "general_budget_revenue", "fixed_asset_investment", "retail_sales",
     "industrial_value_added", "service_value_added", "urban_disposable_income",
     "rural_disposable_income", "per_capita_disposable_income", "import_export",
     "foreign_investment", "deficit", "special_bonds"}
)  # fmt: skip


# ------------------------------------------------------------------------------------ shared bits


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MiB.

    Linux's VmHWM first: getrusage's ru_maxrss survives exec, so a child started from a large
    parent would report the parent's size, not its own.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pin_to_one_cpu(cpu: int | None) -> int | None:
    """Pin this process to one CPU so the figures are per core; return the CPU or None."""
    if cpu is None or not hasattr(os, "sched_setaffinity"):
        return None
    os.sched_setaffinity(0, {cpu})
    return cpu


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-9)


# ------------------------------------------------------------------------------------ peer (JioNLP)


def run_peer(text_dir: Path, repeat: int, cpu: int | None) -> dict[str, Any]:
    """Time jionlp.ner.extract_money over every *.txt in ``text_dir`` (runs in the peer venv)."""
    pin_to_one_cpu(cpu)
    import jionlp

    texts = {p.name: p.read_text("utf-8") for p in sorted(text_dir.glob("*.txt"))}
    chars = sum(map(len, texts.values()))
    rss_before = peak_rss_mb()
    extract = jionlp.ner.extract_money
    extract("预算安排1.2亿元。", with_parsing=True)  # compiles its patterns outside the timing
    timings: dict[str, float] = {}
    found: dict[str, list[dict[str, Any]]] = {}
    for parsing in (True, False):
        best = math.inf
        for _ in range(repeat):
            t0 = time.perf_counter()
            results = {name: extract(t, with_parsing=parsing) for name, t in texts.items()}
            best = min(best, time.perf_counter() - t0)
            if parsing:
                found = results
        timings["with_parsing" if parsing else "without_parsing"] = best
    items = {
        name: [
            {"start": r["offset"][0], "end": r["offset"][1], "text": r["text"],
             "num": r["detail"]["num"], "case": r["detail"]["case"]}
            for r in rs
        ]
        for name, rs in found.items()
    }  # fmt: skip
    return {
        "system": f"jionlp {jionlp.__version__}",
        "texts": len(texts),
        "chars": chars,
        "seconds": timings,
        "chars_per_s": {k: chars / v for k, v in timings.items()},
        "items": items,
        "peak_rss_mb": peak_rss_mb(),
        "rss_before_mb": rss_before,
    }


def call_peer(text_dir: Path, repeat: int, cpu: int | None) -> dict[str, Any] | str:
    """Run the peer in its own venv; its result, or the reason it could not run."""
    if not PEER_PYTHON.exists():
        return f"{PEER_PYTHON.relative_to(ROOT)} missing: run bash benchmarks/setup_peers.sh"
    out = text_dir / "peer.json"
    cmd = [str(PEER_PYTHON), __file__, "--peer", str(text_dir), "--out", str(out),
           "--repeat", str(repeat)] + ([] if cpu is None else ["--cpu", str(cpu)])  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return f"peer failed (exit {proc.returncode}): {last}"
    return json.loads(out.read_text("utf-8"))


# ------------------------------------------------------------------------------------ gold


def money_currency(unit: str, indicator: str | None) -> tuple[str, float] | None:
    """(currency, multiplier) of a gold unit if the fact is a money amount, else None."""
    for currency in ("美元", "元"):
        if unit.endswith(currency) and unit[: -len(currency)] in MULTIPLIERS:
            return currency, MULTIPLIERS[unit[: -len(currency)]]
    if unit in MULTIPLIERS and indicator in MONEY_INDICATORS:  # "确保超过1000亿": 元 implied
        return "元", MULTIPLIERS[unit]
    return None


def reference_items(gold: dict[str, Any], text: str) -> list[dict[str, Any]]:
    """The money amounts and growth rates of one seed gold file, each with its quote's spans."""
    out = []
    for f in gold["facts"]:
        money = money_currency(f["unit"], f["indicator"])
        if f["measure"] == "growth":
            group = "growth"
        elif money is not None:
            group = "money"
        else:
            continue
        spans, i = [], text.find(f["quote"])
        while i >= 0:
            spans.append((i, i + len(f["quote"])))
            i = text.find(f["quote"], i + 1)
        out.append({"group": group, "fact": f, "money": money, "spans": spans})
    return out


#: Reference sets: the seeds (the brief's reference) and, as a second look, the national dev gold.
REFERENCE_GROUPS = ("seeds/money", "seeds/growth", "national-dev/money", "national-dev/growth")


def reference_set(parsed: dict[Path, Any]) -> list[tuple[Path, dict[str, Any]]]:
    """(document, reference item) for the seeds' gold and the national dev gold (never held-out)."""
    refs: list[tuple[Path, dict[str, Any]]] = []
    for gold_path in sorted(GOLD_DIR.glob("*.json")):
        name = gold_path.name
        gold = json.loads(gold_path.read_text("utf-8"))
        if name.startswith("seed-"):
            which = "seeds"
        elif name.startswith("national-") and gold.get("split") == "dev":
            which = "national-dev"
        else:
            continue
        doc = (ROOT / gold["document"]).resolve()
        for r in reference_items(gold, parsed[doc].text.text):
            refs.append((doc, r | {"set": which}))
    return refs


def overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def luoshi_finds(ref: dict[str, Any], extraction: Any, *, facts_only: bool = False) -> bool:
    """Whether luoshi returned a quantity (or fact) over the gold quote with the same number."""
    f = ref["fact"]
    want_lo, want_hi = f["value"], f["value_high"]
    if ref["group"] == "growth":  # sign lives in the fact (下降), not in the written number
        want_lo, want_hi = abs(want_lo), None if want_hi is None else abs(want_hi)
    for fact in extraction.facts:
        if fact.value is None or not overlaps(fact.start, fact.end, ref["spans"]):
            continue
        lo = abs(fact.value) if ref["group"] == "growth" else fact.value
        hi = fact.value_high
        if ref["group"] == "growth" and hi is not None:
            hi = abs(hi)
        if close(lo, want_lo) and close(hi, want_hi) and (fact.unit or "") == f["unit"]:
            return True
    if facts_only:
        return False
    return any(
        overlaps(q.start, q.end, ref["spans"])
        and q.unit == f["unit"]
        and close(q.value, want_lo)
        and close(q.value_high, want_hi)
        for q in extraction.quantities
    )


def jionlp_finds(ref: dict[str, Any], items: Sequence[dict[str, Any]]) -> bool:
    """Whether JioNLP returned a money item over the gold quote with the same amount."""
    f = ref["fact"]
    currency, mult = ref["money"] or ("", 1.0)
    want = [f["value"] * mult] + ([] if f["value_high"] is None else [f["value_high"] * mult])
    if ref["group"] == "growth":
        want = [abs(v) for v in want]
    for it in items:
        if not overlaps(it["start"], it["end"], ref["spans"]):
            continue
        got = [float(n) for n in (it["num"] if isinstance(it["num"], list) else [it["num"]])]
        if ref["money"] is not None and it["case"] != currency:
            continue
        # "330多亿" comes back as the range 330亿-340亿: its low end is the written amount
        if close(got[0], want[0]) and (
            len(want) == 1 or (len(got) == 2 and close(got[1], want[1]))
        ):
            return True
    return False


# ------------------------------------------------------------------------------------ luoshi


def dev_f1(extractions: dict[Path, Any]) -> dict[str, dict[str, dict[str, Any]]]:
    """luoshi.evaluate scores per corpus group and item, over dev gold files only."""
    from luoshi.evaluate import ITEMS, load_gold, score
    from luoshi.pipeline import extract_parsed, parse_path

    golds, preds = [], []
    for path in sorted(GOLD_DIR.glob("*.json")):
        if json.loads(path.read_text("utf-8")).get("split") != "dev":
            continue  # held-out gold stays unseen: not run, not printed
        gold = load_gold(path)
        doc = (ROOT / gold.document).resolve()
        golds.append(gold)
        preds.append(extractions.get(doc) or extract_parsed(parse_path(doc)))
    scores = score(golds, preds)
    table: dict[str, dict[str, dict[str, Any]]] = {}
    for item in ITEMS:
        for group, counts in scores.table(item, "group").items():
            table.setdefault(group, {})[item] = counts.as_dict()
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed passes (best is kept)")
    parser.add_argument("--cpu", type=int, default=0, help="CPU to pin both processes to")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--peer", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peer is not None:
        args.out.write_text(json.dumps(run_peer(args.peer, args.repeat, args.cpu)), "utf-8")
        return
    cpu = pin_to_one_cpu(args.cpu)

    from luoshi.extract.ontology import load_ontology
    from luoshi.extract.run import extract_all
    from luoshi.pipeline import parse_path

    paths = SEEDS + NATIONAL
    parsed = {p.resolve(): parse_path(p) for p in paths}  # not timed
    chars = sum(len(x.text.text) for x in parsed.values())
    onto = load_ontology()
    extract_all(parsed[paths[0].resolve()].text, parsed[paths[0].resolve()].report, onto)
    best, extractions = math.inf, {}
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        extractions = {p: extract_all(x.text, x.report, onto) for p, x in parsed.items()}
        best = min(best, time.perf_counter() - t0)
    luoshi_rss = peak_rss_mb()
    counts = {
        k: sum(len(getattr(e, k)) for e in extractions.values())
        for k in ("quantities", "facts", "tasks", "glossary", "self_assessments")
    }

    with tempfile.TemporaryDirectory(prefix="luoshi-bench-") as tmp:
        names = {p: f"{i:03d}_{p.stem}.txt" for i, p in enumerate(parsed)}
        for p, x in parsed.items():
            (Path(tmp) / names[p]).write_text(x.text.text, "utf-8")
        peer = call_peer(Path(tmp), args.repeat, cpu)

    refs = reference_set(parsed)
    unlocated = [r["fact"]["quote"] for _, r in refs if not r["spans"]]

    def recall(finds: Any) -> dict[str, dict[str, Any]]:
        out = {}
        for key in REFERENCE_GROUPS:
            mine = [(doc, r) for doc, r in refs if f"{r['set']}/{r['group']}" == key]
            hits = [finds(doc, r) for doc, r in mine]
            missed = [r["fact"]["quote"] for (_, r), hit in zip(mine, hits, strict=True) if not hit]
            out[key] = {"found": sum(hits), "total": len(hits),
                        "recall": sum(hits) / len(hits) if hits else 1.0, "missed": missed}  # fmt: skip
        return out

    result: dict[str, Any] = {
        "date": date.today().isoformat(),
        "machine": f"{platform.processor() or platform.machine()}, "
        f"{_cpu_model()}, Python {platform.python_version()}, pinned to CPU {cpu}",
        "texts": len(parsed),
        "chars": chars,
        "luoshi": {
            "seconds": best,
            "chars_per_s": chars / best,
            "facts_per_s": counts["facts"] / best,
            "counts": counts,
            "peak_rss_mb": luoshi_rss,
            "recall": recall(lambda d, r: luoshi_finds(r, extractions[d])),
            "recall_facts_only": recall(
                lambda d, r: luoshi_finds(r, extractions[d], facts_only=True)
            ),
        },
        "unlocated_gold_quotes": unlocated,
        "dev_f1": dev_f1(extractions),
    }
    if isinstance(peer, str):
        result["jionlp"] = {"error": peer}
    else:
        items = {p: peer["items"][names[p]] for p in parsed}
        result["jionlp"] = {
            k: v for k, v in peer.items() if k != "items"
        } | {
            "money_items": sum(map(len, items.values())),
            "recall": recall(lambda d, r: jionlp_finds(r, items[d])),
        }  # fmt: skip
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print_report(result, args.repeat)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip() + f" ({os.cpu_count()} CPUs)"
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs"


def _pct(r: dict[str, Any]) -> str:
    return f"{r['recall']:.1%} ({r['found']}/{r['total']})"


def _table(rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print(" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            print("-+-".join("-" * w for w in widths))


def print_report(r: dict[str, Any], repeat: int) -> None:
    lo, j = r["luoshi"], r["jionlp"]
    jn = "jionlp" if "error" in j else j["system"]
    print(f"{r['date']} · {r['machine']}")
    print(f"corpus: {r['texts']} normalized texts (5 seeds + national fixtures), "
          f"{r['chars']:,} chars; best of {repeat} passes")  # fmt: skip
    print(
        f"luoshi extract_all: {lo['seconds']:.3f} s; "
        + ", ".join(f"{v:,} {k}" for k, v in lo["counts"].items())
        + f"; {lo['facts_per_s']:,.0f} facts/s"
    )
    print()
    print("Recall reference: the seeds' gold (money amounts, growth rates)")
    rows: list[tuple[str, ...]] = [
        ("system", "chars/s", "money recall", "growth recall", "peak RSS")
    ]
    rows.append(("luoshi extract_all (quantities or facts)", f"{lo['chars_per_s'] / 1e6:.2f} M",
                 _pct(lo["recall"]["seeds/money"]), _pct(lo["recall"]["seeds/growth"]),
                 f"{lo['peak_rss_mb']:.0f} MiB"))  # fmt: skip
    rows.append(("luoshi, facts only", "(same pass)", _pct(lo["recall_facts_only"]["seeds/money"]),
                 _pct(lo["recall_facts_only"]["seeds/growth"]), ""))  # fmt: skip
    if "error" in j:
        rows.append(("jionlp extract_money", "n/a", "n/a", "n/a", j["error"]))
    else:
        cps = j["chars_per_s"]
        rows.append((f"{jn} extract_money(with_parsing=True)",
                     f"{cps['with_parsing'] / 1e6:.2f} M", _pct(j["recall"]["seeds/money"]),
                     _pct(j["recall"]["seeds/growth"]), f"{j['peak_rss_mb']:.0f} MiB"))  # fmt: skip
        rows.append(
            (
                f"{jn} extract_money(with_parsing=False)",
                f"{cps['without_parsing'] / 1e6:.2f} M",
                "",
                "",
                "(same process)",
            )
        )
    _table(rows)
    print()
    print("Second look, same rule: national dev gold (money amounts, growth rates)")
    rows = [("system", "money recall", "growth recall")]
    rows.append(("luoshi (quantities or facts)", _pct(lo["recall"]["national-dev/money"]),
                 _pct(lo["recall"]["national-dev/growth"])))  # fmt: skip
    rows.append(("luoshi, facts only", _pct(lo["recall_facts_only"]["national-dev/money"]),
                 _pct(lo["recall_facts_only"]["national-dev/growth"])))  # fmt: skip
    if "error" not in j:
        rows.append((jn, _pct(j["recall"]["national-dev/money"]),
                     _pct(j["recall"]["national-dev/growth"])))  # fmt: skip
    _table(rows)
    if "error" not in j:
        print(f"(jionlp returned {j['money_items']:,} money items in all; peak RSS is each whole "
              "process: luoshi's includes reading and parsing the corpus)")  # fmt: skip
    for name, rec in (("luoshi", lo["recall"]), ("jionlp", j.get("recall", {}))):
        for key, x in rec.items():
            if x["missed"] and len(x["missed"]) < x["total"]:
                print(f"{name} missed {key}: " + "; ".join(x["missed"]))
    if r["unlocated_gold_quotes"]:
        print(f"gold quotes not found in the normalized text: {r['unlocated_gold_quotes']}")
    print()
    print("luoshi F1 on dev gold only (held-out neither run nor shown), per corpus group:")
    items = ("facts", "livelihood_projects", "glossary", "self_assessments")
    rows = [("group", *items)]
    for group, row in r["dev_f1"].items():
        rows.append((group, *(
            f"{c['f1']:.3f} (tp {c['tp']} fp {c['fp']} fn {c['fn']})" if (c := row.get(i)) else "-"
            for i in items
        )))  # fmt: skip
    _table(rows)


if __name__ == "__main__":
    main()
