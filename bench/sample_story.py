"""The facts of the sample profile's story, as data: who hired Sam, for what, and what they said.

bench/make_sample_profile.py turns them into a repute/1 file (payments of the hourly contracts and
the invites and proposals are drawn from a seeded generator around these facts).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Given:
    """One feedback as the client gave it (private: Sam's guess unless `guess` is False)."""

    day: str
    stars: float | None
    private: int | None = None
    guess: bool = True
    kind: str = "final"
    comment: str = ""


@dataclass(frozen=True)
class Job:
    """One contract of the story, with how it was paid and what feedback it got."""

    id: str
    client: str
    title: str
    kind: str
    started: str
    ended: str | None
    feedback: tuple[Given, ...] = ()
    paid: tuple[tuple[str, float], ...] = ()
    # Regular payments: (first, last, every n days, low $, high $).
    every: tuple[str, str, int, int, int] | None = None
    typed: tuple[float, str] | None = None  # earned, last_paid: a total typed in, no payments
    closed_by: str | None = "client"
    end_reason: str | None = "completed"
    refunded: float = 0
    notes: str = ""
    invited: bool = False


def five(day: str, comment: str = "", private: int | None = None) -> tuple[Given, ...]:
    """The usual ending: five stars, a kind word."""
    return (Given(day, 5.0, private, comment=comment),)


CLIENTS = (
    ("harbor", "Harbor Coffee Roasters", "US", False),
    ("lumen", "Lumen Health", "US", False),
    ("cedar", "Cedar & Pine Books", "CA", False),
    ("northwind", "Northwind Studio", "GB", False),
    ("pioneer", "Pioneer Bikes", "DE", False),
    ("orchid", "Orchid Yoga", "AU", False),
    ("tidal", "Tidal Events", "IE", False),
    ("quarry", "Quarry Games", "US", False),
    ("willow", "Willow Kids Press", "NL", False),
    ("zephyr", "Zephyr Air", "AE", True),
    ("beacon", "Beacon Literacy Trust", "US", False),
    ("atlas", "Atlas Travel", "FR", False),
    ("copper", "Copper Kettle Bakery", "US", False),
    ("helix", "Helix Bio", "SG", False),
    ("ember", "Ember Fitness", "US", False),
    ("granite", "Granite Legal", "US", False),
    ("fjord", "Fjord Outdoor", "SE", False),
    ("indigo", "Indigo Weddings", "GB", False),
    ("kestrel", "Kestrel AI", "US", False),
    ("vantage", "Vantage Capital", "US", False),
    ("juniper", "Juniper Farm Co", "US", False),
    ("redwood", "Redwood Realty", "US", False),
    ("lattice", "Lattice SaaS", "CA", False),
    ("summit", "Summit Online School", "US", False),
    ("brightpath", "Brightpath Tutoring", "US", False),
)

# fmt: off
JOBS = (
    Job("k-01", "harbor", "Coffee bag label", "fixed", "2023-12-04", "2023-12-15",
        five("2023-12-16", "Sam nailed the vintage look on the first try."),
        paid=(("2023-12-15", 180.0),)),
    Job("k-02", "lumen", "Clinic flyer set", "fixed", "2023-12-11", "2023-12-21",
        five("2023-12-22", "Clear, calm and on time."), paid=(("2023-12-21", 240.0),),
        invited=True),
    Job("k-03", "cedar", "Cover: The Quiet Harbour", "fixed", "2024-01-08", "2024-01-29",
        (Given("2024-01-30", 5.0, 10, guess=False, comment="Our author loves it."),),
        paid=(("2024-01-29", 450.0),)),
    Job("k-04", "northwind", "Brand and web design retainer", "hourly", "2024-06-03",
        "2025-07-11",
        (Given("2024-09-03", 5.0, kind="interim", comment="Three months in: a real asset."),
         Given("2025-07-14", 3.8, comment="Strong at first; the last quarter felt rushed.")),
        every=("2024-06-14", "2025-07-11", 14, 560, 880), invited=True,
        notes="Biggest client; the final feedback came in at 3.8 stars."),
    Job("k-05", "pioneer", "Spring catalogue layout", "hourly", "2024-03-04", "2024-06-28",
        five("2024-07-01", "Catalogue went to print on schedule."), typed=(2400.0, "2024-06-28"),
        notes="Payments not itemised; total typed in from the contract page.", invited=True),
    Job("k-06", "orchid", "Class schedule posters", "fixed", "2024-03-18", "2024-03-29",
        five("2024-03-30"), paid=(("2024-03-29", 150.0),)),
    Job("k-07", "harbor", "Cafe menu boards", "fixed", "2024-04-08", "2024-04-26",
        (Given("2024-04-27", 4.9, comment="Great again."),), paid=(("2024-04-26", 320.0),)),
    Job("k-08", "tidal", "Festival poster series", "fixed", "2024-04-22", "2024-05-24",
        (Given("2024-05-25", 4.4, comment="Good posters, a few rounds of fixes."),),
        paid=(("2024-05-06", 490.0), ("2024-05-24", 490.0))),
    Job("k-09", "quarry", "Game store capsule art", "fixed", "2024-05-13", "2024-06-14",
        (Given("2024-06-15", 4.6, comment="Nice art; the scope grew on our side."),),
        paid=(("2024-06-14", 600.0),), end_reason="scope", refunded=100.0,
        notes="Refunded $100 for a dropped variant."),
    Job("k-10", "cedar", "Cover: Salt Roads", "fixed", "2024-06-03", "2024-06-21",
        five("2024-06-22"), paid=(("2024-06-21", 500.0),), invited=True),
    Job("k-11", "willow", "Picture-book spot illustrations", "fixed", "2024-06-24", "2024-08-09",
        five("2024-08-10", "Charming and consistent."),
        paid=(("2024-07-12", 700.0), ("2024-08-09", 700.0))),
    Job("k-12", "zephyr", "Product one-pager", "fixed", "2024-07-15", "2024-07-22",
        five("2024-07-23"), paid=(("2024-07-22", 150.0),),
        notes="Client later suspended by Upwork: the contract no longer counts."),
    Job("k-13", "beacon", "Annual report layout", "fixed", "2024-08-05", "2024-09-13",
        five("2024-09-14", "Beautiful report, thank you!"),
        paid=(("2024-08-23", 575.0), ("2024-09-13", 575.0)), invited=True),
    Job("k-14", "atlas", "Travel guide icons", "fixed", "2024-08-26", "2024-09-06",
        (), paid=(("2024-09-06", 280.0),), notes="Client never left feedback."),
    Job("k-15", "copper", "Bakery logo refresh", "fixed", "2024-09-16", "2024-10-04",
        five("2024-10-05", private=9), paid=(("2024-10-04", 420.0),)),
    Job("k-16", "helix", "Lab illustrations", "hourly", "2024-10-07", "2025-04-25", (),
        every=("2024-10-11", "2025-04-25", 7, 240, 360), closed_by="freelancer",
        notes="Long-term; the client never left feedback.", invited=True),
    Job("k-17", "lumen", "Patient app screens", "fixed", "2024-10-21", "2024-11-29",
        five("2024-11-30", "Our developers could build straight from the files."),
        paid=(("2024-11-08", 800.0), ("2024-11-29", 800.0)), invited=True),
    Job("k-18", "orchid", "Retreat brochure", "fixed", "2024-11-11", "2024-11-29",
        five("2024-11-30"), paid=(("2024-11-29", 380.0),), invited=True),
    Job("k-19", "harbor", "Holiday packaging", "fixed", "2024-11-18", "2024-12-13",
        five("2024-12-14", "Third project, third success."), paid=(("2024-12-13", 650.0),),
        invited=True),
    Job("k-20", "ember", "Gym app onboarding", "fixed", "2025-01-13", "2025-02-21",
        (Given("2025-02-22", 4.8, 9, comment="Smart flows, quick turnaround."),),
        paid=(("2025-01-31", 600.0), ("2025-02-21", 600.0))),
    Job("k-21", "granite", "Law firm website mockups", "fixed", "2025-02-03", "2025-03-14",
        (Given("2025-03-17", 5.0, 6, comment="Thanks."),), paid=(("2025-03-14", 950.0),),
        notes="Five stars, yet the score fell the next day: private feedback guessed at 6."),
    Job("k-22", "fjord", "Outdoor gear lookbook", "fixed", "2025-03-10", "2025-04-11",
        five("2025-04-12"), paid=(("2025-04-11", 850.0),), invited=True),
    Job("k-23", "indigo", "Wedding stationery suite", "fixed", "2025-04-07", "2025-05-02",
        five("2025-05-03", "Elegant work, lovely to deal with."), paid=(("2025-05-02", 560.0),)),
    Job("k-24", "kestrel", "Product redesign for the v2 launch", "hourly", "2025-05-05",
        "2025-07-25",
        (Given("2025-07-28", 2.3, 3, comment="Missed the launch date we agreed."),),
        every=("2025-05-16", "2025-07-18", 7, 420, 640), end_reason="deadline",
        notes="Cancelled by the client: the launch deadline was missed."),
    Job("k-25", "copper", "Seasonal menu", "fixed", "2025-05-19", "2025-05-30",
        five("2025-05-31"), paid=(("2025-05-30", 260.0),)),
    Job("k-26", "vantage", "Investor deck polish", "fixed", "2025-06-02", "2025-06-20",
        five("2025-06-21"), paid=(("2025-06-20", 700.0),)),
    Job("k-27", "juniper", "Farm shop labels", "fixed", "2025-08-04", "2025-08-22",
        five("2025-08-23", "Exactly our style."), paid=(("2025-08-22", 340.0),)),
    Job("k-28", "beacon", "Donor campaign graphics", "fixed", "2025-09-01", "2025-09-19",
        five("2025-09-20", "Came back to Sam and glad we did."), paid=(("2025-09-19", 520.0),),
        invited=True),
    Job("k-29", "redwood", "Listing brochure templates", "fixed", "2025-09-22", "2025-10-10",
        five("2025-10-11"), paid=(("2025-10-10", 450.0),)),
    Job("k-30", "northwind", "Landing page refresh", "fixed", "2025-10-13", "2025-10-31",
        five("2025-11-01", "Good to work together again."), paid=(("2025-10-31", 800.0),),
        invited=True),
    Job("k-31", "tidal", "Ticketing app icons", "fixed", "2025-11-03", "2025-11-14",
        five("2025-11-15"), paid=(("2025-11-14", 300.0),), invited=True),
    Job("k-32", "atlas", "City guide maps", "fixed", "2025-11-24", "2025-12-19",
        five("2025-12-20", "Gorgeous maps."), paid=(("2025-12-05", 450.0), ("2025-12-19", 450.0)),
        invited=True),
    Job("k-33", "quarry", "Steam page art", "fixed", "2026-01-12", "2026-02-06",
        five("2026-02-07"), paid=(("2026-02-06", 750.0),), invited=True),
    Job("k-34", "willow", "Storybook cover", "fixed", "2026-02-16", "2026-03-06",
        (Given("2026-03-07", 4.9, comment="Lovely as always."),), paid=(("2026-03-06", 600.0),),
        invited=True),
    Job("k-35", "lumen", "Accessibility audit visuals", "fixed", "2026-03-23", "2026-04-17",
        five("2026-04-18", private=10), paid=(("2026-04-03", 550.0), ("2026-04-17", 550.0)),
        invited=True),
    Job("k-36", "ember", "Class pass redesign", "hourly", "2026-04-06", "2026-09-25",
        five("2026-09-28", "Half a year of steady, excellent work."),
        every=("2026-04-17", "2026-09-25", 14, 260, 420), invited=True),
    Job("k-37", "cedar", "Cover: Winter Orchard", "fixed", "2026-05-11", "2026-05-29",
        five("2026-05-30", "Took a few rounds, worth it."),
        paid=(("2026-05-29", 520.0),), invited=True),
    Job("k-38", "vantage", "Quarterly report design", "fixed", "2026-07-06", "2026-07-24",
        (Given("2026-07-25", 5.0, 8, comment="Good job."),), paid=(("2026-07-24", 680.0),),
        notes="Short comment; private feedback guessed at 8."),
    Job("k-39", "lattice", "Design system upkeep", "hourly", "2026-08-17", None, (),
        every=("2026-08-30", "2026-10-11", 14, 380, 520), closed_by=None, end_reason=None,
        notes="No hours billed since 11 Oct: ask the client to close or resume.", invited=True),
    Job("k-40", "indigo", "Save-the-date cards", "fixed", "2026-09-14", "2026-10-02",
        five("2026-10-03"), paid=(("2026-10-02", 380.0),), invited=True),
    Job("k-41", "brightpath", "Tutor profile banners", "fixed", "2026-10-26", "2026-11-12",
        (), paid=(("2026-11-12", 240.0),), notes="Waiting for feedback."),
    Job("k-42", "summit", "Course thumbnails", "fixed", "2026-11-09", None, (), paid=(),
        closed_by=None, end_reason=None, invited=True),
)
# fmt: on

# Invitations a week, from each date on: slow start, the badge, the drop, the way back.
INVITE_RATES = (
    ("2023-12-01", 0.8),
    ("2024-04-01", 1.6),
    ("2024-07-01", 2.6),
    ("2025-07-28", 0.4),
    ("2025-12-01", 1.3),
    ("2026-03-01", 2.2),
)
# Proposals a week: many while new, few while invites flow, many again in the dip.
PROPOSAL_RATES = (
    ("2023-12-01", 2.0),
    ("2024-04-01", 1.1),
    ("2024-07-01", 0.5),
    ("2025-07-28", 2.4),
    ("2025-12-01", 1.4),
    ("2026-03-01", 0.5),
)

# Official values Sam noted from the stats page (on update days: every other Sunday until
# 2024-08-25, daily since 2024-09-01).
SNAPSHOTS = (
    ("2023-12-31", 100, "first score on the profile"),
    ("2024-04-21", 100, ""),
    ("2024-06-02", 94, "after the festival posters"),
    ("2024-08-11", 95, ""),
    ("2024-10-20", 98, ""),
    ("2025-01-05", 100, ""),
    ("2025-03-18", 93, "five stars from Granite Legal, and the score fell?"),
    ("2025-06-01", 96, ""),
    ("2025-07-16", 88, "Northwind's 3.8 is in"),
    ("2025-07-29", 84, "Kestrel cancelled the redesign"),
    ("2025-09-15", 85, "invites have dried up"),
    ("2025-11-20", 87, ""),
    ("2026-01-15", 92, ""),
    ("2026-03-10", 100, ""),
    ("2026-06-05", 99, ""),
    ("2026-08-20", 96, ""),
    ("2026-11-16", 95, ""),
)

EVENTS = (
    ("2024-01-10", "profile_change", None, "portfolio: added the Quiet Harbour cover"),
    ("2024-04-02", "badge", None, "Top Rated"),
    ("2025-01-06", "profile_change", None, "hourly rate raised from $45 to $55"),
    ("2025-03-03", "account_hold", "2025-03-10", "identity re-verification; payments held"),
    ("2025-08-11", "badge", None, "lost Top Rated"),
    ("2025-09-01", "note", None, "invites have dried up; sending more proposals"),
    ("2026-04-20", "badge", None, "Top Rated again"),
)
