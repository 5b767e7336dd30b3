//! Agreement of rubrics derived from reference answers with human graders.
//!
//! Reads JSON Lines files in the format of the short-answer datasets (one
//! answer a line, with `question_id`, `question`, `reference_answer`,
//! `student_answer`, `score` and `max_score`), derives one rubric per question
//! from its question and reference answer (`answer_rubric::derive`), scores
//! every answer, and prints per file the number of answers and the Pearson
//! and Spearman correlations of the scores with the human grades, pooled over
//! all the answers of the file, with the RMSE (and QWK) after the
//! least-squares linear map from scores to the grade scale, the only use of
//! the grades. Two baselines are computed in the same run: the tf-idf cosine
//! between answer and reference, and the share of the reference's content
//! words found in the answer. For the Mohler data set the published figures
//! are printed alongside.
//!
//! Several derivations are measured: the default one, where every content
//! word weighs the same, one per option (WordNet synonyms and related words,
//! generality weights, long clauses split) and with term weights from the
//! answers to the same question (cohort weights or idf; unlabeled text, the
//! grades are not used).
//!
//! A second table gives Pearson per question group (the part of the question
//! id before the first `.` or `_`: Mohler's assignments, SAF's chapters), the
//! worst group and the spread, and leave-group-out rows: for each group, the
//! setting of a small grid (coverage × WordNet with related-word credit) with
//! the best pooled Pearson over the other groups is chosen, then scored on
//! the group, so no choice sees the grades it is scored with.
//!
//! ```text
//! cargo run --release --example evaluate -- \
//!     ../shared/datasets/mohler2011_texas/dev.jsonl \
//!     ../shared/datasets/saf_communication_networks_en/dev.jsonl
//! ```
//!
//! Options (before or between the files):
//! - `--coverage X`: the share of a key point's words that gives full credit
//!   (default `derive::DEFAULT_COVERAGE`).
//! - `--per-question`: also print, per question, Pearson and the mean score
//!   and grade.
//! - `--dump ID`: print the rubric derived for question `ID` and its answers'
//!   scores next to their grades.
//! - `--scores FILE`: write every answer's question, grade and score as JSON
//!   Lines (one file per run; the last data file wins).

use std::collections::{HashMap, HashSet};

use answer_rubric::agreement::{self, Agreement};
use answer_rubric::derive::{Corpus, CorpusWeighting, DeriveOptions, RubricBuilder};
use answer_rubric::Language;
use serde::Deserialize;

#[derive(Deserialize)]
struct Record {
    #[serde(default)]
    dataset: Option<String>,
    question_id: String,
    question: String,
    reference_answer: String,
    student_answer: String,
    score: f64,
    max_score: f64,
}

struct Config {
    coverage: Option<f64>,
    per_question: bool,
    dump: Option<String>,
    scores: Option<String>,
    paths: Vec<String>,
}

fn usage() -> ! {
    eprintln!(
        "usage: evaluate [--coverage X] [--per-question] [--dump QUESTION_ID] [--scores OUT.jsonl] FILE.jsonl..."
    );
    std::process::exit(2);
}

fn parse_args() -> Config {
    let mut cfg = Config {
        coverage: None,
        per_question: false,
        dump: None,
        scores: None,
        paths: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--coverage" => {
                cfg.coverage = Some(
                    args.next()
                        .and_then(|v| v.parse().ok())
                        .filter(|c: &f64| *c > 0.0 && *c <= 1.0)
                        .unwrap_or_else(|| usage()),
                )
            }
            "--per-question" => cfg.per_question = true,
            "--dump" => cfg.dump = Some(args.next().unwrap_or_else(|| usage())),
            "--scores" => cfg.scores = Some(args.next().unwrap_or_else(|| usage())),
            "-h" | "--help" => usage(),
            _ if a.starts_with("--") => usage(),
            _ => cfg.paths.push(a),
        }
    }
    if cfg.paths.is_empty() {
        usage();
    }
    cfg
}

fn main() {
    let cfg = parse_args();
    for path in &cfg.paths {
        let records = read(path);
        if records.is_empty() {
            eprintln!("evaluate: {path}: no records");
            continue;
        }
        evaluate(path, &records, &cfg);
    }
}

fn read(path: &str) -> Vec<Record> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("evaluate: cannot read {path}: {e}");
        std::process::exit(2);
    });
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).unwrap_or_else(|e| {
                eprintln!("evaluate: {path}:{}: {e}", i + 1);
                std::process::exit(2);
            })
        })
        .collect()
}

