"""The Help menu: how the estimate works (the model page, offline), where the data is, About."""
