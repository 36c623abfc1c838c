"""``luoshi parse`` and ``luoshi demo`` through click's runner and as a real console script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from luoshi.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "src" / "luoshi" / "data" / "seeds"
SEED_001 = SEEDS / "001_404f361b20648346.txt"
SEED_003 = SEEDS / "003_46db40bf93a293f3.txt"
FIELDS = {"file", "title", "region", "plan_year", "review_year", "delivered", "meeting", "speaker",
          "sections", "document_type", "reasons"}  # fmt: skip


def _run(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=stdin)


def test_parse_json_fields():
    result = _run("parse", "--json", str(SEED_001), str(SEED_003))
    assert result.exit_code == 0, result.output
    docs = json.loads(result.stdout)
    assert [Path(d["file"]).name for d in docs] == [SEED_001.name, SEED_003.name]
    first = docs[0]
    assert FIELDS <= set(first)
    assert first["region"]["code"] == "500107" and first["region"]["name"] == "九龙坡区"
    assert {"name", "code", "level", "path", "candidates"} <= set(first["region"])
    assert (first["plan_year"], first["delivered"]) == (2018, "2018-01-12")
    assert first["meeting"] == {"session": 18, "sitting": 2}
    assert first["speaker"] == {"name": "刘小强", "title": "区长"}
    assert {"title", "kind", "level", "start", "end"} <= set(first["sections"][0])
    assert docs[1]["delivered"] == "2017-12-27" and docs[1]["plan_year"] == 2018


def test_parse_directory_and_glob():
    by_dir = json.loads(_run("parse", "--json", str(SEEDS)).stdout)
    by_glob = json.loads(_run("parse", "--json", str(SEEDS / "00[0-2]_*.txt")).stdout)
    assert len(by_dir) == 5 and len(by_glob) == 3


def test_parse_stdin():
    result = _run("parse", "--json", "-", stdin=SEED_003.read_bytes())
    assert result.exit_code == 0
    [doc] = json.loads(result.stdout)
    assert doc["file"] == "<stdin>" and doc["region"]["code"] == "420106"


def test_parse_readable_output():
    result = _run("parse", str(SEED_001))
    assert result.exit_code == 0
    for text in ("九龙坡区", "500107", "2018-01-12", "刘小强", "review", "tasks"):
        assert text in result.stdout


def test_unrelated_and_unreadable_still_process_others(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("设为首页收藏本站\n您需要登录后才可以回帖 登录 | 立即注册\n客服中心\n", "utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = _run("parse", "--json", str(page), str(empty), str(SEED_001))
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2
    assert errors[0].startswith(f"luoshi: error: {page}: not a government work report")
    assert errors[1].startswith(f"luoshi: error: {empty}: ")
    docs = json.loads(result.stdout)
    assert [d["document_type"] for d in docs] == ["unrelated", "report"]


def test_usage_errors_exit_2():
    assert _run("parse").exit_code == 2
    assert _run("parse", "--no-such-option", str(SEED_001)).exit_code == 2


def test_demo_table():
    result = _run("demo")
    assert result.exit_code == 0
    for code in ("510107", "500107", "510115", "420106", "140106"):
        assert code in result.stdout


def _console_script() -> list[str]:
    exe = Path(sys.executable).with_name("luoshi")
    return [str(exe)] if exe.exists() else [shutil.which("luoshi") or "luoshi"]


def _sh(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*_console_script(), *args], capture_output=True, text=True, check=False)


def test_console_script_exit_codes(tmp_path):
    ok = _sh("parse", "--json", str(SEED_001))
    assert ok.returncode == 0 and json.loads(ok.stdout)[0]["region"]["code"] == "500107"
    missing = _sh("parse", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2
    page = tmp_path / "page.txt"
    page.write_text("设为首页收藏本站\n客服中心\n", "utf-8")
    bad = _sh("parse", str(page), str(SEED_001))
    assert bad.returncode == 1
    assert "Traceback" not in ok.stderr + missing.stderr + bad.stderr
    assert bad.stderr.startswith("luoshi: error: ")
