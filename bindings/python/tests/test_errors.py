"""Rubric errors: one exception class with the kind and location of the Rust error."""

from __future__ import annotations

from pathlib import Path

import pytest

from answer_rubric import Rubric, RubricError

HEAD = 'id = "r"\ntitle = "T"\nquestion = "Q?"\n'


def point(body: str, id: str = "p") -> str:
    return f'\n[[points]]\nid = "{id}"\nlabel = "L"\n{body}\n'


def error_of(toml: str) -> RubricError:
    with pytest.raises(RubricError) as caught:
        Rubric.from_toml(toml)
    return caught.value


@pytest.mark.parametrize(
    ("toml", "kind", "line", "field"),
    [
        ("id = 'x'\ntitle = 1\n", "syntax", 2, None),
        (HEAD + point('weight = -1\nphrases = ["a b"]'), "invalid_weight", 8, "points[0].weight"),
        (HEAD + point('phrases = ["a b"]\ncolour = "red"'), "unknown_field", 9, None),
        (HEAD + point('phrases = ["a b"]') + point('phrases = ["c d"]'), "duplicate_id", 11, "points[1].id"),
        (HEAD + point("regex = ['(unclosed']"), "invalid_regex", 8, "points[0].regex[0]"),
        (HEAD + point('phrases = ["!!!"]'), "empty_alternative", 8, "points[0].phrases[0]"),
        (HEAD + point(""), "no_rules", None, None),
        (HEAD + '\n[[points]]\nid = "Not A Slug"\nlabel = "L"\nphrases = ["a"]\n', "invalid_id", 6, "points[0].id"),
    ],
)
def test_kind_line_column_field(toml: str, kind: str, line: int | None, field: str | None) -> None:
    err = error_of(toml)
    assert err.kind == kind
    if line is not None:
        assert err.line == line
        assert isinstance(err.column, int) and err.column >= 1
    if field is not None:
        assert err.field == field
    assert err.file is None
    message = str(err)
    assert f"kind `{kind}`" in message
    if err.line is not None:
        assert f"line {err.line}, column {err.column}" in message
    if err.field is not None:
        assert f"field `{err.field}`" in message


def test_syntax_error_position_and_message() -> None:
    err = error_of("id = 'x'\ntitle = 1\n")
    assert (err.kind, err.line, err.column, err.field) == ("syntax", 2, 9, None)
    assert str(err).endswith("(kind `syntax`, line 2, column 9)")
    assert str(err).startswith("syntax error: ")
    assert isinstance(err, ValueError)


def test_invalid_weight_names_everything() -> None:
    err = error_of(HEAD + point('weight = -1\nphrases = ["a b"]'))
    assert str(err) == (
        "invalid weight -1: must be a finite number above zero "
        f"(kind `invalid_weight`, line 8, column {err.column}, field `points[0].weight`)"
    )


def test_json_errors_have_lines_too() -> None:
    with pytest.raises(RubricError) as caught:
        Rubric.from_json('{\n  "id": "r",\n  "title": 7\n}')
    err = caught.value
    assert (err.kind, err.line) == ("syntax", 3)
    with pytest.raises(RubricError) as caught:
        Rubric.from_json('{"id": "r", "title": "T"}')
    assert caught.value.kind == "missing_field"


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "absent.toml"
    with pytest.raises(RubricError) as caught:
        Rubric.from_file(missing)
    err = caught.value
    assert (err.kind, err.file, err.line, err.column) == ("io", str(missing), None, None)
    assert f"file `{missing}`" in str(err)

    bad = tmp_path / "bad.toml"
    bad.write_text(HEAD + point('weight = 0\nphrases = ["a b"]'), encoding="utf-8")
    with pytest.raises(RubricError) as caught:
        Rubric.from_file(bad)
    err = caught.value
    assert (err.kind, err.file, err.line, err.field) == ("invalid_weight", str(bad), 8, "points[0].weight")

    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes(HEAD.encode() + b'# caf\xe9\n')
    with pytest.raises(RubricError) as caught:
        Rubric.from_file(latin1)
    assert (caught.value.kind, caught.value.line) == ("not_utf8", 4)


def test_hand_made_error_has_the_attributes() -> None:
    err = RubricError("by hand")
    assert (err.kind, err.file, err.line, err.column, err.field) == (None, None, None, None, None)
    assert str(err) == "by hand"
