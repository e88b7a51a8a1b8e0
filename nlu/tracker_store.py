"""Rasa's SQL tracker store without its avoidable per-turn work; same tables, same durability.

Profiled on a running turn (docs/benchmarks.md, "Where a turn's time went"), the stock
`SQLTrackerStore` spent about a third of Rasa's time per turn on:

- a `count()` of the conversation's stored events before every save, to find which events are
  new. The store already knows: it loaded those events itself a moment earlier in the same turn
  (or just created the tracker). That number is kept per tracker object and the count query
  runs only when the tracker did not come from this store;
- a new SQLite connection per operation (SQLAlchemy 1.4 gives file databases no pool) and a
  rollback journal with two fsyncs per commit. On SQLite the connections are now pooled and the
  database is in WAL mode with `synchronous=NORMAL`: a committed turn survives a crash or
  restart of any process; only a power cut of the whole host can lose the last commits (the
  trade-off documented in docs/benchmarks.md). PostgreSQL keeps Rasa's own engine settings.

For N replicas on PostgreSQL (deploy/endpoints.production.yml) it also:

- takes `pool_size` and `max_overflow` from the endpoints file (Rasa's store has one pool size
  for every SQL database, from SQL_POOL_SIZE, default 50 + 100 overflow a replica: a few
  replicas exhaust PostgreSQL's connections);
- creates the table under a PostgreSQL advisory lock: replicas starting together on an empty
  database otherwise race in `CREATE TABLE` and the losers fail on the catalogue's unique index
  (Rasa's store logs that and retries every 5 s).

Set in endpoints.yml as `type: nlu.tracker_store.CepaTrackerStore`; bot/retention.py reads and
purges the same `events` table.
"""

from __future__ import annotations

import json
import logging
import time
import weakref
from typing import Any

import sqlalchemy as sa
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import (
    SQLTrackerStore,
    TrackerStore,
    create_engine_kwargs,
    validate_port,
)
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

logger = logging.getLogger(__name__)

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    # Several processes (Rasa, `make purge`) may write at once: wait instead of failing.
    "PRAGMA busy_timeout=10000",
)


# Key of the advisory lock that serialises table creation across replicas ("CEPATRKS").
TABLES_LOCK = 0x4345504154524B53
# How long a starting replica waits for its database to accept connections.
STARTUP_WAIT = 120.0


def _count(name: str, value: Any, minimum: int) -> int:
    """A whole number from the endpoints file (substituted variables arrive as text)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"tracker store {name} must be a whole number, got {value!r}") from None
    if number < minimum:
        raise ValueError(f"tracker store {name} must be at least {minimum}, got {number}")
    return number


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def _row(sender_id: str, event: Event) -> dict[str, Any]:
    """The columns Rasa's `SQLTrackerStore.save` writes for one event, in the same form."""
    data = event.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": event.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
        "action_name": data.get("name"),
        "data": json.dumps(data),
    }


class _StoredCounts:
    """Tracker object → how many of its events (since the last session start) are in the table.

    Trackers are mutable and unhashable, so entries are keyed by identity and dropped as soon
    as the tracker is garbage-collected: the map only ever holds the turns in flight.
    """

    def __init__(self) -> None:
        self._counts: dict[int, tuple[weakref.ref[DialogueStateTracker], int]] = {}

    def set(self, tracker: DialogueStateTracker, count: int) -> None:
        key = id(tracker)
        if key in self._counts and self._counts[key][0]() is tracker:
            self._counts[key] = (self._counts[key][0], count)
            return
        ref = weakref.ref(tracker, lambda _ref, key=key: self._counts.pop(key, None))
        self._counts[key] = (ref, count)

    def get(self, tracker: DialogueStateTracker) -> int | None:
        entry = self._counts.get(id(tracker))
        if entry is None or entry[0]() is not tracker:
            return None
        return entry[1]

    def __len__(self) -> int:
        return len(self._counts)


