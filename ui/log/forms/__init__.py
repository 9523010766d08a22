"""The add and edit forms of the log pages: fields that check themselves, and one dialog."""
