"""Fixes for per-turn costs inside Rasa 3.6 that do not change its behaviour.

Profiled with py-spy on a running turn (docs/benchmarks.md, "Where a turn's time went"): half
of Rasa's CPU went to `RemoteAction._validate_action_result`, because `jsonschema.validate`
checks the *schema itself* against its metaschema on every call before checking the action
server's response. The schema is a constant, so it is checked once here and the validator is
reused; responses are validated exactly as before and a bad one raises the same error.

Rasa also opened a new aiohttp session, and so a new TCP connection, for every call to the action
server. Each endpoint now keeps one session whose connections are reused, closed by the client
before the action server's keep-alive timeout so a reused connection is never one the server is
closing.

Not a speed-up but in the same place: every call to the action server carries the turn's
`X-Request-ID` (bound by the gateway channel), so the action server logs it too.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

# Below the action server's keep-alive (Sanic's default, 5 s): the client always closes first.
CLIENT_KEEPALIVE_S = 2.0


def install() -> None:
    """Apply every speed-up; call once before Rasa handles a message."""
    _reuse_action_response_validator()
    _reuse_endpoint_sessions()
    _send_request_id()


def _reuse_action_response_validator() -> None:
    from jsonschema import ValidationError
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.constants import DOCS_BASE_URL

    spec = RemoteAction.action_response_format_spec()
    validator_class = validator_for(spec)
    validator_class.check_schema(spec)
    validator = validator_class(spec)

    def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        try:
            validator.validate(result)
        except ValidationError as e:
            # Same message as Rasa's own method, so logs read the same.
            e.message += (
                ". Failed to validate Action server response from API, "
                "make sure your response from the Action endpoint is valid. "
                "For more information about the format visit "
                f"{DOCS_BASE_URL}/custom-actions"
            )
            raise
        return True

    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]


def _reuse_endpoint_sessions() -> None:
    import aiohttp
    from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

    def shared(endpoint: EndpointConfig) -> aiohttp.ClientSession:
        # One per endpoint object and event loop: a session cannot cross loops.
        sessions = endpoint.__dict__.setdefault("_cepa_sessions", {})
        loop = asyncio.get_running_loop()
        session = sessions.get(loop)
        if session is None or session.closed:
            auth = None
            if endpoint.basic_auth:
                auth = aiohttp.BasicAuth(
                    endpoint.basic_auth["username"], endpoint.basic_auth["password"]
                )
            session = aiohttp.ClientSession(
                headers=endpoint.headers,
                auth=auth,
                timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
                connector=aiohttp.TCPConnector(keepalive_timeout=CLIENT_KEEPALIVE_S),
            )
            sessions[loop] = session
        return session

    @contextlib.asynccontextmanager
    async def session(self: EndpointConfig) -> AsyncIterator[aiohttp.ClientSession]:
        # Rasa writes `async with endpoint.session() as s`; leaving must not close it.
        yield shared(self)

    EndpointConfig.session = session  # type: ignore[method-assign,assignment]


def _send_request_id() -> None:
    from rasa.utils.endpoints import EndpointConfig

    from bot import request_id

    original = EndpointConfig.request

    async def request(self: EndpointConfig, *args: Any, **kwargs: Any) -> Any:
        current = request_id.current.get()
        if current:
            kwargs["headers"] = {**(kwargs.get("headers") or {}), request_id.HEADER: current}
        return await original(self, *args, **kwargs)

    EndpointConfig.request = request  # type: ignore[method-assign]
