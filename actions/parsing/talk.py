"""What a message is, whatever the NLU read: small talk (greetings, thanks, goodbyes, reactions,
insults), and questions about the assistant itself (what it does, privacy, other users' data, how
current its information is, newer aid, how to reach the bureau, when staff answer, one's ticket).
"""

from __future__ import annotations

import re

from actions.parsing.answers import _POLITE
from knowledge.text import normalise, unaccented

# Small talk by its words (normalised), whatever the NLU read: a message of nothing but greetings,
# "how are you", thanks, goodbyes, "ok", "really?". Any other message that reads as a question is
# answered from the knowledge base when the NLU read small talk (actions/small_talk.py): "Who
# chaired it?" read as thanks, 「你好，请问CEPA是什么？」 as a greeting.
# Reactions ("cool", 「好嘢」): small talk, and no answer to an offer (`is_reaction`).
_REACTION_ZH, _REACTION_EN = r"好嘢|哈哈", r"cool|great|nice|haha"
_SOCIAL_WORD = (
    # acknowledgements and reactions first («哈哈好，明白» got "I still cannot answer", probe 5)
    rf"{_REACTION_ZH}|{_REACTION_EN}|明白|收到|了解|知道了|冇问题|没问题|got it|noted|i see|understood"
    r"|entendi|percebi|perfeito|ótimo|otimo|"
    r"你好|您好|哈[啰佬喽]|早晨|早安|午安|晚安|喂|拜拜|再见|谢谢|多谢晒?|唔该晒?|感谢|是吗|系咪|真的吗|真系|真的|真|好|好的|嗯|ok"
    r"|hi|hello|hey|good (?:morning|afternoon|evening)|how are you|bye|goodbye|thanks?|thank you"
    r"|okay|really|sure|olá|ola|bom dia|boa tarde|boa noite|tudo bem|como está|adeus|obrigad[oa]"
    r"|a sério|verdade|oi|you|呀|啊|啦|喇|吖|嘛|呢|吗|㗎|架|你|您|咁|噉"  # 「咁好啦 唔該」 (probe 12)
)
_SOCIAL = re.compile(rf"^(?:\W|_|(?:{_SOCIAL_WORD})(?![a-z]))+$")


# Thanks or goodbye (normalised): "ok thanks bye" and 「好的，谢谢」 close the exchange, and are no
# yes to the offer of staff (唔該 is "please" there: 「好，唔該」 is a yes).
_CLOSING = re.compile(
    r"谢谢|多谢|感谢|拜拜|再见|\b(?:thanks?|thank you|thx|cheers|bye|goodbye|adeus|tchau)\b|obrigad"
)


# Asking what the assistant can do or which languages it speaks (normalised): 「你能做什么？」,
# 「你識唔識講廣東話」, "what can you help with?", «Olá, fala português?» (the fifth probe got
# "not sure" or the scope sentence's "sorry, that is outside what I can help with").
_CAPABILITIES = re.compile(
    r"(?:你|您)(?:到底|究竟)?(?:能|可以|会|识)?(?:做|干|帮|帮到|帮我|帮助|解答|回答|答)(?:些)?"
    r"(?:什么|咩|乜|啲咩|哪些|边啲|啥)"
    r"|(?:你|您)(?:有)?(?:什么|咩|乜)(?:功能|用)"
    r"|(?:(?:你|您)?(?:会唔会|识唔识|会不会|能不能|可唔可以|可不可以)|(?:你|您)(?:会|识|能))(?:讲|说|用|听)"
    r"(?:广东话|粤语|普通话|国语|英文|英语|葡文|葡语|葡萄牙语|中文)"
    r"|\bwhat (?:can|do) you (?:do|help)|\bhow can you help\b|\bwhat are you for\b"
    r"|\b(?:can|do) you (?:speak|understand|write|reply in|answer in) [a-z]+(?:ese|ish|ian|ch|ic|an)\b"
    r"|\b(?:can|do) you (?:speak|understand|write) (?:english|chinese|cantonese|portuguese|thai|hindi)"
    r"|¿?\bhabla(?:s)? (?:español|espanol|inglés|ingles|chino|portugués|portugues)"  # probe 7
    r"|o que (?:é que )?(?:pode|podes|sabe|consegue) fazer|em que (?:me )?(?:pode|podes) ajudar"
    # 「閣下能提供哪些服務？」 (probe 7)
    r"|(?:你|您|阁下|你哋|你们)(?:能|可以|会)?提供(?:哪些|什么|咩|啲咩|边啲|乜嘢)(?:服务|帮助|协助)"
    r"|\bfala(?:s)? (?:português|portugues|inglês|ingles|chinês|chines)"
    # "what languages do you speak?" opened the hand-off (probe 8)
    r"|\b(?:what|which) languages?\b|\bque (?:línguas|idiomas)\b|(?:哪些|咩|边啲|什么|乜嘢)(?:语言|语文)"
)


