"""Running the gateway under uvicorn with limits that hold against slow or piled-up clients.

uvicorn closes idle keep-alive connections but never times out a client that sends its request
line and headers a byte at a time (slowloris): each such client holds a connection for ever.
`GuardedH11Protocol` closes a connection whose request head is not complete within
`HEADER_TIMEOUT` seconds of its first byte (or of the connection); `bot/http_security.py` bounds
the body the same way.
"""

from __future__ import annotations

import argparse
import asyncio

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from bot import logs
from bot.settings import Settings, load_or_exit

HEADER_TIMEOUT = 10.0


class GuardedH11Protocol(H11Protocol):
    _head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is h11.IDLE:  # a request head has begun but is not complete
            self._arm()
        else:
            self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._head_timer is None:
            self._head_timer = self.loop.call_later(HEADER_TIMEOUT, self._head_too_slow)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_too_slow(self) -> None:
        self._head_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()


def main(argv: list[str] | None = None) -> None:
    # Every variable checked before uvicorn imports the app; a bad one stops here with one line.
    settings = load_or_exit(Settings)
    parser = argparse.ArgumentParser(description="CEPA gateway")
    parser.add_argument("--host", default=settings.gateway_host)
    parser.add_argument("--port", type=int, default=settings.gateway_port)
    args = parser.parse_args(argv)
    logs.setup("gateway")  # JSON lines unless LOG_FORMAT=text; uvicorn's records go through it
    uvicorn.run(
        "bot.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        http=GuardedH11Protocol,
        timeout_keep_alive=5,
        limit_concurrency=settings.gateway_max_connections,
        h11_max_incomplete_event_size=16 * 1024,
        server_header=False,
        log_config=None,  # keep bot/logs.py's handler
        access_log=False,  # bot/request_log.py writes the access line, without client addresses
    )


if __name__ == "__main__":
    main()
