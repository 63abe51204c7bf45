"""Readers: paths → a stream of ``InputDoc`` or ``Failure``, never an exception.

Plain text (``.txt`` and files without a known suffix), folders (recursively),
JSON Lines (objects with ``text`` and optional ``id``, ``url``, ``title``,
``published``, ``author``) and ``-`` for standard input. HTML and WARC readers
live in ``readers_web``. Reading is streaming: one document in memory at a time.
"""

from __future__ import annotations

import io
import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from vnevents.pipeline import Failure, InputDoc

log = logging.getLogger(__name__)

# Inputs larger than this are refused: a crawled news page is a few kB (the
# corpus's longest is 26,041 characters), so 8 MB is no report, and refusing
# it keeps one bad file from stalling a batch or exhausting memory.
MAX_DOC_BYTES = 8 * 1024 * 1024
# A file whose first 8 kB hold this share of NUL or undecodable control bytes is binary.
BINARY_SNIFF_BYTES = 8192

TEXT_SUFFIXES = {".txt", ".text", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm"}
WARC_SUFFIXES = {".warc", ".warc.gz", ".arc", ".arc.gz"}


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for double in (".warc.gz", ".arc.gz"):
        if name.endswith(double):
            return double
    return path.suffix.lower()


def decode(data: bytes, where: str) -> str | Failure:
    """Bytes → text, or a ``Failure`` naming why (binary, not UTF-8, empty)."""
    if not data.strip():
        return Failure(where, "empty input")
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        return Failure(where, "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Failure(where, f"invalid UTF-8 at byte {exc.start}")


def read_text_file(path: Path, name: str | None = None) -> InputDoc | Failure:
    """One text file as one document."""
    where = name or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_DOC_BYTES:
            return Failure(where, f"file too large ({size} bytes > {MAX_DOC_BYTES})")
        text = decode(path.read_bytes(), where)
    except OSError as exc:
        return Failure(where, f"cannot read: {exc.strerror or exc}")
    if isinstance(text, Failure):
        return text
    return InputDoc(text=text, doc=path.name if name is None else name)


def _jsonl_doc(obj: Any, where: str, lineno: int) -> InputDoc | Failure:
    if not isinstance(obj, dict):
        return Failure(f"{where}:{lineno}", "JSON line is not an object")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return Failure(f"{where}:{lineno}", "no 'text' string in the object")
    raw_meta = obj.get("meta")
    meta: dict[str, Any] = raw_meta if isinstance(raw_meta, dict) else {}

    def field(key: str) -> str | None:
        value = obj.get(key, meta.get(key))
        return value if isinstance(value, str) and value.strip() else None

    return InputDoc(
        text=text,
        doc=str(obj.get("id") or obj.get("doc") or f"{Path(where).name}:{lineno}"),
        url=field("url"),
        title=field("title"),
        published=field("published"),
        author=field("author"),
    )


def read_jsonl(stream: IO[bytes], where: str) -> Iterator[InputDoc | Failure]:
    """Documents from a JSON Lines stream; a broken line is a ``Failure``."""
    for lineno, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        if len(raw) > MAX_DOC_BYTES:
            yield Failure(f"{where}:{lineno}", "line too large")
            continue
        try:
            obj = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield Failure(f"{where}:{lineno}", f"invalid UTF-8 at byte {exc.start}")
            continue
        except json.JSONDecodeError as exc:
            yield Failure(f"{where}:{lineno}", f"broken JSON: {exc.msg} at column {exc.colno}")
            continue
        yield _jsonl_doc(obj, where, lineno)


def _read_file(path: Path) -> Iterator[InputDoc | Failure]:
    suffix = _suffix(path)
    if suffix in JSONL_SUFFIXES:
        try:
            with path.open("rb") as stream:
                yield from read_jsonl(stream, str(path))
        except OSError as exc:
            yield Failure(str(path), f"cannot read: {exc.strerror or exc}")
    elif suffix in HTML_SUFFIXES or suffix in WARC_SUFFIXES:
        from vnevents import readers_web  # lazy: trafilatura and warcio load slowly

        yield from readers_web.read_web_file(path)
    else:
        yield read_text_file(path)


def read_blob(name: str, data: bytes) -> Iterator[InputDoc | Failure]:
    """A file already in memory (the Spark job reads files as bytes), by its suffix.

    The same readers as ``read_paths`` use, so a file gives the same documents
    on one machine and on a cluster; ``name`` is the file's base name.
    """
    suffix = _suffix(Path(name))
    if len(data) > MAX_DOC_BYTES and suffix not in JSONL_SUFFIXES | WARC_SUFFIXES:
        yield Failure(name, f"file too large ({len(data)} bytes > {MAX_DOC_BYTES})")
    elif suffix in JSONL_SUFFIXES:
        yield from read_jsonl(io.BytesIO(data), name)
    elif suffix in HTML_SUFFIXES or suffix in WARC_SUFFIXES:
        from vnevents import readers_web  # lazy: trafilatura and warcio load slowly

        yield from readers_web.read_web_bytes(name, data)
    else:
        text = decode(data, name)
        yield text if isinstance(text, Failure) else InputDoc(text=text, doc=name)


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | Failure]:
    """Expand folders (recursively, sorted, hidden files skipped) into files."""
    for raw in paths:
        path = Path(raw)
        if str(raw) == "-":
            yield path
        elif path.is_dir():
            for sub in sorted(path.rglob("*")):
                rel = sub.relative_to(path)
                if sub.is_file() and not any(p.startswith(".") for p in rel.parts):
                    yield sub
        elif path.exists():
            yield path
        else:
            yield Failure(str(path), "no such file or folder")


def read_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[InputDoc | Failure]:
    """Every document under ``paths``, in order; problems become ``Failure`` items."""
    for item in iter_files(paths):
        if isinstance(item, Failure):
            yield item
        elif str(item) == "-":
            yield from read_stdin()
        else:
            yield from _read_file(item)


def read_stdin() -> Iterator[InputDoc | Failure]:
    """Standard input: JSON Lines when the first character is '{', else one text."""
    data = sys.stdin.buffer.read()
    if data.lstrip()[:1] == b"{":
        yield from read_jsonl(io.BytesIO(data), "<stdin>")
        return
    text = decode(data, "<stdin>")
    yield text if isinstance(text, Failure) else InputDoc(text=text, doc="<stdin>")
