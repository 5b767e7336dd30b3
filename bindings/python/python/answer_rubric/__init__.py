"""Grade free-text answers to technical questions against rubrics of weighted key points.

The engine is the Rust crate ``answer-rubric``, unchanged: the same rubric and
answer give the same report, byte for byte in JSON, as from Rust.

>>> import answer_rubric
>>> rubric = answer_rubric.builtin("caching")
>>> report = rubric.score("A cache keeps hot data in memory so reads skip the database.")
>>> 0.0 < report.score <= 1.0
True
>>> [p.status for p in report.points][:1]
['covered']

Build a rubric with :meth:`Rubric.from_toml`, :meth:`Rubric.from_json`,
:meth:`Rubric.from_file`, :func:`builtin` or :func:`derive`; score one answer
with :meth:`Rubric.score` or many on all cores with :meth:`Rubric.score_many`.
Rubric errors raise :class:`RubricError`.
"""

from ._native import (
    Cap,
    Evidence,
    MissingPoint,
    Penalty,
    Point,
    Report,
    Rubric,
    RubricError,
    __version__,
    builtin,
    builtin_all,
    derive,
)

__all__ = [
    "Cap",
    "Evidence",
    "MissingPoint",
    "Penalty",
    "Point",
    "Report",
    "Rubric",
    "RubricError",
    "__version__",
    "builtin",
    "builtin_all",
    "derive",
]
