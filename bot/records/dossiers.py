"""Dossier service: status cards, due-date maths and the enumeration guard."""

from __future__ import annotations

import time
import uuid
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import redis
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import texts
from bot.records.models import Dossier
from bot.replies import Button, Reply
from integrations.onestop import DossierInfo

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CLOSED = {3, 7, 8, 9, 10}
RATEABLE = {9, 10}
WITH_THE_AGENCY = {1, 2, 4}  # open, and nothing is awaited from the citizen
ASK_THE_OFFICE = {3, 5, 6, 8}  # what to do next is told by the one-stop office: a button to reach it
MAX_CODES_PER_MESSAGE = 5
# The national portal's status codes and their official labels (SPEC §5), shown exactly as written.
STATUS_LABELS: dict[int, str] = {
    1: "Mới đăng ký",
    2: "Được tiếp nhận",
    3: "Không được tiếp nhận",
    4: "Đang xử lý",
    5: "Yêu cầu bổ sung giấy tờ",
    6: "Yêu cầu thực hiện nghĩa vụ tài chính",
    7: "Công dân yêu cầu rút hồ sơ",
    8: "Dừng xử lý",
    9: "Đã xử lý xong",
    10: "Đã trả kết quả",
}

GUARD_LIMIT = 10
GUARD_WINDOW_S = 600


def local_date(dt: datetime) -> str:
    """dd/mm/yyyy in Vietnam time."""
    return dt.astimezone(VN).strftime("%d/%m/%Y")


def due_phrase(d: DossierInfo, now: datetime) -> str:
    """ "còn N ngày" / "quá hạn N ngày" for open dossiers, on time or late for finished ones."""
    if d.due_at is None or d.status in (3, 7, 8):
        return ""
    due = d.due_at.astimezone(VN).date()
    done = d.finished_at or d.returned_at
    if d.status in (9, 10) or done is not None:
        if done is None:
            return ""
        late = (done.astimezone(VN).date() - due).days
        return texts.FINISHED_LATE.format(n=late) if late > 0 else texts.FINISHED_ON_TIME
    left = (due - now.astimezone(VN).date()).days
    if left > 0:
        return texts.DAYS_LEFT.format(n=left)
    if left == 0:
        return texts.DUE_TODAY
    return texts.DAYS_OVERDUE.format(n=-left)


def is_overdue(d: DossierInfo, now: datetime) -> bool:
    """Open with the agency past its due date (DOMAIN.md: overdue is not a status)."""
    due = d.due_at
    return d.status in WITH_THE_AGENCY and due is not None and due.astimezone(VN).date() < now.astimezone(VN).date()


def status_card(
    d: DossierInfo, now: datetime, *, followed: bool = False, rated: bool = False, heading: str = ""
) -> Reply:
    """The citizen-facing card: no name, no phone; no offer to follow or rate what already is.
    `heading` replaces the title line (a notice's headline names the dossier itself)."""
    lines = [
        heading or texts.CARD_TITLE.format(code=d.code),
        texts.CARD_PROCEDURE.format(value=d.procedure_name),
        texts.CARD_AGENCY.format(value=d.agency_name),
    ]
    if d.received_at:
        lines.append(texts.CARD_RECEIVED.format(value=local_date(d.received_at)))
    if d.due_at:
        phrase = due_phrase(d, now)
        lines.append(texts.CARD_DUE.format(value=local_date(d.due_at)) + (f" ({phrase})" if phrase else ""))
    lines.append(texts.CARD_STATUS.format(value=STATUS_LABELS.get(d.status, str(d.status))))
    if d.finished_at and d.status in (9, 10):
        lines.append(texts.CARD_FINISHED.format(value=local_date(d.finished_at)))
    if d.current_step and d.status not in CLOSED:
        lines.append(texts.CARD_STEP.format(value=d.current_step))
    overdue = is_overdue(d, now)
    next_step = texts.NEXT_STEP_OVERDUE if overdue else texts.NEXT_STEP.get(d.status, "")
    if next_step:
        lines.append("")
        lines.append(next_step.format(agency=d.agency_name))
    buttons: list[Button] = []
    if d.status in RATEABLE and not rated:
        buttons.append(Button(texts.BTN_RATE_DOSSIER, texts.PAYLOAD_RATE_DOSSIER.format(code=d.code), survey=True))
    if d.status not in CLOSED and not followed:
        buttons.append(Button(texts.BTN_SUBSCRIBE_DOSSIER, texts.PAYLOAD_SUBSCRIBE_DOSSIER.format(code=d.code)))
    buttons.append(Button(texts.BTN_LOOKUP_OTHER, "Tra cứu hồ sơ"))
    if overdue or d.status in ASK_THE_OFFICE:
        buttons.append(texts.BTN_CONTACT)
    return Reply("\n".join(lines), tuple(buttons))


class EnumerationGuard:
    """Pauses a user's lookups after too many codes that do not exist (SPEC §7)."""

    def __init__(self, redis_client: redis.Redis, limit: int = GUARD_LIMIT, window_s: int = GUARD_WINDOW_S) -> None:
        self.redis = redis_client
        self.limit = limit
        self.window_s = window_s

    def paused_for(self, user_key: str) -> int:
        """Seconds left in the pause, 0 when lookups are allowed."""
        ttl = int(self.redis.ttl(f"guard:pause:{user_key}"))
        return max(ttl, 0)

    def record_miss(self, user_key: str, now: float | None = None) -> bool:
        """Count one unknown code; True when this miss starts a pause."""
        now = time.time() if now is None else now
        key = f"guard:miss:{user_key}"
        pipe = self.redis.pipeline()
        pipe.zadd(key, {f"{now:.6f}:{uuid.uuid4().hex[:8]}": now})
        pipe.zremrangebyscore(key, 0, now - self.window_s)
        pipe.zcard(key)
        pipe.expire(key, self.window_s)
        count = int(pipe.execute()[2])
        if count >= self.limit:
            self.redis.set(f"guard:pause:{user_key}", "1", ex=self.window_s)
            self.redis.delete(key)
            return True
        return False


def upsert_dossier(session: Session, code: str, data: dict[str, Any]) -> tuple[Dossier, bool, int | None]:
    """Create or update one dossier from validated data; returns (row, created, previous status)."""
    row = session.scalar(select(Dossier).where(Dossier.code == code))
    fields = {k: v for k, v in data.items() if k != "code"}
    fields["applicant_phone"] = normalise_phone(fields.get("applicant_phone"))
    for key in ("current_step", "applicant_name"):
        fields[key] = fields.get(key) or ""
    if row is None:
        row = Dossier(code=code, **fields)
        session.add(row)
        return row, True, None
    previous = row.status
    for key, value in fields.items():
        setattr(row, key, value)
    return row, False, previous


def normalise_phone(value: str | None) -> str:
    """Digits only, 0-prefixed national form."""
    digits = "".join(ch for ch in (value or "") if ch.isdigit())
    if digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits
