"""Score extractions against hand-written gold files (format: docs/gold-format.md).

The scorer is pure: ``load_gold`` reads one gold file, ``score`` compares gold documents with the
extractions made from them and returns every match, miss and false positive, and ``Scores`` folds
them into precision/recall/F1 along any dimension (kind, indicator, split, corpus group).

Matching rules (kept here, in one place, because the quality gate pins figures on them):

- facts: indicator, measure, kind, tier, period_year, period, value (relative 1e-6), value_high,
  unit and qualifier all equal; one-to-one. Only predicted facts whose indicator is a core key and
  whose value is numeric are scored: the gold is exhaustive for exactly that scope. A fact repeated
  in a document (the same target restated a page later) is one fact: gold lists it once and
  predictions equal on every compared field are counted once.
- livelihood projects: the gold quote is a substring of a predicted livelihood task's text and the
  lead units are equal; one-to-one.
- glossary: terms equal after stripping “”《》"" and spaces; one-to-one.
- self-assessments: verdict, indicator and year equal; one-to-one. Predicted self-assessments about
  a non-core indicator are out of scope (the gold does not annotate them).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from luoshi.errors import UsageError
from luoshi.extract.ontology import load_ontology
from luoshi.models import Extraction, Fact, GlossaryEntry, SelfAssessment, Task


@cache
def core_indicators() -> frozenset[str]:
    """The indicators gold files annotate: those the shipped ontology marks ``core`` (the issue's
    24 keys, which tests/extract/test_ontology.py pins by name)."""
    return frozenset(key for key, indicator in load_ontology().indicators.items() if indicator.core)

ITEMS = ("facts", "livelihood_projects", "glossary", "self_assessments")
Item = Literal["facts", "livelihood_projects", "glossary", "self_assessments"]
SPLITS = ("dev", "heldout")
KINDS = ("outcome", "target")
MEASURES = ("level", "growth", "change_pp", "share", "ratio", "multiple")
TIERS = ("base", "力争", "确保")
QUALIFIERS = (None, "approx", "more_than", "at_least", "above", "at_most", "below")
VERDICTS = ("met", "missed")
#: Corpus group by the folder the document lives in.
GROUP_BY_FOLDER = {"seeds": "seeds", "national": "national", "local": "local"}
REL_TOL = 1e-6
_TERM_STRIP = str.maketrans("", "", "“”《》\"' \u3000")


@dataclass(frozen=True, slots=True)
class GoldFact:
    kind: str
    indicator: str
    measure: str
    tier: str
    period_year: int | None
    period: str | None
    value: float
    value_high: float | None
    unit: str
    qualifier: str | None
    quote: str


@dataclass(frozen=True, slots=True)
class GoldProject:
    quote: str
    lead_unit: str | None


@dataclass(frozen=True, slots=True)
class GoldTerm:
    term: str
    quote: str


@dataclass(frozen=True, slots=True)
class GoldAssessment:
    verdict: str
    indicator: str | None
    year: int | None
    quote: str


@dataclass(frozen=True, slots=True)
class Gold:
    """One annotated document. ``annotated`` lists the item types scored for it."""

    path: str
    document: str
    split: str
    group: str
    scope: str
    annotated: tuple[str, ...]
    facts: tuple[GoldFact, ...]
    livelihood_projects: tuple[GoldProject, ...]
    glossary: tuple[GoldTerm, ...]
    self_assessments: tuple[GoldAssessment, ...]


@dataclass(frozen=True, slots=True)
class Outcome:
    """One scored item: a match (gold and pred), a miss (gold only) or a false positive (pred only)."""

    item: str
    gold: Any
    pred: Any
    document: str
    split: str
    group: str

    @property
    def status(self) -> str:
        if self.gold is not None and self.pred is not None:
            return "match"
        return "miss" if self.gold is not None else "false_positive"


@dataclass(frozen=True, slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, status: str) -> Counts:
        return Counts(
            self.tp + (status == "match"),
            self.fp + (status == "false_positive"),
            self.fn + (status == "miss"),
        )

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }  # fmt: skip


#: Dimensions a table can be broken down by; each maps an outcome to its row key.
DIMENSIONS: dict[str, Callable[[Outcome], str]] = {
    "all": lambda o: "all",
    "split": lambda o: o.split,
    "group": lambda o: o.group,
    "group_split": lambda o: f"{o.group}/{o.split}",
    "kind": lambda o: (o.gold or o.pred).kind,
    "indicator": lambda o: (o.gold or o.pred).indicator or "-",
    "document": lambda o: o.document,
}


@dataclass(frozen=True, slots=True)
class Scores:
    outcomes: tuple[Outcome, ...] = field(default_factory=tuple)

    def table(self, item: str, dimension: str = "all") -> dict[str, Counts]:
        """Counts of ``item`` outcomes per row of ``dimension`` (see DIMENSIONS), rows sorted."""
        key = DIMENSIONS[dimension]
        rows: dict[str, Counts] = {}
        for o in self.outcomes:
            if o.item == item:
                k = key(o)
                rows[k] = rows.get(k, Counts()).add(o.status)
        return dict(sorted(rows.items()))

    def errors(self, item: str | None = None) -> list[Outcome]:
        """Misses and false positives, optionally of one item type."""
        return [
            o for o in self.outcomes if o.status != "match" and (item is None or o.item == item)
        ]


# ---------------------------------------------------------------------------------------- loading


def load_gold(path: str | Path) -> Gold:
    """Read and validate one gold file; raise UsageError naming the file and the bad field."""
    p = Path(path)
    try:
        raw = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"cannot read gold file {p}: {exc}") from exc
    try:
        return _gold_from_dict(raw, str(p))
    except (KeyError, TypeError, ValueError) as exc:
        raise UsageError(f"invalid gold file {p}: {exc}") from exc


def _gold_from_dict(raw: dict[str, Any], path: str) -> Gold:
    document = str(raw["document"])
    split = _choice("split", raw["split"], SPLITS)
    annotated = tuple(raw.get("annotated", ITEMS))
    for item in annotated:
        _choice("annotated", item, ITEMS)
    return Gold(
        path=path,
        document=document,
        split=split,
        group=raw.get("group") or _group_of(document),
        scope=str(raw.get("scope", "")),
        annotated=annotated,
        facts=tuple(_fact(f) for f in raw.get("facts", [])),
        livelihood_projects=tuple(
            GoldProject(str(x["quote"]), x.get("lead_unit"))
            for x in raw.get("livelihood_projects", [])
        ),
        glossary=tuple(
            GoldTerm(str(x["term"]), str(x.get("quote", ""))) for x in raw.get("glossary", [])
        ),
        self_assessments=tuple(_assessment(x) for x in raw.get("self_assessments", [])),
    )


def _group_of(document: str) -> str:
    parts = Path(document).parts
    for folder, group in GROUP_BY_FOLDER.items():
        if folder in parts:
            return group
    return "other"


def _choice(name: str, value: Any, allowed: Sequence[Any]) -> Any:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {list(allowed)}, got {value!r}")
    return value


def _fact(f: dict[str, Any]) -> GoldFact:
    indicator = _choice("indicator", f["indicator"], sorted(core_indicators()))
    period_year, period = f.get("period_year"), f.get("period")
    if (period_year is None) == (period is None):
        raise ValueError(f"fact {f.get('quote')!r}: give exactly one of period_year and period")
    return GoldFact(
        kind=_choice("kind", f["kind"], KINDS),
        indicator=indicator,
        measure=_choice("measure", f["measure"], MEASURES),
        tier=_choice("tier", f.get("tier", "base"), TIERS),
        period_year=period_year,
        period=period,
        value=float(f["value"]),
        value_high=None if f.get("value_high") is None else float(f["value_high"]),
        unit=str(f["unit"]),
        qualifier=_choice("qualifier", f.get("qualifier"), QUALIFIERS),
        quote=str(f["quote"]),
    )


def _assessment(x: dict[str, Any]) -> GoldAssessment:
    indicator = x.get("indicator")
    if indicator is not None:
        _choice("indicator", indicator, sorted(core_indicators()))
    return GoldAssessment(
        _choice("verdict", x["verdict"], VERDICTS), indicator, x.get("year"), str(x["quote"])
    )


def iter_gold_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Gold files named or found (``*.json``, recursively) in the directories named, sorted."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(sorted(p.rglob("*.json")))
        elif p.is_file():
            found.append(p)
        else:
            raise UsageError(f"no such gold file or directory: {p}")
    return found


# ---------------------------------------------------------------------------------------- scoring


def score(gold_docs: Sequence[Gold], predictions: Sequence[Extraction]) -> Scores:
    """Compare each gold document with the extraction made from it (same order, same length)."""
    if len(gold_docs) != len(predictions):
        raise UsageError(f"{len(gold_docs)} gold documents but {len(predictions)} predictions")
    outcomes: list[Outcome] = []
    for gold, pred in zip(gold_docs, predictions, strict=True):
        outcomes.extend(score_document(gold, pred))
    return Scores(tuple(outcomes))


def score_document(gold: Gold, pred: Extraction) -> list[Outcome]:
    """All outcomes of one document, for the item types its gold annotates."""
    pairs: list[tuple[str, Any, Any]] = []
    if "facts" in gold.annotated:
        scored = _dedupe(
            f for f in pred.facts if f.indicator in core_indicators() and f.value is not None
        )
        pairs += [("facts", g, p) for g, p in _match(gold.facts, scored, _fact_matches)]
    if "livelihood_projects" in gold.annotated:
        tasks = [t for t in pred.tasks if t.livelihood]
        pairs += [
            ("livelihood_projects", g, p)
            for g, p in _match(gold.livelihood_projects, tasks, _project_matches)
        ]
    if "glossary" in gold.annotated:
        pairs += [
            ("glossary", g, p) for g, p in _match(gold.glossary, pred.glossary, _term_matches)
        ]
    if "self_assessments" in gold.annotated:
        pairs += [
            ("self_assessments", g, p)
            for g, p in _match(
                gold.self_assessments, _in_scope(pred.self_assessments), _assessment_matches
            )
        ]
    return [Outcome(item, g, p, gold.document, gold.split, gold.group) for item, g, p in pairs]


def fact_key(f: GoldFact | Fact) -> tuple[Any, ...]:
    """The compared fields of a fact (value rounded far below the matching tolerance)."""
    value_high = None if f.value_high is None else round(f.value_high, 9)
    return (f.kind, f.indicator, f.measure, f.tier, f.period_year, f.period,
            None if f.value is None else round(f.value, 9), value_high,
            (f.unit or "").strip(), f.qualifier)  # fmt: skip


def _dedupe(facts: Iterable[Fact]) -> list[Fact]:
    seen: set[tuple[Any, ...]] = set()
    out: list[Fact] = []
    for f in facts:
        if (k := fact_key(f)) not in seen:
            seen.add(k)
            out.append(f)
    return out


def _in_scope(assessments: Iterable[SelfAssessment]) -> list[SelfAssessment]:
    return [a for a in assessments if a.indicator is None or a.indicator in core_indicators()]


def _match(
    gold: Sequence[Any], pred: Sequence[Any], same: Callable[[Any, Any], bool]
) -> list[tuple[Any, Any]]:
    """One-to-one greedy matching in document order: (gold, pred), (gold, None), (None, pred)."""
    free = list(pred)
    pairs: list[tuple[Any, Any]] = []
    for g in gold:
        hit = next((i for i, p in enumerate(free) if same(g, p)), None)
        pairs.append((g, None if hit is None else free.pop(hit)))
    return pairs + [(None, p) for p in free]


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-12)


def _fact_matches(g: GoldFact, p: Fact) -> bool:
    return (
        g.indicator == p.indicator
        and g.measure == p.measure
        and g.kind == p.kind
        and g.tier == p.tier
        and g.period_year == p.period_year
        and g.period == p.period
        and _close(g.value, p.value)
        and _close(g.value_high, p.value_high)
        and g.unit == (p.unit or "").strip()
        and g.qualifier == p.qualifier
    )


def _project_matches(g: GoldProject, p: Task) -> bool:
    return g.quote in p.text and g.lead_unit == p.lead_unit


def normalize_term(term: str) -> str:
    """A glossary term without quotes, title marks and spaces."""
    return term.translate(_TERM_STRIP)


def _term_matches(g: GoldTerm, p: GlossaryEntry) -> bool:
    return normalize_term(g.term) == normalize_term(p.term)


def _assessment_matches(g: GoldAssessment, p: SelfAssessment) -> bool:
    return g.verdict == p.verdict and g.indicator == p.indicator and g.year == p.year


def gold_quotes(gold: Gold) -> list[str]:
    """Every evidence quote of a gold document, in order."""
    return (
        [f.quote for f in gold.facts]
        + [x.quote for x in gold.livelihood_projects]
        + [x.quote for x in gold.glossary]
        + [x.quote for x in gold.self_assessments]
    )


def missing_quotes(gold: Gold, normalized: str) -> list[str]:
    """Gold quotes not found in the normalized text (line breaks ignored, as in the gold)."""
    flat = normalized.replace("\n", "")
    return [q for q in gold_quotes(gold) if q and q not in normalized and q not in flat]


# ---------------------------------------------------------------------------------------- reporting


def describe(obj: Any) -> dict[str, Any]:
    """A JSON-ready view of a gold or predicted item, for error listings."""
    keys: tuple[str, ...]
    if isinstance(obj, (GoldFact, Fact)):
        keys = ("kind", "indicator", "measure", "tier", "period_year", "period", "value",
                "value_high", "unit", "qualifier", "quote")  # fmt: skip
    elif isinstance(obj, GoldProject):
        keys = ("quote", "lead_unit")
    elif isinstance(obj, Task):
        keys = ("text", "lead_unit")
    elif isinstance(obj, (GoldTerm, GlossaryEntry)):
        keys = ("term",)
    else:
        keys = ("verdict", "indicator", "year")
    out = {k: getattr(obj, k) for k in keys}
    if isinstance(obj, (GoldTerm, GoldAssessment)):
        out["quote"] = obj.quote
    if isinstance(obj, SelfAssessment):
        out["quote"] = obj.text
    return out


def scores_to_dict(
    scores: Scores, dimensions: Sequence[str] = ("all", "group", "split", "group_split")
) -> dict[str, Any]:
    """Tables for every item type and dimension (facts also by kind and indicator)."""
    out: dict[str, Any] = {}
    for item in ITEMS:
        dims = list(dimensions) + (["kind", "indicator"] if item == "facts" else [])
        out[item] = {d: {k: c.as_dict() for k, c in scores.table(item, d).items()} for d in dims}
    return out
