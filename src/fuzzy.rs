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
///
/// Most candidates are ruled out before any edit distance is computed: by
/// length, by last letter, and by the letters one word has and the other
/// lacks (each edit brings in at most one new letter, so `d` edits cannot
/// explain more than `d` missing ones; letters are compared as a 64-bit
/// set). The distance itself is computed on the stack, capped at the
/// allowance, and stops as soon as the allowance is out of reach.
#[derive(Debug, Clone, Default)]
pub(crate) struct FuzzyIndex {
    /// Entries grouped by first character, sorted by it.
    by_first: Vec<(char, Bucket)>,
}

/// The entries that share a first character.
#[derive(Debug, Clone, Default)]
struct Bucket {
    entries: Vec<Entry>,
    /// Positions in `entries` by the last character of the word, and of the
    /// stem: both are compared only when their last characters agree.
    by_word_last: Vec<(char, Vec<u32>)>,
    by_stem_last: Vec<(char, Vec<u32>)>,
}

fn positions(index: &[(char, Vec<u32>)], last: Option<char>) -> &[u32] {
    last.and_then(|c| index.binary_search_by_key(&c, |(k, _)| *k).ok())
        .map_or(&[], |i| &index[i].1)
}

fn add_position(index: &mut Vec<(char, Vec<u32>)>, last: Option<char>, position: u32) {
    let Some(c) = last else {
        return;
    };
    match index.binary_search_by_key(&c, |(k, _)| *k) {
        Ok(i) => index[i].1.push(position),
        Err(i) => index.insert(i, (c, vec![position])),
    }
}

#[derive(Debug, Clone)]
struct Entry {
    word: Spelling,
    stem: Spelling,
    word_id: TermId,
    stem_id: TermId,
}

/// A word prepared for comparisons.
#[derive(Debug, Clone)]
struct Spelling {
    chars: Box<[char]>,
    /// The set of its characters, hashed to 64 bits.
    letters: u64,
}

impl Spelling {
    fn new(s: &str) -> Spelling {
        let chars: Box<[char]> = s.chars().collect();
        Spelling {
            letters: letters(&chars),
            chars,
        }
    }
}

fn letters(chars: &[char]) -> u64 {
    chars.iter().fold(0, |m, &c| m | 1 << (c as u32 & 63))
}

