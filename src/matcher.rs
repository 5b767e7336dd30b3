//! Finding every phrase of a rubric in an answer.
//!
//! The answer is tokenised once; each word is looked up in the rubric's
//! vocabulary (as written, by stem, misspelt, or joined with the next word
//! across a hyphen). Phrases are indexed by their first word, so only the
//! phrases that can start at a word are tried there, and each is extended
//! slot by slot without backtracking. The result is every occurrence of
//! every phrase, grouped by the part it stands for.

use crate::compile::Compiled;
use crate::fuzzy::{FuzzyHit, MIN_FUZZY_CHARS};
use crate::pattern::{Phrase, Slot, TermId};
use crate::text::Tokens;

/// How a word negates what follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Negator {
    /// Not a negator.
    No,
    /// Negates the rest of its clause, within a window ("not", "without").
    Clause,
    /// Negates only the next word ("non" in "non-blocking").
    Next,
    /// Negates the few words that follow ("instead of a monolith").
    Short,
}

/// What the rubric's vocabulary knows about one answer word.
#[derive(Debug, Clone)]
pub(crate) struct WordInfo {
    pub word: Option<TermId>,
    pub stem: Option<TermId>,
    /// The word joined with the next one across a hyphen.
    pub joined_word: Option<TermId>,
    pub joined_stem: Option<TermId>,
    /// Range of this word's typo matches in [`Analysis::fuzzy`].
    fuzzy: (u32, u32),
    pub negator: Negator,
}

/// One place where a phrase matched: words `start..end`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Occurrence {
    pub phrase: u32,
    pub part: u32,
    pub start: u32,
    pub end: u32,
    /// 1 for an exact match, lower when words matched with typos.
    pub similarity: f32,
}

/// An answer analysed against one rubric.
#[derive(Debug)]
pub(crate) struct Analysis<'t> {
    pub text: &'t str,
    pub tokens: Tokens,
    pub info: Vec<WordInfo>,
    fuzzy: Vec<FuzzyHit>,
    /// All occurrences, sorted by part, then position.
    pub occurrences: Vec<Occurrence>,
    /// For each part, its range in `occurrences`.
    part_ranges: Vec<(u32, u32)>,
    /// Words and function words per sentence.
    pub sentence_words: Vec<(u32, u32)>,
}

