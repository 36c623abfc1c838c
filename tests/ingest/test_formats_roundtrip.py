"""Each seed rendered into HTML, PDF and DOCX reads back with its paragraphs, in order."""

from __future__ import annotations

import io
import re
from types import SimpleNamespace

import lxml.html
import pytest

import luoshi.ingest.html as html_module
from luoshi.ingest.html import walk_body
from luoshi.ingest.pdf import Line, join_lines
from luoshi.ingest.reader import read_bytes
from tests.conftest import SEED_PATHS
from tests.ingest.render import (
    PDF_HEADER,
    paragraphs_of,
    pdf_renderable,
    render_br_html,
    render_docx,
    render_pdf,
    render_portal_html,
    render_table_layout_html,
    seed_pdf_document,
    seed_text,
)

SEED_NAMES = [p.name for p in SEED_PATHS]
SEED_IDS = [name[:3] for name in SEED_NAMES]
#: Chrome written by render_portal_html: none of it may come back.
PORTAL_CHROME = [
    "走进本区",
    "当前位置",
    "请输入关键字",
    "分享到",
    "相关文章",
    "关于印发第",
    "蜀ICP备",
    "统计代码",
    "share_init",
    "font-family",
    "技术支持",
]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# -- HTML ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SEED_NAMES, ids=SEED_IDS)
def test_portal_page_yields_every_body_line(name: str) -> None:
    paragraphs = paragraphs_of(seed_text(name))
    page = render_portal_html(paragraphs, title="政府工作报告", date="2018-03-12")
    document = read_bytes(page.encode("utf-8"), f"{name}.html")
    assert document.format == "html"
    assert document.encoding == "utf-8"
    assert document.html_title is not None and "政府工作报告" in document.html_title
    assert document.html_date == "2018-03-12"
    lines = [squeeze(line) for line in document.original.split("\n") if line.strip()]
    body = [squeeze(p) for p in paragraphs]
    start = lines.index(body[0])
    assert lines[start : start + len(body)] == body  # every line, in order, nothing between
    # The seeds carry chrome of their own (000: "当前位置: 首页 > 政务公开 >…"); the page's must go.
    extra = "\n".join(lines[:start] + lines[start + len(body) :])
    assert extra == "政府工作报告"  # the page's <h1>
    assert not [chrome for chrome in PORTAL_CHROME if chrome in extra]


@pytest.mark.parametrize("layout", [render_table_layout_html, render_br_html], ids=["table", "br"])
@pytest.mark.parametrize("name", SEED_NAMES, ids=SEED_IDS)
def test_old_portal_layouts_keep_one_line_per_paragraph(name: str, layout) -> None:
    paragraphs = paragraphs_of(seed_text(name))
    page = layout(paragraphs, title="政府工作报告")
    document = read_bytes(page.encode("gb18030"), f"{name}.html")
    assert document.encoding == "gb18030"
    lines = [squeeze(line) for line in document.original.split("\n")]
    body = [squeeze(p) for p in paragraphs]
    start = lines.index(body[0])
    assert lines[start : start + len(body)] == body


def test_body_walk_keeps_blocks_as_lines_and_drops_scripts_and_nav() -> None:
    markup = (
        "<html><head><style>p{}</style></head><body><nav>首页 政务公开</nav>"
        "<div>各位代表:<br>现在,我代表区人民政府<span>向大会</span>作工作报告。</div>"
        "<table><tr><td>地区生产总值</td><td>972.4亿元</td></tr></table>"
        "<script>var a='<p>不要</p>';</script><p>请予审议。</p></body></html>"
    )
    assert walk_body(markup) == (
        "各位代表:\n现在,我代表区人民政府向大会作工作报告。\n地区生产总值\t972.4亿元\n请予审议。"
    )


def test_body_walk_replaces_a_fragment_from_trafilatura(monkeypatch: pytest.MonkeyPatch) -> None:
    paragraphs = paragraphs_of(seed_text(SEED_NAMES[0]))
    page = render_portal_html(paragraphs, title="政府工作报告", date="2018-03-12")
    # trafilatura keeping one paragraph of a long page (as on forum pages) loses most of the body.
    fragment = SimpleNamespace(
        body=lxml.html.fromstring(f"<body><p>{paragraphs[20]}</p></body>"), title=None, date=None
    )
    monkeypatch.setattr(html_module.trafilatura, "bare_extraction", lambda *a, **k: fragment)
    content = html_module.extract_html(page)
    assert paragraphs[5] in content.text and paragraphs[-1] in content.text


# -- PDF ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SEED_NAMES, ids=SEED_IDS)
def test_two_column_pdf_reads_in_column_order(name: str) -> None:
    document = seed_pdf_document(name)
    expected = paragraphs_of(pdf_renderable(seed_text(name)))
    assert document.format == "pdf"
    # The character sequence: left column before right column on every page.
    assert squeeze(document.original) == squeeze("".join(expected))
    # Hard-wrapped lines joined, paragraph breaks kept: the same paragraphs.
    assert [squeeze(line) for line in document.original.split("\n")] == [
        squeeze(p) for p in expected
    ]


@pytest.mark.parametrize("name", SEED_NAMES, ids=SEED_IDS)
def test_pdf_running_header_and_page_numbers_are_dropped(name: str) -> None:
    text = seed_pdf_document(name).original
    assert PDF_HEADER not in text
    assert not re.search(r"^- \d+ -$", text, re.MULTILINE)


