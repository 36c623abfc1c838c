"""Report metadata from the front matter and the outline: title, meeting, speaker, dates, years.

Each finder returns its value with the ``Span`` of the quote it came from, or None when the
document does not say. The front matter is the text before the salutation ("各位代表:"), where
title, meeting line and speaker line are printed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from luoshi.datafiles import load_toml
from luoshi.models import NATIONAL_CODE, Span
from luoshi.parse.outline import Heading, load_rules
from luoshi.parse.regions import find_region_names

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_NUM = r"[一二三四五六七八九十百零〇\d]{1,4}"
_WS = r"[ \t\u3000\xa0\n]*"
_CJK = r"[\u4e00-\u9fff]"
# A character of a region name run into a sentence: "河北省长张庆伟在省十二届人大…" must not give
# the region "河北省长张庆伟在省".
_REGION_CHAR = r"(?:(?![在向于的])[\u4e00-\u9fff])"

_SALUTATION = re.compile(r"^[ \t\u3000\xa0]*各位代表", re.MULTILINE)
# Run-in salutation of pages that lost their line breaks: "区长蔡杰各位代表:现在,我代表…".
_SALUTATION_INLINE = re.compile(r"各位代表(?:,同志们)?[:,]\s*现在")
_TITLE = re.compile(
    r"^[ \t\u3000\xa0]*(?:\[[^\]\n]{1,8}\][ \t]*)?(?P<t>[^\n:|]{0,30}?政府工作报告(?:\((?:摘要|全文|摘登|(?:19|20)\d{2}年?)\))?)"
    # a copy site's tag after the title: "滨城区2007年政府工作报告【完整版】"
    r"(?:【[^】\n]{1,6}】)?[ \t\u3000\xa0]*$",
    re.MULTILINE,
)
_DATE = (
    r"(?:(?P<y>(?:19|20)\d{2})" + _WS + "年" + _WS + r"(?P<m>\d{1,2})" + _WS + "月" + _WS
    + r"(?P<d>\d{1,2})" + _WS + "日" + _WS + ")?"
)  # fmt: skip
# "…会议今日(23日)上午开幕", "…会议在福州开幕": the meeting a news item reports.
_OPENS = r"[^\n,。]{0,12}(?:开幕|召开|举行)"
_MEETING_FULL = re.compile(
    _DATE + "在" + _WS + rf"(?P<region>{_CJK}{{0,20}}?)" + _WS + rf"第?(?P<session>{_NUM})届" + _WS
    + r"(?P<national>全国)?人民代表大会" + _WS + rf"第?(?P<sitting>{_NUM})次(?:全体)?会议" + _WS
    + "上(?!提出|确定|通过|审议|作出)"  # "…会议上提出的当年…目标": an earlier meeting
)  # fmt: skip
# A news item: "福建省第十三届人民代表大会第六次会议在福州开幕".
_MEETING_NEWS = re.compile(
    rf"(?P<region>{_REGION_CHAR}{{2,20}}?)第(?P<session>{_NUM})届(?P<national>全国)?人民代表大会"
    rf"第(?P<sitting>{_NUM})次会议{_OPENS}"
)
# "全国人大十一届二次会议上午在北京人大会堂开幕": the national congress named before its numbers.
_MEETING_NATIONAL = re.compile(
    rf"(?P<national>全国人大|全国人民代表大会)第?(?P<session>{_NUM})届第?(?P<sitting>{_NUM})次(?:全体)?会议"
    rf"(?:上|{_OPENS})"
)
_MEETING_SHORT = re.compile(
    "(?:" + _DATE + "在" + _WS + ")?"
    rf"(?P<region>{_REGION_CHAR}{{0,12}}?)(?P<session>{_NUM})届(?P<national>全国)?人大"
    rf"(?P<sitting>{_NUM})次(?:全体)?会议(?:第{_NUM}次全体会议)?"
    rf"(?:上|{_OPENS})"
)  # "上"/"开幕": the meeting the report is delivered at, not "区十五届人大一次会议确定的目标任务"
#: The forms of a meeting line, most explicit first.
_MEETING_PATTERNS = (_MEETING_FULL, _MEETING_NEWS, _MEETING_SHORT, _MEETING_NATIONAL)
_SPEAKER = re.compile(
    rf"^[ \t\u3000\xa0]*(?:——)?(?P<org>{_CJK}{{0,24}}?)"
    r"(?P<title>(?:代理|代)?(?:自治区主席|国务院总理|区长|县长|市长|州长|省长|旗长|盟长|主席|总理))"
    rf"[ \t\u3000\xa0]*(?P<name>{_CJK}(?:[ \t\u3000\xa0]*{_CJK}){{1,3}})[ \t\u3000\xa0]*"
    r"(?:\([^)\n]{0,16}\))?[ \t\u3000\xa0]*$",
    re.MULTILINE,
)
_NATIONAL_SPEAKER = re.compile(r"我代表国务院")
# A news item's run-in speaker: "河北省长张庆伟在省十二届人大二次会议上作政府工作报告",
# "市长李强向大会作报告". The region is the name ending the words before the title.
_SPEAKER_INLINE = re.compile(
    rf"(?P<org>{_REGION_CHAR}{{0,20}}?)(?<!副)(?P<title>(?:代理)?(?:自治区主席|省长|市长|区长|县长|州长|旗长|盟长))"
    rf"(?P<name>{_CJK}{{2,3}}?)(?=在|向|作|说|指出|表示|代表)"
)
_ORGAN = re.compile(r"(?:人民政府|政府)$")
_REGION_SUFFIX = re.compile(r"(?:省|自治区|市|州|地区|盟|县|区|旗|特区|林区)$")
_YEAR = re.compile(r"(?<![\d\-—~至])((?:1 ?9|2 ?0) ?\d ?\d) ?年(?! ?[\d—\-~至])")
# Fallbacks for excerpts without dated headings: "各位代表,回顾2018年工作" and
# "2020年是…之年,做好今年政府各项工作…".
# "回顾了“十二五”时期和2015年", "刚刚过去的2015年,面对…"
_REVIEW_MENTION = re.compile(r"(?:回顾了?(?:[^。\n\d]{0,12}?和)?|刚刚过去的)((?:19|20)\d{2})年")
# A paragraph naming the plan year and "this year": "1993年是全面贯彻…的一年。…今年…",
# "2011年,是“十二五”开局之年,做好今年的工作…". The review's "2008年是…最困难的一年" has no 今年.
_PLAN_MENTION = re.compile(r"((?:19|20)\d{2})年,?是[^\n]{0,300}?今年")
_FALLBACK_WINDOW = 5000
# A review heading that names one year's review besides a five-year one
# ("一、“十五”时期主要成就和2005年工作回顾", "2010年工作总结及“十一五”回顾").
_DATED_REVIEW = re.compile(r"((?:19|20)\d{2})年(?:工作)?(?:回顾|总结)")
# A bracketed or dashed date of the front matter without a meeting line: "(2006年2月8日 黄智权)",
# "南宁市市长孙大光(2021年10月25日)", "政府工作报告——2006年2月20日在xx旗…" (a meeting line whose
# region was blanked). Publication dates of portals are not bracketed ("发布时间:2018-03-12").
_DATE_LINE = re.compile(
    r"(?:\(|——)[ \t\u3000\xa0]*(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日",
    re.MULTILINE,
)
# A title's year: "2023年成都市温江区政府工作报告", "福田区政府工作报告(2012)".
_TITLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:年|\))")
_YEAR_OPENER = re.compile(r"((?:1 ?9|2 ?0) ?\d ?\d) ?年(?:是|,)")


@dataclass(frozen=True, slots=True)
class MeetingLine:
    session: int | None
    sitting: int | None
    delivered: dt.date | None
    region: str | None
    span: Span
    region_span: Span | None
    date_span: Span | None


def cn_number(s: str) -> int | None:
    """Value of a small Chinese or Arabic numeral: "十八" -> 18, "二十一" -> 21, "七" -> 7."""
    if s.isdigit():
        return int(s)
    total, current = 0, 0
    for ch in s:
        if ch in _CN_DIGITS:
            current = current * 10 + _CN_DIGITS[ch] if ch in "零〇" else _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def find_salutation(text: str, limit: int = 8000) -> Span | None:
    """The salutation line opening the speech ("各位代表:", "各位代表,同志们:")."""
    m = _SALUTATION.search(text, 0, limit)
    if m is not None:
        start = m.start() + len(m.group()) - 4
    elif (m := _SALUTATION_INLINE.search(text, 0, limit)) is not None:
        start = m.start()
    else:
        return None
    end = text.find("\n", start)
    return _span(text, start, end if end >= 0 else len(text))


def find_titles(text: str, header_end: int) -> list[Span]:
    """Every title-like line before ``header_end`` (page title, printed title), in order."""
    return [_span(text, m.start("t"), m.end("t")) for m in _TITLE.finditer(text, 0, header_end)]


def find_title(text: str, header_end: int) -> Span | None:
    """The printed title: the last line ending in "政府工作报告" before ``header_end``."""
    titles = find_titles(text, header_end)
    return titles[-1] if titles else None


def dated_title(titles: Sequence[Span]) -> Span | None:
    """The last title that names a year: a copy site prints "滨城区2007年政府工作报告【完整版】"
    above the report's bare "政府工作报告"."""
    dated = [t for t in titles if _TITLE_YEAR.search(t.text)]
    return dated[-1] if dated else None


