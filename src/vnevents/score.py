"""The FORMAT.md scorer: predictions against gold records, per field and headline.

Records are paired by ``doc``. It scores; it does not extract or fix records.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vnevents.stages.normalize import normalize

FIELDS = (
    "title",
    "published",
    "event.type",
    "event.date",
    "places",
    "people",
    "people+role",
    "figures",
    "documents",
    "awards",
)


def canon(value: Any) -> str:
    """NFC, canonical tone marks, case folding, whitespace collapsing."""
    if value is None:
        return ""
    return re.sub(r"\s+", " ", normalize(str(value))).strip().casefold()


@dataclass
class Counts:
    """Accuracy (right/total) or set overlap (tp/fp/fn), accumulated over documents."""

    right: int = 0
    total: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    is_set: bool = False

    def add_set(self, pred: set[Any], gold: set[Any]) -> None:
        self.is_set = True
        self.tp += len(pred & gold)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def add_acc(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def score(self) -> float:
        if not self.is_set:
            return self.right / self.total if self.total else 1.0
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    fields: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in FIELDS})
    missing: list[str] = field(default_factory=list)  # gold docs with no prediction

    @property
    def headline(self) -> float:
        return sum(c.score for c in self.fields.values()) / len(self.fields)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, c in self.fields.items():
            row: dict[str, Any] = {"score": round(c.score, 4)}
            if c.is_set:
                row |= {
                    "precision": round(c.precision, 4),
                    "recall": round(c.recall, 4),
                    "tp": c.tp,
                    "fp": c.fp,
                    "fn": c.fn,
                }
            else:
                row |= {"right": c.right, "total": c.total}
            out[name] = row
        return {"fields": out, "headline": round(self.headline, 4), "missing": self.missing}


def _date_part(value: Any) -> str:
    return canon(value)[:10] if value else ""


def _event_date_ok(pred: Any, gold: Any) -> bool:
    if not gold:
        return not pred
    if not pred:
        return False
    g, p = str(gold), str(pred)
    if g.startswith("--"):
        return p[-5:] == g[-5:]
    return p == g


def _places_ok(pred: list[dict[str, Any]], gold: list[dict[str, Any]]) -> bool:
    def key(p: dict[str, Any]) -> tuple[str, str]:
        return canon(p.get("name")), canon(p.get("level"))

    g = {key(p) for p in gold if p.get("role") == "event"}
    p = {key(x) for x in pred if x.get("role") == "event"}
    if not g:
        return not p
    return bool(p & g) and p <= g


def _unit_head(unit: Any) -> str:
    words = canon(unit).split()
    return words[0].rstrip(",") if words else ""


def _value(v: Any) -> float | None:
    try:
        return round(float(v), 6)
    except (TypeError, ValueError):
        return None


def score_pair(report: Report, pred: dict[str, Any], gold: dict[str, Any]) -> None:
    """Add one document's comparison to ``report``."""
    f = report.fields
    f["title"].add_acc(canon(pred.get("title")) == canon(gold.get("title")))
    f["published"].add_acc(_date_part(pred.get("published")) == _date_part(gold.get("published")))
    pe, ge = pred.get("event") or {}, gold.get("event") or {}
    f["event.type"].add_acc(canon(pe.get("type")) == canon(ge.get("type")))
    f["event.date"].add_acc(_event_date_ok(pe.get("date"), ge.get("date")))
    f["places"].add_acc(_places_ok(pred.get("places") or [], gold.get("places") or []))
    pp, gp = pred.get("people") or [], gold.get("people") or []
    f["people"].add_set({canon(x.get("name")) for x in pp}, {canon(x.get("name")) for x in gp})
    f["people+role"].add_set(
        {(canon(x.get("name")), canon(x.get("role"))) for x in pp},
        {(canon(x.get("name")), canon(x.get("role"))) for x in gp},
    )
    f["figures"].add_set(
        {(_value(x.get("value")), _unit_head(x.get("unit"))) for x in pred.get("figures") or []},
        {(_value(x.get("value")), _unit_head(x.get("unit"))) for x in gold.get("figures") or []},
    )

    def doc_key(d: dict[str, Any]) -> tuple[str, ...]:
        if d.get("symbol"):
            return ("symbol", canon(d["symbol"]))
        return ("name", canon(d.get("kind")), canon(d.get("name")))

    f["documents"].add_set(
        {doc_key(d) for d in pred.get("documents") or []},
        {doc_key(d) for d in gold.get("documents") or []},
    )
    f["awards"].add_set(
        {
            (canon(a.get("kind")), a.get("collectives"), a.get("individuals"))
            for a in pred.get("awards") or []
        },
        {
            (canon(a.get("kind")), a.get("collectives"), a.get("individuals"))
            for a in gold.get("awards") or []
        },
    )


def score(preds: Iterable[dict[str, Any]], golds: Iterable[dict[str, Any]]) -> Report:
    """Score predictions against gold, pairing by ``doc``.

    A gold document with no prediction is scored against an empty record.
    """
    by_doc = {p.get("doc"): p for p in preds}
    report = Report()
    for gold in golds:
        pred = by_doc.get(gold.get("doc"))
        if pred is None:
            report.missing.append(str(gold.get("doc")))
            pred = {}
        score_pair(report, pred, gold)
    return report


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Records from a JSON Lines file (blank lines skipped).

    Raises:
        ValueError: on a line that is not UTF-8 or not a JSON object, naming the file and line.
        OSError: the file cannot be read.
    """
    out = []
    with open(path, "rb") as f:
        for n, raw in enumerate(f, 1):
            try:
                line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise ValueError(
                    f"{path}:{n}: not UTF-8 text (byte {exc.start} of the line)"
                ) from None
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not JSON ({exc.msg})") from None
            except RecursionError:
                raise ValueError(f"{path}:{n}: not JSON (nested too deeply)") from None
            if not isinstance(obj, dict):
                raise ValueError(f"{path}:{n}: not a JSON object")
            out.append(obj)
    return out
