//! Evidence spans are byte ranges into the original answer: whatever comes
//! before the match (accents, Cyrillic, CJK, Arabic, emoji with zero-width
//! joiners, combining marks), `start..end` lies on char boundaries,
//! `&answer[start..end] == evidence.text`, and the text is the matched words.

use std::sync::OnceLock;

use answer_rubric::{Evidence, Report, Rubric};
use proptest::prelude::*;

const RUBRIC: &str = r#"
id = "evidence"
title = "Evidence spans"
question = "How does a server handle many requests?"

[[points]]
id = "loop"
label = "An event loop"
weight = 3
phrases = ["event loop"]

[[points]]
id = "async"
label = "Asynchronous (typos forgiven)"
weight = 2
phrases = ["asynchronous"]

[[points]]
id = "validators"
label = "Validators (k of n)"
[[points.k_of_n]]
k = 2
items = ["etag", "last-modified"]

[[points]]
id = "expiry"
label = "The token expires (all of)"
[[points.all_of]]
parts = ["token", "expire"]

[[points]]
id = "not-modified"
label = "304 (regex)"
regex = ['\b304\b']

[[points]]
id = "cafe"
label = "Café (accented phrase)"
phrases = ["café"]

[[points]]
id = "russian"
label = "кэш (Cyrillic phrase)"
phrases = ["кэш"]

[[points]]
id = "chinese"
label = "缓存 (CJK phrase)"
phrases = ["缓存"]

[[points]]
id = "arabic"
label = "ذاكرة (Arabic phrase)"
phrases = ["ذاكرة"]

[[misconceptions]]
id = "parallel"
label = "Runs in parallel"
phrases = ["runs in parallel"]
"#;

fn rubric() -> &'static Rubric {
    static COMPILED: OnceLock<Rubric> = OnceLock::new();
    COMPILED.get_or_init(|| Rubric::from_toml(RUBRIC).expect("the evidence rubric compiles"))
}

fn all_evidence(report: &Report) -> impl Iterator<Item = &Evidence> {
    report
        .points
        .iter()
        .flat_map(|p| &p.evidence)
        .chain(report.penalties.iter().flat_map(|p| &p.evidence))
}

/// Every piece of evidence in the report slices the answer exactly.
fn assert_spans_slice(answer: &str, report: &Report) {
    for e in all_evidence(report) {
        assert!(e.start < e.end, "empty span {e:?} in {answer:?}");
        assert!(
            answer.is_char_boundary(e.start) && answer.is_char_boundary(e.end),
            "span {}..{} of {e:?} is not on char boundaries of {answer:?}",
            e.start,
            e.end
        );
        assert_eq!(
            &answer[e.start..e.end],
            e.text,
            "span text of {e:?} in {answer:?}"
        );
    }
}

/// The evidence texts of one point, checked to slice the answer.
fn evidence_of(answer: &str, point: &str) -> Vec<String> {
    let report = rubric().score(answer);
    assert_spans_slice(answer, &report);
    report
        .point(point)
        .unwrap_or_else(|| panic!("no point {point}"))
        .evidence
        .iter()
        .map(|e| e.text.clone())
        .collect()
}

fn penalty_evidence_of(answer: &str, id: &str) -> Vec<String> {
    let report = rubric().score(answer);
    assert_spans_slice(answer, &report);
    report
        .penalties
        .iter()
        .find(|p| &*p.id == id)
        .unwrap_or_else(|| panic!("no penalty {id} in\n{report}"))
        .evidence
        .iter()
        .map(|e| e.text.clone())
        .collect()
}

/// Text put before the matches: each exercises a different kind of
/// multi-byte or zero-width character.
const PREFIXES: &[(&str, &str)] = &[
    ("ascii", "Well, "),
    ("accents", "Ünïcödé naïve façade, déjà vu: "),
    ("cyrillic", "Кэширование и очередь сообщений, "),
    ("cjk", "服务器使用缓存。 "),
    ("arabic", "الخادم يستخدم الذاكرة المؤقتة، "),
    ("emoji", "🚀🔥 "),
    (
        "emoji-zwj",
        "👩\u{200D}💻 👨\u{200D}👩\u{200D}👧\u{200D}👦 🏳\u{FE0F}\u{200D}🌈 ",
    ),
    ("combining", "e\u{301}e\u{301} a\u{308}o\u{308} n\u{303} "),
    ("combining-only", "\u{301}\u{308}\u{303} "),
    ("full-width", "ＡＰＩ ｓｅｒｖｅｒ, "),
    ("invisible", "\u{200B}\u{FEFF}\u{200E}zero\u{200D}width "),
    ("mixed", "Ünï 👩\u{200D}💻 кэш 缓存 ذاكرة e\u{301}: "),
];

#[test]
fn phrase_evidence_after_every_prefix() {
    for (name, prefix) in PREFIXES {
        let answer = format!("{prefix}the event loop serves the requests one at a time.");
        assert_eq!(
            evidence_of(&answer, "loop"),
            ["event loop"],
            "prefix {name}"
        );
        let start = prefix.len() + "the ".len();
        let report = rubric().score(&answer);
        let e = &report.point("loop").unwrap().evidence[0];
        assert_eq!(
            (e.start, e.end),
            (start, start + "event loop".len()),
            "prefix {name}"
        );
    }
}

#[test]
fn typo_evidence_after_every_prefix() {
    for (name, prefix) in PREFIXES {
        let answer = format!("{prefix}the code is asyncronous in this case.");
        let report = rubric().score(&answer);
        assert_spans_slice(&answer, &report);
        let p = report.point("async").unwrap();
        assert_eq!(p.status.as_str(), "covered", "prefix {name}\n{report}");
        assert_eq!(p.evidence[0].text, "asyncronous", "prefix {name}");
        assert!(
            p.evidence[0].similarity.is_some_and(|s| s < 1.0),
            "prefix {name}"
        );
    }
}

