"""Find every quantity in normalized report text: number, unit, base value, range, qualifier.

One pass of one compiled regex finds candidate numbers (Arabic, Chinese, "百分之…", ratios,
"翻一番"); each candidate is then parsed by cheap look-ups around it: multiplier (万/亿/万亿…),
余/多, unit (longest match in ``data/units.toml``), a range end ("6%-7%", "5至10家"), and the
qualifier words before ("约", "超过", "控制在", "不低于") and after ("左右", "以上", "以内"),
also listed in ``data/units.toml`` with the characters that make them part of another word
("节约", "附近").

Decisions (documented contract):

* The span covers the number, its unit and the attached qualifier words, so the quote reads
  "9%左右", "控制在4%以内", "超过1000亿", "4万余名".
* ``value`` is the number as written, in the written ``unit`` (multiplier included: 972.4 "亿元");
  ``base_value`` is in ``base_unit`` (9.724e10 "元"). Values are never negative: "下降16%" gives 16;
  the direction (下降/减少/降低) is the facts stage's job.
* A number without a unit is kept only when a multiplier makes it a magnitude ("超过1000亿":
  value 1000, unit "亿", base 1e11, base_unit ""); bare numbers ("1、", "十九大") are skipped.
* Not quantities, skipped: years (1949-2100 followed by 年, and year ranges "2018-2020年"), dates
  ("1月12日"), ordinals ("第十八届", "第二次"), list numbers ("一、", "(一)", "1."), "一是",
  slogans and names ("十三五", "两会", "十九大", short quoted codes "“1+N”", "“两个一百年”"),
  numbers glued to Latin letters ("5G", "4A级", "PM2.5"), Chinese digit sequences ("二〇一七",
  "五六个"), and a lone "一" (an article in "一批", "一个", "进一步"), except in "一倍".
* Qualifier precedence: a word before the number wins, except "控制在" followed by a word after
  ("控制在3%左右" is approx); "余"/"多" ("4万余名", "三千多亿元") give "more_than" when no other
  word is present. "近" before a duration is not approx ("近五年" = the last five years).
* Ranges distribute the unit of the high end; a bare low end takes its multiplier only when it is
  smaller ("5-10万人" = 5万-10万人, "5000至1万元" = 5000元-1万元). "从/由…到/至" is a change.
* Ratios "0.8:44.0:55.2" have unit "ratio", ``ratio`` the parts and ``value`` the first part.
  "翻一番"/"翻两番" are multiples 2/4 with unit "倍".
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from luoshi.datafiles import load_toml
from luoshi.extract.numbers import (
    is_digit_sequence,
    parse_arabic,
    parse_chinese_integer,
    parse_chinese_number,
)
from luoshi.models import Quantity


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit as written, its base unit and factor to it."""

    written: str
    base: str
    factor: float
    family: str
    arabic_only: bool = False
    not_before: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    lookup: bool = True


@dataclass(frozen=True, slots=True)
class UnitTable:
    units: dict[str, Unit]
    multipliers: dict[str, float]
    max_unit_len: int
    max_multiplier_len: int
    #: units that are a multiplier plus a unit ("万人" -> ("万", 人)), so ranges scale right
    splits: dict[str, tuple[str, Unit]]
    #: (word, qualifier, characters that may not precede the word), longest word first
    before: tuple[tuple[str, str, frozenset[str]], ...]
    after: tuple[tuple[str, str], ...]


def _qualifier_words(
    raw: dict,
) -> tuple[tuple[tuple[str, str, frozenset[str]], ...], tuple[tuple[str, str], ...]]:
    before = sorted(raw["before"].items(), key=lambda kv: -len(kv[0]))
    after = sorted(raw["after"].items(), key=lambda kv: -len(kv[0]))
    return (
        tuple((w, spec["qualifier"], frozenset(spec.get("not_after", ()))) for w, spec in before),
        tuple((w, spec["qualifier"]) for w, spec in after),
    )


def _split_units(
    units: dict[str, Unit], multipliers: dict[str, float]
) -> dict[str, tuple[str, Unit]]:
    splits = {}
    for written, unit in units.items():
        for mult, factor in multipliers.items():
            rest = units.get(written[len(mult) :]) if written.startswith(mult) else None
            if (
                rest
                and rest.base == unit.base
                and abs(rest.factor * factor - unit.factor) < 1e-6 * unit.factor
            ):
                splits[written] = (mult, rest)
    return splits


