"""`make run`: serve the bot with the embedded defaults and say where to find the simulator."""

from __future__ import annotations

import os

from bot.records.demo import DEMO_OFFICIAL


def main() -> None:
    """Print the simulator URL and the demo login, then serve on 127.0.0.1:5000."""
    from webhooks import app

    host, port = "127.0.0.1", int(os.environ.get("PORT", "5000"))
    print(f"\n  Simulator:  http://{host}:{port}/simulator")
    user, password = DEMO_OFFICIAL
    print(f"  Dashboard:  http://{host}:{port}/dashboard/  (demo official: {user} / {password})\n", flush=True)
    app.run(host=host, port=port, threaded=True, use_reloader=False)


if __name__ == "__main__":
    main()
