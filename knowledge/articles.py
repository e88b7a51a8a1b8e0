"""The newsletter's articles: each title as printed (read from the newsletter's own table of
contents, so there is no second copy to drift) and its English and Portuguese translation, for
source lines shown in the reader's language with the original title beside the translation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from knowledge.language import Lang

NEWSLETTER = Path(__file__).resolve().parent / "source" / "cepa-express-2019-12.txt"

# Our translations of the printed titles (the newsletter exists only in Chinese).
TRANSLATED_TITLES: dict[int, dict[str, str]] = {
    1: {"en": "Agreement Concerning Amendment to the CEPA Agreement on Trade in Services signed in Macao",
        "pt": "Assinado em Macau o Acordo relativo à Alteração ao Acordo sobre Comércio de Serviços no âmbito do CEPA"},
    2: {"en": "Second meeting of the Mainland–Macao economic and trade cooperation committee held in Macao",
        "pt": "Realizada em Macau a segunda reunião da comissão de cooperação económica e comercial entre o Interior da China e Macau"},
    3: {"en": "Central Government introduces policy measures benefiting Macao for the development of the Guangdong-Hong Kong-Macao Greater Bay Area",
        "pt": "Governo Central lança medidas políticas em benefício de Macau para a construção da Grande Baía Guangdong-Hong Kong-Macau"},
    4: {"en": "Kimberley Process Certification Scheme implemented in Macao on 1 October",
        "pt": "Sistema de Certificação do Processo de Kimberley aplicado em Macau a 1 de Outubro"},
    5: {"en": "Macao receives its first import of Kimberley Process rough diamonds",
        "pt": "Macau recebe a primeira importação de diamantes em bruto do Processo de Kimberley"},
    6: {"en": "WTO workshop on import licensing and notifications held in Macao",
        "pt": "Realizado em Macau o workshop da OMC sobre licenciamento de importação e notificações"},
    7: {"en": "CITES implementation coordination meeting of the Central Government and the Hong Kong and Macao SAR Governments",
        "pt": "Reunião de coordenação da aplicação da CITES entre o Governo Central e os Governos das RAE de Hong Kong e Macau"},
    8: {"en": "Economic Bureau launches the ‘adjustment of repayments under the aid schemes’ measure",
        "pt": "Direcção dos Serviços de Economia lança a medida “ajustamento dos reembolsos dos planos de apoio”"},
    9: {"en": "2019 meeting of the Guangdong–Macao quality testing and certification working group",
        "pt": "Reunião de 2019 do grupo de trabalho Guangdong-Macau de testes de qualidade e certificação"},
    10: {"en": "3rd China Quality Conference held in Shenzhen",
         "pt": "3.ª Conferência da Qualidade da China realizada em Shenzhen"},
}  # fmt: skip


@dataclass(frozen=True)
class Article:
    number: int
    printed_title: str  # Simplified Chinese, as in the newsletter's table of contents
    en: str
    pt: str

    def title(self, lang: Lang) -> str:
        """The title in the reader's language (Chinese readers get the printed one)."""
        if lang in ("zh-Hans", "zh-Hant"):
            return self.printed_title
        return self.en if lang == "en" else self.pt


@cache
def printed_titles() -> dict[int, str]:
    """Article number → title, from the table of contents at the top of the newsletter."""
    titles: dict[int, str] = {}
    for line in NEWSLETTER.read_text(encoding="utf-8").splitlines()[:40]:
        match = re.match(r"\s*(\d{1,2})\.\s+(.+)", line)
        if match:
            titles.setdefault(int(match.group(1)), match.group(2).strip())
    return titles


@cache
def articles() -> dict[int, Article]:
    printed = printed_titles()
    return {
        n: Article(n, printed[n], t["en"], t["pt"]) for n, t in sorted(TRANSLATED_TITLES.items())
    }


def article(number: int) -> Article:
    return articles()[number]
