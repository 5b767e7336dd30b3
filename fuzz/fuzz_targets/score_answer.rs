//! Arbitrary text scored against the reference rubric or a built-in rubric
//! (the first byte picks which; the rest is the answer): no panic, and every
//! report keeps its invariants.
#![no_main]

use std::sync::OnceLock;

use answer_rubric::{builtin, Rubric};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fn rubrics() -> &'static [Rubric] {
    static ALL: OnceLock<Vec<Rubric>> = OnceLock::new();
    ALL.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../rubrics");
        let mut all: Vec<Rubric> = builtin::all().to_vec();
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .expect("rubrics/")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        // The reference rubric always; the files on disk too while the
        // built-in list is still empty.
        for path in files {
            let reference = path.file_name().is_some_and(|n| n == "REFERENCE.toml");
            if reference || builtin::all().is_empty() {
                if let Ok(r) = Rubric::from_path(&path) {
                    all.push(r);
                }
            }
        }
        assert!(!all.is_empty());
        all
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, text)) = data.split_first() else {
        return;
    };
    let all = rubrics();
    let rubric = &all[pick as usize % all.len()];
    let answer = String::from_utf8_lossy(text);
    let report = rubric.score(&answer);
    common::check_report(rubric, &answer, &report);
});