# Spoken to the assistant itself ("are you a real person?", 「你係咪機械人」, «você é um robô?»).
_YOU = re.compile(r"\b(?:you|u|ur|your)\b|你|您|阁下|\b(?:você|voce|tu|és)\b")


def addresses_the_assistant(text: str) -> bool:
    return bool(_YOU.search(normalise(text)))


def asks_what_you_can_do(text: str) -> bool:
    return bool(_CAPABILITIES.search(normalise(text)))


# What the assistant does with what users type (normalised): "do you store my data?", 「你哋會唔會
# 記錄我講嘢」, «quem pode ver esta conversa?» were called out of scope or "not sure" (probe 5).
_DATA = (
    r"(?:data|chats?|conversations?|messages?|information|info|details|personal details|e-?mail"
    r"|name|phone(?: number)?|number|ip(?: address(?:es)?)?|address(?:es)?|location|history)"
)
_PRIVACY = re.compile(
    r"(?:记录|记低|录低|保存|储存|存储|保留|存低|收集|删除|删走)(?:低|住|咗)?(?:我|我哋|我们|本人)?(?:的|嘅|啲)?"
    r"(?:讲嘢|讲的|说的|讲过|说过|对话|聊天|倾偈|讯息|信息|资料|数据|个人资料|记录)"
    r"|(?:边个|谁|哪些人|什么人|咩人)(?:可以|会|能|能够)?(?:睇|看)(?:到|得到)?(?:我|我哋|我们)?(?:的|嘅)?"
    r"(?:讲嘢|对话|聊天|讯息|信息|资料|记录)|(?:私隐|隐私)(?!公署|专员|办公室)|个人资料(?:点|怎么|如何|会)"
    r"|(?:点|怎样|怎么|如何)(?:样)?(?:用|使用|处理|保存|保护)(?:我|我哋|我们|本人)?(?:的|嘅|啲)?(?:资料|数据|个人资料)"
    r"|(?:资料|数据|对话|记录|纪录)(?:会)?(?:俾|畀|给|被)(?:边个|谁|什么人|第三方|其他人)"
    r"|(?:对话|聊天|记录|纪录|资料|数据)(?:会|将)?(?:保存|保留|储存|存|留)(?:多久|几耐|几长|几多日|多长时间)"
    r"|\b(?:do|did|will|does|can|could) (?:you|this bot|the bot|it) (?:\w+ )?(?:store|keep|save|record|log|collect"
    r"|delete|share) (?:my|our|this|the|any|users'?) (?:\w+ )?"
    + _DATA
    + r"|\bwho (?:(?:at|in|from) (?:the )?[\w-]+ )?(?:can|will|gets to|could) (?:see|read|access)"
    r" (?:this|my|our|the) (?:\w+ )?"
    + _DATA
    + r"|\b(?:is|are) (?:this|my|our|the) (?:\w+ )?"
    + _DATA
    + r" (?:private|recorded|saved|stored"
    r"|kept|confidential|logged)|\bprivacy\b|\bwhat (?:happens|do you do) (?:to|with) my\b"
    r"|\b(?:guarda|guardam|grava|gravam|regist(?:a|am)|apaga|apagam|recolhe|recolhem)\w* (?:os |as )?"
    r"(?:meus |minhas |nossos |nossas )?(?:dados|conversas?|mensagens)|\bquem (?:pode|vai|consegue)"
    r" (?:ver|ler) (?:esta|a|as|estas|minha|minhas) (?:conversa|mensagen)|privacidade"
    r"|(?<!protecção de )(?<!proteção de )dados pessoais"
    # probe 7: 「會唔會記住我個名」, 「啲資料會點處理」, 「點解要我電話」, "what data do you keep
    # about me?", "please delete everything I typed", «o que acontece aos meus dados»
    # (「個人資料將保存多久」 is the "how long is it kept" rule above, with 将)
    r"|(?:记住|记得|留住|保存|保留)(?:我|我哋|我们|本人)(?:个|的|嘅|啲)?(?:名|名字|姓名|电话|电邮|email|资料)"
    r"|(?:资料|数据)(?:你|你哋|你们)?(?:会|将)?(?:点|怎样|怎么|如何)(?:样)?(?:处理|用|使用|保存|保护)"
    r"|(?:点解|为什么|为何|做咩)(?:要|需要)(?:我|我哋|我们)?(?:个|的|嘅|啲)?(?:电话|名|名字|姓名|电邮|email|资料)"
    r"|\bwhat (?:data|information|info|details) (?:do|will|did) you (?:keep|store|have|hold|save|collect)"
    r"|\bdelete (?:everything|all|what) (?:i|we) (?:typed|wrote|said|sent)|\bdelete my\b"
    r"|\bwhy do you need my\b|o que acontece (?:aos|com os|às|com as) (?:meus |minhas )?(?:dados|mensagens)"
    # probe 9: 「你記住咗我電話未」, 「你頭先記低咗我個名」, 「你哋會唔會將我電話俾第三方㗎」,
    # 「我同你講嘢會唔會被記錄」, "what do you do with the stuff I type here?", "please delete
    # everything you know about me" (and "do you store my IP address?", "who at DSE can read my
    # chats?" in the rules above)
    r"|(?:记住|记得|记低|记录|留住|留低|存低)(?:咗|了|低|住)(?:我|我哋|我们|本人)(?:个|的|嘅|啲)?"
    r"(?:名|名字|姓名|电话|电邮|email|资料|号码)"
    r"|(?:电话|资料|个人资料|数据|电邮|名|号码)\w{0,4}(?:俾|畀|给|卖|交|转|提供)(?:俾|畀|给)?(?:第三方|其他人|别人)"
    r"|\bthird[- ]part(?:y|ies)\b"
    r"|(?:讲嘢|讲的|说的|讲过|说过|对话|聊天|倾偈|讯息|信息|打嘅|打的|输入的)(?:会|会唔会|会不会|系咪|是否|有冇|有没有)?"
    r"(?:被|俾人|给人)(?:记录|记低|录低|保存|储存|存低|保留|睇|看)"
    r"|\bwhat (?:do|will|did) you do with (?:the |all the )?(?:stuff|things|text|messages?|words|what)"
    r" (?:i|we) (?:type|write|send|say|tell|enter)"
    r"|\b(?:delete|erase|remove|forget|wipe) (?:everything|all|anything|whatever) (?:you (?:know|have|hold"
    r"|store|kept|keep|stored|saved|got)|about me)"
    # probe 10: 「本人於此對話中提供的資料會否被保存？」 (p10-031), "do you keep a record of what I
    # type here?", "what exactly will you do with my data?" (p10-058), 「你哋個自動回覆會唔會將我
    # 講嘅嘢俾其他部門」 (p10-016): the scope sentence, or "I am an automated assistant"
    r"|(?:资料|个人资料|数据|对话|讯息|聊天记录)(?:会否|会唔会|会不会|会|将|是否)?被?(?:保存|保留|储存)"
    r"|\b(?:do|did|will|does|would) (?:you|this bot|the bot|it|this (?:chat|service)) (?:\w+ )?(?:keep"
    r"|store|save|make|have|log) (?:a )?(?:records?|logs?|copy|copies|history|transcripts?) of\b"
    r"|\bwhat (?:\w+ )?(?:happens|will happen|do you do|will you do|are you going to do|would you do"
    r"|will they do|will staff do) (?:to|with) (?:my|our)\b"
    r"|(?:将|把)(?:我|我哋|我们|本人)\w{0,8}(?:俾|畀|给|交|转|卖|提供|透露|泄露)(?:俾|畀|给|到)?"
    r"(?:第三方|其他|别人|别的|外人)"
    r"|(?:资料|个人资料|数据|电话|电邮|号码|对话|讯息|讲嘅嘢|讲的话|说的话|讲嘢)\w{0,4}(?:俾|畀|给|卖|交|转"
    r"|提供|透露|泄露)(?:俾|畀|给|到)?(?:其他部门|其他政府部门|其他机构|别的部门|外人)"
    r"|\b(?:share|pass|give|send|sell|forward|disclose|show)\w* (?:what (?:i|we) (?:say|said|type|typed"
    r"|write|wrote|tell you)|(?:my|our) (?:\w+ )?(?:data|details|information|info|messages?|chats?"
    r"|conversations?|number|name|e-?mail)) (?:with|to) (?:other|another|third|outside|any other)\b"
    r"|\b(?:dados|conversas?|mensagens|contactos)\b[^.?!]{0,25}\b(?:partilh|compartilh|vend|pass|envi"
    r"|transmit|divulg|entreg)\w*[^.?!]{0,15}\b(?:com|a|aos?|às?) (?:outros|outras|terceiros)\b"
    r"|\bo que (?:é que )?(?:vão|vai|irão|fazem|faz|farão) (?:fazer )?(?:com|a|aos|às) (?:os |as )?"
    r"(?:meus|minhas|nossos|nossas) (?:dados|contactos|mensagens|informaç)"
    r"|\bpara (?:que|quê) (?:usam|utilizam|vão usar|servem) (?:os |as )?(?:meus|minhas|nossos|nossas)\b"
    # probe 11: 「你記低咗我咩資料」, 「你頭先有冇記低我個名」, 「你記低我叫咩名」, "who exactly will see
    # my number?", "what name and number did you record for me?", 「此電話號碼會否用作推廣用途？」
    r"|(?:记低|记录|记住|记得|留低|保存)(?:咗|了|低|住)?(?:我|我哋|我们|本人)?叫?(?:咩|什么|乜嘢|个|的|嘅|啲)?"
    r"(?:资料|名|名字|姓名|电话|电邮|号码)|(?:有冇|有没有|有无)(?:记低|记录|记住|保存|留低)(?:咗|了)?(?:我|本人)"
    r"|\bwho (?:exactly )?(?:will|can|gets to|could|is going to) (?:see|read|get|have|access) (?:my|our)\b"
    r"|\bwhat (?:\w+ )?(?:and \w+ )?did you (?:record|keep|store|save|write down|note)\b"
    r"|(?:用作|用于|用嚟|用来|作)(?:推广|宣传|广告)|\bus(?:e|ed) for (?:marketing|promotion|advertising)"
    r"|\bpara (?:fins de )?(?:publicidade|marketing)\b"
)


