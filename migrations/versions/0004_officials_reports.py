"""officials' reports: dossier channel, rating rollup and indexes, unanswered questions, chatbot usage, API tokens

Revision ID: 0004
Revises: 0001
"""

from alembic import op
import sqlalchemy as sa


revision = "0004"
down_revision = "0001"
branch_labels = None
depends_on = None

FINISHED = sa.text("status IN (9, 10)")
UNSETTLED = sa.text("NOT in_rollup")
DISSATISFIED = sa.text("level = 'dissatisfied'")
_COUNTS = ("very_satisfied", "satisfied", "dissatisfied") + tuple(
    f"{factor}_{answer}"
    for factor in ("access", "procedure", "civil_servant", "result", "feedback")
    for answer in ("good", "fair", "poor")
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
    op.create_index("ix_ratings_code_platform", "ratings", ["dossier_code"], postgresql_include=["platform"])
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
    op.drop_index("ix_ratings_code_platform", table_name="ratings")
    op.drop_index("ix_ratings_unsettled", table_name="ratings")
    op.drop_index("ix_ratings_agency_created", table_name="ratings")
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.drop_column("in_rollup")
    op.drop_index("ix_dossiers_received", table_name="dossiers")
    op.drop_index("ix_dossiers_finished_code", table_name="dossiers")
    op.drop_index("ix_dossiers_finished", table_name="dossiers")
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.drop_column("channel")
