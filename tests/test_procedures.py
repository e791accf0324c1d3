"""Procedure catalog: search ranking, asked aspect, CSV import, the procedure card and its conversation."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from bot import nlu
from bot.conversation import texts
from bot.conversation.dialog import DialogState
from bot.conversation.flows import procedures as handlers
from bot.conversation.router import Turn
from bot.events import EventKind, InboundEvent, Platform
from bot.records.models import Agency, Procedure
from bot.records.procedures import answer_aspect, document_items, import_procedures, search
from bot.runtime import Runtime
from tests.conftest import Chat

DVC = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc="

# code -> (name, keywords, documents, fee, duration, where, online)
CATALOG: dict[str, tuple[str, str, tuple[str, ...], str, str, str, bool]] = {
    "1.001193": (
        "Đăng ký khai sinh",
        "khai sinh, giay khai sinh, lam giay khai sinh, dang ky khai sinh, lam khai sinh cho con, be moi sinh",
        (
            "Tờ khai đăng ký khai sinh theo mẫu",
            "Giấy chứng sinh (bản chính)",
            "Giấy tờ tùy thân của người đi đăng ký để xuất trình",
        ),
        "Miễn lệ phí khi đăng ký đúng hạn",
        "Trong ngày",
        "Bộ phận Một cửa UBND cấp xã nơi cư trú của cha hoặc mẹ",
        True,
    ),
    "1.004884": (
        "Đăng ký lại khai sinh",
        "dang ky lai khai sinh, lam lai giay khai sinh, khai sinh lai, mat so goc khai sinh",
        ("Tờ khai đăng ký lại khai sinh theo mẫu", "Bản sao giấy tờ có thông tin khai sinh trước đây (nếu có)"),
        "Theo mức thu do HĐND tỉnh quy định",
        "05 ngày làm việc",
        "Bộ phận Một cửa UBND cấp xã nơi cư trú",
        True,
    ),
    "1.000894": (
        "Đăng ký kết hôn",
        "ket hon, dang ky ket hon, giay ket hon, cuoi, lay vo, lay chong",
        ("Tờ khai đăng ký kết hôn theo mẫu", "Giấy tờ tùy thân của hai bên để xuất trình"),
        "Miễn lệ phí",
        "Trong ngày",
        "Bộ phận Một cửa UBND cấp xã nơi cư trú của một trong hai bên",
        True,
    ),
    "1.000656": (
        "Đăng ký khai tử",
        "khai tu, giay khai tu, bao tu, giay bao tu, nguoi mat, qua doi",
        ("Tờ khai đăng ký khai tử theo mẫu", "Giấy báo tử"),
        "Miễn lệ phí khi đăng ký đúng hạn",
        "Trong ngày",
        "Bộ phận Một cửa UBND cấp xã",
        True,
    ),
    "1.000010": (
        "Cấp đổi giấy phép lái xe",
        "bang lai, giay phep lai xe, doi bang lai, doi bang lai xe, gplx, bang lai het han",
        (
            "Đơn đề nghị đổi giấy phép lái xe theo mẫu",
            "Bản sao giấy phép lái xe cần đổi",
            "Giấy khám sức khỏe của người lái xe (trừ hạng A1, A2, A3)",
            "Bản sao căn cước công dân",
        ),
        "135.000 đồng/lần",
        "05 ngày làm việc",
        "Bộ phận Một cửa Sở Giao thông vận tải",
        True,
    ),
    "2.000488": (
        "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
        "ly lich tu phap, lltp, phieu ly lich tu phap, lam ly lich tu phap, xin ly lich tu phap",
        ("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp theo mẫu", "Bản chụp căn cước công dân hoặc hộ chiếu"),
        "200.000 đồng/lần/người; sinh viên, người có công với cách mạng 100.000 đồng",
        "10 ngày",
        "Bộ phận Một cửa Sở Tư pháp",
        True,
    ),
    "2.001610": (
        "Đăng ký thành lập doanh nghiệp tư nhân",
        "thanh lap doanh nghiep, mo cong ty, doanh nghiep tu nhan, dang ky doanh nghiep, lap cong ty",
        ("Giấy đề nghị đăng ký doanh nghiệp theo mẫu", "Bản sao giấy tờ pháp lý của chủ doanh nghiệp"),
        "50.000 đồng/lần (miễn khi đăng ký qua mạng)",
        "03 ngày làm việc",
        "Phòng Đăng ký kinh doanh - Sở Tài chính",
        True,
    ),
    "1.001612": (
        "Đăng ký thành lập hộ kinh doanh",
        "ho kinh doanh, giay phep kinh doanh, dang ky kinh doanh, mo tiem, mo quan, buon ban",
        ("Giấy đề nghị đăng ký hộ kinh doanh theo mẫu", "Bản sao căn cước công dân của chủ hộ kinh doanh"),
        "Theo mức thu do HĐND tỉnh quy định",
        "03 ngày làm việc",
        "Bộ phận Một cửa UBND cấp huyện",
        True,
    ),
    "1.009122": (
        "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        "giay phep xay dung, xin phep xay nha, xay nha, gpxd, sua nha",
        (
            "Đơn đề nghị cấp giấy phép xây dựng theo mẫu",
            "Bản sao giấy tờ chứng minh quyền sử dụng đất",
            "Hai bộ bản vẽ thiết kế xây dựng",
        ),
        "Theo mức thu do HĐND tỉnh quy định",
        "15 ngày",
        "Bộ phận Một cửa UBND cấp huyện",
        True,
    ),
    "2.000815": (
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp",
        "chung thuc, sao y, cong chung, photo cong chung, chung thuc ban sao, sao y ban chinh",
        ("Bản chính giấy tờ, văn bản cần chứng thực", "Bản sao cần chứng thực"),
        "2.000 đồng/trang; từ trang thứ ba trở đi 1.000 đồng/trang",
        "Trong ngày",
        "Bộ phận Một cửa UBND cấp xã hoặc Phòng Tư pháp cấp huyện",
        False,
    ),
    "1.001255": (
        "Cấp thẻ căn cước",
        "can cuoc, can cuoc cong dan, the can cuoc, lam can cuoc, chung minh nhan dan, cmnd",
        ("Tờ khai căn cước (nếu thông tin thay đổi)",),
        "Miễn phí lần đầu từ đủ 14 tuổi; cấp đổi 30.000 đồng",
        "07 ngày làm việc",
        "Công an cấp huyện",
        True,
    ),
    "1.000494": (
        "Trợ cấp xã hội hàng tháng cho người cao tuổi",
        "tro cap nguoi gia, tro cap nguoi cao tuoi, tien nguoi gia, luong nguoi gia, nguoi cao tuoi",
        ("Tờ khai đề nghị trợ giúp xã hội theo mẫu", "Bản sao căn cước công dân của người cao tuổi"),
        "Miễn phí",
        "Không quá 20 ngày làm việc",
        "Bộ phận Một cửa UBND cấp xã",
        True,
    ),
}

KHAI_SINH, LAI_KHAI_SINH, KET_HON, KHAI_TU = "1.001193", "1.004884", "1.000894", "1.000656"
GPLX, LLTP, DOANH_NGHIEP, HO_KINH_DOANH = "1.000010", "2.000488", "2.001610", "1.001612"
GPXD, CHUNG_THUC, CAN_CUOC, NGUOI_CAO_TUOI = "1.009122", "2.000815", "1.001255", "1.000494"


def add_procedure(rt: Runtime, code: str, **fields: str) -> None:
    """Insert or replace one catalog row."""
    with rt.db.session() as s:
        proc = s.get(Procedure, code) or Procedure(code=code)
        for key, value in fields.items():
            setattr(proc, key, value)
        s.add(proc)


@pytest.fixture
def catalog(rt: Runtime) -> Runtime:
    """The app's runtime with a realistic catalog of twelve procedures."""
    for code, (name, keywords, documents, fee, duration, where, online) in CATALOG.items():
        add_procedure(
            rt,
            code,
            name=name,
            keywords=keywords,
            documents="\n".join(documents),
            fee=fee,
            duration=duration,
            where=where,
            url=DVC + code if online else "",
            field="",
        )
    return rt


