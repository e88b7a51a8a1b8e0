"""Issue 12: the widget people enjoy using — in Debian's chromium against the real stack.

Each test names the point of the issue it covers. Requests are held (not delayed) where a test
must look at the widget while a reply is on its way; nothing here asserts on time.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from bot.stack import Stack
from tests.e2e.test_widget_browser import STORE, ask, bot_messages, browser, stored
from tests.helpers import rasa_tracker

__all__ = ["browser"]  # the module-scoped chromium fixture, shared with test_widget_browser.py
pytestmark = pytest.mark.e2e
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}
STOP_PAYLOAD = '/deny{"answer_to":"stop"}'


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport=DESKTOP)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


class Held:
    """Requests matching `pattern` wait here until `release()`."""

    def __init__(self, page: Page, pattern: str) -> None:
        self.page, self.pattern = page, pattern
        self.routes: list[Route] = []
        page.route(pattern, lambda route: self.routes.append(route))

    def wait(self, count: int = 1) -> None:
        while len(self.routes) < count:
            self.page.wait_for_timeout(50)  # lets Playwright dispatch the route event

    def release(self) -> None:
        self.wait()
        routes, self.routes = self.routes, []
        for route in routes:
            route.continue_()
        self.page.unroute(self.pattern)


def embed_page(page: Page, stack: Stack, attributes: str) -> None:
    """A host page of another kind: only the one-line embed snippet, no stylesheet of ours."""
    html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>'
        f"<main><h1>Host page</h1><p>Content.</p>{attributes}</main></body></html>"
    )
    page.route(
        stack.gateway_url + "/host",
        lambda route: route.fulfill(
            status=200, body=html, headers={"content-type": "text/html; charset=utf-8"}
        ),
    )
    page.goto(stack.gateway_url + "/host", wait_until="domcontentloaded")


def log_at_bottom(page: Page) -> bool:
    return bool(
        page.evaluate(
            "(() => { const l = document.querySelector('.cepa-log');"
            " return l.scrollTop + l.clientHeight >= l.scrollHeight - 2; })()"
        )
    )


# --- 1. typing indicator, input cleared on send, a visibly disabled Send, queued typing kept ---


def test_waiting_shows_typing_disables_send_visibly_and_keeps_what_is_typed(
    stack: Stack, page: Page
) -> None:
    page.goto(stack.gateway_url + "/")
    send = page.locator(".cepa-send")
    enabled_colour = send.evaluate("b => getComputedStyle(b).backgroundColor")
    held = Held(page, "**/api/chat")
    ask(page, "我想了解調整援助計劃還款嘅措施")
    held.wait()
    log = page.get_by_role("log")
    expect(log).to_have_attribute("aria-busy", "true")
    expect(page.locator(".cepa-typing")).to_be_visible()
    expect(page.get_by_role("textbox")).to_have_value("")
    expect(send).to_be_disabled()
    assert send.evaluate("b => getComputedStyle(b).backgroundColor") != enabled_colour
    assert send.evaluate("b => getComputedStyle(b).cursor") == "not-allowed"

    page.get_by_role("textbox").fill("最多可以調整幾多次？")
    page.get_by_role("textbox").press("Enter")  # not sent while waiting, and not lost
    held.release()
    expect(bot_messages(page).last).to_contain_text("1,000澳門元", timeout=30_000)
    expect(page.locator(".cepa-typing")).to_have_count(0)
    assert log.get_attribute("aria-busy") is None
    expect(page.get_by_role("textbox")).to_have_value("最多可以調整幾多次？")
    expect(send).to_be_enabled()
    expect(page.locator(".cepa-msg.cepa-user")).to_have_count(1)


# --- 2. append, never redraw; stable width; newest message in view; focus kept after rating ---


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_width_is_stable_and_the_log_is_appended_to_not_redrawn(
    stack: Stack, browser: Browser, viewport: dict[str, int]
) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(stack.gateway_url + "/")
    panel = page.locator(".cepa-chat")
    expected = min(448, viewport["width"])
    assert round(panel.bounding_box()["width"]) == expected  # type: ignore[index]

    ask(page, "我想了解調整援助計劃還款嘅措施")
    expect(bot_messages(page).first).to_contain_text("1,000澳門元", timeout=30_000)
    first = bot_messages(page).first
    first.evaluate("node => { node.dataset.marker = 'kept'; }")

    held = Held(page, "**/api/chat")
    ask(page, "最多可以調整幾多次？")
    held.wait()
    expect(page.locator(".cepa-typing")).to_be_visible()
    assert round(panel.bounding_box()["width"]) == expected  # type: ignore[index]
    held.release()
    expect(bot_messages(page)).to_have_count(2, timeout=30_000)
    assert round(panel.bounding_box()["width"]) == expected  # type: ignore[index]
    assert log_at_bottom(page)

    # Rating the first answer changes that control only: no redraw, no jump, focus stays.
    page.get_by_role("log").evaluate("l => { l.scrollTop = 0; }")
    up = first.get_by_role("button", name="有幫助", exact=True)
    up.scroll_into_view_if_needed()
    scrolled = page.get_by_role("log").evaluate("l => l.scrollTop")
    up.click()
    expect(up).to_have_attribute("aria-pressed", "true")
    expect(up).to_be_focused()
    expect(first).to_contain_text("多謝你的意見")
    assert page.get_by_role("log").evaluate("l => l.scrollTop") == scrolled
    assert first.evaluate("node => node.dataset.marker") == "kept"
    context.close()


def test_opens_at_the_newest_message_when_styles_arrive_after_the_widget(
    stack: Stack, page: Page
) -> None:
    page.goto(stack.gateway_url + "/")
    history = [
        {"role": "user" if i % 2 else "bot", "text": f"message {i}\n" + "內容 " * 30}
        for i in range(40)
    ]
    state = {"sender": stored(page)["sender"], "history": history, "uiLang": "zh-Hant"}
    page.evaluate(f"localStorage.setItem({STORE!r}, {json.dumps(json.dumps(state))})")
    held = Held(page, "**/widget.css*")
    embed_page(
        page, stack, '<div id="box"></div><script src="/widget.js" data-target="box"></script>'
    )
    held.wait()
    expect(page.locator(".cepa-msg")).to_have_count(40)
    held.release()
    page.wait_for_function(
        "getComputedStyle(document.querySelector('.cepa-log')).overflowY === 'auto'"
    )
    page.wait_for_function(
        "(() => { const l = document.querySelector('.cepa-log');"
        " return l.scrollHeight > l.clientHeight && l.scrollTop + l.clientHeight >= l.scrollHeight - 2; })()"
    )
    expect(page.locator(".cepa-msg").last).to_be_in_viewport()


# --- 3. sources per bubble as links to the article view; the formatter; the ticket reference ---


def test_each_answer_bubble_links_its_own_source_to_the_newsletter_article(
    stack: Stack, context: BrowserContext, page: Page
) -> None:
    page.goto(stack.gateway_url + "/")
    ask(page, "我間公司可唔可以調整還款？")
    expect(bot_messages(page).last).to_contain_text("援助計劃", timeout=30_000)
    # A question inside the form: its answer, then the form's question again — two bubbles.
    ask(page, "中央推出了哪些粵港澳大灣區建設惠澳政策措施？")
    expect(bot_messages(page)).to_have_count(3, timeout=30_000)
    answer, question = bot_messages(page).nth(1), bot_messages(page).nth(2)
    expect(answer.locator("ol > li")).to_have_count(15)  # the 15 measures, one item each
    expect(answer.locator("ol > li").first).to_have_text("便利港澳居民在粵港澳大灣區內地城市購房")
    link = answer.locator(".cepa-sources a")
    expect(link).to_have_attribute(
        "href", stack.gateway_url + "/sources/gba-measures-overview?lang=zh-Hant"
    )
    expect(answer.locator(".cepa-feedback")).to_have_count(1)
    expect(question.locator(".cepa-sources")).to_have_count(0)
    expect(question.locator(".cepa-feedback")).to_have_count(0)  # no 👍/👎 on a form question

    with context.expect_page() as opened:
        link.click()
    article = opened.value
    expect(article.locator("h1")).to_have_text("中央推出粵港澳大灣區建設惠澳政策措施")
    expect(article.locator("article ol > li")).to_have_count(15)
    expect(article.locator("html")).to_have_attribute("lang", "zh-Hant")

    assert page.locator(".cepa-chat [onclick], .cepa-chat script").count() == 0


def test_the_ticket_reference_can_be_copied(stack: Stack, browser: Browser) -> None:
    context = browser.new_context(viewport=DESKTOP)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=stack.gateway_url)
    page = context.new_page()
    page.goto(stack.gateway_url + "/")
    for text, expected in [
        ("我想搵職員跟進", "個人資料保護法"),
        ("同意", "請問怎樣稱呼你"),
        ("陳大文", "電郵地址或電話號碼"),
        ("dawen.chan@example.com", "問題"),
        ("CEPA原產地證書點申請？", "CEPA-"),
    ]:
        ask(page, text)
        expect(bot_messages(page).last).to_contain_text(expected, timeout=30_000)
    ticket = bot_messages(page).last
    code = ticket.locator(".cepa-ticket code")
    expect(code).to_have_text(re.compile(r"^CEPA-\d{8}-\d{4}$"))
    expect(ticket.locator(".cepa-feedback")).to_have_count(0)  # no 👍/👎 on the ticket message
    ticket.get_by_role("button", name="複製").click()
    expect(ticket.get_by_role("button", name="已複製")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == code.text_content()
    context.close()


# --- 4. labels follow the reply's language; the UI language goes with every message ---


def test_labels_follow_the_language_of_the_replies(stack: Stack, page: Page) -> None:
    sent: list[dict[str, Any]] = []
    page.on(
        "request",
        lambda r: sent.append(r.post_data_json) if urlparse(r.url).path == "/api/chat" else None,
    )
    page.goto(stack.gateway_url + "/")
    expect(page.get_by_role("heading", level=2)).to_have_text("CEPA 查詢助手")
    ask(page, "Quando entra em vigor o acordo revisto sobre o comércio de serviços?")
    answer = bot_messages(page).last
    expect(answer).to_contain_text("2020", timeout=30_000)
    expect(page.get_by_role("heading", level=2)).to_have_text("Assistente CEPA")
    expect(answer.locator(".cepa-feedback")).to_contain_text("Esta resposta foi útil?")
    expect(answer.locator(".cepa-sources")).to_contain_text("Fonte:")
    expect(page.get_by_role("button", name="Recomeçar")).to_be_visible()
    expect(page.locator(".cepa-chat")).to_have_attribute("lang", "pt")
    ask(page, "CEPA?")
    expect(bot_messages(page)).to_have_count(2, timeout=30_000)
    assert [body["lang"] for body in sent] == ["zh-Hant", "pt"]


# --- 5. restart, cancel, clear; stale buttons; feedback only on answers; retry ---


def tracker(stack: Stack, sender: str) -> dict[str, Any]:
    return rasa_tracker(stack, f"web:{sender}")


def test_cancel_and_restart_reach_the_dialogue_and_old_buttons_go_stale(
    stack: Stack, page: Page
) -> None:
    page.goto(stack.gateway_url + "/")
    sender = stored(page)["sender"]
    cancel = page.locator(".cepa-cancel")
    ask(page, "你好")
    expect(bot_messages(page).last).to_be_visible(timeout=30_000)
    expect(page.locator(".cepa-feedback")).to_have_count(0)  # no 👍/👎 under a greeting
    expect(cancel).to_be_hidden()

    ask(page, "我間公司可唔可以調整還款？")
    question = bot_messages(page).last
    expect(question).to_contain_text("援助計劃", timeout=30_000)
    expect(cancel).to_be_visible()
    assert tracker(stack, sender)["active_loop"].get("name") == "check_repayment_eligibility_form"
    cancel.click()
    expect(bot_messages(page)).to_have_count(3, timeout=30_000)
    expect(cancel).to_be_hidden()
    assert not tracker(stack, sender)["active_loop"]
    # The question's buttons were answered: they no longer fire.
    for button in question.locator(".cepa-buttons button").all():
        expect(button).to_be_disabled()

    ask(page, "我間公司可唔可以調整還款？")
    expect(bot_messages(page)).to_have_count(4, timeout=30_000)
    ask(page, "中小企業援助計劃")
    expect(bot_messages(page)).to_have_count(5, timeout=30_000)
    assert tracker(stack, sender)["slots"]["scheme"]
    asking = bot_messages(page).last
    page.get_by_role("button", name="重新開始").click()
    expect(page.locator(".cepa-divider")).to_have_text("已重新開始對話")
    state = tracker(stack, sender)
    assert not state["active_loop"] and not state["slots"].get("scheme")
    for button in asking.locator(".cepa-buttons button").all():
        expect(button).to_be_disabled()
    expect(cancel).to_be_hidden()
    expect(page.get_by_role("textbox")).to_be_focused()
    page.reload()  # stale stays stale
    expect(page.locator(".cepa-divider")).to_have_count(1)
    for button in bot_messages(page).last.locator(".cepa-buttons button").all():
        expect(button).to_be_disabled()


def test_typing_restart_restarts_the_conversation(stack: Stack, page: Page) -> None:
    """Probe 5: "/restart" typed inside the check got "Sorry, I could not understand that answer"
    and the check's question again; typed, it does what the restart control does."""
    page.goto(stack.gateway_url + "/")
    sender = stored(page)["sender"]
    ask(page, "我間公司可唔可以調整還款？")
    expect(bot_messages(page).last).to_contain_text("援助計劃", timeout=30_000)
    ask(page, "/restart")
    expect(page.locator(".cepa-divider")).to_have_text("已重新開始對話", timeout=30_000)
    assert not tracker(stack, sender)["active_loop"]
    assert all(entry.get("text") != "/restart" for entry in stored(page)["history"])


