"""Settings read once from the environment (SPEC §3)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"
DEFAULT_DATABASE_URL = f"sqlite:///{INSTANCE / 'motcua.sqlite3'}"


@dataclass(frozen=True)
class Settings:
    """Every knob of the app; built from the environment plus optional overrides."""

    database_url: str = DEFAULT_DATABASE_URL
    redis_url: str = ""
    secret_key: str = ""
    zalo_app_id: str = ""
    zalo_oa_secret_key: str = ""
    zalo_app_secret: str = ""
    zalo_access_token: str = ""
    zalo_refresh_token: str = ""
    zalo_api_base: str = "https://openapi.zalo.me"
    zalo_oauth_base: str = "https://oauth.zaloapp.com"
    # ZNS: a status notice after Zalo's 7-day window goes as this approved template to the dossier's phone.
    zalo_zns_template_id: str = ""
    zalo_zns_api_base: str = "https://business.openapi.zalo.me"
    fb_app_secret: str = ""
    fb_verify_token: str = ""
    fb_page_access_token: str = ""
    fb_graph_api_base: str = "https://graph.facebook.com"
    fb_graph_api_version: str = "v24.0"
    onestop_backend: str = "local"
    onestop_api_url: str = ""
    onestop_username: str = ""
    onestop_password: str = ""
    onestop_client_id: str = ""
    onestop_push_token: str = ""
    province_name: str = "Trà Vinh"
    # Where images that users send may be fetched from (comma-separated; `*.` before a host: any subdomain).
    media_url_prefixes: str = "https://*.zdn.vn/,https://*.zadn.vn/,https://*.fbcdn.net/,https://*.fbsbx.com/"
    # With REDIS_URL: where the webhook spools events before Redis has them (bot/delivery/spool.py); "off" for none.
    spool_dir: str = ""
    # Not in the environment contract: how jobs run without REDIS_URL ("thread" or "eager").
    job_mode: str = ""
    send_retry_wait: float = 0.5
    extra: Mapping[str, object] = field(default_factory=dict)

    @property
    def zalo_enabled(self) -> bool:
        """Zalo needs the app id and OA secret key to verify events."""
        return bool(self.zalo_app_id and self.zalo_oa_secret_key)

    @property
    def messenger_enabled(self) -> bool:
        """Messenger needs the app secret and the verify token."""
        return bool(self.fb_app_secret and self.fb_verify_token)

    @property
    def spool_folder(self) -> Path | None:
        """The webhook's spool folder: only with a real Redis, and unless SPOOL_DIR is "off"."""
        if not self.redis_url or self.spool_dir.strip().lower() == "off":
            return None
        return Path(self.spool_dir) if self.spool_dir else INSTANCE / "spool"

    def __repr__(self) -> str:
        return (
            f"Settings(database={self.database_url.split('@')[-1]!r}, redis={'set' if self.redis_url else 'embedded'})"
        )


def _stored_secret_key() -> str:
    """A secret key generated once and kept under instance/."""
    path = INSTANCE / "secret_key"
    if path.exists():
        return path.read_text().strip()
    INSTANCE.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key


def load_settings(overrides: Mapping[str, object] | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Settings from the environment; keys of `overrides` may be env names or field names."""
    env = os.environ if env is None else env
    values: dict[str, object] = {}
    known = {f.name: f for f in fields(Settings) if f.name != "extra"}
    for name in known:
        raw = env.get(name.upper())
        if raw:
            values[name] = raw
    extra: dict[str, object] = {}
    for key, value in (overrides or {}).items():
        name = key.lower()
        if name in known:
            values[name] = value
        else:
            extra[key] = value
    if "send_retry_wait" in values:
        values["send_retry_wait"] = float(str(values["send_retry_wait"]))
    if not values.get("secret_key"):
        values["secret_key"] = _stored_secret_key()
    return Settings(**values, extra=extra)  # type: ignore[arg-type]
