"""The enumeration guard (SPEC §7) counts every distinct code too, not only the unknown ones: walking sequence
numbers of real dossiers is paused after 30 codes in an hour, while a business pasting its list is served."""

from __future__ import annotations

from bot.conversation import texts
from bot.runtime import Runtime
from tests.conftest import Chat, add_dossier

AGENCY = "000.31.25.H59"


def code(n: int) -> str:
    return f"{AGENCY}-261102-{n:04d}"


def many_dossiers(rt: Runtime, n: int) -> None:
    for i in range(1, n + 1):
        add_dossier(rt, code(i))


def test_walking_sequence_numbers_is_paused_after_thirty_codes(chat: Chat, rt: Runtime) -> None:
    many_dossiers(rt, 32)
    for i in range(1, 31):
        (card,) = chat.send(code(i))
        assert code(i) in card and "Đang xử lý" in card
    (paused,) = chat.send(code(31))
    assert paused == texts.LOOKUP_PAUSED_MANY.format(minutes=60)
    (still,) = chat.send(code(1))  # even a code seen before, and on any step
    assert "tạm dừng" in still and "Đang xử lý" not in still
    (rating,) = chat.send(f"danh gia {code(32)}")
    assert "tạm dừng" in rating and "4 số cuối" not in rating
    other = Chat(chat.client, chat.fake, chat.platform, "another-citizen-1")
    assert "Đang xử lý" in other.send(code(31))[0]  # other users are not affected
    rt.redis.delete(f"guard:pause:{chat.platform}:{chat.user_id}")  # the hour passed
    assert "Đang xử lý" in chat.send(code(31))[0]


def test_a_business_pasting_its_list_again_and_again_is_served(chat: Chat, rt: Runtime) -> None:
    many_dossiers(rt, 31)
    for _ in range(2):
        for start in range(1, 31, 5):
            cards = chat.send(" ".join(code(i) for i in range(start, start + 5)))
            assert len(cards) == 5 and all("Đang xử lý" in c for c in cards)
    (paused,) = chat.send(code(31))
    assert "tạm dừng" in paused


def test_codes_asked_for_in_the_rating_and_subscribing_flows_count_too(chat: Chat, rt: Runtime) -> None:
    many_dossiers(rt, 31)
    for i in range(1, 11):
        chat.send(f"theo doi {code(i)}")
        chat.send("huy")
    for i in range(11, 31):
        chat.send(f"danh gia {code(i)}")
    (paused,) = chat.send(code(31))
    assert "tạm dừng" in paused and "Đang xử lý" not in paused
