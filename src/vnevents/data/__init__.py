"""Data files (lexicons, gazetteers) shipped with the package, loaded lazily.

See SOURCES.md beside this file for where each file comes from and how to rebuild it.
"""

from __future__ import annotations

import csv
import json
from functools import cache
from importlib import resources
from typing import Any


def path(name: str) -> str:
    """Filesystem path of a data file inside the package."""
    return str(resources.files(__name__) / name)


@cache
def load_json(name: str) -> Any:
    """A JSON data file, parsed once per process."""
    with resources.files(__name__).joinpath(name).open(encoding="utf-8") as f:
        return json.load(f)


@cache
def load_tsv(name: str) -> tuple[tuple[str, ...], ...]:
    """A TSV data file as rows of strings; lines starting with '#' are comments."""
    with resources.files(__name__).joinpath(name).open(encoding="utf-8") as f:
        rows = csv.reader((line for line in f if line.strip() and not line.startswith("#")),
                          delimiter="\t")
        return tuple(tuple(cell.strip() for cell in row) for row in rows)


@cache
def load_lines(name: str) -> tuple[str, ...]:
    """A one-entry-per-line data file; blank lines and '#' comments are skipped."""
    with resources.files(__name__).joinpath(name).open(encoding="utf-8") as f:
        return tuple(s for line in f if (s := line.strip()) and not s.startswith("#"))
