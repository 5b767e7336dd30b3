//! The public API: thread safety, a golden report, determinism, and inputs
//! that must never panic.

use std::panic::{RefUnwindSafe, UnwindSafe};
use std::path::Path;

use answer_rubric::{
    agreement, AllOfSpec, BandSpec, Cap, Error, ErrorKind, Evidence, Format, KOfNSpec, Language,
    Location, MatchingSpec, MisconceptionSpec, MissingPoint, PartSpec, Penalty, PointReport,
    PointSpec, Report, Rubric, RubricSpec, Status, Typos,
};

fn assert_send_sync<T: Send + Sync>() {}
fn assert_unwind_safe<T: UnwindSafe + RefUnwindSafe>() {}
fn assert_static<T: 'static>() {}

#[test]
fn public_types_are_send_and_sync() {
    assert_send_sync::<Rubric>();
    assert_send_sync::<Report>();
    assert_send_sync::<Error>();
    assert_send_sync::<ErrorKind>();
    assert_send_sync::<Location>();
    assert_send_sync::<RubricSpec>();
    assert_send_sync::<PointSpec>();
    assert_send_sync::<MisconceptionSpec>();
    assert_send_sync::<AllOfSpec>();
    assert_send_sync::<KOfNSpec>();
    assert_send_sync::<PartSpec>();
    assert_send_sync::<BandSpec>();
    assert_send_sync::<MatchingSpec>();
    assert_send_sync::<Typos>();
    assert_send_sync::<Language>();
    assert_send_sync::<Format>();
    assert_send_sync::<Status>();
    assert_send_sync::<PointReport>();
    assert_send_sync::<Evidence>();
    assert_send_sync::<MissingPoint>();
    assert_send_sync::<Penalty>();
    assert_send_sync::<Cap>();
    assert_send_sync::<agreement::LinearMap>();
    assert_send_sync::<agreement::Agreement>();
    assert_send_sync::<agreement::PointDiagnostic>();
    assert_send_sync::<agreement::WeightSuggestion>();
}

#[test]
fn public_types_are_unwind_safe_and_static() {
    // A rubric shared with a thread that panics stays usable; so do reports
    // and errors.
    assert_unwind_safe::<Rubric>();
    assert_unwind_safe::<Report>();
    assert_unwind_safe::<Error>();
    assert_unwind_safe::<RubricSpec>();
    assert_unwind_safe::<Status>();
    assert_static::<Rubric>();
    assert_static::<Report>();
    assert_static::<Error>();
    // Errors work with `?` into boxed errors that cross threads.
    fn boxed(e: Error) -> Box<dyn std::error::Error + Send + Sync + 'static> {
        Box::new(e)
    }
    let e = Rubric::from_toml("id = 1").unwrap_err();
    assert_eq!(boxed(e.clone()).to_string(), e.to_string());
}

fn reference_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("rubrics/REFERENCE.toml")
}

fn reference() -> Rubric {
    Rubric::from_path(reference_path()).expect("REFERENCE.toml compiles")
}

/// An answer that exercises most of the reference rubric: phrases, a prefix
/// wildcard, a k-of-n group with a typo ("Last-Modifed"), "None" inside the
/// name If-None-Match (not a negation), a misconception whose phrase holds a
/// negator ("never stored"), and a missing point with its hint.
const REFERENCE_ANSWER: &str = "Cache-Control: max-age tells the client how long it may keep \
the reply. Once it is stale, the client revalidates it with If-None-Match and the ETag or \
the Last-Modifed date, and the server answers 304 when nothing changed.\n\
Note that no-cache means the response is never stored.";

/// Misses the required point, so the score is capped.
const CAPPED_ANSWER: &str = "The client revalidates its copy with If-None-Match and the ETag \
or the Last-Modified date; a CDN is a shared cache.";

#[test]
fn golden_report_for_the_reference_rubric() {
    let report = reference().score(REFERENCE_ANSWER);
    insta::assert_snapshot!("reference_report_display", report.to_string());
    insta::assert_snapshot!("reference_report_json", report.to_json());
    // The structured form as well, through serde.
    insta::assert_json_snapshot!("reference_report_serde", report);
}

#[test]
fn golden_report_with_a_cap() {
    let report = reference().score(CAPPED_ANSWER);
    assert!(report.cap.is_some(), "{report}");
    insta::assert_snapshot!("reference_capped_display", report.to_string());
}

#[test]
fn golden_report_for_an_empty_answer() {
    let report = reference().score("");
    insta::assert_snapshot!("reference_empty_display", report.to_string());
}

