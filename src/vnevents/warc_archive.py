"""warcio's archive reader with the checks it lacks: where a WARC or ARC file is not whole.

warcio reads a record cut by the end of the file as if it were complete and skips
unparsable bytes between records with a message on stderr. ``checked_archive`` notes
the first such defect (offset and reason) so ``readers_web.read_warc_pages`` can
report it; this module reads no pages and makes no documents.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr
from typing import IO, Any

from vnevents.messages import printable

log = logging.getLogger(__name__)


def whole_header(record: Any) -> bool:
    """Whether a WARC record's header names its type and length (a header cut by the
    end of the file parses as a record with neither)."""
    headers = record.rec_headers
    return bool(headers.get_header("WARC-Type")) and bool(
        (headers.get_header("Content-Length") or "").strip().isdigit()
    )


@contextmanager
def quiet() -> Iterator[None]:
    """Keep warcio's own messages off stderr: they quote raw bytes of the file (escape
    sequences included). What it said is logged, made printable, at DEBUG level."""
    sink = io.StringIO()
    with redirect_stderr(sink):
        yield
    if said := sink.getvalue().strip():
        log.debug("warcio: %s", printable(said))


def checked_archive(stream: IO[bytes], is_arc: bool) -> Any:
    """warcio's ``ArchiveIterator``, noting in ``defect`` the first record that is not whole.

    warcio reads a record cut by the end of the file as if it were complete, and
    skips what it cannot parse between records with a warning on stderr. After each
    record this checks that its block held all of ``Content-Length``, that a gzip
    member ended with its trailer, and (uncompressed WARC) that the two blank lines
    closing a record are there; ``defect`` is then ``(offset, reason)``.
    """
    from warcio.archiveiterator import ArchiveIterator

    class Checked(ArchiveIterator):  # type: ignore[misc]  # warcio is untyped
        defect: tuple[int, str] | None = None

        def read_to_end(self, record: Any = None) -> None:
            current, finished = self.record, bool(self.member_info)
            start = self.offset
            self.blank_lines = 0
            super().read_to_end(record)
            if current is None or finished or self.defect is not None:
                return
            missing = current.raw_stream.limit
            decompressor = self.reader.decompressor
            if missing > 0:
                self.defect = (start, f"record cut short, {missing} bytes of its block missing")
            elif decompressor is not None and not decompressor.eof:
                self.defect = (start, "gzip member cut short (its trailer is missing)")
            elif (
                decompressor is None
                and not is_arc
                and self.blank_lines < 2
                and self.bad_line is None
            ):
                self.defect = (start, "file ends before the blank lines closing the record")

        def _consume_blanklines(self) -> tuple[bytes | None, int]:
            # warcio's loop, counting the blank lines and noting (not printing) a
            # record followed by text where its blank lines should be.
            empty_size, first = 0, True
            self.bad_line: bytes | None = None
            while True:
                line = self.reader.readline()
                if not line:
                    return None, empty_size
                if not line.rstrip() or first:
                    empty_size += len(line)
                    if line.rstrip():
                        self.bad_line = line
                        at = self.fh.tell() - self.reader.rem_length() - empty_size
                        if self.defect is None:
                            self.defect = (at, "a record is longer than its Content-Length says")
                    elif line.endswith(b"\n"):
                        self.blank_lines += 1
                    first = False
                    continue
                return line, empty_size

    archive = Checked(stream, arc2warc=is_arc)
    archive.blank_lines = 0
    archive.bad_line = None
    return archive


def member_end(archive: Any) -> int | None:
    """End of the current record when the file is gzipped (one member per record).

    Uncompressed files give None: writers differ in the blank lines between
    records, and warcio's line reader already fails where garbage starts.
    """
    if archive.reader.decompressor is None:
        return None
    return int(archive.get_record_offset() + archive.get_record_length())


def stream_end(stream: IO[bytes], size: int | None) -> int | None:
    """The stream's length: ``size`` when given, else its position (read to the end)."""
    if size is not None:
        return size
    try:
        return stream.tell()
    except (OSError, AttributeError, ValueError):
        return None
