"""The reply formatter shared by the web widget and Telegram (pure functions).

Reply texts are plain text. This reads them into blocks — paragraphs and numbered lists — whose
spans are text, links (`tel:`, `mailto:`, `http(s)://`, the gateway's `/sources/<id>` view) or a
ticket reference. The widget builds its DOM from the blocks with `textContent` only, Telegram gets
them as escaped HTML (`telegram_html`); neither ever interprets the text itself as markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel

from knowledge import messages
from knowledge.language import LANGS

TICKET = re.compile(r"CEPA-\d{8}-\d{4}")
_URL = r"https?://[^\s<>\"'，。；、）)\]]+"
_EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
# Eight-digit local numbers (Macao, Hong Kong), optionally with a country code: never a part of a
# longer number, an amount (6,772,418) or a word.
_PHONE = r"(?<![0-9A-Za-z+.,])(?:\+\d{1,3}[ -]?)?\d{8}(?![0-9])"
_INLINE = re.compile(
    f"(?P<ticket>{TICKET.pattern})|(?P<url>{_URL})|(?P<email>{_EMAIL})|(?P<phone>{_PHONE})"
)
# A list marker: "1." "1、" "(1)" "（1）" at the start of the text or after a separator.
_MARKER = re.compile(
    r"(?:^|(?<=[：:；;。\s]))(?:[(（](?P<paren>\d{1,2})[)）]|(?P<dot>\d{1,2})[.、．](?!\d))\s*"
)
# How each reply language opens its source line (knowledge/answer.py writes it last).
SOURCE_LABEL: dict[str, str] = {lang: messages.text("answer.source_label", lang) for lang in LANGS}
SOURCE_PREFIXES = tuple(SOURCE_LABEL.values())


class Span(BaseModel):
    text: str
    href: str | None = None  # tel:, mailto:, http(s)://, or /sources/<id>?lang=…
    ticket: bool = False  # a ticket reference, shown so that it can be copied


class Block(BaseModel):
    type: Literal["paragraph", "list"]
    spans: list[Span] = []  # a paragraph's text
    items: list[list[Span]] = []  # a list's items


def spans(text: str) -> list[Span]:
    """Text with its phone numbers, e-mail addresses, web addresses and ticket references marked."""
    out: list[Span] = []
    at = 0
    for match in _INLINE.finditer(text):
        value = match.group(0)
        if match.lastgroup == "url":
            value = value.rstrip(".,;:!?")
        if match.start() > at:
            out.append(Span(text=text[at : match.start()]))
        if match.lastgroup == "ticket":
            out.append(Span(text=value, ticket=True))
        elif match.lastgroup == "url":
            out.append(Span(text=value, href=value))
        elif match.lastgroup == "email":
            out.append(Span(text=value, href=f"mailto:{value}"))
        else:
            out.append(Span(text=value, href="tel:" + re.sub(r"[ -]", "", value)))
        at = match.start() + len(value)
    if at < len(text):
        out.append(Span(text=text[at:]))
    return out


def _list_markers(text: str) -> list[re.Match[str]]:
    """The markers of one numbered list 1, 2, 3 … (at least two items), in order."""
    found: list[re.Match[str]] = []
    for match in _MARKER.finditer(text):
        number = int(match.group("paren") or match.group("dot"))
        style = "paren" if match.group("paren") else "dot"
        if number == len(found) + 1 and (
            not found or style == ("paren" if found[0].group("paren") else "dot")
        ):
            found.append(match)
    return found if len(found) >= 2 else []


def _end_of_item(text: str) -> int:
    """Where the last item ends: its first full stop (the rest is a paragraph of its own)."""
    match = re.search(r"。|\.(?=\s|$)", text)
    return match.end() if match else len(text)


def _clean_item(text: str) -> str:
    text = text.strip().rstrip("；;，,。.")
    return re.sub(r"\s+(?:and|e)$", "", text).strip()


def _paragraph_blocks(text: str) -> list[Block]:
    markers = _list_markers(text)
    if not markers:
        return [Block(type="paragraph", spans=spans(text))] if text.strip() else []
    blocks: list[Block] = []
    intro = text[: markers[0].start()].strip()
    if intro:
        blocks.append(Block(type="paragraph", spans=spans(intro)))
    items: list[list[Span]] = []
    for i, marker in enumerate(markers):
        end = markers[i + 1].start() if i + 1 < len(markers) else None
        chunk = text[marker.end() : end]
        rest = ""
        if end is None:
            cut = _end_of_item(chunk)
            chunk, rest = chunk[:cut], chunk[cut:]
        items.append(spans(_clean_item(chunk)))
    blocks.append(Block(type="list", items=items))
    return blocks + _paragraph_blocks(rest.strip())


def blocks(text: str, source_hrefs: Sequence[str] = ()) -> list[Block]:
    """Paragraphs (split at blank lines) and numbered lists (also when written inline, as in
    「15項措施為：1.…；2.…」). The source lines become links to the views in `source_hrefs`, the
    first line to the first view and so on (an answer from two articles cites both)."""
    out: list[Block] = []
    hrefs = iter(source_hrefs)
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        paragraph = paragraph.strip()
        prefix = next((p for p in SOURCE_PREFIXES if paragraph.startswith(p)), None)
        href = next(hrefs, None) if prefix else None
        if href and prefix:
            citation = paragraph[len(prefix) :].strip()
            out.append(
                Block(type="paragraph", spans=[Span(text=prefix), Span(text=citation, href=href)])
            )
            continue
        out.extend(_paragraph_blocks(paragraph))
    return out


def with_source(block_list: list[Block], href: str, title: str, lang: str) -> list[Block]:
    """The blocks with a link to the source view: the source line's own when it has one, else a
    line of its own (labelled in the reply's language)."""
    if any(span.href == href for block in block_list for span in block.spans):
        return block_list
    label = SOURCE_LABEL.get(lang, SOURCE_LABEL["zh-Hant"])
    return [
        *block_list,
        Block(type="paragraph", spans=[Span(text=label), Span(text=title, href=href)]),
    ]


def plain_text(block_list: list[Block]) -> str:
    """The blocks back as text (lists one item a line)."""
    parts = []
    for block in block_list:
        if block.type == "list":
            parts.append(
                "\n".join(
                    f"{n}. " + "".join(s.text for s in item)
                    for n, item in enumerate(block.items, 1)
                )
            )
        else:
            parts.append("".join(s.text for s in block.spans))
    return "\n\n".join(parts)


def _span_html(span: Span, base_url: str | None) -> str:
    text = html.escape(span.text, quote=False)
    if span.ticket:
        return f"<code>{text}</code>"  # Telegram copies a code entity with one tap
    href = span.href or ""
    if href.startswith("/") and base_url:
        href = base_url.rstrip("/") + href
    if href.startswith(("http://", "https://")):
        return f'<a href="{html.escape(href, quote=True)}">{text}</a>'
    return text  # tel: and mailto: — Telegram apps link numbers and addresses themselves


def telegram_html(block: Block, base_url: str | None = None) -> str:
    """One block as Telegram HTML (parse_mode=HTML): escaped text, <a> and <code> only."""
    if block.type == "list":
        return "\n".join(
            f"{n}. " + "".join(_span_html(s, base_url) for s in item)
            for n, item in enumerate(block.items, 1)
        )
    return "".join(_span_html(s, base_url) for s in block.spans)
