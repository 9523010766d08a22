"""The Overview: where the freelancer stands, why, and what comes next."""
