"""Questions about administrative procedures (bot/conversation/flows/procedures.py): the procedure card with the
aspect asked first, the other matches, asking which procedure, not-found answers, the path through the routing
table."""

from __future__ import annotations

import pytest

from bot import nlu
from bot.conversation import texts
from bot.conversation.dialog import DialogState
from bot.conversation.flows import procedures as handlers
from bot.conversation.router import Turn
from bot.events import EventKind, InboundEvent, Platform
from bot.records.models import Agency, Procedure
from bot.records.procedures import answer_aspect
from bot.runtime import Runtime
from tests.conftest import Chat
from tests.procedure_catalog import CATALOG, CHUNG_THUC, DVC, GPLX, GPXD, KET_HON, KHAI_SINH, LLTP, add_procedure, codes
from tests.unsure_model import make_unsure


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


# ---------------------------------- an aspect asked right after a card, under a model unsure of the bare question


@pytest.fixture
def unsure_of_how_long(monkeypatch: pytest.MonkeyPatch) -> None:
    """An intent model unsure whether a message with "lâu" is off-topic or a procedure question."""
    make_unsure(monkeypatch, "lau", {nlu.Intent.UNKNOWN: 0.46, nlu.Intent.PROCEDURE: 0.40, nlu.Intent.HELP: 0.14})


@pytest.mark.usefixtures("unsure_of_how_long")
def test_an_aspect_right_after_a_card_is_answered_from_it_however_unsure_the_nlu(chat: Chat, wired: Runtime) -> None:
    (card,) = chat.send("đăng ký kết hôn cần giấy tờ gì")
    assert card.startswith("Thủ tục: Đăng ký kết hôn")
    (answer,) = chat.send("làm bao lâu vậy")
    assert answer.splitlines()[0] == "Thủ tục: Đăng ký kết hôn"
    assert answer.splitlines()[1].startswith("Thời gian giải quyết:")


@pytest.mark.usefixtures("unsure_of_how_long")
def test_the_same_question_with_no_card_before_it_is_asked_about(chat: Chat, wired: Runtime) -> None:
    (question,) = chat.send("làm bao lâu vậy")
    assert question == texts.CLARIFY
