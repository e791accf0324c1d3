"""The citizen-facing status card of a dossier (SPEC §7): no name, no phone."""

from __future__ import annotations

from datetime import datetime

from bot.conversation import texts
from bot.records.dossiers import ASK_THE_OFFICE, CLOSED, RATEABLE, STATUS_LABELS, VN, is_overdue, local_date
from bot.replies import Button, Reply
from integrations.onestop import DossierInfo


def status_label(status: int) -> str:
    """The status label of SPEC §5; in another language, its translation and then the official label in brackets."""
    official = STATUS_LABELS.get(status, str(status))
    spoken = texts.STATUS_NAMES.get(status, official)
    return official if spoken == official else f"{spoken} ({official})"


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
    lines.append(texts.CARD_STATUS.format(value=status_label(d.status)))
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
    buttons.append(Button(texts.BTN_LOOKUP_OTHER, texts.BTN_LOOKUP.value))
    if overdue or d.status in ASK_THE_OFFICE:
        buttons.append(texts.BTN_CONTACT)
    return Reply("\n".join(lines), tuple(buttons))
