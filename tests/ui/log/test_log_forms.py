"""The record forms: each field says what is wrong beside it, and Save waits until nothing is."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from log_fixtures import (
    fill_fixture,  # noqa: F401 (pytest fixtures)
    sample_log,
)

from tracker.records.model import Client, Contract, Feedback, Payment, Snapshot
from ui.log.forms.dialog import RecordDialog
from ui.log.forms.records import FORMS, contract_form, feedback_form, next_id, payment_form, slug


def dialog_for(qtbot: Any, spec: Any) -> RecordDialog:
    dialog = RecordDialog(spec)
    qtbot.addWidget(dialog)
    return dialog


def test_a_new_contract_form_builds_the_contract(qtbot: Any, fill: Any) -> None:
    log = sample_log()
    dialog = dialog_for(qtbot, contract_form(log, defaults={"started": date(2025, 6, 1)}))
    fill(dialog, title="Landing page", client="Acme Ltd (acme)", kind="fixed", ended="2025-06-20",
         refunded="12.50", category="Web")  # fmt: skip
    draft = dialog.draft()
    assert draft is not None and dialog.save_enabled()
    assert draft.record == Contract(
        id="k-4", client="acme", kind="fixed", started=date(2025, 6, 1), title="Landing page",
        ended=date(2025, 6, 20), refunded=Decimal("12.50"), category="Web",
    )  # fmt: skip
    assert draft.extras == ()


def test_a_date_that_is_not_a_date_is_named_beside_its_field(qtbot: Any, fill: Any) -> None:
    dialog = dialog_for(qtbot, contract_form(sample_log()))
    fill(dialog, client="acme", started="2025-13-01")
    assert dialog.problems() == {"started": "'2025-13-01' is not a date: there is no month 13"}
    assert dialog.draft() is None and not dialog.save_enabled()
    assert (
        dialog.rows["started"].note.text()
        == "\N{WARNING SIGN} '2025-13-01' is not a date: there is no month 13"
    )


def test_an_end_before_the_start_is_said_in_words(qtbot: Any, fill: Any) -> None:
    dialog = dialog_for(qtbot, contract_form(sample_log()))
    fill(dialog, client="acme", started="2025-03-01", ended="2025-02-01")
    assert dialog.problems() == {"ended": "the end is before the start"}
    assert not dialog.save_enabled()


def test_a_blank_required_field_waits_quietly_until_touched(qtbot: Any, fill: Any) -> None:
    dialog = dialog_for(qtbot, contract_form(sample_log()))
    assert dialog.problems() == {}
    assert dialog.summary.text() == "Still needed: client, started."
    fill(dialog, started="2025-01-01")
    fill(dialog, started="")
    assert dialog.problems() == {"started": "needed"}


def test_a_typed_client_that_does_not_exist_is_added_with_the_contract(
    qtbot: Any, fill: Any
) -> None:
    dialog = dialog_for(qtbot, contract_form(sample_log()))
    fill(dialog, client="Cobalt Labs", started="2025-05-01")
    draft = dialog.draft()
    assert draft is not None
    assert draft.record.client == "cobalt-labs"
    assert draft.extras == (Client(id="cobalt-labs", name="Cobalt Labs"),)
    assert dialog.summary.text() == "A new client 'Cobalt Labs' will be added."


def test_an_edit_keeps_the_id_and_refuses_a_start_after_its_payments(qtbot: Any, fill: Any) -> None:
    log = sample_log()
    original = log.contract_by_id()["k-1"]
    dialog = dialog_for(qtbot, contract_form(log, original))
    assert not dialog.field("id").edit.isEnabled()
    assert dialog.draft() is not None and dialog.draft().record == original  # type: ignore[union-attr]
    fill(dialog, started="2025-03-01")
    assert dialog.problems() == {"started": "a payment on 28 Feb 2025 is before this start"}


def test_typed_earnings_are_refused_on_a_contract_with_payments(qtbot: Any, fill: Any) -> None:
    log = sample_log()
    dialog = dialog_for(qtbot, contract_form(log, log.contract_by_id()["k-1"]))
    fill(dialog, earned="750")
    assert dialog.problems() == {
        "earned": "this contract has 2 payments listed; leave this empty (it is for contracts "
        "without them)"
    }


def test_a_payment_checks_its_amount_and_its_contract(qtbot: Any, fill: Any) -> None:
    dialog = dialog_for(qtbot, payment_form(sample_log()))
    fill(dialog, contract="k-1", date="2025-01-02", amount="0")
    assert dialog.problems() == {"amount": "must be more than 0"}
    fill(dialog, amount="12.345")
    assert dialog.problems() == {"amount": "at most 2 decimals (cents)"}
    fill(dialog, amount="$1,250.5")
    assert dialog.problems() == {"date": "the payment is before the contract's start (3 Jan 2025)"}
    fill(dialog, date="2025-01-05", ref="TX-1")
    assert dialog.problems() == {"ref": "another payment already has the reference 'TX-1'"}
    fill(dialog, ref="")
    draft = dialog.draft()
    assert draft is not None
    assert draft.record == Payment("k-1", date(2025, 1, 5), Decimal("1250.5"), None)


def test_a_payment_to_an_unknown_contract_is_refused(qtbot: Any, fill: Any) -> None:
    dialog = dialog_for(qtbot, payment_form(sample_log()))
    fill(dialog, contract="k-99", date="2025-01-05", amount="10")
    assert dialog.problems() == {"contract": "there is no contract 'k-99'"}


def test_feedback_reads_stars_private_guess_and_sub_scores(qtbot: Any, fill: Any) -> None:
    dialog = dialog_for(qtbot, feedback_form(sample_log(), defaults={"contract": "k-2"}))
    fill(dialog, date="2025-05-01", stars=Decimal("4.6"), private=8, private_is_guess=True,
         scores__quality=Decimal("4.5"), scores__skills=Decimal("5.0"),
         comment="Solid")  # fmt: skip
    draft = dialog.draft()
    assert draft is not None
    assert draft.record == Feedback(
        "k-2", date(2025, 5, 1), "final", Decimal("4.6"), 8, True,
        (("quality", Decimal("4.5")), ("skills", Decimal("5.0"))), "Solid",
    )  # fmt: skip


def test_unknown_ratings_stay_unknown_and_a_guess_needs_a_private_score(
    qtbot: Any, fill: Any
) -> None:
    dialog = dialog_for(qtbot, feedback_form(sample_log(), defaults={"contract": "k-2"}))
    fill(dialog, date="2025-05-01", private_is_guess=True)
    draft = dialog.draft()
    assert draft is not None
    assert (draft.record.stars, draft.record.private, draft.record.scores) == (None, None, ())
    assert draft.record.private_is_guess is False


def test_stepping_up_from_unknown_stars_lands_on_one(qtbot: Any) -> None:
    dialog = dialog_for(qtbot, feedback_form(sample_log()))
    spin = dialog.field("stars").spin
    assert spin.text() == "unknown"
    spin.stepBy(1)
    assert spin.value() == 1.0
    spin.stepBy(-1)
    assert spin.text() == "unknown"


def test_second_feedback_of_the_same_kind_on_the_same_day_is_refused(qtbot: Any, fill: Any) -> None:
    dialog = dialog_for(qtbot, feedback_form(sample_log()))
    fill(dialog, contract="k-1", date="2025-03-02")
    assert dialog.problems() == {"date": "'Logo redesign' has final feedback that day already"}


def test_editing_feedback_may_keep_its_own_day(qtbot: Any) -> None:
    log = sample_log()
    dialog = dialog_for(qtbot, feedback_form(log, log.feedback[0]))
    assert dialog.problems() == {}
    assert dialog.draft() is not None and dialog.draft().record == log.feedback[0]  # type: ignore[union-attr]


def test_every_form_opens_on_a_record_and_gives_it_back_unchanged(qtbot: Any) -> None:
    log = replace(sample_log(), snapshots=(Snapshot(date(2025, 5, 1), 94, "stats page"),))
    for record in (*log.clients, *log.contracts, *log.payments, *log.feedback, *log.snapshots):
        dialog = dialog_for(qtbot, FORMS[type(record)](log, record, None))
        draft = dialog.draft()
        assert draft is not None, (record, dialog.problems())
        assert draft.record == record


def test_a_client_id_follows_its_name_until_typed_over(qtbot: Any) -> None:
    dialog = dialog_for(qtbot, FORMS[Client](sample_log(), None, None))
    name, record_id = dialog.field("name").edit, dialog.field("id").edit
    qtbot.keyClicks(name, "Acme")
    assert record_id.text() == "acme-1"
    qtbot.keyClicks(name, " Ltd")
    assert record_id.text() == "acme-ltd"
    qtbot.keyClicks(record_id, "x")
    qtbot.keyClicks(name, " two")
    assert record_id.text() == "acme-ltdx"


def test_new_ids_follow_the_highest_in_use() -> None:
    assert next_id("k", ["k-1", "k-12", "x-40", "k-x"]) == "k-13"
    assert next_id("i", []) == "i-1"
    assert slug("Acme  Ltd.") == "acme-ltd"


def test_a_recorded_value_starts_blank_so_no_made_up_score_is_saved(qtbot: Any, fill: Any) -> None:
    from ui.log.forms.records import snapshot_form

    dialog = dialog_for(qtbot, snapshot_form(sample_log(), defaults={"date": date(2025, 6, 1)}))
    assert dialog.field("jss").read() == (None, "needed") and not dialog.save_enabled()
    assert dialog.problems() == {}  # waiting quietly, not wrong, until the user types
    assert "job success" in dialog.summary.text().casefold()
    fill(dialog, jss=93)
    draft = dialog.draft()
    assert draft is not None and dialog.save_enabled()
    assert draft.record == Snapshot(date=date(2025, 6, 1), jss=93)


def test_a_form_makes_its_record_from_the_kind_s_fields_keeping_one_it_does_not_show(
    qtbot: Any,
) -> None:
    """A field a form has no widget for (one just added to a kind) keeps the edited record's
    value, and takes its default on a new record, instead of being lost on save."""
    log = sample_log()
    original = log.payments[0]
    spec = payment_form(log, original)
    values = {"contract": "k-1", "date": date(2025, 2, 27), "amount": Decimal("451.00")}
    assert spec.build(values).record == replace(original, date=date(2025, 2, 27),
                                                amount=Decimal("451.00"))  # fmt: skip
    assert payment_form(log).build(values).record == Payment("k-1", date(2025, 2, 27),
                                                             Decimal("451.00"))  # fmt: skip
    for field in spec.fields:
        qtbot.addWidget(field.widget)