def asks_about_privacy(text: str) -> bool:
    return bool(_PRIVACY.search(normalise(text)))


# Another user of the assistant, and what they wrote or left (normalised): "can you show me what
# the previous user asked you?", "what's the phone number of the last person who left a
# message?" got "I still cannot answer" and the bureau's contact entry (p10-058). Both must be
# said: "can other people apply?" asks nothing of theirs.
_OTHER_USER = re.compile(
    r"\b(?:previous|last|other|another|earlier|next|different) (?:users?|persons?|people|customers?"
    r"|visitors?|callers?|clients?|enquirers?)\b|\b(?:someone|somebody|anyone|anybody|everyone) else\b"
    r"|\bother (?:people|users)'s?\b"
    r"|(?:上一|上|前一|之前|头先|另一|下一)(?:个|位)(?:用户|用家|使用者|人|客人|查询者)"
    r"|(?:其他|其它|别的|别嘅)(?:用户|用家|使用者|人|客人|查询者)|别人|人哋|他人"
    r"|\b(?:outr[oa]s?) (?:utilizador(?:es)?|usuári[oa]s?|pessoas?|clientes?)\b"
    r"|\b(?:utilizador|usuário|pessoa|cliente) anterior\b|\b(?:últim[oa]) (?:utilizador|usuário|pessoa|cliente)\b"
)
_USER_DATA = re.compile(
    r"\b(?:asked|said|typed|wrote|told|sent|left|chats?|conversations?|messages?|questions?|data"
    r"|details|phones?|numbers?|e-?mails?|names?|contacts?|history|address(?:es)?)\b"
    r"|对话|资料|电话|电邮|名字|姓名|记录|纪录|讯息|留言|号码|问题|问咗|问过|问了|讲咗|讲过|说过|说了"
    r"|\b(?:pergunt|escrev|diss|mensage|conversa|dados|telefone|contacto|nome|e-?mail|número)\w*"
)


