//! Data-driven behaviour cases: every `tests/data/cases/*.toml` file holds an
//! inline rubric and answers with the statuses, scores, penalties and
//! evidence they must produce.
//!
//! File format:
//!
//! ```toml
//! rubric = '''
//! id = "x"
//! ... (a rubric in the format of rubrics/REFERENCE.toml)
//! '''
//!
//! [[cases]]
//! name = "what the case shows"
//! answer = "the answer text"
//! expect = { point-id = "covered", other = "missing" }  # covered, partial, missing, contradicted
//! # all optional:
//! score = 0.5                   # exact score (to 1e-4)
//! score_min = 0.2               # inclusive bounds
//! score_max = 0.8
//! credit = { point-id = 0.4 }   # exact credit (to 1e-4)
//! penalties = ["misconception-id"]      # exactly the misconceptions found
//! denials = ["point-id"]                # exactly the points whose denial costs a penalty
//! evidence = { point-id = "exact text" } # one piece of evidence with this text,
//! evidence = { point-id = ["a", "b"] }   # or exactly these texts, in order
//! negated_by = { point-id = "not" }      # the negator of a contradicted point
//! reason = { point-id = "text" }        # the point's reason contains this text
//! voided_by = { point-id = "misconception-id" }
//! cap = 0.5                     # report.cap is set, at this value
//! capped = false                # report.cap is absent
//! cap_kind = "wrong_claims"     # report.cap is set, of this kind (or "required_points")
//! ```
//!
//! Every failing case is printed with its file, name, answer and the whole
//! report before the test fails.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use answer_rubric::{CapKind, PenaltyKind, Report, Rubric};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    rubric: String,
    cases: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    answer: String,
    #[serde(default)]
    expect: BTreeMap<String, String>,
    score: Option<f64>,
    score_min: Option<f64>,
    score_max: Option<f64>,
    #[serde(default)]
    credit: BTreeMap<String, f64>,
    penalties: Option<Vec<String>>,
    denials: Option<Vec<String>>,
    #[serde(default)]
    evidence: BTreeMap<String, EvidenceExpect>,
    #[serde(default)]
    negated_by: BTreeMap<String, String>,
    #[serde(default)]
    reason: BTreeMap<String, String>,
    #[serde(default)]
    voided_by: BTreeMap<String, String>,
    cap: Option<f64>,
    capped: Option<bool>,
    cap_kind: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum EvidenceExpect {
    One(String),
    All(Vec<String>),
}

impl Case {
    fn checks_something(&self) -> bool {
        !self.expect.is_empty()
            || self.score.is_some()
            || self.score_min.is_some()
            || self.score_max.is_some()
            || !self.credit.is_empty()
            || self.penalties.is_some()
            || self.denials.is_some()
            || !self.evidence.is_empty()
            || !self.negated_by.is_empty()
            || !self.reason.is_empty()
            || !self.voided_by.is_empty()
            || self.cap.is_some()
            || self.capped.is_some()
            || self.cap_kind.is_some()
    }
}

const EPS: f64 = 1e-4;
const STATUSES: [&str; 4] = ["covered", "partial", "missing", "contradicted"];

fn case_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cases");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

