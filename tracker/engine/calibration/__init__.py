"""Calibration: the model's free parameters fitted to the official values the user recorded."""
