"""The staff console over HTTP in-process (FastAPI's TestClient) on a real, migrated SQLite
database with real argon2 hashes: login, lock-out, CSRF, roles, cookie flags, the JSON API's
401, recorded turns reaching the unanswered list, and accepted phrasings reaching
`cepa-kb suggestions`."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, insert, select
from sqlalchemy.orm import Session, sessionmaker

import console.auth
from bot.app import create_app
from bot.chat import ChatResponse, IntentOut, ReplyOut, SourceOut
from bot.db import sessions
from bot.retention import EVENTS, purge, question_answered_by
from console.auth import MAX_FAILURES, add_user
from console.auth import log_in as check_login
from console.models import Review, TurnRecord
from console.queries import text_key
from console.recording import Recorder
from handoff.contract import TicketRequest
from handoff.models import OutboxEmail
from handoff.tickets import create_ticket
from knowledge.cli import main as kb_main
from tests.helpers import offline_settings, project_db

ADMIN_TOKEN = "console-test-admin-token"
EDITOR_PW = "correct horse battery staple"
VIEWER_PW = "viewer password 0123"
MESSAGE = re.compile(r"(用戶名稱或密碼不正確[^<]*|Wrong user name or password[^<]*)")
CSRF_FIELD = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture(params=["sqlite", "postgresql"])
def db(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> sessionmaker[Session]:
    """The project database, migrated, with an editor and a viewer: SQLite (`make run`) and
    PostgreSQL (production)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'cepa.db'}"
    else:
        url = str(request.getfixturevalue("pg_url"))
    monkeypatch.setenv("DATABASE_URL", url)
    made = project_db(url)
    add_user(made, "editor1", EDITOR_PW, "editor")
    add_user(made, "viewer1", VIEWER_PW, "viewer")
    return made


@pytest.fixture
def client(tmp_path: Path, db: sessionmaker[Session]) -> Iterator[TestClient]:
    app = create_app(offline_settings(tmp_path, admin_token=ADMIN_TOKEN))
    with TestClient(app, follow_redirects=False) as test_client:
        yield test_client


def csrf_of(html: str) -> str:
    found = CSRF_FIELD.search(html)
    assert found, html
    return found.group(1)


def log_in(client: TestClient, username: str, password: str) -> str:
    """Log in through the form; returns the session's CSRF token from the next page."""
    form = client.get("/admin/login")
    response = client.post(
        "/admin/login",
        data={"username": username, "password": password, "csrf": csrf_of(form.text)},
    )
    assert response.status_code == 303, response.text
    page = client.get("/admin/")
    assert page.status_code == 200
    return csrf_of(page.text)


def unanswered_turn(text: str, lang: str = "zh-Hant") -> ChatResponse:
    return ChatResponse(
        sender="x",
        replies=[ReplyOut(text="我未能回答，要唔要轉交職員？")],
        intent=IntentOut(name="ask_cepa_services", confidence=0.4),
        sources=[],
        handoff_offered=True,
        lang=lang,
    )


def answer_turn(text: str) -> ChatResponse:
    return ChatResponse(
        sender="x",
        replies=[ReplyOut(text=text, kind="answer")],
        intent=IntentOut(name="ask_sme_repayment", confidence=0.9),
        sources=[SourceOut(id="sme-repayment-overview", title="t")],
        handoff_offered=False,
        lang="zh-Hant",
    )


def test_anonymous_pages_go_to_login_and_the_api_answers_401(client: TestClient) -> None:
    for path in ("/admin/", "/admin/view/questions", "/admin/view/tickets", "/admin/view/feedback"):
        response = client.get(path)
        assert response.status_code == 303 and response.headers["location"] == "/admin/login"
    login = client.get("/admin/login")
    assert login.status_code == 200 and 'type="password"' in login.text
    for path in ("/admin/unanswered", "/admin/stats", "/admin/feedback", "/admin/tickets",
                 "/admin/unanswered.csv", "/admin/tickets.csv"):  # fmt: skip
        response = client.get(path)
        assert response.status_code == 401, path
        assert "error" in response.json()
        wrong = client.get(path, headers={"authorization": "Bearer nope"})
        assert wrong.status_code == 401
        assert client.get(path, params={"days": "x"}).status_code == 401  # not 422
    assert client.get("/admin/?days=x").status_code == 303


