//! A rubric linter: mistakes that compile but make a rubric easy to game or
//! unhelpful.
//!
//! [`check`] looks at a compiled [`Rubric`] (and, optionally, sample answers)
//! and returns one [`Warning`] per problem found:
//!
//! - [`ParrotsQuestion`](WarningKind::ParrotsQuestion): a point's rule
//!   matches the question itself, so an answer that repeats the question
//!   earns it.
//! - [`OverlappingPoints`](WarningKind::OverlappingPoints): an alternative of
//!   one point also earns another point. The scorer never credits the same
//!   words twice, so which point gets them depends on claim order, and an
//!   answer that says the phrase twice earns both.
//! - [`TyposNoEffect`](WarningKind::TyposNoEffect): `typos = "auto"` on a
//!   point whose words are all too short to forgive typos in.
//! - [`TyposCannotApply`](WarningKind::TyposCannotApply): `typos` set on a
//!   point or misconception that only has regular expressions.
//! - [`UnsatisfiableKOfN`](WarningKind::UnsatisfiableKOfN): a k-of-n group
//!   with fewer than k distinct items (items that match exactly the same
//!   words count once), so it can never give full credit from k different
//!   things.
//! - [`NoHint`](WarningKind::NoHint): a point without a hint, so a report
//!   cannot say what is missing.
//! - [`NeverMatchesSamples`](WarningKind::NeverMatchesSamples): a point that
//!   none of the sample answers matches (only when samples are given).
//!
//! ```
//! use answer_rubric::{lint, Rubric};
//!
//! let rubric = Rubric::from_toml(r#"
//!     id = "tcp-udp"
//!     title = "TCP vs UDP"
//!     question = "How does TCP differ from UDP?"
//!     [[points]]
//!     id = "reliable"
//!     label = "TCP is reliable"
//!     phrases = ["retransmits lost packets", "tcp"]
//! "#)?;
//! let warnings = lint::check(&rubric, &[]);
//! let kinds: Vec<_> = warnings.iter().map(|w| w.kind).collect();
//! assert_eq!(kinds, [lint::WarningKind::ParrotsQuestion, lint::WarningKind::NoHint]);
//! # Ok::<(), answer_rubric::Error>(())
//! ```

use std::collections::BTreeSet;
use std::fmt;

use serde::Serialize;

use crate::compile::{Compiled, Item, Rule};
use crate::matcher::Analysis;
use crate::report::Status;
use crate::rubric::Rubric;
use crate::rules::{self, Hit, RegexText, Source};

/// Most examples quoted in one warning's message.
const MAX_EXAMPLES: usize = 3;

/// What a [`Warning`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WarningKind {
    /// A rule of the point matches the question text itself.
    ParrotsQuestion,
    /// An alternative of the point also earns another point.
    OverlappingPoints,
    /// `typos = "auto"` on a point whose words are all too short for it.
    TyposNoEffect,
    /// `typos` set on an item that has only regular expressions.
    TyposCannotApply,
    /// A k-of-n group with fewer than k distinct items.
    UnsatisfiableKOfN,
    /// A point without a hint.
    NoHint,
    /// A point that none of the sample answers matches.
    NeverMatchesSamples,
}

impl WarningKind {
    /// A kebab-case name, as serialised: `parrots-question`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            WarningKind::ParrotsQuestion => "parrots-question",
            WarningKind::OverlappingPoints => "overlapping-points",
            WarningKind::TyposNoEffect => "typos-no-effect",
            WarningKind::TyposCannotApply => "typos-cannot-apply",
            WarningKind::UnsatisfiableKOfN => "unsatisfiable-k-of-n",
            WarningKind::NoHint => "no-hint",
            WarningKind::NeverMatchesSamples => "never-matches-samples",
        }
    }
}

impl fmt::Display for WarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found in a rubric.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// What kind of problem.
    pub kind: WarningKind,
    /// The id of the point (or misconception) concerned.
    pub point: String,
    /// What is wrong and why it matters, in one sentence.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}]: {}", self.point, self.kind, self.message)
    }
}

