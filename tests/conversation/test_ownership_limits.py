"""The ownership check's limit across users (SPEC §7): ten wrong answers on one dossier within a day, whoever
gives them, lock its check for everyone for a day, and the bot sends the citizen to the office; a user id per
guess no longer walks the 10,000 possible digits."""

from __future__ import annotations

from flask.testing import FlaskClient

from bot.conversation import texts
from bot.runtime import Runtime
from tests.conftest import Chat
from tests.fakes import FakePlatforms
from tests.one_applicant import (
    DONE,
    OPEN,
    READY,
    dossiers,  # noqa: F401  (autouse fixture: the dossiers)
    every_message_fits_the_platforms,  # noqa: F401  (autouse fixture: the message check)
    ratings,
)

LOCKED = texts.OWNERSHIP_LOCKED_FOR_ALL.format(code=DONE, agency="UBND xã Tân An")


def guesser(chat: Chat, n: int) -> Chat:
    """A new user id of the same platform, as a script rotating ids would use."""
    return Chat(chat.client, chat.fake, chat.platform, f"{8800000000000000 + n}")


def wrong_tries(user: Chat, guesses: list[str]) -> list[str]:
    user.send(f"danh gia {DONE}")
    return [user.send(g)[0] for g in guesses]


def test_ten_wrong_answers_from_any_users_lock_the_dossier_for_everyone(chat: Chat, rt: Runtime) -> None:
    for first in range(3):  # three users, three wrong guesses each: nine
        answers = wrong_tries(guesser(chat, first), [f"{first}{k}{k}{k}" for k in range(3)])
        assert "chưa thể tiếp tục" in answers[-1]
    fourth = guesser(chat, 3)
    (tenth,) = wrong_tries(fourth, ["9999"])
    assert tenth == LOCKED and "Gặp cán bộ" in fourth.last.button_titles
    # The owner, with the right digits, is referred to the office too, until the day has passed.
    assert chat.send(f"danh gia {DONE}") == [LOCKED]
    assert "hài lòng thế nào" not in chat.send("5678")[0]
    assert "4 số cuối" in chat.send(f"danh gia {READY}")[0]  # another dossier is not affected
    assert ratings(rt) == []
    for key in rt.redis.keys("owner:locked:*"):
        rt.redis.delete(key)  # what the day does
    assert "4 số cuối" in chat.send(f"danh gia {DONE}")[0]
    assert "hài lòng thế nào" in chat.send("5678")[0]


def test_a_lock_that_falls_while_the_question_is_open_ends_it(chat: Chat) -> None:
    chat.send(f"theo doi {OPEN}")  # the owner is asked for the digits
    for first in range(3):
        guesser(chat, first).send(f"theo doi {OPEN}")
        for k in range(3):
            guesser(chat, first).send(f"{first}{k}{k}{k}")
    late = guesser(chat, 3)
    late.send(f"theo doi {OPEN}")
    late.send("9999")
    assert chat.send("5678") == [texts.OWNERSHIP_LOCKED_FOR_ALL.format(code=OPEN, agency="UBND xã Tân An")]


def test_nine_wrong_answers_leave_the_owner_untouched(chat: Chat, rt: Runtime) -> None:
    for first in range(3):
        wrong_tries(guesser(chat, first), [f"{first}{k}{k}{k}" for k in range(3)])
    chat.send(f"danh gia {DONE}")
    assert "hài lòng thế nào" in chat.send("5678")[0]
    assert "Hài lòng" in chat.send("hai long")[0]
    assert len(ratings(rt)) == 1


def test_the_lock_counts_across_platforms(client: FlaskClient, fake: FakePlatforms) -> None:
    zalo = Chat(client, fake, "zalo", "2512523625412515")
    messenger = Chat(client, fake, "messenger", "6789012345678901")
    for n in range(5):
        user = guesser(zalo if n % 2 else messenger, n)
        wrong_tries(user, ["1111", "2222"])
    assert zalo.send(f"danh gia {DONE}") == [LOCKED]
