"""Starting the Rasa server with its API token read from the environment, not the command line.

`rasa run --auth-token X` would show the token to every user of the host in `ps`; this runs the
same server (`rasa.api.run`) with `RASA_TOKEN` from the environment instead. Run with
`.venv-rasa/bin/python -m nlu.server --model ... --port ...` (bot/stack.py does).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from nlu.settings import check_environment


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="CEPA Rasa server")
    parser.add_argument("--model", required=True)
    parser.add_argument("--interface", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5005)
    parser.add_argument("--endpoints", default="endpoints.yml")
    parser.add_argument("--credentials", default="credentials.yml")
    args = parser.parse_args(argv)
    # Every variable the endpoints file and the API need, checked before Rasa's slow start.
    if problems := check_environment(Path(args.endpoints)):
        print(f"error: invalid setting: {'; '.join(problems)}", file=sys.stderr)
        return 2
    token = os.environ["RASA_TOKEN"]

    from nlu import logs

    # JSON lines (LOG_FORMAT) from here on, so the warnings of Rasa's imports are records too.
    try:
        logs.setup("rasa")
    except ValueError as exc:
        print(f"error: invalid setting: {exc}", file=sys.stderr)
        return 2

    import rasa.api
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    from nlu import speedups

    speedups.install()

    # Every turn and every repeated error is a line of its own: Rasa's RepeatedLogFilter drops a
    # record equal to the one before, which kept one "turn handled" of a whole session.
    configure_logging_and_warnings(logging.INFO, warn_only_once=True, filter_repeated_logs=False)
    # As `rasa run` does: without it structlog renders and prints every debug event of every
    # turn (a twentieth of Rasa's CPU, and a log file that grows by kilobytes a turn).
    configure_structlog(logging.INFO)
    logs.route_structlog()
    rasa.api.run(
        model=args.model,
        endpoints=args.endpoints,
        credentials=args.credentials,
        interface=args.interface,
        port=args.port,
        auth_token=token,
        enable_api=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
