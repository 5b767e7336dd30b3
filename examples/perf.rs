//! Scoring speed, measured in one process, against the floor (the text pass
//! alone) and the naive baseline, plus how the engine's decisions compare
//! with the naive ones on the bundled sample answers.
//!
//! ```text
//! cargo run --release --example perf             # three lines
//! cargo run --release --example perf -- --batch  # and the multi-core speed-up
//! cargo run --release --example perf -- --only score 3  # no timing: for profilers
//! ```
//!
//! `--only score N` (or `--only floor N`) scores (or tokenises) the fifteen
//! typical answers, 20 times each, N times over after one warm-up pass, and
//! prints nothing: run it under `valgrind --tool=callgrind` or `perf record`
//! (BENCHMARKS.md has the commands).
//!
//! Prints
//!
//! ```text
//! perf: score_us=<µs to score a ~300-word answer against its rubric>
//!       floor_ratio=<scoring time / text-pass time, same answers>
//!       naive_ratio=<naive baseline time / scoring time, same answers>
//!       linear=<µs per KB at 1 MB / µs per KB at 1 KB, same mix of text>
//! baselines: <µs per answer of the floor and of both naive baselines>
//! derived: <µs per answer of the hand-written rubrics, of rubrics derived
//!          from their questions and references (plain, with WordNet), their
//!          sizes in alternatives, and time per alternative against the
//!          hand-written rubrics>
//! quality: <ranking of the sample answers, engine against naive>
//! ```
//!
//! Scoring, the floor and the baselines are timed in alternation, round
//! after round, so that a busy machine slows all of them alike; every figure
//! is a median over rounds (score_us: of the mean over the fifteen typical
//! answers, each scored 20 times in a row). Times are wall-clock times: on a
//! shared machine, run it when the machine is quiet (see BENCHMARKS.md).
//! What is timed: `Rubric::score` (text pass, matching, rules, building and
//! dropping the `Report`); `__tokenize_floor` (UAX #29 words and sentences,
//! clauses, NFKC and case folding and the Snowball stem of every word, no
//! matching); the naive baselines (`benches/common/mod.rs`): `naive_ratio`
//! is that of the `str::contains` one (lowercase the answer, look for every
//! alternative), and the `baselines` line adds the one-regex-per-rule one.
//! Not timed: compiling the rubrics and preparing the baselines, loading the
//! fixtures, one warm-up pass (which fills the per-thread memos and buffers
//! and builds each rubric's word index).

use std::hint::black_box;
use std::time::Instant;

use answer_rubric::{builtin, Rubric};

#[path = "../benches/common/mod.rs"]
mod common;

use common::{Naive, NaiveRegex, TYPICAL};

/// Rounds of timing over the typical answers.
const ROUNDS: usize = 15;
/// Calls in a row per typical answer in each round.
const REPS: usize = 20;

/// `f(question, answer)` over the fifteen typical answers, `reps` calls in a
/// row per answer.
fn each_typical(reps: usize, mut f: impl FnMut(usize, &str)) {
    for (q, text) in TYPICAL.iter().enumerate() {
        for _ in 0..reps {
            f(q, text);
        }
    }
}

/// Seconds per call of `f` over the typical answers, REPS calls per answer.
fn per_typical_call(mut f: impl FnMut(usize, &str)) -> f64 {
    wall(|| each_typical(REPS, &mut f)) / (TYPICAL.len() * REPS) as f64
}

