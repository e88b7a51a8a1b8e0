"""What the Telegram channel says and how replies are shaped for Telegram (pure functions): the
channel's own sentences, HTML, length limits, callback data."""

from __future__ import annotations

import hashlib
import html

from bot.chat import ReplyOut
from bot.formatting import telegram_html

MAX_TEXT = 4096  # Telegram's limit for one message
MAX_CALLBACK_DATA = 64  # bytes
# The cancel button every form question offers (actions/forms.py STOP_PAYLOAD): `/cancel` sends
# it when the latest question offered it.
STOP_PAYLOAD = '/deny{"answer_to":"stop"}'
# Callback data that stands for a payload too long to travel itself (bot/telegram_state.py).
KEY_PREFIX = "k:"
LANG_PREFIX = "lang:"  # the /lang keyboard's buttons: `lang:<code>`

# The channel's own sentences, one source each; `slow_down` takes `{seconds}`.
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
    "stale_button": {
        "zh-Hant": "這個按鈕已經過期。請重新輸入你的問題。",
        "zh-Hans": "这个按钮已经过期。请重新输入你的问题。",
        "en": "This button has expired. Please type your question again.",
        "pt": "Este botão já expirou. Escreva de novo a sua pergunta.",
    },
}  # fmt: skip
LANG_NAMES = {"zh-Hant": "繁體中文", "zh-Hans": "简体中文", "en": "English", "pt": "Português"}


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Pieces of at most `limit` characters, cut at paragraph, then line, then space breaks."""
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(" "))
        if cut < limit // 2:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest.strip() or not pieces:
        pieces.append(rest)
    return pieces


def reply_html(reply: ReplyOut, base_url: str | None = None, limit: int = MAX_TEXT) -> list[str]:
    """The reply as Telegram HTML messages of at most `limit` characters: its blocks (bot/formatting)
    joined by blank lines; a block too long for one message is sent as escaped plain text pieces.
    Links to the gateway's own pages (sources) need `base_url`, else they stay text."""
    if not reply.blocks:
        return [html.escape(p, quote=False) for p in split_text(reply.text, limit)]
    messages: list[str] = []
    current = ""
    for block in reply.blocks:
        part = telegram_html(block, base_url)
        if len(part) > limit:
            plain = "".join(s.text for s in block.spans) or "\n".join(
                "".join(s.text for s in item) for item in block.items
            )
            parts = [html.escape(p, quote=False) for p in split_text(plain, limit)]
        else:
            parts = [part]
        for piece in parts:
            joined = f"{current}\n\n{piece}" if current else piece
            if len(joined) <= limit:
                current = joined
            else:
                messages.append(current)
                current = piece
    if current:
        messages.append(current)
    return messages


def callback_data(payload: str) -> str:
    """The payload itself when it fits in callback data (and cannot be taken for a key or a
    language button), else a short key for it, the same on every replica."""
    if len(payload.encode()) <= MAX_CALLBACK_DATA and not payload.startswith(
        (KEY_PREFIX, LANG_PREFIX)
    ):
        return payload
    return KEY_PREFIX + hashlib.sha256(payload.encode()).hexdigest()[:24]


def is_callback_key(data: str) -> bool:
    """Whether callback data is a key for a stored payload rather than the payload itself."""
    return data.startswith(KEY_PREFIX)
