//! How well the built-in rubrics rank answers the way an interviewer does.
//!
//! Reads graded answer files (TOML: `question = "<slug>"` and `[[answers]]` with `grade`,
//! `text` and optionally `kind`), scores every answer with the built-in rubric and prints,
//! per question, the Spearman and Pearson correlations between scores and grades, then
//! their means. When the answers carry a `kind`, it also prints the mean score of each kind
//! per question and over all questions, the lowest and highest score of each kind, and how
//! many answers of each kind are capped by a missing required point.
//!
//! ```text
//! cargo run --release --example graded -- tests/data/graded/*.toml
//! cargo run --release --example graded -- tests/data/claims/dev/*.toml
//! cargo run --release --example graded -- tests/data/claims/test/*.toml
//! ```
//!
//! `VERBOSE=1` prints every answer's grade and score; `VERBOSE=2` also its report.
//! `--rubrics DIR` grades with the rubric files in DIR (matched to a question by their `id`)
//! instead of the built-in ones, so that an edited rubric is measured without a rebuild.

use std::collections::BTreeMap;

use answer_rubric::{agreement, builtin, CapKind, Rubric};
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
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    id: Option<String>,
}

/// The kinds of answer in the claims set, in the order they are printed.
const KINDS: [&str; 8] = [
    "excellent",
    "plain",
    "good-missing",
    "brief",
    "wrong",
    "denied",
    "typos",
    "off-topic",
];

/// Scores and caps of one kind of answer.
#[derive(Default)]
struct KindStats {
    scores: Vec<f64>,
    grades: Vec<f64>,
    capped: usize,
}

fn read(path: &str) -> GradedFile {
    let src = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("graded: cannot read {path}: {e}");
        std::process::exit(2);
    });
    toml::from_str(&src).unwrap_or_else(|e: toml::de::Error| {
        eprintln!("graded: {path}: {}", e.message());
        std::process::exit(2);
    })
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

fn main() {
    let mut paths: Vec<String> = std::env::args().skip(1).collect();
    let own = match paths.iter().position(|p| p == "--rubrics") {
        Some(i) if i + 1 < paths.len() => {
            let dir = paths.remove(i + 1);
            paths.remove(i);
            Some(load_rubrics(&dir))
        }
        _ => None,
    };
    if paths.is_empty() || paths.iter().any(|p| p == "--rubrics") {
        eprintln!("usage: graded [--rubrics DIR] FILE.toml...");
        std::process::exit(2);
    }
    let verbose: u8 = std::env::var("VERBOSE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let (mut spearmans, mut pearsons) = (Vec::new(), Vec::new());
    let mut overall: BTreeMap<&str, KindStats> = BTreeMap::new();
    let mut per_question: Vec<(String, BTreeMap<&str, KindStats>)> = Vec::new();
    println!(
        "{:<18} {:>3} {:>9} {:>8}",
        "question", "n", "spearman", "pearson"
    );
    for path in &paths {
        let file = read(path);
        let rubric = match &own {
            Some(own) => own.iter().find(|r| r.id() == file.question),
            None => builtin::get(&file.question),
        };
        let Some(rubric) = rubric else {
            eprintln!("graded: {path}: unknown question `{}`", file.question);
            std::process::exit(2);
        };
        let grades: Vec<f64> = file.answers.iter().map(|a| a.grade).collect();
        let reports: Vec<_> = file.answers.iter().map(|a| rubric.score(&a.text)).collect();
        let scores: Vec<f64> = reports.iter().map(|r| r.score).collect();
        let mut kinds: BTreeMap<&str, KindStats> = BTreeMap::new();
        for ((answer, report), &grade) in file.answers.iter().zip(&reports).zip(&grades) {
            if verbose > 0 {
                println!(
                    "    {:<8} {:<13} grade {grade:>4}  score {:.3}",
                    answer.id.as_deref().unwrap_or(""),
                    answer.kind.as_deref().unwrap_or(""),
                    report.score
                );
                if verbose > 1 {
                    println!("{report}");
                }
            }
            let Some(kind) = answer.kind.as_deref() else {
                continue;
            };
            let Some(kind) = KINDS.iter().copied().find(|&k| k == kind) else {
                eprintln!("graded: {path}: unknown kind `{kind}`");
                std::process::exit(2);
            };
            for stats in [
                kinds.entry(kind).or_default(),
                overall.entry(kind).or_default(),
            ] {
                stats.scores.push(report.score);
                stats.grades.push(grade);
                stats.capped += report
                    .cap
                    .as_ref()
                    .is_some_and(|c| c.kind == CapKind::RequiredPoints)
                    as usize;
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
        if !kinds.is_empty() {
            per_question.push((file.question, kinds));
        }
    }
    println!(
        "{:<18} {:>3} {:>9.3} {:>8.3}",
        "mean",
        "",
        mean(&spearmans),
        mean(&pearsons)
    );
    if overall.is_empty() {
        return;
    }
    print_kinds(&per_question, &overall);
}

/// The mean score per kind and question, then per kind over all questions.
fn print_kinds(
    per_question: &[(String, BTreeMap<&str, KindStats>)],
    overall: &BTreeMap<&str, KindStats>,
) {
    let short = |k: &str| k.chars().take(7).collect::<String>();
    println!("\nmean score per kind");
    print!("{:<18}", "question");
    for k in KINDS {
        print!(" {:>7}", short(k));
    }
    println!();
    for (question, kinds) in per_question {
        print!("{question:<18}");
        for k in KINDS {
            match kinds.get(k) {
                Some(s) => print!(" {:>7.2}", mean(&s.scores)),
                None => print!(" {:>7}", "-"),
            }
        }
        println!();
    }
    println!(
        "\n{:<13} {:>3} {:>10} {:>10} {:>6} {:>6} {:>7}",
        "kind", "n", "mean grade", "mean score", "min", "max", "capped"
    );
    for k in KINDS {
        let Some(s) = overall.get(k) else { continue };
        let min = s.scores.iter().copied().fold(f64::INFINITY, f64::min);
        let max = s.scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        println!(
            "{k:<13} {:>3} {:>10.2} {:>10.3} {min:>6.2} {max:>6.2} {:>7}",
            s.scores.len(),
            mean(&s.grades),
            mean(&s.scores),
            s.capped
        );
    }
    // The ordering an interviewer expects on every question: wrong and
    // denied answers below the brief correct ones.
    let below = |kind: &str| {
        per_question
            .iter()
            .filter(|(_, ks)| match (ks.get(kind), ks.get("brief")) {
                (Some(x), Some(b)) => mean(&x.scores) < mean(&b.scores),
                _ => false,
            })
            .count()
    };
    println!(
        "\nquestions where the kind averages below `brief`: wrong {}/{n}, denied {}/{n}",
        below("wrong"),
        below("denied"),
        n = per_question.len()
    );
}

/// Every rubric file (`*.toml`, `*.json`) in `dir`; a file that does not load
/// ends the run with its error.
fn load_rubrics(dir: &str) -> Vec<Rubric> {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| {
        eprintln!("graded: {dir}: {e}");
        std::process::exit(2);
    });
    let mut files: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml" || x == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .filter(|p| p.file_name().is_some_and(|n| n != "REFERENCE.toml"))
        .map(|p| {
            Rubric::from_path(p).unwrap_or_else(|e| {
                eprintln!("graded: {e}");
                std::process::exit(2);
            })
        })
        .collect()
}
