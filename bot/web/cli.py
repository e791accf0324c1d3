"""`flask --app webhooks ...` commands (SPEC §9)."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

import click
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.conversation.texts import messenger_profile_body
from bot.events import Platform
from bot.records import officials
from bot.records.api_tokens import issue_token
from bot.records.demo import seed_demo
from bot.records.dossiers import VN
from bot.records.models import Agency, Official
from bot.records.reports import settle_ratings
from bot.runtime import Runtime
from bot.web.dashboard.quarterly import BadQuarter, Quarter, quarterly_report
from bot.web.imports import import_agencies, import_dossiers, import_procedures
from bot.web.resources import resources
from integrations.base import SendError
from integrations.messenger import MessengerChannel
from integrations.zalo import ZaloChannel

MIN_PASSWORD = 8


def _rt() -> Runtime:
    return resources().runtime


def _lines(file: Path) -> Iterator[str]:
    """The file's lines, decoded one by one (a byte that is not UTF-8 is reported with its line number)."""
    with file.open("rb") as f:
        for raw in f:
            yield raw.decode("utf-8")


def _count_lines(file: Path) -> int:
    """Lines in the file, counted without decoding (the progress bar's length)."""
    count, last = 0, b"\n"
    with file.open("rb") as f:
        while chunk := f.read(1 << 20):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (last != b"\n")


def _not_utf8() -> click.ClickException:
    return click.ClickException("the file is not UTF-8 text (save it from the spreadsheet as CSV UTF-8)")


def _report_import(created: int, updated: int, errors: list[str]) -> None:
    """Bad lines on stderr, the counts on stdout; exit 1 when a line was rejected."""
    for err in errors:
        click.echo(err, err=True)
    _summary(created, updated, len(errors))


def _import_file(file: Path, importer: Callable[[Session, Iterable[str]], tuple[int, int, list[str]]]) -> None:
    """Upsert a catalog CSV in one transaction and report it (a file that is not UTF-8 is refused whole)."""
    try:
        with _rt().db.session() as session:
            result = importer(session, _lines(file))
    except UnicodeDecodeError as exc:
        raise _not_utf8() from exc
    _report_import(*result)


def _summary(created: int, updated: int, rejected: int) -> None:
    click.echo(f"{created} created, {updated} updated, {rejected} rejected.")
    if rejected:
        raise SystemExit(1)


class _ErrorLines:
    """The rejected lines of a long import: on stderr as they come, or kept in `held` while a progress bar is
    drawn (a temporary file past 1 MiB, so memory stays bounded) and printed after it."""

    def __init__(self, held: IO[str] | None) -> None:
        self.held = held

    def __call__(self, message: str) -> None:
        if self.held is None:
            click.echo(message, err=True)
        else:
            self.held.write(message + "\n")

    def release(self) -> None:
        """Print what was held."""
        if self.held is None:
            return
        self.held.seek(0)
        for line in self.held:
            click.echo(line.rstrip("\n"), err=True)


def _password(value: str) -> str:
    if len(value) < MIN_PASSWORD:
        raise click.BadParameter(f"at least {MIN_PASSWORD} characters", param_hint="--password")
    return value


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
        """Load the demo province data (idempotent; refused with APP_ENV=production)."""
        if _rt().settings.production:
            raise click.ClickException(
                "seed-demo is refused with APP_ENV=production: it adds invented dossiers and demo accounts "
                "whose passwords are published. Load the province's own data with import-agencies, "
                "import-procedures and import-dossiers, and create accounts with users create."
            )
        counts = seed_demo(_rt())
        click.echo("Demo data: " + ", ".join(f"{k} {v}" for k, v in counts.items()))

    @app.cli.group("users")
    def users_group() -> None:
        """Officials' accounts."""

    @users_group.command("create")
    @click.argument("username")
    @click.option("--password", default=None, help="At least 8 characters; asked twice, hidden, when omitted.")
    @click.option("--role", type=click.Choice(["admin", "official"]), required=True)
    @click.option("--agency", default=None, help="Agency code (required for officials).")
    def users_create(username: str, password: str | None, role: str, agency: str | None) -> None:
        """Create an official's account, or reset an existing one (enabling it again)."""
        if password is not None:
            _password(password)
        if role == "official" and not agency:
            raise click.BadParameter("an official needs --agency", param_hint="--agency")
        with _rt().db.session() as s:
            if agency and s.get(Agency, agency) is None:
                raise click.BadParameter(f"no agency with code {agency}", param_hint="--agency")
        if password is None:
            password = click.prompt(
                f"Password for {username}", hide_input=True, confirmation_prompt=True, value_proc=_password
            )
        with _rt().db.session() as s:
            created = officials.save_account(s, username, str(password), role, agency)
        action = "created" if created else "updated"
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

    @users_group.command("list")
    def users_list() -> None:
        """Every account: username, role, agency, whether it may log in."""
        with _rt().db.session() as s:
            rows = [
                (o.username, o.role, f"{o.agency_code} {name}".strip() if o.agency_code else "-",
                 "disabled" if o.disabled else "active")
                for o, name in officials.accounts(s)
            ]
        if not rows:
            click.echo("No accounts yet: create one with `users create USERNAME --role admin`.")
            return
        table = [("USERNAME", "ROLE", "AGENCY", "STATUS"), *rows]
        widths = [max(len(r[i]) for r in table) for i in range(3)]
        for r in table:
            click.echo("  ".join(cell.ljust(w) for cell, w in zip(r[:3], widths, strict=True)) + "  " + r[3])

    @users_group.command("disable")
    @click.argument("username")
    def users_disable(username: str) -> None:
        """Disable an account: it can no longer log in (dashboard and HTTP Basic) and its sessions end."""
        with _rt().db.session() as s:
            if officials.disable(s, username) is None:
                raise click.ClickException(f"no account named {username} (see `users list`)")
        click.echo(f"User {username} disabled. `users create {username} ...` with a new password enables it again.")

    @app.cli.command("import-agencies")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    def import_agencies_cmd(file: Path) -> None:
        """Upsert agencies from CSV (code,name,parent_code and optionally address,phone,hours)."""
        _import_file(file, import_agencies)

    @app.cli.command("import-dossiers")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    def import_dossiers_cmd(file: Path) -> None:
        """Bulk upsert dossiers from CSV (same fields as the push API); a progress bar on a terminal."""
        bar_wanted = sys.stdout.isatty()
        with tempfile.SpooledTemporaryFile(max_size=1 << 20, mode="w+", encoding="utf-8") as held:
            errors = _ErrorLines(held if bar_wanted else None)
            try:
                if bar_wanted:
                    with click.progressbar(length=_count_lines(file), label="Importing dossiers") as bar:
                        result = import_dossiers(_rt(), resources().dispatcher, _lines(file), errors, bar.update)
                else:
                    result = import_dossiers(_rt(), resources().dispatcher, _lines(file), errors)
            except UnicodeDecodeError as exc:
                raise _not_utf8() from exc
            finally:
                errors.release()
        if result.notified:
            click.echo(f"{result.notified} followed dossiers changed status: their subscribers are being notified.")
        _summary(result.created, result.updated, result.rejected)

    @app.cli.command("import-procedures")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    def import_procedures_cmd(file: Path) -> None:
        """Upsert the procedure catalog from CSV (code,name,field,documents,fee,duration,where,url,keywords)."""
        _import_file(file, import_procedures)

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
            scope = officials.descendants(s, [agency]) if agency else None
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
