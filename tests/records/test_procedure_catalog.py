"""The procedure catalog (bot/records/procedures.py): search ranking, the aspect a question asks about, document
lists."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.records.models import Procedure
from bot.records.procedures import answer_aspect, document_items, search
from bot.runtime import Runtime
from tests.procedure_catalog import (
    CAN_CUOC,
    CHUNG_THUC,
    DOANH_NGHIEP,
    GPLX,
    GPXD,
    HO_KINH_DOANH,
    KET_HON,
    KHAI_SINH,
    KHAI_TU,
    LAI_KHAI_SINH,
    LLTP,
    NGUOI_CAO_TUOI,
    add_procedure,
    codes,
)

# ----------------------------------------------------------------------- search


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # the brief's examples
        ("lam khai sinh can gi", KHAI_SINH),
        ("đổi bằng lái xe cần gì", GPLX),
        ("lệ phí lý lịch tư pháp", LLTP),
        ("thu tuc dang ky doanh nghiep", DOANH_NGHIEP),
        ("cấp giấy phép xây dựng mất bao lâu", GPXD),
        ("thủ tục cấp căn cước", CAN_CUOC),
        ("dang ky ket hon", KET_HON),
        # with and without diacritics, capitals, politeness
        ("Cho tôi hỏi làm giấy khai sinh cho con cần những giấy tờ gì ạ", KHAI_SINH),
        ("ĐĂNG KÝ KẾT HÔN Ở ĐÂU", KET_HON),
        ("khai tu o dau", KHAI_TU),
        ("đăng ký lại khai sinh", LAI_KHAI_SINH),
        ("Thủ tục Đăng ký lại khai sinh", LAI_KHAI_SINH),
        ("trợ cấp người già bao nhiêu tiền", NGUOI_CAO_TUOI),
        ("thủ tục đăng ký hộ kinh doanh", HO_KINH_DOANH),
        # synonyms and everyday words
        ("lấy vợ cần giấy gì", KET_HON),
        ("sao y giấy tờ ở đâu", CHUNG_THUC),
        ("công chứng bản sao", CHUNG_THUC),
        ("xin phép xây nhà", GPXD),
        ("mở công ty", DOANH_NGHIEP),
        ("bằng lái hết hạn đổi ở đâu", GPLX),
        # abbreviations
        ("gplx doi o dau", GPLX),
        ("lltp bn tien", LLTP),
        ("lam cccd mat may ngay", CAN_CUOC),
        ("gpxd can j", GPXD),
        # typos, glued words, raw Telex
        ("dang ky khai sihn", KHAI_SINH),
        ("dnag ky ket hon", KET_HON),
        ("ly lcih tu phap", LLTP),
        ("giay phep xay dumg", GPXD),
        ("khaisinh", KHAI_SINH),
        ("kethon o dau", KET_HON),
        ("ddawng kys khai sinh", KHAI_SINH),
        ("làm khai xinh", KHAI_SINH),
        ("chung thuc ban soa", CHUNG_THUC),
    ],
)
def test_search_finds_the_procedure_first(catalog: Runtime, query: str, expected: str) -> None:
    found = codes(catalog, query)
    assert found and found[0] == expected, (query, found)


@pytest.mark.parametrize(
    "query",
    [
        "hôm nay trời đẹp quá",
        "thủ tục nuôi cá sấu",
        "abc xyz",
        "cho tôi hỏi",
        "thủ tục hành chính",
        "lệ phí bao nhiêu",
        "đăng ký",
        "",
        "1234",
        "😀👍",
        "giá vàng hôm nay",
    ],
)
def test_nonsense_or_vague_questions_find_nothing(catalog: Runtime, query: str) -> None:
    assert codes(catalog, query) == []


def test_similar_procedures_come_as_alternatives(catalog: Runtime) -> None:
    found = codes(catalog, "khai sinh")
    assert found[0] == KHAI_SINH and LAI_KHAI_SINH in found[1:] and len(found) <= 3
    assert codes(catalog, "đăng ký kết hôn") == [KET_HON]


def test_limit_and_empty_catalog(rt: Runtime, catalog: Runtime) -> None:
    with rt.db.session() as s:
        assert len(search(s, "khai sinh", limit=1)) == 1
        assert search(s, "khai sinh", limit=0) == []
        for p in s.scalars(select(Procedure)):
            s.delete(p)
    assert codes(rt, "khai sinh") == []


def test_search_sees_catalog_changes(catalog: Runtime) -> None:
    assert codes(catalog, "cấp sổ hộ nghèo") == []
    add_procedure(catalog, "1.000999", name="Công nhận hộ nghèo, hộ cận nghèo", keywords="ho ngheo, so ho ngheo")
    assert codes(catalog, "cấp sổ hộ nghèo")[0] == "1.000999"
    add_procedure(catalog, "1.000999", name="Công nhận gia đình văn hóa", keywords="gia dinh van hoa")
    assert codes(catalog, "cấp sổ hộ nghèo") == []


# ---------------------------------------------------------------------- aspects


@pytest.mark.parametrize(
    ("query", "aspect"),
    [
        ("đổi bằng lái xe cần gì", "documents"),
        ("lam khai sinh can j", "documents"),
        ("đăng ký kết hôn cần những gì", "documents"),
        ("hồ sơ gồm những giấy tờ nào", "documents"),
        ("Giấy tờ thủ tục Đăng ký khai sinh", "documents"),
        ("lệ phí lý lịch tư pháp", "fee"),
        ("làm căn cước mất phí không", "fee"),
        ("doi bang lai bao nhieu tien", "fee"),
        ("lltp bn tien", "fee"),
        ("cấp giấy phép xây dựng mất bao lâu", "duration"),
        ("mấy ngày thì có", "duration"),
        ("thời gian giải quyết khai sinh", "duration"),
        ("đăng ký kết hôn ở đâu", "where"),
        ("nộp hồ sơ tại đâu", "where"),
        ("công chứng giấy tờ ở đâu", "where"),
        ("có nộp online được không", "online"),
        ("đăng ký khai sinh trực tuyến", "online"),
        ("lam qua mang duoc ko", "online"),
        ("thủ tục cấp căn cước", "all"),
        ("dang ky ket hon", "all"),
        ("lệ phí và thời gian làm lý lịch tư pháp", "fee"),
    ],
)
def test_answer_aspect(query: str, aspect: str) -> None:
    assert answer_aspect(query) == aspect


def test_document_items() -> None:
    assert document_items("Tờ khai; Giấy chứng sinh ;  ") == ["Tờ khai", "Giấy chứng sinh"]
    assert document_items("- Tờ khai; theo mẫu\r\n• Giấy chứng sinh\n\n2) CCCD") == [
        "Tờ khai; theo mẫu",
        "Giấy chứng sinh",
        "CCCD",
    ]
    assert document_items("") == []


# ----------------------------------------------------------------------- import


