"""Many processes importing the same file at once, round after round: the log ends as one import.

Each import plans against what it read; a plan made before another import committed is made again
inside the write lock, and a payment's ref is unique in the database, so no round adds a payment
twice (the issue found six imports of one file leaving 15 payments where the file has 3). Each
round's file brings new payments to contracts already in the log, the case that duplicated.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.robustness.cli_runs import integrity
from tests.robustness.processes import PYTHON, REPO_ROOT, child_env
from tracker.records.model import Log
from tracker.store.repository import Repository

PROCESSES = 6
ROUNDS = 3
OLDER_CSV = REPO_ROOT / "tests" / "data" / "upwork" / "older.csv"


def _json_file(folder: Path, round_number: int) -> Path:
    """The log's client and contract, and payments new in this round (with and without a ref)."""
    payments = []
    for earlier in range(round_number + 1):
        month = f"2026-{earlier + 2:02}"
        payments += [
            {"contract": "k-1", "date": f"{month}-01", "amount": 300, "ref": f"t-{earlier}-1"},
            {"contract": "k-1", "date": f"{month}-02", "amount": 200, "ref": f"t-{earlier}-2"},
            {"contract": "k-1", "date": f"{month}-03", "amount": 100},
        ]
    document = {
        "format": "repute/1",
        "clients": [{"id": "acme", "name": "Acme"}],
        "contracts": [
            {
                "id": "k-1",
                "client": "acme",
                "kind": "hourly",
                "started": "2026-01-05",
                "title": "Upkeep",
            }
        ],
        "payments": payments,
    }
    path = folder / f"round-{round_number}.json"
    path.write_text(json.dumps(document))
    return path


def _csv_file(folder: Path, round_number: int) -> Path:
    """The marketplace's older.csv, plus invoices of its hourly contract new in each round."""
    lines = OLDER_CSV.read_text(encoding="utf-8-sig").splitlines()
    for earlier in range(round_number):
        for week in range(2):
            lines.append(
                f'"Nov {10 + 7 * week}, 2025",31000{earlier}{week},Hourly,"Invoice for '
                f'11/0{week + 1}/2025-11/0{week + 2}/2025 - Hourly - Website upkeep (40123456)",,'
                f'Jane Doe,Acme Ltd,Acme Ltd,,$1{earlier}0.00,,,"$0.00"'
            )
    path = folder / f"round-{round_number}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _import(db: Path, source: Path, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, str(REPO_ROOT / "main.py"), "--db", str(db), "import", str(source)],
        env=child_env(home),
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=120,
    )


def _import_at_once(db: Path, source: Path, home: Path) -> list[subprocess.CompletedProcess[str]]:
    """PROCESSES imports of `source`, loaded first and then started together."""
    home.mkdir(parents=True, exist_ok=True)
    start = home / "start"
    command = [PYTHON, "-m", "tests.robustness.import_worker", str(start), str(db), str(source)]
    children = [
        subprocess.Popen(
            command,
            env=child_env(home / f"h{i}"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO_ROOT,
        )
        for i in range(PROCESSES)
    ]
    time.sleep(1.0)  # lets every child load Python before the start (a test of nothing but load)
    start.touch()
    finished = []
    for child in children:
        out, err = child.communicate(timeout=120)
        finished.append(subprocess.CompletedProcess(command, child.returncode, out, err))
    return finished


def _log_of(db: Path) -> Log:
    with Repository.open(db, create=False) as repository:
        return repository.log()


@pytest.mark.parametrize(
    "make_file", [_json_file, _csv_file], ids=["repute-json", "marketplace-csv"]
)
def test_imports_of_one_file_at_once_equal_one_import(
    make_file: Callable[[Path, int], Path], tmp_path: Path
) -> None:
    once, many = tmp_path / "once.sqlite3", tmp_path / "many.sqlite3"
    for round_number in range(ROUNDS):
        source = make_file(tmp_path, round_number)
        alone = _import(once, source, tmp_path / "alone")
        assert alone.returncode == 0, alone.stderr
        for run in _import_at_once(many, source, tmp_path / f"round{round_number}"):
            assert run.returncode == 0, run.stderr
        expected, log = _log_of(once), _log_of(many)
        assert len(log.payments) == len(expected.payments), f"round {round_number}"
        assert log == expected, f"round {round_number}"
    assert integrity(many) == ["ok"]


def test_a_preview_applied_after_another_import_of_its_file_is_refused(tmp_path: Path) -> None:
    from tracker.io.import_plan import plan_import
    from tracker.io.json_format import parse_repute_json
    from tracker.store.errors import StoreError

    source = _json_file(tmp_path, 0)
    db = tmp_path / "repute.sqlite3"
    with Repository.open(db, create=True) as window:
        seen = window.log()
        preview = plan_import(seen, parse_repute_json(source.read_bytes(), seen), replace=False)
        assert _import(db, source, tmp_path / "home").returncode == 0
        with pytest.raises(StoreError, match="changed in another window or command") as caught:
            window.apply(preview.change, planned_on=seen)
        assert caught.value.kind == "stale"
        assert len(window.log().payments) == 3
