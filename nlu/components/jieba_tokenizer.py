"""A jieba tokenizer that Rasa can train on mixed-script, mixed-language text.

Rasa's own JiebaTokenizer emits whitespace tokens ("CEPA 服务" → "CEPA", " ", "服务"), which break
featurisation and training. This one drops them, and segments a Simplified copy of the text so that
Traditional and Cantonese messages share one vocabulary with Simplified ones. Token offsets still
point into the original text (the conversion maps one character to one character; when it would
not, the original text is segmented instead).
"""

from __future__ import annotations

from functools import lru_cache

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.jieba_tokenizer import JiebaTokenizer
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.training_data.message import Message


@lru_cache(maxsize=1)
def _to_simplified():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s").convert


def simplified_same_length(text: str) -> str:
    converted = _to_simplified()(text)
    return converted if len(converted) == len(text) else text


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=True)
class CleanJiebaTokenizer(JiebaTokenizer):
    """JiebaTokenizer without whitespace tokens, segmenting Traditional text as Simplified."""

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        import jieba

        text = message.get(attribute)
        folded = simplified_same_length(text)
        tokens = [
            Token(word.lower(), start)
            for word, start, _end in jieba.tokenize(folded)
            if word.strip()
        ]
        return self._apply_token_pattern(tokens)