@pytest.mark.parametrize(
    "footer", ["第{page}页", "{page}", "第 {page} 页 共 {pages} 页", "{page}/{pages}"]
)
def test_pdf_page_number_styles_are_dropped(footer: str) -> None:
    # 004 paragraphs 40-80: long enough for three one-column pages.
    paragraphs = paragraphs_of(pdf_renderable(seed_text(SEED_NAMES[4])))[40:80]
    pdf = render_pdf(paragraphs, header="太原市迎泽区人民政府", columns=1, footer=footer)
    text = read_bytes(pdf, "one-column.pdf").original
    assert [squeeze(line) for line in text.split("\n")] == [squeeze(p) for p in paragraphs]


def test_pdf_title_across_the_columns_comes_first() -> None:
    paragraphs = paragraphs_of(pdf_renderable(seed_text(SEED_NAMES[3])))[10:60]
    pdf = render_pdf(paragraphs, header=PDF_HEADER, title="武汉市武昌区2017年政府工作报告")
    lines = read_bytes(pdf, "titled.pdf").original.split("\n")
    assert lines[0] == "武汉市武昌区2017年政府工作报告"
    assert [squeeze(line) for line in lines[1:]] == [squeeze(p) for p in paragraphs]


def test_pdf_fake_bold_characters_are_read_once() -> None:
    from reportlab.pdfgen import canvas

    from tests.ingest.render import FONT, _register_font

    _register_font()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setFont(FONT, 12)
    for dx in (0, 0.3):  # bold simulated by overprinting, as some converters do
        pdf.drawString(72 + dx, 700, "一、2017年工作回顾")
    pdf.drawString(72, 680, "各位代表:")
    pdf.save()
    assert read_bytes(buffer.getvalue(), "bold.pdf").original == "一、2017年工作回顾\n各位代表:"


def _line(text: str, x0: float = 0, x1: float = 200) -> Line:
    return Line(text, x0, x1, left=0, right=200, em=10)


def test_join_lines_rules() -> None:
    lines = [
        _line("一是主要经济指标全面完成。全区实现地区", x0=20),  # full, no stop: continues
        _line("生产总值972.4亿元。"),  # full, ends with a stop, next unindented: continues
        _line("同比增长8%。", x1=70),  # short: paragraph ends
        _line("二、2018年工作安排", x0=20, x1=120),  # short heading
        _line("今年政府工作的总体要求是:坚持稳中求进", x0=20),
        _line("工作总基调。"),  # full and ends with 。; next is a numbered item
        _line("1.地区生产总值增长7%左右。", x1=150),
    ]
    assert join_lines(lines).split("\n") == [
        "一是主要经济指标全面完成。全区实现地区生产总值972.4亿元。同比增长8%。",
        "二、2018年工作安排",
        "今年政府工作的总体要求是:坚持稳中求进工作总基调。",
        "1.地区生产总值增长7%左右。",
    ]


# -- DOCX ---------------------------------------------------------------------------------------

#: 000: "全区实现地区生产总值972.4亿元、同比增长8%,实现一般公共预算收入65.2亿元、同比增长8.4%"
TABLE = [
    ["指标", "2017年完成", "同比增长"],
    ["地区生产总值", "972.4亿元", "8%"],
    ["一般公共预算收入", "65.2亿元", "8.4%"],
]


@pytest.mark.parametrize("name", SEED_NAMES, ids=SEED_IDS)
def test_docx_paragraphs_and_table_in_document_order(name: str) -> None:
    paragraphs = paragraphs_of(seed_text(name))
    data = render_docx(paragraphs, TABLE, table_at=10)
    document = read_bytes(data, f"{name}.docx")
    assert document.format == "docx" and document.encoding is None
    table_lines = ["\t".join(row) for row in TABLE]
    expected = paragraphs[:10] + table_lines + paragraphs[10:]
    assert [squeeze(line) for line in document.original.split("\n")] == [
        squeeze(p) for p in expected
    ]
    assert "地区生产总值\t972.4亿元\t8%" in document.original.split("\n")


def test_docx_merged_cell_appears_once() -> None:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("主要预期目标")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "2018年主要预期目标"
    for cell, value in zip(table.rows[1].cells, ["地区生产总值", "增长", "7.5%左右"]):
        cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    text = read_bytes(buffer.getvalue(), "merged.docx").original
    assert text.split("\n") == [
        "主要预期目标",
        "2018年主要预期目标",
        "地区生产总值\t增长\t7.5%左右",
    ]


def test_docx_content_controls_insertions_and_breaks() -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_paragraph("各位代表:")
    body = document.element.body
    # A paragraph inside a content control (templates wrap the body in them).
    body.insert(
        len(body) - 1,
        parse_xml(
            f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>"
            "现在,我代表区人民政府向大会作工作报告</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        ),
    )
    # A tracked insertion and a tracked deletion in one paragraph, then a soft line break.
    body.insert(
        len(body) - 1,
        parse_xml(
            f"<w:p {nsdecls('w')}><w:r><w:t>地区生产总值增长</w:t></w:r>"
            "<w:ins w:id='1' w:author='a'><w:r><w:t>7.5%</w:t></w:r></w:ins>"
            "<w:del w:id='2' w:author='a'><w:r><w:delText>8%</w:delText></w:r></w:del>"
            "<w:r><w:t>左右。</w:t><w:br/><w:t>请予审议。</w:t></w:r></w:p>"
        ),
    )
    buffer = io.BytesIO()
    document.save(buffer)
    assert read_bytes(buffer.getvalue(), "controls.docx").original.split("\n") == [
        "各位代表:",
        "现在,我代表区人民政府向大会作工作报告",
        "地区生产总值增长7.5%左右。",
        "请予审议。",
    ]