#[test]
fn reference_rubric_metadata() {
    let r = reference();
    assert_eq!(r.id(), "http-caching");
    assert_eq!(r.number(), Some(1));
    assert_eq!(r.title(), "HTTP caching headers");
    assert_eq!(r.language(), Language::English);
    assert!(r
        .reference()
        .is_some_and(|s| s.contains("304 Not Modified")));
    assert_eq!(r.content_hash().len(), 16);
    assert_eq!(r.spec().points.len(), 4);
}

#[test]
fn scoring_is_deterministic() {
    let rubric = reference();
    let a = rubric.score(REFERENCE_ANSWER).to_json();
    let b = rubric.score(REFERENCE_ANSWER).to_json();
    assert_eq!(a, b);
    // A clone and a fresh compilation give the same bytes too.
    assert_eq!(rubric.clone().score(REFERENCE_ANSWER).to_json(), a);
    assert_eq!(reference().score(REFERENCE_ANSWER).to_json(), a);
    // And across threads.
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let r = rubric.clone();
            std::thread::spawn(move || r.score(REFERENCE_ANSWER).to_json())
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), a);
    }
}

#[test]
fn a_report_does_not_depend_on_what_the_thread_scored_before() {
    // Each thread reuses its working memory from one answer to the next.
    let rubric = reference();
    let caching = answer_rubric::builtin::get("caching").unwrap();
    let fresh = std::thread::spawn(|| reference().score(REFERENCE_ANSWER).to_json())
        .join()
        .unwrap();
    let long = REFERENCE_ANSWER.repeat(2_000);
    let others = [
        long.as_str(),
        "",
        "Ünïcödé naïve ＡＰＩ text, then caches.",
        &"word ".repeat(50),
    ];
    for other in others {
        rubric.score(other);
        caching.score(other);
        assert_eq!(rubric.score(REFERENCE_ANSWER).to_json(), fresh);
    }
}

/// Rubric texts to compare across formats: the reference and every
/// behaviour-case rubric.
fn rubric_sources() -> Vec<(String, String, Vec<String>)> {
    let mut out = vec![(
        "REFERENCE.toml".to_string(),
        std::fs::read_to_string(reference_path()).unwrap(),
        vec![REFERENCE_ANSWER.to_string(), String::new()],
    )];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cases");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    for path in files {
        let file: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let rubric = file["rubric"].as_str().unwrap().to_string();
        let answers = file["cases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["answer"].as_str().unwrap().to_string())
            .collect();
        out.push((
            path.file_name().unwrap().to_string_lossy().into_owned(),
            rubric,
            answers,
        ));
    }
    out
}

#[test]
fn toml_and_json_give_the_same_rubric() {
    for (name, src, answers) in rubric_sources() {
        let from_toml = Rubric::from_toml(&src).unwrap_or_else(|e| panic!("{name}: {e}"));
        let json = serde_json::to_string_pretty(from_toml.spec()).unwrap();
        let from_json = Rubric::from_json(&json).unwrap_or_else(|e| panic!("{name} as JSON: {e}"));
        let from_spec = Rubric::compile(from_toml.spec().clone()).unwrap();
        assert_eq!(from_json.spec(), from_toml.spec(), "{name}");
        assert_eq!(from_json.content_hash(), from_toml.content_hash(), "{name}");
        assert_eq!(from_spec.content_hash(), from_toml.content_hash(), "{name}");
        for answer in &answers {
            let t = from_toml.score(answer).to_json();
            assert_eq!(from_json.score(answer).to_json(), t, "{name}: {answer:?}");
            assert_eq!(from_spec.score(answer).to_json(), t, "{name}: {answer:?}");
        }
        // Through Format and from_bytes as well.
        let via_bytes = Rubric::from_bytes(json.as_bytes(), Format::Json).unwrap();
        assert_eq!(via_bytes.content_hash(), from_toml.content_hash(), "{name}");
    }
}

#[test]
fn the_content_hash_changes_with_the_content() {
    let src = std::fs::read_to_string(reference_path()).unwrap();
    let a = Rubric::from_toml(&src).unwrap();
    let b = Rubric::from_toml(&src.replace("weight = 3", "weight = 4")).unwrap();
    assert_ne!(a.content_hash(), b.content_hash());
    // Comments and layout are not content.
    let c = Rubric::from_toml(&format!("# a comment\n\n{src}\n\n")).unwrap();
    assert_eq!(a.content_hash(), c.content_hash());
    let report = b.score(REFERENCE_ANSWER);
    assert_eq!(&*report.rubric_hash, b.content_hash());
}

const SMALL: &str = r#"
id = "small"
title = "Small"
question = "What does an index do?"

[[points]]
id = "index"
label = "Index"
required = true
phrases = ["index", "b-tree"]
regex = ['\bO\(log n\)']

[[points]]
id = "scan"
label = "Avoids a full scan"
[[points.all_of]]
parts = ["avoid", "full scan"]

[[misconceptions]]
id = "always"
label = "Always faster"
phrases = ["always faster"]
"#;

