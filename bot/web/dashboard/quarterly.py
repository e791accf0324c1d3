"""The quarterly report a department files upward, as a Word document in the administrative layout of Decree
30/2020/NĐ-CP: national title and motto, number and symbol left blank for the clerk, place and date, title,
numbered sections, recipients and the signature block."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph
from sqlalchemy.orm import Session

from bot.records.dossier_stats import Flow, flows_by_agency
from bot.records.reports import (
    FACTORS,
    AgencyTree,
    Tally,
    add_into,
    counts,
    empty,
    satisfaction_report,
    tallies,
    top_reasons,
)
from bot.records.usage import (
    HANDOVERS,
    LOOKUPS,
    NOTICES_REFUSED,
    NOTICES_SENT,
    PEOPLE,
    SUBSCRIPTIONS,
    usage_totals,
)
from bot.web.dashboard.exports import FACTOR_LABELS
from bot.web.dashboard.numbers import fmt_change, fmt_int, fmt_points, fmt_rate

_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
ROMAN: Final = ("I", "II", "III", "IV")
LEVEL_LABELS: Final = {"province": "Cấp tỉnh", "district": "Cấp huyện", "commune": "Cấp xã", "": "Khác"}
CHANNEL_LABELS: Final = {"direct": "Trực tiếp", "online": "Trực tuyến", "postal": "Qua bưu chính", "": "Chưa xác định"}
USAGE_LABELS: Final = (
    (LOOKUPS, "Lượt tra cứu hồ sơ"),
    (PEOPLE, "Lượt người được phục vụ (mỗi người tính một lần mỗi ngày)"),
    (SUBSCRIPTIONS, "Đăng ký nhận thông báo"),
    (NOTICES_SENT, "Thông báo tình trạng hồ sơ đã gửi"),
    (NOTICES_REFUSED, "Thông báo bị nền tảng từ chối"),
    (HANDOVERS, "Cuộc trò chuyện chuyển cho cán bộ"),
)
PLATFORM_LABELS: Final = (("zalo", "Zalo"), ("messenger", "Messenger"))
FONT: Final = "Times New Roman"


class BadQuarter(ValueError):
    """A quarter not written YYYY-QN."""


@dataclass(frozen=True)
class Quarter:
    """A calendar quarter."""

    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """From "2026-Q4"; raises BadQuarter."""
        m = _QUARTER.fullmatch(text.strip().upper())
        if m is None or not 1900 <= int(m.group(1)) <= 2999:
            raise BadQuarter(text)
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def of(cls, day: date) -> Quarter:
        """The quarter a day falls in."""
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> date:
        """Its first day."""
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        """Its last day."""
        nxt = Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        return date.fromordinal(nxt.start.toordinal() - 1)

    @property
    def previous(self) -> Quarter:
        """The quarter before."""
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)

    @property
    def code(self) -> str:
        """"2026-Q4"."""
        return f"{self.year}-Q{self.number}"

    @property
    def label(self) -> str:
        """"Quý IV năm 2026"."""
        return f"Quý {ROMAN[self.number - 1]} năm {self.year}"


@dataclass
class Period:
    """The figures of one quarter within a scope."""

    levels: dict[str, Flow]
    total: Flow
    report: dict[str, Any]
    reasons: list[tuple[str, int]]
    usage: dict[str, dict[str, int]] | None


def gather(
    session: Session, tree: AgencyTree, q: Quarter, scope: set[str] | None, *, usage: bool, detail: bool = True
) -> Period:
    """Dossier flows by level of government, satisfaction and SIPAS by agency, reasons, chatbot use (without
    `detail`, only what the comparison with the previous quarter needs)."""
    flows = flows_by_agency(session, start=q.start, end=q.end, agency_scope=scope)
    levels: dict[str, Flow] = {key: Flow() for key in LEVEL_LABELS}
    total = Flow()
    for agency, flow in flows.items():
        unit = tree.units.get(agency)
        level = unit.level if unit is not None and unit.level in LEVEL_LABELS else ""
        levels[level].add(flow)
        total.add(flow)
    return Period(
        levels=levels,
        total=total,
        report=(
            satisfaction_report(session, start=q.start, end=q.end, group_by="agency", agency_scope=scope)
            if detail
            else counts(_sum(tallies(session, start=q.start, end=q.end, by="all", agency_scope=scope)))
        ),
        reasons=top_reasons(session, start=q.start, end=q.end, agency_scope=scope) if detail else [],
        usage=usage_totals(session, start=q.start, end=q.end) if usage else None,
    )


def _sum(per_key: dict[str, Tally]) -> Tally:
    out = empty()
    for t in per_key.values():
        add_into(out, t)
    return out


# ------------------------------------------------------------------------------------------- layout helpers


def _run_font(paragraph: Paragraph, size: float, *, bold: bool = False, italic: bool = False) -> None:
    for run in paragraph.runs:
        run.font.size = Pt(size)
        run.font.bold = bold or None
        run.font.italic = italic or None


def _para(
    container: Any,
    text: str,
    *,
    size: float = 13,
    bold: bool = False,
    italic: bool = False,
    align: Any = None,
    indent: bool = False,
    after: float = 4,
) -> Paragraph:
    p: Paragraph = container.add_paragraph(text)
    _run_font(p, size, bold=bold, italic=italic)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(after)
    p.paragraph_format.space_before = Pt(0)
    if indent:
        p.paragraph_format.first_line_indent = Cm(1)
    return p


def _cell_text(cell: Any, text: str, *, size: float, bold: bool = False, italic: bool = False, align: Any) -> None:
    cell.text = ""
    lines = text.split("\n")
    first = cell.paragraphs[0]
    first.add_run(lines[0])
    for line in lines[1:]:
        first.add_run().add_break()
        first.add_run(line)
    first.alignment = align
    first.paragraph_format.space_after = Pt(0)
    _run_font(first, size, bold=bold, italic=italic)


def _grid(doc: Any, header: list[str], rows: list[list[str]], widths: list[float], *, bold_last: bool = False) -> Table:
    table: Table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, text in enumerate(header):
        _cell_text(table.rows[0].cells[i], text, size=11, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for r, row in enumerate(rows):
        cells = table.add_row().cells  # type: ignore[no-untyped-call]
        for i, text in enumerate(row):
            align = WD_ALIGN_PARAGRAPH.LEFT if i == 0 or (i == 1 and len(header) > 5) else WD_ALIGN_PARAGRAPH.RIGHT
            _cell_text(cells[i], text, size=11, bold=bold_last and r == len(rows) - 1, align=align)
    for row in table.rows:
        for i, width in enumerate(widths):
            row.cells[i].width = Cm(width)
    doc.add_paragraph().paragraph_format.space_after = Pt(2)
    return table


def _borderless(table: Table) -> None:
    borders = table._tbl.tblPr.first_child_found_in("w:tblBorders")
    if borders is not None:
        table._tbl.tblPr.remove(borders)


# ------------------------------------------------------------------------------------------- the document


def build_docx(
    *,
    quarter: Quarter,
    now: Period,
    before: Period,
    province: str,
    issuer: tuple[str, str],
    scope_name: str,
    today: date,
) -> bytes:
    """The report as .docx bytes; issuer = (governing body, issuing body), both in upper case on the page."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)

    head = doc.add_table(rows=2, cols=2)
    _borderless(head)
    governing, issuing = issuer
    top_left = head.cell(0, 0).paragraphs[0]
    top_left.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if governing:
        top_left.add_run(governing.upper())
        top_left.add_run().add_break()
    top_left.add_run(issuing.upper())
    _run_font(top_left, 12)
    top_left.runs[-1].font.bold = True
    title = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    _cell_text(head.cell(0, 1), title, size=12, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    motto = head.cell(0, 1).add_paragraph("Độc lập - Tự do - Hạnh phúc")
    motto.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run_font(motto, 13, bold=True)
    motto.runs[0].font.underline = True
    _cell_text(head.cell(1, 0), "Số:        /BC-……", size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    place = f"{province}, ngày {today.day:02d} tháng {today.month:02d} năm {today.year}"
    _cell_text(head.cell(1, 1), place, size=13, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for row in head.rows:
        row.cells[0].width, row.cells[1].width = Cm(6.5), Cm(10)

    _para(doc, "", after=6)
    _para(doc, "BÁO CÁO", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    _para(
        doc,
        f"Kết quả giải quyết thủ tục hành chính và mức độ hài lòng của người dân, doanh nghiệp {quarter.label}",
        size=14,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        after=2,
    )
    _para(doc, f"Phạm vi: {scope_name}; từ ngày {quarter.start:%d/%m/%Y} đến ngày {quarter.end:%d/%m/%Y}.",
          italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=10)

    _para(doc, "I. KẾT QUẢ TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ", bold=True)
    _para(doc, "1. Hồ sơ tiếp nhận và giải quyết theo cấp hành chính", bold=True, indent=True)
    rows = []
    for key, label in LEVEL_LABELS.items():
        f = now.levels[key]
        if key == "" and not (f.received or f.resolved):
            continue
        rows.append([label, fmt_int(f.received), fmt_int(f.resolved), fmt_int(f.on_time), fmt_int(f.overdue),
                     fmt_rate(f.on_time_rate)])
    t = now.total
    rows.append(["Tổng cộng", fmt_int(t.received), fmt_int(t.resolved), fmt_int(t.on_time), fmt_int(t.overdue),
                 fmt_rate(t.on_time_rate)])
    _grid(doc, ["Cấp", "Tiếp nhận", "Đã giải quyết", "Đúng hạn", "Trễ hạn", "Tỷ lệ đúng hạn"], rows,
          [3.5, 2.4, 2.6, 2.3, 2.2, 2.8], bold_last=True)
    _para(doc, "Hồ sơ tiếp nhận: ngày tiếp nhận trong quý. Hồ sơ đã giải quyết: trạng thái đã xử lý xong hoặc đã trả "
          "kết quả, ngày xong trong quý; trễ hạn khi ngày xong sau ngày hẹn trả.", size=11, italic=True, indent=True)

    _para(doc, "2. Hình thức nộp hồ sơ", bold=True, indent=True)
    rows = [
        [label, fmt_int(t.channels[key]), fmt_rate(rate_of(t.channels[key], t.received))]
        for key, label in CHANNEL_LABELS.items()
        if key or t.channels[key]
    ]
    rows.append(["Tổng cộng", fmt_int(t.received), fmt_rate(rate_of(t.received, t.received))])
    _grid(doc, ["Hình thức", "Số hồ sơ", "Tỷ lệ"], rows, [6, 4, 4], bold_last=True)

    r = now.report
    _para(doc, "II. MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN, DOANH NGHIỆP", bold=True)
    _para(doc, "1. Kết quả chung", bold=True, indent=True)
    _para(
        doc,
        f"Trong quý có {fmt_int(r['total'])} lượt đánh giá qua chatbot: {fmt_int(r['very_satisfied'])} rất hài lòng, "
        f"{fmt_int(r['satisfied'])} hài lòng, {fmt_int(r['dissatisfied'])} không hài lòng; tỷ lệ hài lòng "
        f"{fmt_rate(r['satisfaction_rate'])}.",
        indent=True,
    )
    _para(doc, "2. Theo cơ quan, đơn vị", bold=True, indent=True)
    rows = []
    for i, g in enumerate(r["groups"], start=1):
        good_rates = [fmt_rate(f["good_rate"]) for f in g["factors"]]
        rows.append([str(i), g["name"], fmt_int(g["total"]), fmt_rate(g["satisfaction_rate"]), *good_rates])
    rows.append(["", "Tổng cộng", fmt_int(r["total"]), fmt_rate(r["satisfaction_rate"]),
                 *(fmt_rate(f["good_rate"]) for f in r["factors"])])
    _grid(doc, ["STT", "Cơ quan, đơn vị", "Số đánh giá", "Tỷ lệ hài lòng", *FACTOR_LABELS.values()], rows,
          [1, 4.5, 1.6, 1.8, *(1.6,) * len(FACTORS)], bold_last=True)
    _para(doc, "Năm cột cuối: tỷ lệ trả lời \"Tốt\" cho từng tiêu chí SIPAS (câu hỏi thêm, không bắt buộc).",
          size=11, italic=True, indent=True)
    _para(doc, "3. Các tiêu chí SIPAS", bold=True, indent=True)
    rows = [
        [FACTOR_LABELS[f["key"]], *(fmt_int(f[k]) for k in ("good", "neutral", "bad")), fmt_rate(f["good_rate"])]
        for f in r["factors"]
    ]
    _grid(doc, ["Tiêu chí", "Tốt", "Bình thường", "Chưa tốt", "Tỷ lệ tốt"], rows, [6, 2.2, 2.8, 2.4, 2.4])
    _para(doc, "4. Lý do không hài lòng thường gặp", bold=True, indent=True)
    if now.reasons:
        for i, (reason, n) in enumerate(now.reasons, start=1):
            _para(doc, f"{i}. {reason} ({fmt_int(n)} lượt).", indent=True, after=2)
    else:
        _para(doc, "Không có ý kiến không hài lòng trong quý.", indent=True)

    _para(doc, "III. HOẠT ĐỘNG CỦA CHATBOT", bold=True)
    if now.usage is None:
        _para(doc, "Số liệu sử dụng chatbot tính chung toàn tỉnh, có trong báo cáo của tỉnh.", indent=True)
    else:
        rows = []
        for metric, label in USAGE_LABELS:
            per = [now.usage.get(p, {}).get(metric, 0) for p, _ in PLATFORM_LABELS]
            rows.append([label, *(fmt_int(n) for n in per), fmt_int(sum(per))])
        _grid(doc, ["Chỉ tiêu", *(label for _, label in PLATFORM_LABELS), "Tổng"], rows, [8, 2.5, 2.5, 2.5])

    _para(doc, "IV. SO SÁNH VỚI QUÝ TRƯỚC", bold=True)
    b, br = before.total, before.report
    rows = [
        ["Hồ sơ tiếp nhận", fmt_int(t.received), fmt_int(b.received), fmt_change(t.received, b.received)],
        ["Hồ sơ đã giải quyết", fmt_int(t.resolved), fmt_int(b.resolved), fmt_change(t.resolved, b.resolved)],
        ["Tỷ lệ giải quyết đúng hạn", fmt_rate(t.on_time_rate), fmt_rate(b.on_time_rate),
         fmt_points(t.on_time_rate, b.on_time_rate) or "—"],
        ["Tỷ lệ nộp trực tuyến", fmt_rate(t.online_rate), fmt_rate(b.online_rate),
         fmt_points(t.online_rate, b.online_rate) or "—"],
        ["Số lượt đánh giá", fmt_int(r["total"]), fmt_int(br["total"]), fmt_change(r["total"], br["total"])],
        ["Tỷ lệ hài lòng", fmt_rate(r["satisfaction_rate"]), fmt_rate(br["satisfaction_rate"]),
         fmt_points(r["satisfaction_rate"], br["satisfaction_rate"]) or "—"],
    ]
    if now.usage is not None and before.usage is not None:
        look_now = sum(v.get(LOOKUPS, 0) for v in now.usage.values())
        look_before = sum(v.get(LOOKUPS, 0) for v in before.usage.values())
        rows.append(["Lượt tra cứu qua chatbot", fmt_int(look_now), fmt_int(look_before),
                     fmt_change(look_now, look_before)])
    _grid(doc, ["Chỉ tiêu", quarter.label, quarter.previous.label, "Thay đổi"], rows, [6, 3.5, 3.5, 3])

    sign = doc.add_table(rows=1, cols=2)
    _borderless(sign)
    _cell_text(sign.cell(0, 0), "Nơi nhận:", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for line in ("- ……………… (để báo cáo);", "- Lưu: VT."):
        _run_font(sign.cell(0, 0).add_paragraph(line), 11)
    _cell_text(sign.cell(0, 1), "THỦ TRƯỞNG CƠ QUAN", size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    note = sign.cell(0, 1).add_paragraph("(Ký, ghi rõ họ tên, đóng dấu)")
    note.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run_font(note, 13, italic=True)
    for _ in range(4):
        sign.cell(0, 1).add_paragraph("")
    sign.rows[0].cells[0].width, sign.rows[0].cells[1].width = Cm(8), Cm(8.5)

    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def rate_of(part: int, whole: int) -> float | None:
    """part / whole × 100 (2 places), None for nothing."""
    return round(part * 100 / whole, 2) if whole else None


def quarterly_report(
    session: Session,
    *,
    quarter: Quarter,
    scope: set[str] | None,
    top: str | None,
    province: str,
    today: date,
) -> bytes:
    """The whole document for a scope (None: the province) whose top unit is `top` (None: the province)."""
    tree = AgencyTree.load(session)
    province_wide = scope is None
    now = gather(session, tree, quarter, scope, usage=province_wide)
    before = gather(session, tree, quarter.previous, scope, usage=province_wide, detail=False)
    unit = tree.units.get(top) if top else tree.root()
    if unit is None:
        issuer, scope_name = ("", f"UBND tỉnh {province}"), f"Toàn tỉnh {province}"
    elif province_wide:
        issuer, scope_name = ("", unit.name), f"Toàn tỉnh {province}"
    else:
        parent = tree.units.get(unit.parent or "")
        issuer, scope_name = (parent.name if parent else "", unit.name), f"{unit.name} và các đơn vị trực thuộc"
    return build_docx(
        quarter=quarter, now=now, before=before, province=province, issuer=issuer, scope_name=scope_name, today=today
    )
