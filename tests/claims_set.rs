//! The built-in rubrics on the dev half of the claims set
//! (`tests/data/claims/dev/`): the ordering an interviewer expects holds.
//! The test half is only reported (`examples/graded.rs`), never asserted on.

use std::collections::BTreeMap;
use std::path::Path;

use answer_rubric::{agreement, builtin};
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    question: String,
    answers: Vec<Answer>,
}

#[derive(Deserialize)]
struct Answer {
    kind: String,
    grade: f64,
    text: String,
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

#[test]
fn the_dev_half_ranks_claims_as_an_interviewer_does() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/claims/dev");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 15);
    let mut by_kind: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut spearmans = Vec::new();
    let mut capped_plain = Vec::new();
    for path in &paths {
        let file: File = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let rubric = builtin::get(&file.question).expect("a built-in question");
        assert_eq!(file.answers.len(), 8, "{}", path.display());
        let (mut scores, mut grades) = (Vec::new(), Vec::new());
        for a in &file.answers {
            let report = rubric.score(&a.text);
            if a.kind == "plain" && report.cap.is_some() {
                capped_plain.push(format!("{}: {report}", file.question));
            }
            by_kind
                .entry(a.kind.clone())
                .or_default()
                .push(report.score);
            scores.push(report.score);
            grades.push(a.grade);
        }
        spearmans.extend(agreement::spearman(&scores, &grades));
    }
    let kind = |k: &str| mean(&by_kind[k]);
    let rho = mean(&spearmans);
    assert!(rho >= 0.85, "mean Spearman per question {rho:.3}");
    assert!(kind("plain") >= 0.8, "plain words {:.3}", kind("plain"));
    assert!(kind("typos") >= 0.8, "typos {:.3}", kind("typos"));
    assert!(
        kind("off-topic") <= 0.1,
        "off-topic {:.3}",
        kind("off-topic")
    );
    for bad in ["wrong", "denied"] {
        assert!(kind(bad) <= 0.3, "{bad} {:.3}", kind(bad));
        assert!(
            kind(bad) < kind("brief"),
            "{bad} {:.3} vs brief {:.3}",
            kind(bad),
            kind("brief")
        );
    }
    assert!(kind("excellent") > kind("good-missing") && kind("good-missing") > kind("brief"));
    assert!(capped_plain.is_empty(), "{}", capped_plain.join("\n"));
}
