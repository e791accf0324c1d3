"""Property-based: the Zalo and Messenger parsers read any body built from the real-shaped fixtures, with fields
dropped, retyped or nested oddly, without crashing: events that keep their shape, or BadPayload (a 400); and
the well-formed messages of a Messenger POST are read whatever the items around them hold."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.events import MAX_TEXT, EventKind, InboundEvent, Platform
from bot.runtime import Runtime
from integrations.base import BadPayload, BadSignature, Channel, WebhookRequest
from tests.mutations import any_fixture_body, mutated, page_post_with_good_items
from tests.platform_events import body_of, signed

PROPERTIES = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def request(platform: str, body: object) -> WebhookRequest:
    raw, headers = signed(platform, body)
    return WebhookRequest(method="POST", body=raw, headers=headers, args={})


def read(channel: Channel, req: WebhookRequest) -> list[InboundEvent] | None:
    """verify then parse, as the webhook does; None where the webhook answers 400."""
    try:
        channel.verify(req)
        return channel.parse(req)
    except BadPayload:
        return None


def assert_well_formed(event: InboundEvent, platform: Platform) -> None:
    """What the queue, the dedup keys and the bot rely on."""
    assert event.platform == platform and isinstance(event.kind, EventKind)
    assert isinstance(event.user_id, str) and 0 < len(event.user_id) <= 64
    assert isinstance(event.message_id, str) and event.message_id
    assert len(event.text) <= MAX_TEXT and len(event.payload) <= MAX_TEXT
    assert 0 <= event.timestamp_ms < 2**53
    assert InboundEvent.from_dict(json.loads(json.dumps(event.to_dict()))) == event


@pytest.mark.parametrize("platform", ["zalo", "messenger"])
@PROPERTIES
@given(data=st.data())
def test_any_odd_body_is_read_or_refused_as_a_bad_payload(rt: Runtime, platform: str, data: st.DataObject) -> None:
    body = data.draw(any_fixture_body(platform), label="body")
    try:
        events = read(rt.channels[Platform(platform)], request(platform, body))
    except BadSignature:
        pytest.fail("a correctly signed body was refused as unsigned")
    for event in events or []:
        assert_well_formed(event, Platform(platform))
    if platform == "zalo":
        assert events is None or len(events) <= 1


@PROPERTIES
@given(post=page_post_with_good_items())
def test_the_well_formed_messages_of_a_messenger_post_are_read_whatever_surrounds_them(
    rt: Runtime, post: tuple[dict[str, Any], list[dict[str, Any]]]
) -> None:
    body, goods = post
    events = rt.channels[Platform.MESSENGER].parse(request("messenger", body))
    for event in events:
        assert_well_formed(event, Platform.MESSENGER)
    by_id = {e.message_id: e for e in events}
    for item in goods:
        assert [e.message_id for e in events].count(item["message"]["mid"]) == 1
        event = by_id[item["message"]["mid"]]
        sent = (EventKind.TEXT, item["sender"]["id"], item["message"]["text"])
        assert (event.kind, event.user_id, event.text) == sent


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("zalo/user_send_text", EventKind.TEXT),
        ("zalo/user_send_link", EventKind.TEXT),
        ("zalo/user_send_image", EventKind.ATTACHMENT),
        ("zalo/user_submit_info", EventKind.INFO_SUBMITTED),
        ("zalo/follow", EventKind.FOLLOW),
    ],
)
@PROPERTIES
@given(data=st.data())
def test_a_zalo_event_with_odd_fields_added_anywhere_is_still_read(
    rt: Runtime, name: str, kind: EventKind, data: st.DataObject
) -> None:
    body = data.draw(mutated(body_of(name), additions_only=True), label="body")
    (event,) = rt.channels[Platform.ZALO].parse(request("zalo", body))
    assert event.kind == kind and event.user_id == "2512523625412515"
    assert_well_formed(event, Platform.ZALO)