def test_a_failed_send_offers_retry_and_the_error_is_not_kept(stack: Stack, page: Page) -> None:
    page.goto(stack.gateway_url + "/")
    page.route("**/api/chat", lambda route: route.abort())
    ask(page, "最多可以調整幾多次？")
    error = page.locator(".cepa-error")
    expect(error).to_be_visible()
    expect(page.get_by_role("log")).not_to_have_attribute("aria-busy", "true")
    assert all(entry["role"] != "error" for entry in stored(page)["history"])
    page.unroute("**/api/chat")
    error.get_by_role("button", name="重試").click()
    expect(bot_messages(page).last).to_contain_text("兩次", timeout=30_000)
    expect(error).to_have_count(0)
    expect(page.locator(".cepa-msg.cepa-user")).to_have_count(1)  # retried, not repeated
    page.reload()
    expect(page.locator(".cepa-error")).to_have_count(0)
    expect(bot_messages(page)).to_have_count(1)


# --- 6. launcher with unread badge; phone full screen; 44 px; growing input; motion; dark ---


def test_launcher_bubble_opens_the_panel_and_counts_unread_replies(
    stack: Stack, page: Page
) -> None:
    embed_page(page, stack, '<script src="/widget.js" data-mode="launcher"></script>')
    launcher = page.locator(".cepa-launcher")
    panel = page.locator(".cepa-chat")
    expect(launcher).to_be_visible()
    expect(panel).to_be_hidden()
    expect(launcher).to_have_attribute("aria-expanded", "false")
    launcher.click()
    expect(panel).to_be_visible()
    expect(page.get_by_role("textbox")).to_be_focused()

    held = Held(page, "**/api/chat")
    ask(page, "最多可以調整幾多次？")
    held.wait()
    page.get_by_role("button", name="縮小").click()
    expect(panel).to_be_hidden()
    expect(launcher).to_be_focused()
    held.release()
    expect(launcher.locator(".cepa-badge")).to_have_text("1", timeout=30_000)
    expect(launcher).to_have_attribute("aria-label", re.compile("1 則新訊息"))
    launcher.click()
    expect(bot_messages(page).last).to_contain_text("兩次")
    expect(launcher.locator(".cepa-badge")).to_be_hidden()
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()


