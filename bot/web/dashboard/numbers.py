"""Vietnamese number and date formats of the dashboard, its charts and its documents."""

from __future__ import annotations

from datetime import date


def fmt_int(value: int) -> str:
    """1234 → "1.234" (Vietnamese thousands separator)."""
    return f"{value:,}".replace(",", ".")


def fmt_number(value: float, places: int = 2) -> str:
    """66.67 → "66,67"; 50.0 → "50" (decimal comma, no trailing zeros)."""
    text = f"{value:,.{places}f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return text.rstrip("0").rstrip(",") if "," in text else text


def fmt_rate(value: float | None) -> str:
    """66.67 → "66,67%"; None → "—"."""
    return "—" if value is None else fmt_number(value) + "%"


def fmt_points(current: float | None, previous: float | None) -> str:
    """The change of a rate in percentage points: "+2,5 điểm", "−1 điểm", "không đổi"; "" when one is missing."""
    if current is None or previous is None:
        return ""
    delta = round(current - previous, 2)
    if delta == 0:
        return "không đổi"
    return ("+" if delta > 0 else "−") + fmt_number(abs(delta)) + " điểm"


def fmt_change(current: int, previous: int) -> str:
    """The change of a count: "+12", "−3", "không đổi"."""
    delta = current - previous
    if delta == 0:
        return "không đổi"
    return ("+" if delta > 0 else "−") + fmt_int(abs(delta))


def fmt_date(value: date | str) -> str:
    """dd/mm/yyyy."""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return day.strftime("%d/%m/%Y")


def month_label(key: str) -> str:
    """"2026-11" → "T11/26" (short, for a chart's axis)."""
    year, month = key.split("-")
    return f"T{int(month)}/{year[2:]}"
