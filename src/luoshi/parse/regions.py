"""Resolve a region as a report writes it to its GB/T 2260 code, level and parent chain.

Data: ``data/areacodes/result.csv`` (yescallop/areacodes, CC0; codes 1981-2024 with their years
in use) and the alias rules in ``data/region_aliases.toml``. Both are loaded once, lazily, into
dict indexes; a lookup is a handful of dict probes (see the tests for the measured time).

Levels: 省级 -> "provincial", 地级 -> "prefecture", 县级 -> "county". The State Council / the
whole country has no GB/T 2260 code: it resolves to the pseudo-code ``models.NATIONAL_CODE``
("000000"), level "national", path ("全国",).

Paths run from the province down and derive from the code in the same year: the province is
``code[:2] + "0000"``, the prefecture ``code[:4] + "00"``. Districts of a municipality (二级 column
"直辖") and county-level units directly under a province (429004 仙桃市, 469002 琼海市) have no
prefecture: ("重庆市", "九龙坡区"), ("湖北省", "仙桃市").

Years. The table gives each year's state as of 31 December, so a code is in force in year Y when
``启用时间 <= Y < 变更/弃用时间``; a change made during Y already counts for all of Y. A report
delivered early in Y (or late in Y-1) can still use the name of the year before (or already use
the next year's), so when no match is in force in Y, a match in force in Y-1 or Y+1 is taken
with a note. A match in force in no year near Y stays unresolved, with the historical codes as
candidates. A year outside the table (before 1981, after 2024) is treated as its nearest year;
``year=None`` means the latest year of the table.

Matching. ``written`` is split into a chain of names (official names or short forms: suffix
removed, "黔西南州" for 黔西南布依族苗族自治州, "内蒙古" for 内蒙古自治区), each inside the one before
("重庆九龙坡", "内蒙古自治区锡林郭勒盟正蓝旗"). An official name beats a short form; a bare short
form that names a province means the province ("吉林"). When several codes remain, the parents
of each candidate are counted in ``context``; the candidate whose parents are mentioned most
wins. Otherwise the result is unresolved: ``code=None``, every candidate, and a note. Nothing is
guessed silently.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from luoshi.datafiles import trie_regex
from luoshi.models import NATIONAL_CODE, Region, RegionCandidate, RegionLevel

_LEVELS: dict[str, RegionLevel] = {"省级": "provincial", "地级": "prefecture", "县级": "county"}
_NO_PREFECTURE = ("", "直辖")
_RANK = {"national": 0, "provincial": 1, "prefecture": 2, "county": 3}
#: How far (in years) a name may be out of force and still be taken: a change within the year.
BOUNDARY_YEARS = 1
#: Longer ``written`` strings are not split: the longest real chain (province + prefecture +
#: county, all official names) is about 30 characters.
MAX_WRITTEN_CHARS = 48
NATIONAL = RegionCandidate(NATIONAL_CODE, "全国", "national", ("全国",), 1949, None)


@dataclass(frozen=True, slots=True)
class _Row:
    """One row of the code table: a code with one name over one period."""

    code: str
    name: str
    level: RegionLevel
    province: str  # 一级行政区 column
    prefecture: str  # 二级行政区 column ("直辖" under a municipality or a province)
    start: int
    stop: int | None  # exclusive

    def in_force(self, year: int) -> bool:
        return self.start <= year and (self.stop is None or year < self.stop)

    def distance(self, year: int) -> int:
        """Years between ``year`` and this row's period (0 when in force)."""
        if year < self.start:
            return self.start - year
        if self.stop is not None and year >= self.stop:
            return year - self.stop + 1
        return 0

    def clamp(self, year: int) -> int:
        """The year of this row's period nearest to ``year``."""
        last = self.stop - 1 if self.stop is not None else year
        return min(max(year, self.start), max(last, self.start))


#: A row a form names, and whether the form is its official name (not a short form).
_Match = tuple[_Row, bool]


