"""Telegram through python-telegram-bot against a local server speaking the Bot API: the
session's gateway polling it (one developer machine), and several gateways in webhook mode on
one shared database (production), each update posted to the gateway a test picks."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.chat import ReplyOut
from bot.migrate import upgrade
from bot.settings import PROJECT_ROOT
from bot.stack import VENV_PYTHON, Stack
from bot.telegram_text import callback_data, is_callback_key, reply_html, say
from tests.e2e.conftest import PUBLIC_URL
from tests.e2e.fake_telegram import FakeTelegram
from tests.helpers import chat, rasa_tracker
from tests.services import free_port, postgres_available

pytestmark = pytest.mark.e2e


def test_same_answer_as_the_web_with_inline_buttons(stack: Stack, telegram: FakeTelegram) -> None:
    chat_id = 7001
    question = "我想了解調整援助計劃還款嘅措施"
    telegram.user_says(chat_id, question)
    answer = telegram.wait_for(chat_id, 1)[0]
    web = httpx.post(stack.gateway_url + "/api/chat",
                     json={"sender": uuid.uuid4().hex, "message": question}, timeout=60).json()  # fmt: skip
    # The same reply, through the same formatter, as Telegram HTML with its source as a link.
    assert answer["parse_mode"] == "HTML"
    assert answer["text"] == reply_html(ReplyOut.model_validate(web["replies"][0]), PUBLIC_URL)[0]
    assert f'<a href="{PUBLIC_URL}/sources/' in answer["text"]
    keyboard = answer["reply_markup"]["inline_keyboard"]
    assert [row[0]["text"] for row in keyboard] == [
        b["title"] for b in web["replies"][0]["buttons"]
    ]

    telegram.user_clicks(chat_id, keyboard[0][0]["callback_data"])
    follow_up = telegram.wait_for(chat_id, 2)[1]
    assert "1,000澳門元" in follow_up["text"]
    assert any(method == "answerCallbackQuery" for method, _ in telegram.sent)


def test_commands_language_and_non_text_messages(telegram: FakeTelegram, stack: Stack) -> None:
    chat_id = 7002
    telegram.user_says(chat_id, "/start")
    assert "CEPA查詢助手" in telegram.wait_for(chat_id, 1)[0]["text"]
    telegram.user_says(chat_id, "/lang")
    choose = telegram.wait_for(chat_id, 2)[1]
    english = next(
        b[0] for b in choose["reply_markup"]["inline_keyboard"] if b[0]["text"] == "English"
    )
    telegram.user_clicks(chat_id, english["callback_data"])
    assert telegram.wait_for(chat_id, 3)[2]["text"] == "Language set to English."
    telegram.user_says(chat_id, "/help")
    assert "Type your question" in telegram.wait_for(chat_id, 4)[3]["text"]

    telegram.user_sends(chat_id, sticker={"file_id": "s1", "file_unique_id": "u1", "type": "regular",
                                          "width": 512, "height": 512, "is_animated": False,
                                          "is_video": False})  # fmt: skip
    assert "only read text" in telegram.wait_for(chat_id, 5)[4]["text"]
    telegram.user_sends(chat_id, voice={"file_id": "v1", "file_unique_id": "u2", "duration": 3})
    assert "only read text" in telegram.wait_for(chat_id, 6)[5]["text"]
    telegram.user_sends(
        chat_id, photo=[{"file_id": "p1", "file_unique_id": "u3", "width": 90, "height": 90}]
    )
    assert "only read text" in telegram.wait_for(chat_id, 7)[6]["text"]
    telegram.user_edits(chat_id, "edited text")
    assert "edited message" in telegram.wait_for(chat_id, 8)[7]["text"]

    telegram.user_says(chat_id, "When does the revised CEPA services agreement take effect?")
    assert "1 June 2020" in telegram.wait_for(chat_id, 9)[8]["text"]


def tracker(stack: Stack, chat_id: int) -> dict[str, Any]:
    return rasa_tracker(stack, f"tg:{chat_id}")


def test_lists_links_and_source_links_in_telegram_html(
    telegram: FakeTelegram, stack: Stack
) -> None:
    chat_id = 7101
    telegram.user_says(chat_id, "中央推出了哪些粵港澳大灣區建設惠澳政策措施？")
    answer = telegram.wait_for(chat_id, 1)[0]
    assert answer["parse_mode"] == "HTML"
    assert "\n1. 便利港澳居民在粵港澳大灣區內地城市購房\n2. " in answer["text"]
    assert "\n15. 支持港澳債券市場發展" in answer["text"]
    link = f'<a href="{PUBLIC_URL}/sources/gba-measures-overview?lang=zh-Hant">'
    assert link in answer["text"]
    view = httpx.get(stack.gateway_url + "/sources/gba-measures-overview?lang=zh-Hant")
    assert view.status_code == 200 and "中央推出粵港澳大灣區建設惠澳政策措施" in view.text

    # An answered keyboard goes away, so an old button cannot fire in a new context.
    first = answer["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    telegram.user_clicks(chat_id, first)
    telegram.wait_for(chat_id, 2)
    assert any(method == "editMessageReplyMarkup" for method, _ in telegram.sent)


def test_lang_reaches_the_dialogue(telegram: FakeTelegram, stack: Stack) -> None:
    chat_id = 7102
    telegram.user_says(chat_id, "/lang pt")
    assert telegram.wait_for(chat_id, 1)[0]["text"] == "Língua alterada para português."
    telegram.user_says(chat_id, "CEPA?")  # no language of its own: the chosen one applies
    reply = telegram.wait_for(chat_id, 2)[1]["text"]
    assert any(word in reply for word in ("Desculpe", "Fonte", "serviços")), reply  # Portuguese
    assert tracker(stack, chat_id)["latest_message"]["metadata"]["lang"] == "pt"

    telegram.user_says(chat_id, "/lang")
    keyboard = telegram.wait_for(chat_id, 3)[2]["reply_markup"]["inline_keyboard"]
    english = next(row[0] for row in keyboard if row[0]["text"] == "English")
    telegram.user_clicks(chat_id, english["callback_data"])
    assert telegram.wait_for(chat_id, 4)[3]["text"] == "Language set to English."
    telegram.user_says(chat_id, "CEPA?")
    telegram.wait_for(chat_id, 5)
    assert tracker(stack, chat_id)["latest_message"]["metadata"]["lang"] == "en"


def test_cancel_and_restart_commands(telegram: FakeTelegram, stack: Stack) -> None:
    chat_id = 7103
    telegram.user_says(chat_id, "/cancel")
    assert "沒有進行中" in telegram.wait_for(chat_id, 1)[0]["text"]

    telegram.user_says(chat_id, "我間公司可唔可以調整還款？")
    assert "援助計劃" in telegram.wait_for(chat_id, 2)[1]["text"]
    assert tracker(stack, chat_id)["active_loop"]["name"] == "check_repayment_eligibility_form"
    telegram.user_says(chat_id, "/cancel")
    telegram.wait_for(chat_id, 3)
    assert not tracker(stack, chat_id)["active_loop"]

    telegram.user_says(chat_id, "我間公司可唔可以調整還款？")
    telegram.wait_for(chat_id, 4)
    telegram.user_says(chat_id, "中小企業援助計劃")
    telegram.wait_for(chat_id, 5)
    assert tracker(stack, chat_id)["slots"]["scheme"]
    telegram.user_says(chat_id, "/restart")
    assert telegram.wait_for(chat_id, 6)[5]["text"] == "已重新開始對話。請輸入你的問題。"
    state = tracker(stack, chat_id)
    assert not state["active_loop"] and not state["slots"].get("scheme")
    telegram.user_says(chat_id, "/cancel")  # nothing is running any more
    assert "沒有進行中" in telegram.wait_for(chat_id, 7)[6]["text"]


# --- several gateways in webhook mode (production): any replica handles any update ----------

SECRET = "replica-webhook-secret"
GBA_QUESTION = "中央推出了哪些粵港澳大灣區建設惠澳政策措施？"


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The project database the gateways share, migrated as a deploy does."""
    if request.param == "postgresql":
        if not postgres_available():
            pytest.skip("PostgreSQL server binaries missing (scripts/ensure_services.sh)")
        url = str(request.getfixturevalue("pg_url"))
    else:
        url = f"sqlite:///{tmp_path / 'shared.db'}"
    upgrade(url)
    return url


