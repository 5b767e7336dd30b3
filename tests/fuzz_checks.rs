//! The report checks of the fuzz targets (`fuzz/fuzz_targets/common.rs`),
//! built and run here as well, so that they keep up with the API: every
//! built-in rubric against every bundled sample answer.

#[path = "../fuzz/fuzz_targets/common.rs"]
mod common;

use std::path::Path;

use answer_rubric::builtin;

#[test]
fn the_fuzz_checks_hold_on_the_sample_answers() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/answers");
    let mut answers: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let src = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let value: toml::Value = toml::from_str(&src).unwrap();
        for a in value["answers"].as_array().unwrap() {
            answers.push(a["text"].as_str().unwrap().to_string());
        }
    }
    assert!(answers.len() >= 60, "{}", answers.len());
    for rubric in builtin::all() {
        for answer in &answers {
            common::check_report(rubric, answer, &rubric.score(answer));
        }
    }
}