@dataclass(frozen=True, slots=True)
class _Rules:
    national: frozenset[str]
    organ_suffixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    min_stem: int
    ethnic: re.Pattern[str]
    autonomous_short: dict[str, str]
    aliases: dict[str, str]


@dataclass(frozen=True, slots=True)
class _Index:
    rows: tuple[_Row, ...]
    by_code: dict[str, tuple[_Row, ...]]
    exact: dict[str, tuple[_Row, ...]]  # official name -> rows
    short: dict[str, tuple[_Row, ...]]  # short form -> rows
    stem: dict[str, str]  # official name -> shortest form, for counting mentions
    max_len: int
    first_year: int
    last_year: int
    rules: _Rules


# ---------------------------------------------------------------- loading


@cache
def _rules() -> _Rules:
    raw = tomllib.loads(_data_text("region_aliases.toml"))
    single = "|".join(map(re.escape, raw["ethnic_single"]))
    multi = "|".join(map(re.escape, sorted(raw["ethnic_multi"], key=len, reverse=True)))
    ethnic = re.compile(rf"(?:(?:{single})族|(?:{multi})族?)$")
    return _Rules(
        national=frozenset(raw["national"]),
        organ_suffixes=tuple(sorted(raw["organ_suffixes"], key=len, reverse=True)),
        suffixes=tuple(sorted(raw["suffixes"], key=len, reverse=True)),
        min_stem=int(raw["min_stem_chars"]),
        ethnic=ethnic,
        autonomous_short=dict(raw["autonomous_short"]),
        aliases=dict(raw["aliases"]),
    )


def _data_text(name: str) -> str:
    return resources.files("luoshi.data").joinpath(name).read_text(encoding="utf-8-sig")


def _read_rows() -> tuple[_Row, ...]:
    reader = csv.DictReader(io.StringIO(_data_text("areacodes/result.csv")))
    return tuple(
        _Row(
            code=r["代码"],
            name=r["名称"],
            level=_LEVELS[r["级别"]],
            province=r["一级行政区"],
            prefecture=r["二级行政区"],
            start=int(r["启用时间"]),
            stop=int(r["变更/弃用时间"]) if r["变更/弃用时间"] else None,
        )
        for r in reader
    )


def short_forms(name: str) -> set[str]:
    """Short forms of an official name: "武侯区" -> {"武侯"}, "黔西南布依族苗族自治州" ->
    {"黔西南州", "黔西南", "黔西南自治州"}, "新疆维吾尔自治区" -> {"新疆", "新疆自治区"},
    "内蒙古自治区" -> {"内蒙古"}. Never contains ``name`` itself."""
    rules = _rules()
    forms: set[str] = set()
    for auto, short in rules.autonomous_short.items():
        if name.endswith(auto):
            stem = _strip_ethnic(name[: -len(auto)])
            forms.update({stem + short, stem} if short else {stem})
            # "新疆自治区", "黔西南自治州": the ethnic names dropped, the generic suffix kept.
            forms.add(stem + auto)
            break
    else:
        for suffix in rules.suffixes:
            if name.endswith(suffix):
                forms.add(name[: -len(suffix)])
                break
    return {f for f in forms if len(f) >= rules.min_stem and f != name}


def _strip_ethnic(stem: str) -> str:
    """Remove ethnic names from the end, one at a time, while a place name of at least
    ``min_stem_chars`` remains ("黔西南布依族苗族" -> "黔西南", but "内蒙古" stays)."""
    rules = _rules()
    while (m := rules.ethnic.search(stem)) and m.start() >= rules.min_stem:
        stem = stem[: m.start()]
    return stem


