"""A seed read in any of the forms reports are found in gives the same metadata and body.

Each seed is re-encoded (GB18030, UTF-16, Big5 after conversion to traditional), wrapped in a
portal page with navigation chrome, rendered into a two-column PDF with a running header and page
numbers and into a DOCX, and sprinkled with pinyin readings ("網(wǎng)"); every variant must give
the metadata of the plain UTF-8 seed and the same normalized body (compared without whitespace,
since line joins differ between formats).

Differences inherent to the formats are asserted exactly, not tolerated wholesale: the HTML page
adds its <title> as the first line; a Big5 page cannot hold some characters ("?" where Big5 has
no glyph, as a Big5 editor saves them) and writes variant forms that stay valid simplified text
after conversion back (BIG5_VARIANTS).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import pytest

from luoshi.ingest.reader import read_bytes
from luoshi.models import Document
from luoshi.pipeline import Parsed, parse_document
from tests.ingest.render import (
    SEED_NAMES,
    paragraphs_of,
    pdf_renderable,
    render_docx,
    render_portal_html,
    seed_pdf_document,
    seed_text,
)
from tests.ingest.test_reader import big5_text

PAGE_TITLE = "政府工作报告全文"
#: (simplified in the seed, what comes back from its Big5 page), each with why:
BIG5_VARIANTS = {
    ("着", "著"),  # Big5 has no 着; 著 is itself a simplified character (著作), so t2s keeps it
    ("坐", "座"),  # OpenCC's s2t phrase table writes 坐落 as 座落, which t2s keeps
    ("峯", "峰"),  # the seed writes the variant 峯; Big5 (Taiwan standard) has only 峰
}
PINYIN = "(wǎng)"


def metadata(parsed: Parsed) -> tuple:
    r = parsed.report
    return (r.region.code if r.region else None, r.plan_year, r.review_year, r.delivered,
            r.meeting, r.speaker, r.document_type)


def body(parsed: Parsed) -> str:
    return re.sub(r"\s", "", parsed.text.text)


def with_pinyin(text: str, every: int = 9) -> str:
    """A reading after every ``every``-th Chinese character, as some mirror sites print them."""
    out, seen = [], 0
    for char in text:
        out.append(char)
        if "\u4e00" <= char <= "\u9fff":
            seen += 1
            if seen % every == 0:
                out.append(PINYIN)
    return "".join(out)


def variant(name: str, form: str) -> Document:
    text = seed_text(name)
    if form == "pdf":
        return seed_pdf_document(name)
    data = {
        "gb18030": lambda: text.encode("gb18030"),
        "utf-16": lambda: text.encode("utf-16"),
        "big5": lambda: big5_text(text).encode("cp950"),
        "html": lambda: render_portal_html(
            paragraphs_of(text), title=PAGE_TITLE, date="2018-03-12").encode("utf-8"),
        "docx": lambda: render_docx(paragraphs_of(text), [["指标", "数值"]], table_at=10**6),
        "pinyin": lambda: with_pinyin(text).encode("utf-8"),
    }[form]()
    return read_bytes(data, f"{name}.{form}")


FORMS = ("gb18030", "utf-16", "big5", "html", "pdf", "docx", "pinyin")


@pytest.fixture(scope="module")
def plain() -> dict[str, Parsed]:
    return {name: parse_document(read_bytes(seed_text(name).encode(), name)) for name in SEED_NAMES}


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", SEED_NAMES, ids=[n[:3] for n in SEED_NAMES])
def test_same_metadata_and_body(plain: dict[str, Parsed], name: str, form: str) -> None:
    expected = plain[name]
    parsed = parse_document(variant(name, form))
    assert metadata(parsed) == metadata(expected)
    want, got = body(expected), body(parsed)
    if form == "pdf":  # the PDF font has no glyph for a few symbols (·, •, ©): not rendered
        want = pdf_renderable(want)
    if form == "html":
        assert got.startswith(PAGE_TITLE)
        got = got[len(PAGE_TITLE):]
    if form == "big5":
        differences = [
            (want[i1:i2], got[j1:j2])
            for op, i1, i2, j1, j2 in SequenceMatcher(None, want, got, autojunk=False).get_opcodes()
            if op != "equal"
        ]
        assert all(pair in BIG5_VARIANTS or set(pair[1]) == {"?"} for pair in differences), differences
        assert len(differences) < 0.002 * len(want)
        return
    assert got == want
