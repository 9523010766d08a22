"""Importing every layout of the marketplace's statements into a log, and importing them again.

The fixtures in tests/data/upwork/ are written here in the shapes real exports have (names and
amounts are made up): older.csv and older-2020.csv (the older 13 columns, the second with `Amount
$`, `ExchangeRate`, `18-Mar-20` dates and weekly hourly invoices), recent.csv (the 2025 19
columns, Title Case), recent-20.csv (sentence case, `Client team`, `Entered description`,
day-first dates) and weekly-summary.csv.
"""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tracker.io.upwork.statement import UpworkPlan, looks_like_upwork_csv, plan_upwork_import
from tracker.io.upwork.titles import contract_id_for
from tracker.records.changes import apply_to_log
from tracker.records.model import Client, Contract, Log, Payment

DATA = Path(__file__).parent.parent / "data" / "upwork"
FIXTURES = ("older.csv", "older-2020.csv", "recent.csv", "recent-20.csv", "weekly-summary.csv")

BRAND_GUIDE = contract_id_for(None, "Gamma Co", "Brand guide")
PODCAST = contract_id_for(None, "Harbor Books", "Podcast editing")
LABEL = contract_id_for(None, "Unknown client", "Label design")
BRAND_REFRESH = contract_id_for(None, "Northwind Studio", "Brand refresh")
REEL = contract_id_for(None, "Beacon Media", "Instagram Reel")


def fixture(name: str) -> bytes:
    return (DATA / name).read_bytes()


def plan_of(name: str, log: Log | None = None, refs: frozenset[str] = frozenset()) -> UpworkPlan:
    return plan_upwork_import(fixture(name), log or Log(), refs)


def payments(plan: UpworkPlan) -> set[tuple[str, str, str, str]]:
    """(ref, contract, date, amount) of every payment the plan adds."""
    return {
        (p.ref or "", p.contract, p.date.isoformat(), str(p.amount))
        for p in plan.change.added
        if isinstance(p, Payment)
    }


def contracts(plan: UpworkPlan) -> dict[str, Contract]:
    return {c.id: c for c in plan.change.added if isinstance(c, Contract)}


def clients(plan: UpworkPlan) -> dict[str, str]:
    return {c.id: c.name for c in plan.change.added if isinstance(c, Client)}


def ignored(plan: UpworkPlan) -> dict[str, int]:
    return dict(plan.summary.ignored)


def by_contract(plan: UpworkPlan) -> dict[str, list[str]]:
    """The refs of each contract's new payments, in date order."""
    found: dict[str, list[str]] = {}
    for p in sorted((r for r in plan.change.added if isinstance(r, Payment)), key=lambda p: p.date):
        found.setdefault(p.contract, []).append(p.ref or "")
    return found


# --- the older layout: BOM, one row per Ref ID ---------------------------------------------------


def test_older_layout_payments_are_the_earnings_rows() -> None:
    assert payments(plan_of("older.csv")) == {
        ("300000008", "upwork-40123456", "2025-10-20", "1200.00"),
        ("300000007", "upwork-40123456", "2025-10-13", "600.00"),
        ("300000003", "upwork-40100001", "2025-09-15", "100.00"),  # the bonus: Beta's contract
        ("300000002", "upwork-40100001", "2025-09-10", "450.00"),
        ("300000000", BRAND_GUIDE, "2025-09-01", "250.00"),
        ("299999999", BRAND_GUIDE, "2025-08-20", "250.00"),
    }


def test_older_layout_contracts_start_on_their_first_payment_and_stay_open() -> None:
    found = contracts(plan_of("older.csv"))
    assert found == {
        "upwork-40123456": Contract(
            "upwork-40123456", "acme-ltd", "hourly", date(2025, 10, 13), title="Website upkeep"
        ),
        "upwork-40100001": Contract(
            "upwork-40100001",
            "beta-inc",
            "fixed",
            date(2025, 9, 10),
            title="Logo design, round 2",
            refunded=Decimal("150.00"),
        ),
        BRAND_GUIDE: Contract(
            BRAND_GUIDE, "gamma-co", "fixed", date(2025, 8, 20), title="Brand guide"
        ),
    }
    assert all(c.ended is None for c in found.values())


def test_older_layout_clients_come_from_the_team() -> None:
    assert clients(plan_of("older.csv")) == {
        "acme-ltd": "Acme Ltd",
        "beta-inc": "Beta, Inc.",
        "gamma-co": "Gamma Co",
    }