@lru_cache(maxsize=1)
def load_units() -> UnitTable:
    """The bundled unit table (``luoshi/data/units.toml``)."""
    raw = load_toml("units.toml")
    units = {
        written: Unit(
            written,
            spec["base"],
            float(spec["factor"]),
            spec["family"],
            bool(spec.get("arabic_only", False)),
            tuple(spec.get("not_before", ())),
            tuple(spec.get("not_after", ())),
            bool(spec.get("lookup", True)),
        )
        for written, spec in raw["units"].items()
    }
    multipliers = {k: float(v) for k, v in raw["multipliers"].items()}
    return UnitTable(
        units,
        multipliers,
        max(map(len, units)),
        max(map(len, multipliers)),
        _split_units(units, multipliers),
        *_qualifier_words(raw["qualifiers"]),
    )


@lru_cache(maxsize=1)
def _index_lead() -> re.Pattern[str]:
    """Words after which a bare number is an index value (``[index]`` of units.toml)."""
    return re.compile(load_toml("units.toml")["index"]["lead"])


INNER_QUALIFIERS = {"余": "more_than", "多": "more_than"}
FAN_VALUES = {"一": 2.0, "两": 4.0, "二": 4.0, "三": 8.0, "四": 16.0}
RANGE_SEPARATORS = ("——", "—", "–", "-", "~", "至", "到")
#: Years a 4-digit number followed by 年 is taken to be (PRC-era reports; plans up to 2100).
YEAR_MIN, YEAR_MAX = 1949, 2100
#: A quantity inside “…” no longer than this is a slogan or code ("“两个一百年”"), not a quantity.
MAX_SLOGAN_LEN = 12

# "·" is a decimal point in older reports ("增长19·5%").
_NUM = r"\d+(?:[.·]\d+)?"
_CN = "零〇○一二两三四五六七八九十百千万亿廿"
#: The high end of a range: no look-ahead, since "百分之八至九" ends with the bare numeral.
_ADJACENT_DIGITS = re.compile("[一二两三四五六七八九]{2}")
_RANGE_HIGH = re.compile(rf"(?P<ar>\d{{1,3}}(?:,\d{{3}})+(?!\d)(?:\.\d+)?|{_NUM})|(?P<cn>[{_CN}]+)")


def _lead_chars(table: UnitTable) -> str:
    """Characters that may follow a Chinese numeral for it to be a quantity candidate."""
    chars = {u[0] for u in table.units} | set("多余至到—–-~万亿")
    return "".join(sorted(re.escape(c) for c in chars))


@lru_cache(maxsize=1)
def _candidate_regex() -> re.Pattern[str]:
    lead = _lead_chars(load_units())
    cn_run = f"[{_CN}]*"
    # A Chinese numeral must be followed by something that can make it a quantity; a lone "一"
    # only counts before a multiplier or 倍 (otherwise it is an article: 一批, 一个, 进一步).
    chinese = (
        f"(?:[二两三四五六七八九廿]|十|一(?=[十百千万亿倍点])|[百千](?=[万亿])){cn_run}"
        # "一百二十五点六亿元": a decimal part, then the multiplier or unit
        f"(?:点[零〇○一二三四五六七八九]+[万亿]*)?(?=[{lead}])"
    )
    return re.compile(
        rf"(?P<ratio>{_NUM}(?:[:∶]{_NUM})+)"
        # "翻番", "翻倍": doubled, the number left unsaid
        rf"|(?P<fan>翻了?(?P<fan_n>[一两二三四])番|翻了?[番倍](?!数))"
        rf"|(?P<pct>百分之(?P<pct_num>[{_CN}点]+))"
        rf"|(?P<frac>(?P<den>[{_CN}]+)分之(?P<num>[{_CN}点]+))"
        rf"|(?P<ar>\d{{1,3}}(?:,\d{{3}})+(?!\d)(?:\.\d+)?|{_NUM})"
        rf"|(?P<cn>{chinese})"
    )


@dataclass(slots=True)
class _Part:
    """One parsed number with what follows it (before any range or qualifier handling)."""

    start: int
    end: int
    value: float  # as written, before multiplier
    multiplier: str
    unit: Unit | None
    inner: str | None  # 余/多 qualifier
    year_like: bool


def _is_ascii_letter(ch: str) -> bool:
    return ("a" <= ch <= "z") or ("A" <= ch <= "Z")


