"""The benchmark runner: times Repute's commands as whole processes and prints a Markdown table.

Three sections, one per issue that sets speed targets:
- core: the agency-scale log (10,000 contracts, 1,000 clients, 20,000 payments, 100,000 invites
  over 12 years): import, score, explain and trend, each timed in turns with the sqlite3 floor
  and judged as a ratio to it, and the in-process recompute after one edit at 1,000 contracts;
- whatif: 200 contracts over 4 years with 30 snapshots: whatif, plan, calibrate;
- window: a 1,000-contract log: start to the Overview painted with its estimate against a bare
  pyqtgraph window's first paint, `--screenshot` against that window drawn and saved, the peak
  memory of `--screenshot` on the agency log, and an edit to the updated window, in-process.

Every command runs once untimed (so Python's bytecode cache and the disk cache are warm, as on a
user's machine after installing), then `--repeat` times; the table gives the median. A command
that fails or does not exist yet is reported as "not available", never as a crash.

Usage: python bench/run.py [--only NAME] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate_log import generate
from bench.processes import (
    Measured,
    Turn,
    Unavailable,
    measure,
    measure_pair,
    measure_turns,
    run_once,
)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
TODAY = "2026-11-26"
TEN_YEARS_AGO = "2016-11-26"
MEMORY_MIB = 250  # the window's peak on the agency log

# name: (contracts, clients, payments, invites, years, snapshots)
LOGS = {
    "agency": (10000, 1000, 20000, 100000, 12, None),
    "thousand": (1000, 150, 2500, 10000, 10, None),
    "whatif": (200, 50, 600, 2000, 4, 30),
}
SECTIONS = {
    "core": ("floor", "import", "score", "explain", "trend", "engine-edit"),
    "whatif": ("whatif", "plan", "calibrate"),
    "window": (
        "window-floor",
        "window-start",
        "window-shot-floor",
        "window-shot",
        "window-memory",
        "window-edit",
    ),
    "package": ("package-size", "bundle-shot", "venv-shot"),
}


@dataclass(frozen=True)
class Row:
    """One line of the table."""

    name: str
    target: str
    measured: str
    ratio: float | None
    result: str


class Bench:
    """Runs the measurements, each at most once, whichever rows ask for them."""

    def __init__(self, repeat: int, scratch: Path, wanted: Iterable[str] = ()) -> None:
        self.repeat = repeat
        self.wanted = set(wanted)  # the rows asked for: what is timed in turns with the floor
        self.scratch = scratch
        self.python = sys.executable
        self.env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        self.env.update({"REPUTE_TODAY": TODAY, "QT_QPA_PLATFORM": "offscreen"})
        # A probe that ends at its first paint (os._exit) cannot remove what it made: it makes
        # it in this run's scratch folder, removed with it.
        self.env["REPUTE_BENCH_SCRATCH"] = str(scratch)
        self.env.pop("REPUTE_DB", None)
        self._memo: dict[str, object] = {}

    def once(self, key: str, compute: Callable[[], object]) -> object:
        """The result of `compute` (or the Unavailable it raised), computed the first time only."""
        if key not in self._memo:
            try:
                self._memo[key] = compute()
            except Unavailable as error:
                self._memo[key] = error
        value = self._memo[key]
        if isinstance(value, Unavailable):
            raise value
        return value

    def log_file(self, name: str) -> Path:
        contracts, clients, payments, invites, years, snapshots = LOGS[name]
        path = OUT / f"{name}-{contracts}-{clients}-{payments}-{invites}-{years}.json"
        if not path.exists():
            OUT.mkdir(parents=True, exist_ok=True)
            document = generate(
                contracts, clients, payments, invites, years, seed=2026, snapshots=snapshots
            )
            path.write_text(json.dumps(document) + "\n", encoding="utf-8")
        return path

    def main_py(self, *args: str) -> list[str]:
        return [self.python, str(ROOT / "main.py"), *args]

    def timed(
        self, key: str, argv: list[str], prepare: Callable[[int], None] | None = None
    ) -> Measured:
        return self.once(  # type: ignore[return-value]
            key, lambda: measure(argv, self.env, ROOT, self.repeat, prepare=prepare)
        )

    def paired(self, key: str, argv: list[str], floor_key: str, floor_argv: list[str]) -> None:
        """Time a command in turns with its floor, once; each result is kept under its own key."""
        if key not in self._memo:
            self._memo[key], self._memo[floor_key] = measure_pair(
                argv, floor_argv, self.env, ROOT, self.repeat
            )

    def result(self, key: str) -> Measured:
        """A measurement made earlier (by `paired`), or the Unavailable it ended in."""
        value = self._memo[key]
        if isinstance(value, Unavailable):
            raise value
        assert isinstance(value, Measured)
        return value

    def database(self, name: str) -> Path:
        """A database holding the log `name` for the read benchmarks, imported once, untimed.

        Its own file, not the import benchmark's: that one is made again before every import.
        """

        def build() -> Path:
            path = self.scratch / name / "repute.sqlite3"
            path.parent.mkdir(parents=True, exist_ok=True)
            run = run_once(
                self.main_py("--db", str(path), "import", str(self.log_file(name))), self.env, ROOT
            )
            if not run.ok:
                raise Unavailable(f"import failed: {run.complaint()}")
            return path

        return self.once(f"db-{name}", build)  # type: ignore[return-value]

    def agency_turns(self) -> None:
        """The floor and the agency-scale commands, timed in turns once (each under its own key).

        The floor is a fresh Python reading every row of the same database with sqlite3
        (probe_floor_read.py): each command's target is a ratio to it. It is run just before
        each command, in every round (floor, import, floor, score, ...), and each command is
        judged against its own floor runs (key "floor-before-<command>"): this host's speed
        changes from one second to the next, and a floor taken at the start of a round could
        meet the round's last command in another spell. "floor" holds every floor run.
        """
        if "floor" in self._memo:
            return
        wanted = {"floor", *(key for key in self.wanted if key in AGENCY_TARGETS)}
        database = str(self.database("agency"))
        folder = self.scratch / "import"

        def fresh(_: int) -> None:
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)

        imported = str(folder / "repute.sqlite3")
        commands: dict[str, Turn] = {
            "floor": ([self.python, str(ROOT / "bench" / "probe_floor_read.py"), database], None),
            "import": (
                self.main_py("--db", imported, "import", str(self.log_file("agency"))),
                fresh,
            ),
            "score": (self.main_py("--db", database, "score", "--json"), None),
            "explain": (self.main_py("--db", database, "explain", "--json"), None),
            "trend": (
                self.main_py(
                    "--db", database, "trend", "--step", "day", "--from", TEN_YEARS_AGO, "--json"
                ),
                None,
            ),
        }
        chosen = [key for key in commands if key in wanted and key != "floor"]
        keys = [key for command in chosen for key in (f"floor-before-{command}", command)]
        keys = keys or ["floor-before-nothing"]  # the floor's row alone
        turns = [commands["floor" if key.startswith("floor-") else key] for key in keys]
        results = measure_turns(turns, self.env, ROOT, self.repeat)
        self._memo.update(zip(keys, results, strict=True))
        floors = [
            result for key, result in zip(keys, results, strict=True) if key.startswith("floor-")
        ]
        broken = next((result for result in floors if isinstance(result, Unavailable)), None)
        every_floor_run = [
            run for result in floors if isinstance(result, Measured) for run in result.runs
        ]
        self._memo["floor"] = broken or Measured(tuple(every_floor_run))

    def probe(self, key: str, script: str, *args: str) -> list[float]:
        """Seconds measured inside a probe process (it prints {"seconds": [...]})."""

        def run() -> list[float]:
            result = run_once([self.python, str(ROOT / "bench" / script), *args], self.env, ROOT)
            if not result.ok:
                raise Unavailable(result.complaint())
            return [float(s) for s in json.loads(result.stdout.splitlines()[-1])["seconds"]]

        return self.once(key, run)  # type: ignore[return-value]


def seconds_row(name: str, measured: Measured | float, target: float, unit: str = "s") -> Row:
    value = measured.median if isinstance(measured, Measured) else measured
    shown = f"{value * 1000:.1f} ms" if unit == "ms" else f"{value:.3f} s"
    wanted = f"<= {target * 1000:.0f} ms" if unit == "ms" else f"<= {target:g} s"
    return Row(name, wanted, shown, value / target, "pass" if value <= target else "FAIL")


def reference_row(name: str, measured: Measured) -> Row:
    return Row(name, "(reference)", f"{measured.median:.3f} s", None, "floor")


def build_row(bench: Bench, key: str) -> Row:
    """Measure what row `key` needs and describe it; Unavailable propagates to the caller."""

    if key in AGENCY_TARGETS:
        bench.agency_turns()
        floor = bench.result("floor")
        if key == "floor":
            return reference_row("floor: a fresh python + sqlite3 reading every row", floor)
        name, target = AGENCY_TARGETS[key]
        return ratio_row(name, bench.result(key), bench.result(f"floor-before-{key}"), target)
    if key == "engine-edit":
        seconds = bench.probe(
            "engine-edit",
            "probe_engine_edit.py",
            str(bench.log_file("thousand")),
            TODAY,
            str(max(bench.repeat, 5)),
        )
        return seconds_row(
            "recompute after one edit, 1,000 contracts (in-process)",
            statistics.median(seconds),
            0.050,
            unit="ms",
        )
    if key in ("whatif", "plan", "calibrate"):
        return whatif_row(bench, key)
    if key in SECTIONS["package"]:
        return package_row(bench, key)
    return window_row(bench, key)


# The agency log's commands: their row's name and the most they may take, as times the floor.
AGENCY_TARGETS = {
    "floor": ("", 1.0),
    "import": ("import agency.json (10,000 contracts, 100,000 invites)", 10.0),
    "score": ("score --json", 2.0),
    "explain": ("explain --json", 2.0),
    "trend": ("trend --step day over 10 years --json", 3.0),
}


def ratio_row(name: str, measured: Measured, floor: Measured, target: float) -> Row:
    """A command against its floor, both medians of runs taken in turns (the floor's runs, those
    made just before the command's)."""
    ratio = measured.median / floor.median
    return Row(
        name,
        f"<= {target:g}x floor",
        f"{measured.median:.3f} s = {ratio:.2f}x its floor's {floor.median:.3f} s",
        ratio / target,
        "pass" if ratio <= target else "FAIL",
    )


def whatif_row(bench: Bench, key: str) -> Row:
    database = str(bench.database("whatif"))
    if key == "whatif":
        change = bench.scratch / "change.json"
        change.write_text(json.dumps(whatif_change(bench.log_file("whatif"))), encoding="utf-8")
        argv = bench.main_py("--db", database, "whatif", "--change", str(change), "--json")
        return seconds_row("whatif --change (200 contracts)", bench.timed("whatif", argv), 1.0)
    if key == "plan":
        argv = bench.main_py("--db", database, "plan", "--target", "95", "--json")
        return seconds_row("plan --target 95", bench.timed("plan", argv), 2.0)
    argv = bench.main_py("--db", database, "calibrate", "--json")
    return seconds_row(
        "calibrate (30 snapshots, leave-one-out)", bench.timed("calibrate", argv), 30.0
    )


def whatif_change(log_path: Path) -> dict[str, object]:
    """A typical what-if: a five-star job for a new client, and the last finished job removed."""
    document = json.loads(log_path.read_text(encoding="utf-8"))
    ended = [c for c in document["contracts"] if c["ended"] is not None]
    return {
        "add": {
            "clients": [{"id": "cl-whatif", "name": "A new client"}],
            "contracts": [
                {
                    "id": "k-whatif",
                    "client": "cl-whatif",
                    "kind": "fixed",
                    "started": "2026-11-02",
                    "ended": "2026-11-20",
                }
            ],
            "payments": [{"contract": "k-whatif", "date": "2026-11-20", "amount": 800.0}],
            "feedback": [
                {"contract": "k-whatif", "date": "2026-11-21", "stars": 5.0, "private": 10}
            ],
        },
        "remove": {"contracts": [ended[-1]["id"]]},
    }


def window_row(bench: Bench, key: str) -> Row:
    probe = str(ROOT / "bench" / "probe_first_paint.py")
    database = str(bench.database("thousand"))
    if key in ("window-floor", "window-start"):
        bench.paired(
            "window-start", [bench.python, probe, database], "window-floor", [bench.python, probe]
        )
        bare = bench.result("window-floor")
        if key == "window-floor":
            return reference_row("floor: start to first paint of a bare pyqtgraph window", bare)
        started = bench.result("window-start")
        return ratio_row(
            "start to the Overview painted with its estimate, 1,000 contracts", started, bare, 1.3
        )
    if key in ("window-shot-floor", "window-shot"):
        shot = str(bench.scratch / "window.png")
        bench.paired(
            "window-shot",
            bench.main_py("--db", database, "--screenshot", shot, "--size", "1280x800"),
            "window-shot-floor",
            [bench.python, str(ROOT / "bench" / "probe_bare_shot.py"), shot],
        )
        bare = bench.result("window-shot-floor")
        if key == "window-shot-floor":
            return reference_row("floor: a bare pyqtgraph window drawn and saved", bare)
        return ratio_row(
            "main.py --screenshot, 1,000 contracts", bench.result("window-shot"), bare, 1.3
        )
    if key == "window-memory":
        shot = str(bench.scratch / "agency.png")
        argv = bench.main_py("--db", agency_database(bench), "--screenshot", shot)
        peak = bench.timed("window-memory", argv).peak_mib
        return Row(
            "peak memory of the window (--screenshot), agency log",
            f"<= {MEMORY_MIB} MiB",
            f"{peak:.0f} MiB",
            peak / MEMORY_MIB,
            "pass" if peak <= MEMORY_MIB else "FAIL",
        )
    # Fifteen edits (with --repeat 5): one edit takes 30 to 50 ms, so five of them fit in one
    # slow second of a shared host; fifteen, with their undos, span several.
    seconds = bench.probe(
        "window-edit", "probe_window_edit.py", database, TODAY, str(max(3 * bench.repeat, 5))
    )
    return seconds_row(
        "edit to updated dashboard and chart (in-process)",
        statistics.median(seconds),
        0.050,
        unit="ms",
    )


def agency_database(bench: Bench) -> str:
    return str(bench.database("agency"))


def built_package() -> tuple[Path, Path]:
    """(the .deb, the bundled program): packaging/build-linux.sh's, or the installed one's.

    REPUTE_BUNDLE names another bundled program (e.g. /opt/repute/repute after installing).
    """
    debs = sorted((ROOT / "dist").glob("repute_*.deb"))
    program = Path(os.environ.get("REPUTE_BUNDLE", ROOT / "build/linux/dist/repute/repute"))
    if not debs or not program.exists():
        raise Unavailable("no package built: run packaging/build-linux.sh first")
    return debs[-1], program


def package_row(bench: Bench, key: str) -> Row:
    """The .deb's size; the bundled program's start to a saved --screenshot against the venv's."""
    deb, program = built_package()
    if key == "package-size":
        mib = deb.stat().st_size / 2**20
        files = [f for f in program.parent.rglob("*") if f.is_file() and not f.is_symlink()]
        installed = sum(f.stat().st_size for f in files) / 2**20
        return Row(
            f"{deb.name}: download, installed",
            "(information)",
            f"{mib:.0f} MiB, {installed:.0f} MiB",
            None,
            "info",
        )
    database = str(bench.database("thousand"))
    shot = str(bench.scratch / "package.png")
    screenshot = ("--db", database, "--screenshot", shot, "--size", "1280x800")
    bench.paired(
        "bundle-shot", [str(program), *screenshot], "venv-shot", bench.main_py(*screenshot)
    )
    venv = bench.result("venv-shot")
    if key == "venv-shot":
        return reference_row("venv: main.py --screenshot, 1,000 contracts (in turns)", venv)
    bundled = bench.result("bundle-shot")
    ratio = bundled.median / venv.median
    return Row(
        "bundled repute --screenshot, 1,000 contracts",
        "(information)",
        f"{bundled.median:.3f} s ({ratio:.2f}x venv), {bundled.peak_mib:.0f} MiB peak",
        ratio,
        "info",
    )


def markdown(rows: list[tuple[str, Row]], repeat: int) -> str:
    lines = [
        f"Repute benchmark: REPUTE_TODAY={TODAY}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, {platform.system()}; whole processes, median of {repeat} "
        "after one warm-up run (in-process rows: median of their repetitions).",
        "",
        "| section | benchmark | target | measured | ratio | result |",
        "|---|---|---|---|---|---|",
    ]
    for section, row in rows:
        ratio = f"{row.ratio:.2f}" if row.ratio is not None else ""
        lines.append(
            f"| {section} | {row.name} | {row.target} | {row.measured} | {ratio} | {row.result} |"
        )
    return "\n".join(lines)


def selected(only: str | None) -> list[tuple[str, str]]:
    """(section, row key) pairs that `--only` asks for: a section's name or a row's."""
    pairs = [(section, key) for section, keys in SECTIONS.items() for key in keys]
    if only is None:
        return pairs
    chosen = [(s, k) for s, k in pairs if only in (s, k)]
    if not chosen:
        names = ", ".join(dict.fromkeys([*SECTIONS, *(k for _, k in pairs)]))
        raise SystemExit(f"--only {only!r} is not a section or a benchmark; choose from {names}")
    return chosen


def main(argv: list[str] | None = None) -> int:
    """Run the chosen benchmarks and print the table."""
    parser = argparse.ArgumentParser(description="Time Repute's commands; print a Markdown table.")
    parser.add_argument(
        "--only", help="a section (core, whatif, window, package) or one benchmark's name"
    )
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per command (median)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    rows: list[tuple[str, Row]] = []
    with tempfile.TemporaryDirectory(prefix="repute-bench-") as folder:
        chosen = selected(args.only)
        bench = Bench(args.repeat, Path(folder), (key for _, key in chosen))
        for section, key in chosen:
            try:
                row = build_row(bench, key)
            except Unavailable as error:
                row = Row(key, "", "", None, f"not available: {error}")
            rows.append((section, row))
            print(f"{section}/{key}: {row.measured or row.result}", file=sys.stderr, flush=True)
    print(markdown(rows, args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
