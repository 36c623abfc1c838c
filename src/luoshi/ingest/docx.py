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
        lines = [line for block in document.iter_inner_content() for line in _block_lines(block)]
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


def _block_lines(block: object) -> list[str]:
    if isinstance(block, Table):
        return [line for row in block.rows if (line := _row_line(row))]
    return [block.text]  # type: ignore[attr-defined]


def _row_line(row: object) -> str:
    """Cells joined by a tab; a merged cell (the same <w:tc> repeated) appears once."""
    seen: list[object] = []
    cells = []
    for cell in row.cells:  # type: ignore[attr-defined]
        if any(cell._tc is tc for tc in seen):
            continue
        seen.append(cell._tc)
        cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
    return "\t".join(cells).rstrip("\t")


def _one_line(exc: BaseException) -> str:
    return (" ".join(str(exc).split()) or type(exc).__name__)[:200]
