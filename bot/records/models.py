"""SQLAlchemy 2 typed models."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
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
    __table_args__ = (Index("ix_ratings_created_at", "created_at"),)

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