/// Lints a rubric. `samples` are answers written for its question (of any
/// quality); with none, the sample check is skipped. Warnings come in rubric
/// order: by point, then by kind.
pub fn check(rubric: &Rubric, samples: &[&str]) -> Vec<Warning> {
    let c = rubric.compiled();
    let mut out = Vec::new();
    parrots_question(c, &mut out);
    overlapping_points(c, &mut out);
    typos(c, &mut out);
    k_of_n(c, &mut out);
    no_hint(c, &mut out);
    if !samples.is_empty() {
        never_matches(rubric, samples, &mut out);
    }
    let order = |id: &str| {
        let points = c.points.iter().map(|p| &p.id);
        points
            .chain(c.misconceptions.iter().map(|m| &m.id))
            .position(|p| &**p == id)
            .unwrap_or(usize::MAX)
    };
    out.sort_by_key(|w| (order(&w.point), w.kind));
    out
}

fn warn(out: &mut Vec<Warning>, kind: WarningKind, point: &str, message: String) {
    out.push(Warning {
        kind,
        point: point.to_string(),
        message,
    });
}

/// The hits of `item` in `a` that earn credit: not negated, credit above 0.
/// `regex_text` is the text regexes search in `a` (made once per analysis).
fn earning_hits(c: &Compiled, a: &Analysis<'_>, regex_text: &RegexText, item: &Item) -> Vec<Hit> {
    let free = vec![false; a.tokens.len()];
    let mut hits = Vec::new();
    rules::candidates(c, a, item, &free, None, regex_text, &mut hits);
    hits.into_iter()
        .filter(|h| h.negated_by.is_none() && h.credit > 0.0)
        .collect()
}

/// The rubric text behind a hit: the alternatives or patterns that matched.
fn matched_texts(c: &Compiled, item: &Item, hit: &Hit) -> Vec<String> {
    hit.spans
        .iter()
        .map(|s| match (s.source, &item.rules[hit.rule]) {
            (Source::Phrase { part, alternative }, _) => c.parts[part as usize]
                .texts
                .get(alternative as usize)
                .map_or_else(String::new, |t| t.to_string()),
            (Source::Regex, Rule::Regex { pattern, .. }) => format!("regex {pattern}"),
            (Source::Regex, _) => String::new(),
        })
        .collect()
}

/// Joins examples (already quoted), showing the first few.
fn quote_list(items: &BTreeSet<String>) -> String {
    let mut shown: Vec<String> = items.iter().take(MAX_EXAMPLES).cloned().collect();
    if items.len() > MAX_EXAMPLES {
        shown.push(format!("and {} more", items.len() - MAX_EXAMPLES));
    }
    shown.join(", ")
}

fn parrots_question(c: &Compiled, out: &mut Vec<Warning>) {
    let question = &c.spec.question;
    let a = Analysis::new(c, question);
    let regex_text = RegexText::new();
    for item in &c.points {
        let hits = earning_hits(c, &a, &regex_text, item);
        let Some(credit) = hits.iter().map(|h| h.credit).reduce(f64::max) else {
            continue;
        };
        let matched: BTreeSet<String> = hits
            .iter()
            .flat_map(|h| matched_texts(c, item, h))
            .map(|t| format!("`{t}`"))
            .collect();
        warn(
            out,
            WarningKind::ParrotsQuestion,
            &item.id,
            format!(
                "the question itself matches {} (credit {}): an answer that only repeats the question earns this point",
                quote_list(&matched),
                round(credit)
            ),
        );
    }
}

/// The texts that earn an item credit on their own: its `phrases` and
/// `partial` alternatives and the alternatives of its k-of-n items.
fn standalone_texts<'c>(c: &'c Compiled, item: &Item) -> Vec<&'c str> {
    let mut texts = Vec::new();
    for rule in &item.rules {
        let parts: &[u32] = match rule {
            Rule::Any { part, .. } => std::slice::from_ref(part),
            Rule::KOfN { items, .. } => items,
            Rule::AllOf { .. } | Rule::Regex { .. } => &[],
        };
        for &p in parts {
            texts.extend(c.parts[p as usize].texts.iter().map(|t| &**t));
        }
    }
    texts
}