def _match_unit(
    text: str, pos: int, end: int, table: UnitTable, arabic: bool, before: str
) -> Unit | None:
    """Longest unit at ``pos`` allowed in this context, or None."""
    for n in range(min(table.max_unit_len, end - pos), 0, -1):
        unit = table.units.get(text[pos : pos + n])
        if unit is None or not unit.lookup:
            continue
        if unit.arabic_only and not arabic:
            continue
        if unit.not_after and before in unit.not_after:
            return None
        after = text[pos + n : pos + n + 2]
        if any(after.startswith(w) for w in unit.not_before):
            return None
        if _is_ascii_letter(unit.written[-1]) and pos + n < end and _is_ascii_letter(text[pos + n]):
            continue
        return unit
    return None


def _match_multiplier(text: str, pos: int, end: int, table: UnitTable) -> str:
    for n in range(min(table.max_multiplier_len, end - pos), 0, -1):
        if text[pos : pos + n] in table.multipliers:
            return text[pos : pos + n]
    return ""


def _parse_tail(
    text: str, pos: int, end: int, arabic: bool, before: str, table: UnitTable
) -> tuple[int, str, Unit | None, str | None]:
    """After a number: [余多] multiplier [余多] unit. Returns (end, multiplier, unit, inner)."""
    inner = None
    if pos < end and text[pos] in INNER_QUALIFIERS:
        inner, pos = INNER_QUALIFIERS[text[pos]], pos + 1
    if (
        arabic
        and pos + 1 < end
        and text[pos] == " "
        and _match_unit(text, pos + 1, end, table, arabic, before)
    ):
        pos += 1  # "1980 年": a stray space between a number and its unit
    direct = _match_unit(text, pos, end, table, arabic, before)
    mult = _match_multiplier(text, pos, end, table)
    if mult:
        p = pos + len(mult)
        mult_inner = None
        if p < end and text[p] in INNER_QUALIFIERS:
            mult_inner, p = INNER_QUALIFIERS[text[p]], p + 1
        unit = _match_unit(text, p, end, table, True, before)
        composed = p + (len(unit.written) if unit else 0)
        if direct is None or composed > pos + len(direct.written):
            return composed, mult, unit, inner or mult_inner
    if direct is not None:
        mult, unit = table.splits.get(direct.written, ("", direct))
        return pos + len(direct.written), mult, unit, inner
    return pos, "", None, inner


def _parse_part(
    text: str, start: int, num_end: int, value: float, arabic: bool, end: int, table: UnitTable
) -> _Part:
    before = text[start - 1] if start > 0 else ""
    stop, mult, unit, inner = _parse_tail(text, num_end, end, arabic, before, table)
    raw = text[start:num_end]
    year_like = arabic and raw.isdigit() and len(raw) == 4 and YEAR_MIN <= int(raw) <= YEAR_MAX
    return _Part(start, stop, value, mult, unit, inner, year_like)


def _chinese_value(numeral: str) -> tuple[float, str] | None:
    """(value, split-off trailing multiplier) of a Chinese numeral candidate, or None to skip."""
    whole = numeral.partition("点")[0]
    if is_digit_sequence(whole) or _ADJACENT_DIGITS.search(whole):
        return None  # "二〇一七" (a year); "五六个", "二三十年" (approximate ranges)
    mult = ""
    for m in ("万亿", "亿", "万"):
        head = numeral[: -len(m)]
        if numeral.endswith(m) and head and "亿" not in head and (m != "万" or "万" not in head):
            numeral, mult = head, m
            break
    try:
        return parse_chinese_number(numeral), mult
    except ValueError:
        return None


def _read_number(text: str, pos: int, end: int) -> tuple[int, float, bool] | None:
    """A number starting exactly at ``pos``: (end, value, arabic), for a range's second half."""
    m = _RANGE_HIGH.match(text, pos, end)
    if m is None:
        return None
    if m.lastgroup == "ar":
        return m.end(), parse_arabic(m.group()), True
    parsed = _chinese_value(m.group())
    if parsed is None:
        return None
    value, mult = parsed
    return m.end() - len(mult), value, False


