"""Answers per second through Rubric.score_many against the engine's score_batch.

    python bindings/python/bench.py [--answers 10000] [--rounds 9]

Builds the batch that `cargo run --release --example perf -- --batch` scores:
10,000 answers to the caching question, each joining 3 to 12 sentences drawn
(with the same xorshift generator as benches/common/mod.rs) from the
question's typical answer and its sample answers. Then, round after round and
in alternation so that a busy machine slows both alike, it times

- `score_many`: `rubric.score_many(answers)` from a Python list of str to a
  list of Report objects, and dropping them;
- `score_batch`: the engine's `answer_rubric::score_batch` on the same answers
  already in Rust, and dropping its reports, with no Python object made
  (the module's hidden `_score_batch_seconds`);
- `score_many+points`: `score_many` and then reading `points` of every report,
  which builds the Python objects of its points and evidence.

and prints the median of each. Both batch functions use every core.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

import answer_rubric
from answer_rubric import _native

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[2]
MASK = (1 << 64) - 1


def batch(n: int, q: int = 5) -> list[str]:
    """`n` different answers to question `q` (0-based), as benches/common/mod.rs makes them."""
    fixture = sorted((REPO / "benches" / "fixtures").glob("*.txt"))[q]
    samples = sorted((REPO / "examples" / "answers").glob("*.toml"))[q]
    texts = [fixture.read_text(encoding="utf-8")]
    texts += [a["text"] for a in tomllib.loads(samples.read_text(encoding="utf-8"))["answers"]]
    sentences = []
    for text in texts:
        for s in re.findall(r"[^.!?\n]*[.!?\n]|[^.!?\n]+$", text):
            s = s.strip()
            if len(s.split()) >= 3:
                sentences.append(s)
    state = 0x2545_F491_4F6C_DD1D ^ q

    def below(m: int) -> int:
        nonlocal state
        state ^= (state << 13) & MASK
        state ^= state >> 7
        state ^= (state << 17) & MASK
        return state % m

    out = []
    for _ in range(n):
        k = 3 + below(10)
        out.append(" ".join(sentences[below(len(sentences))] for _ in range(k)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()

    rubric = answer_rubric.builtin("caching")
    answers = batch(args.answers)
    expected = rubric.score(answers[0]).to_json()

    def through_python(read_points: bool) -> float:
        start = time.perf_counter()
        reports = rubric.score_many(answers)
        assert len(reports) == len(answers)
        if read_points:
            for r in reports:
                r.points
        first = reports[0]
        del reports
        elapsed = time.perf_counter() - start
        assert first.to_json() == expected
        return elapsed

    # Warm-up: every thread's memos and buffers.
    through_python(False)
    _native._score_batch_seconds(rubric, answers)

    py, rs, pts = [], [], []
    for _ in range(args.rounds):
        py.append(through_python(False))
        rs.append(_native._score_batch_seconds(rubric, answers))
        pts.append(through_python(True))
    py_s, rs_s, pts_s = (statistics.median(v) for v in (py, rs, pts))
    n = len(answers)
    print(
        f"python: {n} answers (wall clock, median of {args.rounds}) "
        f"score_many={py_s * 1e3:.1f} ms ({n / py_s / 1e3:.1f} k answers/s) "
        f"score_batch={rs_s * 1e3:.1f} ms ({n / rs_s / 1e3:.1f} k answers/s) "
        f"ratio={py_s / rs_s:.2f} "
        f"score_many+points={pts_s * 1e3:.1f} ms (ratio {pts_s / rs_s:.2f}) "
        f"on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
