"""Bad input is refused with the precise exception and a complete one-line message."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest

from luoshi.errors import (
    CorruptFileError,
    DecodeError,
    EmptyInputError,
    InputError,
    LuoshiError,
    TooLargeError,
    UnsupportedFormatError,
)
from luoshi.ingest.reader import read_bytes, read_path
from tests.conftest import SEED_PATHS
from tests.ingest.render import render_pdf, seed_pdf, seed_text, zip_bomb_docx

MIB = 1024 * 1024


def refused(exc_type: type[LuoshiError], data: bytes, source: str = "input") -> str:
    """Read ``data``; assert it raises exactly ``exc_type``; return the message."""
    with pytest.raises(LuoshiError) as info:
        read_bytes(data, source)
    assert type(info.value) is exc_type, info.value
    message = str(info.value)
    assert message and "\n" not in message and source not in message  # the caller names the input
    return message


def test_random_bytes_are_not_a_document() -> None:
    data = random.Random(7).randbytes(64 * 1024)
    message = refused(UnsupportedFormatError, data, "garbage.txt")
    assert "binary data" in message


def test_random_high_bytes_are_not_chinese() -> None:
    # Every pair of bytes 0x81-0xFE decodes under GB18030, so this is text to a codec: the
    # plausibility check must refuse it.
    rng = random.Random(3)
    data = bytes(rng.randrange(0x81, 0xFF) for _ in range(20_000))
    message = refused(DecodeError, data, "mojibake.txt")
    assert "no encoding decodes the bytes to plausible Chinese text" in message


@pytest.mark.parametrize("data", [b"", b"   \r\n\t\n"])
def test_empty_input(data: bytes) -> None:
    assert refused(EmptyInputError, data, "empty.txt") == "empty input"


def test_empty_file_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(EmptyInputError, match="empty input"):
        read_path(path)


def test_truncated_pdf() -> None:
    data = seed_pdf(SEED_PATHS[0].name)
    message = refused(CorruptFileError, data[: len(data) // 2], "half.pdf")
    assert message.startswith("truncated or damaged PDF: ")


def test_damaged_pdf_with_an_end_marker() -> None:
    data = seed_pdf(SEED_PATHS[0].name)
    message = refused(CorruptFileError, data[: len(data) // 2] + b"\n%%EOF\n", "cut.pdf")
    assert message.startswith("truncated or damaged PDF: ")


def test_pdf_without_text_layer() -> None:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.rect(100, 100, 300, 500, fill=1)  # a "scan": drawing only
    pdf.showPage()
    pdf.save()
    message = refused(EmptyInputError, buffer.getvalue(), "scan.pdf")
    assert message == "PDF has no text layer (scanned?)"


def _encrypted_pdf(user_password: str) -> bytes:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    from tests.ingest.render import FONT, _register_font

    _register_font()
    buffer = io.BytesIO()
    encrypt = pdfencrypt.StandardEncryption(user_password, ownerPassword="owner", canCopy=0)
    pdf = canvas.Canvas(buffer, encrypt=encrypt)
    pdf.setFont(FONT, 12)
    pdf.drawString(72, 700, "各位代表:现在,我代表区人民政府向大会作工作报告。")
    pdf.save()
    return buffer.getvalue()


def test_pdf_locked_with_a_password() -> None:
    message = refused(UnsupportedFormatError, _encrypted_pdf("secret"), "locked.pdf")
    assert message == "unsupported PDF: encrypted with a password"


def test_pdf_whose_text_layer_has_no_unicode_mapping() -> None:
    # Opened with the empty user password, pdfminer cannot map this CID font's codes back to
    # Unicode and yields "(cid:1778)"-style glyph numbers, as for fonts without a ToUnicode map.
    message = refused(DecodeError, _encrypted_pdf(""), "glyphs.pdf")
    assert message.startswith("PDF text layer is unreadable: 25 of 25 characters")  # all 25 drawn


def test_zip_bomb_named_docx_over_the_unpacked_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LUOSHI_MAX_UNPACKED_BYTES", str(8 * MIB))
    data = zip_bomb_docx(16 * MIB)
    assert len(data) < 20_000  # a few KB
    message = refused(CorruptFileError, data, "bomb.docx")
    # 16 MiB of document.xml and the 8 bytes of "<Types/>"
    assert "zip bomb" in message and "unpacks to 16,777,224 bytes" in message


def test_zip_bomb_named_docx_by_its_ratio() -> None:
    data = zip_bomb_docx(8 * MIB)  # under the 200 MiB default, but 1000:1
    message = refused(CorruptFileError, data, "bomb.docx")
    assert "word/document.xml compresses" in message


def test_bad_zip_named_docx() -> None:
    data = zip_bomb_docx(MIB)
    message = refused(CorruptFileError, data[:200], "cut.docx")
    assert "damaged ZIP container" in message


def test_zip_that_is_not_docx() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("report.txt", seed_text(SEED_PATHS[0].name))
    message = refused(UnsupportedFormatError, buffer.getvalue(), "reports.zip")
    assert "ZIP archive that is not a DOCX" in message


def test_docx_missing_its_parts() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    refused(CorruptFileError, buffer.getvalue(), "parts.docx")


def test_html_nested_ten_thousand_levels() -> None:
    page = "<html><body>" + "<div>" * 10_000 + "各位代表" + "</div>" * 10_000 + "</body></html>"
    message = refused(CorruptFileError, page.encode(), "deep.html")
    assert "nested deeper than 1000 levels" in message


def test_html_nested_deeper_than_libxml2_default_is_read() -> None:
    # libxml2 stops building the tree at 256 levels unless told otherwise: the text must survive.
    page = (
        "<html><body>"
        + "<div>" * 600
        + "各位代表:现在我代表区人民政府向大会作工作报告。"
        + "</div>" * 600
    )
    document = read_bytes(page.encode(), "deep.html")
    assert document.original == "各位代表:现在我代表区人民政府向大会作工作报告。"


def test_html_without_text() -> None:
    page = "<html><head><title>x</title><script>var a = 1;</script></head><body></body></html>"
    assert (
        refused(EmptyInputError, page.encode(), "blank.html") == "no text found in the HTML input"
    )


def test_legacy_word_document() -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)
    assert "legacy MS Office" in refused(UnsupportedFormatError, data, "report.doc")


@pytest.fixture(scope="module")
def fifty_mb_text(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.txt"
    block = seed_text(SEED_PATHS[0].name).encode("utf-8")
    with path.open("wb") as handle:
        for _ in range(50 * MIB // len(block) + 1):
            handle.write(block)
    return path


def test_fifty_mb_text_is_refused_by_the_size_limit(fifty_mb_text: Path) -> None:
    size = fifty_mb_text.stat().st_size
    with pytest.raises(TooLargeError) as info:
        read_path(fifty_mb_text)
    assert str(info.value) == (
        f"{size:,} bytes is over the limit of 33,554,432 (raise LUOSHI_MAX_BYTES to accept it)"
    )


def test_fifty_mb_text_is_accepted_when_the_limit_is_raised(
    fifty_mb_text: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LUOSHI_MAX_BYTES", str(64 * MIB))
    document = read_path(fifty_mb_text)
    assert document.size_bytes == fifty_mb_text.stat().st_size
    assert document.original.startswith("成都市武侯区人民政府门户网站")


def test_bytes_over_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LUOSHI_MAX_BYTES", "1000")
    message = refused(TooLargeError, seed_text(SEED_PATHS[0].name).encode(), "stdin")
    assert "over the limit of 1,000" in message


def test_pdf_page_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LUOSHI_MAX_PDF_PAGES", "1")
    paragraphs = (
        ["各位代表:"] + ["现在我代表区人民政府向大会作工作报告。"] * 50 + ["第二页的段落。"]
    )
    pdf = render_pdf(paragraphs, header="页眉", columns=1)
    lines = read_bytes(pdf, "long.pdf").original.split("\n")
    # One page holds 44 lines. With one page read the header cannot be told from a title.
    assert lines == ["页眉", "各位代表:"] + ["现在我代表区人民政府向大会作工作报告。"] * 43


@pytest.mark.parametrize("name", ["missing.txt", "a-directory"])
def test_unreadable_paths(tmp_path: Path, name: str) -> None:
    (tmp_path / "a-directory").mkdir()
    with pytest.raises(InputError) as info:
        read_path(tmp_path / name)
    assert type(info.value) is InputError and "\n" not in str(info.value)
