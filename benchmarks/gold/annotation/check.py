"""Check an annotation file: shape, closed vocabularies, dates; warn on strings not in the text.

Usage: python3 check.py FILE.jsonl [--texts DIR]
"""

import json
import re
import sys
import unicodedata
from pathlib import Path

TYPES = {
    "tong_ket",
    "so_ket",
    "kiem_tra",
    "lam_viec",
    "trien_khai",
    "tap_huan",
    "dai_hoi",
    "hoi_thao",
    "hop",
    "le",
    "other",
    None,
}
TOD = {"sang", "trua", "chieu", "toi", None}
LEVELS = {"tinh", "thanh_pho", "thi_xa", "quan", "huyen", "phuong", "xa", "thi_tran", "dac_khu"}
ROLES = {"chu_tri", "truong_doan", "phat_bieu", "du", "other"}
QUALS = {"tren", "hon", "gan", "khoang", "den", "duoi", None}
DATE = re.compile(r"^(\d{4}-\d{2}-\d{2}|--\d{2}-\d{2})$")


def fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s.lower()).replace("đ", "d")
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", s)


def main() -> int:
    path = Path(sys.argv[1])
    texts = (
        Path(sys.argv[sys.argv.index("--texts") + 1])
        if "--texts" in sys.argv
        else Path(__file__).parent / "texts"
    )
    errors = warnings = 0
    seen = set()

    def err(doc: str, msg: str) -> None:
        nonlocal errors
        errors += 1
        print(f"ERROR {doc}: {msg}")

    def warn(doc: str, msg: str) -> None:
        nonlocal warnings
        warnings += 1
        print(f"warn  {doc}: {msg}")

    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            err(f"line {n}", f"not JSON: {e}")
            continue
        doc = r.get("doc", f"line {n}")
        if doc in seen:
            err(doc, "appears twice")
        seen.add(doc)
        tf = texts / f"{doc}.txt"
        text = fold(tf.read_text(encoding="utf-8")) if tf.exists() else None
        if text is None:
            err(doc, f"no text {tf}")
        if unicodedata.normalize("NFC", line) != line:
            err(doc, "not NFC")
        for key in (
            "source",
            "title",
            "published",
            "author",
            "event",
            "places",
            "organizers",
            "people",
            "figures",
            "documents",
            "awards",
        ):
            if key not in r:
                err(doc, f"missing key {key}")
        ev = r.get("event") or {}
        if ev.get("type") not in TYPES:
            err(doc, f"event.type {ev.get('type')!r}")
        if ev.get("date") is not None and not DATE.match(str(ev.get("date"))):
            err(doc, f"event.date {ev.get('date')!r}")
        if ev.get("time_of_day") not in TOD:
            err(doc, f"time_of_day {ev.get('time_of_day')!r}")

        def has(s: object, what: str) -> None:
            if isinstance(s, str) and s and text is not None and fold(s) not in text:
                warn(doc, f"{what} {s!r} not found in the text")

        has(r.get("title"), "title")
        for p in r.get("places", []):
            if p.get("level") not in LEVELS:
                err(doc, f"place level {p.get('level')!r}")
            if p.get("role") not in {"event", "mentioned"}:
                err(doc, f"place role {p.get('role')!r}")
            has(p.get("name"), "place")
        for p in r.get("people", []):
            if p.get("role") not in ROLES:
                err(doc, f"person role {p.get('role')!r}")
            if not isinstance(p.get("titles"), list):
                err(doc, f"titles of {p.get('name')!r} not a list")
            has(p.get("name"), "person")
        for f in r.get("figures", []):
            if not isinstance(f.get("value"), (int, float)) or isinstance(f.get("value"), bool):
                err(doc, f"figure value {f.get('value')!r}")
            if f.get("qualifier") not in QUALS:
                err(doc, f"qualifier {f.get('qualifier')!r}")
            has(f.get("unit"), "unit")
        for d in r.get("documents", []):
            if not d.get("kind"):
                err(doc, "document without kind")
            if not d.get("symbol") and not d.get("name"):
                err(doc, "document with neither symbol nor name")
            has(d.get("kind"), "document kind")
            if d.get("symbol"):
                sym = d["symbol"]
                if fold(sym).replace(" ", "") not in (text or "").replace(" ", ""):
                    warn(doc, f"symbol {sym!r} not found as printed (fine if the text spaces it)")
        for a in r.get("awards", []):
            for k in ("collectives", "individuals"):
                if a.get(k) is not None and not isinstance(a.get(k), int):
                    err(doc, f"award {k} {a.get(k)!r}")
            has(a.get("kind"), "award kind")
    print(f"{len(seen)} records, {errors} errors, {warnings} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
