"""Marshmallow schemas of the push API and the CSV import."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema

from bot import nlu
from bot.records.dossiers import STATUS_LABELS

CHANNELS = ("direct", "online", "postal")
"""How the dossier was submitted: at the counter, online, by post (SPEC §5)."""


class AwareDateTime(fields.DateTime):
    """ISO 8601 with an explicit UTC offset (the one-stop system is in UTC+7)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> datetime:
        result: datetime = super()._deserialize(value, attr, data, **kwargs)
        if result.tzinfo is None:
            raise ValidationError("Thiếu múi giờ: dùng dạng 2026-11-02T08:30:00+07:00.")
        return result


def _phone(value: str) -> None:
    digits = value.replace(" ", "").replace(".", "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not (digits.isdigit() and 9 <= len(digits) <= 11):
        raise ValidationError("Số điện thoại không hợp lệ.")


class DossierSchema(Schema):
    """One dossier as the one-stop system pushes it (SPEC §5)."""

    class Meta:
        unknown = EXCLUDE

    code = fields.String(load_default=None)
    procedure_code = fields.String(load_default="", validate=validate.Length(max=40))
    procedure_name = fields.String(required=True, validate=validate.Length(min=1, max=300))
    agency_code = fields.String(required=True, validate=validate.Length(min=1, max=40))
    agency_name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    status = fields.Integer(required=True, strict=True, validate=validate.OneOf(sorted(STATUS_LABELS)))
    received_at = AwareDateTime(load_default=None, allow_none=True)
    due_at = AwareDateTime(load_default=None, allow_none=True)
    finished_at = AwareDateTime(load_default=None, allow_none=True)
    returned_at = AwareDateTime(load_default=None, allow_none=True)
    current_step = fields.String(load_default="", allow_none=True, validate=validate.Length(max=300))
    applicant_name = fields.String(load_default="", allow_none=True, validate=validate.Length(max=200))
    applicant_phone = fields.String(load_default="", allow_none=True, validate=_phone)
    national_code = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=60))
    # Optional; left out, an update keeps the channel the dossier had.
    channel = fields.String(
        allow_none=True,
        validate=validate.OneOf(CHANNELS, error="Kênh nộp hồ sơ phải là direct, online hoặc postal."),
    )

    @validates_schema
    def _dates_in_order(self, data: dict[str, Any], **kwargs: Any) -> None:
        received, due = data.get("received_at"), data.get("due_at")
        if received and due and due < received:
            raise ValidationError("Ngày hẹn trả sớm hơn ngày tiếp nhận.", "due_at")
        if data.get("code") is not None and nlu.canonical_code(str(data["code"])) is None:
            raise ValidationError("Mã hồ sơ không đúng định dạng.", "code")
