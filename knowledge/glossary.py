"""Official names, kept apart from facts: the one place an English or Portuguese answer takes a
name from.

The knowledge entries state what the December 2019 newsletter says; the newsletter is in Chinese
only. The English and Portuguese names below are not facts of the newsletter but the official
names of what it names (Macao's official Portuguese spelling). An answer writes `[[key]]` where a
name goes; loading the entry puts the name in its language (knowledge/schema.py), and an unknown
key fails loudly. tests/unit/test_glossary.py checks that each name the newsletter uses appears,
in the official form, in every English and Portuguese answer whose Chinese names it, and that the
paraphrases once used in its place are gone.

A person is romanised only where the romanisation is certain; otherwise the Chinese name stays, in
Macao's Traditional script, with neutral wording around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

from knowledge.language import LANGS, Lang
from knowledge.text import to_traditional


@dataclass(frozen=True)
class Name:
    zh_hans: str  # as the newsletter prints it (Simplified), or the official Chinese name
    en: str
    pt: str
    zh_hant: str | None = None  # only where the derived Traditional form is not the official one
    # False: the newsletter never uses this name, so no answer may state it.
    in_newsletter: bool = True
    # Wordings once used instead of the official name; no answer may contain them.
    not_instead: tuple[str, ...] = field(default=())

    def get(self, lang: Lang) -> str:
        if lang == "zh-Hans":
            return self.zh_hans
        if lang == "zh-Hant":
            return self.zh_hant or to_traditional(self.zh_hans)
        return self.en if lang == "en" else self.pt


NAMES: Final[MappingProxyType[str, Name]] = MappingProxyType(
    {
        # The newsletter never spells CEPA out: the full name is kept out of the answers.
        "cepa": Name(
            zh_hans="内地与澳门关于建立更紧密经贸关系的安排",
            zh_hant="內地與澳門關於建立更緊密經貿關係的安排",
            en="Mainland and Macao Closer Economic Partnership Arrangement",
            pt="Acordo de Estreitamento das Relações Económicas e Comerciais entre o Interior da "
            "China e Macau",
            in_newsletter=False,
        ),
        "amending-agreement": Name(
            zh_hans="《关于修订〈CEPA服务贸易协议〉的协议》",
            en="Agreement Concerning Amendment to the CEPA Agreement on Trade in Services",
            pt="Acordo relativo à Alteração ao Acordo sobre Comércio de Serviços no âmbito do CEPA",
            not_instead=(
                "Agreement Amending the CEPA",
                "Acordo de revisão do Acordo",
            ),
        ),
        "services-agreement": Name(
            zh_hans="《CEPA服务贸易协议》",
            en="CEPA Agreement on Trade in Services",
            pt="Acordo sobre Comércio de Serviços no âmbito do CEPA",
            not_instead=("Acordo sobre Comércio de Serviços do CEPA",),
        ),
        "industrial-association": Name(
            zh_hans="澳门厂商联合会",
            en="Industrial Association of Macao",
            pt="Associação Industrial de Macau",
            not_instead=("manufacturers' association", "associação de industriais de Macau"),
        ),
        "chamber-of-commerce": Name(
            zh_hans="澳门中华总商会",
            en="Macao Chamber of Commerce",
            pt="Associação Comercial de Macau",
        ),
        # 陈子慧: no romanisation is certain from the newsletter, so the Chinese name stays.
        "deputy-director-chan": Name(
            zh_hans="陈子慧",
            en="陳子慧",
            pt="陳子慧",
            not_instead=("(陈子慧)", "por 陈子慧"),
        ),
        # Menu paths of the Economic Bureau's website as the newsletter prints them. The site's own
        # English and Portuguese labels are not in the newsletter: the Chinese labels are quoted,
        # with our translation marked as such.
        "path-gba-measures": Name(
            zh_hans="经济局网页＞粤港澳大湾区专题资料＞中央再推出粤港澳大湾区建设惠澳政策措施",
            en="the Economic Bureau's website, under the menu path the newsletter gives in "
            "Chinese: 粤港澳大湾区专题资料 ＞ 中央再推出粤港澳大湾区建设惠澳政策措施 (our "
            "translation: Greater Bay Area thematic information > the Central Government "
            "introduces further measures benefiting Macao)",
            pt="sítio da Direcção dos Serviços de Economia, no caminho de menu que o boletim "
            "indica em chinês: 粤港澳大湾区专题资料 ＞ 中央再推出粤港澳大湾区建设惠澳政策措施 "
            "(em tradução nossa: informações temáticas sobre a Grande Baía > o Governo Central "
            "volta a lançar medidas em benefício de Macau)",
            not_instead=("Thematic Information >", "Informações Temáticas sobre"),
        ),
        "path-cepa-express": Name(
            zh_hans="经济局网页＞对外经贸关系＞【紧贸安排快讯】",
            en="the Economic Bureau's website, under the menu path the newsletter gives in "
            "Chinese: 对外经贸关系 ＞【紧贸安排快讯】 (our translation: external economic and "
            "trade relations > CEPA Express)",
            pt="sítio da Direcção dos Serviços de Economia, no caminho de menu que o boletim "
            "indica em chinês: 对外经贸关系 ＞【紧贸安排快讯】 (em tradução nossa: relações "
            "económicas e comerciais externas > CEPA Express)",
            not_instead=(
                "under External Economic and Trade Relations",
                "em Relações Económicas e Comerciais Externas",
            ),
        ),
    }
)
# Kept for callers of the first version: term → language → name.
OFFICIAL_NAMES: Final[MappingProxyType[str, MappingProxyType[Lang, str]]] = MappingProxyType(
    {key: MappingProxyType({lang: name.get(lang) for lang in LANGS}) for key, name in NAMES.items()}
)
_PLACEHOLDER = re.compile(r"\[\[([a-z-]+)\]\]")


def official_name(term: str, lang: Lang) -> str | None:
    """The official name of `term` (a key of NAMES, or "CEPA") in `lang`, if the glossary has it."""
    name = NAMES.get(term.lower())
    return name.get(lang) if name is not None else None


def expand_names(text: str, lang: Lang) -> str:
    """`[[key]]` → the official name in `lang`; an unknown key raises ValueError."""

    def name(match: re.Match[str]) -> str:
        found = NAMES.get(match.group(1))
        if found is None:
            raise ValueError(f"unknown glossary name [[{match.group(1)}]]")
        return found.get(lang)

    return _PLACEHOLDER.sub(name, text)
