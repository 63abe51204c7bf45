"""The code and data under src/ quote no gold document: no run of words, no person's name.

Rules must rest on evidence from many reports, not on the text of one gold document (issue 7).
Reads every gold set (seeds, dev, the check set, the double-annotated dev-pool and test) and
its texts; skipped when ../shared is absent.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("VNEVENTS_SHARED", ROOT.parent / "shared"))
needs_shared = pytest.mark.skipif(
    not (SHARED / "corpus" / "articles.jsonl").exists(), reason="../shared is absent"
)

# A run of this many words shared with a gold text is a quotation. Official names are facts and
# may run longer, so the files that list them (law titles, state honours, body names) are
# checked for names only.
QUOTE_WORDS = 10
FACT_LISTS = {"law_names.txt", "names.py", "abbreviations.tsv", "award_cues.tsv"}
SRC = ROOT / "src" / "vnevents"
# Generated data that lists every unit of the country (a commune may bear a hero's name).
GENERATED = ("admin_", "map_vn")
GOLD = ROOT / "benchmarks" / "gold"
_WORD = re.compile(r"\w+")


def _gold_records() -> list[dict]:
    files = [SHARED / "gold" / "seeds.jsonl", SHARED / "gold" / "dev.jsonl"]
    files += [GOLD / "dev.jsonl", GOLD / "test.jsonl", GOLD / "dev-checkset.jsonl"]
    return [json.loads(line) for f in files for line in f.read_text("utf-8").splitlines() if line]


def _gold_texts(records: list[dict]) -> list[str]:
    texts = [p.read_text("utf-8") for p in (SHARED / "seeds").glob("*.txt")]
    texts += [p.read_text("utf-8") for p in (SHARED / "gold" / "dev").glob("*.txt")]
    ids = {r["doc"] for r in records}
    with (SHARED / "corpus" / "articles.jsonl").open(encoding="utf-8") as f:
        texts += [a["text"] for a in map(json.loads, f) if a["id"] in ids]
    return texts


def _runs(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + QUOTE_WORDS]) for i in range(len(words) - QUOTE_WORDS + 1)}


def _src_files() -> list[Path]:
    return [
        p
        for p in SRC.rglob("*")
        if p.suffix in {".py", ".tsv", ".txt", ".md"} and not p.name.startswith(GENERATED)
    ]


@needs_shared
def test_src_quotes_no_run_of_words_from_a_gold_text() -> None:
    gold = set().union(*map(_runs, _gold_texts(_gold_records())))
    quoted = {
        str(p.relative_to(ROOT)): sorted(_runs(p.read_text("utf-8")) & gold)[:3]
        for p in _src_files()
        if p.name not in FACT_LISTS
    }
    assert {f: q for f, q in quoted.items() if q} == {}


@needs_shared
def test_src_names_no_person_of_a_gold_record() -> None:
    historic = set((SRC / "data" / "historic_names.txt").read_text("utf-8").splitlines())
    names = {
        p["name"]
        for r in _gold_records()
        for p in r.get("people", [])
        if len(p["name"].split()) >= 3 and not any(p["name"] in h for h in historic)
    }
    src = "\n".join(p.read_text("utf-8") for p in _src_files())
    assert sorted(n for n in names if n in src) == []