@cache
def _index() -> _Index:
    rows = _read_rows()
    rules = _rules()
    by_code: dict[str, list[_Row]] = {}
    exact: dict[str, list[_Row]] = {}
    short: dict[str, list[_Row]] = {}
    stem: dict[str, str] = {}
    for row in rows:
        by_code.setdefault(row.code, []).append(row)
        exact.setdefault(row.name, []).append(row)
        forms = short_forms(row.name)
        for form in forms:
            short.setdefault(form, []).append(row)
        stem[row.name] = min(forms, key=len, default=row.name)
    for alias, official in rules.aliases.items():
        short.setdefault(alias, []).extend(exact.get(official, ()))
    years = [r.start for r in rows] + [r.stop - 1 for r in rows if r.stop is not None]
    return _Index(
        rows=rows,
        by_code={k: tuple(v) for k, v in by_code.items()},
        exact={k: tuple(v) for k, v in exact.items()},
        short={k: tuple(v) for k, v in short.items()},
        stem=stem,
        max_len=max(map(len, [*exact, *short])),
        first_year=min(years),
        last_year=max(years),
        rules=rules,
    )


# ---------------------------------------------------------------- paths and candidates


def _at(rows: tuple[_Row, ...], year: int, level: RegionLevel) -> _Row | None:
    """The row of ``level`` among ``rows`` in force in ``year``, else the nearest in time."""
    fitting = [r for r in rows if r.level == level]
    return min(fitting, key=lambda r: r.distance(year), default=None)


def _path(row: _Row, year: int) -> tuple[str, ...]:
    idx = _index()
    if row.level == "provincial":
        return (row.name,)
    province = _at(idx.by_code.get(row.code[:2] + "0000", ()), year, "provincial")
    names = [province.name if province else row.province]
    if row.level == "county" and row.prefecture not in _NO_PREFECTURE:
        prefecture = _at(idx.by_code.get(row.code[:4] + "00", ()), year, "prefecture")
        names.append(prefecture.name if prefecture else row.prefecture)
    return (*names, row.name)


def _candidate(row: _Row, year: int) -> RegionCandidate:
    return RegionCandidate(
        code=row.code,
        name=row.name,
        level=row.level,
        path=_path(row, row.clamp(year)),
        valid_from=row.start,
        valid_to=row.stop,
    )


def region_by_code(code: str, year: int | None = None) -> RegionCandidate | None:
    """The region a code named in ``year`` (nearest period if not in force then; the latest
    period when ``year`` is None), or None when the table never had the code."""
    if code == NATIONAL_CODE:
        return NATIONAL
    idx = _index()
    rows = idx.by_code.get(code, ())
    if not rows:
        return None
    when = _clamp_year(year)
    row = min(rows, key=lambda r: (r.distance(when), -r.start))
    return _candidate(row, when)


def _clamp_year(year: int | None) -> int:
    idx = _index()
    if year is None:
        return idx.last_year
    return min(max(year, idx.first_year), idx.last_year)


# ---------------------------------------------------------------- splitting a written name


def _lookup(form: str) -> tuple[_Match, ...]:
    """Rows a form names, each flagged True when the form is the official name."""
    idx = _index()
    return tuple((r, True) for r in idx.exact.get(form, ())) + tuple(
        (r, False) for r in idx.short.get(form, ())
    )


def _is_under(child: _Row, parent: _Row) -> bool:
    """Whether ``child`` lies inside ``parent`` at some time both were in use."""
    if _RANK[child.level] <= _RANK[parent.level]:
        return False
    overlap = child.start < (parent.stop or 10**4) and parent.start < (child.stop or 10**4)
    prefix = 2 if parent.level == "provincial" else 4
    by_code = child.code[:prefix] == parent.code[:prefix]
    by_name = parent.name in (child.province, child.prefecture)
    return overlap and (by_code or by_name)


