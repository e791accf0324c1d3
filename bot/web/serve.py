"""`make run`: serve the bot with the embedded defaults and say where to find the simulator."""

from __future__ import annotations

import os

from bot.config import Settings
from bot.nlu import warm_up
from bot.records.demo import DEMO_OFFICIAL
from bot.web.resources import resources


def banner(settings: Settings, host: str, port: int) -> str:
    """Where the simulator and the dashboard are; the demo login only in development."""
    lines = [""]
    if settings.simulator_mode == "public":
        lines.append(f"  Simulator:  http://{host}:{port}/simulator")
    elif settings.simulator_mode == "officials":
        lines.append(f"  Simulator:  http://{host}:{port}/simulator  (officials logged in to the dashboard)")
    dashboard = f"  Dashboard:  http://{host}:{port}/dashboard/"
    if not settings.production:
        user, password = DEMO_OFFICIAL
        dashboard += f"  (demo official: {user} / {password})"
    lines += [dashboard, ""]
    return "\n".join(lines)


def main() -> None:
    """Print the addresses (and, in development, the demo login), then serve on 127.0.0.1:5000."""
    from webhooks import app  # exits with a message naming the setting when the app cannot start

    warm_up()  # messages are read in this process (no REDIS_URL): the first one does not wait for the model
    host, port = "127.0.0.1", int(os.environ.get("PORT", "5000"))
    print(banner(resources(app).runtime.settings, host, port), flush=True)
    app.run(host=host, port=port, threaded=True, use_reloader=False)


if __name__ == "__main__":
    main()
