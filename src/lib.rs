//! Grade free-text answers to technical questions against rubrics of
//! weighted key points: deterministic, explainable, and fast.
//!
//! A [`Rubric`] is read from a TOML (or JSON) file once, checked and compiled;
//! [`Rubric::score`] then turns any answer into a [`Report`]: the score in
//! `[0, 1]`, its band, and for every key point its credit, its status
//! (covered, partial, missing or contradicted) and the evidence: byte spans
//! into the original answer, the matched text and the rule that matched. The
//! missing points come with hints, the misconceptions found with the penalty
//! they cost.
//!
//! ```
//! use answer_rubric::{Rubric, Status};
//!
//! let rubric = Rubric::from_toml(r#"
//!     id = "sync-async"
//!     title = "Synchronous vs asynchronous"
//!     question = "Explain the difference between synchronous and asynchronous programming."
//!
//!     [[points]]
//!     id = "blocks"
//!     label = "Synchronous code blocks until each task finishes"
//!     weight = 2
//!     required = true
//!     hint = "Say that a synchronous call blocks until the task completes."
//!     phrases = ["blocks until", "waits for each task", "one after another"]
//!
//!     [[points]]
//!     id = "no-wait"
//!     label = "Asynchronous tasks run without waiting"
//!     weight = 2
//!     phrases = ["without waiting", "non-blocking", "does not wait"]
//!
//!     [[points]]
//!     id = "mechanisms"
//!     label = "Callbacks, promises or async/await"
//!     [[points.k_of_n]]
//!     k = 2
//!     items = ["callback", ["promise", "future"], "async/await"]
//! "#)?;
//!
//! let answer = "Synchronous code runs tasks one after another. Async code is \
//!               non-blocking; it uses callbacks and promisses.";
//! let report = rubric.score(answer);
//!
//! assert_eq!(report.point("blocks").unwrap().status, Status::Covered);
//! let mechanisms = report.point("mechanisms").unwrap();
//! assert_eq!(mechanisms.status, Status::Covered);
//! // Evidence points into the original answer, typos and all.
//! let typo = &mechanisms.evidence[1];
//! assert_eq!(&answer[typo.start..typo.end], "promisses");
//! assert_eq!(report.score, 1.0);
//! println!("{report}");
//! # Ok::<(), answer_rubric::Error>(())
//! ```
//!
//! # The pieces
//!
//! - [`RubricSpec`] is the rubric file as plain serde data, for building
//!   rubrics in code; [`Rubric::compile`] checks and compiles it.
//! - [`Rubric`] is the compiled rubric: immutable, `Send + Sync`, cheap to
//!   clone. Every check happens when it is built, so scoring cannot fail.
//! - [`Report`] is what scoring returns: plain data, `Serialize`, `Display`.
//! - [`Error`] is the one error type: a [`kind`](Error::kind) and a
//!   [`Location`] (file, line, column, field path).
//! - [`builtin`] holds the rubrics for fifteen backend interview questions.
//! - [`agreement`] measures how well scores agree with human grades.
//! - [`lint`] finds rubric mistakes that compile but invite gaming.
//! - [`derive`](mod@derive) writes a rubric from a question and its reference answer.
//! - [`calibrate`] fits a rubric's scores to graded answers and suggests weights.
//!
//! # Matching
//!
//! Answers and phrases go through one text pipeline: Unicode NFKC
//! normalisation, case and accent folding, UAX #29 words and sentences, and
//! Snowball stemming for the rubric's language. Phrases match whole words,
//! never substrings; hyphens split words, and a hyphenated phrase also
//! matches the joined word. One degree word ("totally", "much") may stand
//! between two words of a phrase: "is safe" matches "is totally safe".
//! Long words forgive typos (one edit from 6 letters, two from 9; shorter
//! words are exact). A negator governing a
//! match in its clause ("does **not** block") makes the point
//! *contradicted* rather than covered. The same answer words are never
//! credited to two points.
//!
//! # Untrusted input
//!
//! [`Rubric::score`] accepts any `&str`; it never panics and its time is
//! linear in the answer's length (each word tries only the phrases that can
//! start with it, without backtracking). Rubric files are limited in size,
//! number of points and phrases, phrase length and compiled regex size, and
//! regular expressions use the linear-time `regex` crate.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod agreement;
mod attribution;
mod band;
mod batch;
pub mod builtin;
pub mod calibrate;
mod compile;
mod definition;
pub mod derive;
mod error;
mod fuzzy;
mod language;
pub mod lint;
mod matcher;
mod negation;
mod pattern;
mod report;
mod rubric;
mod rules;
mod sameness;
mod scorer;
mod source;
mod spec;
mod text;

pub use batch::score_batch;
pub use error::{Error, ErrorKind, Location, Result};
pub use language::Language;
pub use report::{
    Cap, CapKind, Evidence, MissingPoint, Penalty, PenaltyKind, PointReport, Report, Status,
};
pub use rubric::Rubric;
pub use scorer::{
    CAPPING_WRONG_CLAIMS, DEFINED_AWAY_CREDIT, DENIAL_PENALTY, KEPT_UNDER_PENALTY,
    KEYWORD_LIST_CREDIT, LIST_ITEM_WORDS, LIST_SENTENCE_SHARE, STUFFED_SHARE, WRONG_CLAIMS_CAP,
};
pub use source::Format;
pub use spec::{
    AllOfSpec, BandSpec, ClaimSpec, KOfNSpec, MatchingSpec, MisconceptionSpec, PartSpec, PointSpec,
    RubricSpec, Typos, CLAIM_WITHIN,
};

/// Not part of the API (no stability promise): the benchmarks' floor, the
/// text pipeline alone. Splits `text` into UAX #29 words and sentences,
/// NFKC- and case-folds every word and stems it (English), as the tokenizer
/// does for every answer, with no matching; returns the number of words.
#[doc(hidden)]
pub fn __tokenize_floor(text: &str) -> usize {
    text::floor(text)
}

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
