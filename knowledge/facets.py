"""Details a question asks for, and whether an entry's answer can state them.

Retrieval matches a question to the entry about the same thing, but a question can ask for a
detail that entry's answer does not hold: the Kimberley licence's fee, the wealth-management
connect's quota, how long an approval takes. Answering with the entry then looks like an answer
and is not one. Each facet pairs the words that ask for a detail (on `normalise`d text:
Simplified, lower case) with what an answer stating it must contain; `missing_detail` names the
first facet asked that none of the answered entries can state, and the service says so instead
of answering (knowledge/service.py). Written from the tuning queries (docs/benchmarks.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from knowledge.schema import Entry
from knowledge.text import chinese_nouns, normalise

Facet = Literal[
    "cost",
    "fee",
    "duration",
    "quota",
    "procedure",
    "documents",
    "download",
    "hours",
    "address",
    "hong_kong",
    "next_event",
    "opinion",
    "scheme",
    "form",
    "penalty",
    "ratio",
    "origin",
    "names",
    "deadline",
    "other_agreement",
    "tariff",
    "authority",
    "interest",
    "guarantee",
    "appeal",
    "validity",
    "online",
    "funding",
    "published",
    "plans",
    "head",
    "chair",
    "exam",
    "capital",
    "fax",
    "exports",
    "breakdown",
    "species",
    "restrictions",
    "founded",
    "venue",
    "frequency",
    "area",
    "transfer",
    "early_repayment",
    "status",
    "channel",
    "full_text",
    "polished",
    "services_trade",
    "speech",
    "named_only",
    "definition",
    "signed",
    "signatory",
    "rejection_reason",
    "results",
    "web_address",
    "other_department",
    "sector_list",
    "rejected",
    "requirements",
]
# A facet; a year the question names that the answer never mentions (or never gives a figure
# for, when a figure is asked); an occurrence of a meeting or conference (the third, 第一次)
# other than the ones the answer is about; a count of things the answer never counts; a "which"
# asked of things it never names; any detail of an item whose entry only says what it is; a
# service sector the answer's opening measures never name; or a figure for a country it never
# names.
Detail = Facet | Literal["year", "occurrence", "count", "which", "specifics", "sector", "place"]

# "… and Macao" after Hong Kong: both places, or the Greater Bay Area's name.
_AND_MACAO = r"[\s/&-]*(?:and|or|e|ou)?[\s/&-]*maca[ou]"
_FIGURE = (
    r"\d[\d,.]*\s*(?:亿|万|美元|澳门元|元|倍|%|billion|million|mil milhões|milhões|patacas|mop)"
    r"|(?:us\$|usd|mop\$?)\s*\d"
)
# Government departments other than the Economic Bureau (normalised), named in users' questions.
_OTHER_DEPARTMENTS = (
    r"海关|贸促局|投资促进局|\bipim\b|旅游局|劳工局|财政局|市政署|卫生局|警察|消防局|教育(?:及青年发展)?局"
    r"|\bcustoms\b|alfândega|trade and investment promotion|tourism office|turismo|labour affairs"
    r"|financial services bureau|finanças|municipal affairs|health bureau|serviços de saúde|police"
    r"|polícia|fire services|bombeiros|education and youth|educação"
)
_AMOUNT = r"\d[\d,.]*\s*(?:澳门元|元|patacas|mop)|(?:mop|澳门元|人民币)\s*\d"


@dataclass(frozen=True)
class FacetRule:
    asked: re.Pattern[str]
    # What an answer stating the detail contains; None: the assistant never states it.
    stated: re.Pattern[str] | None
    # Words that make the question about something else than this detail.
    unless: re.Pattern[str] | None = None


def _rule(asked: str, stated: str | None, unless: str | None = None) -> FacetRule:
    return FacetRule(
        re.compile(asked),
        re.compile(stated) if stated else None,
        re.compile(unless) if unless else None,
    )


FACETS: dict[Facet, FacetRule] = {
    "cost": _rule(
        r"几多钱|多少钱|几钱|价钱|价格|价值|总值|值多少|值几多|\bprice|\bcosts?\b|\bworth\b"
        r"|\b(?:total )?value (?:of|in)\b|\bcust(?:a|ava|ou|am|aram)\b|\bcusto\b|preço|\bvalor d[oa]s?\b|quanto val(?:e|ia|iam|em)\b"
        r"|\bqual (?:foi|era|é) o valor\b(?! acrescentado)|\bvalor\b[^?]{0,25}\bem (?:patacas|mop)\b",
        rf"{_AMOUNT}|{_FIGURE}",
    ),
    # A fee or charge: an amount the answer states is not one unless it is called a fee (the
    # repayment measure's MOP 1,000 is an instalment, not the application's fee).
    "fee": _rule(
        r"费用|收费|手续费|规费|申请费|缴费|付费|交费|\bfees?\b|\bcharges?\b|\btaxas?\b|emolumento"
        r"|(?:使唔使|洗唔洗|要唔要|需唔需要|需不需要|要不要|用不用|是否要|是否需要)(?:俾|畀|付|交|缴|给)钱"
        r"|收唔收钱|收不收钱|免唔免费|是否免费|是不是免费|系咪免费|is it free\b|\bfree of charge\?"
        r"|门票|入场费|入场券|\badmission\b|\bentry fee|\btickets? (?:cost|price)|\bbilhetes?\b|entrada paga"
        r"|(?:é|será) (?:gratuito|de graça)|tem (?:algum )?custo|(?:have|need) to pay (?:anything|a fee)",
        r"(?:费|fee|charge|custo|taxa|emolumento)[^。;；]{0,20}(?:" + _AMOUNT + r")"
        r"|免费|free of charge|no fee|gratuit|sem custos",
    ),
    "duration": _rule(
        # "how often" (几耐开一次会) asks a frequency, not a duration
        r"(?:多久|多长时间|几耐|几长时间)(?!\S{0,4}一次)|几多日|几多天|多少天|(?:几|多少)个?工作(?:日|天)|需时"
        r"|审批时间|处理时间|办理时间|(?:最长|最多|最少|需要|要|为期)(?:是|有)?(?:几多|几|多少)年|(?<![哪边])几天|(?<![月号哪边])几日(?!\S{0,2}(?:举行|开会|召开))|how long|how many years"
        r"|processing time|turnaround|(?<!em )quanto tempo|quantos anos|\bdemora|repayment period"
        # not 「還款期為2020年11月」, a due date
        r"|还款期(?!\s*[为是系在于]?\s*\d)|prazo de reembolso|período de reembolso"
        r"|prazo de (?:emissão|apreciação|resposta|tratamento)",
        r"\d+\s*(?:个)?(?:工作)?(?:日内|天|个月|星期|周|年期)|为期[一二两三四五六七八九十\d]+"
        r"|(?:\d+|one|two|three|four|five|six|seven)[ -](?:working )?(?:days?|weeks?|months?)"
        r"|\d+\s*(?:dias|semanas|meses)|(?:dois|duas|três) (?:dias|semanas|meses)"
        # an event's dates from first to last day say how long it lasted (「個大會搞咗幾多日？」
        # after the quality conference, 12月5日至6日, was "not given", p16-021)
        r"|\d+日至\d+日|\bfrom \d+ to \d+ (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
        r"|\bde \d+ a \d+ de\b",
    ),
    "quota": _rule(
        r"额度|限额|最高(?:援助|贷款|资助)?金额|最多(?:可以?)?借|\bquota|maximum amount"
        r"|investment limit|limit per|montante máximo|valor máximo|plafond|limite de investimento"
        r"|limite (?:máximo|por)",
        # an amount said to be the maximum; any amount would let the repayment measure's
        # MOP 1,000 answer the aid schemes' maximum loan
        # (not «até 31 de Dezembro», a date)
        r"(?:最高|上限|不超过|限额|额度|maximum|up to|at most|quota|até(?! \d{1,2} de )|máximo|limite)"
        r"[^。.;；]{0,30}\d",
    ),
    "procedure": _rule(
        r"(?:怎么|怎样|点样|点|如何|去边度|去哪里|在哪里|喺边度)(?:样)?(?:申请|报名|登记)"
        r"|申请(?:手续|程序|流程)|报名|(?:程序|流程|手续)(?:为何|是什么|是怎样|系点|系咩|有哪些)"
        r"|what (?:is|are) the (?:procedures?|process|steps) (?:to|for)"
        r"|(?:qual|quais) (?:é|são) (?:o|os) (?:procedimentos?|processo|passos) (?:para|de)"
        r"|procedimentos? para (?:registar|requerer|pedir|obter|candidatar)"
        r"|how (?:do|can|should) (?:i|we) (?:apply|register|sign up)|how to (?:apply|register)"
        r"|get (?:my |our )?\w* ?certified|application (?:procedure|process|form)"
        r"|como (?:me |nos )?(?:candidat|inscrev)"
        r"|como (?:posso |podemos |se pode |devo )?(?:pedir|requerer|solicitar|obter|candidatar)"
        r"|procedimentos? de candidatura|formulário",
        r"向[^。，,；;]{0,12}(?:申请|申领|提交|递交|提出)|填写|表格|网上|\bsubmit|apply (?:to|at|through)"
        r"|obtain [\w ]{0,40}from|application form|online|junto d[ao]|formulário|submeter",
    ),
    # Who may apply, asked of something whose answer names no conditions (probe 7: 「澳門產品優質
    # 認證計劃之申請條件為何？」 got the meeting that presented the scheme).
    "requirements": _rule(
        r"申请(?:的|嘅)?(?:条件|资格|要求)|(?:需要|要)(?:符合|满足)(?:什么|咩|哪些|边啲)(?:条件|要求)"
        r"|(?:有|需要|要)(?:什么|咩|哪些|边啲|乜嘢)(?:申请)?(?:条件|资格要求)"
        r"|what are the (?:requirements|criteria|conditions|eligibility criteria) (?:to|for) (?:apply|join|get|be)"
        r"|who (?:can|may|is eligible to) (?:apply|join)|requisitos (?:de|para) (?:candidatura|acesso|adesão)"
        r"|condições (?:de|para) (?:candidatura|acesso|adesão|candidatar)|quem (?:pode|se pode) candidatar",
        r"条件|资格|适用|condition|eligib|requirement|requisito|condiç|aplica",
    ),
    "documents": _rule(
        r"(?:准备|带|提交|交|需要)(?:什么|咩|乜|哪些|啲咩|啲乜|啲|边啲)?(?:材料|文件)|所需(?:提交|递交|准备)?之?(?:材料|文件)|(?:材料|文件)清单|证明文件"
        r"|what documents|documents? (?:do|are|needed|required)|paperwork|documentos|documentação",
        # (not the 原材料, raw materials, of the Kimberley overview: "What documents do I need to
        # apply for a Kimberley Process certificate?" was answered with it, blind23)
        r"文件|(?<!原)材料|证明|document|comprovativo",
    ),
    "download": _rule(
        r"下载|download|descarreg|baixar (?:o|a|os|as) (?:formulário|ficheiro|documento|impresso)"
        r"|onde (?:posso |se pode )?baixar"
        # a workshop's or a talk's handouts, asked for
        r"|讲义|课件|简报|\bhandouts?\b|\bslides\b|lecture notes|apresentações|diapositivos",
        r"下载|download|descarreg",
    ),
    "hours": _rule(
        r"办公时间|开放时间|营业时间|服务时间|几点(?:钟)?(?:开|关|收)"
        r"|office hours|opening hours|working hours|business hours|horário"
        # a day off, asked of the bureau's lines or office
        r"|^(?=.*(?:热线|电话|办公|开放|接听|上班|开门|hotline|phone|office|\bopen|answer|atend|linha"
        r"|telefone|abert|funciona)).*(?:(?:星期|礼拜)[六日天]|周末|周六|周日|公众假期|saturdays?"
        r"|sundays?|weekends?|public holidays?|sábados?|domingos?|fins? de semana|feriados?)",
        r"\d{1,2}[:：]\d{2}|\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)|\d+\s*点",
    ),
    "address": _rule(
        # an e-mail address is a contact, which the bureau's contact entry states
        r"(?<!邮)(?<!邮件)(?<!mail)(?<!mail )地址|办事处(?:在|喺)(?:哪|边)|(?:哪个|边个|哪一个)窗口|which counter|que balcão|(?<!mail )\baddress\b|where is (?:the|your) (?:office|bureau)"
        r"|morada|endereço(?!\s+(?:de\s+)?(?:e-?mail|correio)|\s+ele[c]?trónico)|onde fica",
        r"\d+\s*号|街|马路|大厦|\brua\b|avenida|\bav\.|street|road|edifício",
        unless=r"e-?mail|电邮|电子邮|correio ele",
    ),
    # The aid schemes' own terms (who can borrow, how much, a new loan): the knowledge base has
    # only the measure that adjusted their repayments, which a question about it names.
    "scheme": _rule(
        r"(?:援助计划|青创|aid scheme|plano de apoio)[^?？]*(?:条件|资格|贷款|借|最高|金额|requisit"
        r"|requirement|criteria|loan|borrow|empréstimo|montante|how much|quanto|申请|apply"
        r"|candidat"
        r"|new applications?|novas candidaturas)"
        r"|(?:条件|资格|requisit|requirement|criteria|新贷款|new loan|novo empréstimo|申请|apply"
        r"|candidat|new applications?|novas candidaturas|how much|quanto|多少|几多|总共|\blent\b"
        r"|\blend)[^?？]*"
        r"(?:援助计划|青创|aid scheme|plano de apoio)",
        None,
        unless=r"还款|调整|调低|下调|供款|措施|repay|adjust|instal|measure|reembols|ajust|prestaç|medida",
    ),
    # Hong Kong on its own (not "Hong Kong and Macao"): Macao's CEPA is not Hong Kong's.
    "hong_kong": _rule(
        r"(?<!澳门[和及与或、/])(?<!澳门)香港(?![和及与或、/]?澳门)"
        rf"|\bhk\b(?!{_AND_MACAO})|(?<!guangdong-)(?<!maca[ou] e )(?<!maca[ou] and )(?<!maca[ou]/)"
        rf"hong kong(?!{_AND_MACAO})",
        rf"香港|(?<!guangdong-)hong kong(?!{_AND_MACAO})"
        # a measure for "Hong Kong and Macao residents" covers Hong Kong's (probe 6: 「咁香港人可唔
        # 可以用？」 after measure 1 was told only Macao's arrangements are given)
        r"|港澳(?:居民|人士|专业|机构|企业|律师|青年)|hong kong and maca[ou] (?:residents|people"
        r"|professional|institution|enterprise|law|insurance|young)",
    ),
    # The next meeting, conference or edition: the newsletter reports what has happened.
    "next_event": _rule(
        r"再(?:次)?修订|下(?:一)?次修订|next revision|revised again|nova revisão|próxima revisão|voltar a ser revist|下一?次(?:会|会议|的会议)?|下一?届|下一轮|将于何时|几时再(?:开|举行)"
        r"|next (?:[\w-]+ ){0,8}(?:meeting|conference|edition|session|round|workshop|notification"
        r"|report|review)|next one"
        r"|when will (?:the )?.{0,80}(?:be held|take place|meet|hold)"
        r"|\b(?:e )?a próxima\b[^?]{0,12}\bquando\b|\bquando (?:é|será) a próxima\b"
        r"|próxim[oa]s? (?:reunião|conferência|edição|encontro|workshop|sessão|notificação"
        r"|relatório)"
        r"|(?:reunião|conferência|edição|encontro|workshop|sessão) [^?]{0,60}próxim[oa]",
        None,
    ),
    # "Do you think …": the assistant states facts, not views.
    "opinion": _rule(
        r"你觉得|你认为|你点睇|你怎么看|你的看法|do you think|in your opinion|your opinion"
        r"|your view|acha que|na sua opinião|a sua opinião"
        # advice on investing
        r"|(?:是否|适唔|适不)适合(?:作为|做)?[^。?？]{0,6}投资|(?:good|wise) investment|should i invest"
        r"|bom investimento|vale a pena investir"
        # whether one should (follow-ups' tuning set 2: 「我應唔應該而家去內地開公司？」)
        r"|该不该|应唔应该|应不应该|值唔值得|值不值得|\bshould (?:i|we|my company) (?:\w+ ){0,4}(?:or not|now)\b"
        r"|\bis it (?:worth|a good idea)\b|\bworth it\b|vale a pena|\bdevo (?:\w+ ){0,4}ou não\b",
        None,
    ),
    # Where to get the form itself; "apply to the bureau" does not say.
    "form": _rule(
        r"申请表|表格|application forms?|\bthe form\b|formulário|impresso"
        # 「調整還款要填咩form」 (blind25)
        r"|(?:填|交)(?:咩|什么|乜嘢?|边|哪)(?:份|张|个)?\s*(?:form|表)",
        r"申请表|表格|\bforms?\b|formulário|impresso",
    ),
    "penalty": _rule(
        r"处罚|罚款|罚则|罚金|刑罚|惩罚|被罚|会罚|(?:怎么|怎样|如何|点样|点)罚|罚(?:几多|多少|几钱)|penalt|\bfines\b|\b(?:a|the|any|pay|paid|what|how much) fine\b|\bfined\b|sanction|multa|sanç|coima"
        r"|(?<!vale a )\bpenas?\b"
        r"|puniç|punid",
        r"处罚|罚|penalt|\bfines?\b|sanction|multa|sanç|coima",
    ),
    # A share or ratio (a down payment's 成数): any count in the answer is not one.
    "ratio": _rule(
        r"首期|首付|几成|多少成|比例|百分之几|百分比|percentage|\bratio|down ?payment|percentagem"
        r"|\brácio|entrada inicial|pagamento inicial|持股比例|股比|股权上限|ownership (?:cap|limit)"
        r"|shareholding (?:cap|limit)|equity (?:cap|limit)|participação máxima",
        r"\d+\s*%|百分之|[一二三四五六七八九\d]成(?![功立员为果本交])|per ?cent|por cento",
    ),
    # Where goods came from.
    "origin": _rule(
        r"(?:哪|边)个?国家(?:运|进|来|嚟|出口)|来自哪(?!(?:些|几个?|个)?(?:司|局|部门|机构|单位))|产于哪|产自哪"
        r"|(?:原产地|产地|来源地)(?:是|系|喺|在)?(?:哪|边|咩|什么|乜)|具体(?:是)?(?:哪|边)(?:个|些)?国家"
        r"|which countr(?:y|ies) (?:\w+ ){0,12}(?:from|come|came|origin|export)|from which countr"
        r"|what countr(?:y|ies) (?:\w+ ){0,4}(?:from|come|came)|country of origin"
        r"|de que país|de onde (?:vieram|veio|vêm|vem)|país de origem|proveniência",
        # (not 原产地 said of diamonds in general: "which country did the first batch come from?"
        # got the lusophone countries' sourcing as if it named one, probe 12)
        r"来自|产自|产于|imported from|originat(?:ed|es|ing) (?:in|from)|proveniente|oriund",
    ),
    # The names of the firms, products or cities behind a count the answer gives ("nine
    # companies", "the nine Mainland cities"): the newsletter does not list them.
    "names": _rule(
        r"名单|(?:哪|边)(?:九|几|些)(?:家|间|个)(?:企业|公司|城市)|(?:哪些|边啲)国家(?:参与|参加|加入)"
        r"|which countries (?:\w+ ){0,3}(?:participate|take part|are (?:members|part)|belong|joined)"
        r"|\bone of the (?:nine |\d+ )?(?:licensed|certified)|que países|quais (?:são )?os países"
        r"|(?:哪|边)(?:家|间|所)(?:公司|企业|银行|医院|学校)|(?:哪些|边啲)(?:学校|医院|银行)|(?:哪些|哪几个|边啲|边几个)(?:app|应用程序|手机应用)"
        r"|(?:是|系)(?:哪些|边啲|哪几|边几)(?:家|间)?(?:公司|企业)"
        r"|(?:企业|公司|经营人|营运商|城市)(?:的|嘅)?(?:名称|名字|全名)"
        r"|which (?:[\w-]+ ){0,2}(?:apps|applications|schools)\b|que (?:escolas|aplicações|apps)\b"
        r"|quais (?:são )?(?:as )?(?:escolas|aplicações)\b"
        r"|which (?:company|firm|importer|banks?|hospitals?)\b"
        r"(?! can| may| must| need| should| qualif| is eligible| are eligible)"
        r"|(?:que |qual (?:a |o )?|quais (?:os |as )?)(?:empresas?|importador|bancos?|hospita(?:l|is))\b"
        r"(?! pode| podem| deve| devem| tem direito| ficam| estão| são| não)"
        r"|(?:哪些|边啲)(?:企业|公司|产品)(?:已经?)?(?:获|取得|拿到|攞到|持有)"
        r"|which (?:nine |\d+ )?(?:companies|firms|operators|cities)\b[^?]{0,40}"
        r"\b(?:hold|have|got|obtained|received|are (?:licensed|certified)|are they|are the)"
        r"|which (?:nine|\d+) (?:companies|firms|operators|cities)"
        r"|which products (?:\w+ ){0,3}(?:have|hold|got|received|are certified)"
        r"|list of (?:the )?(?:companies|firms|operators|certified|licensed|cities)"
        r"|names? of (?:the )?(?:companies|firms|operators|cities)"
        r"|nomes? d[ao]s (?:empresas|operadores|cidades|produtos)|lista d[ao]s (?:empresas"
        r"|operadores|produtos|cidades)|quais (?:são )?(?:as|os) (?:nove |\d+ )?(?:empresas"
        r"|cidades|operadores)|que (?:empresas|produtos)\b[^?]{0,30}(?:têm|obtiveram|receberam"
        r"|possuem|detêm)"
        # whether a city is one of the nine ("is zhuhai one of the nine cities?" got measure 5
        # again, probe 12): the newsletter names none of them
        r"|\bis \w+ (?:one of|among|part of) the (?:nine|9) (?:mainland )?cities"
        r"|(?:系唔系|是不是|是否|系咪|算唔算|算不算)(?:大湾区)?(?:内地)?(?:九市|九个城市|9个城市)(?:之一|其中之一)"
        r"|(?:九市|九个城市)(?:包唔包括|包不包括|包括唔包括|有冇|有没有|包括)\w{1,4}(?:吗|呀|啊|嘛|\?|$)"
        r"|é uma das (?:nove|9) cidades",
        None,
    ),
    # Agreements a user names besides the services agreement, whose revision is all the knowledge
    # base holds.
    "other_agreement": _rule(
        r"货物贸易协议|货物贸易协定|投资协议|经济技术合作协议|goods (?:trade )?agreement"
        r"|agreement on (?:trade in )?goods|investment agreement|acordo (?:sobre|de) (?:o )?comércio"
        r" de mercadorias|acordo (?:sobre|de) investimento",
        r"货物贸易协议|投资协议|经济技术合作协议|goods agreement|agreement on trade in goods"
        r"|investment agreement|comércio de mercadorias\)|acordo de investimento",
    ),
    # A loan's interest rate or interest: no entry states one.
    "interest": _rule(
        r"利率|利息|计息|interest|\bjuros?\b",
        r"利率|利息|免息|interest|\bjuros?\b",
    ),
    # A guarantor, collateral or a guarantee a loan or an application needs: no entry states one
    # (not "guarantee" the verb: measure 3 guarantees children's schooling).
    "guarantee": _rule(
        r"担保|抵押|保证人|\bguarantors?\b|\bcollateral\b|\b(?:a|any|bank|personal) guarantee\b"
        r"|security deposit|\bfiador|\bcaução|garantia bancária|(?:uma|alguma|prestar) garantia",
        None,
    ),
    # A tariff or duty rate; naming non-tariff measures is not stating one.
    "tariff": _rule(
        r"关税税率|税率|\bhow much (?:\w+ ){0,2}tax(?:es)?\b|quanto (?:\w+ ){0,2}impostos?\b|关税(?:是|要|为)?(?:多少|几多|几%)|(?:收|征|缴纳|缴|交|付|俾)(?:几多|多少)?(?:的)?关税|what tariffs?"
        r"|tariff rates?|tariffs? (?:apply|applies|charged|of)|(?:customs|import|export) dut(?:y|ies)"
        # 「毛坯鑽石入口要交幾多稅」 was answered with the first import (tried while fixing probe 12)
        r"|(?:收|征|缴纳|缴|交|付|俾)(?:几多|多少)(?:钱)?(?:的)?税|(?:几多|多少)(?:钱)?税"
        r"|direitos aduaneiros|imposto de importação|pauta aduaneira|taxa alfandegária",
        r"(?:关税|税率)[^。；;]{0,10}(?:\d|零|免)|零关税|\d+\s*%\s*(?:tariff|duty)|zero[- ]tariff"
        r"|tariff rate of \d|isenção de direitos",
    ),
    # Which authority issues or handles something: an answer says whom to apply to.
    "authority": _rule(
        r"(?:哪个|边个|哪一个|什么|咩)(?:部门|机构|政府部门)(?:负责|签发|发|审批|处理|管)"
        r"|(?:向|去|找)(?:哪个|边个|什么)(?:部门|机构)|which (?:department|authority|government"
        r" department|agency|body) (?:\w+ ){0,3}(?:issues?|handles?|approves?|grants?|is responsible)"
        r"|(?:em|a) que (?:serviço|entidade|organismo) (?:se )?(?:pede|trata|emite|requer|solicita)"
        r"|que (?:serviço|entidade) (?:emite|trata|é responsável)",
        r"向[^。，,；;]{0,12}(?:申请|申领|提交|递交)|由[^。，,]{0,12}(?:签发|发出|审批|负责)"
        r"|负责|牵头|issued by|apply to|responsible|coordinat|junto d[ao]|emitid[ao]s? pel[ao]"
        r"|responsável|coorden|(?:经济局|海关)[^。]{0,30}(?:查核|核查|清关)"
        r"|(?:economic bureau|customs)[^.]{0,30}(?:clearance|check)"
        r"|(?:serviços de economia|alfândega)[^.]{0,40}(?:desalfandegamento|verificação)",
    ),
    # An appeal against a refusal.
    "appeal": _rule(
        r"上诉|申诉|复议|覆核|\bappeal|recurso|recorrer|reclamaç|contestar",
        r"上诉|申诉|复议|覆核|\bappeal|recurso|reclamaç",
    ),
    # How long a licence or certificate stays valid, and renewing it.
    "validity": _rule(
        r"有效期|续期|续牌|续领|每年(?:都)?要(?:续|更新)|valid for|validity|how long is (?:\w+ ){0,4}valid"
        r"|\brenew|renovad|renovaç|validade|válid[oa] por",
        r"有效期|续期|valid for|validity|\brenew|renova|validade|válid[oa] por",
    ),
    # Applying or handing in online.
    "online": _rule(
        r"网上|线上|在线|online|on-line|pela internet|em linha|por via electrónica|electronically",
        r"网上|线上|online|em linha|electronic|eletrónic|electrónic|电子方式",
    ),
    # Money a programme pays out (funding, subsidies), stated as an amount.
    "funding": _rule(
        r"扶持资金|资助金额|补贴|补助|资助|\bsubsid(?:y|ies|ised|ized)\b|funding|financiamento|subsídio"
        r"|apoio financeiro",
        rf"{_AMOUNT}|{_FIGURE}",
        # a loan once granted, named as the context of a repayment question
        unless=r"还款|还清|调整|repay|adjust|reembols|ajust",
    ),
    # When a document was or will be published.
    "published": _rule(
        r"(?:何时|几时|什么时候|哪天|哪一天)(?:正式)?(?:发布|出台|公布|印发|发表)|几时出(?:台|街)?(?![席口发])|(?:发布|出台|公布)(?:日期|时间)"
        r"|when (?:was|will|is|were) (?:\w+ ){0,8}(?:published|issued|released)"
        r"|when (?:exactly )?will (?:\w+ ){0,4}(?:publish|issue|release|launch)\b"
        r"|quando (?:é que )?(?:\w+ ){0,4}vai (?:lançar|publicar|divulgar)"
        r"|(?:quando|em que (?:data|dia)) (?:é que )?(?:foi|será|é|serão|foram) (?:\w+ ){0,4}"
        r"(?:publicad|emitid|divulgad)"
        # whether a document the answer says is to come has come out since
        r"|已经?(?:出台|发布|公布|印发)(?:了)?(?:吗|没有|未)|(?:出台|发布|公布)(?:咗|了)(?:未|没有|冇)"
        # 「即係出咗未呀？」 after the document the ministry is to issue (probe 12)
        r"|^\W*(?:即系|即是|咁|那|所以)?(?:佢|它)?(?:已经)?出(?:咗|了)(?:未|没有|冇|吗)"
        r"|(?:has|have) (?:\w+ ){0,6}already (?:been )?(?:released|published)"
        r"|já (?:foi|foram) (?:publicad|divulgad)|já (?:publicou|divulgou)",
        r"\d{1,2}月\d{1,2}日[^。]{0,120}(?:发布|出台|公布|印发|推出)|(?:发布|出台|公布|印发)于"
        r"|闭幕[^。]{0,10}(?:发布|发表)"
        r"|(?:published|issued|released) on \d|publicad[oa]s? (?:a|em) \d",
    ),
    # Plans the government has not announced.
    "plans": _rule(
        r"有冇计划|有没有计划|是否计划|有否计划|计划(?:将|把)|is there (?:a|any) plan|are there (?:any )?plans"
        r"|plans? to (?:extend|launch|introduce|renew|expand|increase)|tenciona|planeia"
        r"|há planos|vai (?:o governo |a dse )?(?:prorrogar|prolongar)"
        # an extension or a future host not announced
        r"|(?:会|会否|会不会|会唔会)(?:再)?(?:延长|延期|延续)|延长到|(?:will|would) (?:\w+ ){0,5}be"
        r" extended(?! to (?:more|other|new|additional|further)| further)"
        r"|(?:será|vai ser|serão|vão ser) (?:prorrogad|prolongad)|prolongamento d"
        r"|(?:有冇|有没有|有否|会否|会不会|会唔会)(?:机会)?(?:主办|举办|承办)"
        r"|(?:will|could|can) maca[ou] (?:\w+ ){0,2}host|(?:vai|poderá|pode) macau (?:\w+ ){0,2}"
        r"(?:acolher|organizar)|vai (?:organizar|acolher|realizar) (?:uma|um|outra|outro) "
        # a launch timetable
        r"|calendário (?:para|de) (?:o )?lançamento|(?:launch|rollout) (?:timetable|schedule)"
        r"|推出(?:的)?时间表",
        None,
    ),
    # Who heads a department.
    "head": _rule(
        r"(?:谁|边个|哪位)(?:是|系)?[^?？]{0,10}(?:局长|负责人|主任|院长)|局长(?:是|系)(?:谁|边个)"
        r"|who (?:is|heads) (?:the )?(?:director|head|chief)|quem (?:é|dirige) (?:o|a) "
        r"(?:director|diretor|directora|presidente)",
        r"局长|\bdirector|diretor|\bhead\b|主任|负责人",
    ),
    # Who chaired a meeting, which only some answers say (the CITES meeting's; not the quality
    # working group's: 「会议由谁主持？」 after it got its answer; follow-ups' former held-out half).
    "chair": _rule(
        r"(?:谁|边个|哪位|何人)(?:负责)?主持|主持人|\bwho (?:chaired|presided|hosted|led|ran)\b|\bchaired by\b"
        r"|\bquem (?:presidiu|dirigiu|conduziu)|presidid[ao] por",
        r"主持|\bchair|presid|conduzid",
    ),
    # A deadline: a date the answer says something must happen before.
    "deadline": _rule(
        r"截止|最后期限|限期|deadline|closing date|\bprazo (?:final|limite|para)|data limite"
        r"|(?:什么时候|何时|几时|哪天)(?:之前)?(?:要|需要|须|必须|前)?(?:提交|递交|交回)"
        r"|when (?:do|must|should|shall) (?:i|we|you|they|\w+ \w+) (?:submit|hand in|file|return)"
        r"|quando (?:devo|deve|devem|temos de|tenho de|é preciso) (?:submeter|entregar|apresentar)"
        # "within how many days" asks a time limit, not how long something lasted
        r"|(?:多少|几多|几)个?(?:工作)?(?:天|日)(?:之)?内|within how many (?:working )?days"
        r"|(?:em|no prazo de) quantos dias",
        r"\d{1,2}月\d{1,2}日(?:前|之前|为止)|截至|截止|deadline|\bbefore \d|\bby \d"
        r"|\buntil \d|até (?:ao? )?\d|antes de \d",
    ),
    # An examination a profession must pass.
    "exam": _rule(
        r"考试|考(?:咩|乜|什么|啲咩|边啲)试|\bexams?\b|examination|\bexames?\b|\bprovas?\b",
        r"考试|\bexam|\bexame|\bprova",
    ),
    # Capital a firm must hold (registered or minimum capital), not Macao capital used.
    "capital": _rule(
        r"注册资本|资本要求|资本金|最低资本|capital requirement|minimum capital|registered capital"
        r"|share capital|capital social|capital mínimo|requisitos? de capital",
        r"注册资本|资本要求|资本金|最低资本|capital requirement|minimum capital|registered capital"
        r"|capital social|capital mínimo",
    ),
    "fax": _rule(r"传真|\bfax\b|telefax", r"传真|\bfax\b"),
    # Contact channels the bureau's contact entry does not give (a messaging app, social media).
    "channel": _rule(
        r"whatsapp|微信号|公众号|facebook|instagram|社交媒体|社交平台|social media|redes sociais"
        r"|wechat (?:account|id|number)|conta de wechat",
        r"whatsapp|微信号|公众号|facebook|instagram|social media|redes sociais",
    ),
    # The full text of a declaration or document, which no answer reproduces.
    "full_text": _rule(
        r"全文|原文|full text|whole text|complete text|texto (?:integral|completo)",
        None,
    ),
    # The whole list of the sectors opened, or which ones are new: the answers give their number
    # and examples.
    "sector_list": _rule(
        r"部门(?:的)?(?:完整|全部|详细)(?:清单|名单|列表)|(?:full|complete) list of (?:the )?(?:\d+ )?"
        r"(?:service )?sectors|lista completa dos (?:\d+ )?se(?:c)?tores"
        r"|(?:which|what) (?:\w+ ){0,2}(?:seven|7) (?:\w+ ){0,2}sectors|(?:quais|que) (?:são )?(?:os )?"
        r"(?:sete|7) (?:\w+ )?se(?:c)?tores|(?:哪|边)(?:七|7)个(?:服务)?部门|新增(?:的|咗)?(?:哪|边)(?:七|7|几|些)个?"
        r"(?:服务)?部门|(?:七|7)个[^。？?]{0,8}部门[^。？?]{0,3}(?:系|是)(?:哪|边)(?:七|7|几)"
        # 「國民待遇嗰69個部門全部係邊69個」 (blind25)
        r"|(?:全部|所有|具体|完整)(?:系|是)?(?:哪|边)(?:69|六十九|62|六十二|几|些)个?"
        r"|(?:69|六十九)个(?:服务)?部门(?:全部|具体|分别)?(?:系|是)(?:哪|边)",
        None,
    ),
    # A web address, which no answer gives (they name the website and where on it to look).
    "web_address": _rule(
        r"网址|url|web address|link to|endereço (?:do sítio|eletrónico|electrónico|web|da página)",
        r"https?://|www\.",
    ),
    # The contact details of another department than the Economic Bureau, which the answers
    # never give.
    "other_department": _rule(
        rf"(?:电话|电邮|邮箱|地址|phone|telephone|e-?mail|address|telefone|morada|contacto)"
        rf"[^?？。]{{0,40}}(?:{_OTHER_DEPARTMENTS})|(?:{_OTHER_DEPARTMENTS})[^?？。]{{0,20}}"
        r"(?:电话|电邮|邮箱|地址|phone|telephone|e-?mail|address|telefone|morada|contacto)",
        None,
    ),
    # Cut or polished diamonds: the Kimberley Process the answers describe is about rough ones.
    "polished": _rule(
        r"切割|打磨|抛光|成品钻石|钻石首饰|polished|cut diamonds|diamond jewell?ery|lapidad"
        r"|joalharia",
        r"已切割|抛光|polished|lapidad",
        # rough diamonds are the ones not yet cut or polished (「想入啲未打磨嘅鑽石」, blind18)
        r"(?:未|未经|未被|冇|没有?|唔|不)(?:切割|打磨|抛光)|\bun(?:cut|polished)\b|não (?:lapidad|polid)",
    ),
    # What makes something count as what the agreement names (a "Macao service supplier", an
    # SME): the newsletter uses the terms and never defines them.
    "definition": _rule(
        r"(?:认定|界定|判定)(?:的)?(?:标准|准则|条件|方法)|(?:如何|怎样|怎么|点样|点)(?:认定|界定|定义)"
        r"|(?:点|怎样)先(?:可以)?算(?:系|是)?|定义(?:是|为|系)|\bdefinition of|\bdefined as\b"
        r"|how (?:is|are|do (?:you|they)) (?:an? |the )?[\w\"“” -]{1,40}? (?:defined|define)\b"
        r"|what (?:counts|qualifies) as|criteria (?:for|to) (?:being|be|count|qualify)"
        r"|definição de|como (?:é que )?se define|o que (?:conta|se considera|é considerad[oa]) como"
        r"|critérios? (?:para|de) (?:ser|se considerar|qualificação)",
        None,
    ),
    # What was signed at a meeting whose answer tells of no signing.
    "signed": _rule(
        r"签(?:署|订|定)?(?:了|咗)(?:什么|咩|乜|哪些|边啲|甚么)|签(?:署|订)(?:了)?(?:哪|边)(?:份|些|啲)"
        r"|what (?:agreements?|documents?|memorand\w*) (?:was|were|did)\b[^?]{0,60}\bsign"
        r"|(?:que|quais) (?:acordos?|documentos?|memorandos?)\b[^?]{0,60}\bassinad",
        r"签署|签订|signed|assinad",
    ),
    # Who signed (the agreement): only the signing names the two signatories ("and who sign
    # it" after the banking entry got that entry again, p15-018).
    "signatory": _rule(
        r"(?:谁|边个|哪个|哪位|何人)(?:代表)?(?:去|来)?签(?![发证])|签(?:署|订|字)?(?:的)?(?:人|者)"
        r"|\bwho (?:signed|signs|sign|did sign|will sign)\b|\bsigned by (?:who|whom)\b|\bsignator"
        r"|\bquem (?:o |a |os |as )?(?:assinou|assina|assinaram)\b|assinad[oa] por quem",
        r"由[^。]{0,40}签署|signed by|assinad[oa] pel[oa]",
    ),
    # Why applications were turned down: the answer counts them, never says why.
    "rejection_reason": _rule(
        r"(?:原因|为什么|为何|点解|why|reasons?|porquê|porque|motivo)[^。?？]{0,30}"
        r"(?:被拒|拒绝|不获批|没有?获批|未获批|唔批|冇批|rejected|refused|turned down|not approved"
        r"|indeferid|recusad|rejeitad)"
        r"|(?:被拒|拒绝|不获批|没有?获批|未获批|唔批|冇批|rejected|refused|turned down|not approved"
        r"|indeferid|recusad|rejeitad)[^。?？]{0,30}(?:原因|为什么|为何|点解|why|reasons?|porquê"
        r"|motivo)",
        None,
    ),
    # How many were refused: the answers give how many were received and approved.
    "rejected": _rule(
        r"(?:被拒|拒绝|俾人拒|不获批|唔获批|冇批|未获批|没有?获批)[^。?？]{0,12}(?:多少|几多)"
        r"|(?:多少|几多)[^。?？]{0,12}(?:被拒|拒绝|俾人拒|不获批|唔获批|冇批|未获批|没有?获批)"
        # whether the ones not approved were turned down (「还有20宗怎么了，被拒了吗」, probe 9)
        r"|(?:被拒|俾人拒|拒绝)(?:咗|了)?(?:吗|嘛|呀|啊|未)|were (?:they|the (?:rest|others|other \d+)) (?:rejected|refused)"
        r"|how many (?:\w+ ){0,5}(?:were |got |have been |been )?(?:rejected|refused|turned down|declined"
        r"|not approved)|quant[oa]s (?:\w+ ){0,5}(?:foram |ficaram )?(?:indeferid|recusad|rejeitad)",
        r"(?:被拒|拒绝|不获批)[^。]{0,10}\d|\d[^。]{0,10}(?:被拒|拒绝|不获批)|\d+ (?:\w+ )?(?:were )?rejected"
        r"|\d+ (?:\w+ )?(?:indeferid|recusad)",
    ),
    # The results of a survey the answer only says was introduced.
    "results": _rule(
        r"(?:调查|问卷|survey|questionnaire|inquérito|questionário)[^。?？]{0,12}"
        r"(?:结果|results?|findings|resultados|conclus)",
        None,
    ),
    # What a scheme or service is that the answer only names as presented at a meeting (the
    # Macao quality product certification scheme, the service of sending items for testing):
    # "who runs that certification scheme then?" got the working group, as if it ran it (probe 9).
    # Not whether or when it was presented, which the answer says.
    "named_only": _rule(
        r"(?!.*(?:kimberley|金伯利|cites))(?=.*(?:优质认证计划|产品优质认证|代送外检测|外检测服务|认证计划|certification scheme"
        r"|quality (?:product )?certification (?:scheme|programme|program)|products? quality certification"
        r"|(?:outsourced|outside) testing|sending (?:items|samples) (?:for testing|outside)"
        r"|certificação de produtos|plano de certificação|envio de amostras))"
        r"(?=.*(?:是什么|是甚么|什么是|系咩|系乜|咩嚟|怎样|如何|怎么|点样|谁|边个|哪个部门|边个部门|申请|详情|详细|内容|条件|收费"
        r"|\bwhat(?:'s| is| are| does)\b|\bwho\b|\bhow\b|\bdetails?\b|\bapply\b|\bcosts?\b"
        r"|o que é|\bquem\b|\bcomo\b|detalhes|candidat))",
        None,
        r"(?:介绍|提及|提到)了?(?:什么|咩|哪些|边啲)|what did .{0,60}(?:present|introduce|mention)"
        r"|(?:did|were|was) .{0,60}(?:presented|introduced|mentioned)|(?:有没有|有冇|是否)[^?？]{0,20}(?:介绍|提及)"
        r"|o que (?:apresentaram|foi apresentado)"
        # at which meeting it was presented (「…喺邊個會議介紹過」, blind25)
        r"|(?:边个|哪个|哪次|边次|什么)(?:会议|会)|\b(?:which|what) meeting\b|em que reunião",
    ),
    # What a speaker said in a speech the answer only says was given.
    "speech": _rule(
        r"(?:发言|演讲|讲话|致辞)(?:的)?(?:具体)?(?:内容|讲了什么|说了什么|讲咗咩|讲咩|讲些什么|讲了些什么)"
        r"|(?:what|which points) did (?:\w+ ){1,4}(?:say|talk about|speak about|cover) in (?:his|her"
        r"|their|the) (?:speech|talk|presentation|remarks)|(?:content|text) of (?:\w+ ){0,3}speech"
        r"|o que disse (?:\w+ ){1,4}n[ao] (?:sua )?(?:intervenção|discurso|apresentação)"
        r"|conteúdo d[ao] (?:sua )?(?:intervenção|discurso)",
        # (the Chinese original reports a speaker's words with these verbs; its translations follow it)
        r"表示|指出|强调",
    ),
    # Trade in services as a figure: the trade figures are of trade as a whole.
    "services_trade": _rule(
        r"服务贸易(?:额|总额|金额|数字|数据)|(?:value|volume|figures?) of (?:[\w-]+ ){0,3}trade in"
        r" services|trade in services (?:value|volume|figures?|was|totall?ed|amounted)"
        r"|(?:valor|volume|montante) do comércio de serviços",
        r"服务贸易(?:额|总额)[^。；;]{0,10}\d|trade in services (?:was|totall?ed|amounted)[^.]{0,20}\d",
    ),
    # When a committee, group or body was set up: no entry says.
    "founded": _rule(
        r"(?:哪一年|哪年|何时|几时|什么时候|边年)[^?？。]{0,6}(?:成立|设立|创立|组建|创办)"
        r"|成立(?:于|在)?(?:哪|何时|几时|什么时候|边年)|成立(?:时间|日期|年份)"
        r"|(?:when|what year|which year) (?:was|were|did) (?:\w+ ){0,8}(?:established|set up|founded"
        r"|created|formed)|(?:quando|em que ano) (?:foi|foram) (?:\w+ ){0,8}(?:criad|fundad"
        r"|constituíd|estabelecid|instituíd)"
        # when an agreement was first signed (CEPA in 2003, which the newsletter does not say)
        r"|首次签(?:署|订)|最初签(?:署|订)|第一次签(?:署|订)|first signed|signed (?:\w+ ){0,4}for the first"
        r" time|assinad[oa] (?:\w+ ){0,4}pela primeira vez|primeira assinatura",
        r"(?:成立|设立|创立|组建)(?:于|在)?[^。]{0,6}\d{4}|\d{4}年[^。]{0,10}(?:成立|设立|创立|组建)"
        r"|(?:established|set up|founded|formed) in \d{4}|(?:criad|fundad|constituíd)[oa]s? em \d{4}",
    ),
    # The exact venue (a hotel, a hall): an answer that names the city does not give it.
    "venue": _rule(
        r"场地|(?<!分)会场|场馆|(?:在|喺)(?:哪|边)(?:间|个|家)?(?:酒店|大楼|大厦|会议室|礼堂)"
        r"|which (?:hotel|building|room|hall)\b|em que (?:sala|edifício|hotel)\b"
        r"|local exac?to",
        r"酒店|大楼|大厦|会议室|礼堂|总部|中心|hotel|building|headquarters|cent(?:re|er)\b|\bsede\b"
        r"|edifício",
    ),
    # How often something meets or happens.
    "frequency": _rule(
        r"(?:多久|几耐|多长时间)(?:\S{0,4})一次|(?:一年|每年)(?:开|举行|召开|搞)?(?:几|多少|几多)次"
        r"|how often(?! (?:[\w-]+ ){0,3}(?:can|may|could|is allowed))|how frequently"
        r"|how many times (?:a|per|each) year|com que frequência"
        r"|quantas vezes por ano",
        r"每年|每两年|定期|一年一次|annual|every year|each year|every (?:two|\d) years|regular"
        r"|anual|todos os anos|periodicamente",
    ),
    # The size of a zone or site.
    "area": _rule(
        r"面积|占地|how big is|how large is|size of the|area of the|hectares|área d[oa]s? "
        r"|dimensão d[oa]|tamanho d[oa]",
        r"平方(?:公里|米|千米)|公顷|km2|km²|hectares|square (?:kilo)?met|metros quadrados",
    ),
    # Passing a licence or certificate to another firm.
    "transfer": _rule(
        r"转让|过户|(?:licen[cs]e|permit|certificate)s? (?:\w+ ){0,3}transfer|transfer (?:\w+ ){0,3}"
        r"(?:licen[cs]e|permit|certificate)|(?:transferir|transmitir|ceder) (?:\w+ ){0,3}"
        r"(?:licença|alvará|certificado)|(?:licença|alvará|certificado)s? (?:\w+ ){0,3}"
        r"(?:transferível|transmissível|ser transferid|ser cedid)",
        r"转让|transfer|transmissí|transferí",
    ),
    # Paying a loan off early or at once, which the repayment measure does not speak of.
    "early_repayment": _rule(
        r"提前还|提早还|提前偿还|一次过还|一笔过还|repay (?:\w+ ){0,5}early|early repayment"
        r"|pay (?:\w+ ){0,3}off|settle (?:\w+ ){0,3}(?:early|in full)|repay (?:\w+ ){0,3}in full"
        r"|whole (?:remaining )?balance|amortização antecipada|(?:liquidar|pagar) (?:\w+ ){0,3}"
        r"antecipad|reembolso antecipado|de uma só vez",
        r"提前|\bearly\b|antecipad",
        # Being made to pay the rest at once is answered by "spread evenly" (blind16).
        r"(?:会唔会|会不会|使唔使|使不使|洗唔洗|需唔需要|需不需要|是否需要|是否要|要唔要|要不要)要?一次过还"
        r"|(?:tenho|temos|terei|teremos) de (?:pagar|reembolsar) (?:\w+ ){0,4}de uma só vez",
    ),
    # Where a user's own application stands: only the bureau's staff can say.
    "status": _rule(
        r"我(?:的|嘅|哋|们)?(?:公司)?(?:的|嘅)?申请(?:批|审批|获批|通过|有冇批|批咗|进度|状态|几时有结果)"
        r"|我(?:的|嘅|哋|们)?(?:公司)?(?:的|嘅)?[^。？?，,]{0,6}申请[^。？?]{0,6}(?:没批|未批|冇批|未获批|未有结果"
        r"|没有结果|未通过|唔批|不批|被拒)"
        r"|申请进度|审批进度|(?:has|was|is) my (?:\w+ ){0,3}application (?:been )?(?:approved"
        r"|accepted|processed|rejected)|status of my (?:\w+ ){0,2}application"
        r"|o meu pedido[^?]{0,60}(?:aprovado|deferido|indeferido|analisado)|estado do (?:meu )?pedido"
        r"|ponto de situação do (?:meu )?pedido",
        None,
    ),
    # Exports as a figure, which the trade figures (trade, capital used, projects) do not give.
    "exports": _rule(
        r"出口(?:额|总额|值|金额)|进出口(?:额|总额|值|金额)|交易额|(?:value|volume|amount|figures?) of (?:\w+ )?exports"
        r"|exports? (?:value|volume|figures?|totall?ed|amounted)|how much did (?:\w+ ){0,4}export"
        r"|(?:valor|volume|montante) das exportações|quanto (?:\w+ ){0,4}exportou",
        r"出口(?:额|总额|值)[^。；;]{0,10}\d|exports? (?:of|were|was|totall?ed) [^.]{0,20}\d"
        r"|exportações [^.]{0,20}\d",
    ),
    # A total split by scheme or kind ("how many came from the Hato scheme?"): the answers give
    # totals.
    "breakdown": _rule(
        r"分别(?:有|是|为|占)?(?:多少|几多)|(?:各|每)(?:个|项)?(?:援助)?计划[^。?？]{0,10}(?:多少|几多)"
        r"|(?:多少|几多)(?:宗|份|个)?(?:申请)?(?:来自|系来自|属于)"
        r"|(?:多少|几多)(?:宗|份)(?:系|是)(?!获?批|批准|通过|成功)"
        r"|how many (?:\w+ ){0,10}(?:came from|were from|were under|from each|under each|per scheme"
        r"|by scheme)|broken down|breakdown|quant[oa]s (?:\w+ ){0,6}(?:vieram d|eram d[oa] |por plano"
        r"|de cada)"
        # one scheme's count ("how many did the Hato scheme approve?")
        r"|天鸽[^。?？]{0,20}(?:多少|几多)宗|(?:hato|typhoon)[^?]{0,40}\bhow many\b|\bhow many\b[^?]{0,40}(?:hato|typhoon)"
        # the industries an investment total went to
        r"|投向(?:了)?(?:内地)?(?:哪些|哪个|边啲|什么)(?:行业|领域|产业)"
        r"|(?:which|what) (?:sectors|industries) (?:\w+ ){0,6}(?:invest|went)"
        # exports or imports alone, where the answer gives the trade's total (「2018年澳門出口去
        # 內地嘅貨值係幾多」, blind25)
        r"|(?:出口|进口)(?:去|到|往|入)?(?:内地|大陆|澳门)?(?:的|嘅)?(?:货值|金额|总值|总额|额)"
        r"|\b(?:exports?|imports?) (?:\w+ ){0,3}(?:worth|value|figure|total)|\bhow much (?:did|does) (?:\w+ ){0,3}(?:export|import)"
        # one party's share of those who attended ("how many were from Hong Kong?")
        # (not Macao's: the WTO workshop's 50 representatives were all Macao's)
        r"|(?:香港|内地|中央)(?:方面|那边|嗰边|一方|特区)?(?:政府)?(?:共)?(?:派|有|出席)?(?:了|咗|出)?"
        r"(?:多少|几多)(?:个|名|位)?(?:代表|人|官员)"
        r"|how many (?:\w+ ){0,2}(?:people|representatives|delegates|officials|participants"
        r"|attendees) (?:\w+ ){0,2}(?:from|of) (?:the )?(?:hong kong|mainland)\b"
        r"|how many (?:hong kong|mainland) (?:\w+ )?(?:officials|representatives|delegates|people)"
        r"|quant[oa]s (?:representantes|delegados|pessoas|participantes|funcionários) (?:\w+ ){0,2}"
        r"(?:de|da|do) (?:hong kong|interior)\b",
        r"分别|respectively|broken down|respetivamente|respectivamente",
        # several figures each asked for, which the answer states one by one
        r"、[^。?？]{0,30}分别",
    ),
    # A species or product of the endangered-species trade, which the CITES meeting's report
    # does not name.
    "species": _rule(
        r"象牙|大象|犀牛|犀角|穿山甲|鲨鱼|鱼翅|玳瑁|陆龟|海龟|珊瑚|沉香|红木|燕窝|老虎|虎骨|熊胆|\bivory"
        r"|elephants?|rhino|pangolins?|sharks?|tortoises?|turtles?|\bcorals?\b|agarwood|rosewood"
        r"|\btigers?\b|marfim|elefantes?|rinoceronte|pangolim|tubarões|tubarão|tartarugas?"
        r"|\bcorais\b|pau-rosa|\btigres?\b",
        r"象牙|犀牛|穿山甲|鲨鱼|玳瑁|珊瑚|沉香|ivory|rhino|pangolin|shark|marfim",
    ),
    # Which restrictive measures remain, one by one: the answers say how the sectors are managed.
    "restrictions": _rule(
        r"具体[^。?？]{0,10}限制|限制[^。?？]{0,6}具体|specific restrict|exact restrict"
        r"|restrictive measures (?:are )?(?:still|remain)|restrições (?:específicas|concretas)"
        r"|medidas restritivas (?:específicas|concretas)|quais (?:são )?as medidas restritivas"
        r"|(?:哪些|边啲|哪几)(?:项|个|条)?限制性?措施|保留(?:了|咗)?(?:哪些|边啲)"
        r"|which restrictive measures|que medidas restritivas|lista (?:completa )?das medidas restritivas"
        r"|(?:full|complete) list of (?:the )?restrictive",
        None,
    ),
}

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# This year or next, asked as such, is a year the newsletter of December 2019 cannot speak for.
_THIS_YEAR = re.compile(r"今年|本年度|this year|este ano|neste ano")
_NEXT_YEAR = re.compile(r"明年|下年|下一年|next year|próximo ano|ano que vem")


def without_this_year(question: str) -> str:
    """`question` (normalised) without "this year": 「今年嗰個CITES履約協調會喺邊度開」 asks of the
    meeting the newsletter reports (its writers' year), which is answered with its own date and
    a note that the newsletter is of December 2019 (knowledge/service.py); a figure asked for this
    year stays a year the newsletter lacks."""
    if _FIGURE_ASKED.search(question):
        return question
    return _THIS_YEAR.sub(" ", question)


# Last year's figures likewise ("trade volume … last year?" got 2018's, blind20); an event "last
# year" is left to the ranking (writers of questions often place themselves in 2019).
_LAST_YEAR = re.compile(r"去年|上年|上一年|last year|previous year|ano passado|último ano")
# A figure asked for a year is stated only as an amount in the same sentence as that year: the
# answers' other dates (a meeting on 20 November 2019) do not give 2019's trade figures.
_HOW_MANY = re.compile(r"多少|几多|\bhow many\b|\bquant[oa]s\b")
_FIGURE_ASKED = re.compile(
    r"贸易额|贸易总额|进出口额|使用澳资|营业额|总额|金额|数字|数据|统计|投资额|\bfigures?\b|\bvolume|\bvalue"
    r"|\binvestment\b|\binvestimento\b|\b(?:bilateral|total|two-way) trade\b|\btrade (?:volume|value)"
    r"|statistic|how much|\bvalor\b|montante|estatístic|quanto"
    r"|\bn[úu]meros d[oa]s? (?:comércio|trocas|investimento)|\btrade numbers"
)
# Counts asked of a kind of thing, and how an answer counts that kind.
_NUMBER = r"(?:\d[\d,]*|[一二两三四五六七八九十百千]+)"
_COUNTS: list[tuple[re.Pattern[str], re.Pattern[str]]] = [
    (
        re.compile(
            r"(?:多少|几多|几)个?(?:国家|参与国|参与方|成员国|成员)|how many (?:\w+ )?(?:countries|members"
            r"|member states)|quantos (?:\w+ )?(?:países|membros)"
        ),
        re.compile(
            rf"{_NUMBER}\s*个\S{{0,6}}(?:国家|成员)|\d+ (?:\w+ ){{0,2}}(?:countries|members)"
            r"|\d+ (?:países|membros)"
        ),
    ),
    (
        re.compile(
            # (not "how many people applied": the answers count applications)
            r"(?:多少|几多|几)个?(?:人|位|名)(?!\S{0,2}申请)|人数|how many (?:\w+ )?(?:people|participants"
            r"|attendees|delegates|representatives|persons)|quantas pessoas|quantos (?:\w+ )?"
            r"(?:participantes|representantes|delegados)|número de (?:participantes|pessoas)"
        ),
        re.compile(
            rf"{_NUMBER}\s*(?:名|位|人)|\d+ (?:\w+ ){{0,2}}(?:people|participants|representatives"
            r"|delegates|attendees|persons)|\d+ (?:\w+ )?(?:participantes|representantes|pessoas"
            r"|delegados)"
        ),
    ),
    (
        re.compile(
            r"(?:多少|几多)(?:家|间|个)?(?:\S{0,4})?(?:企业|公司)|how many (?:\w+ ){0,2}(?:companies"
            r"|firms|enterprises|businesses)|quantas (?:\w+ )?empresas"
        ),
        re.compile(
            rf"{_NUMBER}\s*(?:家|间|个)[^。，,]{{0,12}}(?:企业|公司)|{_NUMBER}\s*宗"
            r"|\d[\d,]* (?:\w+ ){0,3}(?:companies|firms|enterprises|businesses|applications)"
            r"|\d[\d,]* (?:\w+ ){0,2}(?:empresas|pedidos|candidaturas)"
        ),
    ),
    (
        re.compile(
            r"(?:多少|几多)(?:条|项|个)(?:\S{0,6})?措施|how many (?:\w+ ){0,2}measures"
            r"|quantas (?:\w+ )?medidas"
        ),
        re.compile(
            rf"{_NUMBER}\s*(?:条|项|个)[^。，,]{{0,20}}措施|\d+ (?:\w+ ){{0,4}}measures"
            r"|\d+ (?:\w+ ){0,4}medidas"
        ),
    ),
    (
        re.compile(
            r"(?:多少|几多)(?:条|个)?条(?:款|文)|how many (?:\w+ )?articles|quantos artigos"
        ),
        re.compile(rf"{_NUMBER}\s*条|\d+ articles|\d+ artigos"),
    ),
    (
        re.compile(
            r"(?:多少|几多)(?:张|份|个)?(?:\S{0,4})?(?:证书|证明书)|how many (?:\w+ ){0,3}certificates"
            r"|quantos (?:\w+ ){0,3}certificados"
        ),
        re.compile(
            rf"{_NUMBER}\s*(?:张|份|个)[^。，,]{{0,10}}证|\d[\d,]* (?:\w+ ){{0,3}}certificates"
            r"|\d[\d,]* (?:\w+ ){0,3}certificados"
        ),
    ),
    (
        re.compile(
            r"(?:多少|几多)(?:张|份|个|个)?(?:\S{0,6})?(?:准照|牌照|执照)|how many (?:\w+ ){0,3}licen[cs]es"
            r"|quantas (?:\w+ ){0,3}licenças"
        ),
        # licences counted by the firms holding them (九家企业…经营人准照)
        re.compile(
            rf"{_NUMBER}\s*(?:张|份|个|家|间)[^。]{{0,20}}(?:准照|牌照|执照)"
            r"|\d[\d,]* (?:\w+ ){0,3}licen[cs]es|licen[cs]es to (?:\w+ )?\d"
        ),
    ),
    (
        re.compile(
            r"(?:多少|几多)宗(?!申请)[^。，,？?]{0,12}(?:案|个案)|how many (?:\w+ ){0,3}cases"
            r"|quantos (?:\w+ ){0,3}casos"
        ),
        re.compile(rf"{_NUMBER}\s*宗[^。，,]{{0,12}}案|\d[\d,]* (?:\w+ ){{0,3}}cases|\d+ casos"),
    ),
    (
        re.compile(
            r"(?:多少|几多)(?:个|项|款|种|件)?(?:\S{0,4})?产品|how many (?:\w+ ){0,2}products"
            r"|quantos (?:\w+ )?produtos"
        ),
        re.compile(
            rf"{_NUMBER}\s*(?:个|项|款|种|件)[^。，,]{{0,10}}产品|\d[\d,]* (?:\w+ ){{0,2}}products"
            r"|\d+ (?:\w+ )?produtos"
        ),
    ),
    (
        re.compile(r"how many (?:\w+ ){0,3}shipments|quantas remessas|(?:多少|几多)批"),
        re.compile(r"\d+ (?:\w+ ){0,3}shipments|\d+ remessas|[\d一二两三四五六七八九十]+批"),
    ),
    (
        re.compile(r"(?:多少|几多)(?:个)?城市|how many cities|quantas cidades"),
        re.compile(
            rf"{_NUMBER}\s*(?:个)?(?:\S{{0,4}})?(?:城市|市)|\d+ (?:\w+ )?cities|\d+ cidades"
        ),
    ),
]
# "Which schools / apps / banks …?": a list of things of a kind the answer never mentions. Nouns
# that name no particular kind (方面, measures, sectors, dates…) are asked of every answer and do not
# count; English and Portuguese heads are compared without a plural ending.
_WHICH_ZH = re.compile(
    # 边个 alone is "who"; people are counted and named by the other rules
    r"(?:哪些|哪几|哪个|哪家|哪间|哪所|哪类|哪种|哪一|边啲|边几|边间|边类|边种)"
    # (not the first character of 类别 / 种类: 「哪些類別之貨物」 asks which goods)
    r"(?:个|家|间|所|项|位|种(?!类)|类(?![别型])|些|份|条|路|只|天|日|年|次)?"
)
_WHICH_EN = re.compile(
    r"\b(?:which|what kinds? of|what types? of)\s+((?:[a-z-]+\s+){0,3}?[a-z-]+)\s+(?:can|could"
    r"|are|is|do|does|did|have|has|had|will|would|should|must|were|was|may|might|qualify|need"
    r"|get|got|receive|received|take|took|attend|attended)\b"
)
_WHICH_PT = re.compile(r"\b(?:que|quais|qual)\s+(?:(?:são\s+)?(?:os|as)\s+)?([a-zà-ÿ]{5,})\b")
# «que» as a conjunction, not "which": «a mesma educação que as crianças», «porque é que os…».
_PT_CONJUNCTION = re.compile(r"(?:\bé|\bmesm[oa]s?\b[^?.,]{0,25})\s*$")
_GENERIC_NOUN_WORDS = (
    # Chinese (jieba words, Simplified)
    "方面 内容 措施 领域 部门 机构 国家 城市 行业 范畴 范围 条件 服务 政策 项目 议题 事项 重点 成果 共识 优势 便利"
    " 问题 要求 文件 工作 人士 官员 代表 地方 地区 单位 企业 公司 产品 货物 物品 东西 种类 类别 类型 情况 资料 部分"
    " 专业 界别 方式 形式 途径 渠道 好处 改变 变化 作用 影响 意义 特点 目标 主题 题目 课题 环节 任务 步骤 日期 时间"
    " 日子 号码 电话 地址 邮箱 网站 网址 团体 部委 货品 专家 嘉宾 人物 成员 一天 一日 一年 一项 一份 一位 一个 一些"
    " 几项 几个 几位 几天 几日 几年 一次 一届 月份 年份 成绩 成就 名称 名字 栏目 网页 页面 菜单 会议 大会 事情"
    # English
    " areas aspects measures sectors fields departments agencies bodies organisations"
    " organizations countries cities industries topics issues points conditions services"
    " policies items things kinds types categories ways changes benefits advantages results"
    " outcomes goals officials representatives people parties sides members documents"
    " requirements products goods entities places institutions professions professionals"
    " area aspect measure sector field department agency body country city industry topic issue"
    " point condition service policy item thing kind type category way change benefit advantage"
    " result outcome goal official representative person party side member document"
    " requirement product entity place institution profession professional one ones number"
    " date day year month time event events experts speakers meeting meetings conference"
    " conferences venue venues location locations"
    # Portuguese
    " áreas aspectos aspetos medidas sectores setores domínios serviços entidades organismos"
    " países cidades indústrias temas questões pontos condições políticas produtos tipos"
    " mudanças vantagens benefícios resultados objectivos objetivos representantes pessoas"
    " partes membros documentos requisitos instituições profissões profissionais facilidades"
    " alterações novidades servicos assuntos datas declarações reuniões conferências instalações"
)
_GENERIC_NOUNS = frozenset(_GENERIC_NOUN_WORDS.split())
# Asked of an entry that only says what an item is (`Entry.summary_only`): when it starts or
# starts working, how many or how much, which ones, on what conditions, how to use or apply. Not
# whether there is such a measure, what it is, its number, when it was announced, or where its
# details are: the entry states those.
_SPECIFICS = re.compile(
    r"何时|几时|什么时候|咩时候|哪天|哪一天|哪年|哪一年|边日|边年|几月|多少|几多|多大|几大|多长|多久|几耐"
    r"|(?:哪些|哪几|边啲|边几|哪类|哪种|边类|边种)(?!措施|政策|方面|便利|支持|优惠|内容|项)"
    r"|(?:什么|咩|乜|哪些)(?:样的?)?(?:条件|要求|资格|产品|专业|行业|文件|手续|程序|限制|标准|规定|牌照|执照|许可|证书)"
    r"|(?<!同等)条件|(?<!专业)资格(?!互认|人士)|要求|申请|需要(?:什么|咩|哪些|满足|符合|准备|办理)|需唔需要|需不需要|是否需要|要唔要|(?:正式)?开通|启动|开始实施"
    r"|几时实施|何时实施|如何使用|怎样使用|点样用|点用"
    r"|\bwhen (?:will|is|was|does|did|can|do|are|were|should|could)\b"
    r"|how (?:many|much|long|big|large|do|can|should|to|will)\b"
    # (not which of the measures: "which of the 15 GBA measures help foreigners…?", p15-022)
    r"|\bwhich (?!number|measure|one|is\b|of (?:the|these|those)\b)\w+"
    r"|what (?:conditions|requirements|products|professions|devices|documents|kinds?|types?"
    r"|criteria|rules|restrictions)"
    r"|eligib|requirement|(?<!same )condition|\bneed (?:to|a|an)\b|\bapply\b|officially|take effect"
    r"|^quando|\bquando (?:é|foi|será|vai|entra|começa|abre|arranca|podem|posso|estará|poderão)"
    # (not «Quais são as medidas … sobre seguros?», which the items' names answer: p15-023)
    r"|desde quando|quant[oa]s?\b|como (?:posso|se|faço|podemos|devo)"
    r"|\bquais\b(?!\s+(?:s[ãa]o\s+)?(?:as\s+)?medidas\b)"
    r"|\bque (?:profissões|produtos|condições|requisitos|documentos|tipos|dispositivos"
    r"|medicamentos)|requisitos|(?<!mesmas )condições|precis|candidat|a partir de"
)
_SPECIFICS_STATED = re.compile(
    r"(?:什么时候|何时|几时|哪天|哪一天|何日)[^?？]{0,12}(?:推出|公布|宣布|出(?![席口发]))"
    r"|(?:when (?:was|were|did)[^?]{0,60}|quando (?:foi|foram)[^?]{0,60})"
    r"(?:announced|introduced|unveiled|anunciad|apresentad)"
    r"|去哪查|去边度(?:睇|查)|何处查阅|哪里(?:查|看)|边度(?:睇|查)|where can i (?:find|read|see)"
    r"|onde (?:posso|se pode) (?:ver|consultar|ler)|第几项|哪一项|边一项|几号措施"
)


def _which_heads(text: str) -> list[str]:
    """The kinds of thing `text` (normalised) asks "which …" of, generic ones left out."""
    heads = []
    for match in _WHICH_ZH.finditer(text):
        words = chinese_nouns(text[match.end() : match.end() + 8])
        if words and words[0][1] and len(words[0][0]) >= 2:
            head = words[0][0]
            # a compound of a generic noun (电话号码, 服务行业) is as generic
            if not any(head.endswith(g) for g in _GENERIC_NOUNS if len(g) >= 2):
                heads.append(head)
    heads += [m.group(1).split()[-1] for m in _WHICH_EN.finditer(text)]
    # Portuguese plurals only: "que número" asks a number, not a list
    heads += [
        m.group(1)
        for m in _WHICH_PT.finditer(text)
        if re.search(r"(?:s|ões|ais|eis)$", m.group(1))
        and not _PT_CONJUNCTION.search(text[: m.start()])
    ]
    return [h for h in heads if h not in _GENERIC_NOUNS and not h.endswith("ing")]


def _word_groups(*groups: str) -> tuple[re.Pattern[str], ...]:
    """One pattern per thing, matching its names in every language."""
    return tuple(re.compile(group) for group in groups)


def _unnamed(text: str, stated: str, groups: tuple[re.Pattern[str], ...]) -> bool:
    """Whether `text` names one of `groups` that `stated` never names."""
    return any(group.search(text) and not group.search(stated) for group in groups)


# Service sectors, in each language's words (normalised: Simplified, lower case). A question about
# a sector's opening or national treatment is answered only by an answer naming that sector: the
# national-treatment entry lists six sectors "and others", the Greater Bay Area entry six more.
_SECTOR_ASKED = re.compile(
    r"国民待遇|national treatment|tratamento nacional|负面清单|negative list|lista negativa|率先"
    r"|开放|open(?:ed|ing)? up|abertura"
)


_SECTORS = _word_groups(
    r"医疗|医院|诊所|medical|health ?care|hospital|clinic|médic|saúde|clínic",
    r"教育|学校|培训|education|schools?\b|training|educação|ensino|escolas?\b|formação",
    r"法律|律师|legal|law firms?|lawyer|jurídic|advoga",
    r"金融|银行|证券|financ|\bbank|securities|\bbanc|valores mobiliários",
    r"保险|insurance|seguro|seguradora",
    r"电信|telecom",
    r"文化|娱乐|电影|cultur|entertainment|\bfilm|entretenimento|cinema",
    r"旅游|tourism|travel|turismo|viagens",
    r"餐饮|饮食|餐厅|restaurant|catering|restaura",
    r"零售|retail|retalho",
    r"广告|advertising|publicidade",
    r"会计|核数|审计|accounting|audit|contabil|auditor",
    r"建筑|工程|construction|architect|engineering|construção|arquitect|engenharia",
    r"运输|物流|交通|transport|logistic|logístic",
    r"批发|wholesale|grosso",
    r"维修|保养|maintenance|repair|manutenção|reparação",
    r"美容|美发|理发|beauty|hairdress|salões de beleza|salão de beleza|cabeleireir",
    r"税务|税收|\btax|fiscal|impostos",
)

# Countries and regions outside the Mainland and Macao: a figure asked for one of them (trade with
# Portugal) is not the Mainland-Macao figure the answers give. Only with a figure asked: a
# Portuguese national or goods from Japan are the user's context.
_PLACES = _word_groups(
    r"葡萄牙|portugal|portugues(?!e[- ]speaking|a)",
    r"巴西|brazil|brasil",
    r"安哥拉|angola",
    r"莫桑比克|mozambique|moçambique",
    r"欧洲|欧盟|europe|european union|europa|união europeia",
    r"美国|united states|\busa\b|estados unidos|\beua\b",
    r"日本|japan|japão",
    r"韩国|korea|coreia",
    r"新加坡|singapore|singapura",
    r"台湾|taiwan",
    r"英国|united kingdom|britain|\buk\b|reino unido",
    r"非洲|africa|áfrica",
    r"东盟|asean",
    r"印度|india|índia",
    r"俄罗斯|russia|rússia",
    r"比利时|安特卫普|belgium|antwerp|bélgica|antuérpia",
    r"以色列|israel",
    r"迪拜|阿联酋|dubai|emirates|emirados",
    r"南非|south africa|áfrica do sul",
)

_NUMBERS = {w: i for i, w in enumerate("一二三四五六七八九十", start=1)}
_ORDINAL_WORDS = {
    **{
        w: i
        for i, w in enumerate(
            ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"], start=1
        )
    },
    **{
        w: i
        for i, w in enumerate(
            ["primeir", "segund", "terceir", "quart", "quint", "sext", "sétim", "oitav"], start=1
        )
    },
}
_ORDINAL = re.compile(
    r"第([一二三四五六七八九十]|\d+)(?:次|届|期|轮)"
    # (a name may stand between: "the 4th China Quality Conference")
    r"|\b(\d+)(?:st|nd|rd|th|\.?[ªº]|\.[ao]) ?(?:[\w-]+ ){0,3}(?=meeting|conference|session|edition|round"
    r"|workshop|reunião|conferência|edição|sessão)"
    r"|\b(first|second|third|fourth|fifth|sixth|seventh|eighth) (?:[\w-]+ ){0,3}(?=meeting"
    r"|conference|session|edition|round|workshop)"
    r"|\b(primeir|segund|terceir|quart|quint|sext|sétim|oitav)[oa] (?=reunião|conferência"
    r"|edição|sessão)"
)


def _ordinals(text: str) -> set[int]:
    found = set()
    for match in _ORDINAL.finditer(text):
        han, digits, english, portuguese = match.groups()
        word = english or portuguese
        if han:
            found.add(_NUMBERS.get(han) or int(han))
        elif digits:
            found.add(int(digits))
        elif word:
            found.add(_ORDINAL_WORDS[word])
    return found


def asked_facets(question: str) -> list[Facet]:
    return _asked_facets(normalise(question))


def _asked_facets(text: str) -> list[Facet]:
    """The facets `text` (normalised) asks for."""
    return [
        facet
        for facet, rule in FACETS.items()
        if rule.asked.search(text) and not (rule.unless and rule.unless.search(text))
    ]


@cache
def _entry_text(entry: Entry) -> str:
    """What `entry` states, normalised once (entries are immutable; every turn asks again)."""
    parts = [*entry.answer.all(), *entry.title.all(), entry.source.date.isoformat()]
    return normalise(" ".join(parts))


@cache
def _titled_ordinals(entry: Entry) -> frozenset[int]:
    """The meeting or edition `entry` is about: the one its title names (cached like
    `_entry_text`)."""
    return frozenset(_ordinals(normalise(" ".join(entry.title.all()))))


def _stated_text(entries: Iterable[Entry]) -> str:
    return " ".join(_entry_text(entry) for entry in entries)


def missing_detail(question: str, entries: list[Entry]) -> Detail | None:
    """The first detail `question` asks for that none of `entries` (the ones that would answer
    it) can state: a facet above, or a year the question names and none of them mentions. A
    year after a measure's end is answered by its end date ("instalments due in 2021?")."""
    stated = _stated_text(entries)
    asked = normalise(question)
    for facet in _asked_facets(asked):
        rule = FACETS[facet].stated
        if rule is None or not rule.search(stated):
            return facet
    # The entry answering first says only what its item is: its siblings (the overview listing
    # it) say no more of it (「跨境理財通何時正式開通？」 answered with measure 4 and the overview).
    # Blind6–15, each set's labelled questions left out: two more out-of-scope refused, no
    # in-scope question lost.
    summary_only = bool(entries) and entries[0].summary_only
    if summary_only and _SPECIFICS.search(asked) and not _SPECIFICS_STATED.search(asked):
        return "specifics"
    # only the sentence that asks about opening: an earlier one may name the user's own trade
    # ("I am a lawyer; my client …")
    for sentence in re.split(r"[。？！?!;；]|\.\s", asked):
        if _SECTOR_ASKED.search(sentence) and _unnamed(sentence, stated, _SECTORS):
            return "sector"
    figure = _FIGURE_ASKED.search(asked) is not None
    if figure and _unnamed(asked, stated, _PLACES):
        return "place"
    ended = max((e.valid_until.year for e in entries if e.valid_until), default=None)
    years = _YEAR.findall(asked) + [
        name
        for name, rule in (("this year", _THIS_YEAR), ("next year", _NEXT_YEAR))
        if rule.search(asked)
    ]
    if figure and _LAST_YEAR.search(asked):
        years.append("last year")
    # (a figure or count asked of a year after the measure's end is one no answer has: "repayment
    # adjustment figures for 2021?", blind23; whether that year's instalments were covered is not)
    quantity = figure or _HOW_MANY.search(asked) is not None
    for year in years:
        if ended is not None and (not year.isdigit() or int(year) > ended) and not quantity:
            continue
        if year not in stated or (
            figure and not re.search(rf"{year}[^。;；]{{0,60}}(?:{_FIGURE})", stated)
        ):
            return "year"
    for count_asked, counted in _COUNTS:
        if count_asked.search(asked) and not counted.search(stated):
            return "count"
    for head in _which_heads(asked):
        if (head[:-1] if head.endswith("s") and len(head) > 4 else head) not in stated:
            return "which"
    # The meeting an entry is about is the one its title names: its answer may recall earlier
    # ones ("since the first meeting") without saying anything of them.
    titled = set().union(*(_titled_ordinals(e) for e in entries))
    if _ordinals(asked) - (titled or _ordinals(stated)):
        return "occurrence"
    return None
