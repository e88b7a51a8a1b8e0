"""The Telegram channel (python-telegram-bot), running inside the gateway's event loop.

Long polling by default; with TELEGRAM_WEBHOOK_URL set, Telegram posts updates to
`/telegram/webhook`, which accepts them only with the configured secret-token header.
Each chat is the conversation `tg:<chat id>` (bot/turns.py), so it keeps its own conversation
and no web or API client can reach it.
"""

from __future__ import annotations

import logging
import os
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
from bot.telegram_text import STOP_PAYLOAD, callback_data, reply_html
from bot.turns import RateLimited, Turns, conversation_id

logger = logging.getLogger(__name__)

TEXTS: dict[str, dict[str, str]] = {
    "start": {
        "zh-Hant": "你好！我是經濟局CEPA查詢助手，可以解答CEPA服務貿易協議、粵港澳大灣區惠澳措施、調整援助計劃還款等問題。請直接輸入你的問題。",
        "zh-Hans": "你好！我是经济局CEPA查询助手，可以解答CEPA服务贸易协议、粤港澳大湾区惠澳措施、调整援助计划还款等问题。请直接输入你的问题。",
        "en": "Hello! I am the CEPA enquiry assistant. Ask me about the CEPA Agreement on Trade in Services, the Greater Bay Area measures for Macao or the aid repayment adjustment.",
        "pt": "Olá! Sou o assistente de informações sobre o CEPA. Pergunte-me sobre o Acordo de Comércio de Serviços do CEPA, as medidas da Grande Baía ou o ajustamento dos reembolsos.",
    },
    "help": {
        "zh-Hant": "請用文字提問，例如「CEPA服務貿易協議幾時實施？」或「我間公司可唔可以調整還款？」。輸入「搵職員」可將問題轉交職員。\n/lang 更改語言\n/cancel 取消進行中的查核\n/restart 重新開始對話",
        "zh-Hans": "请用文字提问，例如「CEPA服务贸易协议什么时候实施？」或「我的公司能否调整还款？」。输入「转人工」可将问题转交职员。\n/lang 更改语言\n/cancel 取消进行中的查核\n/restart 重新开始对话",
        "en": "Type your question, e.g. \"When does the revised CEPA services agreement take effect?\" or \"Can my company adjust its repayment?\". Say \"talk to a person\" to reach staff.\n/lang changes the language\n/cancel stops the check in progress\n/restart starts the conversation over",
        "pt": "Escreva a sua pergunta, por exemplo \"Quando entra em vigor o acordo de serviços do CEPA?\". Diga \"falar com um funcionário\" para contactar os funcionários.\n/lang muda a língua\n/cancel pára a verificação em curso\n/restart recomeça a conversa",
    },
    "restarted": {
        "zh-Hant": "已重新開始對話。請輸入你的問題。",
        "zh-Hans": "已重新开始对话。请输入你的问题。",
        "en": "The conversation has started over. Please type your question.",
        "pt": "A conversa recomeçou. Escreva a sua pergunta.",
    },
    "nothing_to_cancel": {
        "zh-Hant": "現時沒有進行中的查核或表格可以取消。",
        "zh-Hans": "现时没有进行中的查核或表格可以取消。",
        "en": "There is no check or form in progress to cancel.",
        "pt": "Não há nenhuma verificação ou formulário em curso para cancelar.",
    },
    "lang": {
        "zh-Hant": "請選擇語言：", "zh-Hans": "请选择语言：", "en": "Choose a language:", "pt": "Escolha a língua:",
    },
    "lang_set": {
        "zh-Hant": "已改為繁體中文。", "zh-Hans": "已改为简体中文。", "en": "Language set to English.", "pt": "Língua alterada para português.",
    },
    "not_text": {
        "zh-Hant": "抱歉，我只能閱讀文字訊息，請以文字輸入你的問題。",
        "zh-Hans": "抱歉，我只能阅读文字信息，请以文字输入你的问题。",
        "en": "Sorry, I can only read text messages. Please type your question.",
        "pt": "Desculpe, só consigo ler mensagens de texto. Escreva a sua pergunta.",
    },
    "edited": {
        "zh-Hant": "我收到你修改過的訊息，但只會回覆新訊息。請重新發送你的問題。",
        "zh-Hans": "我收到你修改过的信息，但只会回复新信息。请重新发送你的问题。",
        "en": "I noticed an edited message, but I only answer new ones. Please send your question again.",
        "pt": "Recebi uma mensagem editada, mas só respondo a mensagens novas. Envie de novo a sua pergunta.",
    },
    "unavailable": {
        "zh-Hant": "暫時未能回覆，請稍後再試，或致電經濟局 85972343。",
        "zh-Hans": "暂时未能回复，请稍后再试，或致电经济局 85972343。",
        "en": "I cannot answer right now. Please try again later, or call the Economic Bureau on 85972343.",
        "pt": "De momento não consigo responder. Tente mais tarde ou ligue para a Direcção dos Serviços de Economia através do 85972343.",
    },
    "slow_down": {
        "zh-Hant": "訊息太多，請於 {seconds} 秒後再試。",
        "zh-Hans": "信息太多，请于 {seconds} 秒后再试。",
        "en": "Too many messages. Please try again in {seconds} seconds.",
        "pt": "Demasiadas mensagens. Tente de novo dentro de {seconds} segundos.",
    },
}  # fmt: skip
LANG_NAMES = {"zh-Hant": "繁體中文", "zh-Hans": "简体中文", "en": "English", "pt": "Português"}
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
    def from_env(cls) -> TelegramSettings | None:
        token = os.environ.get("TELEGRAM_BOT_TOKEN")
        if not token:
            return None
        return cls(
            token=token,
            base_url=os.environ.get("TELEGRAM_BASE_URL") or None,
            webhook_url=os.environ.get("TELEGRAM_WEBHOOK_URL") or None,
            webhook_secret=os.environ.get("TELEGRAM_WEBHOOK_SECRET") or None,
            public_url=os.environ.get("PUBLIC_URL")
            or os.environ.get("TELEGRAM_WEBHOOK_URL")
            or None,
        )


