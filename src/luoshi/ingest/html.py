"""HTML -> main text (+ title and date), with a guard against pathological nesting.

trafilatura finds the main content of portal pages; its content tree (not its plain-text output,
which flattens a table cell of paragraphs into one line, as in old table-layout portals) is
walked into one line per block. When trafilatura returns nothing or clearly loses the body (it
kept one forum floor or a sidebar), a walk of the whole ``<body>`` is used instead and the chrome
it keeps is left to the normalizer's boilerplate rules.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import lxml.html
import trafilatura
from lxml import etree

from luoshi import settings
from luoshi.errors import CorruptFileError

#: Elements whose end tag is optional or that cannot contain others: they never deepen the
#: nesting a parser builds, so the scan does not push them (an unclosed <p> must not count).
_NON_NESTING = frozenset(
    "area base br col embed hr img input link meta param source track wbr "  # noqa: SIM905
    "p li dt dd tr td th option optgroup thead tbody tfoot colgroup rb rt rp".split()
)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(/?)>")
_OPAQUE = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)

#: Elements dropped by the body walk: not content.
_DROP = ("script", "style", "noscript", "nav", "iframe", "template", "svg", "select", "button")
#: Elements that end a line: HTML blocks, and the blocks of trafilatura's content tree
#: (head, list, item, row, quote, lb).
_BLOCKS = frozenset(
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form "  # noqa: SIM905
    "h1 h2 h3 h4 h5 h6 header hr li main ol p pre section table tr ul center "
    "head list item row quote lb code".split()
)
#: Table cells: joined by a tab on their row's line.
_CELLS = frozenset({"td", "th", "cell"})

#: trafilatura's text is preferred unless it has less than this share of the CJK characters of
#: the whole <body>. On portal pages the chrome is a few hundred characters against a report of
#: 10,000+, so trafilatura keeps > 0.8 when it found the report; a share below one half means it
#: picked a fragment (one forum floor, a sidebar) and the full walk loses less.
MIN_SHARE_OF_BODY = 0.5

_CJK = re.compile(r"[\u3400-\u9fff]")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


@dataclass(frozen=True, slots=True)
class HtmlContent:
    text: str
    title: str | None
    date: str | None


def extract_html(markup: str) -> HtmlContent:
    """The main text of an HTML page, one block per line, with its title and date.

    Raises CorruptFileError when elements nest deeper than ``max_html_depth``.
    """
    check_depth(markup, int(settings.get_setting("max_html_depth")))
    # lxml refuses str input that still carries an XML encoding declaration (XHTML pages).
    markup = _XML_DECLARATION.sub("", markup, count=1)
    walked = walk_body(markup)
    extracted = trafilatura.bare_extraction(
        markup,
        favor_recall=True,
        include_tables=True,
        include_comments=False,
        include_formatting=False,
        with_metadata=True,
        deduplicate=False,
    )
    body = getattr(extracted, "body", None)
    text = tree_text(body) if body is not None else ""
    if _cjk_count(text) < MIN_SHARE_OF_BODY * _cjk_count(walked):
        text = walked
    title = getattr(extracted, "title", None) or _title(markup)
    date = getattr(extracted, "date", None)
    return HtmlContent(text=text, title=title or None, date=date or None)


def check_depth(markup: str, limit: int) -> None:
    """Raise CorruptFileError if elements nest deeper than ``limit``.

    A linear scan of the tags before any parser runs, so a page of 10,000 nested <div> is refused
    in milliseconds without building a tree. An end tag closes everything opened after its
    matching start tag, as a parser would do.
    """
    stack: list[str] = []
    open_count: Counter[str] = Counter()
    for match in _TAG.finditer(_OPAQUE.sub("", markup)):
        closing, name, selfclosing = match.group(1), match.group(2).lower(), match.group(3)
        if name in _NON_NESTING or selfclosing:
            continue
        if not closing:
            stack.append(name)
            open_count[name] += 1
            if len(stack) > limit:
                raise CorruptFileError(
                    f"pathological HTML: elements nested deeper than {limit} levels "
                    "(raise LUOSHI_MAX_HTML_DEPTH to accept it)"
                )
        elif open_count[name]:
            while stack:
                top = stack.pop()
                open_count[top] -= 1
                if top == name:
                    break


def walk_body(markup: str) -> str:
    """All text of ``<body>`` with block elements on their own lines; scripts, styles, nav dropped."""
    # libxml2 silently stops building the tree below 256 levels unless huge_tree is set; depth is
    # already bounded by check_depth, so the larger limit is safe.
    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True)
    try:
        root = lxml.html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError):
        return ""
    body = root.find("body")
    if body is None:
        body = root
    etree.strip_elements(body, *_DROP, etree.Comment, with_tail=False)
    return tree_text(body)


def tree_text(root: etree._Element) -> str:
    """The text under ``root``, one line per block element, cells of a row joined by a tab."""
    parts: list[str] = []
    # Iterative: a recursive walk would hit Python's recursion limit near max_html_depth.
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _BLOCKS:
                parts.append("\n")
            if element.text:
                parts.append(element.text)
            continue
        if tag in _CELLS:
            parts.append("\t")
        elif tag in _BLOCKS:
            parts.append("\n")
        if element.tail and element is not root:
            parts.append(element.tail)
    lines = (line.strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _title(markup: str) -> str | None:
    match = re.search(r"<title[^>]*>(.*?)</title>", markup, re.IGNORECASE | re.DOTALL)
    return match.group(1).strip() if match else None


def _cjk_count(text: str) -> int:
    return len(_CJK.findall(text))
