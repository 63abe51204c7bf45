"""The record's shape, read off the dataclasses in ``record``: JSON, rows, columns and types.

Every output of a record — the FORMAT.md JSON, the SQLite rows, the export columns, the
Parquet/Spark types, and a stored record read back — is derived here from the dataclass
fields, so a new field is one edit in ``record.py`` (plus the finder that fills it). It does
not extract, store or serve anything.

A field's type decides its treatment:

| Python type                      | JSON        | SQL column(s)       | Spark type            |
|----------------------------------|-------------|---------------------|-----------------------|
| ``str``, ``StrEnum``             | string      | TEXT                | string                |
| ``int``                          | number      | INTEGER             | bigint                |
| ``float``, ``int | float``       | number      | (untyped)           | double                |
| ``Span`` (``tuple[int, int]``)   | ``[s, e]``  | ``s``, ``e``        | array<int>            |
| ``tuple[X, ...]``                | list        | JSON text           | array<X>              |
| a dataclass                      | object      | its fields, prefixed| struct<...>           |

Field metadata: ``{"json": False}`` keeps a field out of the JSON (``Record.raw``);
``{"flat": False}`` out of the flat export row (``Record.body``); ``{"label": True}`` marks the
fields that name an item in that row ("Nghị quyết 35-NQ/TW"; by default its first field).
"""

from __future__ import annotations

import dataclasses
import enum
import json
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

Kind = typing.Literal["str", "int", "float", "bool", "enum", "span", "list", "struct"]


@dataclass(frozen=True)
class Field:
    """One dataclass field and how it is written: ``kind``, and for enums, structs and
    lists the class (or the list's item ``Field``) it holds."""

    name: str
    kind: Kind
    cls: Any = None
    item: Field | None = None
    json: bool = True
    flat: bool = True
    label: bool = False


def _is_span(tp: Any) -> bool:
    return typing.get_origin(tp) is tuple and typing.get_args(tp) == (int, int)


def _field(name: str, tp: Any) -> Field:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        if set(inner) == {int, float}:
            return Field(name, "float")
        if len(inner) != 1:
            raise TypeError(f"{name}: unions other than X | None are not supported ({tp})")
        return _field(name, inner[0])
    if _is_span(tp):
        return Field(name, "span")
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return Field(name, "list", item=_field(name, args[0]))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return Field(name, "enum", cls=tp)
    if dataclasses.is_dataclass(tp):
        return Field(name, "struct", cls=tp)
    simple: dict[Any, Kind] = {str: "str", int: "int", float: "float", bool: "bool"}
    if tp in simple:
        return Field(name, simple[tp])
    raise TypeError(f"{name}: type {tp} has no shape")


@cache
def fields_of(cls: type) -> tuple[Field, ...]:
    """The fields of dataclass ``cls`` in declaration order, typed."""
    hints = typing.get_type_hints(cls)
    return tuple(
        dataclasses.replace(
            _field(f.name, hints[f.name]),
            json=f.metadata.get("json", True),
            flat=f.metadata.get("flat", True),
            label=f.metadata.get("label", False),
        )
        for f in dataclasses.fields(cls)
    )


def item_fields(cls: type) -> tuple[Field, ...]:
    """The list-of-dataclass fields of ``cls``: the record's item lists (places, people …)."""
    return tuple(
        f
        for f in fields_of(cls)
        if f.kind == "list" and f.item is not None and f.item.kind == "struct"
    )


# --- JSON ---------------------------------------------------------------------


