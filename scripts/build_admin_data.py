"""Rebuild the administrative-unit data files of the places stage from the packages.

Writes, under ``src/vnevents/data/``:

- ``admin_units.tsv``: every unit of both eras — the three-tier divisions in
  force before 2025-07-01 (63 provinces, districts, communes; from
  ``vietnam-provinces`` 0.6.0) and the two-tier divisions after it (34
  provinces, communes; from the installed ``vietnam-provinces`` 2025.x).
- ``admin_old_to_new.tsv``: old province and commune codes → new codes, from
  ``vietnamadminunits`` 1.0.4 ``converter_2025.json`` (its offline tables only).

Usage::

    pip download --no-deps vietnam-provinces==0.6.0 -d /tmp/vp060
    python scripts/build_admin_data.py \\
        --old-wheel /tmp/vp060/vietnam_provinces-0.6.0-py3-none-any.whl

It does not touch the hand-written ``admin_aliases.tsv`` or ``admin_units_former.tsv``.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import zipfile
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

from vnevents.stages.normalize import normalize

log = logging.getLogger("build_admin_data")

DATA = Path(__file__).resolve().parents[1] / "src" / "vnevents" / "data"

# Type prefixes of unit names in the packages → our Level values (longest first).
PREFIXES = [
    ("thành phố trung ương", "tinh"),
    ("thành phố", "thanh_pho"),
    ("thị xã", "thi_xa"),
    ("thị trấn", "thi_tran"),
    ("đặc khu", "dac_khu"),
    ("quận", "quan"),
    ("huyện", "huyen"),
    ("phường", "phuong"),
    ("tỉnh", "tinh"),
    ("xã", "xa"),
]


def split_type(full: str) -> tuple[str | None, str]:
    """("thanh_pho", "Vinh") from "Thành phố Vinh"; (None, name) when no prefix."""
    text = normalize(full).strip()
    low = text.lower()
    for prefix, level in PREFIXES:
        if low.startswith(prefix + " "):
            return level, text[len(prefix) + 1 :].strip()
    return None, text


def clean_name(name: str) -> str:
    """One spelling for hyphens and apostrophes: "Phan Rang - Tháp Chàm", "Ia H'Drai"."""
    name = re.sub(r"\s*-\s*", " - ", name)
    name = name.replace("’", "'")
    name = re.sub(r"'\s+", "'", name)
    return re.sub(r"\s+", " ", name).strip()


def old_units(wheel: Path) -> list[tuple[str, ...]]:
    """Rows (era, code, level, name, province_code, district_code, flags) before 2025-07-01."""
    with zipfile.ZipFile(wheel) as zf:
        nested = json.loads(zf.read("vietnam_provinces/data/nested-divisions.json"))
    rows: list[tuple[str, ...]] = []
    for prov in nested:
        pcode = f"{prov['code']:02d}"
        ptype, pname = split_type(prov["name"])
        flags = "central" if ptype == "thanh_pho" else ""  # "Thành phố Hà Nội": centrally run
        rows.append(("old", pcode, "tinh", clean_name(pname), pcode, "", flags))
        for dist in prov["districts"]:
            dcode = f"{dist['code']:03d}"
            level, dname = split_type(dist["name"])
            rows.append(("old", dcode, level or "huyen", clean_name(dname), pcode, "", ""))
            for ward in dist["wards"]:
                wlevel, wname = split_type(ward["name"])
                rows.append(
                    (
                        "old",
                        f"{ward['code']:05d}",
                        wlevel or "xa",
                        clean_name(wname),
                        pcode,
                        dcode,
                        "",
                    )
                )
    return rows


def new_units() -> list[tuple[str, ...]]:
    """Rows of the post-reform divisions from the installed ``vietnam-provinces``."""
    text = (
        resources.files("vietnam_provinces")
        .joinpath("data/nested-divisions.json")
        .read_text("utf-8")
    )
    rows: list[tuple[str, ...]] = []
    for prov in json.loads(text):
        pcode = f"{prov['code']:02d}"
        _, pname = split_type(prov["name"])
        flags = "central" if prov["division_type"] == "thành phố trung ương" else ""
        rows.append(("new", pcode, "tinh", clean_name(pname), pcode, "", flags))
        for ward in prov["wards"]:
            level = {"phường": "phuong", "xã": "xa", "đặc khu": "dac_khu"}[ward["division_type"]]
            _, wname = split_type(ward["name"])
            rows.append(("new", f"{ward['code']:05d}", level, clean_name(wname), pcode, "", ""))
    return rows


def old_to_new() -> dict[str, list[str]]:
    """Old code → new codes, through the key tables of ``vietnamadminunits``."""
    base = resources.files("vietnamadminunits").joinpath("data")
    legacy = json.loads(base.joinpath("parser_legacy.json").read_text("utf-8"))
    modern = json.loads(base.joinpath("parser_from_2025.json").read_text("utf-8"))
    conv = json.loads(base.joinpath("converter_2025.json").read_text("utf-8"))
    old_ward, new_ward = _old_wards(legacy), _new_wards(modern)

    out: dict[str, list[str]] = {}
    old_prov = {k: v["provinceCode"] for k, v in legacy["DICT_PROVINCE"].items()}
    new_prov = {k: v["provinceCode"] for k, v in modern["DICT_PROVINCE"].items()}
    for npk, old_keys in conv["DICT_PROVINCE"].items():
        for opk in old_keys:
            out.setdefault(old_prov[opk], []).append(new_prov[npk])
    # (new province key, old ward key, new ward key), a divided ward's default new ward first:
    # it is the one the package picks without an address.
    links = [
        (npk, ok, nwk)
        for npk, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items()
        for nwk, old_keys in wards.items()
        for ok in old_keys
    ]
    links += [
        (npk, ok, t["newWardKey"])
        for npk, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items()
        for ok, targets in olds.items()
        for t in sorted(targets, key=lambda t: not t.get("isDefaultNewWard"))
    ]
    missing = 0
    for npk, ok, nwk in links:
        if ok in old_ward and (npk, nwk) in new_ward:
            out.setdefault(old_ward[ok], []).append(new_ward[(npk, nwk)])
        else:
            missing += 1
    log.info("old→new: %d codes mapped, %d keys unresolved", len(out), missing)
    return {k: list(dict.fromkeys(v)) for k, v in out.items()}


def _old_wards(legacy: dict[str, Any]) -> dict[str, str]:
    """Ward code by ``province_district_ward`` key, in the tables before 2025."""
    old_ward: dict[str, str] = {}
    for table in (
        "DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED",
        "DICT_PROVINCE_DISTRICT_WARD_ACCENTED",
    ):
        for pk, districts in legacy[table].items():
            for dk, wards in districts.items():
                for wk, w in wards.items():
                    old_ward[f"{pk}_{dk}_{wk}"] = w["wardCode"]
    return old_ward


def _new_wards(modern: dict[str, Any]) -> dict[tuple[str, str], str]:
    """Ward code by (province key, ward key), in the tables from 2025."""
    new_ward: dict[tuple[str, str], str] = {}
    for table in ("DICT_PROVINCE_WARD_NO_ACCENTED", "DICT_PROVINCE_WARD_ACCENTED"):
        for pk, wards in modern[table].items():
            for wk, w in wards.items():
                new_ward[(pk, wk)] = w["wardCode"]
    return new_ward


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--old-wheel",
        type=Path,
        required=True,
        help="path to vietnam_provinces-0.6.0-py3-none-any.whl",
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    rows = old_units(args.old_wheel) + new_units()
    counts = Counter((r[0], r[2]) for r in rows)
    log.info("units: %s", dict(sorted(counts.items())))
    with (DATA / "admin_units.tsv").open("w", encoding="utf-8", newline="\n") as f:
        f.write(
            "# Administrative units of Viet Nam, GSO codes. Built by scripts/build_admin_data.py;\n"
        )
        f.write("# see SOURCES.md. era: old = before 2025-07-01 (vietnam-provinces 0.6.0),\n")
        f.write("# new = from 2025-07-01 (vietnam-provinces 2025.10.1).\n")
        f.write("# era\tcode\tlevel\tname\tprovince_code\tdistrict_code\tflags\n")
        for r in rows:
            f.write("\t".join(r) + "\n")

    mapping = old_to_new()
    old_codes = {r[1] for r in rows if r[0] == "old"}
    unknown = [c for c in mapping if c not in old_codes]
    log.info("old→new codes not in 0.6.0: %d", len(unknown))
    with (DATA / "admin_old_to_new.tsv").open("w", encoding="utf-8", newline="\n") as f:
        f.write("# Old (pre-2025-07-01) province/commune GSO code → new code(s), default first.\n")
        f.write(
            "# Built by scripts/build_admin_data.py from vietnamadminunits 1.0.4; see SOURCES.md.\n"
        )
        f.write("# old_code\tnew_codes\n")
        for code in sorted(mapping):
            f.write(f"{code}\t{','.join(mapping[code])}\n")


if __name__ == "__main__":
    main()
