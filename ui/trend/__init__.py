"""The Trend page: the estimate and the invite rate on one time axis."""
