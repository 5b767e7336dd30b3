//! Calibration of the built-in rubrics: the article's answers, the bundled
//! sample answers and the calibration answers under tests/data/calibration.

use std::path::Path;

use answer_rubric::{builtin, Rubric};
use serde::Deserialize;

#[derive(Deserialize)]
struct AnswerFile {
    question: String,
    answers: Vec<Answer>,
}

#[derive(Deserialize)]
struct Answer {
    kind: String,
    #[serde(default)]
    band: Option<String>,
    text: String,
}

fn answer_files(dir: &str) -> Vec<(String, AnswerFile)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let src = std::fs::read_to_string(&p).unwrap();
            let file: AnswerFile =
                toml::from_str(&src).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.display().to_string(), file)
        })
        .collect()
}

fn rubric(key: &str) -> &'static Rubric {
    builtin::get(key).unwrap_or_else(|| panic!("no built-in rubric `{key}`"))
}

fn article_answer(r: &Rubric) -> &str {
    r.reference()
        .unwrap_or_else(|| panic!("{} has no reference answer", r.id()))
}

#[test]
fn all_fifteen_compile_in_order() {
    for (i, (name, src)) in builtin::SOURCES.iter().enumerate() {
        let r = Rubric::from_toml(src).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(r.number(), Some(i as u32 + 1), "{name}");
        assert!(name.contains(r.id()), "{name} holds rubric {}", r.id());
    }
    assert_eq!(builtin::all().len(), 15);
    let slugs: Vec<&str> = builtin::all().iter().map(|r| r.id()).collect();
    assert_eq!(
        slugs,
        [
            "sync-async",
            "web-server",
            "rest-api",
            "database-index",
            "authn-authz",
            "caching",
            "slow-query",
            "scalability",
            "web-security",
            "version-control",
            "message-broker",
            "error-logging",
            "sql-nosql",
            "cloud",
            "microservices"
        ]
    );
}

#[test]
fn lookups_by_number_and_slug_agree() {
    for r in builtin::all() {
        let n = r.number().unwrap().to_string();
        assert_eq!(builtin::get(&n).unwrap().id(), r.id());
        assert_eq!(builtin::get(r.id()).unwrap().number(), r.number());
    }
    assert!(builtin::get("16").is_none());
    assert!(builtin::get("no-such-question").is_none());
}

#[test]
fn article_answer_lands_in_the_top_band_of_its_own_rubric() {
    for r in builtin::all() {
        let report = r.score(article_answer(r));
        assert_eq!(&*report.band, "excellent", "{}:\n{report}", r.id());
    }
}

#[test]
fn article_answer_scores_highest_on_its_own_rubric() {
    for r in builtin::all() {
        let own = r.score(article_answer(r)).score;
        for other in builtin::all().iter().filter(|o| o.id() != r.id()) {
            let s = other.score(article_answer(r)).score;
            assert!(
                s < own,
                "the answer to {} scores {s} on {} but {own} on its own rubric",
                r.id(),
                other.id()
            );
        }
    }
}

#[test]
fn another_questions_article_answer_scores_at_most_0_2() {
    for r in builtin::all() {
        for other in builtin::all().iter().filter(|o| o.id() != r.id()) {
            let report = r.score(article_answer(other));
            assert!(
                report.score <= 0.2,
                "the answer to {} scores {} on {}:\n{report}",
                other.id(),
                report.score,
                r.id()
            );
        }
    }
}

#[test]
fn keyword_lists_and_negated_answers_score_below_a_brief_correct_answer() {
    for (path, file) in answer_files("tests/data/calibration") {
        let r = rubric(&file.question);
        let score_of = |kind: &str| {
            let a = file
                .answers
                .iter()
                .find(|a| a.kind == kind)
                .unwrap_or_else(|| panic!("{path} has no `{kind}` answer"));
            r.score(&a.text)
        };
        let brief = score_of("brief");
        for kind in ["keywords", "negated", "parrot"] {
            let other = score_of(kind);
            assert!(
                other.score < brief.score,
                "{path}: `{kind}` scores {} but `brief` {}\n{kind}:\n{other}\nbrief:\n{brief}",
                other.score,
                brief.score
            );
        }
    }
}

#[test]
fn paraphrased_and_misspelt_answers_score_like_strong_ones() {
    for (path, file) in answer_files("tests/data/calibration") {
        let r = rubric(&file.question);
        for kind in ["paraphrase", "misspelled"] {
            let a = file.answers.iter().find(|a| a.kind == kind).unwrap();
            let report = r.score(&a.text);
            assert!(
                report.score >= 0.6,
                "{path}: `{kind}` scores only {}\n{report}",
                report.score
            );
        }
    }
}

#[test]
fn every_sample_answer_lands_in_its_expected_band() {
    let mut wrong = Vec::new();
    for (path, file) in answer_files("examples/answers") {
        let r = rubric(&file.question);
        for a in &file.answers {
            let report = r.score(&a.text);
            let expected = a
                .band
                .as_deref()
                .unwrap_or_else(|| panic!("{path}: no band"));
            if &*report.band != expected {
                wrong.push(format!(
                    "{path}: {} answer expected {expected}, got {} ({})",
                    a.kind, report.band, report.score
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn samples_rank_strong_over_partial_over_weak_over_off_topic() {
    const ORDER: [&str; 4] = ["strong", "partial", "weak", "off-topic"];
    for (path, file) in answer_files("examples/answers") {
        let r = rubric(&file.question);
        let scores = |kind: &str| -> Vec<f64> {
            file.answers
                .iter()
                .filter(|a| a.kind == kind)
                .map(|a| r.score(&a.text).score)
                .collect()
        };
        for pair in ORDER.windows(2) {
            let (better, worse) = (scores(pair[0]), scores(pair[1]));
            assert!(
                !better.is_empty() && !worse.is_empty(),
                "{path}: no {pair:?} answers"
            );
            let lowest = better.iter().cloned().fold(f64::INFINITY, f64::min);
            let highest = worse.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            assert!(
                lowest > highest,
                "{path}: a {} answer scores {lowest}, a {} answer {highest}",
                pair[0],
                pair[1]
            );
        }
    }
}

#[test]
fn the_linter_finds_nothing_in_the_built_in_rubrics() {
    let samples = answer_files("examples/answers");
    let mut warnings = Vec::new();
    for r in builtin::all() {
        let texts: Vec<&str> = samples
            .iter()
            .filter(|(_, f)| f.question == r.id())
            .flat_map(|(_, f)| f.answers.iter().map(|a| a.text.as_str()))
            .collect();
        assert!(!texts.is_empty(), "{} has no sample answers", r.id());
        for w in answer_rubric::lint::check(r, &texts) {
            warnings.push(format!("{}: {w:?}", r.id()));
        }
    }
    assert!(warnings.is_empty(), "{}", warnings.join("\n"));
}
