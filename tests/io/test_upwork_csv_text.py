"""Headers, transaction types and descriptions: the free text the importer has to understand."""

import pytest

from tracker.io.upwork_kinds import (
    BONUS,
    CARD_PAYMENT,
    CONNECTS,
    FEE,
    FIXED,
    HOURLY,
    MEMBERSHIP,
    OTHER,
    REFUND,
    VAT,
    WITHDRAWAL,
    classify_deduction,
    classify_row,
)
from tracker.io.upwork_layout import (
    NEWER_COLUMNS,
    NINETEEN_COLUMNS,
    OLDER_COLUMNS,
    LayoutMismatch,
    find_columns,
)
from tracker.io.upwork_titles import (
    clean_title,
    client_slug,
    contract_id_for,
    contract_number,
    referenced_id,
)

# --- layouts -------------------------------------------------------------------------------------


def test_older_layout_reads_ref_id_type_and_team() -> None:
    columns = find_columns(list(OLDER_COLUMNS))
    assert columns.layout == "older"
    assert [c.name for c in columns.refs] == ["Ref ID"]
    assert columns.type.name == "Type"
    assert columns.amount.name == "Amount"
    assert [c.name for c in columns.clients] == ["Team", "Account Name"]
    assert [c.name for c in columns.descriptions] == ["Description"]


def test_newer_layout_reads_transaction_id_first() -> None:
    columns = find_columns(list(NEWER_COLUMNS))
    assert columns.layout == "newer"
    assert [c.name for c in columns.refs] == ["Transaction ID", "Ref ID"]
    assert columns.type.name == "Transaction type"
    assert columns.amount.name == "Amount $"
    assert [c.name for c in columns.clients] == ["Team", "Account Name"]
    assert [c.name for c in columns.descriptions] == ["Description", "Transaction summary"]


def test_nineteen_column_layout_never_takes_the_account_name_as_the_client() -> None:
    columns = find_columns(list(NINETEEN_COLUMNS))
    assert columns.layout == "19-column"
    assert [c.name for c in columns.clients] == ["Client team"]
    assert columns.amount.name == "Amount $"
    assert [c.name for c in columns.descriptions] == [
        "Description 1",
        "Description 2",
        "Description 3",
        "Transaction summary",
        "Transaction summary details",
    ]


def test_case_spacing_and_parentheses_in_names_are_ignored() -> None:
    header = ["DATE", " transaction  id ", "TransactionType", "transaction summary", "team",
              "Amount ($)", "Amount in local currency"]  # fmt: skip
    columns = find_columns(header)
    assert columns.layout == "newer"
    assert (columns.date.index, columns.amount.index) == (0, 5)
    assert columns.amount.name == "Amount ($)"


def test_the_local_currency_column_is_never_the_amount() -> None:
    header = ["Date", "Ref ID", "Type", "Description", "Team", "Amount in local currency", "Amount"]
    assert find_columns(header).amount.index == 6
    with pytest.raises(LayoutMismatch, match="no Amount column"):
        find_columns(header[:-1])


def test_a_foreign_csv_says_which_columns_were_expected() -> None:
    with pytest.raises(LayoutMismatch) as caught:
        find_columns(["Name", "Email", "Total"])
    message = str(caught.value)
    assert "not a transaction history" in message
    assert "Date, Ref ID, Type, Description" in message
    assert "Transaction ID" in message and "Client team" in message


# --- transaction types ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("type_text", "kind"),
    [
        ("Hourly", HOURLY),
        ("Fixed Price", FIXED),
        ("Fixed-price", FIXED),
        ("Fixed-price milestone", FIXED),
        ("Milestone", FIXED),
        ("Bonus", BONUS),
        ("Refund", REFUND),
        ("Fixed-price refund", REFUND),
        ("Service Fee", FEE),
        ("Withdrawal Fee", FEE),
        ("Service Fee Refund", FEE),
        ("VAT", VAT),
        ("Withdrawal", WITHDRAWAL),
        ("Membership Fee", MEMBERSHIP),
        ("Freelancer Plus", MEMBERSHIP),
        ("Connects", CONNECTS),
        ("Payment", CARD_PAYMENT),
        ("Card payment", CARD_PAYMENT),
        ("Adjustment", OTHER),
    ],
)
def test_types_by_the_words_they_contain(type_text: str, kind: str) -> None:
    assert classify_row(type_text, ()) == kind