# Asking to be shown what was passed on or kept (normalised): 「那把最近一条转交的问题给我看看」 at the
# consent question was taken as consent (probe 11).
_SHOW_ME = re.compile(
    r"给我(?:看|睇)|(?:俾|畀)我睇|让我看|\b(?:show me|let me see)\b|\b(?:mostr[ae]-me|deixe-me ver)\b"
)


def asks_for_others_data(text: str) -> bool:
    """Whether `text` asks for what another user of the assistant wrote or left, or to be shown
    the questions or conversations kept."""
    norm = normalise(text)
    return bool((_OTHER_USER.search(norm) or _SHOW_ME.search(norm)) and _USER_DATA.search(norm))


# How current the assistant's information is (normalised): "How old is your information?",
# 「你哋嘅資料幾時更新㗎？」, 「即係2019年嘅資料？」 were called out of scope (probe 7).
_HOW_CURRENT = re.compile(
    r"(?:你哋|你们|你|您|阁下)(?:嘅|的|啲)?(?:资料|资讯|信息|数据|答案|内容|嘢)(?:系|是)?"
    r"(?:几时|什么时候|何时|哪年|边年)(?:更新|嘅|的|出)"
    r"|(?:你哋|你们|你|您|阁下)(?:嘅|的|啲)?(?:资料|资讯|信息|数据|嘢)(?:系咪|是不是|是否)?(?:好|很|太)?"
    r"(?:旧|过时|最新)|啲嘢(?:系咪|是不是)?(?:好|很|太)旧"
    r"|(?:即系|即是|所以)?(?:系|是)?2019年?(?:嘅|的)(?:资料|资讯|信息|数据)"
    r"|(?:仲|还)(?:啱|合|适)(?:唔|不)?(?:啱|合)?用|\bhow (?:old|recent|current|up to date|up-to-date) is"
    r"|\b(?:is|are) (?:your|the|this) (?:\w+ )?(?:information|info|data|answers?) (?:\w+ )?"
    r"(?:up to date|up-to-date|current|outdated|old)|\bwhen (?:was|were|is) (?:your|the) (?:\w+ )?"
    r"(?:information|info|data|knowledge) (?:last )?updated|\bhow (?:old|recent) (?:are|is) your"
    r"|(?:informação|informações|dados|respostas) (?:\w+ )?(?:actualizad|atualizad|desactualizad"
    r"|desatualizad)|de quando (?:é|são) (?:a|as|os) (?:\w+ )?(?:informaç|dados|respostas)"
    r"|até (?:que|quando|qual) (?:data )?(?:vai|é|são|chega|vão) (?:a |as )?(?:sua |suas )?(?:informaç|dados)"
)


def asks_how_current(text: str) -> bool:
    return bool(_HOW_CURRENT.search(normalise(text)))


# Newer aid than the newsletter knows (normalised): "my fren say got new round of help this year"
# after a decision began the check again (probe 9).
_AID = r"(?:help|aid|support|subsid(?:y|ies)|loans?|relief|funding)"
_NEWER_AID = re.compile(
    rf"\bnew (?:round|rounds|batch|wave|phase) of {_AID}\b|\b(?:new|another) {_AID}\b"
    r"|(?:新一轮|另一轮|新)(?:嘅|的)?(?:援助|资助|支援|补贴|贷款|纾困)"
    r"|\bnov[oa]s? (?:ronda|rondas) de (?:apoios?|ajuda|subsídios)|\bnovos? (?:apoios?|subsídios?)\b"
    # other aid than the newsletter's: 「貴局現時有何其他援助？」 began the check (p10-026); not
    # another scheme named ("其他援助計劃", "other aid schemes")
    r"|(?:其他|其它|别的|另外|另外的)(?:嘅|的)?(?:援助|资助|支援|补贴|纾困|帮助)(?!计划)"
    rf"|\b(?:what|which|any) other {_AID}\b(?! schemes?\b| programmes?\b| plans?\b)"
    r"|\b(?:outros|outras) (?:apoios|ajudas|subsídios)\b(?! (?:do|de) plano)"
)


def asks_about_newer_aid(text: str) -> bool:
    return bool(_NEWER_AID.search(normalise(text)))


# Taking back what one gave (normalised): "actually delete my data, I don't want to proceed",
# 「唔好跟進喇，刪咗我資料啦」, «apaguem os meus dados» (probe 8: the repayment check began).
_WITHDRAW = re.compile(
    r"\b(?:delete|remove|erase|withdraw|cancel|wipe) (?:all )?(?:of )?(?:my|our|the) (?:\w+ )?"
    r"(?:data|details|name|e-?mail|phone|number|information|info|question|ticket|enquiry|request)"
    r"|\bdon'?t want to (?:proceed|continue|go on)\b"
    r"|(?:删除|删咗|删走|删掉|删|取消|撤回|收回)(?:返|晒)?(?:我|我哋|我们|本人)?(?:所有|全部|一切|晒)?(?:的|嘅|啲)?"
    r"(?:资料|个人资料|名|电话|电邮|问题|查询|个案)"
    r"|(?:唔好|不要|不用|唔使|无需|毋须)(?:再)?跟进"
    r"|\b(?:apag|elimin|retir|remov)\w* (?:os |as )?(?:meus |minhas |nossos )?(?:dados|contactos|pergunta)"
    r"|\bnão (?:quero )?(?:continuar|prosseguir)\b"
    # Probe 15 (after a ticket: the NLU read the check, the bureau's contact, "not sure", the
    # privacy notice): 「本人現撤回先前所作之同意，請刪除本人之個人資料。」, 「咁我而家唔想你哋有
    # 我電話，撤回啦」, «ja nao quero que guardem os meus dados, apaguem tudo», 「我不想让你们保留
    # 我的信息了，请全部删除」
    r"|(?:撤回|撤销|收回)[^,，。!?？！\s]{0,8}?(?:同意|授权|许可)"
    r"|(?:删除|删咗|删走|删掉|删|清除|销毁)(?:返|晒|埋)?(?:我|我哋|我们|本人)?(?:之|的|嘅|啲|个)?"
    r"(?:所有|全部|一切|晒)?(?:之|的|嘅|啲)?(?:个人)?(?:资料|信息|数据|电话|电邮|名字|姓名|联络)"
    r"|(?:请|麻烦|唔该|帮我|你哋|你们)?(?:全部|所有|通通|统统|一律|晒)(?:都)?(?:删除|删咗|删走|删掉|删晒|清除)"
    r"|(?:唔想|不想|唔愿意|不愿意)(?:再)?(?:让|俾|畀|给)?(?:你哋|你们|贵局|阁下|你)(?:再)?"
    r"(?:有|保留|保存|留住|留低|留|keep|存|记录|记住|记低|持有|拎住|储存)(?:住|低|着)?"
    r"(?:我|我的|我嘅|我啲|我个|本人)(?:的|嘅|啲|个|之)?(?:个人)?"
    r"(?:资料|信息|数据|电话|电邮|email|名|名字|姓名|联络|联系|号码|嘢)"
    r"|(?:唔好|不要|别|请勿)(?:再)?(?:保留|保存|留住|keep|记录|记住|储存)(?:住|低|着)?"
    r"(?:我|我的|我嘅|我啲|我个|本人)(?:的|嘅|啲|个|之)?(?:个人)?"
    r"(?:资料|信息|数据|电话|电邮|email|名|名字|姓名|联络|联系|号码|嘢)"
    r"|(?<!点样)(?<!怎样)(?<!怎么)(?<!如何)(?<!点)撤回(?:啦|喇|吧|了|咗|呀|啊|la|lah)?[。.!！~\s]*$"
    r"|\b(?:delete|erase|remove|wipe) (?:it all|everything|all of it|all that)\b"
    r"|\b(?:don'?t|do not|no longer) (?:want (?:you|u) to )?(?:keep|store|hold|retain|save)"
    r" (?:any of )?my\b|\b(?:don'?t|do not|no longer) want (?:you|u) to have (?:any of )?my\b"
    r"|\b(?:apag|elimin)\w* (?:tudo|todos os (?:meus )?dados)\b"
    r"|\bn[ãa]o (?:quero|queremos) que (?:guardem|guarde|fiquem com|tenham|mantenham|registem"
    r"|conservem|guardar) (?:os meus|as minhas|o meu|a minha|nada|meus|minhas)"
)


