"""Type stubs of the compiled module; import from ``answer_rubric``."""

import os
from typing import Any, Iterable, Literal, Optional, Union, final

__version__: str

class RubricError(ValueError):
    """A rubric that cannot be read or compiled.

    The message names the kind and, when known, the file, line, column and field.
    """

    kind: Optional[str]
    """A snake_case name: ``io``, ``not_utf8``, ``syntax``, ``unknown_field``,
    ``missing_field``, ``invalid_regex``, ``regex_too_big``, ``duplicate_id``,
    ``invalid_id``, ``invalid_weight``, ``out_of_range``, ``empty_alternative``,
    ``empty_field``, ``only_bonus_points``, ``no_rules``, ``unknown_point``,
    ``k_out_of_range``, ``band_overlap``, ``band_gap``, ``too_large`` or ``other``."""
    file: Optional[str]
    """The file, for rubrics read with ``Rubric.from_file``."""
    line: Optional[int]
    """1-based line of the offending value."""
    column: Optional[int]
    """1-based column of the offending value, counted in characters."""
    field: Optional[str]
    """The field's path, such as ``points[2].weight``."""

@final
class Evidence:
    """A span of the answer and the rule that matched it.

    ``start`` and ``end`` count code points, so ``answer[e.start:e.end] == e.text``;
    ``byte_start`` and ``byte_end`` count UTF-8 bytes, as the engine and
    ``Report.to_json()`` do (there named ``start`` and ``end``).
    """

    @property
    def start(self) -> int:
        """Code-point offset of the first character in the answer."""
    @property
    def end(self) -> int:
        """Code-point offset just past the last character."""
    @property
    def byte_start(self) -> int:
        """Byte offset of the first byte in the UTF-8 answer."""
    @property
    def byte_end(self) -> int:
        """Byte offset just past the last byte."""
    @property
    def text(self) -> str:
        """The matched text, as written in the answer."""
    @property
    def rule(self) -> str:
        """The rule that matched: ``phrase``, ``partial``, ``all_of[0]``, ``k_of_n[0]``, ``claims[0]``, ``regex[0]`` ..."""
    @property
    def matched(self) -> str:
        """The alternative (or pattern) that matched, as written in the rubric."""
    @property
    def similarity(self) -> Optional[float]:
        """For a match with typos: the similarity of the misspelt words (below 1)."""
    @property
    def negated_by(self) -> Optional[str]:
        """For a denied match: the negating word, as written."""

@final
class Point:
    """One key point of the rubric and how well the answer covers it."""

    @property
    def id(self) -> str:
        """The point's id."""
    @property
    def label(self) -> str:
        """The point's label."""
    @property
    def weight(self) -> float:
        """The point's weight."""
    @property
    def required(self) -> bool:
        """Whether the point is required."""
    @property
    def bonus(self) -> bool:
        """Whether the point is a bonus point (its weight is not in ``possible``)."""
    @property
    def credit(self) -> float:
        """Credit in [0, 1]."""
    @property
    def status(self) -> str:
        """``covered``, ``partial``, ``missing`` or ``contradicted``."""
    @property
    def reason(self) -> str:
        """Why the credit was given or withheld, in a few words."""
    @property
    def evidence(self) -> list[Evidence]:
        """Where in the answer the point was found (or found denied)."""
    @property
    def voided_by(self) -> Optional[str]:
        """The misconception whose wrong claim voided the point."""

@final
class MissingPoint:
    """A key point the answer did not earn, with the hint that would earn it."""

    @property
    def id(self) -> str:
        """The point's id."""
    @property
    def label(self) -> str:
        """The point's label."""
    @property
    def weight(self) -> float:
        """The point's weight."""
    @property
    def status(self) -> str:
        """``missing`` or ``contradicted``."""
    @property
    def bonus(self) -> bool:
        """Whether the point is a bonus point."""
    @property
    def hint(self) -> Optional[str]:
        """What to add, from the rubric."""

@final
class Penalty:
    """A wrong claim found in the answer (a misconception, or a key point the answer denies), and what it cost."""

    @property
    def id(self) -> str:
        """The misconception's id, or the id of the denied point."""
    @property
    def kind(self) -> Literal["misconception", "denial"]:
        """Which kind of wrong claim it is."""
    @property
    def label(self) -> str:
        """The misconception's label, or "denies: " and the point's label."""
    @property
    def penalty(self) -> float:
        """Points subtracted."""
    @property
    def explanation(self) -> Optional[str]:
        """Why the claim is wrong: the misconception's explanation from the rubric, or the sentence that denies the point."""
    @property
    def evidence(self) -> list[Evidence]:
        """Where the claim was found."""