/// One row of the results table.
struct Row {
    name: String,
    n: Option<usize>,
    pearson: Option<f64>,
    spearman: Option<f64>,
    rmse: Option<f64>,
    qwk: Option<f64>,
}

/// Per-question figures of the default derived rubric.
struct QuestionRow {
    id: String,
    n: usize,
    pearson: Option<f64>,
    mean_score: f64,
    mean_grade: f64,
}

/// The questions of a file, in file order, with their answers, and the
/// question groups: the part of the id before the first `.` or `_`
/// (Mohler's assignments, SAF's chapters).
struct Layout<'a> {
    order: Vec<&'a str>,
    by_question: HashMap<&'a str, Vec<usize>>,
    groups: Vec<String>,
    group_of: Vec<usize>,
}

fn layout(records: &[Record]) -> Layout<'_> {
    let mut order: Vec<&str> = Vec::new();
    let mut by_question: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut groups: Vec<String> = Vec::new();
    let mut group_of = Vec::with_capacity(records.len());
    for (i, r) in records.iter().enumerate() {
        let ids = by_question.entry(r.question_id.as_str()).or_default();
        if ids.is_empty() {
            order.push(&r.question_id);
        }
        ids.push(i);
        let g = group_name(&r.question_id);
        let gi = groups.iter().position(|x| *x == g).unwrap_or_else(|| {
            groups.push(g.clone());
            groups.len() - 1
        });
        group_of.push(gi);
    }
    Layout {
        order,
        by_question,
        groups,
        group_of,
    }
}

fn group_name(question_id: &str) -> String {
    question_id
        .split(['.', '_'])
        .next()
        .unwrap_or(question_id)
        .to_string()
}

/// A way of deriving rubrics: options, and whether each question's answers
/// serve as its cohort.
#[derive(Clone)]
struct Variant {
    name: String,
    options: DeriveOptions,
    cohort: bool,
}

/// Scores every answer with rubrics derived as `v` says. Answers of a
/// question without a rubric score 0 (counted in the second value).
fn run(records: &[Record], lay: &Layout<'_>, v: &Variant) -> (Vec<f64>, usize) {
    let mut scores = vec![0.0; records.len()];
    let mut failed = 0;
    for qid in &lay.order {
        let ids = &lay.by_question[qid];
        let first = &records[ids[0]];
        let corpus = Corpus::from_texts(
            Language::English,
            ids.iter().map(|&i| &records[i].student_answer),
        );
        let mut builder =
            RubricBuilder::new(&first.question, &first.reference_answer).options(v.options.clone());
        if v.cohort {
            builder = builder.corpus(&corpus);
        }
        match builder.build() {
            Ok(rubric) => {
                for &i in ids {
                    scores[i] = rubric.score(&records[i].student_answer).score;
                }
            }
            Err(e) => {
                eprintln!("evaluate: question {qid}: no rubric: {e}");
                failed += ids.len();
            }
        }
    }
    (scores, failed)
}

/// Pearson over the answers of the groups `keep` accepts.
fn pearson_where(
    scores: &[f64],
    grades: &[f64],
    group_of: &[usize],
    keep: impl Fn(usize) -> bool,
) -> f64 {
    let (s, g): (Vec<f64>, Vec<f64>) = scores
        .iter()
        .zip(grades)
        .zip(group_of)
        .filter(|(_, &gi)| keep(gi))
        .map(|((s, g), _)| (*s, *g))
        .unzip();
    agreement::pearson(&s, &g).unwrap_or(0.0)
}

/// Pooled Pearson, Pearson per group, the worst group and the spread
/// (best minus worst group).
struct GroupFigures {
    pooled: f64,
    per_group: Vec<f64>,
    worst: f64,
    spread: f64,
}

fn group_figures(scores: &[f64], grades: &[f64], lay: &Layout<'_>) -> GroupFigures {
    let per_group: Vec<f64> = (0..lay.groups.len())
        .map(|g| pearson_where(scores, grades, &lay.group_of, |x| x == g))
        .collect();
    let worst = per_group.iter().copied().fold(f64::INFINITY, f64::min);
    let best = per_group.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    GroupFigures {
        pooled: agreement::pearson(scores, grades).unwrap_or(0.0),
        worst,
        spread: best - worst,
        per_group,
    }
}

/// The grid that leave-group-out reading chooses from: the share of a
/// point's terms that gives full credit, and the strength of a related-word
/// match (0: WordNet off; above 0, WordNet synonyms and related words on).
const GRID_COVERAGE: &[f64] = &[0.5, 0.6, 0.7];
const GRID_RELATED: &[f64] = &[0.0, 0.4, 0.6];

