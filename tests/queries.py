"""Reading back what the bot stored: the subscriptions, the dossier count, a user's dialog state, which dossier a
rating is about."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.records.models import Dossier, Rating, Subscription
from bot.records.ratings import dossier_key, is_trial
from bot.runtime import Runtime
from tests.conftest import Chat


def subscriptions(rt: Runtime) -> list[tuple[str, str, str]]:
    """Every subscription as (platform, user, dossier code), oldest first."""
    with rt.db.session() as s:
        rows = s.scalars(select(Subscription).order_by(Subscription.id))
        return [(x.platform, x.user_id, x.dossier_code) for x in rows]


def dossier_count(rt: Runtime) -> int:
    """How many dossiers are stored."""
    with rt.db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Dossier)) or 0)


def state(rt: Runtime, chat: Chat) -> object:
    """The user's dialog state in Redis; None outside a flow."""
    return rt.redis.get(f"dialog:{chat.platform}:{chat.user_id}")


def code_of(rt: Runtime, rating: Rating) -> str:
    """The code of the stored dossier a rating is about (ratings keep only a keyed hash of it), else the hash."""
    with rt.db.session() as s:
        codes = list(s.scalars(select(Dossier.code)))
    trial = is_trial(rating.platform)
    by_key = {dossier_key(rt.settings.rating_key, code, trial=trial): code for code in codes}
    return by_key.get(rating.dossier_key, rating.dossier_key)
