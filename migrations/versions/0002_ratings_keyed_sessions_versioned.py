"""ratings keep a keyed hash of the dossier code, reasons lose phone numbers; officials get a session version

Revision ID: 0002
Revises: 0001

Each rating's `dossier_code` becomes `dossier_key` = HMAC-SHA256(rating key, code) in hex (simulator ratings
hash "trial\\x00" + code), the key being `Settings.rating_key` (RATING_HASH_KEY, else derived from SECRET_KEY),
handed over by `Database.upgrade` or, when absent, read from the environment as the app would. Phone numbers in
Không hài lòng reasons are masked. Both are one-way: the downgrade keeps the hashes and the masks.
"""

import hashlib
import hmac
import re

import sqlalchemy as sa
from alembic import context, op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TRIAL_PLATFORMS = {"sim"}
# As bot/conversation/flows/rating.py masked phone numbers when this revision was written.
PHONE_IN_TEXT = re.compile(r"(?<![\w.+])(?:\+\s?84|84|\(?0)(?:[\s.\-)]{0,2}\d){8,10}(?!\d)")
PHONE_MASK = "[số điện thoại]"


def _rating_key() -> bytes:
    key = context.config.attributes.get("rating_key")
    if key:
        return bytes(key)
    from bot.config import load_settings

    return load_settings().rating_key


def _dossier_key(key: bytes, code: str, platform: str) -> str:
    message = ("trial\x00" if platform in TRIAL_PLATFORMS else "") + code
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


def upgrade() -> None:
    with op.batch_alter_table("officials", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_version", sa.Integer(), nullable=False, server_default="0"))

    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dossier_key", sa.String(length=64), nullable=True))

    conn = op.get_bind()
    ratings = sa.table(
        "ratings",
        sa.column("id", sa.Integer()),
        sa.column("dossier_code", sa.String()),
        sa.column("dossier_key", sa.String()),
        sa.column("platform", sa.String()),
        sa.column("reason", sa.Text()),
    )
    rows = conn.execute(sa.select(ratings.c.id, ratings.c.dossier_code, ratings.c.platform, ratings.c.reason)).all()
    if rows:
        key = _rating_key()
        for rating_id, code, platform, reason in rows:
            conn.execute(
                ratings.update()
                .where(ratings.c.id == rating_id)
                .values(
                    dossier_key=_dossier_key(key, code, platform),
                    reason=PHONE_IN_TEXT.sub(PHONE_MASK, reason or ""),
                )
            )

    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.alter_column("dossier_key", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint("ratings_dossier_key_key", ["dossier_key"])
        batch_op.drop_column("dossier_code")


def downgrade() -> None:
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.drop_constraint("ratings_dossier_key_key", type_="unique")
        batch_op.alter_column(
            "dossier_key", new_column_name="dossier_code", existing_type=sa.String(length=64), existing_nullable=False
        )
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.create_unique_constraint("ratings_dossier_code_key", ["dossier_code"])

    with op.batch_alter_table("officials", schema=None) as batch_op:
        batch_op.drop_column("session_version")