fn overlapping_points(c: &Compiled, out: &mut Vec<Warning>) {
    for p in &c.points {
        // For each other point: this point's texts that earn it, each with
        // the first alternative of the other point that matched there.
        let mut found: Vec<BTreeSet<String>> = vec![BTreeSet::new(); c.points.len()];
        for text in standalone_texts(c, p) {
            let a = Analysis::new(c, text);
            let regex_text = RegexText::new();
            for (qi, q) in c.points.iter().enumerate() {
                if q.id == p.id {
                    continue;
                }
                let hits = earning_hits(c, &a, &regex_text, q);
                if let Some(m) = hits.iter().flat_map(|h| matched_texts(c, q, h)).min() {
                    found[qi].insert(format!("`{text}` (as `{m}`)"));
                }
            }
        }
        for (qi, examples) in found.iter().enumerate() {
            if examples.is_empty() {
                continue;
            }
            warn(
                out,
                WarningKind::OverlappingPoints,
                &p.id,
                format!(
                    "{} also earn{} `{}`: the same words stand for two points, so credit depends on claim order and an answer that says them twice earns both",
                    quote_list(examples),
                    if examples.len() == 1 { "s" } else { "" },
                    c.points[qi].id
                ),
            );
        }
    }
}

fn typos(c: &Compiled, out: &mut Vec<Warning>) {
    let specs = c
        .spec
        .points
        .iter()
        .map(|p| p.typos)
        .chain(c.spec.misconceptions.iter().map(|m| m.typos));
    let items = c.points.iter().chain(&c.misconceptions);
    for (typos, item) in specs.zip(items) {
        let Some(typos) = typos else {
            continue;
        };
        let setting = match typos {
            crate::spec::Typos::Auto => "auto",
            crate::spec::Typos::Off => "off",
        };
        let word_rules = item.rules.iter().any(|r| !matches!(r, Rule::Regex { .. }));
        if !word_rules {
            warn(
                out,
                WarningKind::TyposCannotApply,
                &item.id,
                format!(
                    "`typos = \"{setting}\"` cannot apply: the item has only regular expressions, which never forgive typos"
                ),
            );
            continue;
        }
        if typos != crate::spec::Typos::Auto {
            continue;
        }
        let long_word = item_texts(c, item).any(|text| {
            let words = crate::pattern::analyse_words(&c.analyzer, text);
            words
                .words
                .iter()
                .any(|w| !w.ends_with('*') && crate::fuzzy::max_edits(w.chars().count()) > 0)
        });
        if !long_word {
            warn(
                out,
                WarningKind::TyposNoEffect,
                &item.id,
                format!(
                    "`typos = \"auto\"` has no effect: every word of the item has {} letters or fewer (or is a prefix), and such words must match exactly",
                    crate::fuzzy::MIN_FUZZY_CHARS - 1
                ),
            );
        }
    }
}

/// Every alternative text of an item's word rules.
fn item_texts<'c>(c: &'c Compiled, item: &'c Item) -> impl Iterator<Item = &'c str> + 'c {
    item.rules
        .iter()
        .flat_map(|rule| -> Vec<u32> {
            match rule {
                Rule::Any { part, .. } => vec![*part],
                Rule::AllOf { parts, .. } => parts.clone(),
                Rule::KOfN { items, .. } => items.clone(),
                Rule::Regex { .. } => Vec::new(),
            }
        })
        .flat_map(move |p| c.parts[p as usize].texts.iter().map(|t| &**t))
}

fn k_of_n(c: &Compiled, out: &mut Vec<Warning>) {
    for item in c.points.iter().chain(&c.misconceptions) {
        let mut group = 0;
        for rule in &item.rules {
            let Rule::KOfN { k, items, .. } = rule else {
                continue;
            };
            // contains[j][i]: every alternative of item j contains item i.
            let analyses: Vec<Vec<Analysis<'_>>> = items
                .iter()
                .map(|&p| {
                    c.parts[p as usize]
                        .texts
                        .iter()
                        .map(|t| Analysis::new(c, t))
                        .collect()
                })
                .collect();
            let contains =
                |j: usize, i: usize| analyses[j].iter().all(|a| !a.part(items[i]).is_empty());
            // Items that contain each other match the same words: classes.
            let mut class: Vec<usize> = (0..items.len()).collect();
            let mut same = Vec::new();
            for j in 0..items.len() {
                for i in 0..j {
                    if class[j] == j && contains(j, i) && contains(i, j) {
                        class[j] = class[i];
                        same.push((i, j));
                    }
                }
            }
            let distinct = class.iter().enumerate().filter(|&(i, &c)| i == c).count();
            if distinct < *k {
                let pairs: Vec<String> = same
                    .iter()
                    .take(MAX_EXAMPLES)
                    .map(|&(i, j)| {
                        format!(
                            "items {} and {} (`{}`)",
                            i + 1,
                            j + 1,
                            c.parts[items[j] as usize].texts.join("`, `")
                        )
                    })
                    .collect();
                warn(
                    out,
                    WarningKind::UnsatisfiableKOfN,
                    &item.id,
                    format!(
                        "k_of_n[{group}] needs k = {k} distinct items but has only {distinct}: {} match the same words",
                        pairs.join(", ")
                    ),
                );
            }
            group += 1;
        }
    }
}

