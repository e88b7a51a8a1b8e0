"""The newsletter article view (bot/sources.py) and the widget's assets (bot/assets.py)."""

from __future__ import annotations

import gzip
import re

from bot.sources import articles, render
from knowledge.store import load_entries


def _text(page: str) -> str:
    return re.sub(r"<[^>]+>", "", page)


def test_every_article_is_cut_out_of_the_newsletter(seed_text: str) -> None:
    found = articles()
    assert sorted(found) == list(range(1, 11))
    flat = re.sub(r"\s+", "", seed_text)
    for article in found.values():
        assert article.paragraphs
        for paragraph in article.paragraphs:
            # Every character of every paragraph is the newsletter's, in its order.
            assert re.sub(r"\s+|\d{1,2}\.", "", paragraph)[:40] in re.sub(r"\d{1,2}\.", "", flat)


def test_the_fifteen_measures_are_a_list_in_the_article_view() -> None:
    page = render("gba-measures-overview", "zh-Hant")
    assert page is not None
    assert page.count("<li>") == 15
    assert "便利港澳居民在粵港澳大灣區內地城市購房" in page  # Traditional for zh-Hant
    assert "<h1" in page and "中央推出粵港澳大灣區建設惠澳政策措施" in page


def test_each_entry_has_a_view_in_each_language() -> None:
    for entry in load_entries():
        for lang in ("zh-Hant", "zh-Hans", "en", "pt"):
            page = render(entry.id, lang)
            assert page is not None and f'<html lang="{lang}">' in page
    sme = next(e for e in load_entries() if e.source.article == 8)
    simplified, traditional = render(sme.id, "zh-Hans"), render(sme.id, "zh-Hant")
    assert simplified is not None and traditional is not None
    assert articles()[8].paragraphs[1] in simplified  # as printed
    assert "藉此支持中小企業應對" in traditional and "中小企业" not in _text(traditional)
    english = render("contact-bureau", "en")
    assert english is not None and "CEPA Express newsletter, December 2019" in english


def test_unknown_entries_have_no_view() -> None:
    assert render("no-such-entry", "en") is None
    assert render("../etc/passwd", "en") is None


def test_assets_are_hashed_and_compressed() -> None:
    from bot.assets import CSS_VERSION, assets

    built = assets()
    css, js, page = built["widget.css"], built["widget.js"], built["index.html"]
    assert CSS_VERSION.encode() not in js.body and f'"{css.version}"'.encode() in js.body
    assert f"/widget.css?v={css.version}".encode() in page.body
    assert f"/widget.js?v={js.version}".encode() in page.body
    assert js.gzipped is not None and gzip.decompress(js.gzipped) == js.body
    assert built["favicon.ico"].body[:4] == b"\x00\x00\x01\x00"
