//! Arbitrary bytes as a rubric file: TOML, or JSON when the first
//! non-blank byte is `{`. Reading and compiling must return a rubric or a
//! typed error, never panic; a rubric that compiles must score answers.
#![no_main]

use answer_rubric::{Format, Rubric};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let json = data.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    let format = if json { Format::Json } else { Format::Toml };
    match Rubric::from_bytes(data, format) {
        Ok(rubric) => {
            for answer in [
                rubric.question().to_string(),
                rubric.reference().unwrap_or("").to_string(),
            ] {
                let report = rubric.score(&answer);
                common::check_report(&rubric, &answer, &report);
            }
        }
        Err(e) => {
            let _ = e.to_string();
            if let Some(loc) = e.location() {
                assert!(loc.line == 0 || loc.column >= 1);
            }
        }
    }
});
