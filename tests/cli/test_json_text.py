"""The commands' JSON: orjson's text reads back as what the standard library would have written."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from tracker.cli.output import json_text

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(json_values, st.booleans())
def test_the_text_reads_back_as_the_value(value: object, indented: bool) -> None:
    text = json_text(value, indented=indented)
    assert json.loads(text) == json.loads(json.dumps(value))


def test_a_program_gets_one_line_and_a_person_an_indented_text() -> None:
    value = {"score": 83, "windows": {"3m": {"score": 84.2091}}, "title": "Café"}
    assert (
        json_text(value, indented=False)
        == '{"score":83,"windows":{"3m":{"score":84.2091}},"title":"Café"}'
    )
    assert json_text(value, indented=True).splitlines()[:3] == [
        "{",
        '  "score": 83,',
        '  "windows": {',
    ]


def test_what_orjson_refuses_is_written_by_the_standard_library() -> None:
    past_64_bits = {"n": 2**70}
    assert json.loads(json_text(past_64_bits, indented=False)) == past_64_bits
    lone_surrogate = {"title": "a\ud800b"}
    assert json_text(lone_surrogate, indented=False) == json.dumps(
        lone_surrogate, ensure_ascii=False
    )
