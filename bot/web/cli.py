"""`flask --app webhooks ...` commands (SPEC §9)."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from bot.conversation.texts import messenger_profile_body
from bot.events import Platform
from bot.records.api_tokens import issue_token
from bot.records.demo import seed_demo
from bot.records.dossiers import VN
from bot.records.models import Agency, Official
from bot.records.officials import descendants
from bot.records.reports import settle_ratings
from bot.runtime import Runtime
from bot.web.dashboard.quarterly import BadQuarter, Quarter, quarterly_report
from bot.web.imports import import_dossier_rows, import_procedures
from bot.web.resources import resources
from integrations.base import SendError
from integrations.messenger import MessengerChannel
from integrations.zalo import ZaloChannel


def _rt() -> Runtime:
    return resources().runtime


def _read_csv(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise click.ClickException("the file is not UTF-8 text") from exc


def _report_import(created: int, updated: int, errors: list[str]) -> None:
    """Bad lines on stderr, the counts on stdout; exit 1 when a line was rejected."""
    for err in errors:
        click.echo(err, err=True)
    click.echo(f"{created} created, {updated} updated, {len(errors)} rejected.")
    if errors:
        raise SystemExit(1)


def register_cli(app: Flask) -> None:
    """Attach the commands to the app."""

    @app.cli.group("db")
    def db_group() -> None:
        """Database schema."""

    @db_group.command("upgrade")
    def db_upgrade() -> None:
        """Create or migrate the schema (Alembic)."""
        _rt().db.upgrade()
        click.echo("Schema is up to date.")

    @app.cli.command("seed-demo")
    def seed_demo_cmd() -> None:
        """Load the demo province data (idempotent)."""
        counts = seed_demo(_rt())
        click.echo("Demo data: " + ", ".join(f"{k} {v}" for k, v in counts.items()))

    @app.cli.group("users")
    def users_group() -> None:
        """Officials' accounts."""

    @users_group.command("create")
    @click.argument("username")
    @click.option("--password", required=True, help="At least 8 characters.")
    @click.option("--role", type=click.Choice(["admin", "official"]), required=True)
    @click.option("--agency", default=None, help="Agency code (required for officials).")
    def users_create(username: str, password: str, role: str, agency: str | None) -> None:
        """Create or reset an official's account."""
        if len(password) < 8:
            raise click.BadParameter("at least 8 characters", param_hint="--password")
        if role == "official" and not agency:
            raise click.BadParameter("an official needs --agency", param_hint="--agency")
        with _rt().db.session() as s:
            if agency and s.get(Agency, agency) is None:
                raise click.BadParameter(f"no agency with code {agency}", param_hint="--agency")
            user = s.scalar(select(Official).where(Official.username == username))
            if user is None:
                user = Official(username=username, password_hash="", role=role)
                s.add(user)
                action = "created"
            else:
                action = "updated"
            user.password_hash = generate_password_hash(password)
            user.role, user.agency_code = role, agency
        click.echo(f"User {username} {action} ({role}{', ' + agency if agency else ''}).")

    @users_group.command("token")
    @click.argument("username")
    @click.option("--label", default="", help="What the token is for (kept beside it).")
    def users_token(username: str, label: str) -> None:
        """A reports API token for a machine client of USERNAME (Authorization: Bearer …), printed once."""
        with _rt().db.session() as s:
            user = s.scalar(select(Official).where(Official.username == username))
            if user is None:
                raise click.BadParameter(f"no account {username}", param_hint="USERNAME")
            token = issue_token(s, user, label)
        click.echo(token)

    @app.cli.command("import-dossiers")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    def import_dossiers(file: Path) -> None:
        """Bulk upsert dossiers from CSV (same fields as the push API)."""
        _report_import(*import_dossier_rows(_rt(), resources().dispatcher, _read_csv(file)))

    @app.cli.command("import-procedures")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    def import_procedures_cmd(file: Path) -> None:
        """Upsert the procedure catalog from CSV (code,name,field,documents,fee,duration,where,url,keywords)."""
        text = _read_csv(file)
        with _rt().db.session() as session:
            _report_import(*import_procedures(session, text))

    @app.cli.group("zalo-token")
    def zalo_token_group() -> None:
        """Zalo OA token pair."""

    @zalo_token_group.command("refresh")
    def zalo_token_refresh() -> None:
        """Refresh the Zalo token pair now."""
        channel = _rt().channels.get(Platform.ZALO)
        if not isinstance(channel, ZaloChannel):
            raise click.ClickException("Zalo is not configured (ZALO_APP_ID, ZALO_OA_SECRET_KEY)")
        try:
            channel.tokens.refresh()
        except SendError as exc:
            raise click.ClickException(f"refresh failed: {exc.code}") from exc
        click.echo("Zalo token pair refreshed and stored.")

    @app.cli.group("report")
    def report_group() -> None:
        """Reports as documents."""

    @report_group.command("quarterly")
    @click.argument("quarter")
    @click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path))
    @click.option("--agency", default=None, help="Agency code: that agency and the units below it.")
    def report_quarterly(quarter: str, output: Path, agency: str | None) -> None:
        """The quarterly report (Word, Decree 30 layout) for QUARTER (YYYY-QN), as on the dashboard."""
        try:
            q = Quarter.parse(quarter)
        except BadQuarter:
            raise click.BadParameter("write the quarter as YYYY-QN, e.g. 2026-Q4", param_hint="QUARTER") from None
        rt = _rt()
        with rt.db.session() as s:
            settle_ratings(s, rt.now())
        with rt.db.session() as s:
            if agency and s.get(Agency, agency) is None:
                raise click.BadParameter(f"no agency with code {agency}", param_hint="--agency")
            scope = descendants(s, [agency]) if agency else None
            body = quarterly_report(
                s, quarter=q, scope=scope, top=agency, province=rt.settings.province_name,
                today=rt.now().astimezone(VN).date(),
            )
        output.write_bytes(body)
        click.echo(f"{q.label}: {output} ({len(body)} bytes).")

    @app.cli.command("messenger-profile")
    def messenger_profile() -> None:
        """Set Get Started, the greeting and the persistent menu."""
        rt = _rt()
        channel = rt.channels.get(Platform.MESSENGER)
        if not isinstance(channel, MessengerChannel):
            raise click.ClickException("Messenger is not configured (FB_APP_SECRET, FB_VERIFY_TOKEN)")
        try:
            channel.send_raw("/me/messenger_profile", messenger_profile_body(rt.settings.province_name))
        except SendError as exc:
            raise click.ClickException(f"Graph API refused the profile: {exc.code}") from exc
        click.echo("Messenger profile set.")
