"""Show where two annotations of a batch differ, field by field, keyed as the scorer keys them.

Usage: python3 diff.py A/T1.jsonl B/T1.jsonl
"""

import json
import re
import sys
import unicodedata


def canon(v):
    if v is None:
        return ""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(v))).strip().casefold()


def keys(r):
    ev = r.get("event") or {}
    return {
        "title": canon(r.get("title")),
        "published": canon(r.get("published"))[:10],
        "event.type": ev.get("type"),
        "event.date": ev.get("date"),
        "places": sorted(
            {
                (canon(p["name"]), p["level"])
                for p in r.get("places", [])
                if p.get("role") == "event"
            }
        ),
        "people": sorted({(canon(p["name"]), p["role"]) for p in r.get("people", [])}),
        "figures": sorted(
            {
                (float(f["value"]), (canon(f.get("unit")).split() or [""])[0], f.get("qualifier"))
                for f in r.get("figures", [])
            },
            key=str,
        ),
        "documents": sorted(
            {
                canon(d["symbol"])
                if d.get("symbol")
                else (canon(d.get("kind")), canon(d.get("name")))
                for d in r.get("documents", [])
            },
            key=str,
        ),
        "awards": sorted(
            {
                (canon(a.get("kind")), a.get("collectives"), a.get("individuals"))
                for a in r.get("awards", [])
            },
            key=str,
        ),
    }


def main():
    a = {
        json.loads(line)["doc"]: json.loads(line)
        for line in open(sys.argv[1], encoding="utf-8")
        if line.strip()
    }
    b = {
        json.loads(line)["doc"]: json.loads(line)
        for line in open(sys.argv[2], encoding="utf-8")
        if line.strip()
    }
    for doc in a:
        if doc not in b:
            print(f"== {doc}: only in {sys.argv[1]}")
            continue
        ka, kb = keys(a[doc]), keys(b[doc])
        diffs = [f for f in ka if ka[f] != kb[f]]
        if not diffs:
            print(f"== {doc}: same")
            continue
        print(f"== {doc}")
        for f in diffs:
            if isinstance(ka[f], list):
                sa, sb = set(map(str, ka[f])), set(map(str, kb[f]))
                print(f"  {f}: only A {sorted(sa - sb)}  only B {sorted(sb - sa)}")
            else:
                print(f"  {f}: A {ka[f]!r}  B {kb[f]!r}")


if __name__ == "__main__":
    main()