/// Leave-group-out: for each group, the grid setting with the best pooled
/// Pearson over the other groups, and that setting's scores on the group.
/// Returns the scores and the setting chosen per group.
fn leave_group_out(
    records: &[Record],
    grades: &[f64],
    lay: &Layout<'_>,
    base: &Variant,
) -> (Vec<f64>, Vec<(f64, f64)>) {
    let mut grid = Vec::new();
    for &c in GRID_COVERAGE {
        for &r in GRID_RELATED {
            let mut v = base.clone();
            v.options.coverage = c;
            v.options.related_credit = r;
            v.options.wordnet = r > 0.0;
            grid.push(((c, r), run(records, lay, &v).0));
        }
    }
    let mut out = vec![0.0; records.len()];
    let mut chosen = Vec::new();
    for g in 0..lay.groups.len() {
        let best = grid
            .iter()
            .map(|(setting, s)| (setting, pearson_where(s, grades, &lay.group_of, |x| x != g)))
            .fold(
                None,
                |best: Option<(&(f64, f64), f64)>, (setting, r)| match best {
                    Some((_, b)) if b >= r => best,
                    _ => Some((setting, r)),
                },
            );
        if let Some((setting, _)) = best {
            let scores = &grid
                .iter()
                .find(|(s, _)| s == setting)
                .map(|(_, s)| s)
                .unwrap_or(&grid[0].1);
            for (i, o) in out.iter_mut().enumerate() {
                if lay.group_of[i] == g {
                    *o = scores[i];
                }
            }
            chosen.push(*setting);
        }
    }
    (out, chosen)
}

