"""Fakes of the Zalo OA and Graph APIs that record what the bot sent (on `responses`)."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlparse

import responses
from requests import PreparedRequest

ZALO_API = "https://openapi.zalo.test"
ZALO_OAUTH = "https://oauth.zalo.test"
ZNS_API = "https://business.openapi.zalo.test"
GRAPH = "https://graph.facebook.test"
GRAPH_VERSION = "v24.0"


@dataclass
class Sent:
    """One outbound call the bot made."""

    platform: str
    user_id: str
    message: dict[str, Any]
    headers: dict[str, str]
    messaging_type: str = ""
    tag: str = ""

    @property
    def text(self) -> str:
        """The text of the message (template text for button templates)."""
        if "text" in self.message:
            return str(self.message["text"])
        payload = self.message.get("attachment", {}).get("payload", {})
        return str(payload.get("text", ""))

    @property
    def template_buttons(self) -> list[dict[str, Any]]:
        """Buttons of a button template (they stay pressable), or of a Zalo message."""
        buttons = self.message.get("attachment", {}).get("payload", {}).get("buttons", [])
        return list(buttons)

    @property
    def quick_replies(self) -> list[dict[str, Any]]:
        """Messenger quick replies (gone once a later message arrives)."""
        return list(self.message.get("quick_replies", []))

    @property
    def button_titles(self) -> list[str]:
        """Titles of the buttons, then of the quick replies, the message offers."""
        return [b["title"] for b in self.template_buttons] + [q["title"] for q in self.quick_replies]

    @property
    def button_payloads(self) -> list[str]:
        """Payloads of the buttons (None for a URL), then of the quick replies."""
        return [b.get("payload") for b in self.template_buttons] + [q["payload"] for q in self.quick_replies]


@dataclass
class FakePlatforms:
    """Zalo OA API, Zalo OAuth and the Graph Send API, in memory."""

    rsps: responses.RequestsMock
    sent: list[Sent] = field(default_factory=list)
    zalo_access: str = "zalo-access-0"
    zalo_refresh: str = "zalo-refresh-0"
    refreshes: int = 0
    zalo_errors: list[int] = field(default_factory=list)  # next answers' error codes, consumed in order
    graph_errors: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    graph_calls: list[dict[str, Any]] = field(default_factory=list)
    inbox_threads: set[str] = field(default_factory=set)  # Messenger users whose thread the Page Inbox holds
    zns: list[dict[str, Any]] = field(default_factory=list)  # ZNS template messages sent (phone, template, data)
    zns_errors: list[int] = field(default_factory=list)  # next ZNS answers' error codes, consumed in order
    lock: threading.Lock = field(default_factory=threading.Lock)

    def install(self) -> None:
        """Register the callbacks."""
        self.rsps.add_callback(responses.POST, f"{ZALO_API}/v3.0/oa/message/cs", callback=self._zalo_send)
        self.rsps.add_callback(responses.POST, f"{ZALO_OAUTH}/v4/oa/access_token", callback=self._zalo_refresh)
        self.rsps.add_callback(responses.POST, f"{ZNS_API}/message/template", callback=self._zns_send)
        self.rsps.add_callback(responses.POST, f"{GRAPH}/{GRAPH_VERSION}/me/messages", callback=self._graph_send)
        self.rsps.add_callback(
            responses.POST, f"{GRAPH}/{GRAPH_VERSION}/me/messenger_profile", callback=self._graph_other
        )
        for path in ("pass_thread_control", "take_thread_control"):
            self.rsps.add_callback(responses.POST, f"{GRAPH}/{GRAPH_VERSION}/me/{path}", callback=self._graph_other)

    def _zalo_send(self, req: PreparedRequest) -> tuple[int, dict[str, str], str]:
        body = json.loads(req.body or b"{}")
        with self.lock:
            if self.zalo_errors:
                code = self.zalo_errors.pop(0)
                if code >= 500:
                    return code, {}, "upstream error"
                return 200, {}, json.dumps({"error": code, "message": "error"})
            if req.headers.get("access_token") != self.zalo_access:
                return 200, {}, json.dumps({"error": -216, "message": "Access token is invalid"})
            self.sent.append(Sent("zalo", body["recipient"]["user_id"], body["message"], dict(req.headers)))
        return 200, {}, json.dumps({"error": 0, "message": "Success", "data": {"message_id": "m1", "user_id": "u"}})

    def _zns_send(self, req: PreparedRequest) -> tuple[int, dict[str, str], str]:
        body = json.loads(req.body or b"{}")
        with self.lock:
            if self.zns_errors:
                code = self.zns_errors.pop(0)
                if code >= 500:
                    return code, {}, "upstream error"
                return 200, {}, json.dumps({"error": code, "message": f"error for phone {body.get('phone')}"})
            if req.headers.get("access_token") != self.zalo_access:
                return 200, {}, json.dumps({"error": -124, "message": "Access token is invalid"})
            self.zns.append(body)
        data = {"msg_id": f"zns{len(self.zns)}", "sent_time": "1764213600000", "quota": {"remainingQuota": "499"}}
        return 200, {}, json.dumps({"error": 0, "message": "Success", "data": data})

    def _zalo_refresh(self, req: PreparedRequest) -> tuple[int, dict[str, str], str]:
        form = {k: v[0] for k, v in parse_qs(str(req.body or "")).items()}
        with self.lock:
            if form.get("refresh_token") != self.zalo_refresh or form.get("grant_type") != "refresh_token":
                return 200, {}, json.dumps({"error": -14014, "error_name": "Invalid refresh token"})
            self.refreshes += 1
            self.zalo_access = f"zalo-access-{self.refreshes}"
            self.zalo_refresh = f"zalo-refresh-{self.refreshes}"
            return (
                200,
                {},
                json.dumps(
                    {"access_token": self.zalo_access, "refresh_token": self.zalo_refresh, "expires_in": "90000"}
                ),
            )

    def _graph_send(self, req: PreparedRequest) -> tuple[int, dict[str, str], str]:
        body = json.loads(req.body or b"{}")
        token = parse_qs(urlparse(req.url or "").query).get("access_token", [""])[0]
        with self.lock:
            if self.graph_errors:
                status, error = self.graph_errors.pop(0)
                return status, {}, json.dumps({"error": error})
            if token != "fb-page-token":
                return 400, {}, json.dumps({"error": {"code": 190, "message": "Invalid OAuth access token"}})
            if body["recipient"]["id"] in self.inbox_threads:  # only the thread's owner may send
                return 400, {}, json.dumps({"error": {"code": 10, "message": "(#10) The app is not the thread owner"}})
            self.sent.append(
                Sent(
                    "messenger",
                    body["recipient"]["id"],
                    body["message"],
                    dict(req.headers),
                    body.get("messaging_type", ""),
                    body.get("tag", ""),
                )
            )
        return 200, {}, json.dumps({"recipient_id": body["recipient"]["id"], "message_id": "m_x"})

    def _graph_other(self, req: PreparedRequest) -> tuple[int, dict[str, str], str]:
        body = json.loads(req.body or b"{}")
        path = urlparse(req.url or "").path
        with self.lock:
            self.graph_calls.append({"url": req.url, "body": body})
            if path.endswith("/pass_thread_control"):
                self.inbox_threads.add(body["recipient"]["id"])
            elif path.endswith("/take_thread_control"):
                self.inbox_threads.discard(body["recipient"]["id"])
        return 200, {}, json.dumps({"success": True})

    def to(self, user_id: str) -> list[Sent]:
        """Messages sent to one user."""
        return [s for s in self.sent if s.user_id == user_id]

    def texts(self, user_id: str | None = None) -> list[str]:
        """Texts sent (to one user, or all)."""
        return [s.text for s in self.sent if user_id is None or s.user_id == user_id]
