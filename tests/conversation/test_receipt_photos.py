"""A photo of the receipt instead of a typed code, through the webhooks: a QR code or barcode gets the card at once,
a printed code is asked back first, and a photo that cannot be read (or fetched) says why and how to type the code.
The images are served by a fake of the platforms' media hosts (MEDIA_URL_PREFIXES points at it)."""

from __future__ import annotations

import io
import itertools
import json
import logging
import time
from typing import Any

import pytest
import responses
from flask.testing import FlaskClient
from PIL import Image
from requests import PreparedRequest

from bot.conversation import texts
from bot.conversation.engine import Bot
from bot.conversation.guard import EnumerationGuard
from bot.delivery.outbox import deliver
from bot.events import EventKind, InboundEvent, Platform
from bot.receipts import How, Reading
from bot.runtime import Runtime
from tests import payloads as p
from tests.conftest import Chat, base_config
from tests.fakes import FakePlatforms
from tests.one_applicant import (
    OPEN,
    UNKNOWN,
    dossiers,  # noqa: F401  (autouse fixture: the dossiers)
    every_message_fits_the_platforms,  # noqa: F401  (autouse fixture: the message check)
)
from tests.queries import state
from tests.receipt_photos import PORTAL, Shot, font_path, photo, receipt
from tests.receipts.test_reading_a_receipt_photo import needs_tesseract
from tests.services import unavailable

ZALO_MEDIA = "https://f21-zpc.zdn.test"
FB_MEDIA = "https://scontent.xx.fbcdn.test"
ZALO_USER, FB_USER = "2512523625412515", "6789012345678901"
_seq = itertools.count(1)


@pytest.fixture
def config(tmp_path: Any) -> dict[str, object]:
    """The test app, with the fake media hosts as the only places images may come from."""
    return {**base_config(tmp_path), "MEDIA_URL_PREFIXES": "https://*.zdn.test/,https://*.fbcdn.test/"}


@pytest.fixture(autouse=True)
def _font() -> None:
    if font_path() is None:
        unavailable("DejaVu Sans is not installed (fonts-dejavu-core)")


def serve(fake: FakePlatforms, body: bytes, content_type: str = "image/jpeg", status: int = 200) -> str:
    """Put an image on the fake media host; returns its URL."""
    url = f"{ZALO_MEDIA}/jpg/{p.ZALO_OA_ID}/{next(_seq):012x}.jpg"
    fake.rsps.add(responses.GET, url, body=body, content_type=content_type, status=status)
    return url


def fetches(fake: FakePlatforms, url: str) -> int:
    """How many times the bot asked for a URL."""
    return sum(call.request.url == url for call in fake.rsps.calls)


def send_zalo_photo(client: FlaskClient, fake: FakePlatforms, url: str, user: str = ZALO_USER) -> list[str]:
    """A user_send_image event as Zalo posts it (tests/fixtures/platform_events/zalo/user_send_image.json)."""
    before = len(fake.to(user))
    attachment = {"type": "image", "payload": {"thumbnail": url.replace("/jpg/", "/thumb/"), "url": url}}
    body = p.zalo_event("user_send_image", user, message={"msg_id": f"zimg{next(_seq)}", "attachments": [attachment]})
    raw, headers = p.zalo_request(body)
    assert client.post("/webhooks/zalo", data=raw, headers=headers).status_code == 200
    return [s.text for s in fake.to(user)[before:]]


def fb_photo(url: str, user: str = FB_USER) -> dict[str, Any]:
    """A Messenger message with an image attachment (tests/fixtures/platform_events/messenger/...image.json)."""
    item = p.fb_messaging_text("", user)
    item["message"] = {"mid": f"m_img{next(_seq)}", "attachments": [{"type": "image", "payload": {"url": url}}]}
    return item


def qr_photo(code: str = OPEN) -> bytes:
    return photo(receipt(code, qr=PORTAL + code), Shot(angle=-5, blur=0.6, tilt=0.06, light=0.8, scale=0.8), seed=1)


