"""The app's resources: built once in `create_app`, stored on the app, read by every web piece through `resources()`."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app

from bot.delivery.dispatchers import Dispatcher
from bot.delivery.inbox import Inbox
from bot.runtime import Runtime

_KEY = "motcua"


@dataclass(frozen=True)
class Resources:
    """The runtime (settings, database, Redis, channels), the job dispatcher and the inbox of one app."""

    runtime: Runtime
    dispatcher: Dispatcher
    inbox: Inbox


def install(app: Flask, res: Resources) -> None:
    """Attach the resources to the app."""
    app.extensions[_KEY] = res


def resources(app: Flask | None = None) -> Resources:
    """The resources of `app`, or of the app handling the current request or CLI command."""
    res: Resources = (app or current_app).extensions[_KEY]
    return res