def test_older_layout_ignores_what_is_not_earnings_and_remembers_the_refund() -> None:
    plan = plan_of("older.csv")
    assert ignored(plan) == {"fee": 2, "withdrawal": 1, "membership": 1, "connects": 1}
    assert "300000004" in plan.change.applied_refs  # the refund
    assert "300000009" not in plan.change.applied_refs  # a fee
    assert plan.summary.refunds_applied == 1
    assert plan.summary.refunds_total == Decimal("150.00")


# --- 2020: weekly hourly invoices, milestones, a bonus -------------------------------------------


def test_weekly_hourly_invoices_are_one_contract_per_client_and_rate() -> None:
    plan = plan_of("older-2020.csv")
    grouped = by_contract(plan)
    assert sorted(grouped.values()) == [
        ["100001", "100003", "100004", "100005"],  # $30/hr, and the bonus of 18 Feb
        ["100006"],  # the rate changed to $35/hr: another contract
        ["100007", "100008"],  # Instagram Reel: milestones 1 and 2
    ]
    found = contracts(plan)
    thirty = found[next(c for c, refs in grouped.items() if "100001" in refs)]
    assert thirty.title == "Hourly work for Client Alpha at $30.00/hr"
    assert (thirty.kind, thirty.client, thirty.started) == ("hourly", "client-alpha",
                                                             date(2020, 2, 3))  # fmt: skip
    assert found[REEL].title == "Instagram Reel" and found[REEL].kind == "fixed"


def test_hourly_invoices_after_a_long_gap_are_another_contract() -> None:
    both = fixture("older-2020.csv") + fixture("older-2020-april.csv").split(b"\n", 1)[1]
    plan = plan_upwork_import(both, Log(), frozenset())
    thirty = [refs for refs in by_contract(plan).values() if "100001" in refs or "100009" in refs]
    assert sorted(thirty) == [["100001", "100003", "100004", "100005"], ["100009"]]
    assert "more than 30 days after the last is another contract" in " ".join(
        plan.summary.plan_lines()
    )


def test_the_gap_is_a_choice_of_the_import() -> None:
    both = fixture("older-2020.csv") + fixture("older-2020-april.csv").split(b"\n", 1)[1]
    plan = plan_upwork_import(both, Log(), frozenset(), gap_days=70)
    assert ["100001", "100003", "100004", "100005", "100009"] in by_contract(plan).values()


def test_the_statement_owner_is_never_a_client() -> None:
    assert "ravi-menon" not in clients(plan_of("older-2020.csv"))
    assert "mara-lind" not in clients(plan_of("recent.csv"))


# --- the 2025 layout: Transaction Summary is the title, rows share a Transaction ID --------------


def test_recent_layout_groups_by_number_title_and_bonus() -> None:
    plan = plan_of("recent.csv")
    assert by_contract(plan) == {
        "upwork-51000001": ["800000001", "800000004"],
        LABEL: ["800000002"],
        PODCAST: ["800000003", "800000006", "800000007"],  # milestones 1, 2 and the bonus
    }
    found = contracts(plan)
    assert found[PODCAST].refunded == Decimal("60.00")  # "Refund to client", by title and client
    assert found["upwork-51000001"].kind == "hourly"
    assert found[LABEL].client == "unknown-client"  # no Team: never the Account Name
    assert clients(plan) == {
        "harbor-books": "Harbor Books",
        "quill-analytics": "Quill Analytics",
        "unknown-client": "Unknown client",
    }
    assert ignored(plan) == {"fee": 3, "vat": 1, "withdrawal": 1, "connects": 1}


def test_recent_layout_in_sentence_case_with_aliases_and_twenty_columns() -> None:
    plan = plan_of("recent-20.csv")
    assert by_contract(plan) == {
        BRAND_REFRESH: ["900000002", "900000004", "900000005"],
        "upwork-52000002": ["900000003"],
    }
    assert {p.date for p in plan.change.added if isinstance(p, Payment)} == {
        date(2026, 9, 2), date(2026, 9, 8), date(2026, 9, 15), date(2026, 9, 18)
    }  # day first: 18/09/2026 decides the file  # fmt: skip
    assert clients(plan) == {"northwind-studio": "Northwind Studio"}


# --- the weekly summary report --------------------------------------------------------------------


