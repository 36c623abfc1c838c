"""DOCX -> text: body paragraphs and tables in document order, after a zip-bomb check."""

from __future__ import annotations

import io
import zipfile
import zlib

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from lxml import etree

from luoshi import settings
from luoshi.errors import CorruptFileError

#: A member is a bomb when it unpacks to more than this many bytes ...
_BOMB_MIN_SIZE = 1024 * 1024
#: ... at a compression ratio above this. Word XML compresses 5-20x; repeated runs of a long
#: table rarely pass 50x; crafted bombs are at 1,000x and more.
MAX_COMPRESSION_RATIO = 200


def extract_docx(data: bytes) -> str:
    """Paragraph and table-row lines of a DOCX body, in order; table cells joined by a tab.

    Raises CorruptFileError for a damaged archive or a zip bomb (checked before unpacking).
    """
    check_archive(data, int(settings.get_setting("max_unpacked_bytes")))
    try:
        document = docx.Document(io.BytesIO(data))
        lines = body_lines(document.element.body, document._body)
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        zlib.error,
        etree.XMLSyntaxError,
        EOFError,
    ) as exc:
        raise CorruptFileError(f"damaged DOCX: {_one_line(exc)}") from None
    return "\n".join(lines)


def check_archive(data: bytes, max_unpacked: int) -> None:
    """Refuse a ZIP whose declared unpacked size or compression ratio is out of bounds.

    Declared sizes can be trusted as an upper bound: zipfile stops reading a member at its
    declared size (and fails the CRC if the data disagrees).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise CorruptFileError(f"damaged DOCX (bad ZIP container): {exc}") from None
    total = sum(info.file_size for info in infos)
    if total > max_unpacked:
        raise CorruptFileError(
            f"DOCX refused as a zip bomb: unpacks to {total:,} bytes, over the limit of "
            f"{max_unpacked:,} (LUOSHI_MAX_UNPACKED_BYTES)"
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _BOMB_MIN_SIZE and ratio > MAX_COMPRESSION_RATIO:
            raise CorruptFileError(
                f"DOCX refused as a zip bomb: {info.filename} compresses {ratio:,.0f}:1"
            )


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: Block wrappers whose children are body content: content controls, custom XML, and tracked
#: insertions of whole paragraphs.
_WRAPPERS = frozenset({_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "ins"})
_TEXT_TAGS = (_W + "t", _W + "tab", _W + "br", _W + "cr")


def body_lines(body: etree._Element, parent: object) -> list[str]:
    """The non-empty lines of a body (or cell): paragraphs as they are, tables row by row."""
    lines: list[str] = []
    for child in body.iterchildren():
        if child.tag == _W + "p":
            lines += [line for line in paragraph_text(child).split("\n") if line.strip()]
        elif child.tag == _W + "tbl":
            lines += [line for row in Table(child, parent).rows if (line := _row_line(row))]  # type: ignore[arg-type]
        elif child.tag in _WRAPPERS:
            lines += body_lines(child, parent)
    return lines


def paragraph_text(paragraph: etree._Element) -> str:
    """Text of a <w:p>: runs in order, including tracked insertions (deleted text is in
    <w:delText>, never read); a line break is a newline. The fallback copy of a text box
    (mc:Fallback) would repeat the text and is skipped."""
    parts = []
    for node in paragraph.iter(*_TEXT_TAGS):
        if any(str(a.tag).endswith("}Fallback") for a in node.iterancestors()):
            continue
        if node.tag == _W + "t":
            parts.append(node.text or "")
        else:
            parts.append("\t" if node.tag == _W + "tab" else "\n")
    return "".join(parts)


def _row_line(row: object) -> str:
    """Cells joined by a tab; a merged cell (the same <w:tc> repeated) appears once."""
    seen: list[object] = []
    cells = []
    for cell in row.cells:  # type: ignore[attr-defined]
        if any(cell._tc is tc for tc in seen):
            continue
        seen.append(cell._tc)
        texts = (paragraph_text(p).strip() for p in cell._tc.iter(_W + "p"))
        cells.append(" ".join(t for t in texts if t))
    return "\t".join(cells).rstrip("\t")


def _one_line(exc: BaseException) -> str:
    return (" ".join(str(exc).split()) or type(exc).__name__)[:200]
