//! A per-thread memo of Snowball stems.
//!
//! Stemming costs about a microsecond a word (the Snowball machinery, and an
//! allocation whenever the stem differs from the word), more than all the
//! other work on a word together. Answers reuse words, and a grader sees the
//! same few thousand words again and again, so each thread keeps the stems it
//! computed. A stem depends only on the language and the word, so the memo
//! never changes a result. It is bounded: when full it starts again empty.
//! Its hash is seeded at random per thread, since answers choose its keys.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::language::Language;

use super::hash::SeededBuild;
use super::normalize;

/// Most words one thread keeps (about 100 bytes each).
const MAX_ENTRIES: usize = 1 << 16;

/// Stems by word, for one language.
struct Memo {
    language: Language,
    /// Index of each word's stem in `stems`.
    index: HashMap<Box<str>, u32, SeededBuild>,
    stems: Vec<Box<str>>,
}

/// The memos of one thread, one per language seen.
#[derive(Default)]
pub(crate) struct StemCache {
    memos: Vec<Memo>,
}

thread_local! {
    static CACHE: RefCell<StemCache> = RefCell::new(StemCache::default());
}

impl StemCache {
    /// Runs `f` with this thread's cache. Not re-entrant: `f` must not call
    /// `with` again.
    pub(crate) fn with<R>(f: impl FnOnce(&mut StemCache) -> R) -> R {
        CACHE.with(|c| f(&mut c.borrow_mut()))
    }

    /// The stem of `word` (without combining marks), computed by `stemmer`
    /// for `language` on first use.
    pub(crate) fn stem(
        &mut self,
        stemmer: &rust_stemmers::Stemmer,
        language: Language,
        word: &str,
    ) -> &str {
        let at = match self.memos.iter().position(|m| m.language == language) {
            Some(at) => at,
            None => {
                self.memos.push(Memo {
                    language,
                    index: HashMap::with_hasher(SeededBuild::new()),
                    stems: Vec::new(),
                });
                self.memos.len() - 1
            }
        };
        let memo = &mut self.memos[at];
        let i = match memo.index.get(word) {
            Some(&i) => i as usize,
            None => {
                if memo.stems.len() >= MAX_ENTRIES {
                    memo.index.clear();
                    memo.stems.clear();
                }
                memo.index.insert(word.into(), memo.stems.len() as u32);
                memo.stems.push(stem_now(stemmer, word).into_boxed_str());
                memo.stems.len() - 1
            }
        };
        &memo.stems[i]
    }
}

/// The stem of `word` without combining marks, computed afresh.
pub(crate) fn stem_now(stemmer: &rust_stemmers::Stemmer, word: &str) -> String {
    let stemmed = stemmer.stem(word);
    let mut out = String::with_capacity(stemmed.len());
    normalize::strip_marks_into(&stemmed, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cached_stems_equal_fresh_ones_in_every_language() {
        let en = rust_stemmers::Stemmer::create(Language::English.algorithm());
        let de = rust_stemmers::Stemmer::create(Language::German.algorithm());
        StemCache::with(|c| {
            for _ in 0..2 {
                for w in ["caching", "caches", "naïve", "running", "häuser", ""] {
                    assert_eq!(c.stem(&en, Language::English, w), stem_now(&en, w));
                    assert_eq!(c.stem(&de, Language::German, w), stem_now(&de, w));
                }
            }
        });
    }

    #[test]
    fn the_cache_stays_bounded() {
        let en = rust_stemmers::Stemmer::create(Language::English.algorithm());
        StemCache::with(|c| {
            for i in 0..(MAX_ENTRIES + 10) {
                let w = format!("word{i}s");
                assert_eq!(c.stem(&en, Language::English, &w), stem_now(&en, &w));
            }
            assert!(c.memos.iter().all(|m| m.index.len() <= MAX_ENTRIES));
        });
    }
}