/// Wall-clock seconds of one call of `f`.
fn wall(f: impl FnOnce()) -> f64 {
    let start = Instant::now();
    f();
    start.elapsed().as_secs_f64()
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let batch_too = args.iter().any(|a| a == "--batch");
    let rubrics: &[Rubric] = builtin::all();
    assert_eq!(rubrics.len(), 15, "all built-in rubrics compile");
    if let Some(at) = args.iter().position(|a| a == "--only") {
        let what = args.get(at + 1).map_or("score", String::as_str);
        let rounds: usize = args.get(at + 2).and_then(|n| n.parse().ok()).unwrap_or(1);
        only(rubrics, what == "floor", rounds);
        return;
    }
    let naive: Vec<Naive> = rubrics.iter().map(|r| Naive::new(r.spec())).collect();
    let naive_regex: Vec<NaiveRegex> = rubrics.iter().map(|r| NaiveRegex::new(r.spec())).collect();

    // Warm-up, and the results the timed calls must reproduce.
    let expected: Vec<f64> = (0..15)
        .map(|q| rubrics[q].score(TYPICAL[q]).score)
        .collect();
    for (q, text) in TYPICAL.iter().enumerate() {
        assert!(answer_rubric::__tokenize_floor(text) > 200);
        assert!(naive[q].score(text) > 0.0);
        assert!(naive_regex[q].score(text) > 0.0);
        assert!(expected[q] > 0.0, "typical answer {q} scores");
    }

    // Typical answers: score, floor and naive in alternation, each timed
    // over all fifteen answers (REPS calls in a row per answer).
    let scoring = |q: usize, text: &str| {
        black_box(rubrics[q].score(black_box(text)));
    };
    let (mut score, mut floor_ratio, mut naive_ratio) = (Vec::new(), Vec::new(), Vec::new());
    let (mut floor_us, mut naive_us, mut regex_us, mut regex_ratio) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let s = per_typical_call(scoring);
        let f = per_typical_call(|_, text| {
            black_box(answer_rubric::__tokenize_floor(black_box(text)));
        });
        let b = per_typical_call(|q, text| {
            black_box(naive[q].score(black_box(text)));
        });
        score.push(s * 1e6);
        floor_ratio.push(s / f);
        naive_ratio.push(b / s);
        floor_us.push(f * 1e6);
        naive_us.push(b * 1e6);
    }
    // The one-regex-per-rule baseline, in its own alternation with scoring.
    for _ in 0..ROUNDS {
        let s = per_typical_call(scoring);
        let r = per_typical_call(|q, text| {
            black_box(naive_regex[q].score(black_box(text)));
        });
        regex_us.push(r * 1e6);
        regex_ratio.push(r / s);
    }
    for q in 0..15 {
        assert_eq!(rubrics[q].score(TYPICAL[q]).score, expected[q]);
    }

    // Linearity: µs per KB at 1 MB against 1 KB (the caching rubric), on the
    // same text: the 1 MB answer is the fifteen typical answers in turn, and
    // the 1 KB answers are the first KB of each of them, so that both sizes
    // hold the same mix of on- and off-topic words.
    let caching = builtin::get("caching").expect("caching rubric");
    let small: Vec<String> = (0..15)
        .map(|q| common::answer_of_size(1 << 10, q))
        .collect();
    let large = common::answer_of_size(1 << 20, 5);
    assert!(caching.score(&large).score > 0.0);
    let (mut per_kb_small, mut per_kb_large) = (Vec::new(), Vec::new());
    for _ in 0..15 {
        per_kb_small.push(
            wall(|| {
                for text in &small {
                    for _ in 0..40 {
                        black_box(caching.score(black_box(text)));
                    }
                }
            }) / (15.0 * 40.0),
        );
        per_kb_large.push(
            wall(|| {
                black_box(caching.score(black_box(&large)));
            }) / 1024.0,
        );
    }
    let linear = median(&mut per_kb_large) / median(&mut per_kb_small);

    println!(
        "perf: score_us={:.1} floor_ratio={:.2} naive_ratio={:.1} linear={:.2}",
        median(&mut score),
        median(&mut floor_ratio),
        median(&mut naive_ratio),
        linear
    );
    println!(
        "baselines: floor_us={:.1} naive_contains_us={:.1} naive_regex_us={:.1} naive_regex_ratio={:.1}",
        median(&mut floor_us),
        median(&mut naive_us),
        median(&mut regex_us),
        median(&mut regex_ratio)
    );
    println!("{}", derived_speed(rubrics));
    println!("{}", quality(rubrics, &naive));
    if batch_too {
        println!("{}", batch_speedup(caching));
    }
}

/// Alternatives (phrases before synonym expansion) in a rubric: its size.
fn size(spec: &answer_rubric::RubricSpec) -> usize {
    spec.points
        .iter()
        .map(|p| {
            p.phrases.len()
                + p.partial.len()
                + p.k_of_n
                    .iter()
                    .flat_map(|g| &g.items)
                    .map(|i| i.phrases().len())
                    .sum::<usize>()
                + p.all_of
                    .iter()
                    .flat_map(|a| &a.parts)
                    .map(|i| i.phrases().len())
                    .sum::<usize>()
                + p.claims
                    .iter()
                    .map(|c| c.subject.len() + c.predicate.len() + c.object.len())
                    .sum::<usize>()
        })
        .sum()
}

