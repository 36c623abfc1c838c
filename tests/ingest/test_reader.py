"""read_path / read_bytes / iter_input_paths: formats judged by content, encodings recovered."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import opencc
import pytest

from luoshi.errors import UsageError
from luoshi.ingest.reader import iter_input_paths, read_bytes, read_path
from luoshi.ingest.sniff import sniff_format
from tests.conftest import LOCAL_DIR, NATIONAL_DIR, SEED_PATHS, read_text
from tests.ingest.render import (
    paragraphs_of,
    render_docx,
    render_portal_html,
    seed_pdf,
    seed_text,
)

SEED_IDS = [p.name[:3] for p in SEED_PATHS]
S2T = opencc.OpenCC("s2t")
T2TW = opencc.OpenCC("t2tw")
T2S = opencc.OpenCC("t2s")


def big5_text(simplified: str) -> str:
    """The traditional text a Big5 (cp950) page of ``simplified`` would hold.

    OpenCC's s2t writes some characters in variants Big5 lacks (爲 羣 衆 啓 着 牀 峯); a Big5 page
    has the Taiwan-standard form (為 群 眾 啟 著 床 峰), so those are converted with t2tw. A no-break
    space becomes a space; what is still not in cp950 (礴 勠 ©: 4 characters over the 5 seeds) is
    written "?", as a Big5 editor would save it. The result is what cp950 gives back (it maps
    "•" to "‧", so the round trip is not the identity for a few symbols).
    """
    out = []
    for char in S2T.convert(simplified):
        if not char.encode("cp950", "ignore"):
            char = " " if char == "\xa0" else T2TW.convert(char)
        out.append(char if char.encode("cp950", "ignore") else "?")
    return "".join(out).encode("cp950").decode("cp950")


# -- plain text ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", SEED_PATHS, ids=SEED_IDS)
def test_seed_file_reads_as_utf8_text(path: Path) -> None:
    raw = path.read_bytes()
    document = read_path(path)
    assert document.format == "text"
    assert document.encoding == "utf-8"
    assert document.original == raw.decode("utf-8")
    assert document.sha256 == hashlib.sha256(raw).hexdigest()
    assert document.size_bytes == len(raw)
    assert document.source == str(path)
    assert document.html_title is None and document.html_date is None


@pytest.mark.parametrize("path", SEED_PATHS, ids=SEED_IDS)
@pytest.mark.parametrize(
    ("codec", "expected"),
    [
        ("gb18030", "gb18030"),
        ("utf-16", "utf-16-le"),  # Python writes a little-endian BOM
        ("utf-16-le", "utf-16-le"),  # no BOM
        ("utf-16-be", "utf-16-be"),  # no BOM
        ("utf-8-sig", "utf-8"),
    ],
)
def test_seed_reencoded_decodes_to_the_same_text(path: Path, codec: str, expected: str) -> None:
    text = seed_text(path.name)
    document = read_bytes(text.encode(codec), f"{path.name}.{codec}")
    assert document.encoding == expected
    assert document.original == text


@pytest.mark.parametrize("path", SEED_PATHS, ids=SEED_IDS)
def test_seed_in_big5_decodes_to_the_traditional_text(path: Path) -> None:
    simplified = seed_text(path.name)
    traditional = big5_text(simplified)
    document = read_bytes(traditional.encode("cp950"), f"{path.name}.big5")
    assert document.encoding == "cp950"
    assert document.original == traditional
    # Back in simplified script it is the seed, but for the "?" above and the few characters where
    # OpenCC's s2t/t2s are not inverse (著 stays 著 where the seed has 着).
    back = T2S.convert(document.original)
    assert len(back) == len(simplified)
    same = sum(a == b for a, b in zip(back, simplified))
    assert same / len(simplified) > 0.995


@pytest.mark.parametrize(("codec", "damage"), [("gb18030", b"\xff"), ("utf-8", b"\xe4\xb8")])
def test_a_few_broken_bytes_are_replaced_not_fatal(codec: str, damage: bytes) -> None:
    # A scraped page with a stray byte (0xFF is never valid in GB18030) or a character cut in
    # half (the first two bytes of the three of "中" in UTF-8) in the middle.
    text = seed_text(SEED_PATHS[0].name)
    middle = len(text) // 2
    data = text[:middle].encode(codec) + damage + text[middle:].encode(codec)
    document = read_bytes(data, "damaged.txt")
    assert document.encoding == codec
    assert document.original == text[:middle] + "\ufffd" + text[middle:]


def test_national_reports_in_gb18030_and_big5(national_index: list[dict]) -> None:
    for entry in national_index[::5]:
        text = read_text(NATIONAL_DIR / entry["file"])
        assert read_bytes(text.encode("gb18030"), entry["file"]).original == text
        traditional = big5_text(text)
        assert read_bytes(traditional.encode("cp950"), entry["file"]).original == traditional


def test_local_passages_with_traditional_characters_read_from_big5(local_index: list[dict]) -> None:
    entries = [e for e in local_index if "traditional" in e["traits"]]
    assert entries  # index.json marks e.g. 001.txt (马鞍山市) "traditional"
    for entry in entries:
        text = read_text(LOCAL_DIR / entry["file"])
        encoded = big5_text(T2S.convert(text))
        assert read_bytes(encoded.encode("cp950"), entry["file"]).encoding == "cp950"


def test_sha256_is_of_the_raw_bytes() -> None:
    data = seed_text(SEED_PATHS[0].name).encode("gb18030")
    assert read_bytes(data, "x").sha256 == hashlib.sha256(data).hexdigest()


# -- format by content, not by name -------------------------------------------------------------


def test_pdf_named_txt_is_read_as_pdf(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(seed_pdf(SEED_PATHS[3].name))
    document = read_path(path)
    assert document.format == "pdf"
    assert document.encoding is None
    # 003, line 8: "  ——2017年12月27日在武汉市武昌区第十五届人民代表大会"
    assert "——2017年12月27日在武汉市武昌区第十五届人民代表大会\n" in document.original


def test_docx_named_pdf_and_html_named_txt(tmp_path: Path) -> None:
    paragraphs = paragraphs_of(seed_text(SEED_PATHS[4].name))
    docx_path = tmp_path / "report.pdf"
    docx_path.write_bytes(render_docx(paragraphs, [["a", "b"]], table_at=3))
    assert read_path(docx_path).format == "docx"
    html_path = tmp_path / "report.txt"
    html_path.write_text(render_portal_html(paragraphs, title="t", date="2018-01-01"), "utf-8")
    assert read_path(html_path).format == "html"


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        (b"<!DOCTYPE html><html><body>", "html"),
        (b"  \n<HTML>\n<HEAD>", "html"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "html"),
        (b"<div class=a><p>x</p></div>", "html"),
        ("一、总体要求<2%\n二、".encode(), "text"),  # a "<" in prose is not markup
        (b"%PDF-1.4\n", "pdf"),
    ],
)
def test_sniff_format(head: bytes, fmt: str) -> None:
    assert sniff_format(head + "各位代表:\n".encode() * 3) == fmt


def test_meta_charset_is_honoured_for_gbk_pages() -> None:
    paragraphs = paragraphs_of(seed_text(SEED_PATHS[1].name))
    page = render_portal_html(paragraphs, title="政府工作报告", date="2018-01-12")
    page = page.replace('<meta charset="utf-8">', '<meta charset="gb2312">')
    document = read_bytes(page.encode("gb18030"), "page.html")
    assert document.encoding == "gb18030"  # GB2312 declared, read with its superset
    # 001: "九龙坡区人民政府区长  刘小强"
    assert "九龙坡区人民政府区长" in document.original


def test_meta_charset_that_does_not_decode_is_ignored() -> None:
    paragraphs = paragraphs_of(seed_text(SEED_PATHS[2].name))
    page = render_portal_html(paragraphs, title="政府工作报告", date="2023-01-01")
    page = page.replace('<meta charset="utf-8">', '<meta charset="big5">')
    document = read_bytes(page.encode("gb18030"), "page.html")
    assert document.encoding == "gb18030"
    assert paragraphs[10] in document.original


# -- inputs -------------------------------------------------------------------------------------


def test_iter_input_paths_expands_dirs_and_globs(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    for name in ["a/1.txt", "a/b/2.html", "a/b/3.pdf", "a/b/4.png", "a/.5.txt", ".hidden/6.txt"]:
        (tmp_path / name).write_text("x")
    found = list(iter_input_paths([str(tmp_path)]))
    assert found == [
        tmp_path / "a" / "1.txt",
        tmp_path / "a" / "b" / "2.html",
        tmp_path / "a" / "b" / "3.pdf",
    ]
    assert list(iter_input_paths([f"{tmp_path}/**/*.txt"])) == [tmp_path / "a" / "1.txt"]
    named = tmp_path / "a" / "b" / "4.png"
    assert list(iter_input_paths(["-", str(named)])) == [Path("-"), named]


def test_iter_input_paths_refuses_what_matches_nothing(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"no such file or directory: .*missing\.txt"):
        list(iter_input_paths([str(tmp_path / "missing.txt")]))
    with pytest.raises(UsageError, match=r"no files match"):
        list(iter_input_paths([f"{tmp_path}/*.docx"]))


def test_index_files_are_not_reports() -> None:
    # A JSON index is UTF-8 text: it is read (deciding whether it is a report is parse's job).
    data = (NATIONAL_DIR / "index.json").read_bytes()
    document = read_bytes(data, "index.json")
    assert document.format == "text"
    assert json.loads(document.original)[0]["file"] == "national-1992.txt"
