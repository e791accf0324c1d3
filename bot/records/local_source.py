"""The project's own dossier table, fed by the push API and CSV imports."""

from __future__ import annotations

from sqlalchemy import or_, select

from bot.records.db import Database
from bot.records.models import Dossier
from integrations.onestop import DossierInfo


def to_info(d: Dossier) -> DossierInfo:
    """Row to DossierInfo."""
    return DossierInfo(
        code=d.code,
        procedure_code=d.procedure_code,
        procedure_name=d.procedure_name,
        agency_code=d.agency_code,
        agency_name=d.agency_name,
        status=d.status,
        received_at=d.received_at,
        due_at=d.due_at,
        finished_at=d.finished_at,
        returned_at=d.returned_at,
        current_step=d.current_step,
        applicant_phone=d.applicant_phone,
        national_code=d.national_code,
    )


class LocalSource:
    """Reads the dossiers table."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, code: str) -> DossierInfo | None:
        """By code or national-portal code."""
        with self.db.session() as s:
            row = s.scalar(select(Dossier).where(or_(Dossier.code == code, Dossier.national_code == code)).limit(1))
            return to_info(row) if row else None