class CepaTrackerStore(SQLTrackerStore):
    """`SQLTrackerStore` that remembers how many events of a tracker it has stored."""

    def __init__(
        self,
        domain: Domain | None = None,
        dialect: str = "sqlite",
        host: str | None = None,
        port: int | str | None = None,
        db: str = "rasa.db",
        username: str | None = None,
        password: str | None = None,
        event_broker: EventBroker | None = None,
        login_db: str | None = None,
        query: dict[str, Any] | None = None,
        pool_size: int | str | None = None,
        max_overflow: int | str | None = None,
        **kwargs: Any,
    ) -> None:
        # Rasa's `SQLTrackerStore.__init__` minus its unguarded `create_all` and fixed pool.
        url = self.get_db_url(
            dialect, host, validate_port(port), db, username, password, login_db, query
        )
        pool: dict[str, Any] = {}
        if pool_size is not None:
            pool["pool_size"] = _count("pool_size", pool_size, 1)
        if max_overflow is not None:
            pool["max_overflow"] = _count("max_overflow", max_overflow, 0)
        self.engine = self._engine(url, pool)
        self._wait_for_database()
        if login_db and self.engine.dialect.name == "postgresql":
            self._create_database_once(db)
            self.engine.dispose()
            self.engine = self._engine(sa.engine.url.make_url(url).set(database=db), pool)
        self._create_tables()
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        TrackerStore.__init__(self, domain, event_broker, **kwargs)
        self._stored = _StoredCounts()
        # Rasa's `_event_query` as two prepared Core statements: the ORM built and compiled it
        # anew for every turn. Same rows, same order: the latest session (events from its
        # `session_started` on, or all if none) or every session.
        events = self.SQLEvent.__table__
        session_start = (
            sa.select(sa.func.max(events.c.timestamp))
            .where(
                events.c.sender_id == sa.bindparam("sender_id"),
                events.c.type_name == SessionStarted.type_name,
            )
            .scalar_subquery()
        )
        self._all_sessions = (
            sa.select(events.c.data)
            .where(events.c.sender_id == sa.bindparam("sender_id"))
            .order_by(events.c.id)
        )
        self._latest_session = self._all_sessions.where(
            sa.or_(events.c.timestamp >= session_start, session_start.is_(None))
        )

    @staticmethod
    def _engine(url: Any, pool: dict[str, Any]) -> sa.engine.Engine:
        if sa.engine.url.make_url(url).get_backend_name() == "sqlite":
            engine = sa.create_engine(
                url,
                poolclass=sa.pool.QueuePool,
                **{"pool_size": 5, "max_overflow": 5, **pool},
                connect_args={"check_same_thread": False},
                hide_parameters=True,
            )
            sa.event.listen(engine, "connect", _on_sqlite_connect)
            return engine
        # Rasa's PostgreSQL options (POSTGRESQL_SCHEMA, SQL_POOL_SIZE), then ours; a connection
        # the server dropped (restart, failover) is replaced instead of failing a turn.
        # hide_parameters: a database error never quotes the events (what users wrote) in a log.
        options = {
            **create_engine_kwargs(url),
            **pool,
            "pool_pre_ping": True,
            "hide_parameters": True,
        }
        return sa.create_engine(url, **options)

    def _wait_for_database(self) -> None:
        """The database may come up after the replicas (as Rasa's store, but not for ever)."""
        deadline = time.monotonic() + STARTUP_WAIT
        while True:
            try:
                with self.engine.connect():
                    return
            except sa.exc.OperationalError as error:
                if time.monotonic() > deadline:
                    raise
                logger.warning("tracker store database not reachable yet: %s", error.orig)
                time.sleep(2)

    def _create_database_once(self, db: str) -> None:
        """Rasa's `login_db` creation, one replica at a time (the lock lives with `hold`)."""
        with self.engine.connect() as hold:
            hold.execute(sa.text("SELECT pg_advisory_lock(:key)"), {"key": TABLES_LOCK})
            try:
                self._create_database(self.engine, db)
            finally:
                hold.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": TABLES_LOCK})

    def _create_tables(self) -> None:
        """Rasa's `events` table, created by the first replica; the others wait, then see it."""
        with self.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # Released at commit; DDL is transactional, so the next holder sees the table.
                connection.execute(
                    sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": TABLES_LOCK}
                )
            self.Base.metadata.create_all(connection)

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        query = self._all_sessions if fetch_events_from_all_sessions else self._latest_session
        with self.engine.connect() as connection:
            rows = connection.execute(query, {"sender_id": sender_id}).scalars().all()
        tracker = None
        if self.domain and rows:
            events = [json.loads(data) for data in rows]
            tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        if tracker is not None and not fetch_events_from_all_sessions:
            self._stored.set(tracker, len(tracker.events))
        return tracker

    async def create_tracker(
        self, sender_id: str, append_action_listen: bool = True
    ) -> DialogueStateTracker:
        tracker = self.init_tracker(sender_id)
        self._stored.set(tracker, 0)
        if append_action_listen:
            from rasa.shared.core.constants import ACTION_LISTEN_NAME
            from rasa.shared.core.events import ActionExecuted

            tracker.update(ActionExecuted(ACTION_LISTEN_NAME))
            await self.save(tracker)
        # With no events there is nothing to write: the stock store would count and commit.
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        if not tracker.events:
            # A new tracker (Rasa's wrappers create it through their own `create_tracker`,
            # which saves it at once): nothing to write, so no count, no commit.
            self._stored.set(tracker, 0)
            return
        await self.stream_events(tracker)
        with self.session_scope() as session:
            rows = [_row(tracker.sender_id, e) for e in self._additional_events(session, tracker)]
            if rows:
                # One multi-row INSERT instead of an ORM object and flush per event.
                session.execute(sa.insert(self.SQLEvent.__table__), rows)
            session.commit()
        self._stored.set(tracker, len(tracker.events))

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Any:
        stored = self._stored.get(tracker)
        if stored is None:
            return super()._additional_events(session, tracker)
        return list(tracker.events)[stored:]
