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

/// Scores of one folder of the claims set: the mean Spearman per question,
/// the scores of each kind, and the plain-word answers capped by a
/// required point.
struct Measured {
    rho: f64,
    by_kind: BTreeMap<String, Vec<f64>>,
    capped_plain: Vec<String>,
}

impl Measured {
    fn kind(&self, k: &str) -> f64 {
        mean(&self.by_kind[k])
    }
}

fn measure(folder: &str, answers_per_question: usize) -> Measured {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/claims")
        .join(folder);
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
        assert_eq!(
            file.answers.len(),
            answers_per_question,
            "{}",
            path.display()
        );
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
    Measured {
        rho: mean(&spearmans),
        by_kind,
        capped_plain,
    }
}

#[test]
fn the_dev_half_ranks_claims_as_an_interviewer_does() {
    let m = measure("dev", 8);
    let kind = |k: &str| m.kind(k);
    assert!(m.rho >= 0.85, "mean Spearman per question {:.3}", m.rho);
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
    assert!(m.capped_plain.is_empty(), "{}", m.capped_plain.join("\n"));
}

/// The second round (`dev2/`), written after the dev half had been tuned
/// on: the engine's rules carry over to it in part. What holds is asserted
/// (EVALUATION.md has the figures, and what does not hold).
#[test]
fn the_second_round_keeps_the_broad_ordering() {
    let m = measure("dev2", 11);
    let kind = |k: &str| m.kind(k);
    assert!(m.rho >= 0.8, "mean Spearman per question {:.3}", m.rho);
    assert!(kind("typos") >= 0.8, "typos {:.3}", kind("typos"));
    assert!(
        kind("off-topic") <= 0.1,
        "off-topic {:.3}",
        kind("off-topic")
    );
    assert!(kind("denied") <= 0.25, "denied {:.3}", kind("denied"));
    assert!(kind("wrong") <= 0.4, "wrong {:.3}", kind("wrong"));
    for bad in ["wrong", "denied"] {
        assert!(
            kind(bad) < kind("brief"),
            "{bad} {:.3} vs brief {:.3}",
            kind(bad),
            kind("brief")
        );
    }
    assert!(kind("excellent") > kind("good-missing") && kind("good-missing") > kind("brief"));
}