def test_phone_full_screen_touch_targets_and_a_growing_input(
    stack: Stack, browser: Browser
) -> None:
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    embed_page(page, stack, '<script src="/widget.js" data-mode="launcher"></script>')
    page.locator(".cepa-launcher").click()
    box = page.locator(".cepa-chat").bounding_box()
    assert box is not None
    assert (box["x"], box["y"], box["width"], box["height"]) == (0, 0, 375, 740)
    form = page.locator(".cepa-chat form").bounding_box()
    assert form is not None and form["y"] + form["height"] <= 740
    # The height follows the dynamic viewport (the input stays above the browser's toolbar).
    assert page.evaluate(
        "[...document.styleSheets].flatMap(s => [...s.cssRules])"
        ".filter(r => r.media && r.media.mediaText.includes('30rem'))"
        ".some(r => [...r.cssRules].some(c => c.style && c.style.height === '100dvh'))"
    )

    ask(page, "我間公司可唔可以調整還款？")
    # the three schemes, "not sure" (probe 14) and Cancel
    expect(bot_messages(page).last.locator(".cepa-buttons button")).to_have_count(5, timeout=30_000)
    small = page.evaluate(
        "[...document.querySelectorAll('.cepa-chat button, .cepa-chat select, .cepa-chat textarea')]"
        ".filter(e => e.offsetParent !== null)"
        ".map(e => { const r = e.getBoundingClientRect();"
        " return [e.className || e.tagName, e.textContent.trim().slice(0, 12), r.width, r.height]; })"
        ".filter(([, , w, h]) => w < 44 || h < 44)"
    )
    assert small == []

    textbox = page.get_by_role("textbox")
    one_line = textbox.bounding_box()["height"]  # type: ignore[index]
    textbox.fill("第一行\n第二行\n第三行\n第四行")
    textbox.dispatch_event("input")
    assert int(textbox.get_attribute("rows") or 1) >= 4
    assert textbox.bounding_box()["height"] > one_line * 2  # type: ignore[index]
    textbox.fill("")
    textbox.dispatch_event("input")
    expect(textbox).to_have_attribute("rows", "1")
    context.close()


