"""The web edge beside the webhooks: push API, reports API, simulator, officials' dashboard, CLI and templates."""
