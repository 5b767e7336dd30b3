//! Criterion benchmarks of scoring. Every timed closure checks its result.
//!
//! ```text
//! cargo bench --bench score                  # everything
//! cargo bench --bench score -- baseline      # one group
//! ```
//!
//! Groups:
//! - `typical`: a typical answer (about 300 words, `benches/fixtures`)
//!   against its own built-in rubric, for each of the 15.
//! - `all_rubrics`: one typical answer against all 15 rubrics.
//! - `baseline`: the 15 typical answers against their rubrics, side by side
//!   with the floor (the text pipeline alone: words, sentences, folding and
//!   stems, no matching) and two naive baselines (`str::contains` on the
//!   lowercased answer for every alternative; one regex per rule).
//! - `size`: answers of 1 KB, 10 KB, 100 KB and 1 MB (throughput in bytes).
//! - `batch`: 10,000 different answers to one question, one thread and
//!   `score_batch` on all cores.
//! - `compile`: compiling the 15 built-in rubrics from their TOML.

use std::hint::black_box;
use std::time::Duration;

use answer_rubric::{builtin, score_batch, Rubric};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

mod common;

use common::{Naive, NaiveRegex, TYPICAL};

fn typical(c: &mut Criterion) {
    let mut group = c.benchmark_group("typical");
    for (q, rubric) in builtin::all().iter().enumerate() {
        let text = TYPICAL[q];
        let expected = rubric.score(text);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(rubric.id()), text, |b, text| {
            b.iter(|| {
                let report = rubric.score(black_box(text));
                assert_eq!(report.score, expected.score);
                report
            })
        });
    }
    group.finish();
}

fn all_rubrics(c: &mut Criterion) {
    let text = TYPICAL[5];
    let expected: Vec<f64> = builtin::all().iter().map(|r| r.score(text).score).collect();
    c.bench_function("all_rubrics/caching_answer", |b| {
        b.iter(|| {
            for (r, e) in builtin::all().iter().zip(&expected) {
                assert_eq!(r.score(black_box(text)).score, *e);
            }
        })
    });
}

fn baseline(c: &mut Criterion) {
    let rubrics = builtin::all();
    let naive: Vec<Naive> = rubrics.iter().map(|r| Naive::new(r.spec())).collect();
    let naive_regex: Vec<NaiveRegex> = rubrics.iter().map(|r| NaiveRegex::new(r.spec())).collect();
    let expected: Vec<f64> = (0..15)
        .map(|q| rubrics[q].score(TYPICAL[q]).score)
        .collect();
    let words: Vec<usize> = TYPICAL
        .iter()
        .map(|t| answer_rubric::__tokenize_floor(t))
        .collect();
    let naive_scores: Vec<f64> = (0..15).map(|q| naive[q].score(TYPICAL[q])).collect();
    let regex_scores: Vec<f64> = (0..15).map(|q| naive_regex[q].score(TYPICAL[q])).collect();
    let bytes: usize = TYPICAL.iter().map(|t| t.len()).sum();
    let mut group = c.benchmark_group("baseline");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("engine", |b| {
        b.iter(|| {
            for q in 0..15 {
                assert_eq!(rubrics[q].score(black_box(TYPICAL[q])).score, expected[q]);
            }
        })
    });
    group.bench_function("floor", |b| {
        b.iter(|| {
            for q in 0..15 {
                assert_eq!(
                    answer_rubric::__tokenize_floor(black_box(TYPICAL[q])),
                    words[q]
                );
            }
        })
    });
    group.bench_function("naive_contains", |b| {
        b.iter(|| {
            for q in 0..15 {
                assert_eq!(naive[q].score(black_box(TYPICAL[q])), naive_scores[q]);
            }
        })
    });
    group.bench_function("naive_regex", |b| {
        b.iter(|| {
            for q in 0..15 {
                assert_eq!(naive_regex[q].score(black_box(TYPICAL[q])), regex_scores[q]);
            }
        })
    });
    group.finish();
}

fn size(c: &mut Criterion) {
    let rubric = builtin::get("caching").expect("caching rubric");
    let mut group = c.benchmark_group("size");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    for kb in [1usize, 10, 100, 1024] {
        let text = common::answer_of_size(kb << 10, 5);
        let expected = rubric.score(&text);
        assert!(expected.score > 0.0);
        group.throughput(Throughput::Bytes(text.len() as u64));
        let name = if kb < 1024 {
            format!("{kb}KB")
        } else {
            "1MB".to_string()
        };
        group.bench_with_input(BenchmarkId::from_parameter(name), &text, |b, text| {
            b.iter(|| {
                let report = rubric.score(black_box(text));
                assert_eq!(report.score, expected.score);
                report
            })
        });
    }
    group.finish();
}

fn batch(c: &mut Criterion) {
    let rubric = builtin::get("caching").expect("caching rubric");
    let answers = common::batch(5, 10_000);
    let first = rubric.score(&answers[0]);
    let last = rubric.score(&answers[answers.len() - 1]);
    let mut group = c.benchmark_group("batch");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Elements(answers.len() as u64));
    group.bench_function("one_thread", |b| {
        b.iter(|| {
            let reports: Vec<_> = answers.iter().map(|a| rubric.score(black_box(a))).collect();
            assert_eq!((&reports[0], reports.last().unwrap()), (&first, &last));
            reports
        })
    });
    group.bench_function("score_batch", |b| {
        b.iter(|| {
            let reports = score_batch(rubric, black_box(&answers));
            assert_eq!((&reports[0], reports.last().unwrap()), (&first, &last));
            reports
        })
    });
    group.finish();
}

fn compile(c: &mut Criterion) {
    c.bench_function("compile/15_builtin_rubrics", |b| {
        b.iter(|| {
            let rubrics: Vec<Rubric> = builtin::SOURCES
                .iter()
                .map(|(name, src)| {
                    Rubric::from_toml(black_box(src)).unwrap_or_else(|e| panic!("{name}: {e}"))
                })
                .collect();
            assert_eq!(rubrics.len(), 15);
            rubrics
        })
    });
}

criterion_group!(
    benches,
    typical,
    all_rubrics,
    baseline,
    size,
    batch,
    compile
);
criterion_main!(benches);
