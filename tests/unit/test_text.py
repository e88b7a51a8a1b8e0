from knowledge.text import normalise, to_traditional, tokenize


def test_normalise_folds_script_width_and_case() -> None:
    assert normalise("  調整　還款 ＣＥＰＡ  ") == "调整 还款 cepa"


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
