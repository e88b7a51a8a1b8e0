"""The web widget in a real browser (Debian's chromium driven by Playwright) against the real stack."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, Request, Response, Route, expect, sync_playwright

from bot.stack import Stack

pytestmark = pytest.mark.e2e
CHROMIUM = "/usr/bin/chromium"
# Chromium's background services try to reach Google; this machine's network refuses them.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), (
        "chromium is installed by `make test` (scripts/ensure_chromium.sh)"
    )
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    yield context.new_page()
    context.close()


def ask(page: Page, text: str) -> None:
    page.get_by_role("textbox").fill(text)
    page.get_by_role("textbox").press("Enter")


def bot_messages(page: Page):  # type: ignore[no-untyped-def]
    return page.locator(".cepa-msg.cepa-bot:not(.cepa-error):not(.cepa-typing)")


def test_traditional_chinese_answers_buttons_feedback_and_reload(stack: Stack, page: Page) -> None:
    page.goto(stack.gateway_url + "/")
    widget = page.locator(".cepa-chat")
    expect(widget).to_have_attribute("lang", "zh-Hant")
    expect(page.get_by_role("heading", level=2)).to_have_text("CEPA 查詢助手")
    expect(page.locator("[aria-live=polite]")).to_have_count(1)

    ask(page, "我想了解調整援助計劃還款嘅措施")
    answer = bot_messages(page).last
    expect(answer).to_contain_text("1,000澳門元", timeout=30_000)
    expect(answer.locator(".cepa-sources")).to_contain_text("資料來源")

    answer.get_by_role("button", name="調整後每期要還多少？").click()
    expect(page.locator(".cepa-msg.cepa-user").last).to_have_text("調整後每期要還多少？")
    expect(bot_messages(page)).to_have_count(2, timeout=30_000)
    second = bot_messages(page).last
    expect(second.locator(".cepa-sources a")).to_have_attribute("href", re.compile(r"/sources/"))

    second.get_by_role("button", name="有幫助", exact=True).click()
    expect(
        page.locator(".cepa-msg.cepa-bot").last.get_by_role("button", name="有幫助", exact=True)
    ).to_have_attribute("aria-pressed", "true")
    db = Path(stack.var_dir) / "cepa.db"
    page.wait_for_timeout(500)
    with sqlite3.connect(db) as connection:
        ratings = connection.execute("select rating, reply_text from feedback").fetchall()
    assert any(r == "up" and "1,000" in text for r, text in ratings)

    page.reload()
    expect(bot_messages(page)).to_have_count(2)  # the conversation is still there
    ask(page, "最多可以調整幾多次？")
    expect(bot_messages(page)).to_have_count(3, timeout=30_000)
    expect(bot_messages(page).last).to_contain_text("兩次")


def test_english_interface_and_answers(stack: Stack, page: Page) -> None:
    page.goto(stack.gateway_url + "/")
    page.get_by_label("語言").select_option("en")
    expect(page.locator(".cepa-chat")).to_have_attribute("lang", "en")
    expect(page.get_by_role("textbox")).to_have_attribute("placeholder", "Type your question…")
    ask(page, "When does the revised CEPA services agreement take effect?")
    answer = bot_messages(page).last
    expect(answer).to_contain_text("1 June 2020", timeout=30_000)
    # (the signing date's entry, and CEPA's overview stating it too: each names its source)
    expect(answer.locator(".cepa-sources").first).to_contain_text("Source:")
    answer.get_by_role("button").filter(has_text="national treatment").click()
    expect(bot_messages(page)).to_have_count(2, timeout=30_000)
    expect(bot_messages(page).last).to_contain_text("from 62 to 69")
    bot_messages(page).last.get_by_role("button", name="Not helpful", exact=True).click()
    expect(
        bot_messages(page).last.get_by_role("button", name="Not helpful", exact=True)
    ).to_have_attribute("aria-pressed", "true")
    expect(bot_messages(page).last).to_contain_text("Thank you for your feedback")
    page.reload()
    expect(page.get_by_role("heading", level=2)).to_have_text("CEPA enquiry assistant")
    expect(bot_messages(page)).to_have_count(2)


def test_user_text_is_shown_as_text_never_as_html(stack: Stack, page: Page) -> None:
    page.goto(stack.gateway_url + "/")
    ask(page, "<img src=x onerror=\"document.title='pwned'\"> hello")
    expect(page.locator(".cepa-msg.cepa-user").last).to_contain_text("<img src=x")
    expect(bot_messages(page)).to_have_count(1, timeout=30_000)
    assert page.locator(".cepa-chat img").count() == 0
    assert page.title() != "pwned"


def test_fits_a_phone_screen(stack: Stack, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 700})
    page = context.new_page()
    page.goto(stack.gateway_url + "/")
    box = page.locator(".cepa-chat").bounding_box()
    assert box is not None and box["width"] <= 375
    context.close()


# --- security: conversation ids, channel marker, UI language, clearing, Content-Security-Policy ---

STORE = "cepa-chat:v1"
HEX_ID = re.compile(r"[0-9a-f]{32}")
# What the gateway sends on `/` (with the embedding origins added to connect-src and frame-ancestors).
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'; "
    "object-src 'none'"
)
# Records every violation the page reports, from before the widget runs (init scripts bypass the CSP).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


def stored(page: Page) -> dict[str, Any]:
    raw = page.evaluate(f"localStorage.getItem({STORE!r})")
    return json.loads(raw) if raw else {}


def api_requests(page: Page) -> list[Request]:
    """Every request the page makes to the gateway's chat and feedback endpoints (observed, not altered)."""
    seen: list[Request] = []
    page.on(
        "request",
        lambda request: (
            seen.append(request)
            if urlparse(request.url).path in ("/api/chat", "/api/feedback")
            else None
        ),
    )
    return seen


