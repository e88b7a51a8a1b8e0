"""Traditional Chinese in Macao's standard forms (issue 14, item 1).

Every zh-Hant text the assistant can send — entry answers and titles, source lines, buttons, the
plausible / not-sure / out-of-scope / hand-off replies, eligibility decisions and the message
catalogue — must be free of the Hong Kong forms OpenCC's s2hk writes where Macao writes otherwise.
The forms and their Macao equivalents live in one table, knowledge/text.py MACAO_FORMS.
"""

from __future__ import annotations

import pytest

from knowledge.schema import Entry
from knowledge.text import MACAO_FORMS, macao_form_violations, to_traditional
from tests.unit.catalogue import catalogue, replies


def test_every_zh_hant_reply_uses_macao_forms(entries: list[Entry]) -> None:
    texts = replies(entries, "zh-Hant")
    assert len(texts) > 300
    bad = [(label, macao_form_violations(text)) for label, text in texts]
    assert [b for b in bad if b[1]] == []


def test_every_zh_hant_message_of_the_catalogue_uses_macao_forms() -> None:
    texts = catalogue("zh-Hant")
    groups = {label.split(".")[0] for label, _ in texts}
    assert {"small_talk", "form", "handoff", "answer", "repayment", "telegram", "widget"} <= groups
    bad = [(label, macao_form_violations(text)) for label, text in texts]
    assert [b for b in bad if b[1]] == []


# Cantonese words that written Chinese does not use. Probe 5 (2026-12-06): a formal user who wrote
# 「請問可否轉介予貴局職員跟進？」 was answered 「請問點稱呼你？」 and thanked with 「唔使客氣！」.
_COLLOQUIAL = (
    *("唔", "咩", "係", "嘅", "喺", "冇", "咗", "嚟", "啲", "佢", "搵", "仲", "咁"),
    *("點樣", "點稱呼", "點解", "幾多", "幾時", "話我知", "嘢", "睇", "俾", "畀", "攞"),
)


def test_the_catalogue_writes_formal_chinese_not_cantonese() -> None:
    """The zh-Hant catalogue answers every Traditional Chinese user, in a government's register:
    written Chinese, which Cantonese speakers read as their own (the answers are written so too).
    The users' own Cantonese words are read (actions/parsing.py); they are not what the bot says."""
    bad = [(label, [w for w in _COLLOQUIAL if w in text]) for label, text in catalogue("zh-Hant")]
    assert [b for b in bad if b[1]] == []


@pytest.mark.parametrize(
    ("simplified", "macao"),
    [
        ("澳门回归二十年来", "澳門回歸二十年來"),  # trade-committee-trade-figures
        ("必须先行向经济局申领经营准照", "必須先行向經濟局申領經營准照"),  # kimberley-licences
        ("享有同样的市场准入条件", "享有同樣的市場准入條件"),  # cepa-services-national-treatment
        ("加深了解现今国际质量发展的趋势", "加深了解現今國際質量發展的趨勢"),
        ("税收服务", "稅收服務"),
        ("辅以课堂练习说明通报程序", "輔以課堂練習說明通報程序"),
        ("标志着澳门毛坯钻石贸易开启了新的一页", "標誌著澳門毛坯鑽石貿易開啟了新的一頁"),
        ("卫生局", "衛生局"),
        # Words where 準 and 迴 are right stay as they are.
        ("标准、水准、准确", "標準、水準、準確"),
        ("批准", "批准"),
    ],
)
def test_conversion_writes_macao_forms(simplified: str, macao: str) -> None:
    assert to_traditional(simplified) == macao


def test_the_table_only_maps_forms_that_conversion_would_otherwise_produce() -> None:
    """Each key is a Hong Kong form and never a value: the table cannot undo itself."""
    assert not set(MACAO_FORMS) & set(MACAO_FORMS.values())
    for hk, macao in MACAO_FORMS.items():
        assert macao_form_violations(hk) == [hk]
        assert macao_form_violations(macao) == []
