//! Properties of scoring that hold for every answer, checked with proptest on
//! answers built from the rubrics' own phrases, function words, negators,
//! punctuation and arbitrary Unicode, against the reference rubric and the
//! built-in ones.
//!
//! Case counts are kept small so that the whole file runs in a few seconds;
//! raise them locally with `PROPTEST_CASES=5000 cargo test --test properties`.

use std::sync::OnceLock;

use answer_rubric::{builtin, PartSpec, Report, Rubric, Status};
use proptest::prelude::*;
use proptest::sample::select;

const REFERENCE: &str = include_str!("../rubrics/REFERENCE.toml");

/// The reference rubric, then the built-in ones.
fn rubrics() -> &'static [Rubric] {
    static ALL: OnceLock<Vec<Rubric>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all = vec![Rubric::from_toml(REFERENCE).unwrap()];
        all.extend(builtin::all().iter().cloned());
        all
    })
}

/// Every phrase of a rubric's points and misconceptions, with prefix stars
/// removed (the prefix itself is a word that matches).
fn phrases_of(r: &Rubric) -> Vec<String> {
    let spec = r.spec();
    let parts = |all_of: &[answer_rubric::AllOfSpec], k_of_n: &[answer_rubric::KOfNSpec]| {
        let mut v: Vec<String> = Vec::new();
        for a in all_of {
            v.extend(a.parts.iter().flat_map(PartSpec::phrases).cloned());
        }
        for k in k_of_n {
            v.extend(k.items.iter().flat_map(PartSpec::phrases).cloned());
        }
        v
    };
    let mut out = Vec::new();
    for p in &spec.points {
        out.extend(p.phrases.iter().chain(&p.partial).cloned());
        out.extend(parts(&p.all_of, &p.k_of_n));
    }
    for m in &spec.misconceptions {
        out.extend(m.phrases.iter().chain(&m.partial).cloned());
        out.extend(parts(&m.all_of, &m.k_of_n));
    }
    out.into_iter().map(|p| p.replace('*', "")).collect()
}

fn all_phrases() -> &'static [Vec<String>] {
    static ALL: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    ALL.get_or_init(|| rubrics().iter().map(phrases_of).collect())
}

const FILLER: &[&str] = &[
    "the", "a", "it", "is", "and", "so", "because", "which", "of", "to", "in", "we", "data",
    "server", "request", "then", "also", "when", "that", "this", "really", "I", "think",
];
const NEGATORS: &[&str] = &[
    "not", "no", "never", "without", "doesn't", "isn't", "non", "nor",
];
const PUNCTUATION: &[&str] = &[
    ",", ".", ". ", ";", ":", "!", "?", "\n", "\n\n", "-", " - ", "(", ")", "\"", "•", "…", "/",
];

/// One piece of an answer.
fn piece(rubric: usize) -> impl Strategy<Value = String> {
    let phrases = all_phrases()[rubric].clone();
    prop_oneof![
        4 => select(phrases),
        3 => select(FILLER).prop_map(str::to_string),
        1 => select(NEGATORS).prop_map(str::to_string),
        2 => select(PUNCTUATION).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        1 => "\\PC{0,6}",
    ]
}

/// A rubric index and an answer made of pieces.
fn rubric_and_answer() -> impl Strategy<Value = (usize, String)> {
    answer_for_one_of((0..rubrics().len()).collect())
}

/// The same, for the rubrics without regular expressions.
fn regex_free_rubric_and_answer() -> impl Strategy<Value = (usize, String)> {
    let free = (0..rubrics().len())
        .filter(|&r| !has_regex(&rubrics()[r]))
        .collect();
    answer_for_one_of(free)
}

fn answer_for_one_of(indices: Vec<usize>) -> impl Strategy<Value = (usize, String)> {
    select(indices).prop_flat_map(|r| {
        (
            Just(r),
            prop::collection::vec(piece(r), 0..60).prop_map(|ps| ps.join(" ")),
        )
    })
}

fn statuses(r: &Report) -> Vec<(String, Status)> {
    r.points
        .iter()
        .map(|p| (p.id.to_string(), p.status))
        .collect()
}

