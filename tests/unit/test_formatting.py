"""The reply formatter shared by the widget and Telegram (bot/formatting.py, bot/telegram_text.py)."""

from __future__ import annotations

from pathlib import Path

from bot.chat import build_response
from bot.formatting import Block, Span, blocks, plain_text, spans, telegram_html
from bot.telegram_text import STOP_PAYLOAD, reply_html
from knowledge.store import load_entries

GBA = next(e for e in load_entries() if e.id == "gba-measures-overview")


def test_an_inline_numbered_list_becomes_a_list_in_every_language() -> None:
    for lang in ("zh-Hant", "zh-Hans", "en", "pt"):
        found = blocks(GBA.answer.get(lang))
        assert [b.type for b in found] == ["paragraph", "list", "paragraph"], lang
        items = found[1].items
        assert len(items) == 15
        assert all(item and not item[-1].text.endswith(("；", ";", "。", ".")) for item in items)
    zh = blocks(GBA.answer.get("zh-Hant"))[1].items
    assert zh[0][0].text == "便利港澳居民在粵港澳大灣區內地城市購房"
    assert zh[14][0].text == "支持港澳債券市場發展"


def test_numbers_that_are_not_list_markers_stay_text() -> None:
    text = "2018年貿易額31.6億美元，較回歸前增長3.3倍；申請1,000澳門元，調整兩次。"
    assert blocks(text) == [Block(type="paragraph", spans=[Span(text=text)])]


def test_paragraphs_split_at_blank_lines() -> None:
    assert [plain_text([b]) for b in blocks("第一段。\n\n第二段\n同一段。")] == [
        "第一段。",
        "第二段\n同一段。",
    ]


def test_phone_numbers_e_mail_web_addresses_and_tickets_are_marked() -> None:
    found = spans(
        "電話85972343，或電郵至info@cepa.gov.mo。https://www.example.org/a. 參考編號：CEPA-20250102-0007。"
        "金額6,772,418澳門元，+852 91234567"
    )
    marked = [(s.text, s.href, s.ticket) for s in found if s.href or s.ticket]
    assert marked == [
        ("85972343", "tel:85972343", False),
        ("info@cepa.gov.mo", "mailto:info@cepa.gov.mo", False),
        ("https://www.example.org/a", "https://www.example.org/a", False),
        ("CEPA-20250102-0007", None, True),
        ("+852 91234567", "tel:+85291234567", False),
    ]
    assert "".join(s.text for s in found).startswith("電話85972343，或電郵至info@cepa.gov.mo。")


def test_the_source_line_links_to_the_article_view() -> None:
    text = "答案。\n\n資料來源：《緊貿安排快訊》2019年12月，第3篇〈中央推出粵港澳大灣區建設惠澳政策措施〉"
    found = blocks(text, ["/sources/gba-measures-overview?lang=zh-Hant"])
    assert found[-1].spans == [
        Span(text="資料來源："),
        Span(
            text="《緊貿安排快訊》2019年12月，第3篇〈中央推出粵港澳大灣區建設惠澳政策措施〉",
            href="/sources/gba-measures-overview?lang=zh-Hant",
        ),
    ]


def test_each_message_carries_its_own_sources_kind_and_ticket() -> None:
    rasa = [
        {"text": "第一個答案。\n\nSource: CEPA Express newsletter, December 2019, article 3 “x”"},
        {"custom": {"sources": [{"id": "gba-measures-overview", "title": "t"}], "lang": "en"}},
        {"text": "Hello"},
        {"custom": {"sources": [], "handoff_offered": False, "lang": "en"}},
        {"text": "Reference: CEPA-20250102-0007."},
        {"custom": {"sources": [], "lang": "en"}},
        {"custom": {"ticket": "CEPA-20250102-0007"}},
    ]
    response = build_response("u", "hi", rasa, {"name": "greet", "confidence": 1.0})
    first, second, third = response.replies
    assert first.kind == "answer" and [s.id for s in first.sources] == ["gba-measures-overview"]
    assert first.sources[0].url == "/sources/gba-measures-overview?lang=en"
    assert first.blocks[-1].spans[-1].href == first.sources[0].url
    assert second.kind == "message" and second.sources == []
    assert third.kind == "ticket" and third.ticket == "CEPA-20250102-0007"
    # The contract's own fields are unchanged.
    assert [s.id for s in response.sources] == ["gba-measures-overview"]


def test_telegram_html_escapes_text_and_links_only_what_it_may() -> None:
    block = Block(
        type="paragraph",
        spans=[
            Span(text="<b>&"),
            Span(text="85972343", href="tel:85972343"),
            Span(text="CEPA-20250102-0007", ticket=True),
            Span(text="《快訊》", href="/sources/contact-bureau?lang=zh-Hant"),
        ],
    )
    assert telegram_html(block) == "&lt;b&gt;&amp;85972343<code>CEPA-20250102-0007</code>《快訊》"
    assert telegram_html(block, "https://cepa.example.org/").endswith(
        '<a href="https://cepa.example.org/sources/contact-bureau?lang=zh-Hant">《快訊》</a>'
    )
    listed = telegram_html(Block(type="list", items=[[Span(text="a")], [Span(text="b")]]))
    assert listed == "1. a\n2. b"


def test_long_replies_are_split_for_telegram_without_breaking_tags() -> None:
    text = "\n\n".join(f"第{i}段：電話85972343。" + "內容" * 300 for i in range(12))
    response = build_response("u", "x", [{"text": text}], {"name": "x", "confidence": 1.0})
    pieces = reply_html(response.replies[0], limit=4096)
    assert len(pieces) > 1 and all(len(p) <= 4096 for p in pieces)
    assert all(p.count("<") == p.count(">") for p in pieces)


def test_the_cancel_command_sends_the_forms_cancel_payload() -> None:
    from actions.forms import STOP_PAYLOAD as FORM_STOP

    assert STOP_PAYLOAD == FORM_STOP
    widget = (Path(__file__).resolve().parents[2] / "bot" / "static" / "widget.js").read_text()
    assert f"var STOP_PAYLOAD = '{FORM_STOP}';" in widget


def test_each_source_line_links_to_its_own_article() -> None:
    """An answer from two articles (siblings, or a message asking two questions) cites both: the
    second line linked as well, not left as text."""
    text = (
        "答案一。\n\n答案二。\n\n"
        "資料來源：《緊貿安排快訊》2019年12月，第1篇〈甲〉\n\n"
        "資料來源：《緊貿安排快訊》2019年12月，第2篇〈乙〉"
    )
    found = blocks(text, ["/sources/a?lang=zh-Hant", "/sources/b?lang=zh-Hant"])
    assert [s.href for b in found[-2:] for s in b.spans] == [
        None,
        "/sources/a?lang=zh-Hant",
        None,
        "/sources/b?lang=zh-Hant",
    ]