def codes(rt: Runtime, query: str) -> list[str]:
    with rt.db.session() as s:
        return [p.code for p in search(s, query)]


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

GOOD_AND_BAD = (
    "code,name,field,documents,fee,duration,where,url,keywords\n"
    '1.001193,Đăng ký khai sinh,Hộ tịch,"Tờ khai đăng ký khai sinh; Giấy chứng sinh",Miễn lệ phí,Trong ngày,'
    'UBND cấp xã,https://dichvucong.gov.vn/x?ma=1.001193,"Khai sinh, giấy khai sinh"\n'
    '2.000815,Chứng thực bản sao,Chứng thực,"- Bản chính giấy tờ\n- Bản sao cần chứng thực; nếu có",'
    "2.000 đồng/trang,Trong ngày,UBND cấp xã,,sao y|chứng thực\n"
    ",Không có mã,,,,,,,\n"
    "1.000894,,Hộ tịch,,,,,,\n"
    "\n"
    "1.000010,Cấp đổi giấy phép lái xe,Đường bộ,,135.000 đồng,05 ngày,Sở GTVT,dichvucong.gov.vn,bang lai\n"
    "1.000656,Đăng ký khai tử,Hộ tịch\n"
    "1.001193,Đăng ký khai sinh (lặp),Hộ tịch,,,,,,\n"
    "2.000488,Cấp Phiếu lý lịch tư pháp,Lý lịch tư pháp,Tờ khai,200.000 đồng,10 ngày,Sở Tư pháp,,lltp\n"
)


