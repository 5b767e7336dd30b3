"""Reports from Python equal the Rust reports on every bundled sample answer.

The Rust side is the crate's own `score` example, which prints every sample
answer's report after a `=== ...` header line: as JSON with `--format json`
(`Report::to_json`), as text without (`Display`).
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

import answer_rubric

HEADER = re.compile(r"^=== .*\n", re.MULTILINE)


def rust_reports(repo: Path, *args: str) -> list[str]:
    """The reports the `score` example prints, one string each."""
    out = subprocess.run(
        ["cargo", "run", "--quiet", "--release", "--example", "score", "--", *args],
        cwd=repo,
        env=os.environ.copy(),
        check=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=1800,
    ).stdout
    blocks = HEADER.split(out)
    assert blocks[0] == "", "output starts with a header"
    # Each report is followed by the newline of `writeln!`.
    assert all(b.endswith("\n") for b in blocks[1:])
    return [b[:-1] for b in blocks[1:]]


@pytest.fixture(scope="module")
def python_reports(samples: list[tuple[str, str]]) -> list[answer_rubric.Report]:
    return [answer_rubric.builtin(q).score(text) for q, text in samples]


def test_json_equals_rust_byte_for_byte(
    repo: Path, samples: list[tuple[str, str]], python_reports: list[answer_rubric.Report]
) -> None:
    rust = rust_reports(repo, "--format", "json")
    assert len(rust) == len(samples)
    for (question, _), mine, theirs in zip(samples, python_reports, rust):
        assert mine.to_json() == theirs, question
    # score_many gives the same bytes.
    by_question: dict[str, list[int]] = {}
    for i, (q, _) in enumerate(samples):
        by_question.setdefault(q, []).append(i)
    for q, indices in by_question.items():
        many = answer_rubric.builtin(q).score_many([samples[i][1] for i in indices])
        assert [r.to_json() for r in many] == [rust[i] for i in indices], q


def test_text_report_equals_rust(
    repo: Path, samples: list[tuple[str, str]], python_reports: list[answer_rubric.Report]
) -> None:
    rust = rust_reports(repo)
    assert len(rust) == len(samples)
    for (question, _), mine, theirs in zip(samples, python_reports, rust):
        assert str(mine) == theirs, question