@pytest.fixture
def bot_api() -> Iterator[FakeTelegram]:
    """Telegram for the webhook gateways: it posts updates to whichever gateway a test picks,
    as a load balancer in front of them would."""
    fake = FakeTelegram()
    yield fake
    fake.close()


@dataclass(frozen=True)
class Gateway:
    url: str
    process: subprocess.Popen[bytes]

    def kill(self) -> None:
        """Dies at once, as a replica whose machine fails: no clean shutdown."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


@contextmanager
def webhook_gateway(
    stack: Stack, bot_api: FakeTelegram, database_url: str, log: Path, **env: str
) -> Iterator[Gateway]:
    """One more gateway process in webhook mode on `database_url`, talking to the session's
    Rasa and action server (or `env`'s); yields it once it serves (Telegram is set up by then:
    the gateway registers the webhook before it accepts requests)."""
    port = free_port()
    environment = {
        **stack._env(),  # the same Rasa, action server and tokens as the session's gateway
        "DATABASE_URL": database_url,
        "TELEGRAM_BOT_TOKEN": "4242:TEST",
        "TELEGRAM_BASE_URL": bot_api.url,
        "TELEGRAM_WEBHOOK_URL": PUBLIC_URL,
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "PUBLIC_URL": PUBLIC_URL,
        **env,
    }
    command = [str(VENV_PYTHON), "-m", "bot.serve", "--host", "127.0.0.1", "--port", str(port)]
    url = f"http://127.0.0.1:{port}"
    with open(log, "ab") as out:
        proc = subprocess.Popen(command, cwd=PROJECT_ROOT, env=environment, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
    try:
        deadline = time.monotonic() + 120  # start-up only; nothing below is timed
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                httpx.get(url + "/healthz", timeout=10)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            raise RuntimeError(f"gateway on {port} did not come up; see {log}")
        assert bot_api.webhook_secret == SECRET  # it registered the webhook
        yield Gateway(url, proc)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def said(bot_api: FakeTelegram, gateway: Gateway, chat_id: int, text: str) -> dict[str, Any]:
    """The user's message delivered to one gateway; the bot's latest message to the chat,
    already sent when the webhook answered."""
    before = len(bot_api.messages_to(chat_id))
    assert bot_api.deliver(gateway.url, bot_api.says(chat_id, text)) == 200
    messages = bot_api.messages_to(chat_id)
    assert len(messages) > before, "the webhook answered before the update was handled"
    return messages[-1]


def pressed(bot_api: FakeTelegram, gateway: Gateway, chat_id: int, data: str) -> dict[str, Any]:
    before = len(bot_api.messages_to(chat_id))
    assert bot_api.deliver(gateway.url, bot_api.clicks(chat_id, data)) == 200
    messages = bot_api.messages_to(chat_id)
    assert len(messages) > before, "the webhook answered before the update was handled"
    return messages[-1]


def long_key(message: dict[str, Any]) -> str:
    """A button of the message whose payload was too long for Telegram: only a key travels."""
    keyboard = message["reply_markup"]["inline_keyboard"]
    return next(
        str(row[0]["callback_data"]) for row in keyboard if is_callback_key(row[0]["callback_data"])
    )


def test_a_button_sent_by_one_gateway_is_understood_by_another(
    stack: Stack, bot_api: FakeTelegram, shared_db: str, tmp_path: Path
) -> None:
    chat_id = 7201
    with (
        webhook_gateway(stack, bot_api, shared_db, tmp_path / "a.log") as a,
        webhook_gateway(stack, bot_api, shared_db, tmp_path / "b.log") as b,
    ):
        key = long_key(said(bot_api, a, chat_id, GBA_QUESTION))
        # The same question and button on the web: the reply Telegram has to give.
        sender = uuid.uuid4().hex
        web = chat(stack, GBA_QUESTION, sender)
        payload = next(
            button["payload"]
            for button in web["replies"][0]["buttons"]
            if callback_data(button["payload"]) == key
        )
        expected = chat(stack, payload, sender)["replies"][0]

        follow_up = pressed(bot_api, b, chat_id, key)
        assert follow_up["text"] == reply_html(ReplyOut.model_validate(expected), PUBLIC_URL)[0]
        assert tracker(stack, chat_id)["latest_message"]["text"] == payload


def test_language_and_offered_cancel_are_shared_between_gateways(
    stack: Stack, bot_api: FakeTelegram, shared_db: str, tmp_path: Path
) -> None:
    chat_id = 7202
    with (
        webhook_gateway(stack, bot_api, shared_db, tmp_path / "a.log") as a,
        webhook_gateway(stack, bot_api, shared_db, tmp_path / "b.log") as b,
    ):
        assert said(bot_api, a, chat_id, "/lang en")["text"] == "Language set to English."
        said(bot_api, b, chat_id, "CEPA?")  # no language of its own: the chosen one applies
        assert tracker(stack, chat_id)["latest_message"]["metadata"]["lang"] == "en"
        assert "Type your question" in said(bot_api, b, chat_id, "/help")["text"]

        said(
            bot_api, a, chat_id, "我間公司可唔可以調整還款？"
        )  # the form asks, with a cancel button
        assert tracker(stack, chat_id)["active_loop"]["name"] == "check_repayment_eligibility_form"
        said(bot_api, b, chat_id, "/cancel")  # B knows what A offered
        assert not tracker(stack, chat_id)["active_loop"]


def test_buttons_and_language_survive_a_restart_of_the_gateways(
    stack: Stack, bot_api: FakeTelegram, shared_db: str, tmp_path: Path
) -> None:
    chat_id = 7203
    with webhook_gateway(stack, bot_api, shared_db, tmp_path / "a.log") as a:
        said(bot_api, a, chat_id, "/lang en")
        key = long_key(said(bot_api, a, chat_id, GBA_QUESTION))
    # Every gateway that saw the chat is gone; a new process reads what they stored.
    with webhook_gateway(stack, bot_api, shared_db, tmp_path / "c.log") as c:
        reply = pressed(bot_api, c, chat_id, key)
        assert reply["text"] != say("stale_button", "en")
        latest = tracker(stack, chat_id)["latest_message"]
        assert callback_data(latest["text"]) == key and latest["metadata"]["lang"] == "en"
        # A key nobody stored (or one purged after RETENTION_DAYS): a clear message.
        assert pressed(bot_api, c, chat_id, "k:" + "0" * 24)["text"] == say("stale_button", "en")


@contextmanager
def silent_rasa() -> Iterator[str]:
    """A Rasa address that takes connections and never answers: a turn waits there, so a test
    can catch a gateway in the middle of an update."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(16)
        yield f"http://127.0.0.1:{server.getsockname()[1]}"