/// Whether a rubric has regular expressions. They run on the original
/// answer, as written (see REFERENCE.toml), so they may tell `GET` from
/// `get` or miss full-width digits: such rubrics are left out of the
/// normalisation properties.
fn has_regex(r: &Rubric) -> bool {
    let spec = r.spec();
    spec.points.iter().any(|p| !p.regex.is_empty())
        || spec.misconceptions.iter().any(|m| !m.regex.is_empty())
}

fn check_report(answer: &str, report: &Report) -> Result<(), TestCaseError> {
    prop_assert!(report.score.is_finite() && (0.0..=1.0).contains(&report.score));
    for p in &report.points {
        prop_assert!(
            (0.0..=1.0).contains(&p.credit),
            "credit {} of {}",
            p.credit,
            p.id
        );
    }
    let evidence = report
        .points
        .iter()
        .flat_map(|p| &p.evidence)
        .chain(report.penalties.iter().flat_map(|p| &p.evidence));
    for e in evidence {
        prop_assert!(e.start <= e.end && e.end <= answer.len());
        prop_assert!(answer.is_char_boundary(e.start) && answer.is_char_boundary(e.end));
        prop_assert_eq!(&answer[e.start..e.end], e.text.as_str());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn score_is_in_unit_range_and_evidence_slices_the_answer((r, answer) in rubric_and_answer()) {
        let report = rubrics()[r].score(&answer);
        check_report(&answer, &report)?;
    }

    #[test]
    fn arbitrary_unicode_never_breaks_a_report(r in 0..rubrics().len(), answer in "\\PC{0,200}|.{0,200}") {
        let report = rubrics()[r].score(&answer);
        check_report(&answer, &report)?;
    }

    #[test]
    fn scoring_is_deterministic((r, answer) in rubric_and_answer()) {
        let rubric = &rubrics()[r];
        let first = rubric.score(&answer);
        prop_assert_eq!(&first, &rubric.score(&answer));
        // A clone shares the compiled rubric; a fresh compile of the same
        // specification must agree too, down to the JSON bytes.
        let fresh = Rubric::compile(rubric.spec().clone()).unwrap();
        prop_assert_eq!(first.to_json(), fresh.score(&answer).to_json());
    }

    /// Appending a sentence that states a key point (in a neutral prose
    /// frame, as its own sentence) never lowers the score, unless the
    /// sentence is negated or costs a misconception penalty, or the answer
    /// was one lone term: alone it names what was asked for, beside another
    /// sentence it reads as a heading (rule 3 of the scorer), or the answer
    /// becomes a string of key phrases (most of its words evidence, rule 3).
    #[test]
    fn stating_a_key_point_never_lowers_the_score(
        (r, answer) in rubric_and_answer(),
        pick in any::<prop::sample::Index>(),
    ) {
        let rubric = &rubrics()[r];
        let alternatives: Vec<&String> = rubric
            .spec()
            .points
            .iter()
            .flat_map(|p| &p.phrases)
            .filter(|p| !p.contains('*'))
            .collect();
        prop_assume!(!alternatives.is_empty());
        let words = answer.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
        prop_assume!(words.count() > 2);
        let phrase = alternatives[pick.index(alternatives.len())];
        let before = rubric.score(&answer);
        let added = format!("{answer}.\n\nIn short, it is {phrase}, as I said.");
        let after = rubric.score(&added);
        let new_penalty = after.penalty > before.penalty;
        let negated = after
            .points
            .iter()
            .flat_map(|p| &p.evidence)
            .any(|e| e.negated_by.is_some() && e.start >= answer.len());
        let stuffed = |r: &Report| {
            r.points.iter().any(|p| p.reason.contains("strings key phrases together"))
        };
        let became_stuffed = stuffed(&after) && !stuffed(&before);
        prop_assume!(!new_penalty && !negated && !became_stuffed);
        prop_assert!(
            after.score >= before.score,
            "appending `{phrase}` lowered {} to {}\nbefore:\n{before}\nafter:\n{after}",
            before.score,
            after.score
        );
    }

    /// Text that normalises to the same form scores the same: full-width
    /// letters (NFKC), upper and lower case (case folding), and both.
    #[test]
    fn normalisation_equivalent_answers_score_the_same((r, answer) in regex_free_rubric_and_answer()) {
        let rubric = &rubrics()[r];
        // Keep to ASCII so that the variants are exact equivalents, and end
        // sentences with line breaks: UAX #29 lets the case of the next word
        // decide whether a full stop ends a sentence (see the ignored test
        // below), which is not what this property is about.
        let ascii: String = answer
            .chars()
            .filter(|c| c.is_ascii())
            .map(|c| if matches!(c, '.' | '!' | '?') { '\n' } else { c })
            .collect();
        let base = rubric.score(&ascii);
        let upper = ascii.to_uppercase();
        let lower = ascii.to_lowercase();
        let variants = [upper.clone(), lower, full_width(&ascii), full_width(&upper)];
        for v in &variants {
            let other = rubric.score(v);
            prop_assert_eq!(statuses(&base), statuses(&other), "`{}` vs `{}`", ascii, v);
            prop_assert_eq!(base.score, other.score);
        }
        // Normalising twice changes nothing more.
        let twice = full_width(&full_width(&upper));
        prop_assert_eq!(statuses(&rubric.score(&twice)), statuses(&base));
    }

    /// Full-width forms keep every sentence boundary, full stops included,
    /// and regular expressions see them as ASCII.
    #[test]
    fn full_width_answers_score_the_same((r, answer) in rubric_and_answer()) {
        let rubric = &rubrics()[r];
        let ascii: String = answer.chars().filter(|c| c.is_ascii()).collect();
        let base = rubric.score(&ascii);
        let other = rubric.score(&full_width(&ascii));
        prop_assert_eq!(statuses(&base), statuses(&other), "`{}`", ascii);
        prop_assert_eq!(base.score, other.score);
    }
}

/// ASCII letters and digits to their full-width forms (NFKC maps them back).
fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap()
            } else {
                c
            }
        })
        .collect()
}

