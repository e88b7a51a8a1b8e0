#!/bin/sh
# First start of the PostgreSQL container only (docker-entrypoint-initdb.d): two unprivileged
# roles, each owning its database. `cepa`: the gateways' tickets, outbox, feedback and Telegram
# state (schema by `python -m bot.migrate`); `rasa`: Rasa's tracker store (the first Rasa replica
# makes its table; the gateways use this role too, to redact and purge old conversations). The
# superuser's password is used by nothing else.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v cepa_password="$CEPA_DB_PASSWORD" -v rasa_password="$RASA_DB_PASSWORD" <<'SQL'
CREATE ROLE cepa LOGIN PASSWORD :'cepa_password';
CREATE DATABASE cepa OWNER cepa;
CREATE ROLE rasa LOGIN PASSWORD :'rasa_password';
CREATE DATABASE rasa OWNER rasa;
REVOKE ALL ON DATABASE cepa FROM PUBLIC;
REVOKE ALL ON DATABASE rasa FROM PUBLIC;
SQL