@final
class Cap:
    """A score cap: required points were not earned, or several wrong claims."""

    @property
    def at(self) -> float:
        """The cap."""
    @property
    def kind(self) -> str:
        """Why: "required_points" or "wrong_claims"."""
    @property
    def because(self) -> list[str]:
        """The ids of the required points that were not earned, or of the wrong claims."""

@final
class Report:
    """The result of scoring one answer against one rubric.

    ``str(report)`` is the text report; ``to_json()`` is the engine's JSON, byte
    for byte; ``to_dict()`` is that JSON as Python data.
    """

    @property
    def score(self) -> float:
        """The score in [0, 1]: earned points minus penalties, over the possible
        points, capped when a required point is missing."""
    @property
    def band(self) -> str:
        """The band the score falls in, such as ``good`` or ``excellent``."""
    @property
    def rubric(self) -> str:
        """The rubric's id."""
    @property
    def rubric_hash(self) -> str:
        """A hash of the rubric's content."""
    @property
    def earned(self) -> float:
        """Points earned: the sum of weight × credit."""
    @property
    def possible(self) -> float:
        """Points possible: the sum of the weights of the points that are not bonus points."""
    @property
    def penalty(self) -> float:
        """Points lost to misconceptions."""
    @property
    def cap(self) -> Optional[Cap]:
        """The cap applied (required points missing, or several wrong claims)."""
    @property
    def points(self) -> list[Point]:
        """Every key point, in rubric order."""
    @property
    def missing(self) -> list[MissingPoint]:
        """The points not earned (missing or contradicted), heaviest first, with hints."""
    @property
    def penalties(self) -> list[Penalty]:
        """The misconceptions found, with what each cost."""
    @property
    def answer(self) -> str:
        """The answer that was scored."""
    def point(self, id: str) -> Optional[Point]:
        """The report of one point by id, or None when the rubric has no such point."""
    def to_json(self) -> str:
        """The report as the engine's pretty-printed JSON, byte for byte."""
    def to_dict(self) -> dict[str, Any]:
        """The report's JSON as Python data: dicts, lists, str, float, bool."""
    def __str__(self) -> str:
        """The text report: score, band, each point with its evidence, what to improve, penalties."""

@final
class Rubric:
    """A compiled rubric: checked once, then used to score any number of answers.

    Immutable and safe to share between threads.
    """

    @staticmethod
    def from_toml(text: str) -> Rubric:
        """Reads and compiles a rubric from TOML text. Raises RubricError."""
    @staticmethod
    def from_json(text: str) -> Rubric:
        """Reads and compiles a rubric from JSON text (the same schema as TOML). Raises RubricError."""
    @staticmethod
    def from_file(path: Union[str, "os.PathLike[str]"]) -> Rubric:
        """Reads and compiles a rubric file: JSON when the name ends in ``.json``,
        TOML otherwise. Raises RubricError, naming the file."""
    def score(self, answer: str) -> Report:
        """Scores one answer. Never fails, whatever the text; releases the GIL."""
    def score_many(self, answers: Iterable[str]) -> list[Report]:
        """Scores many answers on all cores, with the GIL released; the reports
        come back in the order of ``answers``, equal to those of ``score``."""
    @property
    def id(self) -> str:
        """The rubric's id, a slug such as ``caching``."""
    @property
    def number(self) -> Optional[int]:
        """The question's number in its set."""
    @property
    def title(self) -> str:
        """The rubric's title."""
    @property
    def question(self) -> str:
        """The question as asked."""
    @property
    def reference(self) -> Optional[str]:
        """The reference answer."""
    @property
    def language(self) -> str:
        """The language of the answers, lowercase, such as ``english``."""
    @property
    def content_hash(self) -> str:
        """A hash of the rubric's content (the same for TOML and JSON with the same content)."""

def builtin(number_or_slug: Union[int, str]) -> Rubric:
    """A built-in rubric by number (``6`` or ``"6"``) or slug (``"caching"``).

    Raises KeyError when there is no such rubric."""

def builtin_all() -> list[Rubric]:
    """All built-in rubrics, in the order of their numbers."""

def derive(question: str, reference: str) -> Rubric:
    """Writes and compiles a rubric from a question and its reference answer.

    Raises RubricError when the reference has no words to make points of."""

def _score_batch_seconds(rubric: Rubric, answers: list[str]) -> float:
    """Not part of the API: the seconds the engine's batch scoring takes on ``answers``."""