def test_weekly_summary_rows_are_payments_of_their_contract() -> None:
    plan = plan_of("weekly-summary.csv")
    grouped = by_contract(plan)
    assert {c: len(refs) for c, refs in grouped.items()} == {
        "upwork-60000001": 4, "upwork-60000002": 1
    }  # fmt: skip
    found = contracts(plan)
    assert found["upwork-60000001"].kind == "hourly"
    assert found["upwork-60000002"].kind == "fixed"
    assert plan.summary.payments_total == Decimal("1400.00")


# --- the summary -------------------------------------------------------------------------------


def test_summary_lines_for_a_freelancer() -> None:
    assert plan_of("older.csv").summary.lines() == [
        "Added 6 payments ($2,850.00).",
        "Applied 1 refund ($150.00) to the contract it came from.",
        "Ignored 5 rows that are not earnings: 2 fees, 1 Connects purchase, 1 membership payment, "
        "1 withdrawal.",
        "New clients (3): Acme Ltd, Beta, Inc., Gamma Co.",
        "New contracts (3): Logo design, round 2 (upwork-40100001), Website upkeep "
        f"(upwork-40123456), Brand guide ({BRAND_GUIDE}).",
        "Needs you: the 3 new contracts are open and have no feedback; when each one ends, add its "
        "end date and feedback.",
    ]


def test_one_ignored_row_is_said_in_the_singular() -> None:
    data = (
        "Date,Ref ID,Type,Description,Team,Amount\n"
        '"Feb 1, 2025",5,Fixed Price,"Invoice for Logo (1)",Acme,$900\n'
        '"Feb 2, 2025",6,Withdrawal,"To bank",,-$900\n'
    )
    lines = plan_upwork_import(data.encode(), Log(), frozenset()).summary.lines()
    assert "Ignored 1 row that is not earnings: 1 withdrawal." in lines


def test_the_dry_run_plan_lists_each_contract_its_payments_and_its_rule() -> None:
    lines = plan_of("recent.csv").summary.plan_lines()
    assert lines[0] == "Dry run: nothing was written. The import would:"
    assert (
        f"Make 'Podcast editing' ({PODCAST}) for Harbor Books: 3 payments ($650.00), 2026-09-05 "
        "to 2026-09-20; grouped by its title and client (Podcast editing, Harbor Books) and as a "
        "bonus from Harbor Books, on its contract paid last on or before it."
    ) in lines
    assert "    2026-09-20        $50.00  800000007" in lines
    assert "Make 'Data cleanup' (upwork-51000001) for Quill Analytics" in " ".join(lines)


def test_summary_of_a_second_import() -> None:
    first = plan_of("older.csv")
    log = apply_to_log(Log(), first.change)
    again = plan_of("older.csv", log, frozenset(first.change.applied_refs))
    assert again.summary.lines() == [
        "No new payments.",
        "Skipped 7 transactions already in your log.",
        "Ignored 5 rows that are not earnings: 2 fees, 1 Connects purchase, 1 membership payment, "
        "1 withdrawal.",
    ]
    assert again.summary.needs_you == ()


# --- importing again -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", FIXTURES)
def test_importing_the_same_file_again_changes_nothing(name: str) -> None:
    first = plan_of(name)
    log = apply_to_log(Log(), first.change)
    again = plan_of(name, log, frozenset(first.change.applied_refs))
    assert again.change.is_empty()
    assert again.summary.already_imported == len(first.change.applied_refs)


@pytest.mark.parametrize("name", FIXTURES)
def test_payments_already_in_the_log_are_skipped_even_without_remembered_refs(name: str) -> None:
    first = plan_of(name)
    log = apply_to_log(Log(), first.change)
    again = plan_of(name, log)
    assert payments(again) == set()
    assert not contracts(again) or all(c.refunded for c in contracts(again).values())


def test_the_three_layouts_import_side_by_side() -> None:
    log, refs = Log(), frozenset[str]()
    for name in FIXTURES:
        plan = plan_of(name, log, refs)
        log = apply_to_log(log, plan.change)
        refs |= set(plan.change.applied_refs)
    assert len(log.payments) == 6 + 7 + 6 + 4 + 5
    assert len({c.id for c in log.contracts}) == len(log.contracts) == 3 + 3 + 3 + 2 + 2
    assert sum(p.amount for p in log.payments) == sum(
        (plan_of(name).summary.payments_total for name in FIXTURES), Decimal(0)
    )


