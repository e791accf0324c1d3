"""The dashboard's pictures and drill-down: which unit is in focus (within the viewer's agencies), its children
against an average, this period beside the previous one, and the monthly trend."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from markupsafe import Markup
from sqlalchemy.orm import Session

from bot.records.reports import (
    AgencyTree,
    Tally,
    Unit,
    add_into,
    counts,
    empty,
    group_names,
    rate,
    tallies,
    total,
)
from bot.web.dashboard.charts import BarRow, MonthPoint, bars_svg, trend_svg
from bot.web.dashboard.numbers import fmt_date

ALL_PROVINCE = "Toàn tỉnh"
TREND_MONTHS = 12


class NotAllowed(Exception):
    """A unit outside the viewer's agencies (or unknown)."""


@dataclass(frozen=True)
class Focus:
    """The unit the page is about, the agencies it counts, and the way back up to the viewer's top."""

    unit: Unit | None
    scope: set[str] | None
    path: list[Unit]
    name: str
    is_top: bool


def find_focus(tree: AgencyTree, viewer_scope: set[str] | None, own: str | None, unit: str | None) -> Focus:
    """The focus for a `unit` parameter; raises NotAllowed for a unit the viewer may not see or that is unknown."""
    if viewer_scope is None:
        root = tree.root()
        if not unit or (root is not None and unit == root.code):
            return Focus(root, None, [root] if root else [], ALL_PROVINCE, True)
        if unit not in tree.units:
            raise NotAllowed(unit)
        path = tree.path(unit)
        return Focus(tree.units[unit], tree.subtree(unit), path, tree.units[unit].name, False)
    code = unit or own
    if not code or code not in viewer_scope:
        raise NotAllowed(code or "")
    if code not in tree.units:
        return Focus(None, set(viewer_scope), [], code, True)
    path = tree.path(code)
    if own in {u.code for u in path}:
        path = path[[u.code for u in path].index(own) :]
    return Focus(tree.units[code], tree.subtree(code) & viewer_scope, path, tree.units[code].name, code == own)


def previous_period(start: date, end: date) -> tuple[date, date]:
    """The period before: the previous whole months for whole months, else as many days just before."""
    last_of_end = date(end.year, end.month, calendar.monthrange(end.year, end.month)[1])
    if start.day == 1 and end == last_of_end:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        y, m = divmod(start.year * 12 + start.month - 1 - months, 12)
        prev_start = date(y, m + 1, 1)
        prev_end = start - timedelta(days=1)
        return prev_start, prev_end
    days = (end - start).days + 1
    return start - timedelta(days=days), start - timedelta(days=1)


def _subtree_sum(tree: AgencyTree, code: str, per_agency: Mapping[str, Tally]) -> Tally:
    out = empty()
    for member in tree.subtree(code):
        if member in per_agency:
            add_into(out, per_agency[member])
    return out


def _sum(per_key: Mapping[str, Tally]) -> Tally:
    out = empty()
    for t in per_key.values():
        add_into(out, t)
    return out


def _rate(t: Tally) -> float | None:
    return rate(t[0] + t[1], total(t))


@dataclass(frozen=True)
class Row:
    """One line of the drill-down table."""

    key: str
    name: str
    href: str | None
    current: dict[str, Any]
    previous: dict[str, Any]


def overview(
    session: Session,
    tree: AgencyTree,
    focus: Focus,
    start: date,
    end: date,
    *,
    viewer_scope: set[str] | None,
    link: Callable[[str], str],
) -> dict[str, Any]:
    """Everything the pictures and the drill-down need, within the focus's agencies."""
    prev_start, prev_end = previous_period(start, end)
    scope = focus.scope
    cur = tallies(session, start=start, end=end, by="agency", agency_scope=scope)
    prev = tallies(session, start=prev_start, end=prev_end, by="agency", agency_scope=scope)
    children = tree.children(focus.unit.code if focus.unit else None)
    if focus.unit is None and focus.is_top:
        children = tree.children(None)
    rows: list[Row] = []
    by_procedure = not children
    if children:
        if focus.unit is not None and (focus.unit.code in cur or focus.unit.code in prev):
            own = focus.unit.code
            rows.append(
                Row(own, f"{focus.unit.name} (trực tiếp)", None, counts(cur.get(own, empty())),
                    counts(prev.get(own, empty())))
            )
        for child in children:
            if scope is not None and child.code not in scope:
                continue
            c, p = _subtree_sum(tree, child.code, cur), _subtree_sum(tree, child.code, prev)
            rows.append(Row(child.code, child.name, link(child.code), counts(c), counts(p)))
    else:
        cur_p = tallies(session, start=start, end=end, by="procedure", agency_scope=scope)
        prev_p = tallies(session, start=prev_start, end=prev_end, by="procedure", agency_scope=scope)
        names = group_names(session, "procedure", set(cur_p) | set(prev_p))
        for key in sorted(set(cur_p) | set(prev_p)):
            rows.append(
                Row(key, names.get(key, key) or "(không rõ thủ tục)", None, counts(cur_p.get(key, empty())),
                    counts(prev_p.get(key, empty())))
            )
    now_total, prev_total = _sum(cur), _sum(prev)
    if viewer_scope is None:
        province = now_total if scope is None else _sum(
            tallies(session, start=start, end=end, by="agency", agency_scope=None)
        )
        average, average_label = _rate(province), "TB toàn tỉnh"
    else:
        mine = now_total if focus.is_top else _sum(
            tallies(session, start=start, end=end, by="agency", agency_scope=viewer_scope)
        )
        average, average_label = _rate(mine), "TB đơn vị"
    first = date(end.year, end.month, 1)
    y, m = divmod(end.year * 12 + end.month - 1 - (TREND_MONTHS - 1), 12)
    trend_start = date(y, m + 1, 1)
    months = tallies(session, start=trend_start, end=end, by="month", agency_scope=scope)
    points: list[MonthPoint] = []
    month = trend_start
    while month <= first:
        key = f"{month.year:04d}-{month.month:02d}"
        t = months.get(key, empty())
        points.append(MonthPoint(key, total(t), _rate(t)))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    bar_rows = [
        BarRow(r.name, r.current["satisfaction_rate"], r.current["total"], r.previous["satisfaction_rate"],
               r.previous["total"])
        for r in rows
    ]
    what = "thủ tục" if by_procedure else "đơn vị"
    charts: dict[str, Markup] = {
        "trend": trend_svg(points, title=f"Xu hướng 12 tháng của {focus.name}: số đánh giá và tỷ lệ hài lòng"),
    }
    if bar_rows:
        charts["bars"] = bars_svg(
            bar_rows,
            average=average,
            average_label=average_label,
            title=f"Tỷ lệ hài lòng theo {what}, kỳ này ({fmt_date(start)} – {fmt_date(end)}) và kỳ trước "
            f"({fmt_date(prev_start)} – {fmt_date(prev_end)})",
        )
    return {
        "rows": rows,
        "by_procedure": by_procedure,
        "current": counts(now_total),
        "previous": counts(prev_total),
        "previous_period": f"{fmt_date(prev_start)} – {fmt_date(prev_end)}",
        "average": average,
        "average_label": average_label,
        "charts": charts,
        "trend": points,
    }
