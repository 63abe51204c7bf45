"""Web readers: HTML pages and WARC/ARC archives → ``InputDoc`` or ``Failure``.

trafilatura keeps the main text and reads the page's metadata; our own cleaning
still runs on what it keeps (in the pipeline). WARC files are read with warcio,
one record at a time. This module does not extract events.
"""

from __future__ import annotations

import io
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import IO, Any

from vnevents.messages import printable
from vnevents.pipeline import Failure, InputDoc
from vnevents.readers import MAX_DOC_BYTES, read_limited, too_large
from vnevents.warc_archive import checked_archive, member_end, quiet, stream_end, whole_header

log = logging.getLogger(__name__)

# Largest page or record body read: the bound of every input path.
MAX_PAGE_BYTES = MAX_DOC_BYTES
# A tag longer than this is cut down to its name before parsing. libxml2 checks
# each attribute against the others: a <p> with 40,000 attributes took 16 s to
# parse, 200,000 never ended. Real tags stay far below (a long URL, a srcset);
# only inline data: images come near, and they carry no text.
MAX_TAG_CHARS = 4096
# Media types of the HTTP payloads we read; everything else is skipped and counted.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# WARC-Date is UTC; reports are dated in Vietnam's time zone (UTC+7, no DST).
VIETNAM_TZ = timezone(timedelta(hours=7))
# Main text with no line of this many words is menus or link lists, not a
# report: trafilatura's fallback keeps such text on pages without an article.
# 1 of the 19,761 corpus texts has no body line this long; menus never do.
MIN_PARAGRAPH_WORDS = 8
# warcio's messages quote the line it could not parse: binary garbage, cut short.
MAX_REASON_CHARS = 160


@dataclass
class WarcStats:
    """What a WARC reader saw: filled as the stream is consumed.

    Skipped records are not ``Failure`` items (a crawl is mostly images, CSS
    and redirects; reporting each one would drown the real problems); they are
    counted here and logged once per file at INFO level.
    """

    records: int = 0  # every record, of any type
    html: int = 0  # HTML responses handed on as documents
    non_html: int = 0  # responses with another content type (images, CSS, PDF, ...)
    not_ok: int = 0  # HTML responses whose HTTP status is not 2xx (redirects, errors)
    other_types: int = 0  # request, metadata, warcinfo, revisit, ... records
    corrupt_at: int | None = None  # byte offset where reading broke, if it did

    def add(self, other: WarcStats) -> None:
        """Add another file's counts to these (``corrupt_at`` is left alone)."""
        self.records += other.records
        self.html += other.html
        self.non_html += other.non_html
        self.not_ok += other.not_ok
        self.other_types += other.other_types

    def summary(self) -> str:
        return (
            f"{self.records} records: {self.html} HTML pages read, {self.non_html} non-HTML "
            f"responses skipped, {self.not_ok} non-2xx skipped, {self.other_types} other records"
        )


@dataclass(frozen=True)
class RawPage:
    """An HTML page read but not yet parsed: lets a cluster job spread the
    trafilatura work over many tasks instead of one task per WARC file."""

    doc: str
    html: bytes | str
    url: str | None = None
    published_fallback: str | None = None

    def parse(self) -> InputDoc | Failure:
        return html_doc(
            self.html, self.doc, url=self.url, published_fallback=self.published_fallback
        )


def _date_params() -> dict[str, Any]:
    # Only dates the page's markup or URL states: "published" is never guessed
    # from the running text (FORMAT.md), so htmldate's extensive search is off.
    return {
        "original_date": True,
        "extensive_search": False,
        "max_date": date.today().isoformat(),
    }


def html_doc(
    html: bytes | str,
    doc: str,
    *,
    url: str | None = None,
    published_fallback: str | None = None,
) -> InputDoc | Failure:
    """One HTML page → an ``InputDoc`` of its main text, or a ``Failure``.

    The text keeps trafilatura's line breaks between paragraphs, and opens with
    the headline (as a crawled text page does) so the pipeline's own metadata
    and cleaning stages see the usual layout. ``site`` is left to the pipeline,
    which derives it from the URL.

    Args:
        html: the page, as bytes (charset sniffed) or text.
        doc: the document name for the record and for failures.
        url: the page's address when known from outside (WARC target URI);
            otherwise the page's canonical URL, if it declares one.
        published_fallback: a date used only when neither the page's markup
            nor its text gives one (the WARC capture date).

    Returns:
        The document, or a ``Failure`` when the page has no main text.
    """
    import trafilatura  # lazy: slow import (lxml, htmldate, courlan)

    try:
        found = trafilatura.bare_extraction(
            tame(html),
            url=url,
            with_metadata=True,
            include_comments=False,  # readers' comments are not part of a report
            include_tables=True,  # result tables carry figures
            date_extraction_params=_date_params(),
        )
    except Exception as exc:  # noqa: BLE001 - trafilatura raises many types on bad markup
        log.debug("trafilatura failed on %s", doc, exc_info=True)
        return Failure(doc, f"HTML could not be parsed: {exc!r}")
    if found is None or isinstance(found, dict):  # None: nothing kept; dict only with as_dict=True
        return Failure(doc, "no main text in the HTML page (trafilatura kept nothing)")
    text = (found.text or "").strip()
    if not text:
        return Failure(doc, "no main text in the HTML page (trafilatura kept nothing)")
    title = _clean(found.title)
    if not any(
        len(line.split()) >= MIN_PARAGRAPH_WORDS for line in text.split("\n") if line != title
    ):
        return Failure(
            doc, f"no main text in the HTML page (no paragraph of {MIN_PARAGRAPH_WORDS}+ words)"
        )
    if title and text.split("\n", 1)[0].strip() != title:
        text = f"{title}\n{text}"
    return InputDoc(
        text=text,
        doc=doc,
        url=url or _clean(found.url),
        title=title,
        published=_clean(found.date),
        published_fallback=published_fallback,
        author=_clean(found.author),
    )


