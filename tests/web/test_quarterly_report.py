"""The quarterly report document (Decree 30/2020/NĐ-CP layout) from the dashboard and the CLI: what it says agrees
with the reports API and the dossiers, an official's copy covers only its own agencies, bad quarters are named."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
from flask import Flask
from flask.testing import FlaskClient

from bot.runtime import Runtime
from tests.conftest import add_dossier, at
from tests.officials import COMMUNE, DISTRICT, OTHER_COMMUNE, OTHER_DISTRICT, add_rating, login
from tests.web.test_reports_api import basic

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def read(data: bytes) -> tuple[list[str], list[list[list[str]]]]:
    """The paragraphs and the tables (rows of cell texts) of a document."""
    d = docx.Document(io.BytesIO(data))
    return [p.text for p in d.paragraphs if p.text], [[[c.text for c in r.cells] for r in t.rows] for t in d.tables]


def table_after(tables: list[list[list[str]]], first_header: str, nth: int = 0) -> dict[str, list[str]]:
    """The nth table whose first header cell is `first_header`, by its first (or second) cell."""
    table = [t for t in tables if t[0][0] == first_header][nth]
    return {row[0] if row[0] else row[1]: row for row in table[1:]}


def dossiers(rt: Runtime) -> None:
    """Q4 2026: three received (one online), two resolved (one late); Q3: one received and resolved."""
    add_dossier(rt, f"{DISTRICT}-261005-0001", agency_code=DISTRICT, agency_name="UBND huyện Càng Long", status=4,
                received_at=at("2026-10-05T08:00:00+07:00"), channel="online")
    add_dossier(rt, f"{COMMUNE}-261102-0001", status=10, received_at=at("2026-11-02T08:00:00+07:00"),
                due_at=at("2026-11-03T17:00:00+07:00"), finished_at=at("2026-11-04T09:00:00+07:00"), channel="direct")
    add_dossier(rt, f"{COMMUNE}-261103-0002", status=9, received_at=at("2026-11-03T08:00:00+07:00"),
                due_at=at("2026-11-05T17:00:00+07:00"), finished_at=at("2026-11-05T09:00:00+07:00"))
    add_dossier(rt, f"{OTHER_COMMUNE}-260910-0001", agency_code=OTHER_COMMUNE, agency_name="UBND xã Hòa Ân", status=10,
                received_at=at("2026-09-10T08:00:00+07:00"), due_at=at("2026-09-12T17:00:00+07:00"),
                finished_at=at("2026-09-11T09:00:00+07:00"), channel="postal")


def test_quarterly_report_from_the_dashboard(client: FlaskClient, rt: Runtime, ratings: None) -> None:
    dossiers(rt)
    add_rating(rt, "satisfied", "2026-12-20T09:00:00+07:00", agency=OTHER_DISTRICT, answers={"access": "good"})
    login(client, "admin")
    resp = client.get("/dashboard/report.docx", query_string={"quarter": "2026-Q4"})
    assert resp.status_code == 200 and resp.mimetype == DOCX
    assert resp.headers["Content-Disposition"] == 'attachment; filename="bao-cao_2026-Q4.docx"'
    paragraphs, tables = read(resp.data)
    head = tables[0]
    assert head[0][0] == "UBND TỈNH TRÀ VINH"
    assert head[0][1] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    assert head[1][0].startswith("Số:") and head[1][0].replace(" ", "") == "Số:/BC-……"  # number left blank
    assert head[1][1].startswith("Trà Vinh, ngày ")
    assert "BÁO CÁO" in paragraphs and any("Quý IV năm 2026" in p for p in paragraphs)
    sections = [p.split(".")[0] for p in paragraphs if p[:3] in ("I. ", "II.", "III", "IV.")]
    assert sections == ["I", "II", "III", "IV"]
    levels = table_after(tables, "Cấp")
    assert levels["Cấp huyện"][1:] == ["1", "0", "0", "0", "—"]
    assert levels["Cấp xã"][1:] == ["2", "2", "1", "1", "50%"]
    assert levels["Tổng cộng"][1:3] == ["3", "2"]
    channels = table_after(tables, "Hình thức")
    assert channels["Trực tuyến"][1:] == ["1", "33,33%"] and channels["Chưa xác định"][1] == "1"
    api = client.get("/api/v1/reports/satisfaction", query_string={"from": "2026-10-01", "to": "2026-12-31"},
                     headers=basic("admin")).get_json()
    agencies = table_after(tables, "STT")
    for g in api["groups"]:
        row = next(r for r in agencies.values() if r[1] == g["name"])
        assert row[2] == str(g["total"])
    assert agencies["Tổng cộng"][2] == str(api["total"]) == "7"
    assert any(p.endswith(". Phải đi lại nhiều lần (1 lượt).") for p in paragraphs)
    usage = table_after(tables, "Chỉ tiêu")
    assert usage["Lượt tra cứu hồ sơ"][1:] == ["0", "0", "0"]
    compare = table_after(tables, "Chỉ tiêu", 1)
    assert compare["Hồ sơ tiếp nhận"][1:] == ["3", "1", "+2"]
    assert tables[-1][0][0].startswith("Nơi nhận:") and "THỦ TRƯỞNG CƠ QUAN" in tables[-1][0][1]


def test_an_official_gets_only_its_agencies(client: FlaskClient, rt: Runtime, ratings: None) -> None:
    dossiers(rt)
    login(client, "canlong")
    resp = client.get("/dashboard/report.docx", query_string={"quarter": "2026-Q4"})
    paragraphs, tables = read(resp.data)
    text = "\n".join(paragraphs) + str(tables)
    assert "Cầu Kè" not in text and "Hòa Ân" not in text
    assert tables[0][0][0] == "UBND TỈNH TRÀ VINH\nUBND HUYỆN CÀNG LONG"
    assert "Số liệu sử dụng chatbot tính chung toàn tỉnh" in text
    assert client.get("/dashboard/report.docx", query_string={"quarter": "2026-Q4", "unit": OTHER_DISTRICT}
                      ).status_code == 403
    for bad in ("", "2026-Q5", "2026Q4", "Q4-2026", "0001-Q1"):
        resp = client.get("/dashboard/report.docx", query_string={"quarter": bad})
        assert resp.status_code == 400 and "YYYY-QN" in resp.get_data(as_text=True)


def test_cli_writes_the_same_report(app: Flask, rt: Runtime, ratings: None, tmp_path: Path) -> None:
    dossiers(rt)
    out = tmp_path / "q4.docx"
    runner = app.test_cli_runner()
    result = runner.invoke(args=["report", "quarterly", "2026-Q4", "-o", str(out), "--agency", DISTRICT])
    assert result.exit_code == 0, result.output
    paragraphs, tables = read(out.read_bytes())
    assert any("UBND huyện Càng Long và các đơn vị trực thuộc" in p for p in paragraphs)
    assert table_after(tables, "STT")["Tổng cộng"][2] == "4"  # with 31 October
    whole = runner.invoke(args=["report", "quarterly", "2026-q4", "-o", str(tmp_path / "all.docx")])
    assert whole.exit_code == 0 and table_after(read((tmp_path / "all.docx").read_bytes())[1], "STT")[
        "Tổng cộng"][2] == "6"
    bad: list[Any] = [
        ["report", "quarterly", "2026-13", "-o", str(tmp_path / "x.docx")],
        ["report", "quarterly", "2026-Q1", "-o", str(tmp_path / "x.docx"), "--agency", "000.99.99.H59"],
    ]
    for args in bad:
        result = runner.invoke(args=args)
        assert result.exit_code == 2 and not (tmp_path / "x.docx").exists()
