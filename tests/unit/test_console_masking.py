"""Masking before storage: names, Macao phone numbers and e-mail addresses as users write them
in Traditional Chinese, Cantonese, Simplified Chinese, English and Portuguese."""

from __future__ import annotations

import pytest

from console.masking import mask

CASES = [
    # Traditional Chinese
    ("本人陳大文，請以電郵 taiman.chan@example.com.mo 回覆CEPA原產地證明的問題。",
     "本人[name]，請以電郵 [email] 回覆CEPA原產地證明的問題。"),
    ("我是黃美玲，聯絡電話為 +853 2888 2278，想查詢進口准照。",
     "我是[name]，聯絡電話為 [phone]，想查詢進口准照。"),
    ("請何女士致電６６１２３４５６查詢金伯利進程。", "請[name]女士致電[phone]查詢金伯利進程。"),
    # Cantonese
    ("我叫陳大文，電話 6612 3456，CEPA 點樣計算澳門製造嘅增值？",
     "我叫[name]，電話 [phone]，CEPA 點樣計算澳門製造嘅增值？"),
    ("我係李嘉欣呀，打 66-123-456 或者 email 我 kayan.lee@gmail.com 得唔得？",
     "我係[name]呀，打 [phone] 或者 email 我 [email] 得唔得？"),
    ("搵陳生跟進啦，佢手機係 (853) 6688 1234", "搵[name]生跟進啦，佢手機係 [phone]"),
    # Simplified Chinese
    ("我叫王小明，手机+85362345678，邮箱 wang.xm@163.com，想了解大湾区措施",
     "我叫[name]，手机[phone]，邮箱 [email]，想了解大湾区措施"),
    ("我的名字是张伟，请打28 123 456联系我", "我的名字是[name]，请打[phone]联系我"),
    # English
    ("Hi, my name is Chan Tai Man and my number is 6612-3456.",
     "Hi, my name is [name] and my number is [phone]."),
    ("I am Peter Wong from ABC Trading, email peter.wong@abc-trading.com.mo",
     "I am [name] from ABC Trading, email [email]"),
    ("Please ask Mr Leong to call +853 2833 3333", "Please ask Mr [name] to call [phone]"),
    # Portuguese
    ("Chamo-me Ana Costa e o meu telemóvel é 6612 3456.",
     "Chamo-me [name] e o meu telemóvel é [phone]."),
    ("O meu nome é João da Silva, email joao.silva@empresa.mo",
     "O meu nome é [name], email [email]"),
    ("Sou a Maria Lei, telefone ６６１２３４５６", "Sou a [name], telefone [phone]"),
    ("A Sra. Costa pede contacto pelo 853 28 88 22 78", "A Sra. [name] pede contacto pelo [phone]"),
    # Found in review: mainland mobiles, Hong Kong numbers, 。 in an address, a domain without
    # a dot, and Latin-letter names after a Chinese introduction.
    ("我手機13812345678，想問大灣區措施", "我手機[phone]，想問大灣區措施"),
    ("内地手提 138 1234 5678，请回复", "内地手提 [phone]，请回复"),
    ("香港電話 5123 4567，可唔可以搵我？", "香港電話 [phone]，可唔可以搵我？"),
    ("Please call 9123 4567 in Hong Kong", "Please call [phone] in Hong Kong"),
    ("請電郵 chan@gmail。com 回覆", "請電郵 [email] 回覆"),
    ("Envie para chan.taiman@gmail por favor", "Envie para [email] por favor"),
    ("我叫 Peter Chan，想問CEPA", "我叫 [name]，想問CEPA"),
    ("我係Peter Chan，想問CEPA", "我係[name]，想問CEPA"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "masked"), CASES)
def test_personal_data_is_masked(text: str, masked: str) -> None:
    assert mask(text) == masked


QUESTIONS = [
    "我係想問下 CEPA 服務貿易協議幾時生效？",
    "我是想了解中小企业援助计划的还款调整",
    "最多可以調整幾多次？分期2020年12月31日前到期",
    "I am interested in the 2019 revised CEPA agreement",
    "Sou empresário, posso ajustar a prestação de MOP 12,000 de 2020-05-31?",
    "Can I adjust an instalment of MOP 1000000 due 20200531?",
    "HS code 7102.10.00 under the Kimberley Process",
]


@pytest.mark.parametrize("text", QUESTIONS)
def test_questions_without_personal_data_are_kept_as_asked(text: str) -> None:
    """Dates, amounts, codes and 'I am …' that says what, not who, stay as they are."""
    assert mask(text) == text


def test_masking_is_idempotent() -> None:
    once = mask(CASES[4][0])
    assert mask(once) == once
