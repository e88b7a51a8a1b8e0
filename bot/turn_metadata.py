"""Keys of the metadata a turn carries from the gateway's Rasa channel to the action server.

Stdlib only: Rasa's environment (.venv-rasa) imports this module too.
"""

from __future__ import annotations

# A turn whose text was a command the user typed (not a button the bot offered), sent on as plain
# text: its words show no language and answer no form question.
TYPED_COMMAND = "typed_command"
