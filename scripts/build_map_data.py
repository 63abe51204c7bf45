"""Build src/vnevents/data/map_vn.json: province points of both eras and a grid of commune
locations (the map's backdrop) from vietnamadminunits' dataset.db (MIT).

Usage: python scripts/build_map_data.py   (needs vietnamadminunits==1.0.4 installed)
"""

from __future__ import annotations

import json
import sqlite3
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "vnevents" / "data" / "map_vn.json"
GRID = 0.1  # degrees: one backdrop dot per 0.1° cell holding a commune (~11 km)
# The archipelagos, placed at their geographic centre (the island districts' seats in
# the dataset are their offices on the mainland); approximate, for a marker only.
ISLANDS = {"hoang_sa": [16.5, 112.0], "truong_sa": [10.0, 114.0]}


def main() -> None:
    db = resources.files("vietnamadminunits") / "data" / "dataset.db"
    conn = sqlite3.connect(str(db))
    names = {}
    admin = Path(__file__).resolve().parents[1] / "src" / "vnevents" / "data" / "admin_units.tsv"
    for line in admin.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if not line.startswith("#") and len(cols) > 3 and cols[2] == "tinh":
            names[(cols[0], cols[1])] = cols[3]
    out: dict[str, object] = {"grid": GRID, "islands": ISLANDS}
    for era, table in (("old", "admin_units_legacy"), ("new", "admin_units")):
        points = {}
        for code, lat, lon in conn.execute(
            f"SELECT provinceCode, provinceLat, provinceLon FROM {table} GROUP BY provinceCode"
        ):
            name = names.get((era, code))
            if name and lat is not None:
                points[name] = [round(lat, 3), round(lon, 3)]
        out[era] = dict(sorted(points.items()))
    cells = set()
    for table in ("admin_units_legacy", "admin_units"):
        for lat, lon in conn.execute(
            f"SELECT wardLat, wardLon FROM {table} WHERE wardLat IS NOT NULL"
        ):
            cells.add((round(round(lat / GRID) * GRID, 2), round(round(lon / GRID) * GRID, 2)))
    out["communes"] = sorted([list(c) for c in cells])
    OUT.write_text(
        json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"{OUT}: {len(out['old'])} + {len(out['new'])} provinces, {len(cells)} commune cells")


if __name__ == "__main__":
    main()