def _range_end(text: str, first: _Part, end: int, table: UnitTable) -> _Part | None:
    """The second half of a range right after ``first`` ("6%-7%", "5至10家", "百分之四至五")."""
    pos = first.end
    for sep in RANGE_SEPARATORS:
        if text.startswith(sep, pos):
            break
    else:
        return None
    if sep in ("至", "到") and text[max(0, first.start - 1) : first.start] in ("从", "由"):
        return None  # "从3%提高到5%" is a change, not a range
    if text.startswith("百分之", pos + len(sep)):
        sep += "百分之"
    number = _read_number(text, pos + len(sep), end)
    if number is None:
        return None
    num_end, value, arabic = number
    second = _parse_part(text, pos + len(sep), num_end, value, arabic, end, table)
    # a bare high end takes the low end's unit only in "百分之八至九"
    bare_ok = text.startswith("百分之", first.start)
    if second.unit is None and not second.multiplier and not bare_ok:
        return None
    return second


def _qualifier_before(text: str, start: int, lo: int, unit: Unit | None) -> tuple[int, str | None]:
    for word, qualifier, not_after in load_units().before:
        s = start - len(word)
        if s >= lo and text.startswith(word, s):
            if s > 0 and text[s - 1] in not_after:
                return start, None  # "节约1000万元", "附近3公里"
            if word == "近" and unit is not None and unit.family == "time":
                return start, None  # "近五年" = the last five years
            return s, qualifier
    return start, None


def _qualifier_after(text: str, pos: int, end: int) -> tuple[int, str | None]:
    for word, qualifier in load_units().after:
        if text.startswith(word, pos) and pos + len(word) <= end:
            return pos + len(word), qualifier
    return pos, None


def _in_slogan(text: str, start: int, end: int, lo: int, hi: int) -> bool:
    """True inside a short quotation (“两个一百年”, “1+N”)."""
    left = text.rfind("“", max(lo, start - MAX_SLOGAN_LEN), start)
    if left < 0 or "”" in text[left:start]:
        return False
    right = text.find("”", end, min(hi, end + MAX_SLOGAN_LEN))
    return right >= 0 and right - left - 1 <= MAX_SLOGAN_LEN


def _skip_before(text: str, start: int) -> bool:
    """Context before a number that makes it not a quantity: ordinals, codes, decimals' tails."""
    if start == 0:
        return False
    prev = text[start - 1]
    if prev == " " and start > 1:
        prev = text[start - 2]  # a digit of a letter-spaced number ("1 2月2 0日")
        return prev.isdigit() or prev == "."
    return prev == "第" or prev in ".·" or prev.isdigit() or _is_ascii_letter(prev)


def _scale(part: _Part, unit: Unit | None) -> float:
    return load_units().multipliers.get(part.multiplier, 1.0) * (unit.factor if unit else 1.0)


def _values(
    first: _Part, second: _Part | None, unit: Unit | None
) -> tuple[float, float | None, str, float]:
    """(value, value_high, written unit, factor to base) with the unit distributed over a range.

    A bare low end inherits the high end's multiplier when it is smaller ("5-10万" = 5万-10万)
    but not when it is larger ("5000至1万元" = 5000元-1万元).
    """
    last = second or first
    own = last if (last.unit or last.multiplier) else first
    written = own.multiplier + (unit.written if unit else "")
    scale = _scale(own, unit)
    if second is None:
        return first.value, None, written, scale
    if first.unit or first.multiplier:
        low_scale = _scale(first, first.unit or unit)
    elif first.value <= second.value:
        low_scale = scale
    else:
        low_scale = unit.factor if unit else 1.0
    return first.value * low_scale / scale, second.value, written, scale


def _build(text: str, first: _Part, second: _Part | None, lo: int, hi: int) -> Quantity | None:
    last = second or first
    unit = last.unit or first.unit
    if unit is None and not (last.multiplier or first.multiplier) and not (
        first.start >= 2 and _index_lead().search(text, max(lo, first.start - 10), first.start)
    ):
        return None  # a bare number ("1、", "十九大"), not an index value ("价格指数为102.1")
    if unit is not None and unit.base == "年" and (first.year_like or last.year_like):
        return None  # a year or a span of years
    if unit is None and (last.end < hi and _is_ascii_letter(text[last.end])):
        return None  # "5G", "4A级"
    start, pre = _qualifier_before(text, first.start, lo, unit)
    stop, post = _qualifier_after(text, last.end, hi)
    if pre == "at_most" and text.startswith("控制在", start) and post is not None:
        qualifier: str | None = post  # "控制在3%左右"
    else:
        qualifier = pre or post or last.inner or first.inner
    if _in_slogan(text, start, stop, lo, hi):
        return None
    value, high, written, factor = _values(first, second, unit)
    return Quantity(
        start=start,
        end=stop,
        text=text[start:stop],
        value=value,
        value_high=high,
        unit=written,
        base_value=value * factor,
        base_value_high=high * factor if high is not None else None,
        base_unit=unit.base if unit else "",
        qualifier=qualifier,
    )


