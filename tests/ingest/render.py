"""Test helpers: render real report text into the formats reports are found in.

Each function takes the report as a list of paragraphs (one line of the text file each) and returns
bytes (or str for HTML), so tests can feed them to ``read_bytes`` and compare what comes back.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from functools import cache, lru_cache
from html import escape
from pathlib import Path

import luoshi
from luoshi.ingest.reader import read_bytes
from luoshi.models import Document

SEEDS_DIR = Path(luoshi.__file__).parent / "data" / "seeds"
SEED_NAMES = tuple(sorted(p.name for p in SEEDS_DIR.glob("*.txt")))
#: A running header that is no line of any seed.
PDF_HEADER = "政府工作报告(大会文件 请勿外传)"

PAGE_WIDTH, PAGE_HEIGHT = 595.0, 842.0  # A4 in points
MARGIN = 56.0
GUTTER = 24.0
FONT = "STSong-Light"
FONT_SIZE = 10.5
LEADING = 16.0


def paragraphs_of(text: str) -> list[str]:
    """The non-blank lines of a text, stripped: the paragraphs every renderer takes."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def render_pdf(
    paragraphs: Sequence[str],
    *,
    header: str,
    columns: int = 2,
    footer: str = "- {page} -",
    title: str | None = None,
) -> bytes:
    """A PDF with ``columns`` columns of lines filled to the column width, first lines indented by
    two characters, a running ``header`` on every page and a page number at the bottom
    (``footer`` formatted with ``page`` and ``pages``). A ``title`` is set centered across the
    columns at the top of the first page, in a larger size.

    Characters the CID font has no glyph for (see ``unrenderable``) must be removed by the caller:
    reportlab would reserve their width and draw nothing."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen import canvas

    _register_font()
    width = (PAGE_WIDTH - 2 * MARGIN - GUTTER * (columns - 1)) / columns
    lines = [
        line
        for paragraph in paragraphs
        # Whitespace collapsed: a run of invisible spaces at a line end would make a wrapped line
        # look short to the reader (tests compare text with whitespace removed anyway).
        for line in wrap(
            " ".join(paragraph.split()), width, lambda s: pdfmetrics.stringWidth(s, FONT, FONT_SIZE)
        )
    ]
    per_column = int((PAGE_HEIGHT - 2 * MARGIN - 20) // LEADING)
    title_rows = 3 if title else 0
    pages: list[list[tuple[int, str]]] = []
    rest = lines
    while rest:
        capacity = (per_column - (title_rows if not pages else 0)) * columns
        pages.append(rest[:capacity])
        rest = rest[capacity:]
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT))
    for page, chunk in enumerate(pages, 1):
        _page_furniture(pdf, header, footer.format(page=page, pages=len(pages)))
        skip = title_rows if page == 1 else 0
        if title and page == 1:
            pdf.setFont(FONT, 16)
            pdf.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - MARGIN - 20, title)
        pdf.setFont(FONT, FONT_SIZE)
        rows = per_column - skip
        for i, (indent, line) in enumerate(chunk):
            column, row = divmod(i, rows)
            x = MARGIN + column * (width + GUTTER) + indent * FONT_SIZE
            pdf.drawString(x, PAGE_HEIGHT - MARGIN - 20 - (row + skip) * LEADING, line)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def unrenderable(chars: str) -> set[str]:
    """The characters of ``chars`` that do not come back from a PDF set in the CID font
    (STSong-Light has no glyph for e.g. "·", "•", "©"): found by rendering them all once."""
    import pdfplumber

    wanted = sorted(set(chars) - set(" \t\n\r\xa0"))
    lines = ["".join(wanted[i : i + 40]) for i in range(0, len(wanted), 40)]
    pdf = render_pdf(lines, header="probe", columns=1)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        found = {c["text"] for page in document.pages for c in page.chars}
    return set(wanted) - found


def wrap(paragraph: str, width: float, measure) -> list[tuple[int, str]]:
    """Greedy character wrap (Chinese has no word boundaries): ``(indent in chars, line)``."""
    lines: list[tuple[int, str]] = []
    indent, current = 2, ""
    for char in paragraph:
        if current and measure(current + char) + indent * FONT_SIZE > width:
            lines.append((indent, current))
            indent, current = 0, ""
        current += char
    lines.append((indent, current))
    return lines


def _page_furniture(pdf, header: str, footer: str) -> None:
    pdf.setFont(FONT, 9)
    pdf.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - MARGIN + 14, header)
    pdf.line(MARGIN, PAGE_HEIGHT - MARGIN + 10, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - MARGIN + 10)
    pdf.drawCentredString(PAGE_WIDTH / 2, MARGIN - 24, footer)


def render_docx(
    paragraphs: Sequence[str], table_rows: Sequence[Sequence[str]], *, table_at: int
) -> bytes:
    """A DOCX with the paragraphs and one table inserted before paragraph ``table_at``."""
    import docx

    document = docx.Document()
    for i, paragraph in enumerate(paragraphs):
        if i == table_at:
            table = document.add_table(rows=len(table_rows), cols=len(table_rows[0]))
            for row, values in zip(table.rows, table_rows):
                for cell, value in zip(row.cells, values):
                    cell.text = value
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_portal_html(paragraphs: Sequence[str], *, title: str, date: str) -> str:
    """A government-portal page: head with scripts and styles, nav, breadcrumbs, share bar,
    the report as <p> paragraphs in an article, related links and a footer."""
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    nav = "".join(
        f'<li><a href="/c{i}/">{name}</a></li>'
        for i, name in enumerate(
            ["首页", "政务公开", "政务服务", "互动交流", "走进本区", "专题专栏"]
        )
    )
    related = "".join(
        f'<li><a href="/a/{i}.html">关于印发第{i}号通知的通知</a></li>' for i in range(8)
    )
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{escape(title)}_人民政府门户网站</title>
<meta name="date" content="{date}">
<script>var _hmt = _hmt || []; document.write('<div>统计代码</div>');</script>
<style>body {{ font-family: SimSun; }} .nav li {{ float: left; }}</style>
</head><body>
<div class="header"><div class="logo">人民政府门户网站</div>
<div class="search"><form><input name="q" value="请输入关键字"><button>搜索</button></form></div></div>
<nav class="nav"><ul>{nav}</ul></nav>
<div class="crumbs">当前位置: <a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 工作报告</div>
<div class="main"><article class="content">
<h1>{escape(title)}</h1>
<div class="info">发布时间: {date} 来源: 区政府办公室 【字体: 大 中 小】 打印 关闭</div>
<div class="text">
{body}
</div>
<div class="share">分享到: 微信 微博 QQ空间</div>
</article>
<aside class="related"><h3>相关文章</h3><ul>{related}</ul></aside></div>
<footer><p>主办单位: 区人民政府办公室 版权所有 网站标识码 5101070001</p>
<p>蜀ICP备12345678号 技术支持: 某某信息技术有限公司</p></footer>
<script src="/js/common.js"></script><script>share_init();</script>
</body></html>"""


