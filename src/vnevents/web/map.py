"""Events by province on a map of Vietnam, drawn server-side as plain SVG data.

Province points (one per province, each era) and a grid of commune locations for the
backdrop come from ``data/map_vn.json`` (built by ``scripts/build_map_data.py`` from
vietnamadminunits, MIT); circles have an area proportional to the count. Nothing is
fetched at run time and no script draws it. This module runs no SQL (``browse`` counts).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urlencode

from vnevents.data import load_json, load_tsv

# The drawing: longitudes and latitudes covered (the archipelagos included), and the
# size of the SVG user space. The x scale is cos(16°) of the y scale (equirectangular
# projection at the country's middle latitude).
LON_MIN, LON_MAX = 102.0, 115.0
LAT_MIN, LAT_MAX = 8.2, 23.6
SCALE = 40.0  # SVG units per degree of latitude
X_SCALE = SCALE * math.cos(math.radians(16))
MAX_RADIUS = 26.0  # the busiest province's circle
MIN_RADIUS = 2.5  # one event still shows
LABELS = 8  # the busiest provinces get their name written beside the circle


@dataclass(frozen=True)
class Circle:
    name: str
    count: int
    x: float
    y: float
    r: float
    href: str
    label: bool


def project(lat: float, lon: float) -> tuple[float, float]:
    """(x, y) in SVG units: north up, the map's corner at (0, 0)."""
    return round((lon - LON_MIN) * X_SCALE, 1), round((LAT_MAX - lat) * SCALE, 1)


def size() -> tuple[float, float]:
    return round((LON_MAX - LON_MIN) * X_SCALE, 1), round((LAT_MAX - LAT_MIN) * SCALE, 1)


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = load_json("map_vn.json")
    return data


@cache
def points() -> dict[str, tuple[float, float]]:
    """Province name → (lat, lon), both eras; units gone before the old snapshot (Thừa
    Thiên Huế) take the point of the unit with their code."""
    data = _data()
    out = {name: (p[0], p[1]) for era in ("new", "old") for name, p in data[era].items()}
    old_by_code = {
        code: name
        for era, code, level, name, *_ in load_tsv("admin_units.tsv")
        if era == "old" and level == "tinh"
    }
    for _era, code, level, name, *_ in load_tsv("admin_units_former.tsv"):
        if level == "tinh" and old_by_code.get(code) in out:
            out.setdefault(name, out[old_by_code[code]])
    return out


@cache
def backdrop() -> str:
    """One SVG path drawing a small square at every commune cell: the country's shape."""
    data = _data()
    step = max(1.0, data["grid"] * SCALE * 0.55)
    parts = []
    for lat, lon in data["communes"]:
        x, y = project(lat, lon)
        parts.append(f"M{x:g} {y:g}h{step:.1f}v{step:.1f}h-{step:.1f}z")
    return "".join(parts)


def islands() -> list[dict[str, Any]]:
    """The two archipelagos' markers: key (for the label), x, y."""
    out = []
    for key, (lat, lon) in _data()["islands"].items():
        x, y = project(lat, lon)
        out.append({"key": key, "x": x, "y": y})
    return out


def circles(counts: list[dict[str, Any]]) -> tuple[list[Circle], list[str]]:
    """Circles for ``counts`` ({"key": province, "count": n}), largest first so small ones
    stay clickable on top; and the provinces that have no point."""
    pts = points()
    top = max((c["count"] for c in counts), default=0)
    busiest = {c["key"] for c in sorted(counts, key=lambda c: -c["count"])[:LABELS]}
    out, missing = [], []
    for c in counts:
        point = pts.get(c["key"])
        if point is None:
            missing.append(c["key"])
            continue
        x, y = project(*point)
        r = max(MIN_RADIUS, MAX_RADIUS * math.sqrt(c["count"] / top)) if top else MIN_RADIUS
        href = "/search?" + urlencode({"province": c["key"]})
        out.append(Circle(c["key"], c["count"], x, y, round(r, 1), href, c["key"] in busiest))
    out.sort(key=lambda c: -c.r)
    return out, missing