#[test]
fn k_of_n_and_all_of_evidence_after_every_prefix() {
    for (name, prefix) in PREFIXES {
        let answer = format!(
            "{prefix}the server sends an ETag and a Last-Modified date, and the token will expire soon."
        );
        assert_eq!(
            evidence_of(&answer, "validators"),
            ["ETag", "Last-Modified"],
            "prefix {name}"
        );
        assert_eq!(
            evidence_of(&answer, "expiry"),
            ["token", "expire"],
            "prefix {name}"
        );
    }
}

#[test]
fn regex_evidence_after_every_prefix() {
    for (name, prefix) in PREFIXES {
        let answer = format!("{prefix}the server answers with a 304 when nothing changed.");
        assert_eq!(
            evidence_of(&answer, "not-modified"),
            ["304"],
            "prefix {name}"
        );
    }
}

#[test]
fn misconception_evidence_after_every_prefix() {
    for (name, prefix) in PREFIXES {
        let answer = format!("{prefix}the work runs in parallel on every core.");
        assert_eq!(
            penalty_evidence_of(&answer, "parallel"),
            ["runs in parallel"],
            "prefix {name}"
        );
    }
}

#[test]
fn negated_evidence_after_every_prefix() {
    for (name, prefix) in PREFIXES {
        let answer = format!("{prefix}there is no event loop in this model.");
        let report = rubric().score(&answer);
        assert_spans_slice(&answer, &report);
        let p = report.point("loop").unwrap();
        assert_eq!(p.status.as_str(), "contradicted", "prefix {name}\n{report}");
        assert_eq!(p.evidence[0].text, "event loop", "prefix {name}");
        assert_eq!(
            p.evidence[0].negated_by.as_deref(),
            Some("no"),
            "prefix {name}"
        );
    }
}

#[test]
fn accented_matches_keep_their_accents_in_the_evidence() {
    // Precomposed, upper case, unaccented and decomposed spellings of "café".
    assert_eq!(
        evidence_of("We met in the café near the office.", "cafe"),
        ["café"]
    );
    assert_eq!(
        evidence_of("We met in the CAFÉ near the office.", "cafe"),
        ["CAFÉ"]
    );
    assert_eq!(
        evidence_of("We met in the cafe near the office.", "cafe"),
        ["cafe"]
    );
    // The combining acute accent belongs to the word and to its span.
    assert_eq!(
        evidence_of("We met in the cafe\u{301} near the office.", "cafe"),
        ["cafe\u{301}"]
    );
    assert_eq!(
        evidence_of(
            "e\u{301}\u{301} the cafe\u{301}\u{301} near the office.",
            "cafe"
        ),
        ["cafe\u{301}\u{301}"]
    );
}

#[test]
fn non_latin_matches() {
    assert_eq!(
        evidence_of("Кэширование — это кэш для ответов.", "russian"),
        ["кэш"]
    );
    assert_eq!(evidence_of("ОН ИСПОЛЬЗУЕТ КЭШ.", "russian"), ["КЭШ"]);
    assert_eq!(evidence_of("服务器使用缓存。", "chinese"), ["缓存"]);
    assert_eq!(
        evidence_of("👩\u{200D}💻 服务器使用缓存。", "chinese"),
        ["缓存"]
    );
    assert_eq!(
        evidence_of("الخادم يستخدم ذاكرة مؤقتة", "arabic"),
        ["ذاكرة"]
    );
    // A longer word that contains the Arabic phrase is not a match.
    assert!(evidence_of("الخادم يستخدم الذاكرة", "arabic").is_empty());
}

#[test]
fn matches_between_emoji_and_joiners() {
    let answer = "🚀the event loop🔥 and the 👩\u{200D}💻etag👩\u{200D}💻 with a last-modified🏳\u{FE0F}\u{200D}🌈 date";
    assert_eq!(evidence_of(answer, "loop"), ["event loop"]);
    assert_eq!(evidence_of(answer, "validators"), ["etag", "last-modified"]);
}

#[test]
fn hyphenated_and_joined_matches_cover_the_whole_compound() {
    // "event loop" written with a hyphen: one span over both words.
    assert_eq!(
        evidence_of("Ünï: the event-loop serves requests.", "loop"),
        ["event-loop"]
    );
    // "last-modified" in the rubric, joined in the answer.
    assert_eq!(
        evidence_of(
            "кэш: it sends an etag and a lastmodified date.",
            "validators"
        ),
        ["etag", "lastmodified"]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any text before and after a match: the evidence still slices the answer
    /// and names the matched words.
    #[test]
    fn evidence_slices_the_answer(prefix in "\\PC{0,40}", suffix in "\\PC{0,40}") {
        let answer = format!("{prefix} the event loop serves requests {suffix}");
        let report = rubric().score(&answer);
        for e in all_evidence(&report) {
            prop_assert!(answer.is_char_boundary(e.start) && answer.is_char_boundary(e.end));
            prop_assert_eq!(&answer[e.start..e.end], e.text.as_str());
        }
    }

    /// Arbitrary text, including control characters, never panics and every
    /// span slices the answer.
    #[test]
    fn arbitrary_text_never_breaks_spans(answer in "(?s).{0,200}") {
        let report = rubric().score(&answer);
        prop_assert!((0.0..=1.0).contains(&report.score));
        for e in all_evidence(&report) {
            prop_assert!(answer.is_char_boundary(e.start) && answer.is_char_boundary(e.end));
            prop_assert_eq!(&answer[e.start..e.end], e.text.as_str());
        }
    }
}
