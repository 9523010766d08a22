"""The log's records: what each kind is, the rules a record obeys, and a change to the log."""
