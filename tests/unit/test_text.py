import pytest

from knowledge.text import (
    NAME_MISSPELLINGS,
    document_tokens,
    normalise,
    to_traditional,
    tokenize,
    without_denied_tail,
    without_preamble,
    written_chinese,
)


def test_normalise_folds_script_width_and_case() -> None:
    assert normalise("  調整　還款 ＣＥＰＡ  ") == "调整 还款 cepa"


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        # blind17 (tuning data): the one word that tells the topic, misspelt
        ("金佰利係咩黎 同鑽石有咩關係", "金伯利系咩黎 同钻石有咩关系"),
        ("Kimberly process certificate?", "kimberley process certificate?"),
        ("毛胚鑽石", "毛坯钻石"),
    ],
)
def test_misspelt_names_are_read_as_the_entries_spell_them(typed: str, read: str) -> None:
    assert normalise(typed) == read


# blind18 (tuning data): the encoder does not know "GBA"; an English word in a Cantonese sentence
# weakened its match
@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("list of the 15 GBA measures", "list of the 15 greater bay area measures"),
        ("中央新推嘅GBA措施", "中央新推嘅大湾区措施"),
        ("聽講WTO搞咗個workshop", "听讲wto搞咗个工作坊"),
        ("點樣apply調整還款", "点样申请调整还款"),
        ("how do SMEs apply", "how do smes apply"),  # kept in an English question
        ("gbah importação", "gbah importação"),  # only whole words
        ("進口d咩嘢要攞准照先", "进口啲咩嘢要攞准照先"),  # p10-013
        ("vitamin d", "vitamin d"),
    ],
)
def test_english_words_are_spelt_out_in_the_questions_script(typed: str, read: str) -> None:
    assert normalise(typed) == read


def test_markup_around_a_question_is_no_words() -> None:
    # probe 9: the tags and the script's words ranked the repayment rules first
    typed = "<b>what</b> is the Kimberley law number? <script>alert(1)</script>"
    assert normalise(typed) == "what is the kimberley law number?"
    assert normalise("a < b and c > d") == "a < b and c > d"  # not markup


def test_a_mended_name_is_no_other_word() -> None:
    assert set(NAME_MISSPELLINGS.values()) <= {"金伯利", "毛坯", "kimberley"}
    assert normalise("Kimberley") == "kimberley"  # the right spelling is left alone


def test_tokens_have_no_whitespace_punctuation_or_stopwords() -> None:
    tokens = tokenize("CEPA 服務貿易協議 幾時 實施？ What is the   deadline?")
    assert tokens
    assert all(t.strip() == t and t for t in tokens)
    assert "？" not in tokens and "?" not in tokens
    assert "the" not in tokens
    assert "cepa" in tokens and "deadline" in tokens


def test_user_dictionary_keeps_domain_terms_whole() -> None:
    assert "粤港澳大湾区" in tokenize("粵港澳大灣區惠澳措施")
    tokens = tokenize("金伯利進程證書制度")
    assert "金伯利进程证书制度" in tokens
    assert {"金伯利", "证书"} <= set(tokens)  # parts of long terms match too


def test_traditional_uses_macao_forms() -> None:
    assert to_traditional("经济局调整还款") == "經濟局調整還款"


def test_latin_words_stay_whole_whatever_their_accents() -> None:
    """jieba cut prestação into presta / ç / ã; Latin words and numbers are now taken whole."""
    tokens = tokenize("Qual é a prestação mínima? São 1.000 patacas, MOP1,000 através da ligação")
    assert {"prestação", "mínima", "são", "1000", "patacas", "mop"} <= set(tokens)
    assert {"atravé", "ligação"} & set(tokens) == {"ligação"}
    assert not {"ç", "ã", "í", "s", "m", "nima", "presta"} & set(tokens)