def printed_photo(code: str = OPEN) -> bytes:
    return photo(receipt(code), Shot(angle=3, blur=0.5, tilt=0.05, light=0.9, scale=0.95), seed=2)


def test_a_zalo_photo_of_a_receipt_with_a_qr_code_gets_the_status_card(
    client: FlaskClient, fake: FakePlatforms, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    url = serve(fake, qr_photo())
    (card,) = send_zalo_photo(client, fake, url)
    assert card.startswith(f"Hồ sơ {OPEN}") and "Tình trạng: Đang xử lý" in card
    assert fetches(fake, url) == 1
    assert "image read" in caplog.text and url.rsplit("/", 1)[-1] not in caplog.text  # the URL is never logged


def test_a_messenger_image_with_a_qr_code_gets_the_status_card(client: FlaskClient, fake: FakePlatforms) -> None:
    url = f"{FB_MEDIA}/v/t1.15752-9/{next(_seq)}_n.jpg?_nc_cat=1&oh=00_x&oe=67A1B2C3"
    fake.rsps.add(responses.GET, url, body=qr_photo(), content_type="image/jpeg")
    raw, headers = p.fb_request(p.fb_body(fb_photo(url)))
    assert client.post("/webhooks/facebook", data=raw, headers=headers).status_code == 200
    (card,) = fake.texts(FB_USER)
    assert card.startswith(f"Hồ sơ {OPEN}") and "Đang xử lý" in card


def test_a_printed_code_is_asked_back_then_the_card_comes_after_dung(
    client: FlaskClient, fake: FakePlatforms
) -> None:
    needs_tesseract()
    chat = Chat(client, fake, "zalo", ZALO_USER)
    (question,) = send_zalo_photo(client, fake, serve(fake, printed_photo()))
    assert f"Mã hồ sơ {OPEN} đúng không ạ?" in question
    assert chat.last.button_titles == ["Đúng", "Không"]
    (card,) = chat.press("Đúng")
    assert card.startswith(f"Hồ sơ {OPEN}") and "Đang xử lý" in card


def ask_back(rt: Runtime, platform: str, user: str, code: str) -> None:
    """The worker's turn for a photo whose code was read from print: the question "Mã hồ sơ … đúng không?"."""
    event = InboundEvent(Platform(platform), user, EventKind.ATTACHMENT, message_id=f"img{next(_seq)}",
                         attachment_type="image", attachment_url=f"{ZALO_MEDIA}/jpg/x.jpg")
    Bot(rt, lambda *args: deliver(rt, *args)).handle(event, receipt=Reading(code, How.TEXT))


@pytest.mark.parametrize("answer", ["đúng rồi", "dung", "Đúng ạ", "ok", "phải"])
def test_typed_yes_with_or_without_diacritics_shows_the_card(chat: Chat, rt: Runtime, answer: str) -> None:
    ask_back(rt, chat.platform, chat.user_id, OPEN)
    assert "đúng không ạ?" in chat.last.text
    (card,) = chat.send(answer)
    assert card.startswith(f"Hồ sơ {OPEN}")


@pytest.mark.parametrize("answer", ["không", "ko phai", "sai rồi", "khong dung", "Không phải mã này"])
def test_no_asks_for_the_typed_code_and_waits_for_it(chat: Chat, rt: Runtime, answer: str) -> None:
    ask_back(rt, chat.platform, chat.user_id, "000.31.25.H59-261102-0008")
    (reply,) = chat.send(answer)
    assert reply == texts.RECEIPT_TYPE_CODE
    saved = state(rt, chat)
    assert isinstance(saved, bytes) and json.loads(saved)["step"] == "ask_code"
    (card,) = chat.send(OPEN.lower())
    assert card.startswith(f"Hồ sơ {OPEN}")


def test_dung_on_a_code_that_does_not_exist_counts_for_the_enumeration_guard(chat: Chat, rt: Runtime) -> None:
    ask_back(rt, chat.platform, chat.user_id, UNKNOWN)
    (reply,) = chat.send("đúng")
    assert reply == texts.NOT_FOUND.format(code=UNKNOWN)
    assert rt.redis.zcard(f"guard:miss:{chat.platform}:{chat.user_id}") == 1


def test_a_paused_user_gets_no_card_and_the_photo_is_not_even_fetched(
    client: FlaskClient, fake: FakePlatforms, rt: Runtime
) -> None:
    guard = EnumerationGuard(rt.redis)
    for _ in range(guard.limit):
        guard.record_miss(f"zalo:{ZALO_USER}")
    url = serve(fake, qr_photo())
    (reply,) = send_zalo_photo(client, fake, url)
    assert "tạm dừng" in reply and OPEN not in reply
    assert fetches(fake, url) == 0


def test_a_photo_without_a_code_says_what_was_not_read_and_how_to_type_it(
    client: FlaskClient, fake: FakePlatforms
) -> None:
    wall = io.BytesIO()
    Image.new("RGB", (800, 1000), (190, 180, 160)).save(wall, "JPEG")
    (reply,) = send_zalo_photo(client, fake, serve(fake, wall.getvalue()))
    assert "chưa đọc được mã hồ sơ trên ảnh" in reply and "000.00.15.H59-261020-0007" in reply
    chat = Chat(client, fake, "zalo", ZALO_USER)
    (card,) = chat.send(OPEN)
    assert card.startswith(f"Hồ sơ {OPEN}")


@pytest.mark.parametrize(
    ("body", "content_type", "status", "said"),
    [
        (b"<html><body>Not found</body></html>", "image/jpeg", 200, "không phải là ảnh chụp"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * (5 * 1024 * 1024), "image/jpeg", 200, "lớn hơn 5 MB"),
        (b"gone", "text/plain", 404, "chưa tải được ảnh"),
    ],
    ids=["html-called-jpeg", "over-5-MB", "expired-link"],
)
def test_what_cannot_be_fetched_or_opened_is_named(
    client: FlaskClient, fake: FakePlatforms, body: bytes, content_type: str, status: int, said: str
) -> None:
    (reply,) = send_zalo_photo(client, fake, serve(fake, body, content_type, status))
    assert said in reply and "Mã hồ sơ" in reply


def test_an_image_from_anywhere_else_is_never_fetched(client: FlaskClient, fake: FakePlatforms) -> None:
    for url in ("https://evil.test/receipt.jpg", "http://f21-zpc.zdn.test/jpg/1.jpg", "https://f21.zdn.test.evil.test/a"):
        fake.rsps.add(responses.GET, url, body=qr_photo(), content_type="image/jpeg")
        (reply,) = send_zalo_photo(client, fake, url)
        assert "chưa tải được ảnh" in reply and fetches(fake, url) == 0


def test_a_slow_photo_holds_up_no_other_user(client: FlaskClient, fake: FakePlatforms) -> None:
    other = "7140298374650192"

    def slow_image(request: PreparedRequest) -> tuple[int, dict[str, str], bytes]:
        deadline = time.monotonic() + 4
        while not fake.to(other) and time.monotonic() < deadline:  # the other user is answered meanwhile
            time.sleep(0.02)
        return 200, {"Content-Type": "image/jpeg"}, qr_photo()

    url = f"{FB_MEDIA}/v/slow_n.jpg"
    fake.rsps.add_callback(responses.GET, url, callback=slow_image)
    body = p.fb_body(fb_photo(url), p.fb_messaging_text("xin chào", other))  # one POST: the photo first
    raw, headers = p.fb_request(body)
    assert client.post("/webhooks/facebook", data=raw, headers=headers).status_code == 200
    order = [s.user_id for s in fake.sent]
    assert order.index(other) < order.index(FB_USER)
    assert fake.texts(FB_USER)[0].startswith(f"Hồ sơ {OPEN}")
