"""Official names of the agreements the assistant talks about, kept apart from facts.

The knowledge entries state only what the December 2019 newsletter says, and the newsletter never
spells CEPA out. The official full names below are not facts of the newsletter: they come from the
agreement's own title in each language. The entry schema has no field that refers to this
glossary, so no answer quotes it today; it exists so that a name, if ever shown, comes from one
checked place instead of being typed into an answer.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

from knowledge.language import Lang

OFFICIAL_NAMES: Final[MappingProxyType[str, MappingProxyType[Lang, str]]] = MappingProxyType(
    {
        "CEPA": MappingProxyType(
            {
                "zh-Hant": "內地與澳門關於建立更緊密經貿關係的安排",
                "zh-Hans": "内地与澳门关于建立更紧密经贸关系的安排",
                "en": "Mainland and Macao Closer Economic Partnership Arrangement",
                "pt": "Acordo de Estreitamento das Relações Económicas e Comerciais entre o "
                "Interior da China e Macau",
            }
        ),
    }
)


def official_name(term: str, lang: Lang) -> str | None:
    """The official full name of `term` (e.g. "CEPA") in `lang`, if the glossary has it."""
    names = OFFICIAL_NAMES.get(term)
    return names[lang] if names is not None else None
