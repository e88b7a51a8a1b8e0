"""The Telegram channel (python-telegram-bot), running inside the gateway's event loop.

Production runs in webhook mode (TELEGRAM_WEBHOOK_URL set): Telegram posts each update to
`/telegram/webhook` on any gateway replica; the route accepts it only with the configured
secret-token header and answers once the update has been handled, so an update a dying replica
did not finish is delivered again. What a chat needs between updates (button payloads, the
latest buttons, the chosen language) is in the shared database (bot/telegram_state.py), so a
button sent by one replica works when pressed on another.

Without TELEGRAM_WEBHOOK_URL the gateway long-polls: for one developer machine only, since
Telegram hands updates to a single getUpdates caller.

Each chat is the conversation `tg:<chat id>` (bot/turns.py), so it keeps its own conversation
and no web or API client can reach it.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Update
from telegram.constants import ChatAction, ParseMode
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.chat import ChatResponse, ReplyOut
from bot.rasa_client import RasaUnavailable
from bot.settings import TelegramChannelSettings
from bot.telegram_state import ChatState, TelegramState
from bot.telegram_text import (
    LANG_NAMES,
    LANG_PREFIX,
    STOP_PAYLOAD,
    is_callback_key,
    reply_html,
    say,
)
from bot.turns import RateLimited, Turns, conversation_id
from knowledge.language import lang_or_default

logger = logging.getLogger(__name__)

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)  # a source link needs no preview card
# Starts a conversation over (bot/restart.py), given its id (`tg:<chat id>`).
Restart = Callable[[str], Awaitable[None]]


@dataclass(frozen=True)
class TelegramSettings:
    token: str
    base_url: str | None = None
    webhook_url: str | None = None
    webhook_secret: str | None = None
    public_url: str | None = None  # where users reach the gateway: source links point there

    @classmethod
    def from_settings(cls, settings: TelegramChannelSettings) -> TelegramSettings | None:
        """The channel's settings, or None when no bot token is configured (Telegram off)."""
        if not settings.telegram_bot_token:
            return None
        return cls(
            token=settings.telegram_bot_token,
            base_url=settings.telegram_base_url or None,
            webhook_url=settings.telegram_webhook_url or None,
            webhook_secret=settings.telegram_webhook_secret or None,
            public_url=settings.link_base or None,
        )


def _lang(chat: ChatState) -> str:
    """The language of the channel's own sentences: the one picked with /lang, if any.
    Kept per chat (the conversation is the chat's), not per user."""
    return lang_or_default(chat.lang)


def _chosen_lang(chat: ChatState) -> str | None:
    """The language picked with /lang: it reaches the dialogue as the UI language."""
    return chat.lang if chat.lang in LANG_NAMES else None