def find_meeting(text: str, limit: int) -> MeetingLine | None:
    """The meeting line ("——2018年1月12日在九龙坡区第十八届人民代表大会第二次会议上", "州八届人大七次会议")."""
    m = next((found for p in _MEETING_PATTERNS if (found := p.search(text, 0, limit))), None)
    if m is None:
        return None
    date, date_span = None, None
    if m.groupdict().get("y"):
        try:
            date = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            date_span = _span(text, m.start("y"), m.end("d") + 1)
        except ValueError:
            date = None
    region, region_span = None, None
    if m["national"]:
        region, region_span = "全国", _span(text, m.start("national"), m.end("national"))
    elif len(m.groupdict().get("region") or "") >= 2 and _REGION_SUFFIX.search(m["region"]):
        region, region_span = m["region"], _span(text, m.start("region"), m.end("region"))
    return MeetingLine(
        cn_number(m["session"]), cn_number(m["sitting"]), date, region,
        _span(text, m.start(), m.end()), region_span, date_span,
    )  # fmt: skip


def find_date_line(text: str, limit: int) -> tuple[dt.date, Span] | None:
    """The delivery date printed in the front matter when there is no meeting line to carry it:
    "(2006年2月8日 黄智权)". Returns the date and the span of "2006年2月8日"."""
    for m in _DATE_LINE.finditer(text, 0, limit):
        try:
            date = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            continue
        return date, _span(text, m.start("y"), m.end())
    return None


