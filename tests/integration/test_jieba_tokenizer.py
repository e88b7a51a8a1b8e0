"""The Rasa-side tokenizer, run in the Rasa environment exactly as Rasa runs it."""

import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RASA_PYTHON = ROOT / ".venv-rasa" / "bin" / "python"

SCRIPT = r"""
import json, sys
from rasa.shared.nlu.training_data.message import Message
from nlu.components.jieba_tokenizer import CleanJiebaTokenizer
config = {**CleanJiebaTokenizer.get_default_config(), "dictionary_path": None}
tokenizer = CleanJiebaTokenizer(config, None, None)
out = []
for text in json.load(sys.stdin):
    tokens = tokenizer.tokenize(Message(data={"text": text}), "text")
    out.append([[t.text, t.start, t.end] for t in tokens])
print(json.dumps(out, ensure_ascii=False))
"""


def tokenize(texts: list[str]) -> list[list[list[object]]]:
    result = subprocess.run(
        [str(RASA_PYTHON), "-c", SCRIPT],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_no_whitespace_tokens_and_offsets_point_into_the_original_text() -> None:
    texts = [
        "CEPA 服務貿易協議  幾時 實施？",
        "Can I adjust my repayment 到 MOP 1,000",
        "调整 还款",
    ]
    for text, tokens in zip(texts, tokenize(texts), strict=True):
        assert tokens, text
        for word, start, end in tokens:
            assert word.strip() == word and word
            assert len(text[start:end]) == len(word)


def test_traditional_is_segmented_like_simplified() -> None:
    traditional, simplified = tokenize(["調整援助計劃還款", "调整援助计划还款"])
    assert [t[0] for t in traditional] == [t[0] for t in simplified]
