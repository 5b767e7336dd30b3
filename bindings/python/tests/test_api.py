"""Each call of the package, on built-in and hand-written rubrics."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import answer_rubric
from answer_rubric import Report, Rubric

TCP_UDP = """
id = "tcp-udp"
title = "TCP vs UDP"
question = "How does TCP differ from UDP?"
required_cap = 0.2

[[points]]
id = "reliable"
label = "TCP is reliable"
weight = 2
required = true
hint = "Say that TCP retransmits lost segments and delivers in order."
phrases = ["retransmits lost packets", "guaranteed delivery", "in order"]

[[points]]
id = "connectionless"
label = "UDP has no connection"
hint = "Say that UDP needs no handshake."
phrases = ["connectionless", "no handshake"]

[[misconceptions]]
id = "udp-reliable"
label = "Believes UDP is reliable"
penalty = 1
explanation = "UDP neither retransmits nor orders datagrams."
phrases = ["udp is reliable"]
"""

ANSWER = "TCP retransmits lost packets. UDP is not connectionless."


@pytest.fixture()
def tcp_udp() -> Rubric:
    return Rubric.from_toml(TCP_UDP)


def test_from_toml_scores_points_evidence_and_denials(tcp_udp: Rubric) -> None:
    report = tcp_udp.score(ANSWER)
    assert isinstance(report, Report)
    assert report.rubric == "tcp-udp"
    reliable = report.point("reliable")
    assert reliable is not None
    assert (reliable.status, reliable.credit, reliable.weight) == ("covered", 1.0, 2.0)
    assert reliable.required and not reliable.bonus
    assert reliable.label == "TCP is reliable"
    assert isinstance(reliable.reason, str) and reliable.reason
    evidence = reliable.evidence[0]
    assert evidence.text == "retransmits lost packets"
    assert ANSWER[evidence.start : evidence.end] == evidence.text
    assert (evidence.byte_start, evidence.byte_end) == (evidence.start, evidence.end)
    assert evidence.rule == "phrase"
    assert evidence.matched == "retransmits lost packets"
    assert evidence.similarity is None and evidence.negated_by is None

    denied = report.point("connectionless")
    assert denied is not None and denied.status == "contradicted"
    assert denied.evidence[0].negated_by == "not"
    assert report.point("no-such-point") is None

    assert [p.id for p in report.points] == ["reliable", "connectionless"]
    assert [m.id for m in report.missing] == ["connectionless"]
    missing = report.missing[0]
    assert missing.status == "contradicted"
    assert missing.hint == "Say that UDP needs no handshake."
    assert missing.weight == 1.0 and not missing.bonus
    [denial] = report.penalties
    assert (denial.kind, denial.id, denial.penalty) == ("denial", "connectionless", 0.5)
    assert denial.label == "denies: UDP has no connection"
    assert denial.explanation is not None and "UDP is not connectionless" in denial.explanation
    assert denial.evidence[0].negated_by == "not"
    assert report.cap is None
    assert 0.0 < report.score < 1.0
    assert report.earned == 2.0 and report.possible == 3.0 and report.penalty == 0.5
    assert isinstance(report.band, str) and report.band
    assert report.answer == ANSWER
    assert report.rubric_hash == tcp_udp.content_hash


def test_penalties_and_cap(tcp_udp: Rubric) -> None:
    report = tcp_udp.score("UDP is reliable and connectionless.")
    assert [p.id for p in report.penalties] == ["udp-reliable"]
    penalty = report.penalties[0]
    assert penalty.kind == "misconception"
    assert penalty.penalty == 1.0
    assert penalty.label == "Believes UDP is reliable"
    assert penalty.explanation == "UDP neither retransmits nor orders datagrams."
    assert penalty.evidence[0].text.lower() == "udp is reliable"
    assert report.penalty == 1.0

    capped = tcp_udp.score("UDP is connectionless: there is no handshake.")
    cap = capped.cap
    assert cap is not None
    assert cap.at == 0.2
    assert cap.kind == "required_points"
    assert cap.because == ["reliable"]
    assert capped.score == 0.2
    assert capped.earned / capped.possible > 0.2
    assert capped.penalties == []


def test_to_json_to_dict_and_str(tcp_udp: Rubric) -> None:
    report = tcp_udp.score(ANSWER)
    text = report.to_json()
    assert text.startswith('{\n  "rubric": "tcp-udp",')
    assert report.to_dict() == json.loads(text)
    assert list(report.to_dict()) == list(json.loads(text))
    assert report.to_dict()["points"][0]["evidence"][0]["start"] == report.points[0].evidence[0].byte_start
    shown = str(report)
    assert shown.startswith("tcp-udp: score ")
    assert "[x] TCP is reliable" in shown
    assert "to improve:" in shown
    assert repr(report).startswith("<Report tcp-udp: score ")


def test_from_json_gives_the_same_rubric_as_toml(tcp_udp: Rubric) -> None:
    spec = {
        "id": "tcp-udp",
        "title": "TCP vs UDP",
        "question": "How does TCP differ from UDP?",
        "required_cap": 0.2,
        "points": [
            {
                "id": "reliable",
                "label": "TCP is reliable",
                "weight": 2,
                "required": True,
                "hint": "Say that TCP retransmits lost segments and delivers in order.",
                "phrases": ["retransmits lost packets", "guaranteed delivery", "in order"],
            },
            {
                "id": "connectionless",
                "label": "UDP has no connection",
                "hint": "Say that UDP needs no handshake.",
                "phrases": ["connectionless", "no handshake"],
            },
        ],
        "misconceptions": [
            {
                "id": "udp-reliable",
                "label": "Believes UDP is reliable",
                "penalty": 1,
                "explanation": "UDP neither retransmits nor orders datagrams.",
                "phrases": ["udp is reliable"],
            }
        ],
    }
    rubric = Rubric.from_json(json.dumps(spec))
    assert rubric.content_hash == tcp_udp.content_hash
    assert rubric.score(ANSWER).to_json() == tcp_udp.score(ANSWER).to_json()


def test_from_file_reads_toml_and_json(tmp_path: Path, tcp_udp: Rubric, repo: Path) -> None:
    path = tmp_path / "tcp-udp.toml"
    path.write_text(TCP_UDP, encoding="utf-8")
    assert Rubric.from_file(path).content_hash == tcp_udp.content_hash
    assert Rubric.from_file(str(path)).id == "tcp-udp"
    reference = Rubric.from_file(repo / "rubrics" / "REFERENCE.toml")
    assert reference.score("anything").rubric == reference.id


def test_rubric_properties() -> None:
    rubric = answer_rubric.builtin("caching")
    assert rubric.id == "caching"
    assert rubric.number == 6
    assert rubric.title and rubric.question.endswith("?")
    assert rubric.reference is None or isinstance(rubric.reference, str)
    assert rubric.language == "english"
    assert len(rubric.content_hash) == 16
    assert repr(rubric).startswith("<Rubric caching: ")


def test_builtin_by_number_slug_and_all() -> None:
    everything = answer_rubric.builtin_all()
    assert len(everything) == 15
    assert [r.number for r in everything] == list(range(1, 16))
    for rubric in everything:
        assert answer_rubric.builtin(rubric.number).id == rubric.id
        assert answer_rubric.builtin(str(rubric.number)).id == rubric.id
        assert answer_rubric.builtin(rubric.id).content_hash == rubric.content_hash
    assert answer_rubric.builtin("CACHING").id == "caching"
    with pytest.raises(KeyError, match="no built-in rubric `nope`"):
        answer_rubric.builtin("nope")
    with pytest.raises(KeyError):
        answer_rubric.builtin(99)
    with pytest.raises(TypeError):
        answer_rubric.builtin(6.0)  # type: ignore[arg-type]


def test_derive_from_a_reference_answer() -> None:
    rubric = answer_rubric.derive(
        "What does an index do?",
        "An index lets the database find rows without scanning the whole table. "
        "It speeds up reads but slows down writes and takes disk space.",
    )
    good = rubric.score("An index avoids a full table scan; reads get faster, writes slower.")
    off = rubric.score("I like turtles.")
    assert good.score > off.score
    assert rubric.question == "What does an index do?"
    with pytest.raises(answer_rubric.RubricError):
        answer_rubric.derive("Why?", "... !!! ...")


def test_score_many_equals_score_in_order(samples: list[tuple[str, str]]) -> None:
    rubric = answer_rubric.builtin("caching")
    answers = [text for _, text in samples]
    many = rubric.score_many(answers)
    assert [r.to_json() for r in many] == [rubric.score(a).to_json() for a in answers]
    assert [r.answer for r in many] == answers
    assert rubric.score_many(iter(answers[:3]))[2].answer == answers[2]
    assert rubric.score_many(tuple(answers[:2]))[1].answer == answers[1]
    assert rubric.score_many([]) == []
    with pytest.raises(TypeError, match="not one str"):
        rubric.score_many("one answer")
    with pytest.raises(TypeError):
        rubric.score_many(["fine", 3])  # type: ignore[list-item]


def test_scoring_never_fails_on_odd_answers() -> None:
    rubric = answer_rubric.builtin(1)
    for answer in ["", " ", "\x00\x00", "!!!", "é" * 10_000, "a " * 50_000]:
        report = rubric.score(answer)
        assert 0.0 <= report.score <= 1.0
        assert len(report.points) > 0


def test_every_public_name_is_documented() -> None:
    assert answer_rubric.__doc__
    for name in answer_rubric.__all__:
        if name == "__version__":
            continue
        item = getattr(answer_rubric, name)
        assert item.__doc__, name
        for attr, value in vars(item).items() if isinstance(item, type) else []:
            if not attr.startswith("_") and value is not None:
                assert value.__doc__, f"{name}.{attr}"
    assert isinstance(answer_rubric.__version__, str)


def test_stubs_and_py_typed_are_installed() -> None:
    package = Path(answer_rubric.__file__).parent
    assert (package / "py.typed").exists()
    assert (package / "_native.pyi").exists()


def test_package_docstring_examples_run() -> None:
    import doctest

    result = doctest.testmod(answer_rubric)
    assert result.attempted > 0 and result.failed == 0
