"""Fixed replies of the small-talk and staff-contact actions, in the four reply languages.

The only facts here are the bureau's contact details, printed in the newsletter itself.
"""

from __future__ import annotations

from knowledge.language import Lang

HOTLINE = "85972343"
EMAIL = "info@cepa.gov.mo"

SMALL_TALK: dict[str, dict[Lang, str]] = {
    "greet": {
        "zh-Hant": "你好！我是CEPA查詢助手，可以解答CEPA服務貿易協議、粵港澳大灣區惠澳措施、調整援助計劃還款等問題。請問有咩可以幫到你？",
        "zh-Hans": "你好！我是CEPA查询助手，可以解答CEPA服务贸易协议、粤港澳大湾区惠澳措施、调整援助计划还款等问题。请问有什么可以帮到你？",
        "en": "Hello! I am the CEPA enquiry assistant. I can answer questions about the CEPA "
        "Agreement on Trade in Services, the Greater Bay Area measures for Macao, the aid "
        "repayment adjustment and more. How can I help?",
        "pt": "Olá! Sou o assistente de informações sobre o CEPA. Posso responder a perguntas "
        "sobre o Acordo de Comércio de Serviços do CEPA, as medidas da Grande Baía para Macau, "
        "o ajustamento dos reembolsos dos planos de apoio e outros temas. Em que posso ajudar?",
    },
    "goodbye": {
        "zh-Hant": "多謝查詢，再見！",
        "zh-Hans": "谢谢查询，再见！",
        "en": "Thank you for your enquiry. Goodbye!",
        "pt": "Obrigado pelo contacto. Até breve!",
    },
    "thank": {
        "zh-Hant": "唔使客氣！仲有其他問題可以隨時問我。",
        "zh-Hans": "不客气！还有其他问题可以随时问我。",
        "en": "You're welcome! Ask me anything else at any time.",
        "pt": "De nada! Pode fazer outra pergunta quando quiser.",
    },
    "bot_challenge": {
        "zh-Hant": "我是經濟局CEPA查詢的自動助手，不是真人。如需職員協助，可以話我知。",
        "zh-Hans": "我是经济局CEPA查询的自动助手，不是真人。如需职员协助，可以告诉我。",
        "en": "I am an automated assistant for CEPA enquiries, not a person. Tell me if you "
        "would like help from our staff.",
        "pt": "Sou um assistente automático para perguntas sobre o CEPA, não uma pessoa. Diga-me "
        "se precisar da ajuda de um funcionário.",
    },
    "prompt": {
        "zh-Hant": "請問你想了解哪方面？例如CEPA服務貿易協議、大灣區惠澳措施或調整援助計劃還款。",
        "zh-Hans": "请问你想了解哪方面？例如CEPA服务贸易协议、大湾区惠澳措施或调整援助计划还款。",
        "en": "What would you like to know? For example the CEPA services agreement, the Greater "
        "Bay Area measures or the aid repayment adjustment.",
        "pt": "O que gostaria de saber? Por exemplo, o acordo de serviços do CEPA, as medidas da "
        "Grande Baía ou o ajustamento dos reembolsos.",
    },
}

CONTACT_STAFF: dict[Lang, str] = {
    "zh-Hant": f"如需職員協助，請致電經濟局 {HOTLINE}，或電郵至 {EMAIL}。",
    "zh-Hans": f"如需职员协助，请致电经济局 {HOTLINE}，或电邮至 {EMAIL}。",
    "en": f"To reach our staff, please call the Economic Bureau on {HOTLINE} or e-mail {EMAIL}.",
    "pt": f"Para falar com os nossos funcionários, ligue para a Direcção dos Serviços de "
    f"Economia através do {HOTLINE} ou envie um e-mail para {EMAIL}.",
}


def small_talk_key(intent: str | None) -> str:
    return intent if intent in SMALL_TALK else "prompt"