def asks_to_withdraw(text: str) -> bool:
    return bool(_WITHDRAW.search(normalise(text)))


# Whether a withdrawal was done, asked after a ticket (normalised): 「請問閣下是否已處理本人之撤回
# 要求？」 (p15-015-9: "still cannot answer", the ticket open). Answered from the ticket's state.
_ASKS_IF_WITHDRAWN = re.compile(
    r"(?:处理|完成|执行|搞掂|搞定|跟进|做)(?:咗|了|好)?[^,，。!?？！]{0,6}(?:撤回|删除)(?:的|之|嘅)?"
    r"(?:要求|请求|申请|同意)"
    r"|(?:撤回|删除)(?:的|之|嘅)?(?:要求|请求|申请)[^,，。!?？！]{0,4}(?:处理|完成|搞掂|搞定|做|执行)"
    r"(?:咗|了|好)?(?:未|没|吗|冇|没有)"
    r"|(?:删|删除|删走|删掉)(?:咗|了|除|掉|走)(?:我|我的|我嘅|我啲|本人)?(?:的|嘅|啲)?(?:个人)?"
    r"(?:资料|信息|数据|电话|电邮|名字|姓名)?(?:未|没有|没|吗|冇)"
    r"|\b(?:have|did|has) (?:you|it|my \w+) (?:been )?(?:process|delete|remov|eras|withdr[ae]w|handl)\w*"
    r" (?:my |the )?(?:withdrawal|data|details|request|name|number|info|information)?"
    r"|\b(?:is|are|was|were) (?:my|the) (?:data|details|withdrawal|request|name|number|info|information)"
    r" (?:now )?(?:deleted|removed|erased|processed|withdrawn|gone|done)\b"
    r"|\b(?:já )?(?:apagaram|eliminaram|removeram|trataram|processaram)\b"
    r"|\b(?:os meus dados|o meu pedido|a minha retirada) (?:já )?(?:foi|foram) (?:apagad|eliminad|tratad|processad)"
    # Probe 16 (accents left out here: read `unaccented` too): 「請確認本人之個人資料是否已經刪除。」 (p16-015,
    # "not sure", the ticket open), 「所以微信号到底删了没有？」, 「即係而家你哋冇晒我個電話啦嘛？」,
    # "did you delete my phone number or not?", «e o nome Sofia Ribeiro que escrevi antes, tambem
    # foi apagado?» (p16-010: "not sure", and kept in the staff console unmasked)
    # (not 清单, a list: 「正面清單是否已刪除？」 asks of the CEPA negative list, tuning split)
    r"|(?:资料|信息|数据|电话|电邮|邮箱|(?<![清账帐菜订签报点])名|姓名|名字|号码|联络|问题|查询|转交"
    r"|(?<![清账帐菜名订保买报表])单(?![位独纯一程])|要求|请求|同意|嘢|email)"
    r"[^,，。!?？！]{0,8}?是否(?:已经?|经已)?(?:被)?(?:删除|删|清除|撤回|撤销|销毁|移除|注销)"
    r"|已(?:经)?(?:被)?(?:删除|删|清除|销毁|移除)(?:咗|了|晒|掉|走)?\W*(?:吗|未|没有|没|冇|嘛)"
    r"|(?:删|清除|销毁)(?:除|走|掉)?(?:咗|了|晒)(?:我|我的|我嘅|我啲|个|嗰个|那个)?\w{0,6}?"
    r"(?:未|没有|没|吗|冇|嘛)\W*$"
    r"|(?:冇晒|冇哂|无晒|没有了|已经冇|已经没有|冇咗|没了)(?:我|我的|我个|我嘅|我啲)?(?:个人)?"
    r"(?:资料|电话|电邮|名|名字|姓名|号码|email|联络|微信|邮箱)"
    r"|\b(?:was|were|is|are|has|have) (?:my|the) (?:\w+ ){0,2}?(?:data|details|name|number|e-?mail|contact"
    r"|ticket|request|question|info|information|message|address)(?: \w+)? (?:now |already |really |also "
    r"|actually )?(?:been )?(?:deleted|removed|erased|withdrawn|gone|cancell?ed|wiped|purged)\b"
    r"|\bdid you (?:really |actually |also )?(?:delete|remove|erase|wipe|purge)\b"
    r"|\bdid you (?:really |actually |also )?(?:cancel|withdraw) (?:my|the) (?:ticket|request|question"
    r"|enquiry|inquiry|complaint)\b"
    r"|\b(?:nome|e-?mail|dados|numero|telefone|contacto|pedido|pergunta|reclamacao|queixa|informac\w*)\b"
    r"[^.?!]{0,60}?\b(?:foi|foram|esta|estao|ficou|ficaram)\s+(?:(?:mesmo|tambem|ja|realmente|de facto"
    r"|bem)\s+)*(?:apagad|eliminad|removid|destruid|retirad|cancelad)"
)