impl FuzzyIndex {
    pub fn new(entries: &[FuzzyEntry]) -> FuzzyIndex {
        let mut by_first: Vec<(char, Bucket)> = Vec::new();
        for e in entries {
            let word_chars = e.word.chars().count();
            if max_edits(word_chars) == 0 {
                continue;
            }
            let Some(first) = e.word.chars().next() else {
                continue;
            };
            let entry = Entry {
                word: Spelling::new(&e.word),
                stem: Spelling::new(&e.stem),
                word_id: e.word_id,
                stem_id: e.stem_id,
            };
            let at = match by_first.binary_search_by_key(&first, |(c, _)| *c) {
                Ok(i) => i,
                Err(i) => {
                    by_first.insert(i, (first, Bucket::default()));
                    i
                }
            };
            let bucket = &mut by_first[at].1;
            let position = bucket.entries.len() as u32;
            add_position(
                &mut bucket.by_word_last,
                entry.word.chars.last().copied(),
                position,
            );
            add_position(
                &mut bucket.by_stem_last,
                entry.stem.chars.last().copied(),
                position,
            );
            bucket.entries.push(entry);
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
        let Ok(at) = self.by_first.binary_search_by_key(&first, |(c, _)| *c) else {
            return;
        };
        let bucket = &self.by_first[at].1;
        let entries = &bucket.entries;
        let mut word_buf = ['\0'; STACK_CHARS];
        let mut stem_buf = ['\0'; STACK_CHARS];
        let (Some(word), Some(stem)) =
            (chars_in(word, &mut word_buf), chars_in(stem, &mut stem_buf))
        else {
            // Longer than any word of an answer: compare as strings.
            return self.lookup_long(word, stem, entries, out);
        };
        let (word_letters, stem_letters) = (letters(word), letters(stem));
        // Only entries whose word or stem ends like the answer's, in order.
        let by_word_last = positions(&bucket.by_word_last, word.last().copied());
        let by_stem_last = positions(&bucket.by_stem_last, stem.last().copied());
        let (mut i, mut j) = (0, 0);
        loop {
            let (w, s) = (by_word_last.get(i).copied(), by_stem_last.get(j).copied());
            let position = match (w, s) {
                (None, None) => break,
                (Some(w), Some(s)) => w.min(s),
                (Some(w), None) => w,
                (None, Some(s)) => s,
            };
            let word_ends_alike = w == Some(position);
            let stem_ends_alike = s == Some(position);
            i += word_ends_alike as usize;
            j += stem_ends_alike as usize;
            let e = &entries[position as usize];
            let allowed = max_edits(e.word.chars.len());
            let by_word = (word_ends_alike && word.len().abs_diff(e.word.chars.len()) <= allowed)
                .then(|| within(word, word_letters, &e.word, allowed))
                .flatten()
                .map(|d| similarity(d, word.len().max(e.word.chars.len())));
            let stem_allowed = max_edits(e.stem.chars.len());
            let by_stem = || {
                (stem_ends_alike
                    && stem.len().abs_diff(e.stem.chars.len()) <= stem_allowed
                    && stem_allowed > 0)
                    .then(|| within(stem, stem_letters, &e.stem, stem_allowed))
                    .flatten()
                    .map(|d| similarity(d, stem.len().max(e.stem.chars.len())))
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

    /// [`lookup`](Self::lookup) for words too long for the stack buffers.
    #[cold]
    fn lookup_long(&self, word: &str, stem: &str, entries: &[Entry], out: &mut Vec<FuzzyHit>) {
        let word: Vec<char> = word.chars().collect();
        let stem: Vec<char> = stem.chars().collect();
        for e in entries {
            let allowed = max_edits(e.word.chars.len());
            let by_word = (word.len().abs_diff(e.word.chars.len()) <= allowed)
                .then(|| within_long(&word, &e.word.chars, allowed))
                .flatten()
                .map(|d| similarity(d, word.len().max(e.word.chars.len())));
            let stem_allowed = max_edits(e.stem.chars.len());
            let by_stem = || {
                (stem.len().abs_diff(e.stem.chars.len()) <= stem_allowed && stem_allowed > 0)
                    .then(|| within_long(&stem, &e.stem.chars, stem_allowed))
                    .flatten()
                    .map(|d| similarity(d, stem.len().max(e.stem.chars.len())))
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

/// Longest word compared on the stack, in characters.
const STACK_CHARS: usize = 128;

/// The characters of `s` in `buf`, if they fit.
fn chars_in<'b>(s: &str, buf: &'b mut [char; STACK_CHARS]) -> Option<&'b [char]> {
    let mut n = 0;
    for c in s.chars() {
        *buf.get_mut(n)? = c;
        n += 1;
    }
    Some(&buf[..n])
}

/// The edit distance of `a` and `b` if it is at most `max` and above zero,
/// and both end with the same letter. `a_letters` is `letters(a)`.
fn within(a: &[char], a_letters: u64, b: &Spelling, max: usize) -> Option<usize> {
    if a.last() != b.chars.last() {
        return None;
    }
    if b.chars.len() > STACK_CHARS {
        return within_long(a, &b.chars, max);
    }
    let missing = (a_letters & !b.letters).count_ones() as usize;
    let extra = (b.letters & !a_letters).count_ones() as usize;
    if missing.max(extra) > max {
        return None;
    }
    osa_at_most(a, &b.chars, max).filter(|&d| d > 0)
}

/// [`within`] for long words, with `strsim`.
fn within_long(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.last() != b.last() {
        return None;
    }
    let a: String = a.iter().collect();
    let b: String = b.iter().collect();
    let d = strsim::osa_distance(&a, &b);
    (d > 0 && d <= max).then_some(d)
}

/// The optimal string alignment distance of `a` and `b` (as
/// `strsim::osa_distance` computes it) if it is at most `max`, which must be
/// below 250; `b` must fit [`STACK_CHARS`]. Cells are capped at `max + 1`,
/// which keeps every value up to `max` exact, and the rows stop as soon as
/// no later row can come back within `max`.
fn osa_at_most(a: &[char], b: &[char], max: usize) -> Option<usize> {
    debug_assert!(b.len() <= STACK_CHARS && max < 250);
    let cap = (max + 1) as u8;
    let n = b.len();
    let mut rows = [[0u8; STACK_CHARS + 1]; 3];
    let [two, prev, cur] = &mut rows;
    let (mut two, mut prev, mut cur) = (&mut two[..=n], &mut prev[..=n], &mut cur[..=n]);
    for j in 0..=n {
        prev[j] = j.min(cap as usize) as u8;
        two[j] = prev[j];
    }
    // The smallest cell of `prev` (row 0 holds a 0).
    let mut prev_min = 0u8;
    for (i, &ac) in a.iter().enumerate() {
        cur[0] = (i + 1).min(cap as usize) as u8;
        let mut row_min = cur[0];
        for j in 0..n {
            let bc = b[j];
            let cost = (ac != bc) as u8;
            let mut v = (cur[j] + 1).min(prev[j + 1] + 1).min(prev[j] + cost);
            if i > 0 && j > 0 && ac != bc && ac == b[j - 1] && a[i - 1] == bc {
                v = v.min(two[j - 1] + 1);
            }
            let v = v.min(cap);
            cur[j + 1] = v;
            row_min = row_min.min(v);
        }
        // Later cells come from this row or, by a transposition, from the
        // previous one plus an edit: none can come back within `max`.
        if row_min.min(prev_min + 1) > max as u8 {
            return None;
        }
        prev_min = row_min;
        std::mem::swap(&mut two, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[n] as usize;
    (d <= max).then_some(d)
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

    /// A seeded xorshift generator: `below(n)` is a number in `0..n`.
    fn xorshift(mut state: u64) -> impl FnMut(usize) -> usize {
        move |n| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        }
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

    #[test]
    fn bounded_distance_agrees_with_strsim() {
        let mut below = xorshift(0x9e37_79b9_7f4a_7c15u64);
        let alphabet: Vec<char> = "abcdeé".chars().collect();
        for _ in 0..200_000 {
            let a: Vec<char> = (0..below(9))
                .map(|_| alphabet[below(alphabet.len())])
                .collect();
            let b: Vec<char> = (0..below(9))
                .map(|_| alphabet[below(alphabet.len())])
                .collect();
            let (sa, sb): (String, String) = (a.iter().collect(), b.iter().collect());
            let d = strsim::osa_distance(&sa, &sb);
            for max in 0..4 {
                let expected = (d <= max).then_some(d);
                assert_eq!(osa_at_most(&a, &b, max), expected, "{sa:?} {sb:?} {max}");
            }
            let (la, lb) = (letters(&a), letters(&b));
            let bound = (la & !lb).count_ones().max((lb & !la).count_ones()) as usize;
            assert!(bound <= d, "{sa:?} {sb:?}");
        }
    }

    /// The lookup as first written: every entry with the same first letter,
    /// `strsim` distances.
    fn reference(entries: &[FuzzyEntry], word: &str, stem: &str) -> Vec<FuzzyHit> {
        let within = |a: &str, b: &str, max: usize| {
            if a.chars().next_back() != b.chars().next_back() {
                return None;
            }
            let d = strsim::osa_distance(a, b);
            (d > 0 && d <= max).then_some(d)
        };
        let (wc, sc) = (word.chars().count(), stem.chars().count());
        let mut out = Vec::new();
        for e in entries {
            let (ewc, esc) = (e.word.chars().count(), e.stem.chars().count());
            if max_edits(ewc) == 0 || e.word.chars().next() != word.chars().next() {
                continue;
            }
            let allowed = max_edits(ewc);
            let by_word = (wc.abs_diff(ewc) <= allowed)
                .then(|| within(word, &e.word, allowed))
                .flatten()
                .map(|d| similarity(d, wc.max(ewc)));
            let stem_allowed = max_edits(esc);
            let by_stem = || {
                (sc.abs_diff(esc) <= stem_allowed && stem_allowed > 0)
                    .then(|| within(stem, &e.stem, stem_allowed))
                    .flatten()
                    .map(|d| similarity(d, sc.max(esc)))
            };
            if let Some(sim) = by_word.or_else(by_stem) {
                out.push(FuzzyHit {
                    word_id: e.word_id,
                    stem_id: e.stem_id,
                    similarity: sim,
                });
            }
        }
        out
    }

    #[test]
    fn lookup_agrees_with_the_plain_definition() {
        let mut below = xorshift(0x1234_5678_9abc_def1u64);
        let alphabet: Vec<char> = "abcdeé".chars().collect();
        for round in 0..300 {
            let word = |below: &mut dyn FnMut(usize) -> usize| -> String {
                let n = 4 + below(9);
                (0..n).map(|_| alphabet[below(alphabet.len())]).collect()
            };
            let entries: Vec<FuzzyEntry> = (0..40)
                .map(|i| {
                    let w = word(&mut below);
                    let cut = w.chars().count() - below(3);
                    FuzzyEntry {
                        stem: w.chars().take(cut).collect::<String>().into(),
                        word: w.into(),
                        word_id: i,
                        stem_id: i / 2,
                    }
                })
                .collect();
            let ix = FuzzyIndex::new(&entries);
            for _ in 0..200 {
                let w = if below(2) == 0 {
                    word(&mut below)
                } else {
                    // A near miss of an entry.
                    let mut c: Vec<char> = entries[below(entries.len())].word.chars().collect();
                    let k = below(c.len());
                    c[k] = alphabet[below(alphabet.len())];
                    c.into_iter().collect()
                };
                let cut = w.chars().count() - below(3);
                let stem: String = w.chars().take(cut).collect();
                let mut got = Vec::new();
                ix.lookup(&w, &stem, &mut got);
                assert_eq!(
                    got,
                    reference(&entries, &w, &stem),
                    "round {round}: {w} {stem}"
                );
            }
        }
    }
}