def test_import_keeps_good_rows_and_reports_bad_lines(rt: Runtime) -> None:
    add_procedure(rt, "2.000488", name="Tên cũ", fee="cũ", url="https://old.example/lltp")
    with rt.db.session() as s:
        created, updated, errors = import_procedures(s, GOOD_AND_BAD)
    assert (created, updated) == (2, 1)
    assert errors == [
        texts.PROC_IMPORT_NO_CODE.format(line=5),
        texts.PROC_IMPORT_NO_NAME.format(line=6),
        texts.PROC_IMPORT_BAD_URL.format(line=8),
        texts.PROC_IMPORT_COLUMNS.format(line=9, got=3, want=9),
        texts.PROC_IMPORT_DUPLICATE.format(line=10, code="1.001193", first=2),
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
            [texts.PROC_IMPORT_MISSING_COLUMNS.format(columns="code, name")],
        )
        assert import_procedures(s, "") == (0, 0, [texts.PROC_IMPORT_MISSING_COLUMNS.format(columns="code, name")])
    broken = 'code,name\n1.000001,Một\n1.000002,"Hai\n1.000003,Ba\n'
    with rt.db.session() as s:
        created, _, errors = import_procedures(s, broken)
    assert created == 1 and errors == [texts.PROC_IMPORT_BROKEN.format(line=3)]


