"""Alembic environment: uses the URL set by bot.records.db.alembic_config."""

from alembic import context

from bot.records.db import make_engine
from bot.records.models import Base

config = context.config
url = config.get_main_option("sqlalchemy.url") or ""
engine = make_engine(url)
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
