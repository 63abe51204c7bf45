"""Data files (lexicons, gazetteers) shipped with the package, loaded lazily.

See SOURCES.md beside this file for where each file comes from and how to rebuild it.
The files are read from this folder directly (the package is installed as files, never
zipped): ``importlib.resources`` would add ~20 ms to every command's start-up.
"""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path
from typing import Any


_HERE = Path(__file__).parent


def path(name: str) -> str:
    """Filesystem path of a data file inside the package."""
    return str(_HERE / name)


@cache
def load_json(name: str) -> Any:
    """A JSON data file, parsed once per process."""
    with (_HERE / name).open(encoding="utf-8") as f:
        return json.load(f)


@cache
def load_tsv(name: str) -> tuple[tuple[str, ...], ...]:
    """A TSV data file as rows of strings; lines starting with '#' are comments.

    Lines without a quote character are split on tabs directly (the gazetteer's 14,000 rows
    load ~3× faster than through ``csv``); a line with one goes through ``csv``'s quoting rules.
    """
    rows: list[tuple[str, ...]] = []
    with (_HERE / name).open(encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            if '"' in line:
                cells: list[str] = next(csv.reader([line], delimiter="\t"))
            else:
                cells = line.rstrip("\r\n").split("\t")
            rows.append(tuple(map(str.strip, cells)))
    return tuple(rows)


@cache
def load_lines(name: str) -> tuple[str, ...]:
    """A one-entry-per-line data file; blank lines and '#' comments are skipped."""
    with (_HERE / name).open(encoding="utf-8") as f:
        return tuple(s for line in f if (s := line.strip()) and not s.startswith("#"))
