//! The rubric file: plain data as written by an author, before any checking.
//!
//! [`RubricSpec`] mirrors the file format field for field (see
//! `rubrics/REFERENCE.toml`). It can be read from TOML or JSON, built in code,
//! or serialised back. [`Rubric::compile`](crate::Rubric::compile) checks it
//! and turns it into a [`Rubric`](crate::Rubric) that scores answers.

use serde::{Deserialize, Serialize};

use crate::language::Language;

/// A rubric as written in a file: one question and its key points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RubricSpec {
    /// A slug: lowercase ASCII letters, digits and `-`.
    pub id: String,
    /// Position of the question in its set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// A short title for reports.
    pub title: String,
    /// The question as asked.
    pub question: String,
    /// The model answer, for people; not used for matching.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The language of the answers (stemmer, function words, negators).
    #[serde(default)]
    pub language: Language,
    /// The score cap applied when a required point is missing or contradicted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_cap: Option<f64>,
    /// Matching defaults for every point and misconception.
    #[serde(default)]
    pub matching: MatchingSpec,
    /// Groups of interchangeable words or phrases.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<Vec<String>>,
    /// Grade bands; empty means the default bands.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<BandSpec>,
    /// The key points.
    #[serde(default)]
    pub points: Vec<PointSpec>,
    /// Wrong claims that cost points.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub misconceptions: Vec<MisconceptionSpec>,
}

/// Matching defaults (`[matching]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchingSpec {
    /// Match words by their stem.
    #[serde(default = "yes")]
    pub stemming: bool,
    /// Typo tolerance.
    #[serde(default)]
    pub typos: Typos,
    /// Whether negation turns a hit into a contradiction.
    #[serde(default = "yes")]
    pub negation: bool,
}

impl Default for MatchingSpec {
    fn default() -> Self {
        MatchingSpec {
            stemming: true,
            typos: Typos::Auto,
            negation: true,
        }
    }
}

fn yes() -> bool {
    true
}

/// Typo tolerance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Typos {
    /// Exact words only.
    Off,
    /// One edit in words of 6 to 8 letters, two in longer words; shorter
    /// words exact.
    #[default]
    Auto,
}

/// A grade band: a label over a score range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandSpec {
    /// The band's label.
    pub label: String,
    /// Lower bound, inclusive.
    pub min: f64,
    /// Upper bound, exclusive (inclusive for the top band).
    pub max: f64,
}

/// One phrase, or a list of alternative phrases: a part of an `all_of`
/// concept or an item of a `k_of_n` group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PartSpec {
    /// A single phrase.
    One(String),
    /// Alternative phrases, any one of which stands for the part.
    Any(Vec<String>),
}

impl PartSpec {
    /// The part's phrases.
    pub fn phrases(&self) -> &[String] {
        match self {
            PartSpec::One(p) => std::slice::from_ref(p),
            PartSpec::Any(ps) => ps,
        }
    }
}

/// A concept whose parts must appear together (`[[points.all_of]]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllOfSpec {
    /// The parts, all of which must appear.
    pub parts: Vec<PartSpec>,
    /// Whether the parts must appear in the order given.
    #[serde(default)]
    pub ordered: bool,
    /// All parts lie within a window of this many words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<usize>,
    /// All parts lie in one sentence.
    #[serde(default = "yes")]
    pub same_sentence: bool,
    /// Credit given when the concept matches, in (0, 1].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<f64>,
}

/// A group where any `k` of the items suffice (`[[points.k_of_n]]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KOfNSpec {
    /// How many distinct items give full credit.
    pub k: usize,
    /// The items.
    pub items: Vec<PartSpec>,
    /// Credit given when `k` items are found, in (0, 1].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<f64>,
}

/// What a clause asserts (`[[points.claims]]`, `[[misconceptions.claims]]`):
/// a predicate, optionally with its subject and object. The parts match in
/// one sentence, in any order, within `within` words, and not across a
/// contrast word ("but", "however", "whereas" ...). A negator governing any
/// part denies the claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimSpec {
    /// What the claim is about; empty when the clause may leave it implicit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subject: Vec<String>,
    /// What is said of the subject: alternatives, one of which must occur.
    pub predicate: Vec<String>,
    /// What the predicate acts on; empty when it needs none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub object: Vec<String>,
    /// All parts lie within a window of this many words (default
    /// [`CLAIM_WITHIN`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<usize>,
    /// Credit given when the claim matches, in (0, 1].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<f64>,
}

/// The default window of a claim, in words: a clause with its subject,
/// predicate and object rarely spans more.
pub const CLAIM_WITHIN: usize = 12;

/// A key point (`[[points]]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PointSpec {
    /// A slug, unique in the rubric.
    pub id: String,
    /// A short label for reports.
    pub label: String,
    /// The point's weight, a finite number above zero.
    #[serde(default = "one")]
    pub weight: f64,
    /// Whether a missing point caps the score.
    #[serde(default)]
    pub required: bool,
    /// A bonus point: its credit adds to the earned points but its weight
    /// not to the possible ones, so an answer can reach full marks without
    /// it, and make up for a missed point with it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bonus: bool,
    /// Shown when the point is missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Alternatives, any one of which gives full credit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phrases: Vec<String>,
    /// Vaguer alternatives, any one of which gives half credit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partial: Vec<String>,
    /// Concepts whose parts must appear together.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub all_of: Vec<AllOfSpec>,
    /// Groups where any k of n items suffice.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub k_of_n: Vec<KOfNSpec>,
    /// Claims: a predicate with its subject and object, with polarity.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<ClaimSpec>,
    /// Regular expressions, run case-insensitively on the original answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regex: Vec<String>,
    /// Overrides `[matching].stemming`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stemming: Option<bool>,
    /// Overrides `[matching].typos`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typos: Option<Typos>,
    /// Overrides `[matching].negation`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub negation: Option<bool>,
}

/// A wrong claim that costs points (`[[misconceptions]]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MisconceptionSpec {
    /// A slug, unique in the rubric.
    pub id: String,
    /// A short label for reports.
    pub label: String,
    /// Points subtracted when the claim is found.
    #[serde(default = "one")]
    pub penalty: f64,
    /// Why the claim is wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// Ids of the points this wrong claim contradicts: when it is found,
    /// they earn nothing, whatever else the answer says of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub voids: Vec<String>,
    /// Alternatives, any one of which gives full credit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phrases: Vec<String>,
    /// Vaguer alternatives, any one of which gives half credit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partial: Vec<String>,
    /// Concepts whose parts must appear together.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub all_of: Vec<AllOfSpec>,
    /// Groups where any k of n items suffice.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub k_of_n: Vec<KOfNSpec>,
    /// Claims: a predicate with its subject and object, with polarity.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<ClaimSpec>,
    /// Regular expressions, run case-insensitively on the original answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regex: Vec<String>,
    /// Overrides `[matching].stemming`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stemming: Option<bool>,
    /// Overrides `[matching].typos`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typos: Option<Typos>,
    /// Overrides `[matching].negation`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub negation: Option<bool>,
}

fn one() -> f64 {
    1.0
}
