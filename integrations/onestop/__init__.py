"""One-stop backends: where dossier status comes from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class DossierInfo:
    """A dossier as any backend reports it."""

    code: str
    procedure_code: str
    procedure_name: str
    agency_code: str
    agency_name: str
    status: int
    received_at: datetime | None
    due_at: datetime | None
    finished_at: datetime | None
    returned_at: datetime | None
    current_step: str
    applicant_phone: str
    national_code: str | None = None


class BackendUnavailable(Exception):
    """The remote one-stop system did not answer."""


class DossierSource(Protocol):
    """Looks dossiers up by code."""

    def get(self, code: str) -> DossierInfo | None:
        """The dossier with this code (or national code), or None."""
        ...