_LONG_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9:_-]{0,40})[^<>]{%d,}>" % MAX_TAG_CHARS)
_LONG_TAG_BYTES = re.compile(_LONG_TAG.pattern.encode())


def tame(html: bytes | str) -> bytes | str:
    """``html`` with every tag longer than ``MAX_TAG_CHARS`` reduced to its bare name.

    One pass, linear: each match attempt stops at the next ``<`` or ``>``.
    """
    if isinstance(html, bytes):
        return _LONG_TAG_BYTES.sub(rb"<\1>", html)
    return _LONG_TAG.sub(r"<\1>", html)


def _clean(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def read_html_file(path: Path, name: str | None = None) -> InputDoc | Failure:
    """One ``.html``/``.htm`` file as one document."""
    page = read_html_page(path, name)
    return page.parse() if isinstance(page, RawPage) else page


def read_html_page(path: Path, name: str | None = None) -> RawPage | Failure:
    """One ``.html``/``.htm`` file, read (bounded, regular files only) but not yet parsed."""
    from vnevents.readers import doc_name, read_file_bytes

    where = name or doc_name(path.name)
    data = read_file_bytes(path, where)
    if isinstance(data, Failure):
        return data
    if not data.strip():
        return Failure(where, "empty input")
    return RawPage(where, data)


# --- WARC -------------------------------------------------------------------


def _capture_date(warc_date: str | None) -> str | None:
    """WARC-Date (UTC) → the capture day in Vietnam, "YYYY-MM-DD"."""
    if not warc_date:
        return None
    try:
        moment = datetime.fromisoformat(warc_date.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(VIETNAM_TZ).date().isoformat()


def _media_type(content_type: str | None) -> tuple[str, str | None]:
    """ "text/html; charset=UTF-8" → ("text/html", "utf-8")."""
    if not content_type:
        return "", None
    parts = [p.strip() for p in content_type.split(";")]
    charset = None
    for part in parts[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return parts[0].lower(), charset


def _decode_payload(payload: bytes, charset: str | None) -> bytes | str:
    """Text when the HTTP header's charset decodes it; else bytes for trafilatura to sniff."""
    if charset:
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return payload


def read_warc(
    stream: IO[bytes],
    where: str,
    *,
    size: int | None = None,
    stats: WarcStats | None = None,
) -> Iterator[InputDoc | Failure]:
    """The HTML responses of a WARC (or ARC) stream, in order, as documents.

    Every record before a break is kept; the break itself becomes one
    ``Failure`` whose reason reads "corrupt WARC at offset N: ..." with N the
    byte offset (in the file as stored, compressed or not) of the record that
    could not be read. Documents are named ``<where>@<offset>``.

    Args:
        stream: the raw file, gzip-compressed or not.
        where: the file's name, for document names and failures.
        size: the stream's length in bytes, to notice a file that ends inside
            a record; taken from ``stream.tell()`` when not given.
        stats: counters to fill (see ``WarcStats``).
    """
    for item in read_warc_pages(stream, where, size=size, stats=stats):
        yield item.parse() if isinstance(item, RawPage) else item


def read_warc_pages(
    stream: IO[bytes],
    where: str,
    *,
    size: int | None = None,
    stats: WarcStats | None = None,
) -> Iterator[RawPage | Failure]:
    """``read_warc`` without the parsing: each HTML response as a ``RawPage``."""
    stats = stats if stats is not None else WarcStats()
    is_arc = where.lower().endswith((".arc", ".arc.gz"))
    # ARC parsing only for ARC files: on a WARC, warcio's ARC fallback reads
    # lines of garbage as ARC records instead of failing.
    archive = checked_archive(stream, is_arc)
    records = iter(archive)
    last_end: int | None = None  # gzip: first byte after the last complete member
    while True:
        try:
            with quiet():
                if stats.records:
                    last_end = member_end(archive)
                record = next(records)
        except StopIteration:
            break
        except Exception as exc:  # noqa: BLE001 - warcio raises many types on bad input
            if archive.defect is not None:
                break
            # warcio may skip garbage before it fails: the break is where the
            # last good record ended, not where warcio gave up.
            at = archive.offset if last_end is None else min(last_end, archive.offset)
            yield _corrupt(where, stats, at, f"unreadable record ({exc})")
            return
        if archive.defect is not None:  # found while finishing the previous record
            break
        offset = archive.offset  # the record's own start while it is current
        if last_end is not None and offset != last_end:
            yield _corrupt(where, stats, last_end, f"{offset - last_end} unreadable bytes")
            return
        if record.format != ("arc2warc" if is_arc else "warc"):
            yield _corrupt(where, stats, offset, f"not a WARC record ({record.format})")
            return
        if not is_arc and not whole_header(record):
            yield _corrupt(
                where, stats, offset, "record header cut short (no WARC-Type or Content-Length)"
            )
            return
        stats.records += 1
        try:
            with quiet():
                item = _record_page(record, where, offset, stats)
        except Exception as exc:  # noqa: BLE001 - a broken gzip member or chunked body
            yield _corrupt(where, stats, offset, f"unreadable record body ({exc})")
            return
        if item is not None:
            yield item
    if archive.defect is not None:
        yield _corrupt(where, stats, *archive.defect)
        return
    end = stream_end(stream, size)
    if end is not None and archive.offset < end:
        reason = f"{end - archive.offset} bytes after the last complete record could not be read"
        yield _corrupt(where, stats, archive.offset, reason)
    elif not stats.records:  # every WARC opens with a record: this file holds nothing
        yield Failure(where, "empty input")


def _corrupt(where: str, stats: WarcStats, offset: int, reason: str) -> Failure:
    stats.corrupt_at = offset
    if len(reason) > MAX_REASON_CHARS:
        reason = reason[:MAX_REASON_CHARS] + "…"
    return Failure(where, f"corrupt WARC at offset {offset}: {reason}")


def _record_page(
    record: Any, where: str, offset: int, stats: WarcStats
) -> RawPage | Failure | None:
    """One WARC record → a page, a ``Failure``, or None when it is skipped."""
    if record.rec_type != "response" or record.http_headers is None:
        stats.other_types += 1
        return None
    media, charset = _media_type(record.http_headers.get_header("Content-Type"))
    if media not in HTML_TYPES:
        stats.non_html += 1
        return None
    status = (record.http_headers.get_statuscode() or "").strip()
    if not status.startswith("2"):
        stats.not_ok += 1
        return None
    doc = f"{where}@{offset}"
    payload = read_limited(record.content_stream(), MAX_PAGE_BYTES)
    if payload is None:
        return Failure(doc, f"record {too_large()}")
    if record.raw_stream.limit > 0:
        # The block ends before its Content-Length: the file stops inside it.
        raise EOFError(f"record cut short, {record.raw_stream.limit} bytes missing")
    stats.html += 1
    return RawPage(
        doc,
        _decode_payload(payload, charset),
        url=record.rec_headers.get_header("WARC-Target-URI"),
        published_fallback=_capture_date(record.rec_headers.get_header("WARC-Date")),
    )


def read_warc_file(
    path: Path, stats: WarcStats | None = None, *, parse: bool = True
) -> Iterator[InputDoc | RawPage | Failure]:
    """A WARC/ARC file, streamed; logs the skipped-record counts at INFO."""
    from vnevents.readers import _os_reason, doc_name, open_regular

    stats = stats if stats is not None else WarcStats()
    name = doc_name(path.name)
    stream = open_regular(path)
    if isinstance(stream, Failure):
        yield Failure(name, stream.reason)
        return
    try:
        with stream:
            size = os.fstat(stream.fileno()).st_size
            pages = read_warc_pages(stream, name, size=size, stats=stats)
            for item in pages:
                yield item.parse() if parse and isinstance(item, RawPage) else item
    except OSError as exc:
        yield Failure(name, _os_reason(exc))
    log.info("%s: %s", printable(path), stats.summary())


def read_web_pages(
    name: str, data: bytes, stats: WarcStats | None = None
) -> Iterator[RawPage | Failure]:
    """An HTML page or WARC file already in memory, its pages not yet parsed."""
    if not name.lower().endswith((".html", ".htm")):
        yield from read_warc_pages(io.BytesIO(data), name, size=len(data), stats=stats)
    elif data.strip():
        yield RawPage(name, data)
    else:
        yield Failure(name, "empty input")


def read_web_bytes(
    name: str, data: bytes, stats: WarcStats | None = None
) -> Iterator[InputDoc | Failure]:
    """An HTML page or WARC file already in memory, as documents."""
    for item in read_web_pages(name, data, stats):
        yield item.parse() if isinstance(item, RawPage) else item


def read_web_file(
    path: Path, stats: WarcStats | None = None, *, parse: bool = True
) -> Iterator[InputDoc | RawPage | Failure]:
    """``readers`` entry point: an HTML page or a WARC/ARC file by its suffix.

    With ``parse=False`` pages come unparsed (``RawPage``), for ``budget.run_one``.
    """
    if path.name.lower().endswith((".html", ".htm")):
        yield read_html_file(path) if parse else read_html_page(path)
    else:
        yield from read_warc_file(path, stats, parse=parse)
