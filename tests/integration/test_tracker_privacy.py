"""Retention and hand-off redaction on a tracker store that Rasa itself wrote and reads back.

Rasa 3.6 lives in .venv-rasa (Python 3.10), so the store is made and read by small scripts run
there with Rasa's own SQLTrackerStore and DialogueStateTracker; `purge` and `redact_handoff`
run here, on the same SQLite file, as the gateway runs them.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from bot.rasa_model import rasa_env
from bot.retention import REDACTED, purge, redact_handoff
from bot.settings import PROJECT_ROOT
from tests.helpers import project_db

RASA_PYTHON = PROJECT_ROOT / ".venv-rasa" / "bin" / "python"

# Builds trackers from a plain description with Rasa's own event classes and saves them.
BUILD = r"""
import asyncio, json, sys
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted, ActiveLoop, BotUttered, SessionStarted, SlotSet, UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

db, spec = sys.argv[1], json.loads(open(sys.argv[2], encoding="utf-8").read())
domain = Domain.load("domain.yml")
store = SQLTrackerStore(domain, dialect="sqlite", db=db)


def events(steps, channel):
    for n, (kind, ts, *args) in enumerate(steps):
        if kind == "start":
            yield ActionExecuted("action_session_start", timestamp=ts)
            yield SessionStarted(timestamp=ts)
            yield ActionExecuted("action_listen", timestamp=ts)
        elif kind == "user":
            text, intent, entities = args
            prediction = {"name": intent, "confidence": 0.93}
            yield UserUttered(
                text, prediction, entities,
                parse_data={"intent_ranking": [prediction], "text_tokens": [[0, len(text)]]},
                timestamp=ts, input_channel="rest", message_id=f"m{n}",
                metadata={"channel": channel},
            )
        elif kind == "action":
            yield ActionExecuted(args[0], policy="RulePolicy", confidence=1.0, timestamp=ts)
        elif kind == "slot":
            yield SlotSet(args[0], args[1], timestamp=ts)
        elif kind == "loop":
            yield ActiveLoop(args[0], timestamp=ts)
        elif kind == "bot":
            yield BotUttered(args[0], {"buttons": args[1] if len(args) > 1 else None}, timestamp=ts)
        elif kind == "listen":
            yield ActionExecuted("action_listen", timestamp=ts)


for sender, steps in spec.items():
    tracker = DialogueStateTracker.from_events(
        sender, list(events(steps, sender.split(":")[0])), domain.slots
    )
    asyncio.run(store.save(tracker))
"""

# Reads every conversation back through Rasa; "append" then stores one more turn with Rasa.
READ = r"""
import asyncio, json, sys
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered

db, out, senders, mode = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), sys.argv[4]
domain = Domain.load("domain.yml")
store = SQLTrackerStore(domain, dialect="sqlite", db=db)
result = {}
for sender in senders:
    tracker = asyncio.run(store.retrieve(sender))
    if mode == "append" and tracker is not None:
        tracker.update(UserUttered("唔該晒", {"name": "thank", "confidence": 0.99}))
        asyncio.run(store.save(tracker))
    full = asyncio.run(store.retrieve_full_tracker(sender))
    result[sender] = None if full is None else {
        "events": [e.as_dict() for e in full.events],
        "slots": asyncio.run(store.retrieve(sender)).current_slot_values(),
    }
