"""Settings read once from the environment (SPEC §3)."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"
DEFAULT_DATABASE_URL = f"sqlite:///{INSTANCE / 'motcua.sqlite3'}"
APP_ENVS = ("development", "production")
SIMULATOR_MODES = ("public", "officials", "off")


class ConfigError(Exception):
    """A setting that stops the app from starting; the message names the variable."""


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
    app_env: str = "development"
    # "public", "officials" (a logged-in official only) or "off"; empty: public in development, off in production.
    simulator: str = ""
    # Key of the keyed hash that stands for a dossier in ratings (bot/records/ratings.py); unset: derived from
    # SECRET_KEY. Changing it later makes dossiers rated before rateable again.
    rating_hash_key: str = ""
    # How many proxies in front of the app append to X-Forwarded-For (and -Proto): the client address that
    # per-address limits count is taken that many hops from the right. 0: the TCP peer itself.
    trusted_proxies: int = 0
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
    def production(self) -> bool:
        """APP_ENV=production: no demo data, no generated secret key, no public simulator by default."""
        return self.app_env == "production"

    @property
    def simulator_mode(self) -> str:
        """Who may use /simulator: SIMULATOR, else public in development and off in production."""
        return self.simulator or ("off" if self.production else "public")

    @property
    def rating_key(self) -> bytes:
        """The HMAC key of dossier keys in ratings: RATING_HASH_KEY, else one derived from SECRET_KEY."""
        if self.rating_hash_key:
            return self.rating_hash_key.encode()
        return hmac.new(self.secret_key.encode(), b"motcua rating dossier key", hashlib.sha256).digest()

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
    for name, allowed in (("app_env", APP_ENVS), ("simulator", SIMULATOR_MODES)):
        value = str(values.pop(name, "")).strip().lower()
        if value and value not in allowed:
            raise ConfigError(f"{name.upper()} must be one of {', '.join(allowed)} (got {value!r})")
        if value:
            values[name] = value
    if "trusted_proxies" in values:
        raw = str(values["trusted_proxies"]).strip()
        if not raw.isdigit():
            raise ConfigError(f"TRUSTED_PROXIES must be a whole number of proxies (0 or more), not {raw!r}")
        values["trusted_proxies"] = int(raw)
    if not values.get("secret_key"):
        if values.get("app_env") == "production":
            raise ConfigError(
                "SECRET_KEY is not set: with APP_ENV=production the app does not start without it "
                "(set it to a long random value, e.g. the output of: python3 -c 'import secrets; "
                "print(secrets.token_hex(32))')"
            )
        values["secret_key"] = _stored_secret_key()
    return Settings(**values, extra=extra)  # type: ignore[arg-type]