def body(request: Request) -> dict[str, Any]:
    data = request.post_data_json
    assert isinstance(data, dict)
    return data


def is_chat(response: Response) -> bool:
    return urlparse(response.url).path == "/api/chat"


def with_csp(route: Route) -> None:
    response = route.fetch()
    route.fulfill(response=response, headers={**response.headers, "content-security-policy": CSP})


def test_conversation_id_is_random_and_requests_carry_channel_and_ui_language(
    stack: Stack, page: Page, browser: Browser
) -> None:
    seen = api_requests(page)
    page.goto(stack.gateway_url + "/")
    sender = stored(page).get("sender", "")
    assert HEX_ID.fullmatch(sender), sender

    ask(page, "我想了解調整援助計劃還款嘅措施")
    expect(bot_messages(page).first).to_contain_text("1,000澳門元", timeout=30_000)
    with page.expect_request(lambda r: urlparse(r.url).path == "/api/feedback"):
        bot_messages(page).last.get_by_role("button", name="有幫助", exact=True).click()

    page.get_by_label("語言").select_option("pt")
    with page.expect_response(is_chat, timeout=30_000) as reply:
        ask(page, "Quando entra em vigor o acordo revisto sobre o comércio de serviços?")
    assert reply.value.ok

    chats = [r for r in seen if urlparse(r.url).path == "/api/chat"]
    feedback = [r for r in seen if urlparse(r.url).path == "/api/feedback"]
    assert len(chats) == 2 and len(feedback) == 1
    for request in seen:
        assert request.headers.get("x-cepa-client") == "widget", request.url
        assert body(request)["sender"] == sender
    assert [body(r)["lang"] for r in chats] == ["zh-Hant", "pt"]

    other = browser.new_context().new_page()  # another browser profile: another, unrelated id
    other.goto(stack.gateway_url + "/")
    other_sender = stored(other).get("sender", "")
    assert HEX_ID.fullmatch(other_sender) and other_sender != sender
    other.context.close()


def test_an_old_style_id_is_replaced_by_a_random_one(stack: Stack, page: Page) -> None:
    page.goto(stack.gateway_url + "/")
    old = {"sender": "web-1700000000000" + "a1b2c3", "history": [], "uiLang": "en"}
    page.evaluate(f"localStorage.setItem({STORE!r}, {json.dumps(json.dumps(old))})")
    page.reload()
    expect(page.get_by_role("heading", level=2)).to_have_text("CEPA enquiry assistant")
    assert HEX_ID.fullmatch(stored(page)["sender"])


def test_clear_conversation_forgets_everything_in_the_browser(stack: Stack, page: Page) -> None:
    page.goto(stack.gateway_url + "/")
    first_id = stored(page)["sender"]
    ask(page, "我想了解調整援助計劃還款嘅措施")
    expect(bot_messages(page).first).to_contain_text("1,000澳門元", timeout=30_000)
    assert len(stored(page)["history"]) == 2

    clear = page.get_by_role("button", name="清除對話", exact=True)
    expect(clear).to_be_visible()
    # Keyboard only: focus the control, open the confirm step, back out with Escape — nothing is lost.
    clear.focus()
    page.keyboard.press("Enter")
    confirm = page.get_by_role("group", name="清除整段對話？")
    expect(confirm).to_be_visible()
    expect(confirm.get_by_role("button", name="取消")).to_be_focused()
    page.keyboard.press("Escape")
    expect(confirm).to_be_hidden()
    expect(clear).to_be_focused()
    expect(page.locator(".cepa-msg.cepa-user")).to_have_count(1)
    assert stored(page)["sender"] == first_id

    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    expect(confirm.get_by_role("button", name="清除", exact=True)).to_be_focused()
    page.keyboard.press("Enter")

    expect(confirm).to_be_hidden()
    expect(page.locator(".cepa-msg.cepa-user")).to_have_count(0)
    expect(bot_messages(page)).to_have_count(1)  # only the welcome line
    expect(bot_messages(page)).not_to_contain_text("1,000")
    expect(page.get_by_role("textbox")).to_be_focused()
    after = stored(page)
    assert after["history"] == []
    assert HEX_ID.fullmatch(after["sender"]) and after["sender"] != first_id
    everything = page.evaluate("JSON.stringify(Object.assign({}, localStorage))")
    assert "調整援助" not in everything and first_id not in everything

    page.reload()
    expect(page.locator(".cepa-msg.cepa-user")).to_have_count(0)
    expect(bot_messages(page)).to_have_count(1)
    assert stored(page)["sender"] == after["sender"]

    with page.expect_response(is_chat, timeout=30_000) as reply:
        ask(page, "最多可以調整幾多次？")  # the new conversation works, under the new id
    assert reply.value.ok and body(reply.value.request)["sender"] == after["sender"]
    expect(bot_messages(page).last).to_contain_text("兩次")
    expect(page.locator(".cepa-msg.cepa-user")).to_have_count(1)

    for lang, name in [
        ("zh-Hans", "清除对话"),
        ("en", "Clear conversation"),
        ("pt", "Limpar conversa"),
    ]:
        page.locator("#cepa-lang").select_option(lang)
        expect(page.get_by_role("button", name=name, exact=True)).to_be_visible()


