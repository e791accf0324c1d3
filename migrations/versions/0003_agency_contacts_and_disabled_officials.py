"""agency opening hours (import-agencies) and disabled officials (users disable)

Revision ID: 0003
Revises: 0001
Create Date: 2026-12-02 08:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hours", sa.String(length=200), nullable=False, server_default=""))
    with op.batch_alter_table("officials", schema=None) as batch_op:
        batch_op.add_column(sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("officials", schema=None) as batch_op:
        batch_op.drop_column("disabled")
    with op.batch_alter_table("agencies", schema=None) as batch_op:
        batch_op.drop_column("hours")
