"""User text made safe for a staff e-mail, and the bounds every layer shares.

Everything the user typed reaches the e-mail body in a shape that cannot forge a line of its own:
single-line fields lose their line breaks and invisible characters, and multi-line text (the
question, the transcript) is quoted, every line starting with "> ".
"""

from __future__ import annotations

import unicodedata

# One source for each bound: the chat parsers, the internal API and the table columns use these.
MAX_NAME_LENGTH = 100
MAX_CONTACT_LENGTH = 254  # the longest e-mail address SMTP allows (RFC 5321 path limit)
MAX_QUESTION_LENGTH = 4000
MAX_TRANSCRIPT_TURNS = 200  # the latest ones; a ticket needs the context, not a whole day
MAX_TURN_LENGTH = 8000  # one transcript line: a user message (≤ 2000) or a bot reply
MAX_TOPIC_LENGTH = 64

# Control characters, format characters (zero-width, bidi overrides, BOM, soft hyphen), line and
# paragraph separators, surrogates, private-use and unassigned code points.
_INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})


def _visible(text: str) -> str:
    """`text` without invisible characters; whitespace (line breaks too) becomes a space."""
    return "".join(
        " " if ch.isspace() else ch
        for ch in text
        if ch.isspace() or unicodedata.category(ch) not in _INVISIBLE
    )


def one_line(text: str) -> str:
    """One line: no line breaks, tabs or invisible characters, runs of spaces collapsed."""
    return " ".join(_visible(text).split())


def text_lines(text: str) -> list[str]:
    """The lines of `text` (every Unicode line break counts), each made visible, trailing spaces
    removed; no leading or trailing blank lines."""
    lines = [_visible(line).rstrip() for line in text.splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def quoted(text: str) -> str:
    """Every line of `text` prefixed with "> ", so none can pass for a line of the e-mail."""
    return "\n".join(f"> {line}" for line in text_lines(text) or [""])


def format_transcript(transcript: list[tuple[str, str]]) -> str:
    """One turn per line ("user: …"); a message's further lines follow indented, so no message
    can fake a turn."""
    out = []
    for who, text in transcript:
        first, *rest = text_lines(text) or [""]
        out.append(f"{one_line(who)}: {first}")
        out.extend(f"    {line}" for line in rest)
    return "\n".join(out)
