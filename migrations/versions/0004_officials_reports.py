"""officials' reports: dossier channel, rating rollup and indexes, unanswered questions, chatbot usage, API tokens

Revision ID: 0004
Revises: 0003
"""

import hashlib
import hmac
from datetime import timedelta, timezone

import sqlalchemy as sa
from alembic import context, op


revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

VIETNAM = timezone(timedelta(hours=7))
FINISHED = sa.text("status IN (9, 10)")
UNSETTLED = sa.text("NOT in_rollup")
DISSATISFIED = sa.text("level = 'dissatisfied'")
_COUNTS = ("very_satisfied", "satisfied", "dissatisfied") + tuple(
    f"{factor}_{answer}"
    for factor in ("access", "procedure", "civil_servant", "result", "feedback")
    for answer in ("good", "fair", "poor")
)


def _rating_key() -> bytes:
    key = context.config.attributes.get("rating_key")
    if key:
        return bytes(key)
    from bot.config import load_settings

    return load_settings().rating_key


def _backfill_finished_on() -> None:
    """Ratings given before this revision learn their dossier's finish day (Vietnam time), matched by keyed hash."""
    conn = op.get_bind()
    ratings = sa.table("ratings", sa.column("dossier_key", sa.String()), sa.column("finished_on", sa.Date()))
    dossiers = sa.table(
        "dossiers", sa.column("code", sa.String()), sa.column("status", sa.Integer()),
        sa.column("finished_at", sa.DateTime(timezone=True)),
    )
    rated = set(conn.execute(sa.select(ratings.c.dossier_key)).scalars())
    if not rated:
        return
    key = _rating_key()
    updates = []
    for code, finished in conn.execute(
        sa.select(dossiers.c.code, dossiers.c.finished_at).where(dossiers.c.finished_at.is_not(None))
    ):
        digest = hmac.new(key, code.encode(), hashlib.sha256).hexdigest()
        if digest in rated:
            when = finished if finished.tzinfo else finished.replace(tzinfo=timezone.utc)  # SQLite drops the zone
            updates.append({"k": digest, "d": when.astimezone(VIETNAM).date()})
    if updates:
        conn.execute(
            ratings.update().where(ratings.c.dossier_key == sa.bindparam("k")).values(finished_on=sa.bindparam("d")),
            updates,
        )


def upgrade() -> None:
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("channel", sa.String(length=10), nullable=True))
    op.create_index(
        "ix_dossiers_finished", "dossiers", ["finished_at"],
        postgresql_include=["agency_code", "due_at", "code"], postgresql_where=FINISHED, sqlite_where=FINISHED,
    )
    op.create_index("ix_dossiers_received", "dossiers", ["received_at"], postgresql_include=["agency_code", "channel"])
    op.create_index(
        "ix_dossiers_finished_code", "dossiers", ["code"],
        postgresql_include=["finished_at", "due_at", "agency_code"], postgresql_where=FINISHED, sqlite_where=FINISHED,
    )

    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("in_rollup", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_index(
        "ix_ratings_agency_created", "ratings", ["agency_code", "created_at"],
        postgresql_include=["level", "procedure_code"],
    )
    op.create_index(
        "ix_ratings_unsettled", "ratings", ["created_at"], postgresql_where=UNSETTLED, sqlite_where=UNSETTLED
    )
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("finished_on", sa.Date(), nullable=True))
    op.create_index(
        "ix_ratings_finished_on", "ratings", ["finished_on"], postgresql_include=["agency_code", "level", "platform"]
    )
    _backfill_finished_on()
    op.create_index(
        "ix_ratings_reasons", "ratings", ["created_at"],
        postgresql_include=["id", "agency_code", "agency_name", "procedure_name", "reason", "platform"],
        postgresql_where=DISSATISFIED, sqlite_where=DISSATISFIED,
    )

    op.create_table(
        "rating_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("agency_code", sa.String(length=40), nullable=False),
        sa.Column("procedure_code", sa.String(length=40), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in _COUNTS),
        sa.PrimaryKeyConstraint("day", "agency_code", "procedure_code"),
    )
    op.create_table(
        "rating_months",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("agency_code", sa.String(length=40), nullable=False),
        sa.Column("procedure_code", sa.String(length=40), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in _COUNTS),
        sa.PrimaryKeyConstraint("month", "agency_code", "procedure_code"),
    )
    op.create_table(
        "unanswered_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("folded", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_unanswered_questions_created_at", "unanswered_questions", ["created_at"])
    op.create_table(
        "usage_counts",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("metric", sa.String(length=30), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "platform", "metric"),
    )
    op.create_table(
        "usage_people",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("digest", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("day", "digest"),
    )


    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("official_id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["official_id"], ["officials.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("digest"),
    )
    op.create_index("ix_api_tokens_official_id", "api_tokens", ["official_id"])


def downgrade() -> None:
    op.drop_index("ix_api_tokens_official_id", table_name="api_tokens")
    op.drop_table("api_tokens")
    op.drop_table("usage_people")
    op.drop_table("usage_counts")
    op.drop_index("ix_unanswered_questions_created_at", table_name="unanswered_questions")
    op.drop_table("unanswered_questions")
    op.drop_table("rating_months")
    op.drop_table("rating_days")
    op.drop_index("ix_ratings_reasons", table_name="ratings")
    op.drop_index("ix_ratings_finished_on", table_name="ratings")
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.drop_column("finished_on")
    op.drop_index("ix_ratings_unsettled", table_name="ratings")
    op.drop_index("ix_ratings_agency_created", table_name="ratings")
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.drop_column("in_rollup")
    op.drop_index("ix_dossiers_received", table_name="dossiers")
    op.drop_index("ix_dossiers_finished_code", table_name="dossiers")
    op.drop_index("ix_dossiers_finished", table_name="dossiers")
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.drop_column("channel")
