"""Files shipped with Repute: icons, the .desktop file, the sample profile, style sheets."""