def asks_if_withdrawn(text: str) -> bool:
    """Whether `text` asks whether one's withdrawal (or data's deletion) was done."""
    norm = normalise(text)
    return bool(_ASKS_IF_WITHDRAWN.search(norm) or _ASKS_IF_WITHDRAWN.search(unaccented(norm)))


# A reaction, no answer to an offer (normalised): "cool" and 「好嘢👍」 after "I can pass your
# question to our staff" opened the privacy notice (probe 5); 「好，唔該」 and "ok sure" accept.
_REACTION = re.compile(
    # (👋 too: a wave is a greeting or goodbye, no yes to staff, probe 7)
    rf"{_REACTION_ZH}|\b(?:{_REACTION_EN}|wow|lol)\b|[\U0001F44B\U0001F44D\U0001F600-\U0001F64F]"
)


def is_reaction(text: str) -> bool:
    return bool(_REACTION.search(normalise(text)))


def is_closing(text: str) -> bool:
    return bool(_CLOSING.search(normalise(text)))


# Taking leave (normalised), not thanks alone: "thx bye" inside the check (NLU: goodbye, 0.80)
# got "could not understand that answer" and the question again (probe 7); 遲啲先 ("later"),
# which the NLU may read as goodbye, says none of these.
_GOODBYE = re.compile(
    r"拜拜|再见|早唞|早抖|晚安|\b(?:bye|byebye|bye-bye|goodbye|good bye|see you|cya|good ?night|adeus|tchau"
    r"|até logo|ate logo|boa noite)\b"
)


def says_goodbye(text: str) -> bool:
    return bool(_GOODBYE.search(normalise(text)))


# Never mind (normalised), which with thanks or a goodbye and nothing else takes leave:
# 「算喇，唔該晒」 got "not sure" with topics and another offer of staff (probe 9).
_NEVER_MIND = re.compile(
    r"算(?:喇|啦|了|罢|吧)|唔使喇|不用了|never ?mind|forget it|deixa (?:estar|para lá)"
)
_LEAVING = re.compile(rf"^(?:\W|_|(?:{_NEVER_MIND.pattern}|{_SOCIAL_WORD}|tks|thx)(?![a-z]))+$")


def takes_leave(text: str) -> bool:
    """Whether `text` takes leave and says nothing else: a goodbye, or never mind with thanks."""
    norm = normalise(text).strip()
    if not _LEAVING.match(norm):
        return False
    thanked = _NEVER_MIND.search(norm) and (_CLOSING.search(norm) or _POLITE.search(norm))
    return bool(says_goodbye(norm) or thanked)


def is_social(text: str) -> bool:
    return bool(_SOCIAL.match(normalise(text).strip()))


# An insult or complaint about the assistant (normalised): 「你個廢柴」 (NLU: "are you a bot?")
# got "I am an automated assistant, not a person" (p10-020); no name either.
_COMPLAINT = re.compile(
    r"废柴|废物|白痴|弱智|智障|on9|戆居|戆鸠|低能|^\W*垃圾\W*$"
    r"|(?:你|你哋|你们|您|个bot|呢个bot|这个bot)\W{0,2}(?:真系|真是|真的|好|很|太|咁|都|系|是|成日|总是)*\W{0,2}"
    r"(?:垃圾|冇用|没用|无用|蠢|笨|傻|烦|差劲|废)"
    r"|\b(?:useless|stupid|idiot(?:ic)?|dumb|rubbish|garbage|pathetic|hopeless|ridiculous|annoying)\b"
    r"|\byou suck\b|\bsucks\b|\bwaste of (?:my )?time\b"
    r"|\b(?:inútil|inutil|estúpid[oa]|idiota|burr[oa]|péssim[oa]|ridícul[oa]|parv[oa])\b"
)


# Reproaching the assistant for repeating itself or being slow (normalised), even as a question:
# 「你一直重复同一段话，能不能认真回答」 got the same paragraph a fourth time, 「你这机器人回答太慢了，
# 而且老是重复，我要投诉」 "not sure" (probe 12).
_REPROACH = re.compile(
    r"(?:老是|一直|成日|总是|又再|又)重复|重复(?:同一|同样|咗|了)|答非所问|(?:回答|回复|覆)(?:得)?(?:太|好|很)慢"
    r"|\brepeat(?:ing|ed|s)? (?:yourself|itself|the same)|\bsame (?:answer|thing|paragraph|reply) (?:again|over)"
    r"|\bkeeps? (?:repeating|saying the same)|\bnot helpful\b|\bunhelpful\b"
    r"|sempre a mesma (?:coisa|resposta)|(?:está|estás) a repetir|não (?:me )?ajuda(?:s)? nada"
)


