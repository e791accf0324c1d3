"""The simulator: the same pipeline as the platforms, as a web chat whose buttons can be pressed."""

from __future__ import annotations

import base64

from flask.testing import FlaskClient

from bot.runtime import Runtime
from tests.conftest import add_dossier
from tests.one_applicant import (
    NAME,
    READY,
    dossiers,  # noqa: F401  (autouse fixture: the dossiers)
    every_message_fits_the_platforms,  # noqa: F401  (autouse fixture: the message check)
    ratings,
)
from tests.receipt_photos import PORTAL, Shot, font_path, photo, receipt
from tests.services import unavailable

CODE = "000.31.25.H59-261102-0001"


def test_page_and_a_lookup_through_the_pipeline(client: FlaskClient, rt: Runtime) -> None:
    add_dossier(rt, CODE)
    page = client.get("/simulator")
    assert page.status_code == 200 and "Trợ lý Một cửa điện tử tỉnh Trà Vinh" in page.get_data(as_text=True)
    assert client.post("/simulator/send", json={"user": "sim-abc123", "kind": "follow"}).status_code == 200
    assert client.post("/simulator/send", json={"user": "sim-abc123", "text": CODE.lower()}).status_code == 200
    messages = client.get("/simulator/messages?user=sim-abc123&after=0").get_json()
    welcome, card = messages["messages"]
    assert "Xin chào" in welcome["text"] and [b["title"] for b in welcome["buttons"]][0] == "Tra cứu hồ sơ"
    assert CODE in card["text"] and "Đang xử lý" in card["text"]
    assert messages["next"] == 2
    press = client.post("/simulator/send", json={"user": "sim-abc123", "payload": welcome["buttons"][0]["payload"]})
    assert press.status_code == 200
    later = client.get("/simulator/messages?user=sim-abc123&after=2").get_json()
    assert "mã hồ sơ" in later["messages"][0]["text"]


def test_bad_input_is_refused(client: FlaskClient) -> None:
    assert client.post("/simulator/send", json={"user": "x", "text": "hi"}).status_code == 400
    assert client.post("/simulator/send", json={"user": "sim-abc123"}).status_code == 400
    assert client.post("/simulator/send", json={"user": "sim-abc123", "text": "a" * 2001}).status_code == 400
    assert client.post("/simulator/send", data="nope").status_code == 400
    assert client.get("/simulator/messages?user=../../etc").status_code == 400


def test_one_address_is_rate_limited(client: FlaskClient) -> None:
    codes = [client.post("/simulator/send", json={"user": "sim-flood1", "text": "chào"}).status_code for _ in range(31)]
    assert codes[:30] == [200] * 30 and codes[30] == 429


def test_a_rating_in_the_simulator_with_buttons(client: FlaskClient, rt: Runtime) -> None:
    user = "sim-qa-rating"

    def say(**body: str) -> list[dict[str, object]]:
        before = len(client.get(f"/simulator/messages?user={user}&after=0").get_json()["messages"])
        assert client.post("/simulator/send", json={"user": user, **body}).status_code == 200
        got: list[dict[str, object]] = client.get(f"/simulator/messages?user={user}&after={before}").get_json()[
            "messages"
        ]
        return got

    (card,) = say(text=f"hs {READY.lower()} xong chua")
    assert READY in str(card["text"]) and NAME not in str(card["text"])
    rate = next(b for b in card["buttons"] if b["title"] == "Đánh giá hồ sơ")  # type: ignore[attr-defined]
    (ask_digits,) = say(payload=rate["payload"])
    assert "4 số cuối" in str(ask_digits["text"])
    (ask_level,) = say(text="56 78")
    levels = ask_level["buttons"]
    assert [b["title"] for b in levels] == ["Rất hài lòng", "Hài lòng", "Không hài lòng"]  # type: ignore[attr-defined]
    recorded, question = say(payload=levels[0]["payload"])  # type: ignore[index]
    assert "Rất hài lòng" in str(recorded["text"]) and "(1/5)" in str(question["text"])
    (stopped,) = say(text="huy")
    assert "vẫn được ghi nhận" in str(stopped["text"])
    assert [(r.dossier_code, r.level, r.platform) for r in ratings(rt)] == [(READY, "very_satisfied", "sim")]


def test_an_uploaded_photo_of_the_receipt_gets_the_card(client: FlaskClient, rt: Runtime) -> None:
    if font_path() is None:
        unavailable("DejaVu Sans is not installed (fonts-dejavu-core)")
    add_dossier(rt, CODE)
    jpeg = photo(receipt(CODE, qr=PORTAL + CODE), Shot(angle=4, blur=0.5, scale=0.6), seed=3)
    image = "data:image/jpeg;base64," + base64.b64encode(jpeg).decode()
    sent = client.post("/simulator/send", json={"user": "sim-photo1", "kind": "image", "image": image})
    assert sent.status_code == 200
    (card,) = client.get("/simulator/messages?user=sim-photo1&after=0").get_json()["messages"]
    assert card["text"].startswith(f"Hồ sơ {CODE}") and "Đang xử lý" in card["text"]
    assert rt.redis.keys("sim:upload:*") == []  # read once, then gone


def test_an_upload_that_is_no_image_is_refused(client: FlaskClient, rt: Runtime) -> None:
    page = "data:image/jpeg;base64," + base64.b64encode(b"<html>hello</html>").decode()
    for image in (page, "data:image/jpeg;base64,%%%"):
        resp = client.post("/simulator/send", json={"user": "sim-photo2", "kind": "image", "image": image})
        assert resp.status_code == 400
    assert rt.redis.keys("sim:upload:*") == []
