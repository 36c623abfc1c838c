"""The ingest entry points: a path or bytes -> Document, and the expansion of input arguments.

All file reading of the ingest stage happens here; the format modules take bytes and return text.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from luoshi import settings
from luoshi.errors import EmptyInputError, InputError, TooLargeError, UsageError
from luoshi.ingest.decode import codec_for, decode_bytes
from luoshi.ingest.sniff import sniff_format
from luoshi.models import Document

#: Suffixes taken when a directory is expanded (named files are always taken: content decides).
DOCUMENT_SUFFIXES = frozenset(
    {
        "",
        ".txt",
        ".text",
        ".htm",
        ".html",
        ".shtml",
        ".xhtml",
        ".php",
        ".asp",
        ".aspx",
        ".jsp",
        ".pdf",
        ".docx",
    }
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)


def read_path(path: str | Path) -> Document:
    """Read one file into a Document.

    Refuses files over ``max_bytes`` (TooLargeError) before reading them whole; raises InputError
    for missing or unreadable files and the format's errors for bad content. Messages do not
    repeat the path (callers prefix the input's name).
    """
    limit = int(settings.get_setting("max_bytes"))
    source = str(path)
    try:
        size = os.stat(path).st_size
        if size > limit:
            raise _too_large(size, limit)
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)  # stat can be stale or 0 for pipes and /proc files
    except IsADirectoryError:
        raise InputError("is a directory (pass it to a command that expands inputs)") from None
    except FileNotFoundError:
        raise InputError("no such file") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise _too_large(len(data), limit)
    return read_bytes(data, source)


def read_bytes(data: bytes, source: str) -> Document:
    """Sniff, decode and extract ``data`` into a Document; ``source`` is recorded on it.

    Error messages describe the content and do not repeat ``source`` (callers name the input).
    """
    limit = int(settings.get_setting("max_bytes"))
    if len(data) > limit:
        raise _too_large(len(data), limit)
    if not data.strip():
        raise EmptyInputError("empty input")
    return _read(data, source)


def _read(data: bytes, source: str) -> Document:
    fmt = sniff_format(data)
    sha256 = hashlib.sha256(data).hexdigest()
    title = date = encoding = None
    if fmt == "pdf":
        from luoshi.ingest.pdf import extract_pdf

        original = extract_pdf(data)
    elif fmt == "docx":
        from luoshi.ingest.docx import extract_docx

        original = extract_docx(data)
    else:
        declared = _declared_charset(data) if fmt == "html" else None
        original, encoding = decode_bytes(data, declared)
        if fmt == "html":
            from luoshi.ingest.html import extract_html

            content = extract_html(original)
            original, title, date = content.text, content.title, content.date
    if not original.strip():
        raise EmptyInputError(f"no text found in the {fmt.upper()} input")
    return Document(source, sha256, fmt, encoding, original, len(data), title, date)


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace")
    return name if codec_for(name) else None


def _too_large(size: int, limit: int) -> TooLargeError:
    return TooLargeError(
        f"{size:,} bytes is over the limit of {limit:,} (raise LUOSHI_MAX_BYTES to accept it)"
    )


def iter_input_paths(paths: Sequence[str]) -> Iterator[Path]:
    """Expand command-line inputs: files as given, directories recursively (document suffixes
    only, hidden entries skipped, sorted), glob patterns (``**`` allowed). ``"-"`` is passed
    through unchanged for the caller to read stdin. Raises UsageError for an input that matches
    nothing."""
    for given in paths:
        if given == "-":
            yield Path("-")
            continue
        path = Path(given)
        if path.is_dir():
            yield from _walk_dir(path)
        elif path.exists():
            yield path
        elif glob.has_magic(given):
            matches = sorted(glob.glob(given, recursive=True))
            if not matches:
                raise UsageError(f"no files match {given!r}")
            for match in matches:
                found = Path(match)
                yield from _walk_dir(found) if found.is_dir() else [found]
        else:
            raise UsageError(f"no such file or directory: {given}")


def _walk_dir(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if not name.startswith(".") and path.suffix.lower() in DOCUMENT_SUFFIXES:
                yield path
