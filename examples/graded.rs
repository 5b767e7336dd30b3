//! How well the built-in rubrics rank answers the way an interviewer does.
//!
//! Reads graded answer files (TOML: `question = "<slug>"` and `[[answers]]` with `grade`
//! and `text`), scores every answer with the built-in rubric and prints, per question, the
//! Spearman and Pearson correlations between scores and grades, then their means.
//!
//! ```text
//! cargo run --release --example graded -- tests/data/graded/*.toml
//! ```

use answer_rubric::{agreement, builtin};
use serde::Deserialize;

#[derive(Deserialize)]
struct GradedFile {
    question: String,
    answers: Vec<Graded>,
}

#[derive(Deserialize)]
struct Graded {
    grade: f64,
    text: String,
}

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: graded FILE.toml...");
        std::process::exit(2);
    }
    let verbose = std::env::var_os("VERBOSE").is_some();
    let (mut spearmans, mut pearsons) = (Vec::new(), Vec::new());
    println!(
        "{:<18} {:>3} {:>9} {:>8}",
        "question", "n", "spearman", "pearson"
    );
    for path in &paths {
        let src = match std::fs::read_to_string(path) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("graded: cannot read {path}: {e}");
                std::process::exit(2);
            }
        };
        let file: GradedFile = match toml::from_str(&src) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("graded: {path}: {}", e.message());
                std::process::exit(2);
            }
        };
        let Some(rubric) = builtin::get(&file.question) else {
            eprintln!("graded: {path}: unknown question `{}`", file.question);
            std::process::exit(2);
        };
        let grades: Vec<f64> = file.answers.iter().map(|a| a.grade).collect();
        let scores: Vec<f64> = file
            .answers
            .iter()
            .map(|a| rubric.score(&a.text).score)
            .collect();
        if verbose {
            for (g, s) in grades.iter().zip(&scores) {
                println!("    grade {g:>4}  score {s:.3}");
            }
        }
        let rho = agreement::spearman(&scores, &grades);
        let r = agreement::pearson(&scores, &grades);
        println!(
            "{:<18} {:>3} {:>9} {:>8}",
            file.question,
            scores.len(),
            rho.map_or("-".into(), |v| format!("{v:.3}")),
            r.map_or("-".into(), |v| format!("{v:.3}"))
        );
        spearmans.extend(rho);
        pearsons.extend(r);
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    println!(
        "{:<18} {:>3} {:>9.3} {:>8.3}",
        "mean",
        "",
        mean(&spearmans),
        mean(&pearsons)
    );
}