def find_speaker(text: str, limit: int) -> tuple[str | None, str, Span, Span | None] | None:
    """(name, title, span of the line, span of the region written) from the speaker line
    ("成都市武侯区人民政府区长 林丽"), or for the State Council "我代表国务院" (no name)."""
    m = _SPEAKER.search(text, 0, limit)
    if m is not None:
        name = re.sub(r"[ \t\u3000\xa0]", "", m["name"])
        org = _ORGAN.sub("", m["org"])
        region_span = None
        if len(org) >= 2 and _REGION_SUFFIX.search(org):
            region_span = _span(text, m.start("org"), m.start("org") + len(org))
        return name, m["title"], _span(text, m.start("org"), m.end("name")), region_span
    n = _NATIONAL_SPEAKER.search(text, 0, limit)
    if n is not None:
        return None, "国务院总理", _span(text, n.start(), n.end()), _span(text, n.end() - 3, n.end())
    return _inline_speaker(text, limit)


def _inline_speaker(text: str, limit: int) -> tuple[str | None, str, Span, Span | None] | None:
    """A news item's run-in speaker ("河北省长张庆伟在…"): the title's first character may end the
    region name ("河北" + "省长"), so the region is the last name found up to it."""
    m = _SPEAKER_INLINE.search(text, 0, limit)
    if m is None:
        return None
    region_span = None
    names = find_region_names(text[m.start("org") : m.start("title") + 1])
    ends = {m.end("org") - m.start("org"), m.start("title") + 1 - m.start("org")}
    found = [n for n in names if n[1] in ends]
    if found:
        start, end, _ = max(found, key=lambda n: n[1] - n[0])
        region_span = _span(text, m.start("org") + start, m.start("org") + end)
    return m["name"], m["title"], _span(text, m.start(), m.end()), region_span


def title_regions(text: str, header_end: int) -> list[Span]:
    """Regions named by every title-like line of the front matter (page title and printed title:
    "(贵州省)2021年黔西南州人民政府工作报告(全文)" above a bare "政府工作报告")."""
    found = []
    for title in find_titles(text, header_end):
        span = region_in_title(title)
        if span is not None:
            found.append(span)
    return found