def test_a_generic_payment_is_named_by_what_it_bought() -> None:
    assert classify_row("Payment", ("Connects purchase - 80 Connects",)) == CONNECTS
    assert classify_row("Payment", ("", "Freelancer Plus membership")) == MEMBERSHIP
    assert classify_row("Payment", ("Visa ending 4242",)) == CARD_PAYMENT


def test_earnings_are_never_reclassified_by_their_description() -> None:
    assert classify_row("Fixed-price", ("Tax calculator app (123)",)) == FIXED
    assert classify_row("Hourly", ("Connects integration",)) == HOURLY


def test_a_deduction_typed_as_earnings_is_a_fee_or_vat() -> None:
    assert classify_deduction(("Service fee for Data pipeline",)) == FEE
    assert classify_deduction(("VAT on the service fee",)) == VAT


# --- contract ids and titles ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number", "title"),
    [
        (
            "Invoice for 10/06/2025-10/12/2025 - Hourly - Website upkeep (40123456)",
            "40123456",
            "Website upkeep",
        ),
        ("Hourly - API integration (41000001)", "41000001", "API integration"),
        ("Invoice for Logo design, round 2 (40100001)", "40100001", "Logo design, round 2"),
        ("Refund - Logo redesign ( 40100001 )", "40100001", "Logo redesign"),
        ("Invoice for Brand guide", None, "Brand guide"),
        ("Invoice for Sep 1, 2026 - Sep 7, 2026", None, ""),
        ("Website upkeep (Sep 1 - Sep 7, 2026)", None, "Website upkeep"),
        ("2026-09-01 to 2026-09-07 - Hourly - Data work", None, "Data work"),
        ("Phase 1 - Phase 2 design", None, "Phase 1 - Phase 2 design"),
        ("Milestone 1: Wireframes (40123457)", "40123457", "Milestone 1: Wireframes"),
        ("Refund for Ref ID 300000002", None, ""),
        ("Bonus", None, ""),
        ("Invoice format fixes", None, "Invoice format fixes"),
        ("(40123456) Website", None, "(40123456) Website"),
    ],
)
def test_the_contract_number_and_title_of_a_description(
    text: str, number: str | None, title: str
) -> None:
    assert contract_number(text) == number
    assert clean_title(text) == title


def test_a_refund_can_point_at_the_payment_it_reverses() -> None:
    assert referenced_id("Refund for Ref ID 300000002") == "300000002"
    assert referenced_id("Service Fee for Fixed Price - Ref ID: 300000002") == "300000002"
    assert referenced_id("Refund for Logo design") is None


def test_contract_ids_from_a_number_or_a_stable_hash_of_client_and_title() -> None:
    assert contract_id_for("40123456", "Acme", "Website") == "upwork-40123456"
    by_hash = contract_id_for(None, "Acme Ltd", "Brand guide")
    assert by_hash.startswith("upwork-") and len(by_hash) == len("upwork-") + 10
    assert contract_id_for(None, " ACME  ltd", "brand  GUIDE") == by_hash
    assert contract_id_for(None, "Beta", "Brand guide") != by_hash
    assert contract_id_for(None, "Acme Ltd", "Brand book") != by_hash


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Acme Ltd", "acme-ltd"),
        ("Beta, Inc.", "beta-inc"),
        ("Café Olé", "cafe-ole"),
        ("  Delta   Labs ", "delta-labs"),
    ],
)
def test_client_ids_are_readable_slugs(name: str, slug: str) -> None:
    assert client_slug(name) == slug


def test_names_with_letters_outside_ascii_keep_distinct_ids() -> None:
    assert client_slug("ООО Ромашка").startswith("client-")  # noqa: RUF001
    assert client_slug("ООО Ромашка") != client_slug("ООО Лютик")  # noqa: RUF001
    assert client_slug("Acme 日本").startswith("acme-")
    assert client_slug("Acme 日本") != client_slug("Acme")
