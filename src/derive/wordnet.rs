//! Synonyms and related words from WordNet 3.0.
//!
//! A compact table generated from the WordNet 3.0 database by
//! `scripts/wordnet_table.py` ships with the crate (`src/derive/wordnet.txt`,
//! about 3 MB, one line per one-word English lemma). It is parsed once, on
//! first use. For each word it holds:
//!
//! - the number of its WordNet senses over all parts of speech, a measure of
//!   how general the word is ("make" has 49, "checksum" 1, words missing from
//!   WordNet, such as most acronyms, none);
//! - its **synonyms**: the other one-word lemmas of its most frequent senses
//!   ("unlimited": limitless);
//! - its **related words**, one step away in WordNet: derivationally related
//!   forms, pertainyms, similar adjectives, direct hypernyms and entailments
//!   ("allocate": allocation, assign).
//!
//! Rubrics derived with [`DeriveOptions::wordnet`](super::DeriveOptions)
//! use the table. Hand-written rubrics can opt in with [`add_synonyms`],
//! which adds a synonym group for each one-word phrase of their points.
//!
//! WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
//! Used under the WordNet 3.0 licence (README.md, "WordNet").
//!
//! ```
//! use answer_rubric::derive::wordnet;
//!
//! assert!(wordnet::synonyms("unlimited").contains(&"limitless"));
//! assert!(wordnet::related("allocate").contains(&"allocation"));
//! assert_eq!(wordnet::senses("checksum"), Some(1));
//! ```

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::spec::{PartSpec, RubricSpec};
use crate::text::Analyzer;
use crate::Language;

/// The generated table.
const TABLE: &str = include_str!("wordnet.txt");

/// Most synonyms [`add_synonyms`] adds for one word.
const MAX_ADDED: usize = 4;

/// One word of the table.
#[derive(Debug, Clone, Copy)]
struct Entry {
    senses: u32,
    synonyms: &'static str,
    related: &'static str,
}

struct Table {
    words: HashMap<&'static str, Entry>,
    /// Words by their English Snowball stem.
    by_stem: HashMap<String, Vec<&'static str>>,
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let analyzer = Analyzer::new(Language::English);
        let mut words = HashMap::new();
        let mut by_stem: HashMap<String, Vec<&'static str>> = HashMap::new();
        for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
            let mut f = line.split('\t');
            let (Some(word), Some(senses), Some(synonyms), Some(related)) =
                (f.next(), f.next(), f.next(), f.next())
            else {
                continue;
            };
            let senses = senses.parse().unwrap_or(1);
            words.insert(
                word,
                Entry {
                    senses,
                    synonyms,
                    related,
                },
            );
            by_stem
                .entry(analyzer.stem_word(word))
                .or_default()
                .push(word);
        }
        Table { words, by_stem }
    })
}

fn entry(word: &str) -> Option<Entry> {
    table().words.get(word).copied()
}

fn split(list: &'static str) -> Vec<&'static str> {
    list.split(' ').filter(|w| !w.is_empty()).collect()
}

/// The synonyms of a lowercase word, most frequent sense first; empty when
/// the word is not in the table.
pub fn synonyms(word: &str) -> Vec<&'static str> {
    entry(word).map_or_else(Vec::new, |e| split(e.synonyms))
}

/// The related words of a lowercase word (derived forms, pertainyms,
/// similar adjectives, hypernyms), most frequent sense first.
pub fn related(word: &str) -> Vec<&'static str> {
    entry(word).map_or_else(Vec::new, |e| split(e.related))
}

/// The number of WordNet senses of a lowercase word, when the table has it.
pub fn senses(word: &str) -> Option<u32> {
    entry(word).map(|e| e.senses)
}

/// The table's words with the English stem `stem` ("allocates",
/// "allocated" and "allocate" share "alloc").
pub(crate) fn words_with_stem(stem: &str) -> &'static [&'static str] {
    table().by_stem.get(stem).map_or(&[], Vec::as_slice)
}

/// Synonyms, related words and sense count of an English word as it
/// appears in a text: the word itself when the table has it, else the
/// table's words with its stem (capped).
pub(crate) fn lookup(
    word: &str,
    stem: &str,
) -> (Vec<&'static str>, Vec<&'static str>, Option<u32>) {
    if let Some(e) = entry(word) {
        return (split(e.synonyms), split(e.related), Some(e.senses));
    }
    let mut syn = Vec::new();
    let mut rel = Vec::new();
    let mut senses = None;
    for w in words_with_stem(stem).iter().take(3) {
        if let Some(e) = entry(w) {
            syn.extend(split(e.synonyms));
            rel.push(*w);
            rel.extend(split(e.related));
            senses = Some(senses.unwrap_or(0).max(e.senses));
        }
    }
    (syn, rel, senses)
}

/// Adds to `spec` a synonym group for each one-word phrase (or k-of-n or
/// all-of part) of its points that has WordNet synonyms: the word and up to
/// four synonyms. An opt-in for hand-written English rubrics; the engine
/// then treats the members of each group as interchangeable, in every
/// phrase of the rubric. Returns the number of groups added.
///
/// ```
/// use answer_rubric::derive::wordnet;
/// use answer_rubric::Rubric;
///
/// let mut spec = Rubric::from_toml(r#"
///     id = "limits"
///     title = "Limits"
///     question = "How many elements can the list hold?"
///     [[points]]
///     id = "count"
///     label = "No limit"
///     phrases = ["unlimited"]
/// "#)?.spec().clone();
/// assert!(wordnet::add_synonyms(&mut spec) > 0);
/// let rubric = Rubric::compile(spec)?;
/// assert_eq!(rubric.score("The list is limitless.").score, 1.0);
/// # Ok::<(), answer_rubric::Error>(())
/// ```
pub fn add_synonyms(spec: &mut RubricSpec) -> usize {
    let mut words: Vec<String> = Vec::new();
    let mut push = |p: &str| {
        let w = p.trim().to_lowercase();
        if !w.is_empty() && !w.contains(char::is_whitespace) && !words.contains(&w) {
            words.push(w);
        }
    };
    for point in &spec.points {
        point.phrases.iter().for_each(|p| push(p));
        point.partial.iter().for_each(|p| push(p));
        let parts = point
            .k_of_n
            .iter()
            .flat_map(|g| g.items.iter())
            .chain(point.all_of.iter().flat_map(|a| a.parts.iter()));
        for part in parts {
            match part {
                PartSpec::One(p) => push(p),
                PartSpec::Any(ps) => ps.iter().for_each(|p| push(p)),
            }
        }
    }
    let existing: HashSet<String> = spec.synonyms.iter().flatten().cloned().collect();
    let mut added = 0;
    for w in words {
        if existing.contains(&w) {
            continue;
        }
        let syn: Vec<String> = synonyms(&w)
            .into_iter()
            .filter(|s| !existing.contains(*s))
            .take(MAX_ADDED)
            .map(str::to_string)
            .collect();
        if syn.is_empty() || spec.synonyms.len() >= 900 {
            continue;
        }
        let mut group = vec![w];
        group.extend(syn);
        spec.synonyms.push(group);
        added += 1;
    }
    added
}