def region_in_title(title: Span) -> Span | None:
    """The region a title names ("2023年成都市温江区政府工作报告" -> "成都市温江区")."""
    m = re.search(rf"(?:\d{{4}}年)?(?:度)?({_CJK}{{2,20}}?)(?:人民)?政府工作报告", title.text)
    if m is None or not _REGION_SUFFIX.search(m.group(1)):
        return None
    return Span(title.start + m.start(1), title.start + m.end(1), m.group(1))


# --------------------------------------------------------------------------- years


def _year_value(s: str) -> int:
    return int(s.replace(" ", ""))


def _first_year(s: str) -> int:
    m = re.search(r"(?:1 ?9|2 ?0) ?\d ?\d", s)
    assert m is not None, s
    return _year_value(m.group())


def _single_year(text: str, h: Heading) -> Span | None:
    years = list(_YEAR.finditer(text, h.start, h.title_end))
    return _span(text, h.start, h.title_end) if len(years) == 1 else None


def _opener_year(text: str, start: int, window: int) -> Span | None:
    """A year opening a section's body ("2004年,全国…", "2003年是…")."""
    body = text.find("\n", start)
    if body < 0:
        return None
    m = _YEAR_OPENER.search(text, body, body + window)
    return _span(text, m.start(), m.end() - 1) if m else None


@dataclass(frozen=True, slots=True)
class Years:
    plan: int | None
    review: int | None
    evidence: dict[str, Span]


def derive_years(
    text: str,
    headings: Sequence[Heading],
    delivered: dt.date | None,
    delivered_span: Span | None,
    title: Span | None,
) -> Years:
    """Plan and review year from the outline, the delivered date, and as a last resort the title.

    Review: the year of the review heading ("2017年工作回顾"), else the year opening a single-year
    review ("一、过去一年工作回顾" + "2004年,全国…"). Plan: the year of the first plan heading after
    the review ("2018年工作安排"), else the year opening a "今年" plan section ("2003年是…"), else
    the delivered date (delivered in November or December plans the next year), else review+1.
    A report titled with the review year ("2017年政府工作报告" planning 2018) is decided by its
    headings; the title year is used only when nothing else dates the report.
    """
    from luoshi.parse.outline import _heading_kind, is_mixed_heading  # shared cue table

    rules = load_rules()
    ycfg = _year_rules()
    review = plan = None
    ev: dict[str, Span] = {}
    review_seen = False
    for h in headings:
        if h.rank > 2:
            continue
        kind = _heading_kind(h.title, rules)
        if not review_seen and is_mixed_heading(h.title, rules):
            review_seen = True
            pair = _mixed_years(text, h)
            if pair is not None:
                review, plan = pair
                ev["review_year"] = ev["plan_year"] = _span(text, h.start, h.title_end)
            continue
        if kind == "review" and not review_seen:
            review_seen = True
            if (d := _DATED_REVIEW.search(text, h.start, h.title_end)) is not None:
                review, ev["review_year"] = int(d.group(1)), _span(text, h.start, h.title_end)
                continue
            if any(c in h.title for c in ycfg["multi_year_cues"]):
                continue
            span = _single_year(text, h) or _opener_year(text, h.title_end, 60)
            if span is not None:
                review = _first_year(span.text)
                ev["review_year"] = span
        elif kind in ("plan_overview", "tasks", "targets", "livelihood_projects") and plan is None:
            if any(w in h.title for w in ycfg["review_words"]):
                continue
            span = _single_year(text, h)
            if span is None and any(c in h.title for c in ycfg["this_year_cues"]):
                span = _opener_year(text, h.title_end, 300)
            if span is not None:
                plan = _first_year(span.text)
                ev["plan_year"] = span
        elif kind is None and review_seen and plan is None and h.rank <= 1:
            # "2018年主要工作" after "2017年工作回顾", "三、2011年的工作" after a five-year
            # review: a later year opens the plan part.
            span = _single_year(text, h)
            if span is None or any(w in h.title for w in ycfg["review_words"]):
                continue
            if review is None or _first_year(span.text) > review:
                plan, ev["plan_year"] = _first_year(span.text), span
    if review is None and plan is None:
        review, plan = _mentioned_years(text, ev)
    if plan is None and delivered is not None and delivered_span is not None:
        plan = delivered.year + 1 if delivered.month >= 11 else delivered.year
        ev["plan_year"] = delivered_span
    if plan is None and review is not None:
        plan, ev["plan_year"] = review + 1, ev["review_year"]
    if review is None and plan is not None:
        review, ev["review_year"] = plan - 1, ev["plan_year"]
    if plan is None and title is not None and (m := _TITLE_YEAR.search(title.text)):
        plan = int(m.group(1))
        if f"预计{plan}年" in text:  # the report estimates the title year's results: it reviews it
            plan += 1
        review, ev["plan_year"], ev["review_year"] = plan - 1, title, title
    return Years(plan, review, ev)


