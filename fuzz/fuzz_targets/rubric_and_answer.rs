//! A rubric and an answer in one input, split at the first 0xFF byte (never
//! part of UTF-8): the rubric's TOML before it, the answer after it. Finds
//! answers that break on unusual phrases, synonyms, prefixes, regexes and
//! k-of-n groups, which the built-in rubrics alone would not reach.
#![no_main]

use answer_rubric::{Format, Rubric};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0xFF).unwrap_or(data.len());
    let (rubric, answer) = (&data[..split], data.get(split + 1..).unwrap_or_default());
    let Ok(rubric) = Rubric::from_bytes(rubric, Format::Toml) else {
        return;
    };
    let answer = String::from_utf8_lossy(answer);
    let report = rubric.score(&answer);
    common::check_report(&rubric, &answer, &report);
    // Scoring is deterministic.
    assert_eq!(report, rubric.score(&answer));
});
