"""Fixed replies of the small-talk and staff-contact actions, in the four reply languages.

The only facts here are the bureau's contact details, printed in the newsletter itself.
"""

from __future__ import annotations

from knowledge.answer import BUREAU_EMAIL as EMAIL
from knowledge.answer import BUREAU_PHONE as HOTLINE
from knowledge.language import Lang
from knowledge.repayment import (
    MAX_ADJUSTMENTS_USED,
    MAX_INSTALMENT_AMOUNT,
    MAX_REMAINING_INSTALMENTS,
)

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
    # A cancel button or stop word when no check or hand-off is running.
    "stop_form": {
        "zh-Hant": "目前沒有進行中的查詢。請問你想了解哪方面？例如CEPA服務貿易協議、大灣區惠澳措施或調整援助計劃還款。",
        "zh-Hans": "目前没有进行中的查询。请问你想了解哪方面？例如CEPA服务贸易协议、大湾区惠澳措施或调整援助计划还款。",
        "en": "Nothing is in progress. What would you like to know? For example the CEPA services "
        "agreement, the Greater Bay Area measures or the aid repayment adjustment.",
        "pt": "Não há nada em curso. O que gostaria de saber? Por exemplo, o acordo de serviços do "
        "CEPA, as medidas da Grande Baía ou o ajustamento dos reembolsos.",
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


FORM_QUESTIONS: dict[str, dict[Lang, str]] = {
    "scheme": {
        "zh-Hant": "請問你的企業屬於哪一項援助計劃？",
        "zh-Hans": "请问你的企业属于哪一项援助计划？",
        "en": "Which aid scheme is your enterprise repaying?",
        "pt": "De que plano de apoio é a sua empresa beneficiária?",
    },
    "installment_due_date": {
        "zh-Hant": "想調整的那一期還款幾時到期？（例如：2020年5月 或 5/2020）",
        "zh-Hans": "想调整的那一期还款什么时候到期？（例如：2020年5月 或 5/2020）",
        "en": "When is the instalment you want to adjust due? (e.g. May 2020 or 5/2020)",
        "pt": "Quando vence a prestação que pretende ajustar? (por exemplo: Maio de 2020 ou 5/2020)",
    },
    "is_last_installment": {
        "zh-Hant": "這一期是否最後一期還款？",
        "zh-Hans": "这一期是否最后一期还款？",
        "en": "Is it the last instalment?",
        "pt": "É a última prestação?",
    },
    "grant_cancelled": {
        "zh-Hant": "你的援助批給有沒有被取消？",
        "zh-Hans": "你的援助批给有没有被取消？",
        "en": "Has your aid been cancelled?",
        "pt": "O apoio concedido à sua empresa foi cancelado?",
    },
    "adjustments_used": {
        "zh-Hant": "你之前已經調整過還款幾多次？（0、1 或 2）",
        "zh-Hans": "你之前已经调整过还款几次？（0、1 或 2）",
        "en": "How many times have you already adjusted a repayment? (0, 1 or 2)",
        "pt": "Quantas vezes já ajustou o reembolso? (0, 1 ou 2)",
    },
    "installment_amount": {
        "zh-Hant": "這一期原本要還多少澳門元？（不清楚可回答「唔知」）",
        "zh-Hans": "这一期原本要还多少澳门元？（不清楚可回答「不知道」）",
        "en": 'How much is the instalment, in MOP? (say "don\'t know" to skip)',
        "pt": 'Qual é o valor da prestação, em patacas? (responda "não sei" para saltar)',
    },
    "remaining_installments_after": {
        "zh-Hant": "這一期之後還有多少期還款？（不清楚可回答「唔知」）",
        "zh-Hans": "这一期之后还有多少期还款？（不清楚可回答「不知道」）",
        "en": 'How many instalments remain after this one? (say "don\'t know" to skip)',
        "pt": 'Quantas prestações faltam depois desta? (responda "não sei" para saltar)',
    },
}

FORM_HINT: dict[Lang, str] = {
    "zh-Hant": "抱歉，未能理解你的答案。",
    "zh-Hans": "抱歉，未能理解你的答案。",
    "en": "Sorry, I could not understand that answer.",
    "pt": "Desculpe, não percebi essa resposta.",
}

_MAX_AMOUNT = f"{int(MAX_INSTALMENT_AMOUNT):,}"  # 100,000,000
_MAX_AMOUNT_PT = _MAX_AMOUNT.replace(",", " ")  # 100 000 000

# Said before the next question when a number was beyond its slot's bound (actions/repayment_slots.py).
TOO_LARGE_HINTS: dict[str, dict[Lang, str]] = {
    "installment_amount": {
        "zh-Hant": f"抱歉，每期還款額不能超過 {_MAX_AMOUNT} 澳門元。",
        "zh-Hans": f"抱歉，每期还款额不能超过 {_MAX_AMOUNT} 澳门元。",
        "en": f"Sorry, an instalment can be at most MOP {_MAX_AMOUNT}.",
        "pt": f"Desculpe, o valor da prestação não pode exceder {_MAX_AMOUNT_PT} patacas.",
    },
    "remaining_installments_after": {
        "zh-Hant": f"抱歉，餘下的還款期數不能超過 {MAX_REMAINING_INSTALMENTS} 期。",
        "zh-Hans": f"抱歉，余下的还款期数不能超过 {MAX_REMAINING_INSTALMENTS} 期。",
        "en": f"Sorry, at most {MAX_REMAINING_INSTALMENTS} instalments can remain.",
        "pt": f"Desculpe, não podem faltar mais de {MAX_REMAINING_INSTALMENTS} prestações.",
    },
    "adjustments_used": {
        "zh-Hant": f"抱歉，已調整的次數不能超過 {MAX_ADJUSTMENTS_USED} 次。",
        "zh-Hans": f"抱歉，已调整的次数不能超过 {MAX_ADJUSTMENTS_USED} 次。",
        "en": f"Sorry, the number of adjustments can be at most {MAX_ADJUSTMENTS_USED}.",
        "pt": f"Desculpe, o número de ajustamentos não pode exceder {MAX_ADJUSTMENTS_USED}.",
    },
}

FORM_STOPPED: dict[Lang, str] = {
    "zh-Hant": "好的，已停止這次查詢。如有其他問題，歡迎再問。",
    "zh-Hans": "好的，已停止这次查询。如有其他问题，欢迎再问。",
    "en": "OK, I have stopped the check. Ask me anything else at any time.",
    "pt": "Muito bem, parei a verificação. Pode fazer outra pergunta quando quiser.",
}

YES_NO_BUTTONS: dict[Lang, tuple[str, str]] = {
    "zh-Hant": ("是", "否"),
    "zh-Hans": ("是", "否"),
    "en": ("Yes", "No"),
    "pt": ("Sim", "Não"),
}

SCHEME_LABELS: dict[str, dict[Lang, str]] = {
    "sme_aid": {"zh-Hant": "中小企業援助計劃", "zh-Hans": "中小企业援助计划",
                "en": "SME Aid Scheme", "pt": "Plano de Apoio a Pequenas e Médias Empresas"},
    "young_entrepreneurs_aid": {"zh-Hant": "青年創業援助計劃", "zh-Hans": "青年创业援助计划",
                                "en": "Young Entrepreneurs Aid Scheme",
                                "pt": "Plano de Apoio a Jovens Empreendedores"},
    "typhoon_hato_special_aid": {"zh-Hant": "受「天鴿」風災影響的中小企業特別援助計劃",
                                 "zh-Hans": "受「天鸽」风灾影响的中小企业特别援助计划",
                                 "en": "Special Aid Scheme for SMEs affected by Typhoon Hato",
                                 "pt": "Plano de Apoio Especial às PME afectadas pelo tufão Hato"},
}  # fmt: skip

PRIVACY_NOTICE: dict[Lang, str] = {
    "zh-Hant": "我可以將你的問題轉交經濟局職員跟進。為此需要收集你的姓名、聯絡方式及問題，並連同本次對話記錄一併交給職員；"
    "資料只用於回覆你的查詢，並按澳門《個人資料保護法》處理。你是否同意？",
    "zh-Hans": "我可以将你的问题转交经济局职员跟进。为此需要收集你的姓名、联络方式及问题，并连同本次对话记录一并交给职员；"
    "资料只用于回复你的查询，并按澳门《个人资料保护法》处理。你是否同意？",
    "en": "I can pass your question to Economic Bureau staff. To do so I need your name, a way to "
    "contact you and your question, which staff receive with this conversation. They are "
    "used only to answer your enquiry and handled under Macao's Personal Data Protection Act. "
    "Do you agree?",
    "pt": "Posso encaminhar a sua pergunta para os funcionários da Direcção dos Serviços de "
    "Economia. Para isso preciso do seu nome, de um contacto e da pergunta, que os funcionários "
    "recebem com esta conversa. Serão usados apenas para responder ao seu pedido, nos termos da Lei da "
    "Protecção de Dados Pessoais de Macau. Concorda?",
}

HANDOFF_QUESTIONS: dict[str, dict[Lang, str]] = {
    "contact_name": {
        "zh-Hant": "請問點稱呼你？",
        "zh-Hans": "请问怎么称呼你？",
        "en": "What is your name?",
        "pt": "Qual é o seu nome?",
    },
    "contact_detail": {
        "zh-Hant": "請留下電郵地址或電話號碼，方便職員聯絡你。",
        "zh-Hans": "请留下电邮地址或电话号码，方便职员联络你。",
        "en": "Please give an e-mail address or a phone number where staff can reach you.",
        "pt": "Indique um endereço de e-mail ou um número de telefone para os funcionários o contactarem.",
    },
    "handoff_question": {
        "zh-Hant": "請寫下你想職員跟進的問題。",
        "zh-Hans": "请写下你想职员跟进的问题。",
        "en": "Please write the question you would like staff to answer.",
        "pt": "Escreva a pergunta a que gostaria que os funcionários respondessem.",
    },
}

HANDOFF_SAME_QUESTION: dict[Lang, str] = {
    "zh-Hant": "是否跟進你剛才的問題：「{question}」？可以回答「係」，或寫下另一條問題。",
    "zh-Hans": "是否跟进你刚才的问题：「{question}」？可以回答「是」，或写下另一条问题。",
    "en": 'Should staff follow up your earlier question: "{question}"? Answer "yes", or write another question.',
    "pt": 'Os funcionários devem responder à sua pergunta anterior: "{question}"? Responda "sim" ou escreva outra pergunta.',
}

CONTACT_HINT: dict[Lang, str] = {
    "zh-Hant": "未能識別電郵或電話號碼（例如 name@example.com、66123456，或連國家／地區號碼 +852 91234567）。",
    "zh-Hans": "未能识别电邮或电话号码（例如 name@example.com、66123456，或连国家／地区号码 +852 91234567）。",
    "en": "I could not find a valid e-mail address or phone number (e.g. name@example.com, "
    "66123456, or with the country code: +852 91234567).",
    "pt": "Não reconheci um e-mail ou número de telefone válido (por exemplo name@example.com, "
    "66123456 ou, com o indicativo do país, +852 91234567).",
}

# {limit} is actions.parsing.MAX_NAME_LENGTH.
NAME_HINT: dict[Lang, str] = {
    "zh-Hant": "請只寫下你的姓名（一行、最多 {limit} 個字，不要包括電郵或電話）。",
    "zh-Hans": "请只写下你的姓名（一行、最多 {limit} 个字，不要包括电邮或电话）。",
    "en": "Please write just your name (one line, at most {limit} characters, no e-mail or phone).",
    "pt": "Escreva apenas o seu nome (numa linha, até {limit} caracteres, sem e-mail nem telefone).",
}

# {limit} is handoff.contract.MAX_TICKETS_PER_DAY.
TICKET_LIMIT_REACHED: dict[Lang, str] = {
    "zh-Hant": "今日這段對話已轉交職員 {limit} 次，已達每日上限，這次未有再轉交。如需協助，請致電經濟局 {phone} 或電郵至 {email}。",
    "zh-Hans": "今天这段对话已转交职员 {limit} 次，已达每日上限，这次没有再转交。如需协助，请致电经济局 {phone} 或电邮至 {email}。",
    "en": "This conversation has already passed {limit} questions to staff today, the daily limit, "
    "so this one was not sent. For help, call the Economic Bureau on {phone} or e-mail {email}.",
    "pt": "Esta conversa já encaminhou hoje {limit} perguntas para os funcionários, o limite "
    "diário, por isso esta não foi enviada. Para ajuda, ligue para a Direcção dos Serviços de "
    "Economia através do {phone} ou envie um e-mail para {email}.",
}

TICKET_CREATED: dict[Lang, str] = {
    "zh-Hant": "已將你的問題轉交職員，參考編號：{reference}。職員會在工作日內透過你提供的聯絡方式回覆。如有補充，可致電 {phone} 並提供參考編號。",
    "zh-Hans": "已将你的问题转交职员，参考编号：{reference}。职员会在工作日内通过你提供的联络方式回复。如有补充，可致电 {phone} 并提供参考编号。",
    "en": "Your question has been passed to our staff. Reference: {reference}. Staff will reply on a "
    "working day using the contact you gave. To add anything, call {phone} and quote the reference.",
    "pt": "A sua pergunta foi encaminhada para os funcionários. Referência: {reference}. Os "
    "funcionários responderão num dia útil através do contacto indicado. Para acrescentar algo, "
    "ligue para o {phone} indicando a referência.",
}

# When no SMTP relay is configured the ticket is only stored: no one is told, so the user must
# not be promised a reply, and gets the bureau's own contacts instead.
TICKET_RECORDED: dict[Lang, str] = {
    "zh-Hant": "已記錄你的問題，參考編號：{reference}。目前此服務未能自動通知職員，請致電經濟局 {phone} 或電郵至 {email}，並提供參考編號。",
    "zh-Hans": "已记录你的问题，参考编号：{reference}。目前此服务未能自动通知职员，请致电经济局 {phone} 或电邮至 {email}，并提供参考编号。",
    "en": "Your question has been recorded. Reference: {reference}. This service cannot notify "
    "staff at the moment, so please call the Economic Bureau on {phone} or e-mail {email} and "
    "quote the reference.",
    "pt": "A sua pergunta foi registada. Referência: {reference}. De momento este serviço não "
    "consegue avisar os funcionários; ligue para a Direcção dos Serviços de Economia através do "
    "{phone} ou envie um e-mail para {email}, indicando a referência.",
}

# The gateway could not be reached or did not file the ticket.
HANDOFF_UNAVAILABLE: dict[Lang, str] = {
    "zh-Hant": "抱歉，暫時未能記錄你的問題。請致電經濟局 {phone} 或電郵至 {email}。",
    "zh-Hans": "抱歉，暂时未能记录你的问题。请致电经济局 {phone} 或电邮至 {email}。",
    "en": "Sorry, your question could not be recorded just now. Please call the Economic "
    "Bureau on {phone} or e-mail {email}.",
    "pt": "Lamentamos, de momento não foi possível registar a sua pergunta. Ligue para a "
    "Direcção dos Serviços de Economia através do {phone} ou envie um e-mail para {email}.",
}

HANDOFF_DECLINED: dict[Lang, str] = {
    "zh-Hant": "明白，不會收集你的資料。如需協助，可致電經濟局 {phone} 或電郵至 {email}。",
    "zh-Hans": "明白，不会收集你的资料。如需协助，可致电经济局 {phone} 或电邮至 {email}。",
    "en": "Understood: none of your details will be collected. For help, call the Economic Bureau on {phone} or e-mail {email}.",
    "pt": "Compreendido: não serão recolhidos os seus dados. Para ajuda, ligue para a Direcção dos Serviços de Economia através do {phone} ou envie um e-mail para {email}.",
}

# Said before the question again when the user does not know a fact the decision needs: the
# newsletter names no document that holds it, so the bureau is the place to ask.
FORM_DONT_KNOW: dict[Lang, str] = {
    "zh-Hant": f"這一點會影響結果，我不能在未知的情況下作出判斷。如不確定，可致電經濟局 {HOTLINE} "
    f"或電郵至 {EMAIL} 查詢。知道後可以再回答，或按「取消」停止。",
    "zh-Hans": f"这一点会影响结果，我不能在未知的情况下作出判断。如不确定，可致电经济局 {HOTLINE} "
    f"或电邮至 {EMAIL} 查询。知道后可以再回答，或按「取消」停止。",
    "en": f"This fact decides the result, so I cannot judge your case without it. If you are not "
    f"sure, call the Economic Bureau on {HOTLINE} or e-mail {EMAIL}. Answer when you know, or "
    f"press Cancel to stop.",
    "pt": f"Este facto decide o resultado, por isso não posso avaliar o seu caso sem ele. Se não "
    f"tiver a certeza, ligue para a Direcção dos Serviços de Economia através do {HOTLINE} ou "
    f"envie um e-mail para {EMAIL}. Responda quando souber, ou carregue em Cancelar para parar.",
}

# Said before the privacy notice again when the user does not know whether to agree.
CONSENT_DONT_KNOW: dict[Lang, str] = {
    "zh-Hant": f"如同意，職員會用你留下的聯絡方式回覆；如不同意，我不會收集任何資料，你亦可直接致電經濟局 {HOTLINE}。",
    "zh-Hans": f"如同意，职员会用你留下的联络方式回复；如不同意，我不会收集任何资料，你也可以直接致电经济局 {HOTLINE}。",
    "en": f"If you agree, staff will reply using the contact you give; if not, nothing is "
    f"collected and you can call the Economic Bureau on {HOTLINE} directly.",
    "pt": f"Se concordar, os funcionários respondem através do contacto que indicar; se não, nada "
    f"é recolhido e pode ligar directamente para a Direcção dos Serviços de Economia através do "
    f"{HOTLINE}.",
}

# The buttons under form questions.
CANCEL_BUTTON: dict[Lang, str] = {
    "zh-Hant": "取消",
    "zh-Hans": "取消",
    "en": "Cancel",
    "pt": "Cancelar",
}
DONT_KNOW_BUTTON: dict[Lang, str] = {
    "zh-Hant": "唔知",
    "zh-Hans": "不知道",
    "en": "Don't know",
    "pt": "Não sei",
}