def test_cli_import_procedures(app: Flask, rt: Runtime, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text(GOOD_AND_BAD.split(",Không có mã")[0].rsplit("\n", 1)[0] + "\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import-procedures", str(good)])
    assert result.exit_code == 0, result.output
    assert "2 created, 0 updated, 0 rejected" in result.output
    mixed = tmp_path / "mixed.csv"
    mixed.write_text(GOOD_AND_BAD, encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import-procedures", str(mixed)])
    assert result.exit_code == 1
    assert "1 created, 2 updated, 5 rejected" in result.stdout
    assert "dòng 5:" in result.stderr and "dòng 5:" not in result.stdout


# --------------------------------------------------------------------- handlers


def make_turn(rt: Runtime, text: str, state: DialogState | None = None) -> Turn:
    event = InboundEvent(Platform.SIMULATOR, "u1", EventKind.TEXT, text=text)
    return Turn(event=event, state=state or DialogState(), rt=rt)


def lines(turn: Turn, i: int = 0) -> list[str]:
    return [line for line in turn.replies[i].text.splitlines() if line.strip()]


def test_card_answers_the_fee_first_then_the_essentials(catalog: Runtime) -> None:
    turn = make_turn(catalog, "lệ phí lý lịch tư pháp")
    handlers.answer_procedure(turn)
    (reply,) = turn.replies
    got = lines(turn)
    assert got[0].startswith("Thủ tục: Cấp Phiếu lý lịch tư pháp")
    assert got[1] == "Lệ phí: 200.000 đồng/lần/người; sinh viên, người có công với cách mạng 100.000 đồng"
    assert got[2:] == [
        "Giấy tờ cần nộp:",
        "• Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp theo mẫu",
        "• Bản chụp căn cước công dân hoặc hộ chiếu",
        "Thời gian giải quyết: 10 ngày",
        "Nơi nộp: Bộ phận Một cửa Sở Tư pháp",
    ]
    assert reply.buttons[0].title == texts.PROC_BTN_ONLINE and reply.buttons[0].url == DVC + LLTP
    assert reply.buttons[-1] == texts.BTN_MENU
    assert len(reply.text) <= handlers.CARD_LIMIT
    assert not turn.state.active


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("đổi bằng lái xe cần gì", "Giấy tờ cần nộp:"),
        ("cấp giấy phép xây dựng mất bao lâu", "Thời gian giải quyết: 15 ngày"),
        ("dang ky ket hon o dau", "Nơi nộp: Bộ phận Một cửa UBND cấp xã nơi cư trú của một trong hai bên"),
        ("đăng ký khai sinh nộp online được không", texts.PROC_CARD_ONLINE),
        ("chứng thực bản sao làm trực tuyến được không", texts.PROC_CARD_NO_ONLINE),
        ("thủ tục cấp căn cước", "Giấy tờ cần nộp:"),
    ],
)
def test_card_puts_the_asked_aspect_first(catalog: Runtime, text: str, first: str) -> None:
    turn = make_turn(catalog, text)
    handlers.answer_procedure(turn)
    assert lines(turn)[1] == first


def test_card_offers_the_other_matches_as_typed_phrases(catalog: Runtime) -> None:
    turn = make_turn(catalog, "lam khai sinh can gi")
    handlers.answer_procedure(turn)
    (reply,) = turn.replies
    assert lines(turn)[0] == "Thủ tục: Đăng ký khai sinh"
    others = [b for b in reply.buttons if not b.url and b != texts.BTN_MENU]
    assert 1 <= len(others) <= 2
    assert others[0].payload == "Thủ tục Đăng ký lại khai sinh" and len(others[0].title) <= handlers.TITLE_LIMIT
    assert nlu.understand(others[0].payload).intent == nlu.Intent.PROCEDURE
    again = make_turn(catalog, others[0].payload)
    handlers.answer_procedure(again)
    assert lines(again)[0] == "Thủ tục: Đăng ký lại khai sinh"


def test_the_main_button_asks_which_procedure(catalog: Runtime) -> None:
    turn = make_turn(catalog, texts.BTN_PROCEDURE.value)
    handlers.answer_procedure(turn)
    (reply,) = turn.replies
    assert reply.text == texts.PROC_ASK_NAME
    assert (turn.state.flow, turn.state.step) == (handlers.FLOW, handlers.ASK_NAME)
    assert [b.title for b in reply.buttons] == [
        "Đăng ký khai sinh",
        "Đăng ký kết hôn",
        "Chứng thực bản sao",
        "Đổi bằng lái xe",
        texts.BTN_MENU.title,
    ]
    expected = [KHAI_SINH, KET_HON, CHUNG_THUC, GPLX]
    for button, code in zip(texts.PROC_COMMON_BUTTONS, expected, strict=True):
        assert nlu.understand(button.value).intent == nlu.Intent.PROCEDURE
        assert codes(catalog, button.value)[0] == code


def test_the_name_step_answers_with_the_aspect_asked_before(catalog: Runtime) -> None:
    first = make_turn(catalog, "lệ phí bao nhiêu vậy")
    handlers.answer_procedure(first)
    assert first.replies[0].text == texts.PROC_ASK_NAME and first.state.data["aspect"] == "fee"
    second = make_turn(catalog, "khai sinh", first.state)
    handlers.receive_procedure_name(second)
    assert lines(second)[:2] == ["Thủ tục: Đăng ký khai sinh", "Lệ phí: Miễn lệ phí khi đăng ký đúng hạn"]
    assert not second.state.active