fn evaluate(path: &str, records: &[Record], cfg: &Config) {
    // Grades on one scale: the file's largest max_score (answers with another
    // maximum are rescaled to it).
    let scale_max = records.iter().map(|r| r.max_score).fold(0.0, f64::max);
    let grades: Vec<f64> = records
        .iter()
        .map(|r| {
            if r.max_score > 0.0 {
                r.score / r.max_score * scale_max
            } else {
                r.score
            }
        })
        .collect();
    let step = grade_step(&grades, scale_max);
    let lay = layout(records);

    let mut options = DeriveOptions::default();
    if let Some(c) = cfg.coverage {
        options.coverage = c;
    }
    let default = Variant {
        name: "derived rubric (answer-rubric, default)".to_string(),
        options: options.clone(),
        cohort: false,
    };
    let mut variants = vec![default.clone()];
    let mut with = |name: &str, cohort: bool, f: &dyn Fn(&mut DeriveOptions)| {
        let mut v = default.clone();
        v.name = format!("derived, {name}");
        v.cohort = cohort;
        f(&mut v.options);
        variants.push(v);
    };
    with("WordNet synonyms only", false, &|o| {
        o.wordnet = true;
        o.related_credit = 0.0;
    });
    with("WordNet synonyms and related words", false, &|o| {
        o.wordnet = true
    });
    with("WordNet, related words and generality", false, &|o| {
        o.wordnet = true;
        o.generality = true;
    });
    with("long clauses split", false, &|o| o.split_clauses = true);
    with("cohort term weights", true, &|_| {});
    with("idf from the question's answers", true, &|o| {
        o.corpus_weighting = CorpusWeighting::Idf
    });
    with("all of WordNet, splitting and cohort weights", true, &|o| {
        o.wordnet = true;
        o.generality = true;
        o.split_clauses = true;
    });

    let mut results: Vec<(String, Vec<f64>)> = Vec::new();
    let mut failed = 0;
    for v in &variants {
        let (s, f) = run(records, &lay, v);
        failed = failed.max(f);
        results.push((v.name.clone(), s));
    }
    let plain = results[0].1.clone();
    let (logo, chosen) = leave_group_out(records, &grades, &lay, &default);
    let mut cohort_base = default.clone();
    cohort_base.cohort = true;
    let (logo_cohort, chosen_cohort) = leave_group_out(records, &grades, &lay, &cohort_base);

    let mut per_question = Vec::new();
    for qid in &lay.order {
        let ids = &lay.by_question[qid];
        if cfg.dump.as_deref() == Some(*qid) {
            let first = &records[ids[0]];
            if let Ok(spec) = RubricBuilder::new(&first.question, &first.reference_answer)
                .options(options.clone())
                .spec()
            {
                println!("{}", toml::to_string(&spec).unwrap_or_default());
            }
            for &i in ids {
                println!(
                    "grade {:>5.2}  score {:.3}  {}",
                    grades[i], plain[i], records[i].student_answer
                );
            }
            println!();
        }
        let qs: Vec<f64> = ids.iter().map(|&i| plain[i]).collect();
        let qg: Vec<f64> = ids.iter().map(|&i| grades[i]).collect();
        per_question.push(QuestionRow {
            id: qid.to_string(),
            n: ids.len(),
            pearson: agreement::pearson(&qs, &qg),
            mean_score: mean(&qs),
            mean_grade: mean(&qg),
        });
    }
    if let Some(out) = &cfg.scores {
        let lines: Vec<String> = records
            .iter()
            .zip(plain.iter().zip(&grades))
            .map(|(r, (s, g))| {
                serde_json::json!({"question_id": r.question_id, "grade": g, "score": s})
                    .to_string()
            })
            .collect();
        if let Err(e) = std::fs::write(out, lines.join("\n") + "\n") {
            eprintln!("evaluate: cannot write {out}: {e}");
        }
    }

    let tfidf = tfidf_cosines(records);
    let share = content_shares(records);
    let row = |name: &str, s: &[f64]| {
        let a = Agreement::measure(s, &grades, 0.0, scale_max, step);
        Row {
            name: name.to_string(),
            n: Some(a.n),
            pearson: a.pearson,
            spearman: a.spearman,
            rmse: a.rmse,
            qwk: a.qwk,
        }
    };
    let mut rows = vec![
        row(&results[0].0, &results[0].1),
        row("derived, leave-group-out settings", &logo),
        row(
            "derived, cohort weights, leave-group-out settings",
            &logo_cohort,
        ),
    ];
    rows.extend(results[1..].iter().map(|(n, s)| row(n, s)));
    rows.push(row("baseline: tf-idf cosine to reference", &tfidf));
    rows.push(row("baseline: share of reference content words", &share));
    let dataset = records[0].dataset.clone().unwrap_or_default();
    if dataset.contains("mohler") || path.contains("mohler") {
        for (name, pearson, rmse) in MOHLER_PUBLISHED {
            rows.push(Row {
                name: format!("published: {name}"),
                n: None,
                pearson: Some(*pearson),
                spearman: None,
                rmse: *rmse,
                qwk: None,
            });
        }
    }

    println!(
        "{path}: {} answers, {} questions in {} groups, grades 0-{scale_max} (step {step}), coverage {}",
        records.len(),
        lay.order.len(),
        lay.groups.len(),
        options.coverage
    );
    if failed > 0 {
        println!("  ({failed} answers had no rubric and score 0)");
    }
    println!();
    println!(
        "| {:<55} | {:>5} | {:>7} | {:>8} | {:>5} | {:>5} |",
        "method", "n", "Pearson", "Spearman", "RMSE", "QWK"
    );
    println!(
        "|{:-<57}|{:->7}|{:->9}|{:->10}|{:->7}|{:->7}|",
        "", "", "", "", "", ""
    );
    let f = |v: Option<f64>| v.map_or("-".to_string(), |x| format!("{x:.3}"));
    for r in &rows {
        println!(
            "| {:<55} | {:>5} | {:>7} | {:>8} | {:>5} | {:>5} |",
            r.name,
            r.n.map_or("-".to_string(), |n| n.to_string()),
            f(r.pearson),
            f(r.spearman),
            f(r.rmse),
            f(r.qwk)
        );
    }

    // Pearson per question group.
    println!();
    print!("| {:<55} | pooled |", "Pearson by group");
    for g in &lay.groups {
        print!(" {g:>5} |");
    }
    println!(" worst | spread |");
    print!("|{:-<57}|-------:|", "");
    for _ in &lay.groups {
        print!("------:|");
    }
    println!("------:|-------:|");
    let mut group_rows: Vec<(&str, &[f64])> = vec![
        ("leave-group-out settings", &logo),
        ("cohort weights, leave-group-out settings", &logo_cohort),
    ];
    group_rows.extend(results.iter().map(|(n, s)| (n.as_str(), s.as_slice())));
    group_rows.push(("baseline: share of reference content words", &share));
    for (name, s) in group_rows {
        let gf = group_figures(s, &grades, &lay);
        print!("| {name:<55} | {:>6.3} |", gf.pooled);
        for p in &gf.per_group {
            print!(" {p:>5.3} |");
        }
        println!(" {:>5.3} | {:>6.3} |", gf.worst, gf.spread);
    }
    let show = |c: &[(f64, f64)]| {
        c.iter()
            .zip(&lay.groups)
            .map(|((cov, rel), g)| format!("{g}: coverage {cov}, related {rel}"))
            .collect::<Vec<_>>()
            .join("; ")
    };
    println!();
    println!(
        "leave-group-out settings chosen without the group: {}",
        show(&chosen)
    );
    println!("with cohort weights: {}", show(&chosen_cohort));

    if cfg.per_question {
        println!();
        println!("| question | n | Pearson | mean score | mean grade |");
        println!("|---|---:|---:|---:|---:|");
        for q in &per_question {
            println!(
                "| {} | {} | {} | {:.3} | {:.3} |",
                q.id,
                q.n,
                f(q.pearson),
                q.mean_score,
                q.mean_grade
            );
        }
    }
    println!();
}

