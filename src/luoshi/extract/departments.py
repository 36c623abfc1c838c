"""Responsible units (牵头单位 / 配合单位) and deadlines written next to a task.

The forms, as reports and their decomposition notices write them::

    …(牵头单位:区交通运输局)                 lead unit in a trailing parenthetical
    …(责任单位:区教育局;配合单位:区财政局)   labelled groups separated by ";"
    牵头单位:区教育局、区卫健局               a line of its own after the item
    责任单位:市经信局、市财政局(列第一位者为…)  under 责任单位 alone, the first one leads
    …(区发改局牵头,区财政局配合)            verb form
    …(区卫健局)                              bare units, accepted only when each ends in a unit suffix

Several lead units ("牵头单位:区教育局、区卫健局"): the first is the task's ``lead_unit``; the others
join the cooperating units (``Task.units``), after them in order of writing.

Vocabulary (labels, unit suffixes, deadline patterns) lives in ``data/task_cues.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_SPLIT_UNITS = re.compile(r"[、,;，；]")
_NOTE = re.compile(r"[((][^()()]*[))]$")
from luoshi.datafiles import load_toml, word_alternation


@dataclass(frozen=True, slots=True)
class Units:
    """Units named in one annotation: ``lead`` (or None) and the cooperating ``others``."""

    lead: str | None
    others: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class UnitAnnotation:
    """A unit annotation found in the text: its half-open range and the units it names."""

    start: int
    end: int
    units: Units


@lru_cache(maxsize=1)
def load_task_cues() -> dict[str, Any]:
    """The parsed ``data/task_cues.toml`` (read once)."""
    return load_toml("task_cues.toml")


@dataclass(frozen=True, slots=True)
class _Patterns:
    labelled: re.Pattern[str]  # "(牵头单位:…)" anywhere
    label_line: re.Pattern[str]  # "牵头单位:…" as a line of its own
    label: re.Pattern[str]  # a label inside an annotation
    verb_form: re.Pattern[str]  # "(X牵头,Y配合)"
    trailing: re.Pattern[str]  # "(X)" at the end of an item
    unit_suffix: re.Pattern[str]
    deadline: re.Pattern[str]  # the data patterns as one alternation, earlier ones first
    lead_labels: frozenset[str]
    responsible_labels: frozenset[str]
    unit_max_chars: int


@lru_cache(maxsize=1)
def patterns() -> _Patterns:
    """Compiled unit and deadline patterns (built once from the data file)."""
    cues = load_task_cues()
    dep = cues["departments"]
    labels = dep["lead_labels"] + dep["responsible_labels"] + dep["cooperating_labels"]
    label = f"(?:{word_alternation(labels)})"
    inner = r"(?:[^()\n]|\([^()\n]*\))*"
    return _Patterns(
        labelled=re.compile(rf"\(\s*({label}\s*[:：]{inner})\)"),
        label_line=re.compile(rf"^[ \t\u3000]*({label}\s*[:：].*?)[ \t\u3000]*$", re.MULTILINE),
        label=re.compile(rf"({label})\s*[:：]"),
        verb_form=re.compile(
            r"\(([^()\n:]{2,60}?)牵头(?:[,;、]([^()\n:]{2,80}?)(?:配合|参与|协办|协助))?\)"
        ),
        trailing=re.compile(r"\(([^()\n:]{2,80})\)\s*[。;]?\s*$"),
        unit_suffix=re.compile(rf"(?:{word_alternation(dep['unit_suffixes'])})$"),
        deadline=re.compile("|".join(f"(?:{p})" for p in cues["deadlines"]["patterns"])),
        lead_labels=frozenset(dep["lead_labels"]),
        responsible_labels=frozenset(dep["responsible_labels"]),
        unit_max_chars=int(dep["unit_max_chars"]),
    )


def split_units(written: str) -> tuple[str, ...]:
    """Split a written list of units ("区教育局、区卫健局") into names, dropping notes in brackets."""
    written = _NOTE.sub("", written.strip())
    parts = (p.strip(" \t。.") for p in _SPLIT_UNITS.split(written))
    return tuple(p for p in parts if p)


def parse_labelled(content: str) -> Units:
    """Units of a labelled annotation body ("牵头单位:A、B;配合单位:C")."""
    pat = patterns()
    marks = list(pat.label.finditer(content))
    lead: str | None = None
    others: list[str] = []
    has_lead_label = any(m.group(1) in pat.lead_labels for m in marks)
    for i, m in enumerate(marks):
        stop = marks[i + 1].start() if i + 1 < len(marks) else len(content)
        names = split_units(content[m.end() : stop])
        leads_here = m.group(1) in pat.lead_labels or (
            m.group(1) in pat.responsible_labels and not has_lead_label
        )
        if leads_here and lead is None and names:
            lead, names = names[0], names[1:]
        others.extend(n for n in names if n != lead and n not in others)
    return Units(lead, tuple(others))


def _all_units(names: tuple[str, ...]) -> bool:
    pat = patterns()
    return bool(names) and all(
        2 <= len(n) <= pat.unit_max_chars and pat.unit_suffix.search(n) for n in names
    )


def find_unit_annotations(
    text: str, start: int = 0, end: int | None = None
) -> list[UnitAnnotation]:
    """Labelled and verb-form unit annotations in ``text[start:end]``, in order of position."""
    end = len(text) if end is None else end
    pat = patterns()
    found: list[UnitAnnotation] = []
    for m in pat.labelled.finditer(text, start, end):
        found.append(UnitAnnotation(m.start(), m.end(), parse_labelled(m.group(1))))
    for m in pat.verb_form.finditer(text, start, end):
        leads = split_units(m.group(1))
        others = split_units(m.group(2) or "")
        if _all_units(leads):
            units = Units(leads[0], leads[1:] + others)
            found.append(UnitAnnotation(m.start(), m.end(), units))
    return sorted(found, key=lambda a: a.start)


def unit_line(line: str) -> Units | None:
    """Units of a line that is only an annotation ("牵头单位:区教育局"), else None."""
    m = patterns().label_line.match(line)
    if m is None:
        return None
    return parse_labelled(m.group(1))


def trailing_units(text: str, start: int, end: int) -> UnitAnnotation | None:
    """A bare "(区卫健局)" closing ``text[start:end]``, when every name in it is a unit."""
    m = patterns().trailing.search(text, start, end)
    if m is None or m.end() != end:
        return None
    names = split_units(m.group(1))
    if not _all_units(names):
        return None
    return UnitAnnotation(m.start(), m.end(), Units(names[0], names[1:]))


def find_deadline(text: str, start: int = 0, end: int | None = None) -> str | None:
    """The first deadline phrase ("6月底前", "2018年12月底前", "年内") in ``text[start:end]``."""
    m = patterns().deadline.search(text, start, len(text) if end is None else end)
    return None if m is None else m.group(0)