def test_the_admin_token_still_works_for_automation(client: TestClient) -> None:
    bearer = {"authorization": f"Bearer {ADMIN_TOKEN}"}
    assert client.get("/admin/unanswered", headers=bearer).json() == []
    stats = client.get("/admin/stats?days=7", headers=bearer).json()
    assert stats["messages"] == 0 and stats["answered_rate"] is None
    assert client.get("/admin/tickets", headers=bearer).json() == {"tickets": []}
    assert client.get("/admin/stats?days=0", headers=bearer).status_code == 422
    # A token is no way into the pages: they want a session.
    assert client.get("/admin/", headers=bearer).status_code == 303


def test_wrong_password_is_refused_and_the_cookie_flags_are_strict(client: TestClient) -> None:
    form = client.get("/admin/login")
    bad = client.post(
        "/admin/login",
        data={"username": "editor1", "password": "wrong password!!", "csrf": csrf_of(form.text)},
    )
    assert bad.status_code == 401
    assert "Wrong user name or password" in bad.text or "用戶名稱或密碼不正確" in bad.text
    assert "cepa_staff" not in bad.headers.get("set-cookie", "")

    form = client.get("/admin/login")
    good = client.post(
        "/admin/login",
        data={"username": "editor1", "password": EDITOR_PW, "csrf": csrf_of(form.text)},
    )
    assert good.status_code == 303
    cookie = next(c for c in good.headers.get_list("set-cookie") if c.startswith("cepa_staff="))
    flags = {part.strip().lower() for part in cookie.split(";")}
    assert "httponly" in flags and "samesite=strict" in flags and "path=/admin" in flags
    assert client.get("/admin/tickets").status_code == 200  # the session reads the ticket API


def test_an_account_locks_after_repeated_failures(client: TestClient) -> None:
    for _ in range(MAX_FAILURES):
        form = client.get("/admin/login")
        client.post(
            "/admin/login",
            data={
                "username": "viewer1",
                "password": "not the password",
                "csrf": csrf_of(form.text),
            },
        )
    form = client.get("/admin/login")
    locked = client.post(
        "/admin/login",
        data={"username": "viewer1", "password": VIEWER_PW, "csrf": csrf_of(form.text)},
    )
    assert locked.status_code == 401  # the right password too, while locked
    form = client.get("/admin/login")
    unknown = client.post(
        "/admin/login",
        data={"username": "nobody", "password": VIEWER_PW, "csrf": csrf_of(form.text)},
    )
    # The same words for a locked account and a user that does not exist.
    assert MESSAGE.search(locked.text) and MESSAGE.search(unknown.text)
    assert MESSAGE.search(locked.text).group() == MESSAGE.search(unknown.text).group()


