from bot.telegram_text import MAX_CALLBACK_DATA, callback_data, is_callback_key, split_text


def test_short_text_is_one_piece() -> None:
    assert split_text("你好") == ["你好"]


def test_long_text_is_split_under_the_limit_at_breaks_without_losing_words() -> None:
    paragraphs = ["段落" * 300 + f"{i}" for i in range(10)]
    text = "\n\n".join(paragraphs)
    pieces = split_text(text, limit=4096)
    assert all(len(p) <= 4096 for p in pieces) and len(pieces) > 1
    assert "".join(pieces).replace("\n", "") == text.replace("\n", "")


def test_unbroken_text_is_cut_hard() -> None:
    pieces = split_text("x" * 9000, limit=4096)
    assert [len(p) for p in pieces] == [4096, 4096, 808]


def test_callback_data_fits_telegram() -> None:
    short = '/ask_contact{"kb_entry":"contact-bureau"}'
    assert callback_data(short) == short
    long = '/ask_gba_measures{"kb_entry":"gba-measure-05-foreign-permanent-residents"}'
    key = callback_data(long)
    assert len(key.encode()) <= MAX_CALLBACK_DATA and key == callback_data(long)


def test_a_short_payload_that_looks_like_a_key_or_a_language_button_is_keyed() -> None:
    for payload in ("k:0123", "lang:en"):
        key = callback_data(payload)
        assert key != payload and is_callback_key(key)
    assert not is_callback_key(callback_data('/ask_contact{"kb_entry":"contact-bureau"}'))