def dump(value: Any) -> Any:
    """A dataclass (or anything inside one) as JSON-ready Python values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: dump(getattr(value, f.name)) for f in fields_of(type(value)) if f.json}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [dump(v) for v in value]
    return value


def load(cls: type, data: dict[str, Any]) -> Any:
    """The dataclass ``cls`` from its JSON form (``dump``'s inverse); missing keys take
    the field's default."""
    kwargs = {}
    for f in fields_of(cls):
        if f.name in data:
            kwargs[f.name] = _load_value(f, data[f.name])
    return cls(**kwargs)


def _load_value(f: Field, value: Any) -> Any:
    if value is None:
        return None
    if f.kind == "enum":
        return f.cls(value)
    if f.kind == "struct":
        return load(f.cls, value)
    if f.kind == "span":
        return (int(value[0]), int(value[1]))
    if f.kind == "list":
        assert f.item is not None
        return tuple(_load_value(f.item, v) for v in value)
    return value


# --- flat columns (SQL rows, export, Parquet tables) --------------------------


@dataclass(frozen=True)
class Column:
    """One flat column: its name, SQL type, and how to read it from / write it into the
    JSON form of the object (a path of keys; ``part`` 0/1 for a span's ends)."""

    name: str
    sql: str
    path: tuple[str, ...]
    part: int | None = None  # span start (0) or end (1)
    encode: bool = False  # held as JSON text (lists and structs)


_SQL = {"str": "TEXT", "enum": "TEXT", "int": "INTEGER", "bool": "INTEGER", "float": ""}


def columns(cls: type, prefix: str = "", skip: frozenset[str] = frozenset()) -> tuple[Column, ...]:
    """The flat columns of ``cls``: scalars as they are, a span as ``s``/``e``, a nested
    dataclass flattened with its name as prefix, lists as JSON text.

    Args:
        cls: the dataclass.
        prefix: put before every column name ("event_").
        skip: top-level field names to leave out (child lists stored elsewhere).
    """
    out: list[Column] = []
    for f in fields_of(cls):
        if f.name in skip:
            continue
        if f.kind == "span":
            out += [
                Column(f"{prefix}s", "INTEGER", (f.name,), 0),
                Column(f"{prefix}e", "INTEGER", (f.name,), 1),
            ]
        elif f.kind == "struct":
            out += [
                dataclasses.replace(c, path=(f.name, *c.path))
                for c in columns(f.cls, prefix=f"{f.name}_")
            ]
        elif f.kind == "list":
            out.append(Column(f"{prefix}{f.name}", "TEXT", (f.name,), encode=True))
        else:
            out.append(Column(f"{prefix}{f.name}", _SQL[f.kind], (f.name,)))
    return tuple(out)


def row(cols: tuple[Column, ...], data: dict[str, Any]) -> tuple[Any, ...]:
    """The values of ``cols`` read from ``data`` (a JSON-form object)."""
    out: list[Any] = []
    for c in cols:
        value: Any = data
        for key in c.path:
            value = value.get(key) if isinstance(value, dict) else None
        if c.part is not None:
            value = value[c.part] if isinstance(value, list | tuple) and len(value) == 2 else None
        elif c.encode:
            value = json.dumps(value if value is not None else [], ensure_ascii=False)
        out.append(value)
    return tuple(out)


def unrow(cols: tuple[Column, ...], values: tuple[Any, ...] | list[Any]) -> dict[str, Any]:
    """``row``'s inverse: the JSON-form object holding ``values``."""
    out: dict[str, Any] = {}
    spans: dict[tuple[str, ...], list[Any]] = {}
    for c, value in zip(cols, values, strict=True):
        if c.part is not None:
            spans.setdefault(c.path, [None, None])[c.part] = value
            continue
        if c.encode:
            value = json.loads(value) if value else []
        _put(out, c.path, value)
    for path, (s, e) in spans.items():
        _put(out, path, [s, e] if s is not None and e is not None else None)
    return out


def _put(target: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        target = target.setdefault(key, {})
    target[path[-1]] = value


def flat(cls: type, data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """One flat row of a JSON-form object, for CSV and Parquet exports: scalars as they are,
    nested objects flattened with a prefix, each list as its items' labels joined by "; ".
    Spans and ``flat: False`` fields are left out."""
    out: dict[str, Any] = {}
    for f in fields_of(cls):
        if not f.json or not f.flat or f.kind == "span":
            continue
        value = data.get(f.name)
        if f.kind == "struct":
            out.update(flat(f.cls, value or {}, f"{prefix}{f.name}_"))
        elif f.kind == "list":
            assert f.item is not None
            labels = (
                label(f.item.cls, v) if f.item.kind == "struct" else str(v) for v in value or []
            )
            out[prefix + f.name] = "; ".join(dict.fromkeys(x for x in labels if x))
        else:
            out[prefix + f.name] = value
    return out


def label(cls: type, data: dict[str, Any]) -> str:
    """An item's name in a flat row: its ``label`` fields joined, else its first field."""
    fields = [f for f in fields_of(cls) if f.label] or [fields_of(cls)[0]]
    return " ".join(str(data[f.name]) for f in fields if data.get(f.name) not in (None, ""))


def flat_names(cls: type) -> tuple[str, ...]:
    """The column names of ``flat`` rows of ``cls``, in order."""
    out: list[str] = []
    for f in fields_of(cls):
        if not f.json or not f.flat or f.kind == "span":
            continue
        if f.kind == "struct":
            out += [f"{f.name}_{n}" for n in flat_names(f.cls)]
        else:
            out.append(f.name)
    return tuple(out)


# --- Spark / Arrow types --------------------------------------------------------


def spark_ddl(cls: type, skip: frozenset[str] = frozenset()) -> str:
    """The Spark SQL DDL of ``cls``'s JSON form ("doc string, id string, event struct<…>, …")."""
    return ", ".join(
        f"{f.name} {_spark_type(f)}" for f in fields_of(cls) if f.json and f.name not in skip
    )


def _spark_type(f: Field) -> str:
    if f.kind == "span":
        return "array<int>"
    if f.kind == "struct":
        inner = ",".join(f"{g.name}:{_spark_type(g)}" for g in fields_of(f.cls) if g.json)
        return f"struct<{inner}>"
    if f.kind == "list":
        assert f.item is not None
        return f"array<{_spark_type(f.item)}>"
    return {
        "str": "string",
        "enum": "string",
        "int": "bigint",
        "float": "double",
        "bool": "boolean",
    }[f.kind]


def walk(cls: type, prefix: str = "") -> Iterator[tuple[str, Field]]:
    """Every field of ``cls`` and of the dataclasses inside it, as (dotted path, field)."""
    for f in fields_of(cls):
        yield prefix + f.name, f
        sub = (
            f.cls
            if f.kind == "struct"
            else (f.item.cls if f.item is not None and f.item.kind == "struct" else None)
        )
        if sub is not None:
            yield from walk(sub, f"{prefix}{f.name}.")
