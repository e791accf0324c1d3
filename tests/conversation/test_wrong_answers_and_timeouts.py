"""A wrong answer at any step of a flow gets a clear answer and keeps the step; thirty minutes of silence end it."""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from tests.conftest import Chat
from tests.one_applicant import (
    DONE,
    OPEN,
    dossiers,  # noqa: F401  (autouse fixture: the dossiers)
    every_message_fits_the_platforms,  # noqa: F401  (autouse fixture: the message check)
    ratings,
    subs,
)


@pytest.mark.parametrize(
    ("steps", "wrong", "expected"),
    [
        (["tra cuu"], "không biết mã", "đọc được mã hồ sơ"),
        (["danh gia"], "hôm qua tôi nộp", "đọc được mã hồ sơ"),
        (["danh gia", DONE], "không nhớ số", "4 chữ số"),
        (["danh gia", DONE], "9999", "còn 2 lần"),
        (["danh gia", DONE, "5678"], "bình thường thôi", "ba mức"),
        (["danh gia", DONE, "5678", "khong hai long"], "!!", "cụ thể hơn"),
        (["danh gia", DONE, "5678", "hai long"], "ừm để xem", "Tốt, Bình thường"),
        (["nhan thong bao"], "mã gì cơ", "đọc được mã hồ sơ"),
        (["nhan thong bao", OPEN], "12", "4 chữ số"),
    ],
)
def test_a_wrong_answer_at_every_step_gets_a_clear_answer_and_keeps_the_step(
    chat: Chat, rt: Runtime, steps: list[str], wrong: str, expected: str
) -> None:
    for text in steps:
        chat.send(text)
    before = rt.redis.get(f"dialog:{chat.platform}:{chat.user_id}")
    answers = chat.send(wrong)
    assert any(expected in a for a in answers), answers
    state = rt.redis.get(f"dialog:{chat.platform}:{chat.user_id}")
    assert state is not None and before is not None
    assert [r.level for r in ratings(rt)] in ([], ["satisfied"]) and subs(rt) == []


def test_state_expires_after_thirty_minutes(chat: Chat, rt: Runtime) -> None:
    chat.send(f"đánh giá {DONE}")
    key = f"dialog:{chat.platform}:{chat.user_id}"
    assert 0 < int(rt.redis.ttl(key)) <= 30 * 60
    rt.redis.delete(key)  # what expiry does
    (answer,) = chat.send("5678")
    assert "4 số cuối" not in answer and ratings(rt) == []


@pytest.mark.parametrize("steps", [["danh gia", DONE], ["nhan thong bao", OPEN], ["tra cuu"]])
def test_every_flow_times_out(chat: Chat, rt: Runtime, steps: list[str]) -> None:
    for text in steps:
        chat.send(text)
    key = f"dialog:{chat.platform}:{chat.user_id}"
    assert 0 < int(rt.redis.ttl(key)) <= 30 * 60
    rt.redis.delete(key)  # thirty minutes of silence
    answers = chat.send("5678")
    assert not any("Đã đăng ký" in a or "hài lòng" in a for a in answers)
    assert ratings(rt) == [] and subs(rt) == []
