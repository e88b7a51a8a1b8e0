"""The staff console in a real browser (Debian's chromium driven by Playwright) against the real
stack: a question the bot cannot answer, asked in the widget a moment earlier, reaches the
unanswered list (masked), an editor made with the CLI attaches it to an entry, and
`cepa-kb suggestions` prints it; logging out ends the session; anonymous visitors get the login
page and the API answers 401."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from bot.settings import PROJECT_ROOT
from bot.stack import Stack
from tests.e2e.test_widget_browser import browser

__all__ = ["browser"]  # the module-scoped chromium fixture of test_widget_browser.py
pytestmark = pytest.mark.e2e
PASSWORD = "staff console pass phrase"
# Cantonese, with a name and a Macao mobile number: neither may reach the console.
QUESTION = "我叫陳大文，電話 6612 3456，請問喺澳門註冊商標要幾多錢？"
MASKED = "我叫[name]，電話 [phone]，請問喺澳門註冊商標要幾多錢？"
ENTRY = "cepa-services-signing"
RATED = "我想了解調整援助計劃還款嘅措施"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1024, "height": 768})  # a tablet
    yield context.new_page()
    context.close()


def database_url(stack: Stack) -> str:
    return f"sqlite:///{Path(stack.var_dir) / 'cepa.db'}"


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, *args], input=stdin, cwd=PROJECT_ROOT, capture_output=True, text=True,
        check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done


def wait_recorded(stack: Stack, text: str) -> None:
    """The turn record is written off the request path: poll the API until it is there."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        rows = httpx.get(
            stack.gateway_url + "/admin/unanswered",
            headers={"authorization": "Bearer test-admin-token"},
            timeout=60,
        ).json()
        if any(r["text"] == text for r in rows):
            return
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never reached /admin/unanswered: {rows}")


def wait_rated(stack: Stack, text: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        rows = httpx.get(
            stack.gateway_url + "/admin/feedback?rating=down",
            headers={"authorization": "Bearer test-admin-token"},
            timeout=60,
        ).json()
        if any(r["question"] == text for r in rows):
            return
        time.sleep(0.2)
    raise AssertionError(f"the 👎 on {text!r} never reached /admin/feedback: {rows}")


def test_staff_review_an_unanswered_question_into_a_suggestion(stack: Stack, page: Page) -> None:
    # Anonymous: the console is the login page, the API is 401.
    for path in ("/admin/unanswered", "/admin/stats", "/admin/feedback", "/admin/tickets"):
        assert httpx.get(stack.gateway_url + path, timeout=30).status_code == 401, path
    page.goto(stack.gateway_url + "/admin/")
    expect(page).to_have_url(stack.gateway_url + "/admin/login")
    expect(page.get_by_role("heading", level=1)).to_have_text("登入")

    # A user asks the widget something the newsletter does not cover.
    page.goto(stack.gateway_url + "/")
    page.get_by_role("textbox").fill(QUESTION)
    page.get_by_role("textbox").press("Enter")
    reply = page.locator(".cepa-msg.cepa-bot:not(.cepa-error):not(.cepa-typing)").last
    expect(reply).to_be_visible(timeout=30_000)
    expect(reply.locator(".cepa-sources")).to_have_count(0)  # no knowledge answer
    wait_recorded(stack, MASKED)
    # …and gives 👎 to an answer.
    page.get_by_role("textbox").fill(RATED)
    page.get_by_role("textbox").press("Enter")
    answer = page.locator(".cepa-msg.cepa-bot:not(.cepa-error):not(.cepa-typing)").last
    expect(answer.locator(".cepa-sources")).to_have_count(1, timeout=30_000)
    answer.get_by_role("button", name="沒有幫助", exact=True).click()
    wait_rated(stack, RATED)

    # An editor made with the CLI (password on stdin) logs in.
    url = database_url(stack)
    run("-m", "console.cli", "--database-url", url, "add-user", "editor1", "--role", "editor",
        stdin=PASSWORD + "\n")  # fmt: skip
    page.goto(stack.gateway_url + "/admin/login")
    page.get_by_label("用戶名稱").fill("editor1")
    page.get_by_label("密碼").fill(PASSWORD)
    page.get_by_role("button", name="登入").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("概覽")
    expect(page.locator("#fig-messages")).not_to_have_text("0")
    assert page.locator("svg.chart").count() >= 1

    # The question is in the unanswered list, masked, and goes to an entry.
    page.get_by_role("navigation", name="控制台導覽").get_by_role(
        "link", name="未能回答的問題"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("未能回答的問題")
    item = page.locator("li.question").filter(has_text=MASKED)
    expect(item).to_have_count(1)
    expect(page.get_by_text("陳大文")).to_have_count(0)
    expect(page.get_by_text("6612 3456")).to_have_count(0)
    item.get_by_label("條目").select_option(ENTRY)
    item.get_by_role("button", name="加入為新問法").click()
    expect(page.get_by_role("status")).to_have_text("已記錄。")
    expect(page.locator("li.question").filter(has_text=MASKED)).to_have_count(0)

    # The developer's review file has it.
    printed = run("-m", "knowledge.cli", "suggestions", "--database-url", url).stdout
    assert f"id: {ENTRY}" in printed and MASKED in printed, printed

    # The 👎 answer, with its question and entry.
    page.get_by_role("link", name="意見回饋").click()
    rated = page.locator("tr").filter(has_text=RATED)
    expect(rated).to_have_count(1)
    expect(rated).to_contain_text("sme-repayment")

    # Logging out ends the session: the console is the login page again.
    page.get_by_role("button", name="登出").click()
    expect(page).to_have_url(stack.gateway_url + "/admin/login")
    page.goto(stack.gateway_url + "/admin/view/questions")
    expect(page).to_have_url(stack.gateway_url + "/admin/login")
    cookies = page.context.cookies()
    assert not any(c["name"] == "cepa_staff" and c["value"] for c in cookies)
