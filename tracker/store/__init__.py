"""The log in SQLite: open, upgrade, read, write in one transaction, undo, back up."""
