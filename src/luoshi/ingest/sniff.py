"""Which format raw bytes are in, judged by their content (the file name is never trusted)."""

from __future__ import annotations

import io
import re
import zipfile

from luoshi.errors import CorruptFileError, UnsupportedFormatError
from luoshi.ingest.decode import sniff_utf16
from luoshi.models import Format

#: Magic numbers of formats people mistake for documents, so the refusal can name them.
_OTHER_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy MS Office (.doc/.xls/.wps); save it as DOCX"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"{\\rtf", "RTF; save it as DOCX"),
)

#: A PDF header may follow a little junk (the PDF spec allows it within the first 1024 bytes).
_PDF_HEADER_WINDOW = 1024
#: How much of the start is inspected for markup.
_MARKUP_WINDOW = 8192
#: Tags that only HTML has; one is enough.
_STRONG_MARKUP = re.compile(
    r"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s)", re.IGNORECASE
)
#: Tags that might be quoted in prose; two are needed.
_WEAK_MARKUP = re.compile(
    r"<(?:div|p|br|table|span|title|script|style|td|tr|a\s)[\s>/]", re.IGNORECASE
)
#: Bytes that do not occur in text in any of our encodings (BOM-less UTF-16 is handled first).
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
#: More than this share of control bytes means binary data (real text has none).
MAX_CONTROL_BYTE_SHARE = 0.005


def sniff_format(data: bytes) -> Format:
    """The format of ``data``: "pdf", "docx", "html" or "text".

    Raises UnsupportedFormatError for other formats and binary data, CorruptFileError for a
    damaged ZIP container.
    """
    if b"%PDF-" in data[:_PDF_HEADER_WINDOW]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    for magic, what in _OTHER_MAGIC:
        if data.startswith(magic):
            raise UnsupportedFormatError(f"unsupported format: {what}")
    head = _text_head(data)
    if _STRONG_MARKUP.search(head) or len(_WEAK_MARKUP.findall(head)) >= 2:
        return "html"
    return "text"


def _sniff_zip(data: bytes) -> Format:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise CorruptFileError(f"damaged ZIP container (not a readable DOCX): {exc}") from None
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names:
        raise UnsupportedFormatError("unsupported format: OpenDocument; save it as DOCX")
    raise UnsupportedFormatError("unsupported format: a ZIP archive that is not a DOCX document")


def _text_head(data: bytes) -> str:
    """The start of a text-like input as str, for markup checks; refuses binary data."""
    head = data[:_MARKUP_WINDOW]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head[2 : len(head) - len(head) % 2].decode(
            "utf-16-le" if head[0] == 0xFF else "utf-16-be", "replace"
        )
    utf16 = sniff_utf16(head)
    if utf16:
        return head[: len(head) - len(head) % 2].decode(utf16, "replace")
    controls = len(_CONTROL_BYTES.findall(head))
    if head and controls / len(head) > MAX_CONTROL_BYTE_SHARE:
        raise UnsupportedFormatError(
            f"unsupported format: binary data ({controls} control bytes in the first "
            f"{len(head)}), not text, HTML, PDF or DOCX"
        )
    # Markup tags are ASCII in every encoding we accept, so latin-1 is enough to find them.
    return head.decode("latin-1")
