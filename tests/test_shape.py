"""The record's shape: every output is derived from the dataclasses, so a field added to the
record reaches the JSON, the database, the export row and the Spark schema with no other edit."""

from __future__ import annotations

import dataclasses
import sqlite3
import typing
from pathlib import Path
from typing import Any

import pytest

from vnevents import shape
from vnevents.dedup import content_hash
from vnevents.record import Figure, Record, from_json, to_json
from vnevents.store import rows
from vnevents.store.ingest import store_records
from vnevents.store.schema import connect_rw

BODY = "Sáng 3/6, Hội Nông dân huyện Bảo Lâm tổng kết năm 2025: hỗ trợ 120 hộ vay vốn."


def _extended() -> tuple[type, type]:
    """A copy of Record with one more field, and of Figure with one more field."""
    figure2 = dataclasses.make_dataclass(
        "Figure2",
        [("note", str | None, dataclasses.field(default=None))],
        bases=(Figure,),
        frozen=True,
    )
    hints = typing.get_type_hints(Record)
    fields = []
    for f in dataclasses.fields(Record):
        tp: Any = tuple[figure2, ...] if f.name == "figures" else hints[f.name]
        kw: dict[str, Any] = {"metadata": f.metadata}
        if f.default is not dataclasses.MISSING:
            kw["default"] = f.default
        fields.append((f.name, tp, dataclasses.field(**kw)))
    fields.append(("language", str | None, dataclasses.field(default=None)))
    record2 = dataclasses.make_dataclass("Record2", fields, frozen=True, kw_only=True)
    return record2, figure2


def _record(record2: type, figure2: type) -> Any:
    start = BODY.index("120")
    figure = figure2(value=120, unit="hộ", qualifier=None, span=(start, start + 6), note="ước")
    return record2(doc="x", id=content_hash(BODY), body=BODY, figures=(figure,), language="vi")


def test_shape_added_field_reaches_every_output(tmp_path: Path) -> None:
    record2, figure2 = _extended()
    rec = _record(record2, figure2)

    data = shape.dump(rec)  # JSON
    assert data["language"] == "vi" and data["figures"][0]["note"] == "ước"
    assert shape.load(record2, data) == rec  # and back

    ddl = shape.spark_ddl(record2)  # Spark / Parquet nested columns
    assert "language string" in ddl and "note:string" in ddl

    assert shape.flat(record2, data)["language"] == "vi"  # CSV / Parquet export row
    assert "language" in shape.flat_names(record2)

    db = tmp_path / "x.db"  # SQLite: columns added, row written, record read back
    stats = store_records(db, [data], record_cls=record2)
    assert stats.stored == 1
    conn = connect_rw(db)
    assert "language" in {r[1] for r in conn.execute("PRAGMA table_info(articles)")}
    assert "note" in {r[1] for r in conn.execute("PRAGMA table_info(figures)")}
    aid = conn.execute("SELECT aid FROM articles").fetchone()[0]
    loaded = rows.load_record(conn, aid, record2)
    assert loaded is not None
    assert loaded["language"] == "vi" and loaded["figures"][0]["note"] == "ước"
    assert shape.load(record2, loaded) == rec


def test_shape_json_round_trip_of_a_real_record(shared: Path) -> None:
    from vnevents import extract

    text = next((shared / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    record = extract(text, doc="seed")
    assert from_json(to_json(record)) == record


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Hội nghị", "Hội nghị"),
    ],
)
def test_shape_export_cells_never_run_as_formulas(value: str, cell: str) -> None:
    from vnevents.store.export import flat_row

    record = to_json(Record(doc="d", id="0" * 16, body="x", title=value))
    assert flat_row(record)["title"] == cell


def test_shape_store_round_trip_equals_to_json(tmp_path: Path) -> None:
    from vnevents import extract

    text = (
        "Lễ khánh thành trường học\n\nSáng 5/9/2025, UBND xã Tân Hòa tổ chức lễ khánh thành "
        "trường Tiểu học Tân Hòa với 12 phòng học, tổng kinh phí 8,5 tỷ đồng. Ông Nguyễn Văn Bình, "
        "Chủ tịch UBND xã, phát biểu tại buổi lễ. Dịp này, UBND xã tặng Giấy khen cho 3 tập thể."
    )
    record = to_json(extract(text, doc="t"))
    db = tmp_path / "r.db"
    store_records(db, [record])
    conn = sqlite3.connect(db)
    assert rows.load_record(conn, 1) == record