def test_parallel_guesses_check_no_more_passwords_than_the_limit(
    db: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue found in review: 60 parallel guesses checked 30 passwords before the lock."""
    checked: list[str] = []
    real_verify = console.auth._verify

    def counting(password_hash: str, password: str) -> bool:
        if password_hash != console.auth._DUMMY_HASH:
            checked.append(password)
        return real_verify(password_hash, password)

    monkeypatch.setattr(console.auth, "_verify", counting)
    with ThreadPoolExecutor(12) as pool:
        results = list(pool.map(lambda n: check_login(db, "viewer1", f"guess {n}"), range(60)))
    assert all(r.staff is None for r in results)
    assert len(checked) <= MAX_FAILURES
    assert check_login(db, "viewer1", VIEWER_PW).staff is None  # locked: the right one too
    assert check_login(db, "viewer1\x00", VIEWER_PW).staff is None  # NUL: refused, no 500


def test_forms_without_the_csrf_token_are_refused(client: TestClient) -> None:
    # The login form: no token (a cross-site post carries no cookie of ours either).
    refused = client.post("/admin/login", data={"username": "editor1", "password": EDITOR_PW})
    assert refused.status_code == 400
    csrf = log_in(client, "editor1", EDITOR_PW)
    for path, data in [
        ("/admin/view/questions/dismiss", {"key": "x"}),
        ("/admin/view/questions/accept", {"key": "x", "entry": "sme-repayment-overview"}),
        ("/admin/logout", {}),
    ]:
        assert client.post(path, data=data).status_code == 403, path
        assert client.post(path, data={**data, "csrf": "forged"}).status_code == 403, path
    assert client.get("/admin/").status_code == 200  # still logged in
    out = client.post("/admin/logout", data={"csrf": csrf})
    assert out.status_code == 303 and out.headers["location"] == "/admin/login"
    assert client.get("/admin/").status_code == 303
    assert client.get("/admin/unanswered").status_code == 401


def test_a_viewer_reads_but_cannot_edit(client: TestClient, db: sessionmaker[Session]) -> None:
    recorder = Recorder(lambda: db)
    recorder.record("web", "web:v1", "點樣申請澳門製造證明？", unanswered_turn(""), 0.02)
    recorder.flush()
    csrf = log_in(client, "viewer1", VIEWER_PW)
    page = client.get("/admin/view/questions")
    assert "點樣申請澳門製造證明？" in page.text
    assert "/admin/view/questions/accept" not in page.text  # no edit controls shown
    key = client.get("/admin/unanswered").json()
    assert key[0]["count"] == 1
    with db() as session:
        text = session.scalars(select(TurnRecord.text)).one()
    refused = client.post(
        "/admin/view/questions/dismiss", data={"csrf": csrf, "key": text_key(str(text))}
    )
    assert refused.status_code == 403
    assert len(client.get("/admin/unanswered").json()) == 1


def test_recorded_questions_are_masked_grouped_attached_and_printed_as_suggestions(
    client: TestClient, db: sessionmaker[Session], capsys: pytest.CaptureFixture[str]
) -> None:
    recorder = Recorder(lambda: db)
    asked = "我叫陳大文，電話 6612 3456，CEPA 點樣計算澳門製造嘅增值？"
    recorder.record("web", "web:a", asked, unanswered_turn(asked), 0.031)
    recorder.record("tg", "tg:b", asked, unanswered_turn(asked), 0.029)
    recorder.record("web", "web:c", "條例幾時生效", answer_turn("二〇二〇年六月一日"), 0.02)
    recorder.feedback("web:c", "down", "二〇二〇年六月一日")
    recorder.flush()

    with db() as session:
        records = session.scalars(select(TurnRecord).order_by(TurnRecord.id)).all()
        assert [r.outcome for r in records] == ["unanswered", "unanswered", "answered"]
        assert all("陳大文" not in (r.text or "") and "6612" not in (r.text or "") for r in records)
        assert records[2].feedback == "down" and records[2].text == "條例幾時生效"

    csrf = log_in(client, "editor1", EDITOR_PW)
    rows = client.get("/admin/unanswered").json()
    assert len(rows) == 1
    row = rows[0]
    assert row["text"] == "我叫[name]，電話 [phone]，CEPA 點樣計算澳門製造嘅增值？"
    assert row["count"] == 2 and row["lang"] == "zh-Hant"
    assert set(row) >= {"text", "count", "last_seen", "lang", "closest_entry", "score"}

    stats = client.get("/admin/stats?days=1").json()
    assert stats["messages"] == 3 and stats["conversations"] == 3
    assert stats["thumbs_down"] == 1 and stats["by_channel"] == {"web": 2, "tg": 1}
    feedback = client.get("/admin/feedback?rating=down").json()
    assert feedback[0]["question"] == "條例幾時生效"
    assert "條例幾時生效" in client.get("/admin/view/feedback").text
    csv = client.get("/admin/unanswered.csv")
    assert csv.headers["content-type"].startswith("text/csv") and "[phone]" in csv.text

    page = client.get("/admin/view/questions")
    keys = re.findall(r'name="key" value="([0-9a-f]{64})"', page.text)
    unknown = client.post(
        "/admin/view/questions/accept",
        data={"csrf": csrf, "key": keys[0], "entry": "no-such-entry"},
    )
    assert unknown.status_code == 400
    done = client.post(
        "/admin/view/questions/accept",
        data={"csrf": csrf, "key": keys[0], "entry": "quality-working-group"},
    )
    assert done.status_code == 303
    assert client.get("/admin/unanswered").json() == []  # reviewed: off the list

    assert kb_main(["suggestions"]) == 0
    printed = capsys.readouterr().out
    assert "我叫[name]，電話 [phone]，CEPA 點樣計算澳門製造嘅增值？" in printed
    assert "id: quality-working-group" in printed
    assert "file: knowledge/data/quality_certification.yml" in printed


def test_the_overview_page_shows_figures_and_charts(
    client: TestClient, db: sessionmaker[Session]
) -> None:
    recorder = Recorder(lambda: db)
    recorder.record("web", "web:a", "hello", answer_turn("an answer"), 0.02)
    recorder.flush()
    log_in(client, "editor1", EDITOR_PW)
    page = client.get("/admin/?days=30")
    assert page.status_code == 200
    assert '<svg class="chart"' in page.text and 'id="fig-answered-rate">100.0%' in page.text
    english = client.get("/admin/lang/en?back=/admin/view/tickets")
    assert english.headers["location"] == "/admin/view/tickets"
    assert "Overview" in client.get("/admin/").text
    evil = client.get("/admin/lang/en?back=//evil.example/")
    assert evil.headers["location"] == "/admin/"


def test_turn_records_go_after_the_retention_period(db: sessionmaker[Session]) -> None:
    old = dt.datetime(2026, 1, 1)
    with db() as session:
        for created_at in (old, old + dt.timedelta(days=100)):
            session.add(
                TurnRecord(
                    created_at=created_at,
                    conversation="k",
                    channel="web",
                    lang="en",
                    intent="greet",
                    confidence=1.0,
                    outcome="unanswered",
                    latency_ms=5,
                    text="[name] asked",
                )
            )
        # An accepted phrasing is a copy of a user's question: it goes too, merged or not.
        session.add(
            Review(created_at=old, text_key="k1", text="[name] asked", lang="en",
                   decision="accepted", entry_id="e1", decided_by="editor1")
        )  # fmt: skip
        session.commit()
    now = old + dt.timedelta(days=120)
    dry = purge(db, None, 90, now, dry_run=True)
    assert dry.console == 2
    report = purge(db, None, 90, now)
    assert report.console == 2 and "console turn records" in report.summary()
    with db() as session:
        assert session.scalars(select(TurnRecord.created_at)).all() == [
            old + dt.timedelta(days=100)
        ]


def test_tickets_show_their_transcript_and_editors_retry_and_resolve(
    client: TestClient, db: sessionmaker[Session]
) -> None:
    ticket = create_ticket(
        db,
        TicketRequest(
            sender="web:t1",
            lang="zh-Hant",
            name="陳大文",
            contact="+853 66123456",
            question="點樣申請CEPA原產地證書？",
            topic="cepa_services",
            transcript=[("user", "點樣申請CEPA原產地證書？"), ("bot", "<b>我會轉交職員</b>")],
        ),
        "staff@example.org",
    )
    with db() as session:
        email = session.scalars(select(OutboxEmail)).one()
        email.status, email.last_error = "failed", "550 mailbox unavailable"
        session.commit()

    viewer_csrf = log_in(client, "viewer1", VIEWER_PW)
    listing = client.get("/admin/view/tickets")
    assert ticket.reference in listing.text and "failed" in listing.text
    page = client.get(f"/admin/view/tickets/{ticket.reference}")
    assert "&lt;b&gt;我會轉交職員&lt;/b&gt;" in page.text  # autoescaped
    assert "550 mailbox unavailable" in page.text and "/retry" not in page.text  # viewer
    refused = client.post(
        f"/admin/view/tickets/{ticket.reference}/resolve", data={"csrf": viewer_csrf}
    )
    assert refused.status_code == 403
    client.post("/admin/logout", data={"csrf": viewer_csrf})

    csrf = log_in(client, "editor1", EDITOR_PW)
    page = client.get(f"/admin/view/tickets/{ticket.reference}")
    assert f"/admin/view/tickets/{ticket.reference}/retry" in page.text
    assert (
        client.post(
            f"/admin/view/tickets/{ticket.reference}/retry", data={"csrf": csrf}
        ).status_code
        == 303
    )
    assert (
        client.post(
            f"/admin/view/tickets/{ticket.reference}/resolve", data={"csrf": csrf}
        ).status_code
        == 303
    )
    rows = client.get("/admin/tickets").json()["tickets"]
    assert rows[0]["status"] == "resolved" and rows[0]["email_status"] == "pending"
    assert client.get("/admin/view/tickets/CEPA-00000000-0000").status_code == 404
    csv = client.get("/admin/tickets.csv").text
    assert csv.startswith("reference,created_at") and ticket.reference in csv
    assert "66123456" not in csv  # the export lists no contact details


def test_a_broken_database_never_reaches_the_chat_turn(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A database without the console's tables: recording returns at once, the failure is only
    logged, and the log holds no user text."""
    recorder = Recorder(lambda: sessions(f"sqlite:///{tmp_path / 'unmigrated.db'}"))
    asked = "我叫陳大文，電話 6612 3456，有冇人可以幫我？"
    recorder.record("web", "web:z", asked, unanswered_turn(asked), 0.01)
    recorder.feedback("web:z", "down", "anything")
    recorder.flush()
    assert "turn record not written" in caplog.text
    assert "陳大文" not in caplog.text and "6612" not in caplog.text


def test_a_thumbs_down_on_another_replicas_answer_finds_its_question_in_the_tracker_store(
    tmp_path: Path, db: sessionmaker[Session]
) -> None:
    """Two gateways share the database and Rasa's tracker store; the answer came from the one
    that is now gone (or restarted), so only the shared tracker store still knows the question."""
    tracker = f"sqlite:///{tmp_path / 'tracker.db'}"
    engine = create_engine(tracker)
    EVENTS.metadata.create_all(engine)
    asked = "我叫陳大文，請問 CEPA 原產地證書幾時生效？"
    answer = "二〇二〇年六月一日"
    events = [
        {"event": "user", "timestamp": 1.0, "text": "你好"},
        {"event": "bot", "timestamp": 2.0, "text": "你好！"},
        {"event": "user", "timestamp": 3.0, "text": asked},
        {"event": "bot", "timestamp": 4.0, "text": answer},
        {"event": "user", "timestamp": 5.0, "text": "/affirm"},
        {"event": "bot", "timestamp": 6.0, "text": "仲有咩可以幫到你？"},
    ]
    with engine.begin() as connection:
        connection.execute(
            insert(EVENTS),
            [
                {"sender_id": "web:r", "type_name": e["event"], "timestamp": e["timestamp"],
                 "intent_name": None, "action_name": None, "data": json.dumps(e)}
                for e in events
            ],
        )  # fmt: skip
    engine.dispose()
    assert question_answered_by(tracker, "web:r", answer) == asked
    assert question_answered_by(tracker, "web:r", "never said") is None
    assert question_answered_by(tracker, "web:other", answer) is None

    answered_by = Recorder(lambda: db, tracker)
    answered_by.record("web", "web:r", asked, answer_turn(answer), 0.02)
    answered_by.flush()
    answered_by.close()
    other_replica = Recorder(lambda: db, tracker)  # it never saw the answer
    other_replica.feedback("web:r", "down", answer)
    other_replica.flush()
    with db() as session:
        record = session.scalars(select(TurnRecord)).one()
    assert record.feedback == "down"
    assert record.text == "我叫[name]，請問 CEPA 原產地證書幾時生效？"  # masked, as always


@pytest.mark.parametrize("name", ["Wong Ka Ho", "João Silva"])
def test_a_name_typed_into_the_hand_off_form_is_not_stored(
    db: sessionmaker[Session], name: str
) -> None:
    """The NLU reads a bare name as out_of_scope (confidence near 1) and masking cannot see it
    is a name: only the reply tells that a form took it."""
    form_step = ChatResponse(
        sender="x",
        replies=[ReplyOut(text="請留下電郵地址或電話號碼，方便職員聯絡你。")],
        intent=IntentOut(name="out_of_scope", confidence=1.0),
        sources=[],
        handoff_offered=False,
        lang="zh-Hant",
    )
    recorder = Recorder(lambda: db)
    recorder.record("web", "web:n", name, form_step, 0.02)
    recorder.flush()
    with db() as session:
        record = session.scalars(select(TurnRecord)).one()
    assert (record.outcome, record.text) == ("other", None)


def test_nul_characters_get_a_clear_4xx_never_a_500(client: TestClient) -> None:
    """PostgreSQL refuses NUL in text: these were 500s (review of the console)."""
    csrf = log_in(client, "editor1", EDITOR_PW)
    assert client.get("/admin/view/tickets/A%00B").status_code == 404
    assert client.post("/admin/view/tickets/A%00B/resolve", data={"csrf": csrf}).status_code == 404
    assert client.post("/admin/view/tickets/A%00B/retry", data={"csrf": csrf}).status_code == 404
    admin = {"authorization": f"Bearer {ADMIN_TOKEN}"}
    assert client.post("/admin/tickets/A%00B/retry-email", headers=admin).status_code == 422
    feedback = {"sender": "web-a\x00", "reply_id": "r1", "rating": "down", "reply_text": "x"}
    assert client.post("/api/feedback", json=feedback).status_code == 400
    form = client.get("/admin/login")
    login = client.post(
        "/admin/login",
        data={"username": "a\x00b", "password": "whatever", "csrf": csrf_of(form.text)},
    )
    assert login.status_code == 401
