"""Staff hand-off: tickets, their references and the e-mail outbox.

The gateway owns this part and its tables; the action server files a ticket only through the
gateway's internal API (`handoff/api.py`, called by `handoff/client.py`), never with a database
session of its own.
"""