def test_an_unknown_name_asks_again_then_two_misses_give_up(catalog: Runtime) -> None:
    catalog_agency = Agency(code="000.00.00.H59", name="UBND tỉnh Trà Vinh", hotline="0294 3 123 456")
    with catalog.db.session() as s:
        s.add(catalog_agency)
    turn = make_turn(catalog, "thủ tục nuôi cá sấu")
    handlers.answer_procedure(turn)
    assert turn.replies[0].text == texts.PROC_ASK_NAME_UNKNOWN and turn.state.step == handlers.ASK_NAME
    miss1 = make_turn(catalog, "cá sấu hoa cà", turn.state)
    handlers.receive_procedure_name(miss1)
    assert miss1.replies[0].text.startswith(texts.PROC_NOT_FOUND)
    assert "0294 3 123 456" in miss1.replies[0].text
    assert texts.BTN_MENU in miss1.replies[0].buttons and miss1.state.data["misses"] == 1
    again = make_turn(catalog, texts.BTN_PROCEDURE.value, miss1.state)
    handlers.receive_procedure_name(again)
    assert again.replies[0].text == texts.PROC_ASK_NAME
    miss = make_turn(catalog, "abc", miss1.state)
    handlers.receive_procedure_name(miss)
    miss2 = make_turn(catalog, "xyz", miss.state)
    handlers.receive_procedure_name(miss2)
    assert miss2.replies[0].text.startswith(texts.PROC_NOT_FOUND_LAST)
    assert miss2.replies[0].buttons == (texts.BTN_CONTACT, texts.BTN_MENU)
    assert not miss2.state.active


def test_not_found_without_a_hotline_points_to_the_commune(catalog: Runtime) -> None:
    turn = make_turn(catalog, "xyz", DialogState(handlers.FLOW, handlers.ASK_NAME, {"misses": 0}))
    handlers.receive_procedure_name(turn)
    assert turn.replies[0].text == f"{texts.PROC_NOT_FOUND}\n{texts.PROC_CALL_ONE_STOP}"


def test_long_documents_are_cut_in_the_card_and_shown_in_full_on_request(catalog: Runtime) -> None:
    docs = "\n".join(
        f"Giấy tờ số {i} cần nộp kèm theo hồ sơ, bản sao có chứng thực hoặc bản chính để đối chiếu"
        for i in range(1, 16)
    )
    add_procedure(catalog, GPXD, documents=docs)
    turn = make_turn(catalog, "giấy phép xây dựng bao lâu")
    handlers.answer_procedure(turn)
    (reply,) = turn.replies
    assert len(reply.text) <= handlers.CARD_LIMIT and reply.buttons[0].url
    assert any(line.startswith("• … và ") for line in lines(turn))
    more = next(b for b in reply.buttons if b.title == texts.PROC_BTN_ALL_DOCUMENTS)
    assert answer_aspect(more.value) == "documents"
    full = make_turn(catalog, more.value)
    handlers.answer_procedure(full)
    card, prompt = full.replies
    assert "Giấy tờ số 15" in card.text and len(card.text) < 2000 and not card.buttons
    assert prompt.text == texts.PROC_BUTTONS_PROMPT and prompt.buttons[0].url == DVC + GPXD


def test_every_card_fits_one_message(catalog: Runtime) -> None:
    for code in CATALOG:
        with catalog.db.session() as s:
            proc = s.get(Procedure, code)
        assert proc is not None
        for aspect in ("all", "documents", "fee", "duration", "where", "online"):
            for reply in handlers.procedure_card(proc, aspect):
                assert len(reply.text) < 2000
                assert all(len(b.title) <= handlers.TITLE_LIMIT for b in reply.buttons)


def test_short_title() -> None:
    assert handlers.short_title("Đăng ký khai sinh") == "Đăng ký khai sinh"
    title = handlers.short_title("Đăng ký thành lập doanh nghiệp tư nhân")
    assert title == "Đăng ký thành lập…" and len(title) <= handlers.TITLE_LIMIT