def _chosen_lang(context: ContextTypes.DEFAULT_TYPE) -> str | None:
    """The language picked with /lang, if any: it reaches the dialogue as the UI language.
    Kept per chat (the conversation is the chat's), not per user."""
    chosen = (context.chat_data or {}).get("lang")
    return str(chosen) if chosen in LANG_NAMES else None


def _choose_lang(context: ContextTypes.DEFAULT_TYPE, lang: str) -> None:
    if context.chat_data is not None:
        context.chat_data["lang"] = lang


def _lang(context: ContextTypes.DEFAULT_TYPE) -> str:
    return _chosen_lang(context) or "zh-Hant"


class TelegramChannel:
    def __init__(
        self, settings: TelegramSettings, turns: Turns, restart: Restart | None = None
    ) -> None:
        self.settings = settings
        self.turns = turns
        self.restart = restart
        self._payloads: dict[str, str] = {}  # callback key -> long payload
        self._offered: dict[int, set[str]] = {}  # chat id -> payloads of the latest buttons
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

    async def feed(self, data: dict[str, Any]) -> None:
        """An update that arrived by webhook."""
        await self.app.update_queue.put(Update.de_json(data, self.app.bot))

    async def on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_message and update.message and update.message.text:
            key = "help" if update.message.text.startswith("/help") else "start"
            await update.effective_message.reply_text(TEXTS[key][_lang(context)])

    async def on_lang(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """`/lang` offers the languages; `/lang en` (or zh-Hant, zh-Hans, pt) sets one at once."""
        if not update.effective_message or not update.effective_chat:
            return
        wanted = (context.args or [""])[0]
        code = next((c for c in LANG_NAMES if c.lower() == wanted.lower()), None)
        if code:
            _choose_lang(context, code)
            await context.bot.send_message(update.effective_chat.id, TEXTS["lang_set"][code])
            return
        keyboard = [
            [InlineKeyboardButton(name, callback_data=f"lang:{code}")]
            for code, name in LANG_NAMES.items()
        ]
        await update.effective_message.reply_text(
            TEXTS["lang"][_lang(context)], reply_markup=InlineKeyboardMarkup(keyboard)
        )

    async def on_restart(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Start the conversation over: Rasa forgets the slots and any running form."""
        if not update.effective_chat or self.restart is None:
            return
        chat_id = update.effective_chat.id
        try:
            await self.restart(conversation_id("tg", str(chat_id)))
        except RasaUnavailable:
            await context.bot.send_message(chat_id, TEXTS["unavailable"][_lang(context)])
            return
        self._offered.pop(chat_id, None)
        await context.bot.send_message(chat_id, TEXTS["restarted"][_lang(context)])

    async def on_cancel(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The cancel button of the form in progress, if one is asking; else say so."""
        if not update.effective_chat:
            return
        chat_id = update.effective_chat.id
        if STOP_PAYLOAD in self._offered.get(chat_id, set()):
            await self.converse(chat_id, STOP_PAYLOAD, context)
        else:
            await context.bot.send_message(chat_id, TEXTS["nothing_to_cancel"][_lang(context)])

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_chat and update.message and update.message.text:
            await self.converse(update.effective_chat.id, update.message.text, context)

    async def on_callback(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if not query or not query.data or not update.effective_chat:
            return
        await query.answer()
        if query.message is not None:
            # Answered: the buttons go, so that an old question cannot be answered again.
            await query.edit_message_reply_markup(reply_markup=None)
        if query.data.startswith("lang:") and query.data[5:] in LANG_NAMES:
            _choose_lang(context, query.data[5:])
            await context.bot.send_message(
                update.effective_chat.id, TEXTS["lang_set"][query.data[5:]]
            )
            return
        payload = self._payloads.get(query.data, query.data)
        await self.converse(update.effective_chat.id, payload, context)

    async def on_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_message:
            await update.effective_message.reply_text(TEXTS["not_text"][_lang(context)])

    async def on_edited(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_chat:
            await context.bot.send_message(
                update.effective_chat.id, TEXTS["edited"][_lang(context)]
            )

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        logger.error("telegram update failed: %s", type(context.error).__name__)

    async def converse(self, chat_id: int, text: str, context: ContextTypes.DEFAULT_TYPE) -> None:
        await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
        try:
            response = await self.turns.take(
                "tg", str(chat_id), text[:2000], lang=_chosen_lang(context)
            )
        except RateLimited as exc:
            text = TEXTS["slow_down"][_lang(context)].format(seconds=exc.retry_after)
            await context.bot.send_message(chat_id, text)
            return
        except RasaUnavailable:
            await context.bot.send_message(chat_id, TEXTS["unavailable"][_lang(context)])
            return
        await self.send_response(chat_id, response, context)

    async def send_response(
        self, chat_id: int, response: ChatResponse, context: ContextTypes.DEFAULT_TYPE
    ) -> None:
        for reply in response.replies:
            markup = None
            if reply.buttons:
                rows = []
                for button in reply.buttons:
                    key = callback_data(button.payload)
                    self._payloads[key] = button.payload
                    rows.append([InlineKeyboardButton(button.title[:64], callback_data=key)])
                markup = InlineKeyboardMarkup(rows)
                self._offered[chat_id] = {b.payload for b in reply.buttons}
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