def test_a_later_file_adds_its_refund_to_a_contract_already_in_the_log() -> None:
    header = "Date,Ref ID,Type,Description,Team,Amount\n"
    paid = header + '"Sep 10, 2025",1,Fixed Price,"Invoice for Logo (40100001)",Beta,$450.00\n'
    refunded = header + '"Oct 1, 2025",2,Refund,"Refund for Logo (40100001)",Beta,-$50.00\n'
    first = plan_upwork_import(paid.encode(), Log(), frozenset())
    log = apply_to_log(Log(), first.change)
    second = plan_upwork_import(refunded.encode(), log, frozenset(first.change.applied_refs))
    (old,) = second.change.removed
    (new,) = second.change.added
    assert isinstance(old, Contract) and isinstance(new, Contract)
    assert (old.refunded, new.refunded) == (Decimal("0.00"), Decimal("50.00"))
    log = apply_to_log(log, second.change)
    third = plan_upwork_import(
        refunded.encode(), log, frozenset(first.change.applied_refs + second.change.applied_refs)
    )
    assert third.change.is_empty()


# --- a log that already has records --------------------------------------------------------------

HEADER = "Date,Ref ID,Type,Description,Team,Amount\n"


def test_payments_go_to_the_contract_already_in_the_log_and_move_its_start_back() -> None:
    known = Contract("upwork-40123456", "acme", "hourly", date(2025, 10, 15), title="Upkeep")
    log = Log(clients=(Client("acme", "ACME ltd"),), contracts=(known,))
    data = (
        HEADER + '"Oct 13, 2025",7,Hourly,"Invoice for Website upkeep (40123456)",Acme Ltd,$600\n'
    )
    plan = plan_upwork_import(data.encode(), log, frozenset())
    assert plan.change.removed == (known,)
    assert replace(known, started=date(2025, 10, 13)) in plan.change.added
    assert not clients(plan)  # "Acme Ltd" is the log's "ACME ltd"
    assert plan.summary.moved_starts == (replace(known, started=date(2025, 10, 13)),)
    assert plan.summary.new_contracts == ()


def test_a_new_contract_of_a_known_client_uses_the_clients_id() -> None:
    log = Log(clients=(Client("acme", "Acme Ltd"),))
    data = HEADER + '"Oct 13, 2025",7,Hourly,"Invoice for Upkeep (40123456)",acme ltd,$600\n'
    plan = plan_upwork_import(data.encode(), log, frozenset())
    assert contracts(plan)["upwork-40123456"].client == "acme"
    assert not clients(plan)


def test_a_contract_with_a_typed_total_keeps_it_unless_replace_is_asked() -> None:
    typed = Contract(
        "upwork-1", "acme", "fixed", date(2025, 1, 1), title="Logo", earned=Decimal("900")
    )
    log = Log(clients=(Client("acme", "Acme"),), contracts=(typed,))
    data = HEADER + '"Feb 1, 2025",5,Fixed Price,"Invoice for Logo (1)",Acme,$900\n'
    kept = plan_upwork_import(data.encode(), log, frozenset())
    assert kept.change.is_empty()
    assert any("Held back 1 payment for Logo (upwork-1)" in line for line in kept.summary.lines())
    replaced = plan_upwork_import(data.encode(), log, frozenset(), replace=True)
    assert replaced.change.removed == (typed,)
    assert replace(typed, earned=None) in replaced.change.added
    assert payments(replaced) == {("5", "upwork-1", "2025-02-01", "900.00")}


def test_a_refund_for_a_contract_nobody_knows_is_reported_not_invented() -> None:
    data = HEADER + '"Feb 1, 2025",5,Refund,"Refund for Logo (99)",Acme,-$90\n'
    plan = plan_upwork_import(data.encode(), Log(), frozenset())
    assert plan.change.is_empty()
    assert ignored(plan) == {"unmatched_refund": 1}
    assert any("refund of $90.00 on line 2" in line for line in plan.summary.lines())


def test_a_contract_whose_payments_are_all_known_is_not_created_again() -> None:
    data = HEADER + '"Feb 1, 2025",5,Fixed Price,"Invoice for Logo (1)",Acme,$900\n'
    plan = plan_upwork_import(data.encode(), Log(), frozenset({"5"}))
    assert plan.change.is_empty()


