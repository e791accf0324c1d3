"""Records: the database models and sessions, and the domain operations on them (no Vietnamese sentences)."""
