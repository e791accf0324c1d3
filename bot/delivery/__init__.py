"""Delivery: the inbox (spool, dedup, queue), jobs and dispatchers, the outbox, and status-change notifications."""
