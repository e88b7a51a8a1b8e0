"""The web widget in a real browser (Debian's chromium driven by Playwright) against the real stack."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

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
    return page.locator(".cepa-msg.cepa-bot:not(.cepa-error)")


def test_traditional_chinese_answers_buttons_feedback_and_reload(stack: Stack, page: Page) -> None:
    page.goto(stack.gateway_url + "/")
    widget = page.locator(".cepa-chat")
    expect(widget).to_have_attribute("lang", "zh-Hant")
    expect(page.get_by_role("heading")).to_have_text("CEPA 查詢助手")
    expect(page.locator("[aria-live=polite]")).to_have_count(1)

    ask(page, "我想了解調整援助計劃還款嘅措施")
    answer = bot_messages(page).last
    expect(answer).to_contain_text("1,000澳門元", timeout=30_000)
    expect(answer.locator(".cepa-sources")).to_contain_text("資料來源")

    answer.get_by_role("button", name="調整後每期要還多少？").click()
    expect(page.locator(".cepa-msg.cepa-user").last).to_have_text("調整後每期要還多少？")
    expect(bot_messages(page)).to_have_count(2, timeout=30_000)
    second = bot_messages(page).last
    expect(second.locator(".cepa-sources")).to_contain_text("調整後每期要還多少？")

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
    expect(answer.locator(".cepa-sources")).to_contain_text("Source:")
    answer.get_by_role("button").filter(has_text="national treatment").click()
    expect(bot_messages(page)).to_have_count(2, timeout=30_000)
    expect(bot_messages(page).last).to_contain_text("from 62 to 69")
    bot_messages(page).last.get_by_role("button", name="Not helpful", exact=True).click()
    expect(
        bot_messages(page).last.get_by_role("button", name="Not helpful", exact=True)
    ).to_have_attribute("aria-pressed", "true")
    expect(bot_messages(page).last).to_contain_text("Thank you for your feedback")
    page.reload()
    expect(page.get_by_role("heading")).to_have_text("CEPA enquiry assistant")
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
