"""Calibration in the window: fit the model to the values the user recorded, off the UI thread."""
