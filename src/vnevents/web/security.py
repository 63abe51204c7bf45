"""Browser-side defences: which stored URLs may become links, and the headers every
response carries.

The same middleware answers ``HEAD`` as ``GET`` without the body (FastAPI routes
declare GET only; monitors and link checkers send HEAD). It does not validate
input (``deps`` and ``store.search`` do) or escape text (Jinja does).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# No inline script or style anywhere: pages load /static files only, data rides in
# <script type="application/json"> blocks, which are never executed.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


def web_url(url: object) -> str | None:
    """``url`` when it is an absolute http(s) address a link may point at, else None.

    Source URLs come from crawled data (a JSONL field, a WARC target URI, a page's
    canonical link), so ``javascript:``, ``data:`` and relative forms are shown as text.
    """
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ord(c) < 0x21 or c in "\"'<>`" for c in url):
        return None
    return url


class SecurityHeaders:
    """ASGI middleware adding :data:`HEADERS` to every HTTP response it does not already have,
    and answering ``HEAD`` as ``GET`` with the same headers and no body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in HEADERS if k not in present]
                message["headers"] = list(message.get("headers", [])) + extra
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, with_headers)
