"""Rubrics are shared between threads: score_many and plain threads agree with score."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import answer_rubric


def answers(samples: list[tuple[str, str]], n: int) -> list[str]:
    texts = [text for _, text in samples]
    return [f"{texts[i % len(texts)]} ({i})" for i in range(n)]


def test_score_many_matches_score_on_a_large_batch(samples: list[tuple[str, str]]) -> None:
    rubric = answer_rubric.builtin("caching")
    batch = answers(samples, 500)
    many = rubric.score_many(batch)
    assert len(many) == len(batch)
    for answer, report in zip(batch, many):
        assert report.answer == answer
        assert report.to_json() == rubric.score(answer).to_json()


def test_plain_threads_share_one_rubric(samples: list[tuple[str, str]]) -> None:
    rubric = answer_rubric.builtin("sql-nosql")
    batch = answers(samples, 64)
    expected = [rubric.score(a).to_json() for a in batch]
    results: dict[int, str] = {}
    errors: list[BaseException] = []

    def work(start: int) -> None:
        try:
            for i in range(start, len(batch), 4):
                report = rubric.score(batch[i])
                _ = report.points  # views built on the worker thread
                results[i] = report.to_json()
        except BaseException as e:  # pragma: no cover
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert [results[i] for i in range(len(batch))] == expected


def test_thread_pool_with_score_many_and_many_rubrics(samples: list[tuple[str, str]]) -> None:
    rubrics = answer_rubric.builtin_all()
    batch = answers(samples, 40)
    expected = {r.id: [r.score(a).score for a in batch] for r in rubrics}
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = dict(pool.map(lambda r: (r.id, [x.score for x in r.score_many(batch)]), rubrics))
    assert got == expected


def test_one_report_read_from_many_threads(samples: list[tuple[str, str]]) -> None:
    report = answer_rubric.builtin("caching").score(samples[0][1])
    seen: list[list[str]] = []
    lock = threading.Lock()

    def read() -> None:
        ids = [p.id for p in report.points] + [m.id for m in report.missing]
        with lock:
            seen.append(ids)

    threads = [threading.Thread(target=read) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 8 and all(s == seen[0] for s in seen)
