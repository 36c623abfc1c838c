"""Judging a target against the outcome reported for the same indicator and year.

Verdicts: ``exceeded``, ``met``, ``approximately_met``, ``missed``, ``no_outcome``,
``not_numeric``. The rules, with ``t`` the target, ``o`` the outcome, ``tol`` the tolerance (rates:
``rate_tolerance_pp`` points; levels: ``level_tolerance_relative`` of the target), read in the
indicator's good direction (higher is better unless the ontology says otherwise, or the target is a
ceiling: 以内/以下/低于/不超过):

* no number in the target ("与经济增长同步")           -> not_numeric
* no outcome found                                    -> no_outcome
* ceiling (at_most/below): o <= t met (below: o < t), o <= t + tol approximately_met, else missed
* range [lo, hi]: o > hi exceeded, lo <= o <= hi met, o >= lo - tol approximately_met, else missed
* floor or plain value (增长7%, 不低于, 以上, 超过, 左右): o beyond t in the good direction exceeded
  (for 左右: beyond t + tol), else reaching t met, o short of t by at most tol
  approximately_met ("9%左右" at 8.6%), else missed

``delta`` is o − t (range: o − lo; ceiling: o − t), in the target's unit; positive is "more".
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

Verdict = Literal["exceeded", "met", "approximately_met", "missed", "no_outcome", "not_numeric"]
RATE_UNITS = frozenset({"%", "‰", "pp", "个百分点", "百分点"})
CEILINGS = frozenset({"at_most", "below"})


@dataclass(frozen=True, slots=True)
class VerdictRules:
    rate_tolerance_pp: float = 0.5
    level_tolerance_relative: float = 0.01
    epsilon: float = 1e-9


DEFAULT_RULES = VerdictRules()


def load_rules(path: Path | None = None) -> VerdictRules:
    """Rules from a TOML file, or the shipped ``data/verdict_rules.toml``."""
    if path is None:
        raw = resources.files("luoshi.data").joinpath("verdict_rules.toml").read_text("utf-8")
    else:
        raw = Path(path).read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    return VerdictRules(**{k: float(v) for k, v in data.items()})


@dataclass(frozen=True, slots=True)
class Judgement:
    verdict: Verdict
    delta: float | None


def _tolerance(value: float, unit: str | None, rules: VerdictRules) -> float:
    if unit in RATE_UNITS:
        return rules.rate_tolerance_pp
    return abs(value) * rules.level_tolerance_relative


def judge(
    target_value: float | None,
    target_high: float | None,
    qualifier: str | None,
    unit: str | None,
    outcome_value: float | None,
    *,
    higher_is_better: bool = True,
    rules: VerdictRules = DEFAULT_RULES,
) -> Judgement:
    """The verdict for one target (values already in the same unit) and its outcome."""
    if target_value is None:
        return Judgement("not_numeric", None)
    if outcome_value is None:
        return Judgement("no_outcome", None)
    tol = _tolerance(target_value, unit, rules)
    if qualifier in CEILINGS:
        return _judge_ceiling(target_value, qualifier, outcome_value, tol, rules.epsilon)
    sign = 1.0 if higher_is_better else -1.0
    if target_high is not None:
        return _judge_range(target_value, target_high, outcome_value, tol, sign, rules.epsilon)
    return _judge_point(target_value, qualifier, outcome_value, tol, sign, rules.epsilon)


def _judge_ceiling(t: float, qualifier: str, o: float, tol: float, eps: float) -> Judgement:
    delta = o - t
    if o < t - eps or (qualifier == "at_most" and abs(delta) <= eps):
        return Judgement("met", delta)
    if delta <= tol + eps:
        return Judgement("approximately_met", delta)
    return Judgement("missed", delta)


def _judge_range(lo: float, hi: float, o: float, tol: float, sign: float, eps: float) -> Judgement:
    if sign < 0:  # lower is better: the good end of the range is its low end
        lo, hi = -hi, -lo
        o = -o
    delta = sign * (o - lo)
    if o > hi + eps:
        return Judgement("exceeded", delta)
    if o >= lo - eps:
        return Judgement("met", delta)
    if o >= lo - tol - eps:
        return Judgement("approximately_met", delta)
    return Judgement("missed", delta)


def _judge_point(
    t: float, qualifier: str | None, o: float, tol: float, sign: float, eps: float
) -> Judgement:
    delta = o - t
    gain = sign * delta  # how far the outcome is beyond the target in the good direction
    met_band = tol if qualifier == "approx" else eps
    if gain > met_band + eps:
        return Judgement("exceeded", delta)
    if gain >= -eps:
        return Judgement("met", delta)
    if gain >= -tol - eps:
        return Judgement("approximately_met", delta)
    return Judgement("missed", delta)
