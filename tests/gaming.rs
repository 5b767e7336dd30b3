//! Anti-gaming: answers built to score without explaining anything, against
//! every built-in rubric, compared with the brief correct answer of the
//! calibration set (tests/data/calibration/*.toml, kind "brief").
//!
//! The answers are generated from each rubric's own phrases, so they are
//! harsher than what a candidate would type: a candidate who knows the rubric.
//! The policy (src/scorer.rs) scales credit found only in bare keyword lists
//! by `KEYWORD_LIST_CREDIT`; parroting the question earns nothing because the
//! linter keeps question words out of the alternatives.
//!
//! Tests marked `#[ignore]` state what the policy should achieve but does not
//! yet; run them with `cargo test --test gaming -- --ignored`.

use std::path::Path;

use answer_rubric::{builtin, PartSpec, Rubric, KEYWORD_LIST_CREDIT};
use serde::Deserialize;

#[derive(Deserialize)]
struct Calibration {
    question: String,
    answers: Vec<Answer>,
}

#[derive(Deserialize)]
struct Answer {
    kind: String,
    text: String,
}

/// Each built-in rubric with the score of its brief correct answer.
fn rubrics_and_brief_scores() -> Vec<(&'static Rubric, f64)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/calibration");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let out: Vec<(&Rubric, f64)> = files
        .iter()
        .filter_map(|p| {
            let file: Calibration = toml::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
            let rubric = builtin::get(&file.question)?;
            let brief = file.answers.iter().find(|a| a.kind == "brief")?;
            Some((rubric, rubric.score(&brief.text).score))
        })
        .collect();
    assert_eq!(
        out.len(),
        builtin::all().len(),
        "a calibration file per rubric"
    );
    out
}

/// For each point, its shortest phrase (and for k-of-n groups the shortest
/// alternative of k items): the terms a well-prepared candidate would list.
fn key_terms(r: &Rubric) -> Vec<String> {
    let words = |s: &String| s.split([' ', '-']).count();
    let shortest = |alts: &[String]| alts.iter().min_by_key(|s| (words(s), s.len())).cloned();
    let mut out = Vec::new();
    for p in &r.spec().points {
        out.extend(shortest(&p.phrases));
        for g in &p.k_of_n {
            out.extend(
                g.items
                    .iter()
                    .take(g.k)
                    .filter_map(|i| shortest(i.phrases())),
            );
        }
        if p.phrases.is_empty() && p.k_of_n.is_empty() {
            out.extend(shortest(&p.partial));
        }
    }
    out.into_iter().map(|t| t.replace('*', "")).collect()
}

/// Every alternative of every point: phrases, partial phrases, each k-of-n
/// item, and each concept with the first alternative of each of its parts.
fn every_key_phrase(r: &Rubric) -> Vec<String> {
    let mut out = Vec::new();
    for p in &r.spec().points {
        out.extend(p.phrases.iter().chain(&p.partial).cloned());
        for a in &p.all_of {
            let parts: Vec<&str> = a.parts.iter().map(|x| x.phrases()[0].as_str()).collect();
            out.push(parts.join(" "));
        }
        for g in &p.k_of_n {
            out.extend(g.items.iter().flat_map(PartSpec::phrases).cloned());
        }
    }
    out.into_iter().map(|t| t.replace('*', "")).collect()
}

#[test]
fn parroting_the_question_earns_nothing() {
    for (r, brief) in rubrics_and_brief_scores() {
        let q = r.question();
        for answer in [
            q.to_string(),
            format!("{q} {q} {q}"),
            format!("You ask: {q} That is a good question, and the answer is yes."),
            q.replace('?', "."),
        ] {
            let report = r.score(&answer);
            assert!(
                report.score <= 0.1 && report.score < brief,
                "{}: parroting scores {} (brief answer {brief})\n{answer}\n{report}",
                r.id(),
                report.score
            );
        }
    }
}

#[test]
fn single_word_key_terms_in_a_bare_list_earn_at_most_the_list_credit() {
    for (r, _) in rubrics_and_brief_scores() {
        let terms: Vec<String> = key_terms(r)
            .into_iter()
            .filter(|t| !t.contains([' ', '-']))
            .collect();
        let answer = terms.join(", ");
        let report = r.score(&answer);
        for p in &report.points {
            assert!(
                p.credit <= KEYWORD_LIST_CREDIT + 1e-9,
                "{}: `{}` earns {} from a bare list\n{answer}\n{report}",
                r.id(),
                p.id,
                p.credit
            );
        }
    }
}

/// Fails today on six of the fifteen rubrics: key terms that contain
/// a function word ("joins on", "the catch", "one by one") lift the list
/// above the 12 % function-word threshold, so it is not seen as a list; and
/// bonus points found in a list add to the earned points on top of the
/// scaled ones, so even a list of single words can beat the brief answer.
#[test]
#[ignore = "open: keyword lists of the rubric's own terms beat the brief answer"]
fn a_list_of_key_terms_scores_below_a_brief_answer() {
    let mut failures = Vec::new();
    for (r, brief) in rubrics_and_brief_scores() {
        for (name, terms) in [
            ("all terms", key_terms(r)),
            (
                "single words",
                key_terms(r)
                    .into_iter()
                    .filter(|t| !t.contains([' ', '-']))
                    .collect(),
            ),
        ] {
            let score = r.score(&terms.join(", ")).score;
            if score >= brief {
                failures.push(format!("{}: {name} {score} >= brief {brief}", r.id()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Fails today on every rubric (each scores 1.0): phrases joined by "and"
/// in one sentence, one phrase per sentence, or each phrase in an empty
/// prose frame all read as explained prose.
#[test]
#[ignore = "open: stringing every key phrase together scores 1.0"]
fn stringing_key_phrases_together_scores_below_a_brief_answer() {
    let mut failures = Vec::new();
    for (r, brief) in rubrics_and_brief_scores() {
        let phrases = every_key_phrase(r);
        let answers = [
            (
                "and-chain",
                format!("It is about {}.", phrases.join(" and ")),
            ),
            (
                "one per sentence",
                phrases.iter().map(|p| format!("{p}. ")).collect(),
            ),
            (
                "prose frame",
                phrases
                    .iter()
                    .map(|p| format!("There is also the matter of {p}, which is what it is. "))
                    .collect(),
            ),
        ];
        for (name, answer) in answers {
            let score = r.score(&answer).score;
            if score >= brief {
                failures.push(format!("{}: {name} {score} >= brief {brief}", r.id()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