open(out, "w", encoding="utf-8").write(json.dumps(result, ensure_ascii=False))
"""

HANDOFF_ZH = "web:6d1f0c2e-9a41"
HANDOFF_EN = "tg:5550123"
OLD_ONLY = "web:0a9e4b17-22c3"
BYSTANDER = "web:c3b2a1f0-7e55"
SENDERS = [HANDOFF_ZH, HANDOFF_EN, OLD_ONLY, BYSTANDER]

NAME_ZH, EMAIL_ZH = "陳大文", "chan.taiman@example.com"
NAME_EN, PHONE_EN = "Maria Santos", "+853 66123456"

NOW = time.time()
OLD = NOW - 120 * 86400  # past a 90-day retention period
NEW = NOW - 3600


def conversations() -> dict[str, list[list[Any]]]:
    """What users really write, as Rasa records it (actions and slots as the forms set them)."""
    scheme = {"entity": "scheme", "value": "sme_aid", "start": 0, "end": 8,
              "extractor": "RegexEntityExtractor"}  # fmt: skip
    email = {"entity": "email", "value": "Chan.TaiMan@example.com", "start": 4, "end": 27,
             "extractor": "RegexEntityExtractor"}  # fmt: skip
    question_zh = "中小企業援助計劃嘅還款可唔可以延遲？我係陳大文，做零售嘅。"
    question_en = "How do I get a CEPA certificate of origin for my shop's products?"
    return {
        HANDOFF_ZH: [
            ["start", OLD],
            ["user", OLD + 1, "CEPA服務貿易協議幾時開始實施？", "ask_cepa_services", []],
            ["action", OLD + 2, "action_answer_question"],
            ["bot", OLD + 2, "呢方面嘅資料可以參考經濟局《CEPA資訊》。"],
            ["listen", OLD + 2],
            ["start", NEW],
            ["user", NEW + 1, "我想搵職員", "request_human", []],
            ["action", NEW + 2, "handoff_form"],
            ["loop", NEW + 2, "handoff_form"],
            ["slot", NEW + 2, "requested_slot", "handoff_consent"],
            ["bot", NEW + 2, "我可以將你嘅問題轉交經濟局職員。同意嗎？",
             [{"title": "同意", "payload": "/affirm"}, {"title": "唔使喇", "payload": "/deny"}]],
            ["listen", NEW + 2],
            ["user", NEW + 10, "同意", "affirm", []],
            ["action", NEW + 11, "handoff_form"],
            ["slot", NEW + 11, "handoff_consent", True],
            ["slot", NEW + 11, "requested_slot", "contact_name"],
            ["bot", NEW + 11, "請問怎樣稱呼你？"],
            ["listen", NEW + 11],
            ["user", NEW + 20, "我叫陳大文", "inform", []],
            ["action", NEW + 21, "handoff_form"],
            ["slot", NEW + 21, "contact_name", NAME_ZH],
            ["slot", NEW + 21, "requested_slot", "contact_detail"],
            ["bot", NEW + 21, "請留下電郵地址或電話號碼，方便職員聯絡你。"],
            ["listen", NEW + 21],
            ["user", NEW + 30, "電郵係 Chan.TaiMan@example.com，唔該", "inform", [email]],
            ["action", NEW + 31, "handoff_form"],
            ["slot", NEW + 31, "contact_detail", EMAIL_ZH],
            ["slot", NEW + 31, "requested_slot", "handoff_question"],
            ["bot", NEW + 31, "請寫下你想職員跟進的問題。"],
            ["listen", NEW + 31],
            ["user", NEW + 40, question_zh, "ask_sme_repayment", [scheme]],
            ["action", NEW + 41, "handoff_form"],
            ["slot", NEW + 41, "handoff_question", question_zh],
            ["loop", NEW + 41, None],
            ["slot", NEW + 41, "requested_slot", None],
            ["action", NEW + 41, "action_submit_handoff"],
            ["bot", NEW + 41, "已將你的問題轉交職員，參考編號：CEPA-20261129-0001。"],
            ["listen", NEW + 41],
        ],
        # Ends as action_submit_handoff really ends: the form's slots cleared.
        HANDOFF_EN: [
            ["start", NEW],
            ["user", NEW + 1, "Can I talk to a person please?", "request_human", []],
            ["action", NEW + 2, "handoff_form"],
            ["loop", NEW + 2, "handoff_form"],
            ["bot", NEW + 2, "I can pass your question to the Economic Bureau's staff. Do you agree?"],
            ["listen", NEW + 2],
            ["user", NEW + 5, "yes", "affirm", []],
            ["action", NEW + 6, "handoff_form"],
            ["slot", NEW + 6, "handoff_consent", True],
            ["bot", NEW + 6, "What is your name?"],
            ["listen", NEW + 6],
            ["user", NEW + 9, "My name is Maria Santos", "inform", []],
            ["action", NEW + 10, "handoff_form"],
            ["slot", NEW + 10, "contact_name", NAME_EN],
            ["bot", NEW + 10, "Please give an e-mail address or a phone number where staff can reach you."],
            ["listen", NEW + 10],
            ["user", NEW + 15, "you can reach me on 6612-3456", "inform", []],
            ["action", NEW + 16, "handoff_form"],
            ["slot", NEW + 16, "contact_detail", PHONE_EN],
            ["bot", NEW + 16, "Please write the question you would like staff to answer."],
            ["listen", NEW + 16],
            ["user", NEW + 30, question_en, "ask_cepa_services", []],
            ["action", NEW + 31, "handoff_form"],
            ["slot", NEW + 31, "handoff_question", question_en],
            ["loop", NEW + 31, None],
            ["action", NEW + 31, "action_submit_handoff"],
            ["bot", NEW + 31, "Your question has been passed to our staff. Reference: CEPA-20261129-0002."],
            ["slot", NEW + 31, "handoff_consent", None],
            ["slot", NEW + 31, "contact_name", None],
            ["slot", NEW + 31, "contact_detail", None],
            ["slot", NEW + 31, "handoff_question", None],
            ["listen", NEW + 31],
        ],
        OLD_ONLY: [
            ["start", OLD],
            ["user", OLD + 1, "大灣區嘅措施有咩？", "ask_gba_measures", []],
            ["action", OLD + 2, "action_answer_question"],
            ["bot", OLD + 2, "請問你想了解邊一項措施？"],
            ["listen", OLD + 2],
        ],
        # Mentions a hand-off user's name, but is another conversation: never touched.
        BYSTANDER: [
            ["start", NEW],
            ["user", NEW + 1, "My colleague Maria Santos asked me about the Greater Bay Area measures",
             "ask_gba_measures", []],
            ["action", NEW + 2, "action_answer_question"],
            ["bot", NEW + 2, "Which of the measures would you like to know about?"],
            ["listen", NEW + 2],
        ],
    }  # fmt: skip


def rasa(script: str, *args: str) -> None:
    done = subprocess.run(
        [str(RASA_PYTHON), "-c", script, *args],
        cwd=PROJECT_ROOT,
        env=rasa_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]


def read(db: Path, tmp_path: Path, mode: str = "read") -> dict[str, Any]:
    out = tmp_path / f"{mode}-{time.monotonic_ns()}.json"
    rasa(READ, str(db), str(out), json.dumps(SENDERS), mode)
    return json.loads(out.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def raw_events(db: Path, sender: str) -> list[dict[str, Any]]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT data FROM events WHERE sender_id = ? ORDER BY id", (sender,)
        ).fetchall()
    return [json.loads(data) for (data,) in rows]


def by_kind(events: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [e for e in events if e["event"] == kind]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Built by Rasa, purged and redacted here, read back by Rasa: every stage's view."""
    tmp_path = tmp_path_factory.mktemp("tracker")
    db = tmp_path / "tracker.db"
    url = f"sqlite:///{db}"
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(conversations(), ensure_ascii=False), encoding="utf-8")
    rasa(BUILD, str(db), str(spec))
    project = project_db(f"sqlite:///{tmp_path / 'cepa.db'}")

    stages: dict[str, Any] = {"db": db, "built": read(db, tmp_path)}
    stages["dry_run"] = purge(project, url, 90, dry_run=True)
    stages["after_dry_run"] = read(db, tmp_path)
    stages["purge"] = purge(project, url, 90)
    stages["purged"] = read(db, tmp_path)
    stages["raw_purged"] = {s: raw_events(db, s) for s in SENDERS}
    # As under `make run`: the store in WAL mode (nlu/tracker_store.py), and Rasa keeping its
    # connection open while the gateway redacts, so the redaction's connection is not the last to
    # close and nothing checkpoints the write-ahead log for it.
    rasa_connection = sqlite3.connect(db)
    rasa_connection.execute("PRAGMA journal_mode=WAL").fetchall()
    rasa_connection.execute("SELECT count(*) FROM events").fetchall()
    stages["redacted_zh"] = redact_handoff(url, HANDOFF_ZH, [NAME_ZH, EMAIL_ZH])
    stages["redacted_en"] = redact_handoff(url, HANDOFF_EN, [NAME_EN, PHONE_EN])
    stages["redacted_again"] = redact_handoff(url, HANDOFF_ZH, [NAME_ZH, EMAIL_ZH])
    stages["final"] = read(db, tmp_path)
    stages["raw_final"] = {s: raw_events(db, s) for s in SENDERS}
    stages["file_final"] = db.read_bytes()  # what a copy of the database file would hold
    rasa_connection.close()
    stages["appended"] = read(db, tmp_path, "append")
    return stages


