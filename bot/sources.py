"""The newsletter article behind an answer: `GET /sources/<entry id>?lang=…` (an HTML page).

The newsletter text in knowledge/source/ is a PDF extraction: columns interleave, captions sit
between paragraphs and some lines are letter-spaced. Each article is cut out by the first and last
words of its body as printed, its wrapped lines joined into paragraphs and numbered lists, and it
is shown in the reader's script (Traditional Chinese in Macao's standard forms for zh-Hant; the
printed Simplified Chinese otherwise, since the newsletter exists only in Chinese).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache

from bot.formatting import Block, Span, blocks
from knowledge.articles import NEWSLETTER, printed_titles
from knowledge.language import Lang, lang_or_default
from knowledge.messages import text
from knowledge.schema import Entry, join_cjk_lines
from knowledge.store import load_entries
from knowledge.text import to_traditional

# Article number → the first line of its body (whole) and how its last line ends.
ARTICLES: dict[int, tuple[str, str]] = {
    1: ("国家商务部副部长王炳南及经济财政司司", "互利双赢。"),
    2: ("内地与澳门经贸合作委员会第二次会议于11", "澳门农副产品稳定供应等工作。"),
    3: ("粤港澳大湾区建设领导小组会议于 2019 年", "港澳大湾区建设惠澳政策措施。"),
    4: ("规范毛坯钻石国际贸易的《金伯利进程证书", "在出口时更需申领金伯利进程证书。"),
    5: ("《金伯利进程证书制度》在澳实施后，按照", "活动，清关情况顺利。"),
    6: (
        "澳 门 特 区 政 府 与 世 界 贸 易 组 织 （ 世 贸 组",
        "关部门加深对进口许可及通报制度的认识。",
    ),
    7: ("2019年中央政府和港澳特区政府CITES履", "约方面的能力建设，并共同打击违法贸易。"),
    8: ("为协助及支持中小企业应对经济下行及舒", "6,772,418澳门元。"),
    9: ("“粤澳质量检测认证工作专责小组”是在", "最新的建设情况。"),
    10: ("为推动提质增效升级，深化质量工作的国", "质创新发展。"),
}
_ITEM = re.compile(r"\d{1,2}\.\s")


@dataclass(frozen=True)
class Article:
    number: int
    title: str  # as printed (Simplified Chinese)
    paragraphs: tuple[str, ...]  # as printed; list items one a line


def _unspace(line: str) -> str:
    """'长 梁 维 特 于 1 1 月' → '长梁维特于11月' (letter-spaced lines of the PDF)."""
    tokens = line.split()
    if len(tokens) >= 6 and sum(len(t) == 1 for t in tokens) >= 0.7 * len(tokens):
        return "".join(tokens)
    return line


def _join(left: str, right: str) -> str:
    if left and right and left[-1].isascii() and left[-1].isalpha() and right[0].isalpha():
        return f"{left} {right}"
    return left + right


def paragraphs_of(lines: list[str]) -> list[str]:
    """Wrapped lines → paragraphs: a paragraph ends at 。 or ： at the end of a line; numbered
    items stay one paragraph, one item a line."""
    out: list[str] = []
    current, in_list, item_ended = "", False, False
    for raw in lines:
        line = _unspace(raw.strip())
        if not line:
            continue
        if _ITEM.match(line):
            current = f"{current}\n{line}" if in_list else line
            in_list, item_ended = True, line.endswith("。")
            continue
        if in_list:
            if item_ended:
                out.append(current)
                current, in_list = "", False
            else:
                current = _join(current, line)
                item_ended = line.endswith("。")
                continue
        current = _join(current, line)
        if line.endswith(("。", "：")):
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return [join_cjk_lines(p) if "\n" not in p else p for p in out]


@cache
def articles() -> dict[int, Article]:
    lines = NEWSLETTER.read_text(encoding="utf-8").splitlines()
    titles = printed_titles()
    found: dict[int, Article] = {}
    for number, (first, last) in ARTICLES.items():
        start = next(i for i, line in enumerate(lines) if line.strip() == first)
        end = next(i for i in range(start, len(lines)) if lines[i].strip().endswith(last))
        found[number] = Article(
            number, titles[number], tuple(paragraphs_of(lines[start : end + 1]))
        )
    return found


@cache
def _entries() -> dict[str, Entry]:
    return {entry.id: entry for entry in load_entries()}


def entry(entry_id: str) -> Entry | None:
    return _entries().get(entry_id)


def view_lang(lang: str | None) -> Lang:
    return lang_or_default(lang)


def source_href(entry_id: str, lang: str) -> str:
    """The article view of an entry's source, relative to the gateway."""
    return f"/sources/{entry_id}?lang={view_lang(lang)}"


def line_hrefs(sources: list[tuple[str, str]]) -> list[str]:
    """The link of each source line of a reply, from its sources as (entry id, href) in the order
    answered: knowledge/answer.py writes one line per article, in that order, so entries of an
    article already cited add no line."""
    cited: set[int | str] = set()
    hrefs = []
    for entry_id, href in sources:
        found = entry(entry_id)
        article: int | str = found.source.article if found else entry_id
        if article not in cited:
            cited.add(article)
            hrefs.append(href)
    return hrefs


def _script(text: str, lang: Lang) -> str:
    return to_traditional(text) if lang == "zh-Hant" else text


def _spans_html(spans: list[Span]) -> str:
    out = []
    for span in spans:
        text = html.escape(span.text)
        href = span.href or ""
        if href.startswith(("tel:", "mailto:", "http://", "https://")):
            out.append(f'<a href="{html.escape(href)}">{text}</a>')
        else:
            out.append(text)
    return "".join(out)


def _block_html(block: Block) -> str:
    if block.type == "list":
        items = "".join(f"<li>{_spans_html(item)}</li>" for item in block.items)
        return f"<ol>{items}</ol>"
    return f"<p>{_spans_html(block.spans)}</p>"


def render(entry_id: str, lang: str | None) -> str | None:
    """The article page of an entry's source, or None for an unknown entry."""
    found = entry(entry_id)
    if found is None:
        return None
    reader = view_lang(lang)
    article = articles()[found.source.article]
    text_lang: Lang = "zh-Hant" if reader == "zh-Hant" else "zh-Hans"
    newsletter = text("source_page.newsletter", reader)
    article_no = text("source_page.article", reader, n=article.number)
    about, note = text("source_page.about", reader), text("source_page.note", reader)
    title = html.escape(_script(article.title, text_lang))
    body = "".join(
        _block_html(block)
        for paragraph in article.paragraphs
        for block in blocks(_script(paragraph, text_lang))
    )
    meta = f"{newsletter} · {article_no}"
    note_html = f'<p class="cepa-source-note">{html.escape(note)}</p>' if note else ""
    return (
        f'<!doctype html>\n<html lang="{reader}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title} · {html.escape(newsletter)}</title>\n"
        '<link rel="icon" href="/favicon.svg" type="image/svg+xml">\n'
        '<link rel="stylesheet" href="/widget.css">\n</head>\n<body class="cepa-source-page">\n'
        f'<main>\n<p class="cepa-source-meta">{html.escape(meta)}</p>\n'
        f'<h1 lang="{text_lang}">{title}</h1>\n'
        f'<p class="cepa-source-about">{html.escape(about)}'
        f"<strong>{html.escape(found.title.get(reader))}</strong></p>\n{note_html}"
        f'<article lang="{text_lang}">{body}</article>\n</main>\n</body>\n</html>\n'
    )