def test_history_is_kept_to_the_last_hundred_messages(stack: Stack, page: Page) -> None:
    page.goto(stack.gateway_url + "/")
    sender = stored(page)["sender"]
    history = [{"role": "user", "text": f"message {i}"} for i in range(150)]
    state = {"sender": sender, "history": history, "uiLang": "en"}
    page.evaluate(f"localStorage.setItem({STORE!r}, {json.dumps(json.dumps(state))})")
    page.reload()
    expect(page.locator(".cepa-msg.cepa-user")).to_have_count(100)
    expect(page.locator(".cepa-msg.cepa-user").first).to_have_text("message 50")
    page.locator("#cepa-lang").select_option("pt")  # any change writes the store back
    assert len(stored(page)["history"]) == 100


def test_without_crypto_the_widget_refuses_instead_of_using_a_weak_id(
    stack: Stack, page: Page
) -> None:
    seen = api_requests(page)
    page.add_init_script(
        'Object.defineProperty(window, "crypto", { value: undefined, configurable: true });'
    )
    page.goto(stack.gateway_url + "/")
    expect(page.locator(".cepa-error")).to_contain_text("安全的對話編號")
    expect(page.get_by_role("textbox")).to_be_disabled()
    assert stored(page) == {}
    assert seen == []


def test_page_and_widget_run_under_the_strict_content_security_policy(
    stack: Stack, page: Page
) -> None:
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)
    page.route(stack.gateway_url + "/", with_csp)
    response = page.goto(stack.gateway_url + "/")
    assert response is not None and response.headers["content-security-policy"] == CSP

    expect(page.get_by_role("heading", level=2)).to_have_text("CEPA 查詢助手")
    # The page's own styles (from widget.css, not an inline block) apply.
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(238, 242, 241)"
    ask(page, "我想了解調整援助計劃還款嘅措施")
    expect(bot_messages(page).first).to_contain_text("1,000澳門元", timeout=30_000)
    bot_messages(page).first.get_by_role("button", name="有幫助", exact=True).click()
    page.get_by_role("button", name="清除對話").click()
    page.get_by_role("button", name="清除", exact=True).click()
    expect(page.locator(".cepa-msg.cepa-user")).to_have_count(0)
    page.get_by_label("語言").select_option("en")
    expect(page.get_by_role("heading", level=2)).to_have_text("CEPA enquiry assistant")

    assert page.evaluate("window.__cspViolations") == []
    assert not [text for text in console if "Content Security Policy" in text], console

    # Control: the policy is really in force here, so an inline style would have been reported.
    page.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<div style=\"color:red\"></div>')"
    )
    page.wait_for_function("window.__cspViolations.length > 0")


def test_floating_panel_needs_no_inline_style(stack: Stack, page: Page) -> None:
    """Embedded without data-target, the widget opens as a fixed panel styled from widget.css."""
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)
    host_page = '<!doctype html><html><head><meta charset="utf-8"><title>host</title></head><body>' \
        '<p>host page</p><script src="/widget.js" defer></script></body></html>'  # fmt: skip
    page.route(
        stack.gateway_url + "/embed-check",
        lambda route: route.fulfill(
            status=200,
            body=host_page,
            headers={"content-type": "text/html; charset=utf-8", "content-security-policy": CSP},
        ),
    )
    page.goto(stack.gateway_url + "/embed-check")
    panel = page.locator(".cepa-floating")
    expect(panel.locator(".cepa-chat")).to_be_visible()
    assert panel.evaluate("node => getComputedStyle(node).position") == "fixed"
    assert panel.get_attribute("style") is None
    assert page.evaluate("window.__cspViolations") == []
    assert not [text for text in console if "Content Security Policy" in text], console