class TelegramChannel:
    def __init__(
        self,
        settings: TelegramSettings,
        turns: Turns,
        restart: Restart | None = None,
        state: TelegramState | None = None,
    ) -> None:
        self.settings = settings
        self.turns = turns
        self.restart = restart
        self.state = state or TelegramState()
        builder = Application.builder().token(settings.token)
        if settings.base_url:
            base = settings.base_url.rstrip("/")
            builder = builder.base_url(f"{base}/bot").base_file_url(f"{base}/file/bot")
        if settings.webhook_url:
            builder = builder.updater(None)
        self.app: Application[Any, Any, Any, Any, Any, Any] = builder.build()
        self.app.add_handler(CommandHandler("start", self.on_command))
        self.app.add_handler(CommandHandler("help", self.on_command))
        self.app.add_handler(CommandHandler("lang", self.on_lang))
        self.app.add_handler(CommandHandler("restart", self.on_restart))
        self.app.add_handler(CommandHandler("cancel", self.on_cancel))
        self.app.add_handler(CallbackQueryHandler(self.on_callback))
        self.app.add_handler(MessageHandler(filters.UpdateType.EDITED, self.on_edited))
        self.app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, self.on_text))
        self.app.add_handler(MessageHandler(~filters.TEXT & ~filters.COMMAND, self.on_other))
        self.app.add_error_handler(self.on_error)

    async def start(self) -> None:
        await self.app.initialize()
        await self.app.start()
        if self.settings.webhook_url:
            # Every replica registers the same URL and secret: doing it again changes nothing.
            await self.app.bot.set_webhook(
                self.settings.webhook_url.rstrip("/") + "/telegram/webhook",
                secret_token=self.settings.webhook_secret,
            )
        elif self.app.updater:
            await self.app.updater.start_polling(timeout=10, drop_pending_updates=False)

    async def stop(self) -> None:
        if self.app.updater and self.app.updater.running:
            await self.app.updater.stop()
        await self.app.stop()
        await self.app.shutdown()

    async def handle(self, data: object) -> None:
        """An update that arrived by webhook, handled before the request is answered (no queue
        that a dying process would lose). One handled before, by any replica, is not handled
        again. A handler's error is logged (on_error), not raised: an update that fails every
        time must not be delivered again and again."""
        try:
            update = Update.de_json(data, self.app.bot) if isinstance(data, dict) else None
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise ValueError("not a Telegram update") from exc
        if update is None:
            raise ValueError("a Telegram update is a JSON object")
        if await self.state.handled(update.update_id):
            return
        await self.app.process_update(update)
        await self.state.mark_handled(update.update_id)

    async def on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_message and update.effective_chat and update.message:
            key = "help" if (update.message.text or "").startswith("/help") else "start"
            chat = await self.state.chat(update.effective_chat.id)
            await update.effective_message.reply_text(say(key, _lang(chat)))

    async def on_lang(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """`/lang` offers the languages; `/lang en` (or zh-Hant, zh-Hans, pt) sets one at once."""
        if not update.effective_message or not update.effective_chat:
            return
        chat_id = update.effective_chat.id
        wanted = (context.args or [""])[0]
        code = next((c for c in LANG_NAMES if c.lower() == wanted.lower()), None)
        if code:
            await self.state.choose_lang(chat_id, code)
            await context.bot.send_message(chat_id, say("lang_set", code))
            return
        keyboard = [
            [InlineKeyboardButton(name, callback_data=f"{LANG_PREFIX}{code}")]
            for code, name in LANG_NAMES.items()
        ]
        chat = await self.state.chat(chat_id)
        await update.effective_message.reply_text(
            say("lang", _lang(chat)), reply_markup=InlineKeyboardMarkup(keyboard)
        )

    async def on_restart(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Start the conversation over: Rasa forgets the slots and any running form."""
        if not update.effective_chat or self.restart is None:
            return
        chat_id = update.effective_chat.id
        chat = await self.state.chat(chat_id)
        try:
            await self.restart(conversation_id("tg", str(chat_id)))
        except RasaUnavailable:
            await context.bot.send_message(chat_id, say("unavailable", _lang(chat)))
            return
        await self.state.forget_offered(chat_id)
        await context.bot.send_message(chat_id, say("restarted", _lang(chat)))

    async def on_cancel(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The cancel button of the form in progress, if one is asking; else say so."""
        if not update.effective_chat:
            return
        chat_id = update.effective_chat.id
        chat = await self.state.chat(chat_id)
        if STOP_PAYLOAD in chat.offered:
            await self.converse(chat_id, STOP_PAYLOAD, context, chat)
        else:
            await context.bot.send_message(chat_id, say("nothing_to_cancel", _lang(chat)))

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_chat and update.message and update.message.text:
            chat_id = update.effective_chat.id
            chat = await self.state.chat(chat_id)
            await self.converse(chat_id, update.message.text, context, chat)

    async def on_callback(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if not query or not query.data or not update.effective_chat:
            return
        chat_id = update.effective_chat.id
        await query.answer()
        if query.message is not None:
            # Answered: the buttons go, so that an old question cannot be answered again.
            await query.edit_message_reply_markup(reply_markup=None)
        if query.data.startswith(LANG_PREFIX) and (code := query.data[len(LANG_PREFIX) :]) in (
            LANG_NAMES
        ):
            await self.state.choose_lang(chat_id, code)
            await context.bot.send_message(chat_id, say("lang_set", code))
            return
        chat = await self.state.chat(chat_id)
        payload = query.data
        if is_callback_key(query.data):
            stored = await self.state.payload(query.data)
            if stored is None:  # purged after RETENTION_DAYS, or never made by this bot
                await context.bot.send_message(chat_id, say("stale_button", _lang(chat)))
                return
            payload = stored
        await self.converse(chat_id, payload, context, chat)

    async def on_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_message and update.effective_chat:
            chat = await self.state.chat(update.effective_chat.id)
            await update.effective_message.reply_text(say("not_text", _lang(chat)))

    async def on_edited(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_chat:
            chat_id = update.effective_chat.id
            chat = await self.state.chat(chat_id)
            await context.bot.send_message(chat_id, say("edited", _lang(chat)))

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        logger.error("telegram update failed: %s", type(context.error).__name__)

    async def converse(
        self, chat_id: int, text: str, context: ContextTypes.DEFAULT_TYPE, chat: ChatState
    ) -> None:
        await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
        try:
            response = await self.turns.take(
                "tg", str(chat_id), text[:2000], lang=_chosen_lang(chat)
            )
        except RateLimited as exc:
            text = say("slow_down", _lang(chat), seconds=exc.retry_after)
            await context.bot.send_message(chat_id, text)
            return
        except RasaUnavailable:
            await context.bot.send_message(chat_id, say("unavailable", _lang(chat)))
            return
        await self.send_response(chat_id, response, context)

    async def send_response(
        self, chat_id: int, response: ChatResponse, context: ContextTypes.DEFAULT_TYPE
    ) -> None:
        # Stored before they are sent, so that a press can land on any replica at once.
        keyboards = [[b.payload for b in r.buttons] for r in response.replies if r.buttons]
        keys = iter(await self.state.offer(chat_id, keyboards) if keyboards else [])
        for reply in response.replies:
            markup = None
            if reply.buttons:
                rows = [
                    [InlineKeyboardButton(button.title[:64], callback_data=key)]
                    for button, key in zip(reply.buttons, next(keys), strict=True)
                ]
                markup = InlineKeyboardMarkup(rows)
            await self._send_reply(chat_id, reply, markup, context)

    async def _send_reply(
        self,
        chat_id: int,
        reply: ReplyOut,
        markup: InlineKeyboardMarkup | None,
        context: ContextTypes.DEFAULT_TYPE,
    ) -> None:
        """The reply as Telegram HTML (paragraphs, lists, links, the ticket as code)."""
        pieces = reply_html(reply, self.settings.public_url)
        for i, piece in enumerate(pieces):
            last = i == len(pieces) - 1
            await context.bot.send_message(
                chat_id,
                piece,
                parse_mode=ParseMode.HTML,
                reply_markup=markup if last else None,
                link_preview_options=NO_PREVIEW,
            )
