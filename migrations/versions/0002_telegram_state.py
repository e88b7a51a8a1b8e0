"""Telegram state shared by the gateway replicas: button payload keys, per-chat state, handled updates

Revision ID: 0002_telegram_state
Revises: 0001_initial
Create Date: 2026-11-29 16:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_telegram_state"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "telegram_payloads",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    with op.batch_alter_table("telegram_payloads", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_telegram_payloads_used_at"), ["used_at"], unique=False)

    op.create_table(
        "telegram_chats",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=True),
        sa.Column("offered", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("chat_id"),
    )
    with op.batch_alter_table("telegram_chats", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_telegram_chats_updated_at"), ["updated_at"], unique=False
        )

    op.create_table(
        "telegram_updates",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("handled_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("update_id"),
    )
    with op.batch_alter_table("telegram_updates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_telegram_updates_handled_at"), ["handled_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("telegram_updates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_telegram_updates_handled_at"))
    op.drop_table("telegram_updates")
    with op.batch_alter_table("telegram_chats", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_telegram_chats_updated_at"))
    op.drop_table("telegram_chats")
    with op.batch_alter_table("telegram_payloads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_telegram_payloads_used_at"))
    op.drop_table("telegram_payloads")
