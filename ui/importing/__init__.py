"""Bringing history into the window and tables out of it: plan off the interface thread, show a
preview with the estimate before and after, write only when the user says Import."""
