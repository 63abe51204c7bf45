"""Text from inputs made safe to print: control characters escaped, lines kept to one.

File names, JSON ids and reasons quoting a corrupt file reach the terminal in
messages; raw ESC, BEL or a right-to-left override there would drive the
terminal or disguise the line. Every message naming a document goes through
``printable``. This module does not decide what is reported (the CLI does).
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, Unicode line and paragraph separators, the bidirectional
# embeddings, overrides and isolates, and lone surrogates (undecodable file names
# read with surrogateescape).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# Longest message text kept (a reason quoting a whole corrupt line is cut here).
MAX_CHARS = 300


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object, limit: int = MAX_CHARS) -> str:
    """``text`` as one safe line: controls as ``\\x1b``-style escapes, cut at ``limit`` characters.

    Args:
        text: anything; ``str()`` is taken first.
        limit: the longest result before "…" is appended.

    Returns:
        A string with no control character, no line break and no bidi override.
    """
    out = _UNSAFE.sub(_escape, str(text))
    return out if len(out) <= limit else out[:limit] + "…"


def markup_safe(text: object) -> str:
    """``printable(text)`` with rich's markup escaped, for ``Console.print`` next to markup."""
    from rich.markup import escape

    return escape(printable(text))


def failure_line(doc: str, reason: str) -> str:
    """The line every command prints for a document it could not process (greppable)."""
    return f"skipped {printable(doc)}: {printable(reason)}"
