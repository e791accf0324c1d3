"""SQLAlchemy 2 typed models."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, validates


def utcnow() -> datetime:
    """Now, timezone-aware UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware datetimes stored as UTC on every backend (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base."""

    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON}


class Agency(Base):
    """A receiving agency (Sở, UBND huyện, UBND xã)."""

    __tablename__ = "agencies"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    parent_code: Mapped[str | None] = mapped_column(String(40), ForeignKey("agencies.code"), index=True)
    level: Mapped[str] = mapped_column(String(20), default="province")
    address: Mapped[str] = mapped_column(String(300), default="")
    hotline: Mapped[str] = mapped_column(String(40), default="")
    hours: Mapped[str] = mapped_column(String(200), default="", server_default="")


class Procedure(Base):
    """An administrative procedure of the catalog."""

    __tablename__ = "procedures"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    field: Mapped[str] = mapped_column(String(200), default="")
    documents: Mapped[str] = mapped_column(Text, default="")
    fee: Mapped[str] = mapped_column(String(300), default="")
    duration: Mapped[str] = mapped_column(String(200), default="")
    where: Mapped[str] = mapped_column(String(300), default="")
    url: Mapped[str] = mapped_column(String(300), default="")
    keywords: Mapped[str] = mapped_column(String(500), default="")


class Dossier(Base):
    """A dossier (hồ sơ) as the one-stop system last told us."""

    __tablename__ = "dossiers"
    __table_args__ = (
        # The figures of dossiers finished in a period (dossier_stats): finished ones only, in one index.
        Index(
            "ix_dossiers_finished",
            "finished_at",
            postgresql_include=["agency_code", "due_at", "code"],
            postgresql_where=text("status IN (9, 10)"),
            sqlite_where=text("status IN (9, 10)"),
        ),
        Index("ix_dossiers_received", "received_at", postgresql_include=["agency_code", "channel"]),
        # The same dossiers in code order: counting the rated ones is a merge join with ratings' codes.
        Index(
            "ix_dossiers_finished_code",
            "code",
            postgresql_include=["finished_at", "due_at", "agency_code"],
            postgresql_where=text("status IN (9, 10)"),
            sqlite_where=text("status IN (9, 10)"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    national_code: Mapped[str | None] = mapped_column(String(60), index=True)
    procedure_code: Mapped[str] = mapped_column(String(40), default="")
    procedure_name: Mapped[str] = mapped_column(String(300))
    agency_code: Mapped[str] = mapped_column(String(40), index=True)
    agency_name: Mapped[str] = mapped_column(String(200))
    status: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[datetime | None]
    due_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    returned_at: Mapped[datetime | None]
    current_step: Mapped[str] = mapped_column(String(300), default="")
    applicant_name: Mapped[str] = mapped_column(String(200), default="")
    applicant_phone: Mapped[str] = mapped_column(String(20), default="")
    channel: Mapped[str | None] = mapped_column(String(10))  # direct | online | postal (SPEC §5)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Subscription(Base):
    """A user who wants to hear when a dossier's status changes."""

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("platform", "user_id", "dossier_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[str] = mapped_column(String(100))
    dossier_code: Mapped[str] = mapped_column(String(60), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Rating(Base):
    """A satisfaction rating of one dossier; anonymous: no user id, and the dossier only as a keyed hash of its
    code (`bot.records.ratings.dossier_key`), enough for "once per dossier" and nothing that joins back."""

    __tablename__ = "ratings"
    __table_args__ = (
        Index("ix_ratings_created_at", "created_at"),
        # A district's period reads its agencies' ratings from the index alone.
        Index("ix_ratings_agency_created", "agency_code", "created_at", postgresql_include=["level", "procedure_code"]),
        # How many of the dossiers finished in a period were rated, from the index alone.
        Index("ix_ratings_finished_on", "finished_on", postgresql_include=["agency_code", "level", "platform"]),
        # Không hài lòng reasons, newest first, read from the index alone (lists, exports, the most frequent).
        Index(
            "ix_ratings_reasons",
            "created_at",
            postgresql_include=["id", "agency_code", "agency_name", "procedure_name", "reason", "platform"],
            postgresql_where=text("level = 'dissatisfied'"),
            sqlite_where=text("level = 'dissatisfied'"),
        ),
        # Ratings not yet in the daily rollup (a day or two of them).
        Index(
            "ix_ratings_unsettled",
            "created_at",
            postgresql_where=text("NOT in_rollup"),
            sqlite_where=text("NOT in_rollup"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_key: Mapped[str] = mapped_column(String(64), unique=True)
    platform: Mapped[str] = mapped_column(String(20))
    agency_code: Mapped[str] = mapped_column(String(40), index=True)
    agency_name: Mapped[str] = mapped_column(String(200))
    procedure_code: Mapped[str] = mapped_column(String(40), default="")
    procedure_name: Mapped[str] = mapped_column(String(300), default="")
    level: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    answers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    in_rollup: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The Vietnam-time day the dossier was finished: the response rate counts ratings by it, since the rating
    # keeps no dossier code to join on (no more telling than created_at, a day or two later).
    finished_on: Mapped[date | None] = mapped_column(Date)


class _RatingCounts:
    """The counts a rollup row keeps: ratings by level, and answers to each SIPAS question by grade."""

    very_satisfied: Mapped[int] = mapped_column(Integer, default=0)
    satisfied: Mapped[int] = mapped_column(Integer, default=0)
    dissatisfied: Mapped[int] = mapped_column(Integer, default=0)
    access_good: Mapped[int] = mapped_column(Integer, default=0)
    access_fair: Mapped[int] = mapped_column(Integer, default=0)
    access_poor: Mapped[int] = mapped_column(Integer, default=0)
    procedure_good: Mapped[int] = mapped_column(Integer, default=0)
    procedure_fair: Mapped[int] = mapped_column(Integer, default=0)
    procedure_poor: Mapped[int] = mapped_column(Integer, default=0)
    civil_servant_good: Mapped[int] = mapped_column(Integer, default=0)
    civil_servant_fair: Mapped[int] = mapped_column(Integer, default=0)
    civil_servant_poor: Mapped[int] = mapped_column(Integer, default=0)
    result_good: Mapped[int] = mapped_column(Integer, default=0)
    result_fair: Mapped[int] = mapped_column(Integer, default=0)
    result_poor: Mapped[int] = mapped_column(Integer, default=0)
    feedback_good: Mapped[int] = mapped_column(Integer, default=0)
    feedback_fair: Mapped[int] = mapped_column(Integer, default=0)
    feedback_poor: Mapped[int] = mapped_column(Integer, default=0)


class RatingDay(_RatingCounts, Base):
    """The daily rollup of ratings per agency and procedure: counts by level and by SIPAS answer.

    Filled by bot.records.reports.settle_ratings with whole Vietnam-time days that ended over a day ago;
    the ratings it holds carry in_rollup, so reports add only the others from the ratings table.
    """

    __tablename__ = "rating_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    procedure_code: Mapped[str] = mapped_column(String(40), primary_key=True)


class RatingMonth(_RatingCounts, Base):
    """The monthly rollup: the sum of a month's rows of rating_days (rebuilt with them), for long periods."""

    __tablename__ = "rating_months"

    month: Mapped[date] = mapped_column(Date, primary_key=True)  # its first day
    agency_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    procedure_code: Mapped[str] = mapped_column(String(40), primary_key=True)


class Official(Base):
    """An official's account for the dashboard and reports."""

    __tablename__ = "officials"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20))
    agency_code: Mapped[str | None] = mapped_column(String(40))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Every dashboard session carries the version it began under; a logout or a new password moves it on.
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    @validates("password_hash")
    def _new_password_ends_sessions(self, key: str, value: str) -> str:
        """A changed password bumps the session version: the sessions opened with the old one end."""
        if self.password_hash is not None and value != self.password_hash:
            self.session_version = (self.session_version or 0) + 1
        return value


class ZaloToken(Base):
    """The current Zalo token pair (the refresh token is single use)."""

    __tablename__ = "zalo_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    access_token: Mapped[str] = mapped_column(Text)
    refresh_token: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class DeliveryFailure(Base):
    """An outbound message that could not be delivered for good."""

    __tablename__ = "delivery_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[str] = mapped_column(String(100))
    error_code: Mapped[str] = mapped_column(String(40))
    error: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class UnansweredQuestion(Base):
    """A message the bot could not answer: no user id, codes and phone numbers masked; kept 90 days."""

    __tablename__ = "unanswered_questions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(String(500))
    folded: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    handled_at: Mapped[datetime | None]


class UsageCount(Base):
    """How often something happened in the chat on one Vietnam-time day, per platform (chatbot usage)."""

    __tablename__ = "usage_counts"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    platform: Mapped[str] = mapped_column(String(20), primary_key=True)
    metric: Mapped[str] = mapped_column(String(30), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class UsagePerson(Base):
    """A keyed digest of a user seen on a day, only to count people once a day; deleted after two days."""

    __tablename__ = "usage_people"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    digest: Mapped[str] = mapped_column(String(32), primary_key=True)


class ApiToken(Base):
    """A reports API token of an official, for machine clients (kept as a SHA-256 digest; shown once)."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    official_id: Mapped[int] = mapped_column(Integer, ForeignKey("officials.id", ondelete="CASCADE"), index=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