fn no_hint(c: &Compiled, out: &mut Vec<Warning>) {
    for item in &c.points {
        if item.note.as_deref().is_none_or(|h| h.trim().is_empty()) {
            warn(
                out,
                WarningKind::NoHint,
                &item.id,
                "no hint: a report cannot tell a candidate what this point expects".to_string(),
            );
        }
    }
}

fn never_matches(rubric: &Rubric, samples: &[&str], out: &mut Vec<Warning>) {
    let c = rubric.compiled();
    let mut matched = vec![false; c.points.len()];
    for sample in samples {
        let report = rubric.score(sample);
        for (m, p) in matched.iter_mut().zip(&report.points) {
            *m |= p.status != Status::Missing;
        }
    }
    for (item, m) in c.points.iter().zip(matched) {
        if !m {
            warn(
                out,
                WarningKind::NeverMatchesSamples,
                &item.id,
                format!(
                    "none of the {} sample answers matches this point: its phrasings may be too narrow",
                    samples.len()
                ),
            );
        }
    }
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r#"
        id = "t"
        title = "T"
        question = "What does a message broker do?"
    "#;

    fn lint(body: &str, samples: &[&str]) -> Vec<Warning> {
        let rubric = Rubric::from_toml(&format!("{HEAD}\n{body}")).unwrap();
        check(&rubric, samples)
    }

    fn kinds(ws: &[Warning]) -> Vec<(WarningKind, &str)> {
        ws.iter().map(|w| (w.kind, w.point.as_str())).collect()
    }

    const CLEAN: &str = r#"
        [[points]]
        id = "decouple"
        label = "Decouples producers from consumers"
        hint = "Say that producers and consumers need not know each other."
        phrases = ["decouples producers", "loose coupling"]

        [[points]]
        id = "buffer"
        label = "Buffers messages"
        hint = "Say that the queue buffers messages until consumers are ready."
        phrases = ["buffers messages", "absorbs spikes"]
    "#;

    #[test]
    fn a_clean_rubric_has_no_warnings() {
        assert_eq!(lint(CLEAN, &[]), []);
        let samples = ["It decouples producers from consumers and buffers messages."];
        assert_eq!(lint(CLEAN, &samples), []);
    }

    #[test]
    fn parroting_the_question_is_flagged() {
        let ws = lint(
            r#"
            [[points]]
            id = "role"
            label = "Says what it is"
            hint = "Say what a broker is."
            phrases = ["message broker", "middleware"]
            "#,
            &[],
        );
        assert_eq!(kinds(&ws), [(WarningKind::ParrotsQuestion, "role")]);
        assert!(
            ws[0].message.contains("`message broker`"),
            "{}",
            ws[0].message
        );
        assert!(ws[0].to_string().starts_with("role [parrots-question]: "));
    }

    #[test]
    fn negated_or_partial_questions_still_count_only_when_they_earn() {
        // "does" in the question is not a point alternative: no warning.
        let ws = lint(
            r#"
            [[points]]
            id = "role"
            label = "x"
            hint = "h"
            phrases = ["broker does nothing"]
            "#,
            &[],
        );
        assert_eq!(ws, []);
    }

    #[test]
    fn overlapping_points_are_flagged_once_per_pair() {
        let ws = lint(
            r#"
            [[points]]
            id = "queue"
            label = "Queues"
            hint = "h"
            phrases = ["durable queue", "persistent queue"]

            [[points]]
            id = "durability"
            label = "Durability"
            hint = "h"
            phrases = ["durable", "survives restarts"]
            "#,
            &[],
        );
        assert_eq!(kinds(&ws), [(WarningKind::OverlappingPoints, "queue")]);
        assert!(
            ws[0].message.contains("`durable queue` (as `durable`)"),
            "{}",
            ws[0].message
        );
        assert!(ws[0].message.contains("`durability`"), "{}", ws[0].message);
    }

    #[test]
    fn k_of_n_items_overlapping_another_point_are_flagged() {
        let ws = lint(
            r#"
            [[points]]
            id = "tools"
            label = "Tools"
            hint = "h"
            [[points.k_of_n]]
            k = 2
            items = ["kafka", "rabbitmq", ["sqs", "amazon queue"]]

            [[points]]
            id = "cloud"
            label = "Managed"
            hint = "h"
            phrases = ["amazon"]
            "#,
            &[],
        );
        assert_eq!(kinds(&ws), [(WarningKind::OverlappingPoints, "tools")]);
    }

    #[test]
    fn typos_on_short_words_only_have_no_effect() {
        let ws = lint(
            r#"
            [[points]]
            id = "short"
            label = "Short words"
            hint = "h"
            typos = "auto"
            phrases = ["ack", "nack it", "retr*"]

            [[points]]
            id = "long"
            label = "A long word"
            hint = "h"
            typos = "auto"
            phrases = ["acknowledgement"]
            "#,
            &[],
        );
        assert_eq!(kinds(&ws), [(WarningKind::TyposNoEffect, "short")]);
    }

    #[test]
    fn typos_on_regex_only_items_cannot_apply() {
        let ws = lint(
            r#"
            [[points]]
            id = "port"
            label = "Port"
            hint = "h"
            typos = "off"
            regex = ['\b5672\b']

            [[misconceptions]]
            id = "sync"
            label = "Sync"
            typos = "auto"
            regex = ['\bsynchronous rpc\b']
            "#,
            &[],
        );
        assert_eq!(
            kinds(&ws),
            [
                (WarningKind::TyposCannotApply, "port"),
                (WarningKind::TyposCannotApply, "sync")
            ]
        );
    }

    #[test]
    fn k_of_n_with_too_few_distinct_items_is_flagged() {
        let ws = lint(
            r#"
            [[points]]
            id = "brokers"
            label = "Names brokers"
            hint = "h"
            [[points.k_of_n]]
            k = 3
            items = ["kafka", "rabbitmq", ["rabbit-mq", "RabbitMQ"]]
            [[points.k_of_n]]
            k = 2
            items = ["queues", "queue", "topics"]
            credit = 0.5
            "#,
            &[],
        );
        // Group 0: items 2 and 3 match the same words. Group 1: "queues" and
        // "queue" share a stem, but two distinct items remain for k = 2.
        assert_eq!(kinds(&ws), [(WarningKind::UnsatisfiableKOfN, "brokers")]);
        assert!(
            ws[0].message.starts_with("k_of_n[0] needs k = 3"),
            "{}",
            ws[0].message
        );
        assert!(ws[0].message.contains("items 2 and 3"), "{}", ws[0].message);
    }

    #[test]
    fn points_without_hints_are_flagged() {
        let ws = lint(
            r#"
            [[points]]
            id = "bare"
            label = "No hint"
            phrases = ["decouples"]

            [[points]]
            id = "blank"
            label = "Blank hint"
            hint = "  "
            phrases = ["buffers"]
            "#,
            &[],
        );
        assert_eq!(
            kinds(&ws),
            [
                (WarningKind::NoHint, "bare"),
                (WarningKind::NoHint, "blank")
            ]
        );
    }

    #[test]
    fn points_no_sample_matches_are_flagged() {
        let samples = [
            "It decouples services.",
            "It does not buffer messages at all, I think.",
        ];
        let ws = lint(
            r#"
            [[points]]
            id = "decouple"
            label = "x"
            hint = "h"
            phrases = ["decouples"]

            [[points]]
            id = "buffer"
            label = "x"
            hint = "h"
            phrases = ["buffer messages"]

            [[points]]
            id = "order"
            label = "x"
            hint = "h"
            phrases = ["ordering guarantees"]
            "#,
            &samples,
        );
        // A contradicted match still matches: only "order" is never found.
        assert_eq!(kinds(&ws), [(WarningKind::NeverMatchesSamples, "order")]);
        assert!(ws[0].message.contains("2 sample answers"));
    }

    #[test]
    fn warnings_serialise_with_kebab_case_kinds() {
        let w = Warning {
            kind: WarningKind::UnsatisfiableKOfN,
            point: "p".into(),
            message: "m".into(),
        };
        let json = serde_json::to_string(&w).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"unsatisfiable-k-of-n","point":"p","message":"m"}"#
        );
    }
}