def complains(text: str) -> bool:
    norm = normalise(text)
    return bool(_COMPLAINT.search(norm) or _REPROACH.search(norm))


def reproaches(text: str) -> bool:
    """Whether `text` reproaches the assistant (repeating itself, slow), whatever else it asks."""
    return bool(_REPROACH.search(normalise(text)))


# How to reach the bureau (normalised): 「咁我點搵你哋」 after declining the hand-off (NLU: a
# person) reopened the privacy notice; "who do I contact?" after an answer repeated it.
_ASKS_HOW_TO_REACH = re.compile(
    r"点(?:样)?(?:可以)?(?:揾|联络|联系|打俾|打畀)(?:到)?(?:你哋|你们|贵局|经济局)|(?:怎么|怎样|如何)(?:样)?(?:可以)?"
    r"(?:联系|联络|找)(?:到)?(?:你们|贵局|经济局)|(?:打去|打电话去|打电话到|打俾|打畀)(?:边|哪)"
    r"|\bhow (?:do|can) (?:i|we) (?:contact|reach|call|e-?mail) (?:you|the bureau|the economic bureau)"
    r"|^\W*(?:so,? |and |then,? )?who (?:do|should|can) (?:i|we) (?:contact|call|ask)(?: then)?\W*$"
    r"|\bcomo (?:vos |os |o )?"
    r"(?:posso )?(?:contacto|contactar|contacte|contactá-los)|qual é o (?:telefone|contacto|e-mail)"
    r" d[ao] (?:dse|dsedt|dsede|direcção|direção)"
)


# Only the bureau's phone or e-mail asked for (normalised), after any answer: 「电话呢」, "and
# phone?", «e o email?» got the previous answer again (probe 11).
_ASKS_FOR_THE_CONTACT = re.compile(
    r"^\W*(?:(?:and|so|ok|thanks|thank you|e|então|entao|obrigad[oa]|那|咁|噉|那么|仲有|谢谢|唔该|好的|好|嗯)\W*)*"
    r"(?:what(?:'s| is)\s+|whats\s+|qual (?:é )?(?:o |a )?)?"
    r"(?:(?:your|ur|the|o|a|vosso|vossa|你哋|你们|贵局|经济局)\s*(?:的|嘅)?\s*)?"
    r"(?:phone(?: number| no\.?)?|tel(?:ephone)?|hotline|e-?mail(?: address)?|contacts?"
    r"|contact (?:number|details)|telefone|contacto|电话(?:号码)?|电邮(?:地址)?|邮箱|联络方法|联系方式)"
    r"(?:\s*(?:da dse|de vocês|de voces|do cepa|of the bureau|of dse))?"
    r"\s*(?:呢|嘅呢|的呢|是多少|是什么|系咩|系几多|几多号|多少|please|pls|por favor)?\W*$"
)


def asks_how_to_reach(text: str) -> bool:
    typed = normalise(text)
    return bool(_ASKS_HOW_TO_REACH.search(typed) or _ASKS_FOR_THE_CONTACT.match(typed))


# When staff will answer (normalised): 「咁幾時會覆我？」, «Quando me vão responder?» after a
# ticket got the scope sentence and another offer of staff (probe 6).
_ASKS_WHEN_ANSWERED = re.compile(
    r"几时(?:会|先)?(?:有人)?(?:覆|回复|回覆|答复|联络|联系|打俾|打畀|搵)(?:返)?我"
    r"|(?:什么时候|何时)(?:会)?(?:有人)?(?:回复|答复|联系|联络)(?:我|本人)"
    r"|\bwhen will (?:you|they|staff|someone|somebody|anyone|the staff) (?:reply|answer|respond|get back"
    r"|contact|call)"
    r"|\bhow long (?:will|until) (?:it|they|staff) (?:take|reply)|\bquando (?:me )?(?:vão|irão|vai)"
    r" (?:responder|contactar|ligar|dar resposta)"
)


def asks_when_answered(text: str) -> bool:
    return bool(_ASKS_WHEN_ANSWERED.search(normalise(text)))


# One's ticket reference (normalised): "thanks, what's my reference again?" after a ticket got
# "not sure" (probe 9).
_ASKS_REFERENCE = re.compile(
    r"\b(?:what(?:'s| is| was)|which is|give me|tell me) (?:my|the|our) (?:ticket |case )?"
    r"(?:reference|ref)\b|\b(?:my|our) (?:ticket |case )?(?:reference|ref)(?: number| no\.?)?(?: again)?\W*$"
    r"|参考编号(?:系|是)?(?:咩|什么|几多|多少|乜)|(?:我|我哋|我们)(?:个|的|嘅)参考编号"
    r"|\b(?:qual (?:é|era) )?(?:a )?(?:minha|nossa) (?:referência|referencia)"
)


def asks_for_reference(text: str) -> bool:
    return bool(_ASKS_REFERENCE.search(normalise(text)))