fn assert_empty_report(rubric: &Rubric, answer: &str) {
    let report = rubric.score(answer);
    assert_eq!(report.score, 0.0, "{report}");
    assert_eq!(report.earned, 0.0);
    assert!(report.penalties.is_empty());
    assert!(report
        .points
        .iter()
        .all(|p| p.status == Status::Missing && p.evidence.is_empty() && p.credit == 0.0));
    assert_eq!(report.missing.len(), report.points.len());
    // Reports of odd input still serialise and print.
    assert!(!report.to_json().is_empty());
    assert!(!report.to_string().is_empty());
}

#[test]
fn empty_and_degenerate_answers_score_zero() {
    for rubric in [Rubric::from_toml(SMALL).unwrap(), reference()] {
        for answer in [
            "",
            " ",
            "\n\n\t\r\n",
            "?!… --- ... ,,, ;;; ()[]{} «» „“ ¿¡",
            "\0",
            "\0\0\0 \0 \0\0",
            "\u{200B}\u{200D}\u{FEFF}\u{00AD}",
            "\u{301}\u{308}",
            "👩\u{200D}💻🏳\u{FE0F}\u{200D}🌈",
            "\u{FFFD}\u{FFFF}\u{10FFFF}",
            "not no never without n't",
        ] {
            assert_empty_report(&rubric, answer);
        }
    }
}

#[test]
fn nul_bytes_around_a_match_do_not_break_it() {
    let rubric = Rubric::from_toml(SMALL).unwrap();
    let answer = "\0An\0index\0lets the database avoid a full scan.\0";
    let report = rubric.score(answer);
    let p = report.point("index").unwrap();
    assert_eq!(p.status, Status::Covered, "{report}");
    let e = &p.evidence[0];
    assert_eq!(&answer[e.start..e.end], "index");
}

#[test]
fn a_one_megabyte_answer_does_not_panic() {
    let rubric = Rubric::from_toml(SMALL).unwrap();
    let sentence = "The quick brown fox jumps over the lazy dog near a river bank. ";
    let big = sentence.repeat((1 << 20) / sentence.len() + 1);
    assert!(big.len() >= 1 << 20);
    let start = std::time::Instant::now();
    assert_empty_report(&rubric, &big);
    // One enormous word.
    assert_empty_report(&rubric, &"x".repeat(1 << 20));
    // A match at the end of a megabyte is still found, at the right place.
    let answer = format!("{big}An index avoids a full scan.");
    let report = rubric.score(&answer);
    let p = report.point("index").unwrap();
    assert_eq!(p.status, Status::Covered);
    assert_eq!(&answer[p.evidence[0].start..p.evidence[0].end], "index");
    assert_eq!(report.point("scan").unwrap().status, Status::Covered);
    let took = start.elapsed();
    // Linear time: seconds even unoptimised, never minutes.
    assert!(took < std::time::Duration::from_secs(120), "took {took:?}");
}

#[test]
fn large_degenerate_answers_do_not_panic() {
    let rubric = Rubric::from_toml(SMALL).unwrap();
    let reference = reference();
    for answer in [
        "not ".repeat(1 << 15),
        "👩\u{200D}💻".repeat(1 << 15),
        "\n".repeat(1 << 17),
        "a-".repeat(1 << 16),
        "e\u{301}".repeat(1 << 16),
        "\0".repeat(1 << 17),
        "x.".repeat(1 << 16),
    ] {
        assert_empty_report(&rubric, &answer);
        assert_empty_report(&reference, &answer);
    }
}

#[test]
fn a_repeated_match_does_not_blow_up() {
    let rubric = Rubric::from_toml(SMALL).unwrap();
    let answer = "We avoid a full scan with an index and it is always faster. ".repeat(20_000);
    let start = std::time::Instant::now();
    let report = rubric.score(&answer);
    assert!(start.elapsed() < std::time::Duration::from_secs(60));
    assert_eq!(report.point("index").unwrap().status, Status::Covered);
    assert_eq!(report.point("scan").unwrap().status, Status::Covered);
    // The misconception costs its penalty once, however often it is repeated.
    assert_eq!(report.penalties.len(), 1);
    assert_eq!(report.penalty, 1.0);
}

#[test]
fn report_accessors() {
    let rubric = Rubric::from_toml(SMALL).unwrap();
    let report = rubric.score("An index avoids a full scan, it is always faster.");
    assert_eq!(&*report.rubric, "small");
    assert!(report.point("index").is_some());
    assert!(report.point("nope").is_none());
    assert_eq!(Status::Covered.as_str(), "covered");
    assert_eq!(Status::Contradicted.to_string(), "contradicted");
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(json["points"][0]["status"], "covered");
    assert_eq!(json["penalties"][0]["id"], "always");
}
