"""Shared fixtures: the repository's paths and its bundled sample answers."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[3]
"""The repository root: bindings/python/tests/ is three levels below it."""


def sample_files() -> list[Path]:
    """examples/answers/*.toml, in the order of their numbers."""
    return sorted((REPO / "examples" / "answers").glob("*.toml"))


def load_samples() -> list[tuple[str, str]]:
    """Every bundled sample answer as (question slug, answer text), in file order."""
    samples = []
    for path in sample_files():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        samples.extend((data["question"], a["text"]) for a in data["answers"])
    return samples


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def samples() -> list[tuple[str, str]]:
    found = load_samples()
    assert len(found) >= 15
    return found
