"""The log pages of the window: one table per record type, its forms, and the contract panel."""
