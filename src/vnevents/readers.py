"""Readers: paths → a stream of ``InputDoc`` or ``Failure``, never an exception.

Plain text (``.txt`` and files without a known suffix), folders (recursively),
JSON Lines (objects with ``text`` and optional ``id``, ``url``, ``title``,
``published``, ``author``) and ``-`` for standard input. HTML and WARC readers
live in ``readers_web``. Reading is streaming: one document in memory at a time,
and no input path reads more than ``MAX_DOC_BYTES`` for one document. Only
regular files are opened: a FIFO or a device would block or never end.
"""

from __future__ import annotations

import errno
import io
import json
import logging
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from vnevents.pipeline import Failure, InputDoc

if TYPE_CHECKING:
    from vnevents.readers_web import RawPage

log = logging.getLogger(__name__)

# Inputs larger than this are refused: a crawled news page is a few kB (the
# corpus's longest is 26,041 characters), so 8 MB is no report, and refusing
# it keeps one bad file from stalling a batch or exhausting memory. The same
# bound holds for a file, standard input, a JSON line, an HTML page and a WARC record.
MAX_DOC_BYTES = 8 * 1024 * 1024
# A file whose first 8 kB hold a NUL byte is binary (UTF-16 is told by its BOM).
BINARY_SNIFF_BYTES = 8192
_READ_CHUNK = 1 << 16

