"""Headers, transaction types and descriptions: the free text the importer has to understand."""

import pytest

from tracker.io.upwork.kinds import (
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
from tracker.io.upwork.layout import (
    OLDER_COLUMNS,
    RECENT_COLUMNS,
    SUMMARY_COLUMNS,
    LayoutMismatch,
    find_columns,
)
from tracker.io.upwork.titles import (
    clean_title,
    client_slug,
    contract_id_for,
    contract_number,
    hourly_invoice_rate,
    referenced_id,
)

# --- layouts -------------------------------------------------------------------------------------


def names(columns: tuple[object, ...]) -> list[str]:
    return [c.name for c in columns]  # type: ignore[attr-defined]


def test_older_layout_reads_ref_id_type_and_team_never_the_account_name() -> None:
    columns = find_columns(list(OLDER_COLUMNS))
    assert columns.layout == "older"
    assert names(columns.refs) == ["Ref ID"]
    assert columns.type is not None and columns.type.name == "Type"
    assert columns.amount.name == "Amount"
    assert columns.client is not None and columns.client.name == "Team"
    assert columns.freelancer is not None and columns.freelancer.name == "Freelancer"
    assert names(columns.descriptions) == ["Description"]


def test_older_layout_with_amount_dollar_and_exchange_rate() -> None:
    header = [*OLDER_COLUMNS[:9], "Amount $", "ExchangeRate", "Currency", "Balance"]
    columns = find_columns(header)
    assert columns.layout == "older"
    assert columns.amount.name == "Amount $"


@pytest.mark.parametrize("case", [str.title, str.capitalize])
def test_the_2025_layout_in_title_case_and_sentence_case(case: object) -> None:
    header = [case(name) for name in RECENT_COLUMNS]  # type: ignore[operator]
    columns = find_columns(header)
    assert columns.layout == "2025"
    assert names(columns.refs) == [header[1]]
    assert columns.client is not None and columns.client.index == RECENT_COLUMNS.index("Team")
    assert columns.summary is not None and columns.summary.index == 3


def test_the_2025_layout_with_its_aliases_and_the_20th_column() -> None:
    header = list(RECENT_COLUMNS)
    header[header.index("Team")] = "Client team"
    header[header.index("Agency")] = "Agency team"
    header.insert(header.index("Description 3") + 1, "Entered Description")
    columns = find_columns(header)
    assert columns.layout == "2025"
    assert columns.client is not None and columns.client.name == "Client team"
    assert "Entered Description" in names(columns.descriptions)
    assert columns.amount.name == "Amount $"


def test_the_weekly_summary_report() -> None:
    columns = find_columns(list(SUMMARY_COLUMNS))
    assert columns.layout == "summary"
    assert names(columns.descriptions) == ["Contract"]
    assert columns.type is not None and columns.type.name == "Payment type"
    assert columns.client is None and columns.refs == ()


def test_a_summary_without_amount_names_the_missing_column() -> None:
    with pytest.raises(LayoutMismatch, match="weekly summary report but has no Amount column"):
        find_columns(["Date", "Contract", "Hours", "Payment Type"])


def test_case_spacing_and_parentheses_in_names_are_ignored() -> None:
    header = ["DATE", " transaction  id ", "TransactionType", "transaction summary", "team",
              "Amount ($)", "Amount in local currency"]  # fmt: skip
    columns = find_columns(header)
    assert columns.layout == "2025"
    assert (columns.date.index, columns.amount.index) == (0, 5)
    assert columns.amount.name == "Amount ($)"


def test_the_local_currency_column_is_never_the_amount() -> None:
    header = ["Date", "Ref ID", "Type", "Description", "Team", "Amount in local currency", "Amount"]
    assert find_columns(header).amount.index == 6
    with pytest.raises(LayoutMismatch, match="no Amount column"):
        find_columns(header[:-1])


def test_an_unknown_layout_names_the_columns_missing_for_the_nearest() -> None:
    with pytest.raises(LayoutMismatch) as caught:
        find_columns(["Date", "Transaction ID", "Amount $", "Team"])
    message = str(caught.value)
    assert "nearest to the 2025 transaction history" in message
    assert "has no Transaction Type, Transaction Summary columns" in message


def test_a_foreign_csv_says_which_columns_were_expected() -> None:
    with pytest.raises(LayoutMismatch) as caught:
        find_columns(["Name", "Email", "Total"])
    message = str(caught.value)
    assert "not an export of the marketplace" in message
    assert "Date, Ref ID, Type, Description" in message
    assert "Transaction ID" in message and "Contract, Hours" in message


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("Invoice for 02/10/2020-02/16/2020 - 10:00 hrs @ $30.00/hr", "30.00"),
        ("Invoice for 06/03/2024-06/09/2024 - 20:00 hrs @ $18.00/hr", "18.00"),
        ("Invoice for 02/10/2020-02/16/2020 - 1:30 hrs @ $1,050.00/hr (jdoe)", "1050.00"),
        ("Invoice for Logo design", None),
        ("Invoice for 02/10/2020-02/16/2020 - Hourly - Upkeep (123)", None),
    ],
)
def test_the_rate_of_an_older_hourly_invoice(text: str, rate: str | None) -> None:
    assert hourly_invoice_rate(text) == rate


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Invoice for Instagram Reel: Milestone 2", "Instagram Reel"),
        ("Invoice for Instagram Reel: Milestone 3 - Final cut", "Instagram Reel"),
        ("Milestone 2", ""),
        ("Payment for milestone", ""),
    ],
)
def test_milestones_fold_into_their_contract_title(text: str, title: str) -> None:
    assert clean_title(text) == title


# --- transaction types ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("type_text", "kind"),
    [
        ("Hourly", HOURLY),
        ("Fixed Price", FIXED),
        ("Fixed-price", FIXED),
        ("Fixed-price milestone", FIXED),
        ("WHT", VAT),
        ("Withholding Tax", VAT),
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