#[test]
fn ligatures_and_decomposed_accents_score_like_their_plain_forms() {
    let rubric = Rubric::from_toml(REFERENCE).unwrap();
    let plain = "Files are cached: the client revalidates with If-None-Match and the server \
                 sends 304; max-age sets freshness, and the ETag is a validator.";
    let ligatures = plain.replace("fi", "\u{FB01}").replace("ff", "\u{FB00}");
    let accents = plain.replace('e', "e\u{301}");
    let base = rubric.score(plain);
    assert!(base.score > 0.5, "{base}");
    for variant in [ligatures, accents] {
        let other = rubric.score(&variant);
        assert_eq!(statuses(&base), statuses(&other), "{variant}");
        assert_eq!(base.score, other.score, "{variant}");
    }
}

/// Found by `normalisation_equivalent_answers_score_the_same`: sentence
/// boundaries come from UAX #29 on the original text, where a full stop
/// followed by a lower-case word does not end the sentence. So "it blocks.
/// then it waits." is one sentence, and an answer typed without capitals
/// gets `same_sentence` concepts (and bare-list checks) across sentences.
#[test]
#[ignore = "open: the case of the next word decides sentence ends (text pipeline)"]
fn lowercase_after_a_full_stop_still_ends_a_sentence() {
    let rubric = Rubric::from_toml(
        r#"
        id = "t"
        title = "T"
        question = "Q?"
        [[points]]
        id = "p"
        label = "blocks and waits in one sentence"
        [[points.all_of]]
        parts = ["blocks", "waits"]
        "#,
    )
    .unwrap();
    for answer in [
        "It blocks. Then it waits.",
        "it blocks. then it waits.",
        "IT BLOCKS. THEN IT WAITS.",
    ] {
        assert_eq!(
            rubric.score(answer).points[0].status,
            Status::Missing,
            "{answer}"
        );
    }
}

/// Found by `normalisation_equivalent_answers_score_the_same`: regular
/// expressions run on the answer's NFKC form, as phrases do, so a full-width
/// "３０４" matches `\b304\b`, and the evidence is the answer's own text.
#[test]
fn regexes_match_full_width_digits() {
    let rubric = Rubric::from_toml(REFERENCE).unwrap();
    let plain = rubric.score("The server answers 304.");
    let answer = "The server answers ３０４.";
    let wide = rubric.score(answer);
    assert_eq!(statuses(&plain), statuses(&wide));
    let evidence: Vec<&str> = wide
        .points
        .iter()
        .flat_map(|p| &p.evidence)
        .filter(|e| e.rule.starts_with("regex"))
        .map(|e| &answer[e.start..e.end])
        .collect();
    assert_eq!(evidence, ["３０４"]);
}