TEXT_SUFFIXES = {".txt", ".text", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm"}
WARC_SUFFIXES = {".warc", ".warc.gz", ".arc", ".arc.gz"}
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def file_suffix(path: Path) -> str:
    """The suffix that decides how a file is read (".warc.gz" whole), lower-cased."""
    name = path.name.lower()
    for double in (".warc.gz", ".arc.gz"):
        if name.endswith(double):
            return double
    return path.suffix.lower()


def too_large(size: int | None = None) -> str:
    """The reason given for an input over ``MAX_DOC_BYTES``."""
    shown = f"{size} bytes" if size is not None else "more bytes"
    return f"too large ({shown} > {MAX_DOC_BYTES}; a news report is a few kB)"


def has_text(text: str) -> bool:
    """Whether ``text`` holds a letter or digit (not only spaces, BOMs, zero-width
    characters or punctuation)."""
    return any(c.isalnum() for c in text)


def decode(data: bytes, where: str) -> str | Failure:
    """Bytes → text, or a ``Failure`` naming why (binary, not UTF-8, empty).

    UTF-8 (with or without a BOM) and UTF-16 with a BOM (Windows' "Unicode" text) are read.
    """
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            return Failure(where, f"invalid UTF-16 at byte {exc.start}")
    elif b"\x00" in data[:BINARY_SNIFF_BYTES]:
        return Failure(where, "binary file (NUL bytes), not text")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return Failure(where, f"invalid UTF-8 at byte {exc.start} (convert the file to UTF-8)")
    if not text.strip():
        return Failure(where, "empty input")
    if not has_text(text):
        return Failure(where, "no text (only spaces, punctuation or invisible characters)")
    return text


def open_regular(path: Path) -> IO[bytes] | Failure:
    """``path`` opened for reading when it is a regular file, else a ``Failure`` saying what it is.

    Opened without blocking and checked on the open descriptor: a FIFO would block
    the open itself, and a device (``/dev/zero``) never ends.
    """
    where = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return Failure(where, _os_reason(exc))
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        return Failure(where, f"not a regular file ({_kind(mode)})")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return "not a file"


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENOENT:
        return "no such file or folder"
    return f"cannot read: {exc.strerror or exc}"


def read_limited(stream: IO[bytes], limit: int = MAX_DOC_BYTES) -> bytes | None:
    """The whole stream, or None as soon as it holds more than ``limit`` bytes."""
    chunks: list[bytes] = []
    total = 0
    while chunk := stream.read(min(_READ_CHUNK, limit + 1 - total)):
        total += len(chunk)
        chunks.append(chunk)
        if total > limit:
            return None
    return b"".join(chunks)


def read_file_bytes(path: Path, where: str) -> bytes | Failure:
    """A regular file's bytes, at most ``MAX_DOC_BYTES`` of them."""
    stream = open_regular(path)
    if isinstance(stream, Failure):
        return Failure(where, stream.reason)
    try:
        with stream:
            size = os.fstat(stream.fileno()).st_size
            if size > MAX_DOC_BYTES:
                return Failure(where, f"file {too_large(size)}")
            data = read_limited(stream)
    except OSError as exc:
        return Failure(where, _os_reason(exc))
    if data is None:  # grew while read, or a file whose size the system does not know
        return Failure(where, f"file {too_large()}")
    return data


def read_text_file(path: Path, name: str | None = None) -> InputDoc | Failure:
    """One text file as one document."""
    where = name or str(path)
    data = read_file_bytes(path, where)
    if isinstance(data, Failure):
        return data
    text = decode(data, where)
    if isinstance(text, Failure):
        return text
    return InputDoc(text=text, doc=doc_name(path.name if name is None else name))


def _text(value: str) -> str:
    """A JSON string as valid Unicode: a lone surrogate escape (``"\\ud800"``)
    cannot be written out."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return value.encode("utf-8", "replace").decode("utf-8")
    return value


def doc_name(name: str) -> str:
    """A file name as a document name that can be written anywhere: bytes that are not
    UTF-8 (kept by the file system as lone surrogates) become ``\\xff`` escapes."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return name


def _jsonl_doc(obj: Any, where: str, lineno: int) -> InputDoc | Failure:
    if not isinstance(obj, dict):
        return Failure(f"{where}:{lineno}", "JSON line is not an object")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return Failure(f"{where}:{lineno}", "no 'text' string in the object")
    if not has_text(text):
        return Failure(
            f"{where}:{lineno}", "no text (only spaces, punctuation or invisible characters)"
        )
    raw_meta = obj.get("meta")
    meta: dict[str, Any] = raw_meta if isinstance(raw_meta, dict) else {}

    def field(key: str) -> str | None:
        value = obj.get(key, meta.get(key))
        return _text(value) if isinstance(value, str) and value.strip() else None

    ident = obj.get("id") or obj.get("doc")
    return InputDoc(
        text=_text(text),
        doc=_text(ident if isinstance(ident, str) else str(ident))
        if ident
        else doc_name(f"{Path(where).name}:{lineno}"),
        url=field("url"),
        title=field("title"),
        published=field("published"),
        author=field("author"),
    )


def _lines(stream: IO[bytes]) -> Iterator[bytes | None]:
    """The stream's lines; None for a line longer than ``MAX_DOC_BYTES`` (skipped, never held)."""
    while line := stream.readline(MAX_DOC_BYTES + 1):
        if len(line) > MAX_DOC_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(_READ_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def read_jsonl(stream: IO[bytes], where: str) -> Iterator[InputDoc | Failure]:
    """Documents from a JSON Lines stream; a broken line is a ``Failure``."""
    for lineno, raw in enumerate(_lines(stream), start=1):
        if raw is None:
            yield Failure(f"{where}:{lineno}", f"JSON line {too_large()}")
            continue
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw.decode("utf-8-sig" if lineno == 1 else "utf-8"))
        except UnicodeDecodeError as exc:
            yield Failure(f"{where}:{lineno}", f"invalid UTF-8 at byte {exc.start}")
            continue
        except json.JSONDecodeError as exc:
            yield Failure(f"{where}:{lineno}", f"broken JSON: {exc.msg} at column {exc.colno}")
            continue
        except RecursionError:
            yield Failure(f"{where}:{lineno}", "broken JSON: nested too deeply")
            continue
        yield _jsonl_doc(obj, where, lineno)


def _read_file(path: Path, parse: bool = True) -> Iterator[InputDoc | RawPage | Failure]:
    suffix = file_suffix(path)
    if suffix in JSONL_SUFFIXES:
        stream = open_regular(path)
        if isinstance(stream, Failure):
            yield stream
            return
        try:
            with stream:
                yield from read_jsonl(stream, str(path))
        except OSError as exc:
            yield Failure(str(path), _os_reason(exc))
    elif suffix in HTML_SUFFIXES or suffix in WARC_SUFFIXES:
        from vnevents import readers_web  # lazy: trafilatura and warcio load slowly

        yield from readers_web.read_web_file(path, parse=parse)
    else:
        yield read_text_file(path)


def read_blob(name: str, data: bytes) -> Iterator[InputDoc | Failure]:
    """A file already in memory (the Spark job reads files as bytes), by its suffix.

    The same readers as ``read_paths`` use, so a file gives the same documents
    on one machine and on a cluster; ``name`` is the file's base name.
    """
    suffix = file_suffix(Path(name))
    if len(data) > MAX_DOC_BYTES and suffix not in JSONL_SUFFIXES | WARC_SUFFIXES:
        yield Failure(name, f"file {too_large(len(data))}")
    elif suffix in JSONL_SUFFIXES:
        yield from read_jsonl(io.BytesIO(data), name)
    elif suffix in HTML_SUFFIXES or suffix in WARC_SUFFIXES:
        from vnevents import readers_web  # lazy: trafilatura and warcio load slowly

        yield from readers_web.read_web_bytes(name, data)
    else:
        text = decode(data, name)
        yield text if isinstance(text, Failure) else InputDoc(text=text, doc=name)


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | Failure]:
    """Expand folders (recursively, sorted, hidden files skipped) into files.

    Symbolic links to files are followed; links to folders are not (a loop would
    never end). Whatever cannot be read — a missing path, a link loop, a FIFO, an
    unreadable or empty folder — becomes a ``Failure`` naming it.
    """
    for raw in paths:
        path = Path(raw)
        if str(raw) == "-":
            yield path
            continue
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            yield Failure(str(path), _os_reason(exc))
            continue
        if stat.S_ISDIR(mode):
            found = False
            for item in _walk(path):
                found = found or isinstance(item, Path)
                yield item
            if not found:
                yield Failure(str(path), "no files in the folder (hidden files are skipped)")
        else:
            yield path  # a FIFO or a device is refused when opened, with its kind