/// Published figures on the Mohler et al. (2011) data: name, Pearson, RMSE
/// (0-5 scale), as quoted by Gaddipati, Nair & Plöger (2020), Table 4, and
/// the agreement between the two human graders over all 2,273 answers (as
/// computed in the dataset's README).
const MOHLER_PUBLISHED: &[(&str, f64, Option<f64>)] = &[
    ("BOW, SVMRank (Mohler et al. 2011)", 0.480, Some(1.042)),
    ("tf-idf, SVR (Mohler et al. 2011)", 0.327, Some(1.022)),
    ("tf-idf, LR + SIM (Sultan et al. 2016)", 0.592, Some(0.887)),
    ("human grader 1 vs grader 2 (2,273 answers)", 0.597, None),
];

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

/// The grade step: the smallest gap between distinct grades, or a tenth of
/// the scale when the grades do not show one.
fn grade_step(grades: &[f64], max: f64) -> f64 {
    let mut g: Vec<f64> = grades.iter().copied().filter(|x| x.is_finite()).collect();
    g.sort_by(f64::total_cmp);
    g.dedup();
    let step = g
        .windows(2)
        .map(|w| w[1] - w[0])
        .fold(f64::INFINITY, f64::min);
    if step.is_finite() && step > 1e-9 {
        (step * 1e6).round() / 1e6
    } else {
        (max / 10.0).max(1e-6)
    }
}

// ── Baselines ────────────────────────────────────────────────────────────────

/// Lowercased runs of two or more letters or digits (scikit-learn's default
/// token pattern).
fn sk_tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_lowercase)
        .collect()
}

/// tf-idf cosine between each answer and its reference: raw term counts,
/// smoothed idf fitted on the file's answers and references, L2 norm.
fn tfidf_cosines(records: &[Record]) -> Vec<f64> {
    let mut docs: Vec<Vec<String>> = records
        .iter()
        .map(|r| sk_tokens(&r.student_answer))
        .collect();
    let refs: HashSet<&str> = records
        .iter()
        .map(|r| r.reference_answer.as_str())
        .collect();
    docs.extend(refs.iter().map(|r| sk_tokens(r)));
    let mut df: HashMap<&str, f64> = HashMap::new();
    for d in &docs {
        let uniq: HashSet<&str> = d.iter().map(String::as_str).collect();
        for w in uniq {
            *df.entry(w).or_default() += 1.0;
        }
    }
    let n = docs.len() as f64;
    let idf = |w: &str| ((1.0 + n) / (1.0 + df.get(w).copied().unwrap_or(0.0))).ln() + 1.0;
    let vector = |text: &str| -> HashMap<String, f64> {
        let mut v: HashMap<String, f64> = HashMap::new();
        for w in sk_tokens(text) {
            *v.entry(w).or_default() += 1.0;
        }
        for (w, x) in v.iter_mut() {
            *x *= idf(w);
        }
        let norm = v.values().map(|x| x * x).sum::<f64>().sqrt();
        if norm > 0.0 {
            v.values_mut().for_each(|x| *x /= norm);
        }
        v
    };
    records
        .iter()
        .map(|r| {
            let a = vector(&r.student_answer);
            let b = vector(&r.reference_answer);
            a.iter()
                .map(|(w, x)| x * b.get(w).copied().unwrap_or(0.0))
                .sum()
        })
        .collect()
}

/// Share of the reference's distinct content-word stems (NLTK English stop
/// words removed, Snowball stems) that occur in the answer.
fn content_shares(records: &[Record]) -> Vec<f64> {
    let stop: HashSet<&str> = stop_words::lookup("en")
        .unwrap_or(&[])
        .iter()
        .copied()
        .collect();
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    let stems = |text: &str| -> HashSet<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .filter(|w| !stop.contains(w.as_str()))
            .map(|w| stemmer.stem(&w).into_owned())
            .collect()
    };
    records
        .iter()
        .map(|r| {
            let reference = stems(&r.reference_answer);
            if reference.is_empty() {
                return 0.0;
            }
            let answer = stems(&r.student_answer);
            reference.iter().filter(|s| answer.contains(*s)).count() as f64 / reference.len() as f64
        })
        .collect()
}