impl<'t> Analysis<'t> {
    pub fn new(c: &Compiled, text: &'t str) -> Analysis<'t> {
        let tokens = c.analyzer.tokenize(text);
        let mut a = Analysis {
            text,
            info: Vec::with_capacity(tokens.len()),
            tokens,
            fuzzy: Vec::new(),
            occurrences: Vec::new(),
            part_ranges: Vec::new(),
            sentence_words: Vec::new(),
        };
        a.look_up_words(c);
        a.find_phrases(c);
        a
    }

    fn look_up_words(&mut self, c: &Compiled) {
        let lists = &c.analyzer.lists;
        let language = c.language();
        let suffix = language.negation_suffix();
        let pairs = language.negating_pairs();
        let exceptions = language.negation_exceptions();
        let n = self.tokens.len();
        let mut joined = String::new();
        for i in 0..n {
            let folded = self.tokens.folded(i);
            let stem = self.tokens.stem(i);
            let word = c.vocab.words.get(folded).copied();
            let stem_id = c.vocab.stems.get(stem).copied();
            let function_word = lists.function_words.contains(folded);
            let fuzzy_start = self.fuzzy.len() as u32;
            if word.is_none()
                && stem_id.is_none()
                && !function_word
                && !c.fuzzy.is_empty()
                && folded.len() >= MIN_FUZZY_CHARS - 1
            {
                c.fuzzy.lookup(folded, stem, &mut self.fuzzy);
            }
            let fuzzy = (fuzzy_start, self.fuzzy.len() as u32);
            let (mut joined_word, mut joined_stem) = (None, None);
            if self.tokens.tokens[i].hyphen_next && i + 1 < n {
                joined.clear();
                joined.push_str(folded);
                joined.push_str(self.tokens.folded(i + 1));
                joined_word = c.vocab.words.get(joined.as_str()).copied();
                joined_stem = c
                    .vocab
                    .stems
                    .get(c.analyzer.stem_word(&joined).as_str())
                    .copied();
            }
            let next = (i + 1 < n).then(|| self.tokens.folded(i + 1));
            let is_exception = |w: &str| exceptions.iter().any(|&(a, b)| a == w && Some(b) == next);
            let prev = (i > 0).then(|| self.tokens.folded(i - 1));
            // A negator inside a hyphenated compound ("If-None-Match",
            // "no-cache") is part of a name, not a negation.
            let in_compound = self.tokens.tokens[i].hyphen_next
                || (i > 0 && self.tokens.tokens[i - 1].hyphen_next);
            let negator = if lists.prefix_negators.contains(folded) {
                Negator::Next
            } else if in_compound {
                Negator::No
            } else if (lists.negators.contains(folded)
                || suffix.is_some_and(|s| folded.ends_with(s)))
                && !is_exception(folded)
            {
                Negator::Clause
            } else if pairs.iter().any(|&(a, b)| b == folded && Some(a) == prev) {
                Negator::Short
            } else {
                Negator::No
            };
            self.info.push(WordInfo {
                word,
                stem: stem_id,
                joined_word,
                joined_stem,
                fuzzy,
                negator,
            });
            let s = self.tokens.tokens[i].sentence as usize;
            if self.sentence_words.len() <= s {
                self.sentence_words.resize(s + 1, (0, 0));
            }
            self.sentence_words[s].0 += 1;
            self.sentence_words[s].1 += function_word as u32;
        }
    }

    fn fuzzy_of(&self, i: usize) -> &[FuzzyHit] {
        let (a, b) = self.info[i].fuzzy;
        &self.fuzzy[a as usize..b as usize]
    }

    fn find_phrases(&mut self, c: &Compiled) {
        let mut found = Vec::new();
        for i in 0..self.tokens.len() {
            let info = &self.info[i];
            let mut try_all = |ids: &[u32]| {
                for &p in ids {
                    if let Some((end, sim)) = self.match_at(&c.phrases[p as usize], i) {
                        found.push(Occurrence {
                            phrase: p,
                            part: c.phrases[p as usize].part,
                            start: i as u32,
                            end: end as u32,
                            similarity: sim,
                        });
                    }
                }
            };
            if let Some(w) = info.word {
                try_all(&c.word_triggers[w as usize]);
            }
            if let Some(s) = info.stem {
                try_all(&c.stem_triggers[s as usize]);
            }
            if let Some(w) = info.joined_word.filter(|&w| Some(w) != info.word) {
                try_all(&c.word_triggers[w as usize]);
            }
            if let Some(s) = info.joined_stem.filter(|&s| Some(s) != info.stem) {
                try_all(&c.stem_triggers[s as usize]);
            }
            for h in self.fuzzy_of(i) {
                try_all(&c.word_triggers[h.word_id as usize]);
                try_all(&c.stem_triggers[h.stem_id as usize]);
            }
            try_all(&c.prefix_phrases);
        }
        // The same phrase can be reached from several ids of one word.
        found.sort_by(|a, b| {
            (a.part, a.start, a.end, a.phrase)
                .cmp(&(b.part, b.start, b.end, b.phrase))
                .then(b.similarity.total_cmp(&a.similarity))
        });
        found.dedup_by(|b, a| a.phrase == b.phrase && a.start == b.start && a.end == b.end);
        let mut ranges = vec![(0u32, 0u32); c.parts.len()];
        let mut i = 0;
        while i < found.len() {
            let part = found[i].part;
            let start = i;
            while i < found.len() && found[i].part == part {
                i += 1;
            }
            ranges[part as usize] = (start as u32, i as u32);
        }
        self.occurrences = found;
        self.part_ranges = ranges;
    }

    /// Matches `phrase` starting at word `pos`: returns the end word and the
    /// lowest similarity of its words.
    fn match_at(&self, phrase: &Phrase, pos: usize) -> Option<(usize, f32)> {
        let mut at = pos;
        let mut similarity = 1.0f32;
        for slot in &phrase.slots {
            if at >= self.tokens.len() {
                return None;
            }
            if let Some(sim) = self.slot_matches(slot, at, phrase.typos) {
                similarity = similarity.min(sim);
                at += 1;
            } else if self.joined_matches(slot, at) {
                at += 2;
            } else {
                return None;
            }
        }
        Some((at, similarity))
    }

    fn slot_matches(&self, slot: &Slot, i: usize, typos: bool) -> Option<f32> {
        let info = &self.info[i];
        match slot {
            Slot::Word(id) if info.word == Some(*id) => Some(1.0),
            Slot::Stem(id) if info.stem == Some(*id) => Some(1.0),
            Slot::Prefix(p) => self.tokens.folded(i).starts_with(&**p).then_some(1.0),
            Slot::Word(id) if typos => self
                .fuzzy_of(i)
                .iter()
                .find(|h| h.word_id == *id)
                .map(|h| h.similarity),
            Slot::Stem(id) if typos => self
                .fuzzy_of(i)
                .iter()
                .find(|h| h.stem_id == *id)
                .map(|h| h.similarity),
            _ => None,
        }
    }

    fn joined_matches(&self, slot: &Slot, i: usize) -> bool {
        let info = &self.info[i];
        match slot {
            Slot::Word(id) => info.joined_word == Some(*id),
            Slot::Stem(id) => info.joined_stem == Some(*id),
            Slot::Prefix(_) => false,
        }
    }

    /// The occurrences of one part, in answer order.
    pub fn part(&self, part: u32) -> &[Occurrence] {
        let (a, b) = self
            .part_ranges
            .get(part as usize)
            .copied()
            .unwrap_or((0, 0));
        &self.occurrences[a as usize..b as usize]
    }
}
