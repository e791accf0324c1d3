"""The procedure catalog CSV import (bot/web/imports.py): good rows kept, bad lines reported by number."""

from __future__ import annotations

from bot.records.models import Procedure
from bot.runtime import Runtime
from bot.web import imports
from bot.web.imports import import_procedures
from tests.procedure_catalog import GOOD_AND_BAD, add_procedure, codes


def test_import_keeps_good_rows_and_reports_bad_lines(rt: Runtime) -> None:
    add_procedure(rt, "2.000488", name="Tên cũ", fee="cũ", url="https://old.example/lltp")
    with rt.db.session() as s:
        created, updated, errors = import_procedures(s, GOOD_AND_BAD)
    assert (created, updated) == (2, 1)
    assert errors == [
        imports.PROC_IMPORT_NO_CODE.format(line=5),
        imports.PROC_IMPORT_NO_NAME.format(line=6),
        imports.PROC_IMPORT_BAD_URL.format(line=8),
        imports.PROC_IMPORT_COLUMNS.format(line=9, got=3, want=9),
        imports.PROC_IMPORT_DUPLICATE.format(line=10, code="1.001193", first=2),
    ]
    assert all(e.startswith("dòng ") for e in errors)
    with rt.db.session() as s:
        ks = s.get(Procedure, "1.001193")
        ct = s.get(Procedure, "2.000815")
        lltp = s.get(Procedure, "2.000488")
        assert ks is not None and ct is not None and lltp is not None
        assert ks.documents == "Tờ khai đăng ký khai sinh\nGiấy chứng sinh"
        assert ks.keywords == "khai sinh, giay khai sinh" and ks.url.endswith("1.001193")
        assert ct.documents == "Bản chính giấy tờ\nBản sao cần chứng thực; nếu có"
        assert ct.keywords == "sao y, chung thuc"
        assert (lltp.name, lltp.fee, lltp.url) == ("Cấp Phiếu lý lịch tư pháp", "200.000 đồng", "")
        assert s.get(Procedure, "1.000010") is None and s.get(Procedure, "1.000656") is None
    assert codes(rt, "sao y") == ["2.000815"]


def test_import_updates_only_the_columns_present(rt: Runtime) -> None:
    add_procedure(rt, "1.001193", name="Đăng ký khai sinh", fee="Miễn lệ phí", url="https://dvc.example/ks")
    text = "\ufeffcode;name;duration\n1.001193;Đăng ký khai sinh;Trong ngày\n1.000894;Đăng ký kết hôn;Trong ngày\n"
    with rt.db.session() as s:
        assert import_procedures(s, text) == (1, 1, [])
    with rt.db.session() as s:
        ks = s.get(Procedure, "1.001193")
        assert ks is not None
        assert (ks.fee, ks.url, ks.duration) == ("Miễn lệ phí", "https://dvc.example/ks", "Trong ngày")


def test_import_rejects_a_file_without_the_key_columns_or_with_a_broken_quote(rt: Runtime) -> None:
    with rt.db.session() as s:
        assert import_procedures(s, "ma,ten\n1,2\n") == (
            0,
            0,
            [imports.PROC_IMPORT_MISSING_COLUMNS.format(columns="code, name")],
        )
        assert import_procedures(s, "") == (0, 0, [imports.PROC_IMPORT_MISSING_COLUMNS.format(columns="code, name")])
    broken = 'code,name\n1.000001,Một\n1.000002,"Hai\n1.000003,Ba\n'
    with rt.db.session() as s:
        created, _, errors = import_procedures(s, broken)
    assert created == 1 and errors == [imports.PROC_IMPORT_BROKEN.format(line=3)]
