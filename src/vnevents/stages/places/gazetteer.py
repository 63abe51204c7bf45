"""The gazetteer of Vietnamese administrative units behind the places stage.

Loads ``admin_units.tsv`` (both eras), the former units, the aliases and the
old→new code map once, and answers: which units carry this name at this tier,
what a unit was called and coded on a date, which units hold it after the 2025
reform. It does not read text; ``places`` finds the mentions.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from functools import cache
from typing import NamedTuple

from vnevents.data import load_tsv
from vnevents.record import Level, Unit

log = logging.getLogger(__name__)

# The two-tier divisions took effect on this day (Resolution 202/2025/QH15 and the
# commune resolutions of 2025-06); events before it use the three-tier units.
REFORM_DATE = "2025-07-01"
# The date assumed for a report whose event and publication dates are both unknown:
# the middle of the corpus span (2013–2025), so such a report is read in the
# three-tier era and with units as they stood before the 2020–2025 mergers.
UNKNOWN_DATE = "2019-06-30"

PROVINCE, DISTRICT, COMMUNE = "p", "d", "c"
_TIER = {
    Level.TINH: PROVINCE,
    Level.THANH_PHO: DISTRICT,
    Level.THI_XA: DISTRICT,
    Level.QUAN: DISTRICT,
    Level.HUYEN: DISTRICT,
    Level.PHUONG: COMMUNE,
    Level.XA: COMMUNE,
    Level.THI_TRAN: COMMUNE,
    Level.DAC_KHU: COMMUNE,
}


class AdminUnit(NamedTuple):
    """One row of the gazetteer: a unit as it stood in one era.

    A named tuple rather than a frozen dataclass: 14,000 of them are built when a
    process first reads a place, and a tuple builds ~4× faster (CLI start-up).
    """

    era: str  # "old" (before REFORM_DATE), "new" (from it), "former" (gone before 0.6.0)
    code: str
    level: Level
    name: str
    province_code: str
    district_code: str = ""
    central: bool = False  # a centrally-run city (level tinh)
    valid_to: str = ""  # former units: the last day the unit stood

    @property
    def tier(self) -> str:
        return _TIER[self.level]

    def stands_on(self, date: str) -> bool:
        """True when the unit existed on ``date`` (ISO), as far as the data knows."""
        if self.era == "new":
            return date >= REFORM_DATE
        if self.era == "former":
            return date <= self.valid_to
        return date < REFORM_DATE


_HYPHEN = re.compile(r"\s*-\s*")
_APOSTROPHE_SPACE = re.compile(r"'\s+")
_SPACES = re.compile(r"\s+")


def name_key(name: str) -> str:
    """The lookup key of a unit name: lower case, one spelling of hyphens,
    apostrophes and spaces, no leading zeros in numbered units ("Quận 01")."""
    key = name.lower()
    if "-" in key or "'" in key or "’" in key:
        key = _HYPHEN.sub(" - ", key.replace("’", "'"))
        key = _APOSTROPHE_SPACE.sub("'", key)
    if "  " in key or "\t" in key or "\n" in key:
        key = _SPACES.sub(" ", key)
    key = key.strip()
    return (key.lstrip("0") or key) if key.isdigit() else key


# A numbered unit keeps its type word, since a number is not a name (RULINGS: "Quận 8", "Phường 3").
_NUMBERED_TYPE = {Level.QUAN: "Quận", Level.PHUONG: "Phường"}


def display_name(name: str, level: Level) -> str:
    """The unit's name as a record gives it: "Quận 1" for a numbered district, else the name."""
    if name.isdigit() and level in _NUMBERED_TYPE:
        return f"{_NUMBERED_TYPE[level]} {name}"
    return name


class Gazetteer:
    """Lookup tables built once from the data files."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[str, str], list[AdminUnit]] = defaultdict(list)
        self.by_code: dict[tuple[str, str], AdminUnit] = {}
        rows = [*load_tsv("admin_units.tsv"), *load_tsv("admin_units_former.tsv")]
        levels = {level.value: level for level in Level}
        for row in rows:
            era, code, level, name, pcode, dcode, flags, valid_to = (*row, "", "", "")[:8]
            unit = AdminUnit(
                era, code, levels[level], name, pcode, dcode, flags == "central", valid_to
            )
            self.by_key[(_TIER[unit.level], name_key(name))].append(unit)
            self.by_code.setdefault((era, code), unit)
        # Surface spellings of province names → canonical key; bare use allowed or not.
        self.aliases: dict[str, tuple[str, bool]] = {}
        for surface, canonical, bare in load_tsv("admin_aliases.tsv"):
            self.aliases[name_key(surface)] = (name_key(canonical), bare == "1")
        self.old_to_new: dict[str, tuple[str, ...]] = {
            old: tuple(new.split(",")) for old, new in load_tsv("admin_old_to_new.tsv")
        }
        log.debug("gazetteer: %d names, %d codes", len(self.by_key), len(self.by_code))

    def lookup(self, tier: str, key: str) -> list[AdminUnit]:
        """Units of ``tier`` named ``key`` (an alias resolves to its canonical name)."""
        if tier == PROVINCE and key in self.aliases:
            key = self.aliases[key][0]
        return self.by_key.get((tier, key), [])

    def province_names(self) -> list[tuple[str, bool]]:
        """Every province-level surface name and whether it names a place on its own."""
        names: dict[str, bool] = {}
        for (tier, _), units in self.by_key.items():
            if tier == PROVINCE:
                for u in units:
                    names.setdefault(u.name, True)
        for surface, _canonical, bare in load_tsv("admin_aliases.tsv"):
            names[surface] = bare == "1"
        return sorted(names.items())

    def province_of(self, unit: AdminUnit) -> AdminUnit | None:
        """The province-level unit a unit lies in, in the same era."""
        era = "old" if unit.era == "former" else unit.era
        return self.by_code.get((era, unit.province_code)) or self.by_code.get(
            ("former", unit.province_code)
        )

    def province_name(self, unit: AdminUnit, date: str) -> str:
        """The province's name as it stood on ``date`` ("Thừa Thiên Huế" before 2025)."""
        if unit.level is Level.TINH:
            return unit.name
        former = self.by_code.get(("former", unit.province_code))
        if (
            former is not None
            and unit.era != "new"
            and former.level is Level.TINH
            and former.stands_on(date)
        ):
            return former.name
        prov = self.province_of(unit)
        return prov.name if prov else ""

    def today(self, unit: AdminUnit) -> tuple[Unit, ...]:
        """The post-reform unit(s) holding ``unit``: itself, its merged province, or
        its successor communes (several where an old ward was split)."""
        if unit.era == "new":
            return (self._unit(unit),)
        if unit.tier == COMMUNE:
            codes = self.old_to_new.get(unit.code, ())
        else:  # provinces and abolished districts: the province that took them in
            codes = self.old_to_new.get(unit.province_code, ())
        out = [self.by_code[("new", c)] for c in codes if ("new", c) in self.by_code]
        return tuple(self._unit(u) for u in out)

    def _unit(self, unit: AdminUnit) -> Unit:
        prov = self.by_code.get((unit.era, unit.province_code))
        return Unit(
            name=display_name(unit.name, unit.level),
            level=unit.level,
            province=prov.name if prov else "",
            code=unit.code,
        )


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, built on first use."""
    return Gazetteer()
