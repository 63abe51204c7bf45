"""Export the articles matching a search as CSV, JSON Lines or Parquet.

CSV and Parquet hold one flat row per article (Parquet adds ``record_json``,
the FORMAT.md record, so an export can be ingested again); JSON Lines holds the
records themselves. ``--where`` filters are parsed into a ``SearchQuery``: no
SQL from the user. This module does not decide what matches (see ``search``).
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import IO, Any

from vnevents import shape
from vnevents.record import Record
from vnevents.store.browse import load_record
from vnevents.store.search import FACETS, QueryError, SearchQuery, matching_aids

FORMATS = ("csv", "jsonl", "parquet")
# The web export stops here; the command line may ask for more with --limit.
MAX_WEB_EXPORT = 10_000
# The flat row's columns, derived from the record's fields (``shape.flat``).
COLUMNS = shape.flat_names(Record)


def parse_where(items: Iterable[str], q: str = "") -> SearchQuery:
    """``["province=Lạng Sơn", "year=2022"]`` → a ``SearchQuery`` (facet keys only).

    Raises:
        QueryError: an item is not ``key=value`` or names no facet.
    """
    filters: dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or key not in FACETS:
            raise QueryError(
                f"--where takes key=value with key one of {', '.join(FACETS)}; got {item!r}"
            )
        if key == "year":
            if not value.strip().isdigit():
                raise QueryError(f"year must be a number; got {value!r}")
            filters[key] = int(value)
        else:
            filters[key] = value.strip()
    return SearchQuery(q=q, **filters)


def flat_row(record: dict[str, Any]) -> dict[str, Any]:
    """One article as a flat row: nested fields as ``event_type`` …, lists as "; "-joined labels,
    and no cell a spreadsheet would run as a formula."""
    return {k: _cell(v) for k, v in shape.flat(Record, record).items()}


# A cell starting with one of these is a formula in Excel, LibreOffice and Google Sheets
# (OWASP "CSV injection"); a leading apostrophe makes it text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def iter_records(
    conn: sqlite3.Connection, query: SearchQuery, limit: int
) -> Iterator[dict[str, Any]]:
    """The FORMAT.md records of the matching articles, best first."""
    return records_of(conn, matching_aids(conn, query, limit))


def records_of(conn: sqlite3.Connection, aids: Iterable[int]) -> Iterator[dict[str, Any]]:
    """The FORMAT.md records of these articles, in this order."""
    for aid in aids:
        record = load_record(conn, aid)
        if record is not None:
            yield record


def text_chunks(
    conn: sqlite3.Connection, aids: list[int], fmt: str, chunk: int = 500
) -> Iterator[str]:
    """CSV (with its header) or JSON Lines of these articles, ``chunk`` records per piece,
    each piece read in one transaction (a consistent snapshot, no lock held in between)."""
    if fmt not in ("csv", "jsonl"):
        raise QueryError("format must be csv or jsonl to stream")
    header = True
    for start in range(0, max(len(aids), 1), chunk):
        text = io.StringIO()
        conn.execute("BEGIN")
        try:
            records = list(records_of(conn, aids[start : start + chunk]))
        finally:
            conn.execute("COMMIT")
        if fmt == "csv":
            writer = csv.DictWriter(text, fieldnames=COLUMNS)
            if header:
                writer.writeheader()
            writer.writerows(flat_row(r) for r in records)
        else:
            write_jsonl(records, text)
        header = False
        yield text.getvalue()


def to_parquet(records: Iterable[dict[str, Any]]) -> bytes:
    """The records as a Parquet file's bytes."""
    buf = io.BytesIO()
    write_parquet(records, buf)
    return buf.getvalue()


def write_csv(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    n = 0
    for n, record in enumerate(records, start=1):
        writer.writerow(flat_row(record))
    return n


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for n, record in enumerate(records, start=1):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return n


def write_parquet(records: Iterable[dict[str, Any]], out: IO[bytes] | str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{**flat_row(r), "record_json": json.dumps(r, ensure_ascii=False)} for r in records]
    schema = pa.schema([(c, pa.string()) for c in (*COLUMNS, "record_json")])
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, out, compression="zstd")
    return len(rows)


def export(
    conn: sqlite3.Connection, query: SearchQuery, fmt: str, limit: int = MAX_WEB_EXPORT
) -> bytes:
    """The matching records in ``fmt`` as bytes (for the web download)."""
    records = iter_records(conn, query, limit)
    if fmt == "parquet":
        buf = io.BytesIO()
        write_parquet(records, buf)
        return buf.getvalue()
    text = io.StringIO()
    if fmt == "csv":
        write_csv(records, text)
    elif fmt == "jsonl":
        write_jsonl(records, text)
    else:
        raise QueryError(f"format must be one of {', '.join(FORMATS)}")
    return text.getvalue().encode("utf-8")
