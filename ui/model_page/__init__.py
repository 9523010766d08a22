"""The model made visible: assumptions and the settings of the estimate."""
