"""A message asking several questions is read one question at a time (knowledge/service.py)."""

from __future__ import annotations

import pytest

from knowledge.service import question_parts


@pytest.mark.parametrize(
    ("message", "parts"),
    [
        # The eighth blind set of 2026-12-06 (tuning data now).
        (
            "CEPA即係咩嚟㗎？聽講服務貿易協議又改過，新版幾時開始生效？",
            ["CEPA即係咩嚟㗎", "聽講服務貿易協議又改過，新版幾時開始生效"],
        ),
        (
            "請問目前CEPA下的自由化程度如何？此外，經修訂的服務貿易協議自何日起實施？",
            ["請問目前CEPA下的自由化程度如何", "此外，經修訂的服務貿易協議自何日起實施"],
        ),
        (
            "3rd China Quality Conference - when? where?",
            ["3rd China Quality Conference - when", "where"],
        ),
    ],
)
def test_a_message_asking_several_questions_is_split(message: str, parts: list[str]) -> None:
    assert question_parts(message) == parts


# Probe 10: letters, Chinese numerals, "1." and 「第一 … 第二」 numbered a pasted e-mail's questions;
# read whole, one unanswerable part had the whole message refused.
@pytest.mark.parametrize(
    ("message", "parts"),
    [
        ("请问：1. 大湾区15项措施中关于律师事务所的是第几项？内容是什么？2. 修订后的CEPA在法律服务方面"
         "有没有在大湾区先行先试的？3. 我们如果在横琴开联营所，需要多少注册资本？谢谢！",
         ["大湾区15项措施中关于律师事务所的是第几项？内容是什么？",
          "修订后的CEPA在法律服务方面有没有在大湾区先行先试的？",
          "我们如果在横琴开联营所，需要多少注册资本？谢谢！"]),
        ("We would like to clarify the following: (a) does importing wine into Macao require an "
         "import licence? (b) what was discussed at the WTO import licensing workshop? (c) could "
         "you tell us the processing time and fee for an import licence? (d) is the Macao product "
         "quality certification open to imported goods? Kind regards, João",
         ["does importing wine into Macao require an import licence?",
          "what was discussed at the WTO import licensing workshop?",
          "could you tell us the processing time and fee for an import licence?",
          "is the Macao product quality certification open to imported goods? Kind regards, João"]),
        ("謹請教：（一）修訂協議下，批發銷售是否已實現國民待遇？（二）修訂協議何時生效？（三）貴局可否提供"
         "所需文件及收費？順頌商祺。",
         ["修訂協議下，批發銷售是否已實現國民待遇？", "修訂協議何時生效？",
          "貴局可否提供所需文件及收費？順頌商祺"]),
        ("想問幾樣嘢 第一 建築設計係咪已經可以同內地公司一樣待遇 第二 使唔使喺大陸開公司 第三 仲可唔可以"
         "申請減還款 第四 你哋電話幾多 唔該晒",
         ["建築設計係咪已經可以同內地公司一樣待遇", "使唔使喺大陸開公司", "仲可唔可以申請減還款",
          "你哋電話幾多 唔該晒"]),
    ],
)  # fmt: skip
def test_numbered_questions_of_a_message_are_split(message: str, parts: list[str]) -> None:
    assert question_parts(message) == parts


@pytest.mark.parametrize(
    "message",
    [
        "What is CEPA?",
        # 還有 is "still has" here, not "and also".
        "这一期之后还有多少期还款？",
        # a part too short to be a question of its own
        "CEPA? ok?",
        "幾時簽？邊個簽？喺邊度簽？簽咗咩？",
        # an ordinal of a word, not a numbered question
        "第一項措施同第二項措施有咩分別？",
        "Is measure 1. the same as measure 2.?",
    ],
)
def test_one_question_or_too_many_stays_whole(message: str) -> None:
    assert question_parts(message) == [message]