def _walk(folder: Path) -> Iterator[Path | Failure]:
    """Files under ``folder``, sorted, hidden names skipped, folder links not followed."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield Failure(str(folder), _os_reason(exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(path)
                continue
            mode = os.stat(path).st_mode  # follows a link to a file
        except OSError as exc:
            yield Failure(str(path), _os_reason(exc))
            continue
        if stat.S_ISDIR(mode):
            log.info("not following the link to a folder %s", path)
        else:
            yield path


def read_paths(
    paths: Iterable[str | os.PathLike[str]], *, parse: bool = True
) -> Iterator[InputDoc | RawPage | Failure]:
    """Every document under ``paths``, in order; problems become ``Failure`` items.

    Args:
        paths: files, folders, or ``-`` for standard input.
        parse: parse HTML pages here; with False they come as ``readers_web.RawPage``
            items for ``budget.run_one`` to parse under the document's time budget.
    """
    for item in iter_files(paths):
        if isinstance(item, Failure):
            yield item
        elif str(item) == "-":
            yield from read_stdin()
        else:
            yield from _read_file(item, parse)


def read_stdin(stream: IO[bytes] | None = None) -> Iterator[InputDoc | Failure]:
    """Standard input: JSON Lines when the first character is '{', else one text.

    JSON Lines are streamed line by line (each bounded); a text is read up to
    ``MAX_DOC_BYTES`` and refused beyond.
    """
    stream = stream if stream is not None else sys.stdin.buffer
    head = b""
    while not head.strip() and len(head) <= MAX_DOC_BYTES and (chunk := stream.read(_READ_CHUNK)):
        head += chunk
    if head.lstrip()[:1] == b"{":
        yield from read_jsonl(io.BufferedReader(_Prefixed(head, stream)), "<stdin>")
        return
    rest = read_limited(stream, max(0, MAX_DOC_BYTES - len(head)))
    if rest is None or len(head) > MAX_DOC_BYTES:
        yield Failure("<stdin>", f"standard input {too_large()}")
        return
    text = decode(head + rest, "<stdin>")
    yield text if isinstance(text, Failure) else InputDoc(text=text, doc="<stdin>")


class _Prefixed(io.RawIOBase):
    """A byte stream with ``head`` (already read) put back in front."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self.head = head
        self.stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.head:
            data, self.head = self.head[: len(buffer)], self.head[len(buffer) :]
        else:
            data = self.stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
