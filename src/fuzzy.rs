//! Typo tolerance: which misspelt answer words stand for a rubric word.
//!
//! The rule follows Moodle's pmatch and H5P's "forgive minor mistakes": the
//! number of edits forgiven grows with the word's length, and short words
//! must be exact, because one edit turns a short word into another real word
//! ("state" / "stale"). An edit is an insertion, deletion, substitution or a
//! transposition of two adjacent letters (optimal string alignment distance).
//! The first and the last letter must be right: misspellings rarely change
//! them, while a different ending is usually a different word rather than a
//! typo ("balance" / "balancer", "content" / "contention", "redundant" /
//! "redundancy"); requiring both removes most accidental near-matches.

use std::collections::HashMap;

use crate::pattern::{FuzzyEntry, TermId};

/// Words shorter than this many characters must match exactly.
pub(crate) const MIN_FUZZY_CHARS: usize = 6;
/// Words of at least this many characters may have two edits; shorter ones
/// (from [`MIN_FUZZY_CHARS`]) one.
pub(crate) const TWO_EDIT_CHARS: usize = 9;

/// Edits forgiven in a word of `chars` characters.
pub(crate) fn max_edits(chars: usize) -> usize {
    if chars >= TWO_EDIT_CHARS {
        2
    } else if chars >= MIN_FUZZY_CHARS {
        1
    } else {
        0
    }
}

/// A rubric word that an answer word matched with typos.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct FuzzyHit {
    pub word_id: TermId,
    pub stem_id: TermId,
    /// 1 minus edits divided by the longer length.
    pub similarity: f32,
}

/// Rubric words that allow typos, grouped by first character.
#[derive(Debug, Clone, Default)]
pub(crate) struct FuzzyIndex {
    by_first: HashMap<char, Vec<Entry>>,
}

#[derive(Debug, Clone)]
struct Entry {
    word: Box<str>,
    word_chars: usize,
    stem: Box<str>,
    stem_chars: usize,
    word_id: TermId,
    stem_id: TermId,
}

impl FuzzyIndex {
    pub fn new(entries: &[FuzzyEntry]) -> FuzzyIndex {
        let mut by_first: HashMap<char, Vec<Entry>> = HashMap::new();
        for e in entries {
            let word_chars = e.word.chars().count();
            if max_edits(word_chars) == 0 {
                continue;
            }
            let Some(first) = e.word.chars().next() else {
                continue;
            };
            by_first.entry(first).or_default().push(Entry {
                word: e.word.clone(),
                word_chars,
                stem: e.stem.clone(),
                stem_chars: e.stem.chars().count(),
                word_id: e.word_id,
                stem_id: e.stem_id,
            });
        }
        FuzzyIndex { by_first }
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// Rubric words that `word` (folded, with stem `stem`) misspells, pushed
    /// to `out`. The allowance comes from the rubric word's length; the
    /// answer word is compared as written and by stem, so "asyncronously"
    /// still finds "asynchronous".
    pub fn lookup(&self, word: &str, stem: &str, out: &mut Vec<FuzzyHit>) {
        let Some(first) = word.chars().next() else {
            return;
        };
        let Some(entries) = self.by_first.get(&first) else {
            return;
        };
        let word_chars = word.chars().count();
        let stem_chars = stem.chars().count();
        for e in entries {
            let allowed = max_edits(e.word_chars);
            let by_word = (word_chars.abs_diff(e.word_chars) <= allowed)
                .then(|| within(word, &e.word, allowed))
                .flatten()
                .map(|d| similarity(d, word_chars.max(e.word_chars)));
            let stem_allowed = max_edits(e.stem_chars);
            let by_stem = || {
                (stem_chars.abs_diff(e.stem_chars) <= stem_allowed && stem_allowed > 0)
                    .then(|| within(stem, &e.stem, stem_allowed))
                    .flatten()
                    .map(|d| similarity(d, stem_chars.max(e.stem_chars)))
            };
            if let Some(sim) = by_word.or_else(by_stem) {
                out.push(FuzzyHit {
                    word_id: e.word_id,
                    stem_id: e.stem_id,
                    similarity: sim,
                });
            }
        }
    }
}

/// The edit distance of `a` and `b` if it is at most `max` and above zero,
/// and both end with the same letter.
fn within(a: &str, b: &str, max: usize) -> Option<usize> {
    if a.chars().next_back() != b.chars().next_back() {
        return None;
    }
    let d = strsim::osa_distance(a, b);
    (d > 0 && d <= max).then_some(d)
}

fn similarity(edits: usize, longer: usize) -> f32 {
    1.0 - edits as f32 / longer.max(1) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(words: &[(&str, &str)]) -> FuzzyIndex {
        let entries: Vec<FuzzyEntry> = words
            .iter()
            .enumerate()
            .map(|(i, (w, s))| FuzzyEntry {
                word: (*w).into(),
                stem: (*s).into(),
                word_id: i as u32,
                stem_id: i as u32,
            })
            .collect();
        FuzzyIndex::new(&entries)
    }

    fn hits(ix: &FuzzyIndex, word: &str, stem: &str) -> Vec<u32> {
        let mut out = Vec::new();
        ix.lookup(word, stem, &mut out);
        out.iter().map(|h| h.word_id).collect()
    }

    #[test]
    fn allowance_grows_with_length() {
        assert_eq!(max_edits(5), 0);
        assert_eq!(max_edits(6), 1);
        assert_eq!(max_edits(8), 1);
        assert_eq!(max_edits(9), 2);
    }

    #[test]
    fn forgives_typos_in_long_words_only() {
        let ix = index(&[
            ("asynchronous", "asynchron"),
            ("state", "state"),
            ("caching", "cach"),
        ]);
        assert_eq!(hits(&ix, "asyncronous", "asyncron"), [0]);
        assert_eq!(hits(&ix, "asyncronously", "asyncron"), [0]);
        assert_eq!(hits(&ix, "stale", "stale"), Vec::<u32>::new());
        assert_eq!(hits(&ix, "cahcing", "cahc"), [2]);
        assert_eq!(hits(&ix, "xaching", "xach"), Vec::<u32>::new());
    }

    #[test]
    fn a_different_ending_is_a_different_word() {
        let ix = index(&[
            ("balancer", "balanc"),
            ("contention", "content"),
            ("redundancy", "redund"),
        ]);
        assert_eq!(hits(&ix, "balance", "balanc"), Vec::<u32>::new());
        assert_eq!(hits(&ix, "content", "content"), Vec::<u32>::new());
        assert_eq!(hits(&ix, "redundant", "redund"), Vec::<u32>::new());
        assert_eq!(hits(&ix, "balnacer", "balnac"), [0]);
    }

    #[test]
    fn two_edits_only_for_long_words() {
        let ix = index(&[("database", "databas"), ("authentication", "authent")]);
        assert_eq!(hits(&ix, "dtabse", "dtabs"), Vec::<u32>::new());
        assert_eq!(hits(&ix, "autentcation", "autentc"), [1]);
    }
}