def _mixed_years(text: str, h: Heading) -> tuple[int, int] | None:
    """(review, plan) of a heading naming both ("一、1998年工作回顾和1999年工作的总体要求")."""
    years = sorted({_year_value(m.group(1)) for m in _YEAR.finditer(text, h.start, h.title_end)})
    return (years[0], years[-1]) if len(years) == 2 else None


def _mentioned_years(text: str, ev: dict[str, Span]) -> tuple[int | None, int | None]:
    """(review, plan) from running text when no heading dates the report."""
    if (m := _REVIEW_MENTION.search(text, 0, _FALLBACK_WINDOW)) is not None:
        ev["review_year"] = _span(text, m.start(), m.end())
        return int(m.group(1)), None
    if (m := _PLAN_MENTION.search(text)) is not None:
        ev["plan_year"] = _span(text, m.start(), m.end())
        return None, int(m.group(1))
    return None, None


# A news item's dateline near its top ("2016-01-24 10:11:00来源:大众网"); a copy site's "时间:" or
# "发布时间:" is when the page was posted, not when the report was given.
_NEWS_DATELINE = re.compile(
    r"(?<!\d)(?<!时间:)((?:19|20)\d{2})(?:-|/|\.|年)(\d{1,2})(?:-|/|\.|月)(\d{1,2})(?:日)?(?![\d.])"
)
_DATELINE_WINDOW = 400


def dateline_year(text: str, window: int = _DATELINE_WINDOW) -> tuple[int, Span] | None:
    """The plan year a news item's dateline in the first ``window`` characters gives (the next
    year for a date from October on: reports are delivered between December and March), with
    the date's span."""
    m = _NEWS_DATELINE.search(text, 0, window)
    if m is None or not 1 <= int(m.group(2)) <= 12:
        return None
    year = int(m.group(1)) + (1 if int(m.group(2)) >= 10 else 0)
    return year, _span(text, m.start(), m.end())


# "今年作为“十三五”开局之年", "2020年是…“十三五”规划收官之年": the plan year from the five-year
# plan it opens or closes.
_PLAN_MILESTONE = re.compile(
    r"今年[^。\n]{0,12}?“?十([一二三四五六七八九])五”?(?:规划)?(?:的)?(开局|起步|收官)之年"
)


def plan_start(n: int) -> int:
    """First year of the n-th five-year plan ("“十三五”" is the 13th: 2016)."""
    # The 1st and 2nd plans ran 1953-1962; three years of readjustment came before the 3rd.
    return 1953 + 5 * (n - 1) if n <= 2 else 1966 + 5 * (n - 3)


def milestone_year(text: str) -> tuple[int, Span] | None:
    """The plan year of a report that calls this year a five-year plan's first or last."""
    m = _PLAN_MILESTONE.search(text)
    if m is None:
        return None
    first = plan_start(10 + (cn_number(m.group(1)) or 0))
    year = first if m.group(2) in ("开局", "起步") else first + 4
    return year, _span(text, m.start(), m.end())


def session_year(region_code: str | None, session: int | None, sitting: int | None) -> int | None:
    """The year a national or provincial congress session meets ("省十二届人大二次会议" of 河北 ->
    2014), from ``congress_terms.toml``; None for other levels or terms before the regular cycle."""
    if region_code is None or session is None or sitting is None:
        return None
    terms = load_toml("congress_terms.toml")
    if not 1 <= sitting <= terms["max_sitting"]:
        return None
    if region_code == NATIONAL_CODE:
        anchor, regular_from = terms["national"]["term"], terms["national"]["regular_from"]
    elif region_code.endswith("0000") and region_code[:2] in terms["provinces"]:
        anchor, regular_from = terms["provinces"][region_code[:2]], terms["regular_from"]
    else:
        return None
    start = terms["anchor_year"] + 5 * (session - anchor)
    # An extra sitting (to elect officials) pushes later ones up a number, but never past the
    # term's five years: "河南省十三届人大六次会议" met in January 2022, the term's last year.
    return min(start + sitting - 1, start + 4) if start >= regular_from else None


@lru_cache(maxsize=1)
def _year_rules() -> dict[str, list[str]]:
    return load_toml("section_kinds.toml")["years"]
