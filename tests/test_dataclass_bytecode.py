"""The methods @dataclass writes are compiled once and kept (tracker.dataclass_bytecode).

What is kept must be the code exec() makes, a class made with it must behave as one made without
it, and a file that is missing, stale, damaged or cannot be written must only mean compiling as
before. A real second start of the program compiles nothing.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path
from types import CodeType
from typing import Any

import pytest

from tracker import dataclass_bytecode
from tracker.dataclass_bytecode import KeptCode

ROOT = Path(__file__).resolve().parents[1]

# The texts dataclasses writes, as it writes them (a frozen class's __setattr__, an __init__).
SETATTR = (
    "def __create_fn__(cls, FrozenInstanceError):\n"
    " def __setattr__(self,name,value):\n"
    "  if type(self) is cls or name in ('a','b',):\n"
    '   raise FrozenInstanceError(f"cannot assign to field {name!r}")\n'
    "  super(cls, self).__setattr__(name, value)\n"
    " return __setattr__"
)
INIT = (
    "def __create_fn__(_type_a, _return_type):\n"
    " def __init__(self, a:_type_a)->_return_type:\n"
    "  self.a=a\n"
    " return __init__"
)


def made_by_exec(source: str) -> Any:
    """`__create_fn__` as exec() makes it from the text in dataclasses, a module without future
    flags (this one has `annotations`, which an exec() called here would pass on)."""
    space: dict[str, object] = {}
    runner = compile("exec(source, {}, space)", "<test>", "exec", dont_inherit=True)
    exec(runner, {"source": source, "space": space})
    return space["__create_fn__"]


def made_from(code: CodeType) -> Any:
    space: dict[str, Any] = {}
    exec(code, {}, space)
    return space["__create_fn__"]


@pytest.mark.parametrize("source", [SETATTR, INIT])
def test_the_kept_code_is_the_code_exec_compiles(tmp_path: Path, source: str) -> None:
    path = tmp_path / "kept.bin"
    first = KeptCode(path)
    made = first.code_of(source)
    assert first.compiled == 1
    first.save()
    again = KeptCode(path)
    kept = again.code_of(source)
    assert again.compiled == 0
    assert kept == made
    expected = made_by_exec(source)
    served = made_from(kept)
    assert served.__code__ == expected.__code__
    assert served.__code__.co_filename == "<string>"


def test_the_kept_code_inherits_no_future_flag_from_the_module_that_compiles_it() -> None:
    # tracker.dataclass_bytecode has `from __future__ import annotations`, as this test has: the
    # annotations must still be objects, as dataclasses makes them.
    init = made_from(KeptCode(None).code_of(INIT))(int, None)
    assert init.__annotations__ == {"a": int, "return": None}
    inherited = made_from(compile(INIT, "<string>", "exec"))(int, None)
    assert inherited.__annotations__ == {"a": "_type_a", "return": "_return_type"}


def test_a_class_made_from_kept_code_behaves_as_one_made_without_it(tmp_path: Path) -> None:
    kept = KeptCode(tmp_path / "kept.bin")

    def make() -> type:
        @dataclasses.dataclass(frozen=True, slots=True, order=True)
        class Point:
            x: int
            y: int = 0

        return Point

    plain = make()
    original = dataclasses.__dict__.get("exec")

    def served_exec(source: str, globals: Any = None, locals: Any = None) -> None:
        exec(kept.code_of(source), globals, locals)

    dataclasses.exec = served_exec  # type: ignore[attr-defined]
    try:
        served = make()
    finally:
        if original is None:
            del dataclasses.exec  # type: ignore[attr-defined]
        else:
            dataclasses.exec = original  # type: ignore[attr-defined]
    assert kept.compiled > 5  # __init__, __repr__, __eq__, the order, the frozen methods
    for cls in (plain, served):
        p = cls(1, 2)
        assert repr(p).endswith("Point(x=1, y=2)")
        assert p == cls(1, 2) and p != cls(1, 3) and p < cls(2)
        assert hash(p) == hash(cls(1, 2))
        assert cls(5).y == 0
        with pytest.raises(dataclasses.FrozenInstanceError):
            p.x = 3
    assert [f.name for f in dataclasses.fields(served)] == ["x", "y"]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not ours at all",
        b"repute dataclass bytecode|another python|4|0\n\x00\x01",
        None,  # the right header, then bytes marshal cannot read
        "wrong types",  # the right header, then a dict of other things
    ],
)
def test_a_file_that_is_stale_or_damaged_is_ignored(tmp_path: Path, content: object) -> None:
    import marshal

    path = tmp_path / "kept.bin"
    header = dataclass_bytecode._HEADER.encode()
    if content is None:
        path.write_bytes(header + b"\xff\xfe garbage")
    elif content == "wrong types":
        path.write_bytes(header + marshal.dumps({"def f(): pass": "not code", 1: 2}))
    else:
        assert isinstance(content, bytes)
        path.write_bytes(content)
    kept = KeptCode(path)
    assert kept.codes == {}
    kept.code_of(INIT)
    kept.save()  # and the next run finds a good file in its place
    assert KeptCode(path).codes.keys() == {INIT}


def test_a_file_others_may_write_is_not_run(tmp_path: Path) -> None:
    path = tmp_path / "kept.bin"
    first = KeptCode(path)
    first.code_of(INIT)
    first.save()
    assert KeptCode(path).codes.keys() == {INIT}
    path.chmod(0o622)  # anyone in the group, or anyone at all, could have put code in it
    assert KeptCode(path).codes == {}
    path.chmod(0o600)
    assert KeptCode(path).codes.keys() == {INIT}


def test_a_folder_that_cannot_be_written_keeps_nothing_and_says_nothing(tmp_path: Path) -> None:
    # A file where the folder should be: no user, not even root, can make the folder there.
    blocked = tmp_path / "package"
    blocked.write_text("a file, not a folder", encoding="utf-8")
    kept = KeptCode(blocked / "__pycache__" / "kept.bin")
    kept.code_of(INIT)
    kept.save()
    assert blocked.read_text(encoding="utf-8") == "a file, not a folder"
    assert list(tmp_path.iterdir()) == [blocked]


def test_nothing_is_written_when_python_is_told_to_write_no_bytecode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    kept = KeptCode(tmp_path / "kept.bin")
    kept.code_of(INIT)
    kept.save()
    assert not (tmp_path / "kept.bin").exists()


def test_a_file_grown_past_its_limit_keeps_what_the_run_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dataclass_bytecode, "MOST_KEPT", 2)
    path = tmp_path / "kept.bin"
    old = KeptCode(path)
    for n in range(3):
        old.code_of(f"def __create_fn__():\n def f{n}(self):\n  pass\n return f{n}")
    old.save()
    assert len(KeptCode(path).codes) == 3
    run = KeptCode(path)
    run.code_of(INIT)
    run.save()
    assert KeptCode(path).codes.keys() == {INIT}


STARTED = """
import sys
sys.path.insert(0, {root!r})
from pathlib import Path
from tracker import dataclass_bytecode
kept = dataclass_bytecode.install(Path({path!r}))
import tracker.cli.commands, tracker.cli.json_out, tracker.engine.reports
print(kept.compiled, len(kept.used))
dataclass_bytecode.save()
"""


def test_a_second_start_compiles_none_of_the_methods(tmp_path: Path) -> None:
    script = STARTED.format(root=str(ROOT), path=str(tmp_path / "kept.bin"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def start() -> tuple[int, int]:
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        compiled, used = done.stdout.split()
        return int(compiled), int(used)

    first_compiled, first_used = start()
    assert first_compiled == first_used > 100  # the command line's classes, each method once
    assert start() == (0, first_used)