@lru_cache(maxsize=4096)
def _chains(written: str) -> tuple[tuple[_Match, ...], int]:
    """Rows the last name of ``written`` can be, given the names before it, and the number of
    names in the chain used (0 when ``written`` cannot be split into known names)."""
    best: tuple[tuple[_Match, ...], int] = ((), 0)
    for tokens in _splits(written, 0):
        rows = _lookup(tokens[0])
        for token in tokens[1:]:
            rows = tuple(c for c in _lookup(token) if any(_is_under(c[0], p[0]) for p in rows))
        if rows and (not best[1] or len(tokens) < best[1]):
            best = (rows, len(tokens))
        elif rows and len(tokens) == best[1]:  # two equally short readings: keep both
            best = (best[0] + tuple(m for m in rows if m not in best[0]), best[1])
    return best


def _splits(s: str, i: int) -> list[tuple[str, ...]]:
    """Every way to cut ``s[i:]`` into known names (official or short)."""
    idx = _index()
    if i == len(s):
        return [()]
    out: list[tuple[str, ...]] = []
    for j in range(min(len(s), i + idx.max_len), i, -1):
        part = s[i:j]
        if part in idx.exact or part in idx.short:
            out.extend((part, *rest) for rest in _splits(s, j))
    return out


# ---------------------------------------------------------------- choosing


def _by_year(found: tuple[_Match, ...], year: int) -> tuple[tuple[_Match, ...], str | None]:
    """Matches in force in ``year``, else within BOUNDARY_YEARS of it (with a note)."""
    now = tuple(f for f in found if f[0].in_force(year))
    if now:
        return now, None
    near = tuple(f for f in found if f[0].distance(year) <= BOUNDARY_YEARS)
    if near:
        return (
            near,
            f"not in use in {year}; taken from the neighbouring year (change within the year)",
        )
    return (), None


def _prefer(found: tuple[_Match, ...]) -> tuple[tuple[_Row, ...], bool]:
    """Official-name matches over short forms; also says whether only short forms matched."""
    exact = [r for r, is_exact in found if is_exact]
    rows = exact or [r for r, _ in found]
    return tuple({r.code: r for r in rows}.values()), not exact


def _mentions(candidate: RegionCandidate, written: str, context: str) -> int:
    """How often ``context`` names a candidate's parents (by their shortest form) or the
    candidate itself by a fuller name ("甘南州" for "甘南"). A form equal to ``written`` or
    inside it is skipped: its mentions cannot tell the candidates apart ("辽阳" is both the
    stem of 辽阳市 and part of 辽阳县)."""
    idx = _index()
    parents = [idx.stem.get(name, name) for name in candidate.path[:-1]]
    own = {candidate.name, *short_forms(candidate.name)}
    forms = [f for f in (*parents, *own) if f not in written]
    return sum(context.count(f) for f in forms)


def _pick(cands: list[RegionCandidate], written: str, context: str) -> RegionCandidate | None:
    scores = sorted(((_mentions(c, written, context), c) for c in cands), key=lambda t: -t[0])
    if scores[0][0] > 0 and scores[0][0] > scores[1][0]:
        return scores[0][1]
    return None


def _outermost(cands: list[RegionCandidate]) -> RegionCandidate | None:
    """For a bare short form ("吉林", "辽阳"): the candidate every other lies inside, else the
    only province; the bare stem is the usual way to name the larger unit."""
    for cand in cands:
        if all(cand.name in other.path[:-1] for other in cands if other is not cand):
            return cand
    provinces = [c for c in cands if c.level == "provincial"]
    return provinces[0] if len(provinces) == 1 else None


def _strip_organ(written: str) -> str:
    for suffix in _index().rules.organ_suffixes:
        if written.endswith(suffix) and len(written) > len(suffix):
            return written[: -len(suffix)]
    return written


# ---------------------------------------------------------------- public entry


