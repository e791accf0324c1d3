"""What a rating keeps (SECURITY.md): no dossier code, only a keyed hash of it, which still allows one rating per
dossier; no phone number typed into a Không hài lòng reason, neither in the database nor on the dashboard."""

from __future__ import annotations

import hashlib
import hmac

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from bot.conversation import texts
from bot.runtime import Runtime
from tests.conftest import Chat
from tests.fakes import FakePlatforms
from tests.officials import create_user, login
from tests.one_applicant import (
    DONE,
    READY,
    dossiers,  # noqa: F401  (autouse fixture: the dossiers)
    every_message_fits_the_platforms,  # noqa: F401  (autouse fixture: the message check)
    ratings,
)


def stored_rows(rt: Runtime) -> list[str]:
    """Every rating row as the database holds it, each column as text."""
    with rt.db.engine.connect() as conn:
        return [" | ".join(str(v) for v in row) for row in conn.execute(text("SELECT * FROM ratings"))]


def test_a_rating_keeps_a_keyed_hash_of_the_dossier_not_its_code(
    chat: Chat, rt: Runtime, client: FlaskClient, fake: FakePlatforms
) -> None:
    chat.send(f"danh gia {DONE}")
    chat.send("5678")
    chat.send("hai long")
    (row,) = stored_rows(rt)
    assert DONE not in row and DONE.lower() not in row and "261102" not in row
    (rating,) = ratings(rt)
    expected = hmac.new(rt.settings.rating_key, DONE.encode(), hashlib.sha256).hexdigest()
    assert rating.dossier_key == expected
    assert hashlib.sha256(DONE.encode()).hexdigest() != expected  # keyed: the code alone does not give it
    # Still once per dossier: another user of the other platform is refused, and the card knows.
    other = Chat(client, fake, "messenger" if chat.platform == "zalo" else "zalo", "1234509876543210")
    assert other.send(f"danh gia {DONE}") == [texts.RATE_ALREADY.format(code=DONE)]
    other.send(DONE)
    assert "Đánh giá hồ sơ" not in other.last.button_titles


def test_a_phone_typed_into_a_reason_is_masked_before_it_is_stored_or_shown(
    app: Flask, chat: Chat, rt: Runtime, client: FlaskClient
) -> None:
    chat.send(f"danh gia {DONE}")
    chat.send("5678")
    chat.send("khong hai long")
    chat.send("Cán bộ hẹn gọi lại số 0987 654 321 nhưng không gọi, tôi gọi (0294) 3855 555 cũng không ai nghe")
    chat.send("ket thuc")
    chat.send(f"danh gia {READY}")
    chat.send("5678")
    chat.send("không hài lòng vì cán bộ bảo gọi +84 912.345.678 mà gọi mãi không được")
    reasons = [r.reason for r in ratings(rt)]
    assert reasons == [
        "Cán bộ hẹn gọi lại số [số điện thoại] nhưng không gọi, tôi gọi [số điện thoại] cũng không ai nghe",
        "không hài lòng vì cán bộ bảo gọi [số điện thoại] mà gọi mãi không được",
    ]
    assert not any(digits in " ".join(stored_rows(rt)) for digits in ("654 321", "3855", "345.678"))
    create_user(app, "quantri", "admin")
    assert login(client, "quantri").status_code == 302
    page = client.get("/dashboard/").get_data(as_text=True)
    assert "[số điện thoại]" in page and "654 321" not in page and "3855 555" not in page
