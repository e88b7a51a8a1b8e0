"""The action server's side of the hand-off: file a ticket through the gateway's internal API.

The action server holds no database session: the gateway owns tickets and the outbox.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import httpx

from bot.settings import ActionServerSettings
from handoff.contract import TicketRequest

TIMEOUT = httpx.Timeout(10.0, connect=3.0)


@dataclass(frozen=True)
class FiledTicket:
    reference: str
    emailed: bool  # False: recorded only (no SMTP relay); the user must contact the bureau


@dataclass(frozen=True)
class WithdrawnTicket:
    reference: str
    # "cancelled" (staff never got it), "staff_notified" (told to delete the data) or
    # "already_withdrawn"
    email: str


class DailyLimit(Exception):
    """The gateway refused: this conversation has used its tickets for the day."""


class HandoffUnavailable(Exception):
    """The gateway could not be reached or did not file the ticket."""


@dataclass(frozen=True)
class HandoffClient:
    gateway_url: str
    token: str

    @classmethod
    def from_settings(cls, settings: ActionServerSettings) -> HandoffClient:
        return cls(gateway_url=settings.gateway_url, token=settings.handoff_token)

    async def file(self, request: TicketRequest) -> FiledTicket:
        if not self.token:
            raise HandoffUnavailable("HANDOFF_TOKEN is not set")
        body = asdict(request)
        try:
            async with httpx.AsyncClient(timeout=TIMEOUT) as client:
                response = await client.post(
                    self.gateway_url.rstrip("/") + "/internal/tickets",
                    json=body,
                    headers={"Authorization": f"Bearer {self.token}"},
                )
        except httpx.HTTPError as exc:
            raise HandoffUnavailable(type(exc).__name__) from exc
        if response.status_code == 429:
            raise DailyLimit(request.sender)
        if response.status_code != 201:
            raise HandoffUnavailable(f"gateway answered {response.status_code}")
        data = response.json()
        return FiledTicket(reference=str(data["reference"]), emailed=data["delivery"] == "email")

    def withdraw(self, reference: str, sender: str) -> WithdrawnTicket:
        """Withdraw ticket `reference` for conversation `sender` (the gateway refuses any other
        conversation's). Blocking, bounded by TIMEOUT: it runs where a reply is being composed."""
        if not self.token:
            raise HandoffUnavailable("HANDOFF_TOKEN is not set")
        try:
            with httpx.Client(timeout=TIMEOUT) as client:
                response = client.post(
                    f"{self.gateway_url.rstrip('/')}/internal/tickets/{reference}/withdraw",
                    json={"sender": sender},
                    headers={"Authorization": f"Bearer {self.token}"},
                )
        except httpx.HTTPError as exc:
            raise HandoffUnavailable(type(exc).__name__) from exc
        if response.status_code != 200:
            raise HandoffUnavailable(f"gateway answered {response.status_code}")
        data = response.json()
        return WithdrawnTicket(reference=str(data["reference"]), email=str(data["email"]))
