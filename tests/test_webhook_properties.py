"""Property-based, over the webhook: any correctly signed body built from the real-shaped fixtures, with fields
dropped, retyped or nested oddly, is answered 200 or 400, never 5xx; the well-formed events of the same POST
are queued all the same (SPEC §4.1)."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.delivery.inbox import INBOX_KEY
from bot.events import MAX_TEXT, EventKind, InboundEvent
from bot.runtime import Runtime
from bot.web.resources import resources
from tests.mutations import any_fixture_body, mutated, page_post_with_good_items
from tests.platform_events import ZALO_USER, HoldDrains, body_of, path_of, signed, waiting_events

PROPERTIES = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@pytest.fixture
def held(app: Flask) -> HoldDrains:
    """Drain jobs are kept, not run: what the webhook queued stays on the inbox list."""
    drains = HoldDrains()
    resources(app).inbox.dispatcher = drains
    return drains


def send(client: FlaskClient, rt: Runtime, platform: str, body: object) -> tuple[int, list[InboundEvent]]:
    """POST the signed body on a clean Redis; the answer's status and what was queued."""
    rt.redis.flushall()
    raw, headers = signed(platform, body)
    status = client.post(path_of(platform), data=raw, headers=headers).status_code
    queued = waiting_events(rt)
    rt.redis.delete(INBOX_KEY)
    return status, queued


@pytest.mark.parametrize("platform", ["zalo", "messenger"])
@PROPERTIES
@given(data=st.data())
def test_any_signed_odd_body_is_answered_200_or_400_never_5xx(
    client: FlaskClient, rt: Runtime, held: HoldDrains, platform: str, data: st.DataObject
) -> None:
    status, queued = send(client, rt, platform, data.draw(any_fixture_body(platform), label="body"))
    assert status in (200, 400)
    assert status == 200 or queued == []
    assert all(0 < len(e.user_id) <= 64 and len(e.text) <= MAX_TEXT for e in queued)


@PROPERTIES
@given(post=page_post_with_good_items())
def test_the_well_formed_messages_of_an_odd_messenger_post_are_all_queued(
    client: FlaskClient, rt: Runtime, held: HoldDrains, post: tuple[dict[str, Any], list[dict[str, Any]]]
) -> None:
    body, goods = post
    status, queued = send(client, rt, "messenger", body)
    assert status == 200
    texts = [(e.kind, e.user_id, e.message_id, e.text) for e in queued]
    for item in goods:
        assert texts.count((EventKind.TEXT, item["sender"]["id"], item["message"]["mid"], item["message"]["text"])) == 1


@pytest.mark.parametrize("name", ["zalo/user_send_text", "zalo/user_send_link", "zalo/user_send_text_quote"])
@PROPERTIES
@given(data=st.data())
def test_a_zalo_message_with_odd_fields_added_is_queued(
    client: FlaskClient, rt: Runtime, held: HoldDrains, name: str, data: st.DataObject
) -> None:
    body = data.draw(mutated(body_of(name), additions_only=True), label="body")
    status, queued = send(client, rt, "zalo", body)
    assert status == 200
    assert [(e.kind, e.user_id, e.text) for e in queued] == [(EventKind.TEXT, ZALO_USER, body["message"]["text"])]