def resolve_region(written: str, *, year: int | None, context: str = "") -> Region:
    """Resolve a region as written in a report ("成都市武侯区", "重庆九龙坡", "黔西南州",
    "国务院") for the year of the report.

    Returns a ``Region`` with code, name, level and path; when nothing matches, or several codes
    match and neither ``written`` nor ``context`` names their parents more often for one of
    them, ``code`` is None, ``candidates`` holds every match and ``note`` says why.
    """
    name = re.sub(r"\s+", "", written)
    idx = _index()
    if name in idx.rules.national or _strip_organ(name) in idx.rules.national:
        why = f"{name!r} names the State Council or the whole country: pseudo-code {NATIONAL.code}"
        return _resolved(written, NATIONAL, why)
    name = _strip_organ(name)
    if not 0 < len(name) <= MAX_WRITTEN_CHARS:
        return _unresolved(written, (), f"{name[:20]!r} is not a region name (length {len(name)})")
    when = _clamp_year(year)
    shifted = (
        None if year is None or year == when else f"year {year} outside the table; used {when}"
    )
    found, _ = _chains(name)
    if not found:
        return _unresolved(written, (), f"no region named {name!r} in the code table")
    in_force, note = _by_year(found, when)
    if not in_force:
        history = tuple(_candidate(r, when) for r in _prefer(found)[0])
        spans = "; ".join(f"{c.code} {c.valid_from}-{c.valid_to or ''}" for c in history)
        return _unresolved(written, history, f"{name} not in use in {when} (in use: {spans})")
    rows, bare = _prefer(in_force)
    cands = [_candidate(r, when) for r in rows]
    note = _join(shifted, note)
    if len(cands) == 1:
        return _resolved(written, cands[0], note)
    return _choose(written, name, cands, context, bare, note)


def _choose(
    written: str,
    name: str,
    cands: list[RegionCandidate],
    context: str,
    bare: bool,
    note: str | None,
) -> Region:
    """Several codes match: decide by the context, then (bare short forms only) by nesting."""
    all_cands = tuple(cands)
    chosen = _pick(cands, name, context)
    if chosen is not None:
        why = f"chosen among {len(cands)} codes by names in the context"
        return _resolved(written, chosen, _join(note, why), all_cands)
    chosen = _outermost(cands) if bare else None
    if chosen is not None:
        why = f"short form {name} taken as the larger of {len(cands)} units it can name"
        return _resolved(written, chosen, _join(note, why), all_cands)
    codes = ", ".join(c.code for c in cands)
    why = f"ambiguous: {name} matches {len(cands)} codes ({codes}) and the context does not tell them apart"
    return _unresolved(written, all_cands, _join(note, why) or why)


def _join(*notes: str | None) -> str | None:
    return "; ".join(n for n in notes if n) or None


def _resolved(
    written: str, cand: RegionCandidate, note: str | None, cands: tuple[RegionCandidate, ...] = ()
) -> Region:
    return Region(written, cand.code, cand.name, cand.level, cand.path, cands or (cand,), note)


def _unresolved(written: str, cands: tuple[RegionCandidate, ...], note: str) -> Region:
    return Region(written, None, None, None, (), cands, note)


# ---------------------------------------------------------------- finding names in text


@cache
def _names_pattern() -> re.Pattern[str]:
    """One trie-shaped regex over official names of any year and suffixed short forms
    ("黔西南州"), plus province short forms ("内蒙古", "北京"). Left out: bare county stems and
    two-character names ("蠡县", "郊区"), too often parts of ordinary words ("担任县长",
    "召开县委会", "城区面积")."""
    idx = _index()
    names = {n for n in idx.exact if len(n) >= 3}
    for name, rows in idx.short.items():
        provincial = any(r.level == "provincial" for r in rows)
        if provincial or name[-1] in "州县旗" and len(name) >= 3:
            names.add(name)
    return re.compile(trie_regex(names))


def find_region_names(text: str) -> list[tuple[int, int, str]]:
    """Spans ``(start, end, name)`` of region names in ``text``, longest first, not overlapping.

    Official names of three or more characters (any year), suffixed short forms ("黔西南州")
    and province short forms ("北京") are found; bare county stems ("武侯") and two-character
    names ("蠡县") are not. Resolve a span with ``resolve_region``.
    """
    return [(m.start(), m.end(), m.group()) for m in _names_pattern().finditer(text)]