# --- bytes and layout quirks ---------------------------------------------------------------------


def test_a_negative_earnings_row_beside_its_gross_is_a_fee_and_alone_is_a_refund() -> None:
    data = (
        "Date,Transaction ID,Transaction type,Description,Team,Amount $\n"
        "2026-01-05,9,Hourly,Invoice for Upkeep (5),Acme,$100.00\n"
        "2026-01-05,9,Hourly,Service fee for Upkeep (5),Acme,-$10.00\n"
        "2026-01-20,10,Hourly,Upkeep (5),Acme,-$40.00\n"
    )
    plan = plan_upwork_import(data.encode(), Log(), frozenset())
    assert payments(plan) == {("9", "upwork-5", "2026-01-05", "100.00")}
    assert contracts(plan)["upwork-5"].refunded == Decimal("40.00")
    assert ignored(plan) == {"fee": 1}


def test_a_row_repeated_cell_for_cell_counts_once() -> None:
    row = '"Sep 10, 2025",1,Fixed Price,"Invoice for Logo (4)",Beta,$450.00,$450.00\n'
    data = "Date,Ref ID,Type,Description,Team,Amount,Balance\n" + row + row
    plan = plan_upwork_import(data.encode(), Log(), frozenset())
    assert payments(plan) == {("1", "upwork-4", "2025-09-10", "450.00")}
    assert ignored(plan) == {"duplicate": 1}


def test_semicolons_blank_lines_and_an_excel_separator_hint() -> None:
    data = (
        "sep=;\r\n\r\nDate;Ref ID;Type;Description;Team;Amount\r\n\r\n"
        '"Sep 10, 2025";1;Fixed Price;"Invoice for Logo; v2 (4)";Beta;"$1,450.00"\r\n'
    )
    plan = plan_upwork_import(data.encode(), Log(), frozenset())
    assert payments(plan) == {("1", "upwork-4", "2025-09-10", "1450.00")}
    assert contracts(plan)["upwork-4"].title == "Logo; v2"


def test_a_description_spanning_lines_keeps_the_line_numbers_right() -> None:
    data = (
        HEADER + '"Sep 10, 2025",1,Fixed Price,"Invoice for Logo\nsecond line (4)",Beta,$450.00\n'
        '"Sep 11, 2025",2,Fixed Price,"Invoice for Logo (4)",Beta,abc\n'
    )
    with pytest.raises(ValueError, match=r"^line 4, column Amount: 'abc' is not a number$"):
        plan_upwork_import(data.encode(), Log(), frozenset())


def test_a_header_only_file_is_an_empty_plan() -> None:
    plan = plan_upwork_import(HEADER.encode("utf-8-sig"), Log(), frozenset())
    assert plan.change.is_empty()
    assert plan.summary.lines() == ["No new payments."]


def test_utf16_with_a_bom_is_read_too() -> None:
    data = HEADER + '"Feb 1, 2025",5,Fixed Price,"Invoice for Logo (1)",Acme,$900\n'
    plan = plan_upwork_import(data.encode("utf-16"), Log(), frozenset())
    assert payments(plan) == {("5", "upwork-1", "2025-02-01", "900.00")}


@pytest.mark.parametrize("name", FIXTURES)
def test_auto_format_recognises_every_layout(name: str) -> None:
    assert looks_like_upwork_csv(fixture(name))


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b'{"format": "repute/1"}',
        b"Name,Email\nx,y\n",
        b"\xff\xfe\x00garbage",
        b"\x80\x81\x82",
        "Date,Ref ID,Type,Déscription".encode("latin-1"),
    ],
)
def test_auto_format_refuses_what_is_not_a_transaction_history(data: bytes) -> None:
    assert not looks_like_upwork_csv(data)


def test_auto_format_takes_a_history_in_the_wrong_encoding_so_the_import_can_say_why() -> None:
    data = 'Date,Ref ID,Type,Description,Team,Amount\n"Feb 1, 2025",5,Fixed,Café,Acme,$9\n'
    assert looks_like_upwork_csv(data.encode("latin-1"))


def test_auto_format_reads_only_the_start_of_a_big_file() -> None:
    header = b"Date,Ref ID,Type,Description,Team,Amount\n"
    body = ('"Sep 10, 2025",1,Fixed Price,"Invoice for Lógo (4)",Beta,$1\n' * 5000).encode()
    assert looks_like_upwork_csv(header + body)
