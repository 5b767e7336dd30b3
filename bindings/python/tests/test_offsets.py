"""Evidence offsets index the Python str (code points) and the UTF-8 bytes alike."""

from __future__ import annotations

import pytest

import answer_rubric
from answer_rubric import Report, Rubric

RUBRIC = """
id = "unicode"
title = "Unicode answers"
question = "What does a cache do?"

[[points]]
id = "memory"
label = "Keeps data in memory"
phrases = ["in memory", "en mémoire", "内存"]

[[points]]
id = "faster"
label = "Answers faster"
phrases = ["faster", "plus rapide", "更快"]

[[points]]
id = "cafe"
label = "Names the café"
phrases = ["café crème"]

[[misconceptions]]
id = "naive"
label = "A naïve claim"
penalty = 1
phrases = ["naïve façade"]
"""

ANSWERS = {
    "accented": "Le cache garde les données en mémoire, donc la réponse est plus rapide. "
    "Un café crème? Une naïve façade!",
    "decomposed": "Cafe\u0301 cre\u0300me, en me\u0301moire: plus rapide.",
    "cjk": "缓存把数据放在内存里，所以更快。 It keeps data in memory.",
    "emoji": "🚀🚀 A cache keeps data in memory 🧠, so it is faster 👩‍💻🇫🇷. Café crème ☕ naïve façade.",
    "mixed": "Ünïcödé 😀 ｆｕｌｌｗｉｄｔｈ: in memory, faster; 内存 更快 🎉 café crème",
}


def all_evidence(report: Report) -> list[answer_rubric.Evidence]:
    found = [e for p in report.points for e in p.evidence]
    found += [e for p in report.penalties for e in p.evidence]
    return found


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return Rubric.from_toml(RUBRIC)


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_slices_give_the_evidence_text(rubric: Rubric, name: str) -> None:
    answer = ANSWERS[name]
    report = rubric.score(answer)
    evidence = all_evidence(report)
    assert evidence, f"{name}: something must match"
    encoded = answer.encode("utf-8")
    for e in evidence:
        assert answer[e.start : e.end] == e.text, (name, e)
        assert encoded[e.byte_start : e.byte_end].decode("utf-8") == e.text, (name, e)
        assert len(answer[: e.start].encode("utf-8")) == e.byte_start
    # The JSON keeps the engine's byte offsets.
    spans = [(ev["start"], ev["end"]) for p in report.to_dict()["points"] for ev in p["evidence"]]
    assert spans == [(e.byte_start, e.byte_end) for p in report.points for e in p.evidence]


def test_non_ascii_answers_have_offsets_that_differ(rubric: Rubric) -> None:
    report = rubric.score(ANSWERS["emoji"])
    memory = report.point("memory")
    assert memory is not None and memory.status == "covered"
    e = memory.evidence[0]
    assert e.text == "in memory"
    assert e.byte_start - e.start == 2 * (4 - 1)  # two four-byte emoji before it
    assert report.penalties and report.penalties[0].evidence[0].text == "naïve façade"


def test_every_point_of_each_kind_is_found(rubric: Rubric) -> None:
    for name in ("accented", "cjk", "emoji"):
        report = rubric.score(ANSWERS[name])
        assert report.point("memory").status == "covered", name  # type: ignore[union-attr]
        assert report.point("faster").status == "covered", name  # type: ignore[union-attr]


def test_builtin_rubric_on_a_non_ascii_answer() -> None:
    rubric = answer_rubric.builtin("caching")
    answer = "Ein Cache — “schnell” — keeps a copy of hot data in memory 🧠 so we don't hit the database. 👍 TTL-based expiry."
    report = rubric.score(answer)
    evidence = all_evidence(report)
    assert evidence
    for e in evidence:
        assert answer[e.start : e.end] == e.text
