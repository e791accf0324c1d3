"""The conversation: engine (lock, load, dispatch, save, send), router and routing table, dialog state, texts,
cards and notices, and one module per flow under flows/."""
