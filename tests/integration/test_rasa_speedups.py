"""The Rasa-side speed-ups change cost, not behaviour: run in the Rasa environment as Rasa runs them.

nlu/tracker_store.py must store exactly the rows Rasa's own SQL store stores, across sessions
and restarts; nlu/speedups.py must accept and refuse the same action-server responses.
"""

import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RASA_PYTHON = ROOT / ".venv-rasa" / "bin" / "python"

TRACKER_SCRIPT = r"""
import asyncio, json, sys, tempfile
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from nlu.tracker_store import CepaTrackerStore

domain = Domain.load("domain.yml")
tmp = tempfile.mkdtemp()
statements = []


def turn(tracker, text, reply):
    tracker.update(UserUttered(text, {"name": "ask_gba_measures", "confidence": 0.9}))
    tracker.update(ActionExecuted("action_answer_question"))
    tracker.update(BotUttered(reply))
    tracker.update(ActionExecuted("action_listen"))


async def conversation(store):
    # The calls Rasa's processor makes: get_or_create (no listen), turns, a new session.
    tracker = await store.get_or_create_tracker("web:abc", append_action_listen=False)
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(SessionStarted())
    tracker.update(ActionExecuted("action_listen"))
    turn(tracker, "大灣區有咩措施？", "十五項措施")
    await store.save(tracker)
    for text in ("第一項係咩", "多謝"):
        tracker = await store.get_or_create_tracker("web:abc", append_action_listen=False)
        turn(tracker, text, "好")
        await store.save(tracker)
    tracker = await store.get_or_create_tracker("web:abc", append_action_listen=False)
    tracker.update(ActionExecuted("action_session_start"), domain)
    tracker.update(SessionStarted())
    tracker.update(SlotSet("answer_language", "en"))
    tracker.update(ActionExecuted("action_listen"))
    turn(tracker, "What is CEPA?", "CEPA is")
    await store.save(tracker)


def rows(db):
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.connect() as connection:
        result = connection.execute(
            sa.text(
                "SELECT sender_id, type_name, intent_name, action_name, timestamp, data "
                "FROM events ORDER BY id"
            )
        )
        out = []
        for *columns, timestamp, data in result:
            data = json.loads(data)
            # Each store's events were made at their own time; all else must match.
            assert data.pop("timestamp") == timestamp
            out.append([*columns, data])
        return out


async def main():
    stock = SQLTrackerStore(domain=domain, dialect="sqlite", db=f"{tmp}/stock.db")
    fast = CepaTrackerStore(domain=domain, dialect="sqlite", db=f"{tmp}/fast.db")
    sa.event.listen(
        fast.engine, "before_cursor_execute", lambda *a: statements.append(a[2].lower())
    )
    await conversation(stock)
    await conversation(fast)
    # A restart: a new store on the same file reads back the latest session.
    again = CepaTrackerStore(domain=domain, dialect="sqlite", db=f"{tmp}/fast.db")
    restored = await again.retrieve("web:abc")
    full = await again.retrieve_full_tracker("web:abc")
    with fast.engine.connect() as connection:
        journal = connection.execute(sa.text("PRAGMA journal_mode")).scalar()
    print(json.dumps({
        "stock": rows(f"{tmp}/stock.db"),
        "fast": rows(f"{tmp}/fast.db"),
        "count_queries": sum("count(" in s for s in statements),
        "restored_texts": [e.text for e in restored.events if isinstance(e, UserUttered)],
        "full_texts": [e.text for e in full.events if isinstance(e, UserUttered)],
        "journal": journal,
        "in_flight": len(fast._stored),
    }, ensure_ascii=False))

asyncio.run(main())
"""

VALIDATOR_SCRIPT = r"""
import json
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig
from nlu import speedups

action = RemoteAction("action_answer_question", EndpointConfig("http://127.0.0.1:9"))

responses = [
    {"events": [{"event": "slot", "name": "x", "value": 1}], "responses": [{"text": "hi"}]},
    {"events": [], "responses": []},
    {"events": [{"no_event_key": 1}], "responses": []},
    {"events": "not a list", "responses": []},
]


def verdicts():
    out = []
    for response in responses:
        try:
            action._validate_action_result(response)
            out.append("ok")
        except ValidationError as e:
            out.append("refused: " + ("custom-actions" in e.message and "with docs link" or ""))
    return out

before = verdicts()
speedups.install()
after = verdicts()
print(json.dumps({"before": before, "after": after}))
"""


def run_in_rasa(script: str) -> dict[str, object]:
    result = subprocess.run(
        [str(RASA_PYTHON), "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=300,
        env={"PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false", "PATH": "/usr/bin:/bin"},
    )
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_tracker_store_writes_what_rasas_own_store_writes_without_counting_each_turn() -> None:
    out = run_in_rasa(TRACKER_SCRIPT)
    assert out["fast"] == out["stock"]
    assert len(out["fast"]) > 20  # type: ignore[arg-type]
    # Rasa's store counts the stored events before every save; this one only never did here.
    assert out["count_queries"] == 0
    # Nothing lost on a restart: the latest session, and every session on request.
    assert out["restored_texts"] == ["What is CEPA?"]
    assert out["full_texts"] == ["大灣區有咩措施？", "第一項係咩", "多謝", "What is CEPA?"]
    assert out["journal"] == "wal"
    # Bookkeeping only for trackers still alive: no growth with conversations.
    assert out["in_flight"] == 0


def test_action_response_validation_accepts_and_refuses_exactly_as_rasa_does() -> None:
    out = run_in_rasa(VALIDATOR_SCRIPT)
    assert out["before"] == out["after"]
    assert out["after"][:2] == ["ok", "ok"]
    assert all(v == "refused: with docs link" for v in out["after"][2:])  # type: ignore[index]
