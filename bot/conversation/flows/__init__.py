"""One module per conversation flow; handlers are named as verbs."""
