"""The one rule for what removing records takes along, as small logs (tracker.records.removal).

The log pages ask for the rule as it is; `whatif --change` asks a client to take its records.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tracker.io.change_file import parse_change_file
from tracker.records.changes import apply_to_log
from tracker.records.model import Client, Contract, CountedMark, Feedback, Invite, Log, Payment
from tracker.records.removal import ClientInUse, removal
from ui.log.edits import DeleteRefused, delete_change

ACME = Client("acme", "Acme")
BOLT = Client("bolt", "Bolt")
LOGO = Contract("k-1", "acme", "fixed", date(2025, 1, 6), title="Logo", ended=date(2025, 2, 1))
SITE = Contract("k-2", "bolt", "fixed", date(2025, 3, 3), title="Site")
LOGO_PAID = Payment("k-1", date(2025, 2, 1), Decimal("900"))
LOGO_RATED = Feedback("k-1", date(2025, 2, 2), "final", stars=Decimal("5.0"))
LOGO_MARK = CountedMark("k-1", date(2025, 2, 2), True)
SITE_PAID = Payment("k-2", date(2025, 3, 9), Decimal("300"))
POSTER = Invite("i-1", date(2025, 1, 2), "Poster", client="acme")
LOG = Log(
    clients=(ACME, BOLT),
    contracts=(LOGO, SITE),
    payments=(LOGO_PAID, SITE_PAID),
    feedback=(LOGO_RATED,),
    counted_marks=(LOGO_MARK,),
    invites=(POSTER,),
)


def test_a_contract_takes_its_payments_feedback_and_counted_marks() -> None:
    gone = removal([LOGO], LOG)
    assert gone.taken == (LOGO_PAID, LOGO_RATED, LOGO_MARK)
    after = apply_to_log(LOG, gone.change("remove Logo"))
    assert after.contracts == (SITE,)
    assert after.payments == (SITE_PAID,)
    assert (after.feedback, after.counted_marks) == ((), ())


def test_a_client_still_named_by_a_contract_or_an_invite_is_refused_naming_them() -> None:
    with pytest.raises(ClientInUse) as refused:
        removal([ACME], LOG)
    assert refused.value.contracts == (LOGO,)
    assert refused.value.invites == (POSTER,)


def test_a_client_goes_when_what_names_it_goes_with_it() -> None:
    gone = removal([ACME, LOGO, POSTER], LOG)
    after = apply_to_log(LOG, gone.change("remove Acme"))
    assert after.clients == (BOLT,)
    assert after.invites == ()


def test_only_when_asked_a_client_takes_its_contracts_and_keeps_its_invites_unnamed() -> None:
    gone = removal([ACME], LOG, with_clients_records=True)
    assert gone.contracts == {"k-1"}
    after = apply_to_log(LOG, gone.change("what if"))
    assert after.clients == (BOLT,)
    assert after.contracts == (SITE,)
    assert after.payments == (SITE_PAID,)
    assert after.invites == (Invite("i-1", date(2025, 1, 2), "Poster"),)


def test_the_log_page_and_the_whatif_file_follow_the_rule() -> None:
    with pytest.raises(DeleteRefused, match=r"^Client 'Acme' still has 1 contract and 1 invite;"):
        delete_change([ACME], LOG)
    page = apply_to_log(LOG, delete_change([LOGO], LOG))
    from_file = apply_to_log(LOG, parse_change_file(b'{"remove": {"contracts": ["k-1"]}}', LOG))
    assert page == from_file
    asked = apply_to_log(LOG, removal([ACME], LOG, with_clients_records=True).change("what if"))
    whatif = apply_to_log(LOG, parse_change_file(b'{"remove": {"clients": ["acme"]}}', LOG))
    assert asked == whatif