def test_an_update_a_dying_gateway_did_not_finish_is_delivered_again(
    stack: Stack, bot_api: FakeTelegram, tmp_path: Path
) -> None:
    chat_id = 7204
    database = f"sqlite:///{tmp_path / 'shared.db'}"
    upgrade(database)
    update = bot_api.says(chat_id, "CEPA服務貿易協議幾時實施？")
    answers: list[int | str] = []

    def post(gateway: Gateway) -> None:
        try:
            answers.append(bot_api.deliver(gateway.url, update))
        except httpx.HTTPError as exc:
            answers.append(type(exc).__name__)

    with (
        silent_rasa() as rasa,
        webhook_gateway(stack, bot_api, database, tmp_path / "a.log", RASA_URL=rasa) as dying,
        webhook_gateway(stack, bot_api, database, tmp_path / "b.log") as b,
    ):
        delivery = threading.Thread(target=post, args=(dying,))
        delivery.start()
        bot_api.wait_for_call("sendChatAction", chat_id)  # the turn has begun on the dying one
        dying.kill()
        delivery.join()
        # No 200 for an update it did not finish: Telegram keeps it and sends it again.
        assert answers and answers[0] != 200, answers
        assert bot_api.messages_to(chat_id) == []
        reply = said_again(bot_api, b, chat_id, update)
        assert "2020" in reply["text"]  # answered in full by the other replica
        # Sent once more (say B's 200 was lost too): handled already, so no second answer.
        answered = bot_api.messages_to(chat_id)
        assert bot_api.deliver(b.url, update) == 200
        assert bot_api.messages_to(chat_id) == answered


def said_again(
    bot_api: FakeTelegram, gateway: Gateway, chat_id: int, update: dict[str, Any]
) -> dict[str, Any]:
    """Telegram's redelivery of the same update (same update_id) to another gateway."""
    assert bot_api.deliver(gateway.url, update) == 200
    return bot_api.messages_to(chat_id)[-1]
