"""The What if page: changes tried on a copy of the log, never written, and how far a goal is."""