def test_reduced_motion_and_dark_mode_are_respected(stack: Stack, page: Page) -> None:
    page.goto(stack.gateway_url + "/")
    held = Held(page, "**/api/chat")
    ask(page, "最多可以調整幾多次？")
    held.wait()
    dot = page.locator(".cepa-typing .cepa-dot").first
    assert dot.evaluate("d => getComputedStyle(d).animationName") == "cepa-blink"
    page.emulate_media(reduced_motion="reduce")
    assert dot.evaluate("d => getComputedStyle(d).animationName") == "none"
    held.release()
    expect(bot_messages(page).last).to_contain_text("兩次", timeout=30_000)

    panel = page.locator(".cepa-chat")
    assert panel.evaluate("p => getComputedStyle(p).backgroundColor") == "rgb(255, 255, 255)"
    page.emulate_media(color_scheme="dark")
    assert panel.evaluate("p => getComputedStyle(p).backgroundColor") == "rgb(22, 27, 27)"
    assert panel.evaluate("p => getComputedStyle(p).color") == "rgb(229, 236, 234)"


# --- 7. gzip, cache headers with content hashes, a favicon ---


def test_assets_are_gzipped_cached_by_content_hash_and_there_is_a_favicon(
    stack: Stack, page: Page
) -> None:
    assets: dict[str, Any] = {}
    page.on(
        "response",
        lambda r: (
            assets.__setitem__(urlparse(r.url).path, r)
            if urlparse(r.url).path in ("/widget.js", "/widget.css", "/favicon.svg")
            else None
        ),
    )
    page.goto(stack.gateway_url + "/")
    expect(page.get_by_role("heading", level=2)).to_be_visible()
    for path in ("/widget.js", "/widget.css"):
        response = assets[path]
        assert re.search(r"\?v=[0-9a-f]{16}$", response.url), response.url
        headers = response.all_headers()
        assert headers["content-encoding"] == "gzip"
        assert headers["cache-control"] == "public, max-age=31536000, immutable"
        assert headers["etag"].strip('"') == response.url.rsplit("=", 1)[1]

    bare = httpx.get(stack.gateway_url + "/widget.js", headers={"accept-encoding": "gzip"})
    assert (
        bare.headers["cache-control"] == "no-cache" and bare.headers["content-encoding"] == "gzip"
    )
    again = httpx.get(
        stack.gateway_url + "/widget.js", headers={"if-none-match": bare.headers["etag"]}
    )
    assert again.status_code == 304 and again.content == b""
    plain = httpx.get(stack.gateway_url + "/widget.js", headers={"accept-encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.text == bare.text
    icon = httpx.get(stack.gateway_url + "/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"] == "image/x-icon"
    assert page.evaluate("document.querySelector('link[rel=icon]').href").endswith("/favicon.svg")


def page_etag(stack: Stack) -> str:
    return httpx.get(stack.gateway_url + "/").headers["etag"]


# --- 9. axe-core: no serious or critical violation, desktop and phone, light and dark ---


def axe_violations(page: Page) -> list[dict[str, Any]]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_serious_accessibility_violations_and_screenshots(
    stack: Stack, browser: Browser, viewport: dict[str, int], tmp_path: Path
) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(stack.gateway_url + "/")
    assert axe_violations(page) == []
    ask(page, "中央推出了哪些粵港澳大灣區建設惠澳政策措施？")
    expect(bot_messages(page).last.locator("ol > li")).to_have_count(15, timeout=30_000)
    ask(page, "經濟局電話幾多號？")
    contact = bot_messages(page).nth(1)
    expect(contact.locator('a[href="tel:85972343"]')).to_have_text("85972343", timeout=30_000)
    expect(contact.locator('a[href="mailto:info@cepa.gov.mo"]')).to_have_text("info@cepa.gov.mo")
    bot_messages(page).last.get_by_role("button", name="有幫助", exact=True).click()
    page.get_by_role("textbox").fill("我間公司可唔可以調整還款？")
    assert axe_violations(page) == []
    name = "desktop" if viewport is DESKTOP else "phone"
    directory = Path(os.environ.get("CEPA_SCREENSHOT_DIR") or tmp_path)
    page.screenshot(path=str(directory / f"widget-{name}.png"))

    page.emulate_media(color_scheme="dark")
    assert axe_violations(page) == []
    page.goto(stack.gateway_url + "/sources/gba-measures-overview?lang=en")
    assert axe_violations(page) == []
    page.emulate_media(color_scheme="light")
    embed_page(page, stack, '<script src="/widget.js" data-mode="launcher"></script>')
    assert axe_violations(page) == []
    page.locator(".cepa-launcher").click()
    assert axe_violations(page) == []
    context.close()
