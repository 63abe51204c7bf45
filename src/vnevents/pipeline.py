"""The extraction pipeline: one document's text in, one record out.

Stages, in order (one module each under ``stages/``):

1. ``normalize``  NFC, modern tone marks, odd spaces and control characters.
2. ``metadata``   title, publication date-time, byline, source URL and site,
                  read from the page's lines before they are cleaned away.
3. ``clean``      drop page furniture and sidebar text; the rest is the body.
4. ``event``      event type, date, time of day, period under review.
5. ``places``     administrative units, resolved for the event date.
6. ``organizers`` the bodies holding the event.
7. ``people``     named persons with titles and their role at the event.
8. ``figures``    reported quantities.
9. ``documents``  cited legal and Party documents.
10. ``awards``    awards handed out at the event.

Stages 4–10 are finders ``find(doc) -> item(s)`` reading one analysed document
(``doc.Doc``: the body, its context and what is computed from it once); stage 4's
event joins that context before stages 5–10 run. The record assembler
(``record.assemble``) drops any item whose span does not hold what it claims.
This module does not read files (see ``readers``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from vnevents.doc import Doc
from vnevents.record import Record, Source, assemble, body_id
from vnevents.stages import (
    awards,
    clean,
    documents,
    event,
    figures,
    metadata,
    normalize,
    organizers,
    people,
    places,
)

if TYPE_CHECKING:
    from vnevents.readers_web import RawPage

# The independent finders of stages 5–10, in order: (record field, finder).
FINDERS: list[tuple[str, Callable[[Doc], list[Any]]]] = [
    ("places", places.find),
    ("organizers", organizers.find),
    ("people", people.find),
    ("figures", figures.find),
    ("documents", documents.find),
    ("awards", awards.find),
]


@dataclass(frozen=True)
class InputDoc:
    """One document to extract: its text and what the reader knows of it."""

    text: str
    doc: str | None = None
    url: str | None = None
    # Metadata known from outside the text (HTML head, WARC headers, JSONL fields);
    # it wins over what the text itself prints, except ``published_fallback``.
    title: str | None = None
    published: str | None = None
    published_fallback: str | None = None
    author: str | None = None
    site: str | None = None


@dataclass(frozen=True)
class Failure:
    """A document that could not be read or extracted, and why."""

    doc: str
    reason: str


def extract(text: str, *, doc: str | None = None, url: str | None = None) -> Record:
    """Extract one record from one document's text.

    Pure and deterministic: the same text gives the same record, in any thread
    or process.

    Args:
        text: the page text as crawled (furniture included).
        doc: the document's name, copied to ``Record.doc``.
        url: the source URL when known from outside the text.

    Returns:
        The record, every item span-checked against ``Record.body``.
    """
    return extract_doc(InputDoc(text=text, doc=doc, url=url))


def extract_doc(item: InputDoc) -> Record:
    """``extract`` for an ``InputDoc`` carrying outside metadata."""
    text = normalize.normalize(item.text)
    meta = metadata.read(text)
    body = clean.clean(text, meta)
    url = item.url or meta.url
    site = item.site or metadata.site_of(url) or meta.site
    published = item.published or meta.published or item.published_fallback
    title = normalize.normalize(item.title) if item.title else meta.title
    author = normalize.normalize(item.author) if item.author else meta.author
    doc = Doc(body, title=title, published=published, site=site)
    doc.event = ev = event.find(doc)
    found = {name: tuple(finder(doc)) for name, finder in FINDERS}
    record = Record(
        doc=item.doc,
        id=body_id(body),
        body=body,
        source=Source(url=url, site=site),
        title=title,
        published=published,
        author=author,
        event=ev,
        raw=item.text,
        **found,
    )
    return assemble(record)


def extract_many(
    docs: Iterable[InputDoc | Failure | RawPage], *, seconds: float | None = None
) -> Iterator[Record | Failure]:
    """Extract a stream of documents, one result per item, in order.

    A document that fails becomes a ``Failure`` with its reason: an error, no body text
    left after cleaning, or (with ``seconds``) more CPU time than that (``budget``).
    Failures from the reader pass through unchanged, so the caller reports every problem
    in one place and the rest of the batch goes on. Unparsed HTML pages (``RawPage``) are
    parsed here, inside the budget.
    """
    from vnevents import budget  # budget builds on extract_doc: imported when first needed

    for item in docs:
        yield budget.run_one(item, seconds)