/// Everything wrong with one case's report, as lines.
fn check(case: &Case, report: &Report) -> Vec<String> {
    let mut problems = Vec::new();
    for (id, want) in &case.expect {
        if !STATUSES.contains(&want.as_str()) {
            problems.push(format!("bad expected status `{want}` for `{id}`"));
            continue;
        }
        match report.point(id) {
            None => problems.push(format!("no point `{id}` in the report")),
            Some(p) if p.status.as_str() != want => problems.push(format!(
                "`{id}`: expected {want}, got {} (credit {})",
                p.status, p.credit
            )),
            Some(_) => {}
        }
    }
    if let Some(s) = case.score {
        if (report.score - s).abs() > EPS {
            problems.push(format!("score: expected {s}, got {}", report.score));
        }
    }
    if let Some(min) = case.score_min {
        if report.score < min - EPS {
            problems.push(format!(
                "score: expected at least {min}, got {}",
                report.score
            ));
        }
    }
    if let Some(max) = case.score_max {
        if report.score > max + EPS {
            problems.push(format!(
                "score: expected at most {max}, got {}",
                report.score
            ));
        }
    }
    for (id, want) in &case.credit {
        match report.point(id) {
            None => problems.push(format!("no point `{id}` in the report")),
            Some(p) if (p.credit - want).abs() > EPS => {
                problems.push(format!("`{id}`: expected credit {want}, got {}", p.credit))
            }
            Some(_) => {}
        }
    }
    for (key, kind, want) in [
        ("penalties", PenaltyKind::Misconception, &case.penalties),
        ("denials", PenaltyKind::Denial, &case.denials),
    ] {
        let Some(want) = want else { continue };
        let want: BTreeSet<&str> = want.iter().map(String::as_str).collect();
        let got: BTreeSet<&str> = report
            .penalties
            .iter()
            .filter(|p| p.kind == kind)
            .map(|p| &*p.id)
            .collect();
        if want != got {
            problems.push(format!("{key}: expected {want:?}, got {got:?}"));
        }
    }
    for (id, want) in &case.evidence {
        let Some(p) = report.point(id) else {
            problems.push(format!("no point `{id}` in the report"));
            continue;
        };
        let got: Vec<&str> = p.evidence.iter().map(|e| e.text.as_str()).collect();
        let want: Vec<&str> = match want {
            EvidenceExpect::One(t) => vec![t.as_str()],
            EvidenceExpect::All(ts) => ts.iter().map(String::as_str).collect(),
        };
        if got != want {
            problems.push(format!("`{id}` evidence: expected {want:?}, got {got:?}"));
        }
    }
    for (id, want) in &case.negated_by {
        let Some(p) = report.point(id) else {
            problems.push(format!("no point `{id}` in the report"));
            continue;
        };
        let got: Vec<Option<&str>> = p.evidence.iter().map(|e| e.negated_by.as_deref()).collect();
        if got.is_empty() || got.iter().any(|g| *g != Some(want.as_str())) {
            problems.push(format!("`{id}` negated_by: expected {want:?}, got {got:?}"));
        }
    }
    for (id, want) in &case.reason {
        match report.point(id) {
            None => problems.push(format!("no point `{id}` in the report")),
            Some(p) if !p.reason.contains(want.as_str()) => problems.push(format!(
                "`{id}` reason: expected it to contain {want:?}, got {:?}",
                p.reason
            )),
            Some(_) => {}
        }
    }
    for (id, want) in &case.voided_by {
        match report.point(id) {
            None => problems.push(format!("no point `{id}` in the report")),
            Some(p) if p.voided_by.as_deref() != Some(want.as_str()) => problems.push(format!(
                "`{id}`: expected voided by {want:?}, got {:?}",
                p.voided_by
            )),
            Some(_) => {}
        }
    }
    if let Some(at) = case.cap {
        match &report.cap {
            Some(cap) if (cap.at - at).abs() <= EPS && report.score <= at + EPS => {}
            other => problems.push(format!("cap: expected at {at}, got {other:?}")),
        }
    }
    if let Some(kind) = &case.cap_kind {
        let got = report.cap.as_ref().map(|c| match c.kind {
            CapKind::RequiredPoints => "required_points",
            CapKind::WrongClaims => "wrong_claims",
        });
        if got != Some(kind.as_str()) {
            problems.push(format!("cap kind: expected {kind}, got {got:?}"));
        }
    }
    if let Some(capped) = case.capped {
        if report.cap.is_some() != capped {
            problems.push(format!(
                "cap: expected capped = {capped}, got {:?}",
                report.cap
            ));
        }
    }
    // A report must always be internally consistent.
    for e in report.points.iter().flat_map(|p| &p.evidence) {
        if case.answer.get(e.start..e.end) != Some(e.text.as_str()) {
            problems.push(format!("evidence {e:?} does not slice the answer"));
        }
    }
    if !(0.0..=1.0).contains(&report.score) {
        problems.push(format!("score {} outside 0..=1", report.score));
    }
    problems
}

#[test]
fn behaviour_cases() {
    let files = case_files();
    assert!(
        files.len() >= 10,
        "expected the behaviour case files, found {files:?}"
    );
    let mut failures = String::new();
    let mut failed = 0;
    let mut total = 0;
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(file).unwrap();
        let data: CaseFile = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let rubric = Rubric::from_toml(&data.rubric)
            .unwrap_or_else(|e| panic!("{name}: the rubric does not compile: {e}"));
        assert!(!data.cases.is_empty(), "{name}: no cases");
        let mut names = BTreeSet::new();
        for case in &data.cases {
            assert!(
                names.insert(&case.name),
                "{name}: duplicate case name {:?}",
                case.name
            );
            assert!(
                case.checks_something(),
                "{name}: case {:?} checks nothing",
                case.name
            );
            total += 1;
            let report = rubric.score(&case.answer);
            let problems = check(case, &report);
            if !problems.is_empty() {
                failed += 1;
                let _ = writeln!(
                    failures,
                    "\n── {name}: {}\nanswer: {:?}\n{}\nreport:\n{report}",
                    case.name,
                    case.answer,
                    problems
                        .iter()
                        .map(|p| format!("  ✗ {p}"))
                        .collect::<Vec<_>>()
                        .join("\n"),
                );
            }
        }
    }
    if failed > 0 {
        panic!("{failed} of {total} behaviour cases failed:\n{failures}");
    }
    eprintln!("{total} behaviour cases passed in {} files", files.len());
}

/// The case files write the engine's constants as numbers (0.4 credit in
/// keyword-list.toml, 0.5 for `partial`, the list thresholds in the
/// comments); if a constant changes, those files must change with it.
#[test]
fn case_data_matches_the_engine_constants() {
    assert_eq!(answer_rubric::KEYWORD_LIST_CREDIT, 0.4);
    assert_eq!(answer_rubric::KEPT_UNDER_PENALTY, 0.05);
    assert_eq!(answer_rubric::LIST_SENTENCE_SHARE, 0.12);
    assert_eq!(answer_rubric::LIST_ITEM_WORDS, 4);
}