def old_event_count(tracker: dict[str, Any] | None) -> int:
    return (
        0 if tracker is None else sum(e["timestamp"] < NOW - 90 * 86400 for e in tracker["events"])
    )


def test_rasa_wrote_what_the_users_said(store: dict[str, Any]) -> None:
    built = store["built"]
    texts = [e["text"] for e in by_kind(built[HANDOFF_ZH]["events"], "user")]
    assert "我叫陳大文" in texts
    assert built[HANDOFF_ZH]["slots"]["contact_name"] == NAME_ZH
    assert old_event_count(built[HANDOFF_ZH]) == 7
    assert old_event_count(built[OLD_ONLY]) == 7


def test_dry_run_counts_old_events_and_deletes_none(store: dict[str, Any]) -> None:
    report = store["dry_run"]
    assert (report.tracker, report.tracker_events, report.tracker_conversations) == (
        "ok",
        14,
        2,
    )
    assert store["after_dry_run"] == store["built"]


def test_purge_removes_events_past_the_period_and_keeps_recent_ones(store: dict[str, Any]) -> None:
    report = store["purge"]
    assert (report.tracker_events, report.tracker_conversations) == (14, 2)
    built, purged = store["built"], store["purged"]
    assert purged[OLD_ONLY] is None  # nothing left of it, and Rasa simply finds no tracker
    assert old_event_count(purged[HANDOFF_ZH]) == 0
    # The recent session is exactly what it was.
    recent = [e for e in built[HANDOFF_ZH]["events"] if e["timestamp"] >= NEW]
    assert purged[HANDOFF_ZH]["events"] == recent
    assert purged[HANDOFF_ZH]["slots"] == built[HANDOFF_ZH]["slots"]
    for sender in (HANDOFF_EN, BYSTANDER):
        assert purged[sender] == built[sender]