def _special(text: str, m: re.Match[str]) -> Quantity | None:
    """Ratios and 翻番, which need no unit look-up."""
    s, e = m.span()
    if m.lastgroup == "ratio":
        parts = tuple(parse_arabic(p) for p in re.split("[:∶]", m.group()))
        return Quantity(
            s, e, m.group(), parts[0], None, "ratio", parts[0], None, "ratio", None, parts
        )
    value = FAN_VALUES[m.group("fan_n")] if m.group("fan_n") else 2.0
    for tail, qualifier in (("多", "more_than"), ("以上", "at_least")):
        if text.startswith(tail, e):  # "翻了一番多": more than double; "翻了一番以上"
            end = e + len(tail)
            return Quantity(s, end, text[s:end], value, None, "倍", value, None, "倍", qualifier)
    return Quantity(s, e, m.group(), value, None, "倍", value, None, "倍")


def _first_part(text: str, m: re.Match[str], hi: int, table: UnitTable) -> _Part | None:
    kind, s, e = m.lastgroup, m.start(), m.end()
    if kind == "ar":
        return _parse_part(text, s, e, parse_arabic(m.group()), True, hi, table)
    if kind == "pct":
        try:
            value = parse_chinese_number(m.group("pct_num"))
        except ValueError:
            return None
        return _Part(s, e, value, "", table.units["%"], None, False)
    if kind == "frac" and m.group("den") == "千":  # "千分之十三" is 13‰, as 百分之 is percent
        try:
            value = parse_chinese_number(m.group("num"))
        except ValueError:
            return None
        return _Part(s, e, value, "", table.units["‰"], None, False)
    if kind == "frac":
        try:
            value = parse_chinese_number(m.group("num")) / parse_chinese_integer(m.group("den"))
        except (ValueError, ZeroDivisionError):
            return None
        return _Part(s, e, value, "", table.units["分之"], None, False)
    parsed = _chinese_value(m.group())
    if parsed is None:
        return None
    value, mult = parsed
    return _parse_part(text, s, e - len(mult), value, False, hi, table)


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every quantity in ``text[start:end]``, in order, with offsets absolute into ``text``.

    ``text`` is normalized report text (half-width digits and % . , :). For each result
    ``text[q.start:q.end] == q.text``. Spans never overlap and never leave ``[start, end)``.
    """
    hi = len(text) if end is None else min(end, len(text))
    table = load_units()
    found: list[Quantity] = []
    resume = start
    for m in _candidate_regex().finditer(text, start, hi):
        if m.start() < resume or _skip_before(text, m.start()):
            continue
        if m.lastgroup in ("ratio", "fan"):
            q = _special(text, m)
        else:
            first = _first_part(text, m, hi, table)
            if first is None:
                continue
            second = _range_end(text, first, hi, table)
            q = _build(text, first, second, max(start, resume), hi)
            if q is None and second is not None:
                q = _build(text, first, None, max(start, resume), hi)  # "8%-2017年"
                resume = q.end if q is not None else second.end  # "2018-2020年": skip both
        if q is not None:
            found.append(q)
            resume = q.end
    return _shared_qualifiers(text, found)


#: Words between coordinated numbers ("11%和13%左右", "4.2%、3%、2.5‰以内").
_COORDINATORS = frozenset({"、", "和", "与", "及"})
#: Qualifiers a trailing word gives every number of the list it closes. "以上" is left out:
#: "8%和8%以上" bounds only the last number.
_SHARED = {"左右": "approx", "以内": "at_most", "以下": "at_most"}


def _shared_qualifiers(text: str, found: list[Quantity]) -> list[Quantity]:
    """"分别增长11%和13%左右": the closing 左右/以内 of a coordinated list of numbers of one unit
    qualifies each number of the list that has no qualifier of its own."""
    out = list(found)
    i = len(out) - 1
    while i > 0:
        last = out[i]
        word = next((w for w in _SHARED if text.startswith(w, last.end - len(w))), None)
        j = i
        while (
            word is not None and j > 0 and out[j - 1].unit == last.unit
            and text[out[j - 1].end : out[j].start] in _COORDINATORS
        ):
            j -= 1
            if out[j].qualifier is None:
                out[j] = dataclasses.replace(out[j], qualifier=_SHARED[word])
        i = j - 1 if j < i else i - 1
    return out