def render_table_layout_html(paragraphs: Sequence[str], *, title: str) -> str:
    """An old table-layout portal page (GBK era): navigation, the report as <p> paragraphs in a
    cell of a nested table, a copyright row."""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{escape(title)}</title></head><body><table width="980" align="center">
<tr><td><a href="/">首页</a></td><td><a href="/zwgk/">政务公开</a></td><td>网站地图</td></tr>
<tr><td colspan="3"><table width="100%"><tr><td class="title">{escape(title)}</td></tr>
<tr><td class="content">{body}</td></tr></table></td></tr>
<tr><td colspan="3">版权所有:区人民政府办公室 地址:人民路1号 电话:028-12345678</td></tr>
</table></body></html>"""


def render_br_html(paragraphs: Sequence[str], *, title: str) -> str:
    """A page whose report is one <div> of lines separated by <br>, indented with &nbsp;."""
    body = "<br>\n".join(f"&nbsp;&nbsp;&nbsp;&nbsp;{escape(p)}" for p in paragraphs)
    return f"""<html><head><meta charset="gbk"><title>{escape(title)}</title></head><body>
<div class="nav">首页 | 政务公开 | 政务服务 | 互动交流</div>
<div id="zoom">{body}</div><div class="foot">版权所有 区人民政府</div></body></html>"""


def zip_bomb_docx(unpacked_bytes: int) -> bytes:
    """A ZIP with a DOCX's name list whose document.xml unpacks to ``unpacked_bytes`` of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(unpacked_bytes // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


# -- cached renderings of the seeds, shared by the ingest, normalize and parse tests -------------


@cache
def seed_text(name: str) -> str:
    """A seed's text as scraped."""
    return (SEEDS_DIR / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _seed_unrenderable() -> frozenset[str]:
    return frozenset(unrenderable("".join(seed_text(name) for name in SEED_NAMES)))


def pdf_renderable(text: str) -> str:
    """``text`` without the characters the PDF font cannot show (see ``unrenderable``)."""
    missing = _seed_unrenderable()
    return "".join(c for c in text if c not in missing)


@cache
def seed_pdf(name: str) -> bytes:
    """A seed rendered as a two-column PDF with a running header and "- N -" page numbers."""
    return render_pdf(paragraphs_of(pdf_renderable(seed_text(name))), header=PDF_HEADER)


@cache
def seed_pdf_document(name: str) -> Document:
    """``read_bytes`` of ``seed_pdf(name)`` (reading a PDF is the slow part: done once)."""
    return read_bytes(seed_pdf(name), f"{name}.pdf")