def test_redaction_replaces_the_handoff_slots(store: dict[str, Any]) -> None:
    slots = store["final"][HANDOFF_ZH]["slots"]
    assert slots["contact_name"] == slots["contact_detail"] == REDACTED
    assert slots["handoff_question"] == REDACTED
    assert slots["handoff_consent"] is True
    slot_events = {
        e["name"]: e["value"] for e in by_kind(store["final"][HANDOFF_ZH]["events"], "slot")
    }
    assert slot_events["contact_name"] == slot_events["contact_detail"] == REDACTED
    assert slot_events["requested_slot"] is None  # other slots untouched


def test_redaction_removes_what_users_typed_about_themselves(store: dict[str, Any]) -> None:
    secrets = {HANDOFF_ZH: (NAME_ZH, "chan.taiman", "chantaiman"),
               HANDOFF_EN: ("maria", "santos", "6612", "3456")}  # fmt: skip
    for sender, words in secrets.items():
        # Every field of every stored row, as Rasa would hand it to anyone reading the store.
        for event in store["raw_final"][sender]:
            flat = json.dumps(event, ensure_ascii=False).casefold()
            assert not any(word in flat for word in words), event
        users = by_kind(store["final"][sender]["events"], "user")
        assert REDACTED in [u["text"] for u in users]
        for user in users:
            assert user["parse_data"]["text"] == user["text"]


def test_redaction_leaves_no_trace_in_the_database_files(store: dict[str, Any]) -> None:
    """The rows say "[redacted]", and the files hold no old copy either: SQLite keeps a record's
    old bytes in the page's free space and in the write-ahead log unless told otherwise (a
    hand-off's e-mail address was found in tracker.db after its redaction, in a CI run)."""
    # (the bystander's own message names Maria Santos, and stays: only contacts are checked)
    for secret in (EMAIL_ZH, "chan.taiman", "6612-3456", "66123456"):
        assert secret.encode() not in store["file_final"], secret


def test_redaction_keeps_everything_else(store: dict[str, Any]) -> None:
    before = store["purged"][HANDOFF_ZH]["events"]
    after = store["final"][HANDOFF_ZH]["events"]
    assert len(after) == len(before)
    assert [e["event"] for e in after] == [e["event"] for e in before]
    assert [e["timestamp"] for e in after] == [e["timestamp"] for e in before]
    assert by_kind(after, "bot") == by_kind(before, "bot")
    assert by_kind(after, "action") == by_kind(before, "action")
    users = {u["text"]: u for u in by_kind(after, "user")}
    assert "我想搵職員" in users and "同意" in users
    redacted = [u for u in by_kind(after, "user") if u["text"] == REDACTED]
    # The name, the e-mail, and the question that named its writer.
    assert [u["parse_data"]["intent"]["name"] for u in redacted] == [
        "inform",
        "inform",
        "ask_sme_repayment",
    ]
    email_message, question = redacted[1], redacted[2]
    assert email_message["parse_data"]["entities"] == []  # the e-mail entity is gone
    assert [e["entity"] for e in question["parse_data"]["entities"]] == ["scheme"]
    assert store["final"][BYSTANDER] == store["purged"][BYSTANDER]


def test_redaction_leaves_cleared_slots_cleared(store: dict[str, Any]) -> None:
    # After a real hand-off the form's slots are empty; "[redacted]" there would make the next
    # hand-off skip its questions.
    slots = store["final"][HANDOFF_EN]["slots"]
    assert slots["contact_name"] is None and slots["contact_detail"] is None
    texts = [u["text"] for u in by_kind(store["final"][HANDOFF_EN]["events"], "user")]
    assert texts == [
        "Can I talk to a person please?",
        "yes",
        REDACTED,
        REDACTED,
        "How do I get a CEPA certificate of origin for my shop's products?",
    ]


def test_redaction_counts_rows_and_is_idempotent(store: dict[str, Any]) -> None:
    # ZH: 3 user messages, 3 slot events; EN: 2 user messages, 3 slot events.
    assert (store["redacted_zh"], store["redacted_en"], store["redacted_again"]) == (6, 5, 0)


def test_rasa_keeps_storing_turns_after_purge_and_redaction(store: dict[str, Any]) -> None:
    for sender in (HANDOFF_ZH, HANDOFF_EN, BYSTANDER):
        before, after = store["final"][sender], store["appended"][sender]
        assert after["events"][:-1] == before["events"]  # nothing stored twice
        assert after["events"][-1]["text"] == "唔該晒"
