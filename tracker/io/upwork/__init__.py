"""The marketplace's export files: transaction histories, weekly summaries, the work history."""
