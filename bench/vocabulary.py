"""Words the synthetic logs are made of, so that generated tables read like real ones."""

from __future__ import annotations

# fmt: off
CLIENT_WORDS = (
    "Acme", "Northwind", "Bluefin", "Cedar", "Harbor", "Lumen", "Orchid", "Pioneer", "Quarry",
    "Redwood", "Summit", "Tidal", "Vantage", "Willow", "Zephyr", "Atlas", "Beacon", "Copper",
    "Delta", "Ember", "Fjord", "Granite", "Helix", "Indigo", "Juniper", "Kestrel", "Lattice",
)
CLIENT_SUFFIXES = (
    "Labs", "Studio", "Ltd", "GmbH", "Media", "Health", "Foods", "Apps", "Partners", "Co",
    "Ventures", "Logistics", "Education", "Travel", "Finance",
)
COUNTRIES = ("US", "US", "US", "GB", "CA", "AU", "DE", "NL", "FR", "IE", "SE", "SG", "AE", "IN")
CATEGORIES = (
    "Design & Creative", "Web, Mobile & Software Dev", "Writing", "Sales & Marketing",
    "Admin Support", "Data Science & Analytics",
)
JOB_VERBS = (
    "Redesign", "Build", "Write", "Audit", "Migrate", "Illustrate", "Refresh", "Translate",
    "Optimise", "Animate", "Set up", "Maintain",
)
JOB_NOUNS = (
    "landing page", "brand kit", "mobile app", "newsletter", "product photos", "pitch deck",
    "Shopify store", "blog posts", "dashboard", "onboarding flow", "logo", "data pipeline",
    "help centre", "ad campaign", "icon set", "API",
)
COMMENTS_GOOD = (
    "Great work, fast and clear.",
    "A pleasure to work with; will hire again.",
    "Delivered exactly what we needed.",
    "Excellent communication throughout.",
    "",
)
COMMENTS_POOR = (
    "Missed the agreed deadline.",
    "Quality was below what we expected.",
    "Hard to reach during the project.",
    "",
)
# fmt: on
