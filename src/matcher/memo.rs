//! What the lookups found for the answer words a rubric does not know, kept
//! per thread and rubric.
//!
//! A word outside the rubric's vocabulary and word lists costs the most: its
//! stem (through the per-thread stem memo), a lookup of that stem, a search
//! for rubric words it may be a misspelling of, and the rubric's prefixes it
//! starts with. All of it depends only on the word and the rubric, and
//! answers to one question reuse their words, so each thread remembers the
//! result for each rubric it scores with. The memo is bounded: when full it
//! starts again empty. Its hash is seeded at random, since answers choose
//! its keys.

use std::collections::HashMap;

use crate::fuzzy::FuzzyHit;
use crate::pattern::TermId;
use crate::text::hash::SeededBuild;

/// Most words remembered per thread and rubric. The answers to one
/// question use a few thousand words the rubric does not know; the bound
/// keeps a service that holds many rubrics, on many threads, from growing
/// without end.
const MAX_WORDS: usize = 1 << 12;

/// What is known about one word.
#[derive(Debug, Clone, Copy)]
pub(super) struct Found {
    /// The id of its stem, if a phrase uses the stem.
    pub stem: Option<TermId>,
    /// Its roles by spelling (see `spelling_roles`).
    pub roles: u8,
    /// Whether it can start or continue a phrase (`STARTS`, `CONTINUES`
    /// in the index).
    pub flags: u8,
    /// Its typo matches: a range of [`WordMemo::fuzzy`].
    fuzzy: (u32, u32),
    /// The codes of the prefixes it starts with: a range of
    /// [`WordMemo::prefixes`].
    prefixes: (u32, u32),
}

/// The words of one thread and rubric.
#[derive(Debug)]
pub(super) struct WordMemo {
    index: HashMap<Box<str>, Found, SeededBuild>,
    fuzzy: Vec<FuzzyHit>,
    prefixes: Vec<u32>,
}

impl Default for WordMemo {
    fn default() -> WordMemo {
        WordMemo {
            index: HashMap::with_hasher(SeededBuild::new()),
            fuzzy: Vec::new(),
            prefixes: Vec::new(),
        }
    }
}

impl WordMemo {
    /// What is known about `word`, computed by `compute` on first use:
    /// `compute(fuzzy, prefixes)` pushes the word's typo matches and prefix
    /// codes and returns its stem id, its roles and whether it can start or
    /// continue a phrase.
    pub fn get(
        &mut self,
        word: &str,
        compute: impl FnOnce(&mut Vec<FuzzyHit>, &mut Vec<u32>) -> (Option<TermId>, u8, u8),
    ) -> Found {
        if let Some(&found) = self.index.get(word) {
            return found;
        }
        if self.index.len() >= MAX_WORDS {
            self.index.clear();
            self.fuzzy.clear();
            self.prefixes.clear();
        }
        let (f, p) = (self.fuzzy.len() as u32, self.prefixes.len() as u32);
        let (stem, roles, flags) = compute(&mut self.fuzzy, &mut self.prefixes);
        let found = Found {
            stem,
            roles,
            flags,
            fuzzy: (f, self.fuzzy.len() as u32),
            prefixes: (p, self.prefixes.len() as u32),
        };
        self.index.insert(word.into(), found);
        found
    }

    /// The typo matches of `found`.
    pub fn fuzzy(&self, found: &Found) -> &[FuzzyHit] {
        &self.fuzzy[found.fuzzy.0 as usize..found.fuzzy.1 as usize]
    }

    /// The prefix codes of `found`.
    pub fn prefixes(&self, found: &Found) -> &[u32] {
        &self.prefixes[found.prefixes.0 as usize..found.prefixes.1 as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_once_and_stays_bounded() {
        let mut memo = WordMemo::default();
        let mut calls = 0;
        for _ in 0..2 {
            let found = memo.get("cachng", |fuzzy, prefixes| {
                calls += 1;
                fuzzy.push(FuzzyHit {
                    word_id: 7,
                    stem_id: 8,
                    similarity: 0.8,
                });
                prefixes.push(3);
                (Some(5), 0, 1)
            });
            assert_eq!((found.stem, found.flags), (Some(5), 1));
            assert_eq!(memo.fuzzy(&found)[0].word_id, 7);
            assert_eq!(memo.prefixes(&found), [3]);
        }
        assert_eq!(calls, 1);
        for i in 0..(MAX_WORDS + 10) {
            let found = memo.get(&format!("w{i}"), |_, prefixes| {
                prefixes.push(i as u32);
                (None, 0, 0)
            });
            assert_eq!(memo.prefixes(&found), [i as u32]);
        }
        assert!(memo.index.len() <= MAX_WORDS);
        assert!(memo.prefixes.len() <= MAX_WORDS);
    }
}
