import pytest
from pydantic import ValidationError

from bot.chat import ChatRequest, build_response

RASA_OUTPUT = [
    {
        "recipient_id": "u1",
        "text": "答案",
        "buttons": [{"title": "下一題", "payload": "/ask_contact"}],
    },
    {
        "recipient_id": "u1",
        "custom": {
            "sources": [{"id": "contact-bureau", "title": "聯絡"}],
            "handoff_offered": False,
            "lang": "zh-Hant",
        },
    },
]


def test_text_buttons_and_custom_metadata_are_merged() -> None:
    response = build_response(
        "u1", "電話幾多號", RASA_OUTPUT, {"name": "ask_contact", "confidence": 0.9}
    )
    assert response.replies[0].text == "答案"
    assert response.replies[0].buttons[0].payload == "/ask_contact"
    assert [s.id for s in response.sources] == ["contact-bureau"]
    assert response.handoff_offered is False
    assert response.lang == "zh-Hant"
    assert response.intent.name == "ask_contact"


def test_without_custom_metadata_language_is_detected_and_sources_empty() -> None:
    response = build_response(
        "u1", "hello there", [{"text": "Hi"}], {"name": "greet", "confidence": 1.0}
    )
    assert response.sources == [] and response.lang == "en" and not response.handoff_offered


@pytest.mark.parametrize(
    "body",
    [
        {"sender": "u", "message": "   "},
        {"sender": "u", "message": "x" * 2001},
        {"sender": "", "message": "hi"},
        {"sender": "a\nb", "message": "hi"},
        {"message": "hi"},
    ],
)
def test_bad_requests_are_rejected(body: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        ChatRequest.model_validate(body)


def test_message_is_trimmed_and_2000_characters_allowed() -> None:
    assert ChatRequest(sender="u", message="  hi  ").message == "hi"
    assert len(ChatRequest(sender="u", message="x" * 2000).message) == 2000


def test_an_answer_from_two_articles_links_both_source_lines() -> None:
    """The two entries come from two articles (the trade committee's, the services agreement's):
    each source line links to its own entry's article view. Entries of one article share a line."""
    rasa = [
        {"text": "甲。\n\n乙。\n\n資料來源：第5篇\n\n資料來源：第1篇"},
        {
            "custom": {
                "sources": [
                    {"id": "trade-committee-cepa-achievements", "title": "a"},
                    {"id": "trade-committee-meeting", "title": "b"},
                    {"id": "cepa-services-signing", "title": "c"},
                ],
                "lang": "zh-Hant",
            }
        },
    ]
    response = build_response("u1", "CEPA？", rasa, {"name": "ask_cepa_services", "confidence": 1})
    linked = [s.href for b in response.replies[0].blocks for s in b.spans if s.href]
    assert linked == [
        "/sources/trade-committee-cepa-achievements?lang=zh-Hant",
        "/sources/cepa-services-signing?lang=zh-Hant",
    ]
