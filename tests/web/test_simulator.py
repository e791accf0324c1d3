"""The simulator: the same pipeline as the platforms, as a web chat whose buttons can be pressed, with a session
the server issues and limits that count per client address, so that opening new sessions resets none of them;
its ratings never count."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from bot.conversation import texts
from bot.runtime import Runtime
from tests.conftest import Chat, add_dossier
from tests.fakes import FakePlatforms
from tests.officials import create_user, login
from tests.one_applicant import (
    DONE,
    NAME,
    READY,
    dossiers,  # noqa: F401  (autouse fixture: the dossiers)
    every_message_fits_the_platforms,  # noqa: F401  (autouse fixture: the message check)
    ratings,
)
from tests.queries import code_of
from tests.receipt_photos import PORTAL, Shot, font_path, photo, receipt
from tests.services import unavailable

CODE = "000.31.25.H59-261102-0001"
HOME, ELSEWHERE = "203.0.113.20", "198.51.100.30"


class Browser:
    """One browser on the simulator page, from one client address."""

    def __init__(self, app: Flask, address: str = HOME) -> None:
        self.client = app.test_client()
        self.client.environ_base["REMOTE_ADDR"] = address
        self.seen = 0

    def open(self) -> int:
        """Load the page (the server issues a session when the browser has none); the status code."""
        return self.client.get("/simulator").status_code

    def send(self, **body: Any) -> int:
        """POST to /simulator/send; the status code."""
        return self.client.post("/simulator/send", json=body).status_code

    def say(self, **body: Any) -> list[dict[str, Any]]:
        """Send, then read the replies that came since the last read."""
        assert self.send(**body) == 200
        got = self.client.get(f"/simulator/messages?after={self.seen}").get_json()
        self.seen = got["next"]
        messages: list[dict[str, Any]] = got["messages"]
        return messages

    def texts(self, **body: Any) -> list[str]:
        """The text of each reply to one message."""
        return [m["text"] for m in self.say(**body)]


def fresh(app: Flask, address: str = HOME) -> Browser:
    """A new browser with a new session, as an attacker rotating sessions would open."""
    browser = Browser(app, address)
    assert browser.open() == 200
    return browser


def test_page_and_a_lookup_through_the_pipeline(app: Flask, rt: Runtime) -> None:
    add_dossier(rt, CODE, status=4)
    browser = Browser(app)
    page = browser.client.get("/simulator")
    assert page.status_code == 200 and "Trợ lý Một cửa điện tử tỉnh Trà Vinh" in page.get_data(as_text=True)
    welcome, card = browser.say(kind="follow") + browser.say(text=CODE.lower())
    assert "Xin chào" in welcome["text"] and [b["title"] for b in welcome["buttons"]][0] == "Tra cứu hồ sơ"
    assert CODE in card["text"] and "Đang xử lý" in card["text"]
    assert browser.seen == 2
    (asked,) = browser.say(payload=welcome["buttons"][0]["payload"])
    assert "mã hồ sơ" in asked["text"]


def test_without_a_session_from_the_server_nothing_is_sent_or_read(app: Flask) -> None:
    browser = Browser(app)
    assert browser.send(user="sim-abc123", text="chào") == 403  # the client cannot name a user
    assert browser.client.get("/simulator/messages?user=sim-abc123").status_code == 403
    browser.client.set_cookie("session", "eyJzaW1fdXNlciI6InNpbS12aWN0aW0ifQ.forged.signature")
    assert browser.send(text="chào") == 403  # nor forge the cookie


def test_a_user_named_in_the_request_is_ignored(app: Flask) -> None:
    victim = fresh(app)
    victim.say(text="xin chào")
    attacker = fresh(app, ELSEWHERE)
    attacker.say(user="sim-victim", text="tra cuu")
    read = attacker.client.get("/simulator/messages?user=victim&after=0").get_json()["messages"]
    assert len(read) == 1 and "mã hồ sơ" in read[0]["text"]  # its own reply, nothing of the victim's


def test_bad_input_is_refused(app: Flask) -> None:
    browser = fresh(app)
    assert browser.send() == 400
    assert browser.send(text="a" * 2001) == 400
    assert browser.client.post("/simulator/send", data="nope").status_code == 400


def test_one_address_is_rate_limited_whatever_its_sessions(app: Flask) -> None:
    browser = fresh(app)
    codes = [browser.send(text="chào") for _ in range(31)]
    assert codes[:30] == [200] * 30 and codes[30] == 429
    assert fresh(app).send(text="chào") == 429  # a new session from the same address
    assert fresh(app, ELSEWHERE).send(text="chào") == 200


def test_new_sessions_from_one_address_are_limited(app: Flask) -> None:
    first = fresh(app)
    for _ in range(19):
        fresh(app)
    refused = Browser(app)
    page = refused.client.get("/simulator")
    assert page.status_code == 429 and "thử lại sau một giờ" in page.get_data(as_text=True)
    assert refused.send(text="chào") == 403
    assert first.send(text="chào") == 200  # sessions already open keep working
    assert first.open() == 200  # and reloading the page keeps the session
    assert fresh(app, ELSEWHERE).send(text="chào") == 200


def test_new_sessions_do_not_reset_the_enumeration_guard(app: Flask, rt: Runtime) -> None:
    for i in range(9):  # every unknown code from a new session, as a script rotating user ids would
        assert "Không tìm thấy" in fresh(app).texts(text=f"000.31.25.H59-261102-{9000 + i}")[0]
    assert "tạm dừng" in fresh(app).texts(text="000.31.25.H59-261102-9999")[0]
    (paused,) = fresh(app).texts(text=DONE)
    assert "tạm dừng" in paused and "Đã trả kết quả" not in paused
    (card,) = fresh(app, ELSEWHERE).texts(text=DONE)
    assert "Đã trả kết quả" in card  # another address is not affected


def test_new_sessions_do_not_reset_the_wrong_answers_to_the_ownership_check(app: Flask) -> None:
    for digits in ("1111", "2222"):
        browser = fresh(app)
        browser.say(text=f"danh gia {DONE}")
        assert "chưa đúng" in browser.texts(text=digits)[0]
    browser = fresh(app)
    browser.say(text=f"danh gia {DONE}")
    assert "chưa thể tiếp tục" in browser.texts(text="3333")[0]
    (locked,) = fresh(app).texts(text=f"danh gia {DONE}")
    assert "sai 4 số cuối 3 lần" in locked
    owner = fresh(app, ELSEWHERE)
    assert "4 số cuối" in owner.texts(text=f"danh gia {DONE}")[0]


def test_a_rating_in_the_simulator_with_buttons_never_counts(
    app: Flask, rt: Runtime, client: FlaskClient, fake: FakePlatforms
) -> None:
    browser = fresh(app)
    (card,) = browser.say(text=f"hs {READY.lower()} xong chua")
    assert READY in str(card["text"]) and NAME not in str(card["text"])
    rate = next(b for b in card["buttons"] if b["title"] == "Đánh giá hồ sơ")
    (ask_digits,) = browser.say(payload=rate["payload"])
    assert "4 số cuối" in str(ask_digits["text"])
    (ask_level,) = browser.say(text="56 78")
    levels = ask_level["buttons"]
    assert [b["title"] for b in levels] == ["Rất hài lòng", "Hài lòng", "Không hài lòng"]
    recorded, question = browser.say(payload=levels[0]["payload"])
    assert "Rất hài lòng" in str(recorded["text"]) and "(1/5)" in str(question["text"])
    (stopped,) = browser.say(text="huy")
    assert "vẫn được ghi nhận" in str(stopped["text"])
    assert [(code_of(rt, r), r.level, r.platform) for r in ratings(rt)] == [(READY, "very_satisfied", "sim")]
    assert browser.texts(text=f"danh gia {READY}") == [texts.RATE_ALREADY.format(code=READY)]
    # Not in the officials' figures, and the dossier's one real rating is still the citizen's to give.
    create_user(app, "quantri", "admin")
    login(client, "quantri")
    report = client.get("/api/v1/reports/satisfaction", query_string={"from": "2026-11-01", "to": "2026-11-30"})
    assert report.get_json()["total"] == 0
    citizen = Chat(client, fake, "zalo", "2512523625412515")
    citizen.send(f"danh gia {READY}")
    citizen.send("5678")
    assert "Hài lòng" in citizen.send("hai long")[0]
    assert client.get("/api/v1/reports/satisfaction", query_string={"from": "2026-11-01", "to": "2026-11-30"}
                      ).get_json()["total"] == 1  # fmt: skip


@pytest.mark.parametrize(
    ("opened_from", "then_from"),
    [
        ([f"2001:db8:7:7::{i + 1:x}" for i in range(20)], "2001:db8:7:7:ffff::1"),  # one /64 is one subscriber
        (["203.0.113.20"] * 20, "::ffff:203.0.113.20"),  # an IPv4 address written as IPv6 is that address
    ],
)
def test_an_address_is_counted_as_a_whole(app: Flask, opened_from: list[str], then_from: str) -> None:
    for address in opened_from:
        fresh(app, address)
    assert Browser(app, then_from).open() == 429
    assert Browser(app, "2001:db8:7:8::1").open() == 200


def test_an_uploaded_photo_of_the_receipt_gets_the_card(app: Flask, rt: Runtime) -> None:
    if font_path() is None:
        unavailable("DejaVu Sans is not installed (fonts-dejavu-core)")
    add_dossier(rt, CODE)
    jpeg = photo(receipt(CODE, qr=PORTAL + CODE), Shot(angle=4, blur=0.5, scale=0.6), seed=3)
    image = "data:image/jpeg;base64," + base64.b64encode(jpeg).decode()
    (card,) = fresh(app).say(kind="image", image=image)
    assert card["text"].startswith(f"Hồ sơ {CODE}") and "Đang xử lý" in card["text"]
    assert rt.redis.keys("sim:upload:*") == []  # read once, then gone


def test_an_upload_that_is_no_image_is_refused(app: Flask, rt: Runtime) -> None:
    page = "data:image/jpeg;base64," + base64.b64encode(b"<html>hello</html>").decode()
    browser = fresh(app)
    for image in (page, "data:image/jpeg;base64,%%%"):
        assert browser.send(kind="image", image=image) == 400
    assert rt.redis.keys("sim:upload:*") == []