def test_cantonese_that_stays_cantonese_once_simplified() -> None:
    # OpenCC writes 嗰 as 𠮶, which no pattern knew: 「最尾嗰項呢」 (probe 9) and
    # 「王炳南嗰日嚟澳門做咗啲咩？」 (blind19, tuning data) were read with a word nothing matches.
    assert normalise("最尾嗰項呢") == "最尾嗰项呢"
    assert "𠮶" not in "".join(tokenize("王炳南嗰日嚟澳門做咗啲咩？簽約定開會？"))


def test_cantonese_particles_and_modal_words_are_not_evidence() -> None:
    assert tokenize("調整還款可唔可以申請？") == ["调整", "还款", "调整还款", "申请"]
    tokens = set(tokenize("而家仲有冇得申請㗎？可唔可以？"))
    assert "申请" in tokens
    assert not {"可", "可以", "唔", "仲", "而家", "有冇", "㗎"} & tokens


def test_documents_also_index_their_single_characters() -> None:
    tokens = document_tokens("药品和医疗器械")
    assert "药品" in tokens and "药" in tokens and "品" in tokens
    assert "和" not in tokens  # a stopword, as a word and as a character
    assert document_tokens("Medicines") == tokenize("Medicines")


@pytest.mark.parametrize(
    ("said", "question"),
    [
        # probe 7: refused with the words before them, answered without
        (
            "fine. how many people attended the WTO import licensing workshop",
            "how many people attended the WTO import licensing workshop",
        ),
        ("ok English then. What is CEPA?", "What is CEPA?"),
        ("轉個話題，金伯利證書係咪入口都要", "金伯利證書係咪入口都要"),
        ("Está bem. Já agora, o que é o CITES?", "o que é o CITES?"),
    ],
)
def test_words_before_the_question_are_left_out(said: str, question: str) -> None:
    assert without_preamble(said) == question


@pytest.mark.parametrize(
    "said", ["ok", "fine.", "好，唔該", "Obrigado!", "咁CEPA幾時生效？", "so what"]
)
def test_a_message_that_is_only_such_words_or_none_stays_whole(said: str) -> None:
    assert without_preamble(said) == said


@pytest.mark.parametrize(
    ("typed", "written"),
    [("咁邊個簽㗎？", "咁哪个签?"),
     ("聽講CEPA服務貿易又改咗 係咪2020年先至實施", "听讲cepa服务贸易又改了 是不是2020年才实施"),
     ("想睇多啲CEPA快訊 上網去邊度搵", "想看多些cepa快讯 上网去哪里找"),
     ("點申請呀", "怎么申请呀"),
     ("佢哋有冇出席", "他们有没有出席")],
)  # fmt: skip
def test_the_encoder_reads_cantonese_words_in_written_chinese(typed: str, written: str) -> None:
    assert written_chinese(normalise(typed)) == written


@pytest.mark.parametrize("same", ["关系", "体系", "系统", "仲裁", "重点", "地点", "what is cepa"])
def test_written_chinese_words_that_look_cantonese_stay(same: str) -> None:
    assert written_chinese(same) == same


@pytest.mark.parametrize(
    ("said", "asked"),
    [("我问的是惠澳15项措施，不是CEPA协议", "我问的是惠澳15项措施"),  # p16-005
     ("I mean the GBA list, not CEPA", "I mean the GBA list"),
     ("Quero a lista da Grande Baía, não o CEPA", "Quero a lista da Grande Baía")],
)  # fmt: skip
def test_what_a_question_is_not_about_is_left_out(said: str, asked: str) -> None:
    assert without_denied_tail(said) == asked


@pytest.mark.parametrize(
    "said", ["is it for me, nothing else", "它是免费的，not?", "有冇，唔該", "不是CEPA"]
)
def test_a_question_without_such_a_clause_stays_whole(said: str) -> None:
    assert without_denied_tail(said) == said


def test_a_figure_is_one_token_with_or_without_thousands_separators() -> None:
    assert tokenize("6,772,418澳門元")[:1] == tokenize("6772418") == ["6772418"]
    assert "1000" in tokenize("下調至1,000澳門元")
    assert tokenize("MOP 4.500,00") == ["mop", "4500,00"]
    assert tokenize("20.3倍")[:1] == ["20.3"]  # a decimal