# ------------------------------------------------------- the conversation path


@pytest.fixture
def wired(catalog: Runtime) -> Runtime:
    """The catalog, reached through the real routing table."""
    return catalog


def test_conversation_from_the_main_button_to_a_card(chat: Chat, wired: Runtime) -> None:
    (ask,) = chat.send("Thủ tục hành chính")
    assert ask == texts.PROC_ASK_NAME
    assert chat.last.button_titles[:4] == [b.title for b in texts.PROC_COMMON_BUTTONS]
    (card,) = chat.press("Đăng ký kết hôn")
    assert card.startswith("Thủ tục: Đăng ký kết hôn")
    (card,) = chat.send("Đổi bằng lái xe cần gì")
    assert card.splitlines()[1] == "Giấy tờ cần nộp:"
    (card,) = chat.send("le phi ly lich tu phap")
    assert card.splitlines()[1].startswith("Lệ phí: 200.000 đồng")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("mở công ty", "Đăng ký thành lập doanh nghiệp tư nhân"),
        ("khaisinh", "Đăng ký khai sinh"),
        ("lấy vợ cần giấy gì", "Đăng ký kết hôn"),
    ],
)
def test_conversation_catalog_words_the_nlu_does_not_know(chat: Chat, wired: Runtime, text: str, name: str) -> None:
    assert nlu.understand(text).intent == nlu.Intent.UNKNOWN
    (card,) = chat.send(text)
    assert card.startswith(f"Thủ tục: {name}")
    (fallback,) = chat.send("hôm nay trời đẹp quá")
    assert not fallback.startswith("Thủ tục")


@pytest.mark.parametrize("text", ["tạm được", "cấp", "tot", "hộ"])
def test_one_vague_syllable_without_an_intent_names_no_procedure(chat: Chat, wired: Runtime, text: str) -> None:
    (answer,) = chat.send(text)
    assert not answer.startswith("Thủ tục")


def test_co_the_is_a_modal_not_the_card_word_the(chat: Chat, wired: Runtime) -> None:
    # "có thể" (can) folds like "có thẻ" (has a card): it must not open "Cấp thẻ căn cước"
    (ask,) = chat.send("khi nào tôi có thể đăng ký")
    assert not ask.startswith("Thủ tục")
    (card,) = chat.send("tôi có thể đăng ký kết hôn ở đâu")
    assert card.startswith("Thủ tục: Đăng ký kết hôn")
    (card,) = chat.send("làm thẻ căn cước cần gì")
    assert card.startswith("Thủ tục: Cấp thẻ căn cước")


def test_a_question_about_one_aspect_right_after_a_card_is_about_that_procedure(chat: Chat, wired: Runtime) -> None:
    (ask,) = chat.send("mất bao lâu")  # no card yet: which procedure?
    assert "Thủ tục:" not in ask
    (card,) = chat.send("đăng ký kết hôn cần giấy tờ gì")
    assert card.startswith("Thủ tục: Đăng ký kết hôn")
    for question, first in [
        ("lệ phí bao nhiêu", "Lệ phí:"),
        ("mat bao lau", "Thời gian giải quyết:"),
        ("nop o dau", "Nơi nộp:"),
        ("tốn bao nhiêu tiền", "Lệ phí:"),
    ]:
        (card,) = chat.send(question)
        assert card.splitlines()[0] == "Thủ tục: Đăng ký kết hôn" and card.splitlines()[1].startswith(first)
    chat.send("xóa dữ liệu của tôi")
    (after,) = chat.send("lệ phí bao nhiêu")
    assert not after.startswith("Thủ tục:")


def test_conversation_not_found_twice_then_back_to_the_menu(chat: Chat, wired: Runtime) -> None:
    chat.send("Thủ tục hành chính")
    (miss1,) = chat.send("ca sau hoa ca")
    assert miss1.startswith(texts.PROC_NOT_FOUND)
    (miss2,) = chat.send("qwerty")
    assert miss2.startswith(texts.PROC_NOT_FOUND_LAST)
    (card,) = chat.send("khai sinh")
    assert card.startswith("Thủ tục: Đăng ký khai sinh")
