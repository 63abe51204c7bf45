"""Read queries for one thing at a time: an article's record, a person, a document, and
the dashboard's aggregates.

Like ``search``, every function returns JSON-ready data shared by the API and the
pages, and every statement is parameterised. This module never writes.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from vnevents.record import fold
from vnevents.store import collation, rows
from vnevents.store.search import MAX_QUERY_CHARS, QueryError

# The day the 2025 reform took effect: events before it are counted on the 63 old
# provinces, from it on the 34 new ones (the places stage codes units the same way).
REFORM_DATE = "2025-07-01"


# --- one article -------------------------------------------------------------


def load_record(conn: sqlite3.Connection, aid: int) -> dict[str, Any] | None:
    """The FORMAT.md dict of a stored article, rebuilt from its rows (see ``rows``)."""
    return rows.load_record(conn, aid)


def article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """An article by content hash: its record, raw text and every source it was seen at."""
    if not re.fullmatch(r"[0-9a-f]{16}", article_id):
        raise QueryError("an article id is 16 lower-case hex digits")
    row = conn.execute("SELECT aid, raw FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    record = load_record(conn, row[0])
    sources = [
        {"url": r[0], "site": r[1], "doc": r[2], "published": r[3], "via": r[4]}
        for r in conn.execute(
            "SELECT url, site, doc, published, via FROM sources WHERE aid = ? "
            "ORDER BY via = 'first' DESC, rowid",
            (row[0],),
        )
    ]
    also = [s for s in sources if s["via"] != "first"]
    return {
        "id": article_id,
        "record": record,
        "raw": row[1],
        "sources": sources,
        "also_published_by": also,
    }


# --- people, documents, aggregates -------------------------------------------


def person(conn: sqlite3.Connection, name: str) -> dict[str, Any]:
    """A person's appearances (newest first) and each title's first and last date.

    ``name`` matches exactly, else diacritic-insensitively.
    """
    if not name.strip() or len(name) > MAX_QUERY_CHARS:
        raise QueryError(f"a name is 1 to {MAX_QUERY_CHARS} characters")
    cond, arg = "p.name = ?", name
    if conn.execute("SELECT 1 FROM people WHERE name = ? LIMIT 1", (name,)).fetchone() is None:
        cond, arg = "p.name_fold = ?", fold(name)
    rows = conn.execute(
        "SELECT a.id, a.title, coalesce(a.event_date, a.published), p.name, p.role, "
        "(SELECT group_concat(t.title, ' | ') FROM person_titles t "
        " WHERE t.aid = p.aid AND t.person_idx = p.idx) "
        f"FROM people p JOIN articles a ON a.aid = p.aid WHERE {cond} "
        "ORDER BY 3 DESC, a.aid LIMIT 500",
        (arg,),
    ).fetchall()
    appearances = [
        {
            "id": r[0],
            "title": r[1],
            "date": r[2],
            "name": r[3],
            "role": r[4],
            "titles": r[5].split(" | ") if r[5] else [],
        }
        for r in rows
    ]
    spans: dict[str, dict[str, Any]] = {}
    for ap in reversed(appearances):  # oldest first
        for title in ap["titles"]:
            t = spans.setdefault(
                title, {"title": title, "first": ap["date"], "last": ap["date"], "count": 0}
            )
            t["last"] = ap["date"] or t["last"]
            t["first"] = t["first"] or ap["date"]
            t["count"] += 1
    names = sorted({ap["name"] for ap in appearances}, key=collation.sort_key)
    return {
        "name": names[0] if len(names) == 1 else name,
        "names": names,
        "appearances": appearances,
        "titles": sorted(spans.values(), key=lambda t: t["first"] or ""),
    }


def people(conn: sqlite3.Connection, q: str = "", limit: int = 50) -> list[dict[str, Any]]:
    """People by number of articles; ``q`` filters on the folded name."""
    if len(q) > MAX_QUERY_CHARS:
        raise QueryError(f"q is longer than {MAX_QUERY_CHARS} characters")
    like = _like(fold(q))
    collation.register(conn)
    rows = conn.execute(
        "SELECT name, count(DISTINCT aid) FROM people WHERE name_fold LIKE ? ESCAPE '\\' "
        "GROUP BY name ORDER BY 2 DESC, 1 COLLATE vi LIMIT ?",
        (like, limit),
    )
    return [{"name": n, "articles": c} for n, c in rows]


def _like(q: str) -> str:
    return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def documents(conn: sqlite3.Connection, q: str = "", limit: int = 50) -> list[dict[str, Any]]:
    """Cited document symbols by number of citing articles; ``q`` filters on the symbol."""
    if len(q) > MAX_QUERY_CHARS:
        raise QueryError(f"q is longer than {MAX_QUERY_CHARS} characters")
    rows = conn.execute(
        "SELECT symbol, min(kind), count(DISTINCT aid) FROM documents "
        "WHERE symbol IS NOT NULL AND symbol LIKE ? ESCAPE '\\' "
        "GROUP BY symbol ORDER BY 3 DESC, 1 LIMIT ?",
        (_like(q), limit),
    )
    return [{"symbol": s, "kind": k, "articles": c} for s, k, c in rows]


def document(conn: sqlite3.Connection, symbol: str) -> dict[str, Any]:
    """A document symbol and every report citing it (newest first)."""
    if not symbol.strip() or len(symbol) > MAX_QUERY_CHARS:
        raise QueryError(f"a symbol is 1 to {MAX_QUERY_CHARS} characters")
    rows = conn.execute(
        "SELECT a.id, a.title, coalesce(a.event_date, a.published), "
        "d.kind, d.name, d.date, d.issuer "
        "FROM documents d JOIN articles a ON a.aid = d.aid WHERE d.symbol = ? "
        "GROUP BY a.aid ORDER BY 3 DESC, a.aid LIMIT 500",
        (symbol,),
    ).fetchall()
    kinds = sorted({r[3] for r in rows if r[3]})
    return {
        "symbol": symbol,
        "kinds": kinds,
        "date": next((r[5] for r in rows if r[5]), None),
        "citations": [{"id": r[0], "title": r[1], "date": r[2], "kind": r[3]} for r in rows],
    }


def aggregates(conn: sqlite3.Connection, limit: int | None = 20) -> dict[str, Any]:
    """Dashboard counts: totals, events by month, province and type, most-cited documents.

    ``by_province`` holds the top ``limit`` provinces (all with None) and ``provinces``
    how many there are, so a page can say "20 of 58"; ties go in Vietnamese order.
    """
    collation.register(conn)
    cap = -1 if limit is None else limit  # LIMIT -1: no limit

    def pairs(sql: str, *args: Any) -> list[dict[str, Any]]:
        return [{"key": k, "count": c} for k, c in conn.execute(sql, args)]

    totals = {
        name: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for name, table in (
            ("articles", "articles"),
            ("sources", "sources"),
            ("people", "(SELECT DISTINCT name FROM people)"),
            ("documents", "(SELECT DISTINCT symbol FROM documents WHERE symbol IS NOT NULL)"),
        )
    }
    return {
        "totals": totals,
        "by_month": pairs(
            "SELECT month, count(*) FROM articles WHERE month IS NOT NULL GROUP BY 1 ORDER BY 1"
        ),
        "by_province": pairs(
            "SELECT province, count(DISTINCT aid) FROM places WHERE role = 'event' "
            "AND province IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 COLLATE vi LIMIT ?",
            cap,
        ),
        "provinces": conn.execute(
            "SELECT count(DISTINCT province) FROM places WHERE role = 'event'"
        ).fetchone()[0],
        "by_type": pairs(
            "SELECT coalesce(event_type, 'unknown'), count(*) FROM articles "
            "GROUP BY 1 ORDER BY 2 DESC"
        ),
        "top_documents": pairs(
            "SELECT symbol, count(DISTINCT aid) FROM documents WHERE symbol IS NOT NULL "
            "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
            20 if limit is None else limit,
        ),
    }


def events_by_province_and_era(conn: sqlite3.Connection) -> dict[str, list[dict[str, Any]]]:
    """Articles per event province, before and from ``REFORM_DATE`` (by event date, else
    publication date; articles with neither are left out), in Vietnamese order.

    Returns:
        {"old": [{"key": province, "count": n}, …], "new": […]}.
    """
    day = (
        "CASE WHEN a.event_date GLOB '[12][0-9][0-9][0-9]-*' THEN a.event_date "
        "ELSE substr(a.published, 1, 10) END"
    )
    out: dict[str, list[dict[str, Any]]] = {"old": [], "new": []}
    for province, era, count in conn.execute(
        f"SELECT p.province, {day} >= ?, count(DISTINCT p.aid) "
        "FROM places p JOIN articles a ON a.aid = p.aid "
        f"WHERE p.role = 'event' AND p.province IS NOT NULL AND {day} GLOB '[12][0-9][0-9][0-9]-*' "
        "GROUP BY 1, 2",
        (REFORM_DATE,),
    ):
        out["new" if era else "old"].append({"key": province, "count": count})
    for rows_ in out.values():
        rows_.sort(key=lambda r: collation.sort_key(r["key"]))
    return out