/// Speed of rubrics derived from the built-in rubrics' questions and
/// reference answers (default options, and with WordNet), against the
/// hand-written rubrics, on the typical answers: µs per answer, time per
/// alternative relative to the hand-written rubrics, and sizes.
fn derived_speed(rubrics: &[Rubric]) -> String {
    use answer_rubric::derive::{DeriveOptions, RubricBuilder};
    let derive = |wordnet: bool| -> Vec<Rubric> {
        rubrics
            .iter()
            .map(|r| {
                let spec = r.spec();
                let reference = spec.reference.clone().unwrap_or_else(|| spec.title.clone());
                let options = DeriveOptions {
                    wordnet,
                    ..DeriveOptions::default()
                };
                RubricBuilder::new(&spec.question, &reference)
                    .options(options)
                    .build()
                    .expect("a rubric derived from a built-in reference")
            })
            .collect()
    };
    let plain = derive(false);
    let wordnet = derive(true);
    let sizes = |rs: &[Rubric]| rs.iter().map(|r| size(r.spec())).sum::<usize>() as f64 / 15.0;
    let (hand_size, plain_size, wordnet_size) = (sizes(rubrics), sizes(&plain), sizes(&wordnet));
    let time = |rs: &[Rubric]| {
        per_typical_call(|q, text| {
            black_box(rs[q].score(black_box(text)));
        })
    };
    each_typical(1, |q, text| {
        black_box(plain[q].score(text));
        black_box(wordnet[q].score(text));
    });
    let (mut hand, mut p, mut w) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        hand.push(time(rubrics) * 1e6);
        p.push(time(&plain) * 1e6);
        w.push(time(&wordnet) * 1e6);
    }
    let (hand, p, w) = (median(&mut hand), median(&mut p), median(&mut w));
    format!(
        "derived: hand_us={hand:.1} derived_us={p:.1} derived_wordnet_us={w:.1} \
         alternatives hand={hand_size:.0} derived={plain_size:.0} derived_wordnet={wordnet_size:.0} \
         per_alternative_ratio={:.2} per_alternative_ratio_wordnet={:.2}",
        (p / plain_size) / (hand / hand_size),
        (w / wordnet_size) / (hand / hand_size)
    )
}

/// Scores (or, with `floor`, tokenises) the typical answers: one warm-up
/// pass, then `rounds` passes of 20 calls per answer. For profilers.
fn only(rubrics: &[Rubric], floor: bool, rounds: usize) {
    let call = |q: usize, text: &str| {
        if floor {
            black_box(answer_rubric::__tokenize_floor(black_box(text)));
        } else {
            black_box(rubrics[q].score(black_box(text)));
        }
    };
    each_typical(1, call);
    for _ in 0..rounds {
        each_typical(REPS, call);
    }
}

/// How often each scorer ranks two sample answers of one question in the
/// order of their kinds (strong > partial > weak > off-topic), and how
/// often it gives an off-topic answer nothing.
fn quality(rubrics: &[Rubric], naive: &[Naive]) -> String {
    let rank = |kind: &str| match kind {
        "strong" => 3,
        "partial" => 2,
        "weak" => 1,
        _ => 0,
    };
    let (mut pairs, mut engine_right, mut naive_right) = (0, 0, 0);
    let (mut off_topic, mut engine_zero, mut naive_zero) = (0, 0, 0);
    for q in 0..15 {
        let samples = common::samples(q);
        let scored: Vec<(i32, f64, f64)> = samples
            .iter()
            .map(|s| {
                (
                    rank(&s.kind),
                    rubrics[q].score(&s.text).score,
                    naive[q].score(&s.text),
                )
            })
            .collect();
        for a in &scored {
            for b in &scored {
                if a.0 > b.0 {
                    pairs += 1;
                    engine_right += (a.1 > b.1) as usize;
                    naive_right += (a.2 > b.2) as usize;
                }
            }
            if a.0 == 0 {
                off_topic += 1;
                engine_zero += (a.1 == 0.0) as usize;
                naive_zero += (a.2 == 0.0) as usize;
            }
        }
    }
    let verdict = if engine_right >= naive_right && engine_zero >= naive_zero {
        "engine at least as good"
    } else {
        "ENGINE WORSE THAN NAIVE"
    };
    format!(
        "quality: sample pairs ranked strong>partial>weak>off-topic engine={engine_right}/{pairs} \
         naive={naive_right}/{pairs}; off-topic answers at 0 engine={engine_zero}/{off_topic} \
         naive={naive_zero}/{off_topic} ({verdict})"
    )
}

/// 10,000 different answers to one question: one thread against
/// `score_batch` on all cores.
fn batch_speedup(rubric: &Rubric) -> String {
    let answers = common::batch(5, 10_000);
    let one = rubric.score(&answers[0]);
    let (mut seq, mut par) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        seq.push(wall(|| {
            let reports: Vec<_> = answers.iter().map(|a| rubric.score(a)).collect();
            assert_eq!(reports[0], one);
        }));
        par.push(wall(|| {
            let reports = answer_rubric::score_batch(rubric, &answers);
            assert_eq!(reports[0], one);
        }));
    }
    let (seq, par) = (median(&mut seq), median(&mut par));
    format!(
        "batch: 10000 answers (wall clock) one thread={:.1} ms score_batch={:.1} ms speedup={:.2} on {} cores",
        seq * 1e3,
        par * 1e3,
        seq / par,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    )
}
