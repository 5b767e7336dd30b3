//! Finding every phrase of a rubric in an answer.
//!
//! The answer is tokenised once; each word is looked up in the rubric's
//! vocabulary (as written, by stem, misspelt, or joined with the next word
//! across a hyphen). Phrases are indexed by their first word, so only the
//! phrases that can start at a word are tried there, and each is extended
//! slot by slot without backtracking; before any slot but the first, one
//! degree word of the language ("is *totally* safe") may be passed over.
//! The result is every occurrence of every phrase; those of the parts some
//! rule can use are grouped by the part they stand for.

mod index;
mod memo;

use std::num::NonZeroU32;

use crate::compile::Compiled;
use crate::fuzzy::FuzzyHit;
use crate::language::WordLists;
use crate::negation::NEGATION_WINDOW;
use crate::pattern::TermId;
#[cfg(test)]
use crate::pattern::{Phrase, Slot};
use crate::text::stem::StemCache;
use crate::text::Tokens;

pub(crate) use self::index::{index, Index, NodeMatch};
use self::index::{
    CLAUSE_BREAKER, CONTRAST, DEFINING_VERB, FUNCTION, LISTENER, LIST_CONNECTOR, NEGATION_SUFFIX,
    NEGATOR, PAIR_END, PREFIX_NEGATOR, REPORTER, SAMENESS, SHORT_NEGATOR, TERM_NOUN,
};
#[cfg(doc)]
use self::index::{CONTINUES, STARTS};

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
    /// A clause negator followed by a hedge ("not always"): it negates a
    /// match that starts with the hedge ("not *always faster*") and leaves
    /// the rest of its clause affirmed ("it doesn't always help, but mostly
    /// it does").
    Hedge,
    /// Dismisses the term just before it ("decoupling is a *myth*"); it
    /// negates nothing after it.
    Dismissal,
}

/// An optional vocabulary id in four bytes (the id plus one, or zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct OptId(Option<NonZeroU32>);

impl OptId {
    pub fn new(id: Option<TermId>) -> OptId {
        OptId(id.and_then(|id| NonZeroU32::new(id.wrapping_add(1))))
    }

    pub fn get(self) -> Option<TermId> {
        self.0.map(|n| n.get() - 1)
    }
}

/// What the rubric's vocabulary knows about one answer word. An answer has
/// one per word, so it is kept small.
#[derive(Debug, Clone)]
pub(crate) struct WordInfo {
    word: OptId,
    stem: OptId,
    /// The word joined with the next one across a hyphen.
    joined_word: OptId,
    joined_stem: OptId,
    /// End of this word's typo matches in [`Analysis::fuzzy`]; they start
    /// where the previous word's end.
    fuzzy_end: u32,
    /// End of the codes of the prefixes this word starts with in
    /// [`Analysis::prefixes`].
    prefixes_end: u32,
    pub negator: Negator,
    /// The word's roles in the language's word lists ([`FUNCTION`] ...).
    roles: u8,
    /// [`NEGATOR_NEAR`] and [`DEGREE_WORD`].
    marks: u8,
    /// [`STARTS`], [`CONTINUES`], [`CONTRAST`], [`DEFINING_VERB`],
    /// [`SAMENESS`], [`REPORTER`], [`LISTENER`] and [`TERM_NOUN`].
    flags: u8,
}

/// Mark of a word: a clause or short negator stands before it in its
/// clause, at most [`NEGATION_WINDOW`] words away. When not, nothing before
/// the word can negate it.
const NEGATOR_NEAR: u8 = 1;
/// Mark of a word: a degree word of the language ("totally"), which may
/// stand between two words of a phrase.
pub(crate) const DEGREE_WORD: u8 = 2;

impl WordInfo {
    /// Whether a negator may stand before the word (see [`NEGATOR_NEAR`]).
    pub fn negator_near(&self) -> bool {
        self.marks & NEGATOR_NEAR != 0
    }

    /// Whether the word is a degree word (see [`DEGREE_WORD`]).
    pub fn is_degree_word(&self) -> bool {
        self.marks & DEGREE_WORD != 0
    }

    pub fn word(&self) -> Option<TermId> {
        self.word.get()
    }

    pub fn stem(&self) -> Option<TermId> {
        self.stem.get()
    }

    pub fn joined_word(&self) -> Option<TermId> {
        self.joined_word.get()
    }

    pub fn joined_stem(&self) -> Option<TermId> {
        self.joined_stem.get()
    }

    /// Whether the word is a function word of the language.
    pub fn is_function_word(&self) -> bool {
        self.roles & FUNCTION != 0
    }

    /// Whether the word is a contrast word of the language ("but").
    pub fn is_contrast_word(&self) -> bool {
        self.flags & CONTRAST != 0
    }

    /// Whether the word is a defining verb of the language ("is").
    pub fn is_defining_verb(&self) -> bool {
        self.flags & DEFINING_VERB != 0
    }

    /// Whether the word is a sameness word of the language ("same").
    pub fn is_sameness_word(&self) -> bool {
        self.flags & SAMENESS != 0
    }

    /// Whether the word is a reporter of the language ("people").
    pub fn is_reporter(&self) -> bool {
        self.flags & REPORTER != 0
    }

    /// Whether the word is a listener of the language ("you").
    pub fn is_listener(&self) -> bool {
        self.flags & LISTENER != 0
    }

    /// Whether the word is a noun of the language that names terms
    /// ("concepts", "buzzwords").
    pub fn is_term_noun(&self) -> bool {
        self.flags & TERM_NOUN != 0
    }
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

/// How many words before a negator may hold a word of sufficiency ("POST
/// *alone* does not", "a cache *by itself* doesn't").
const SUFFICIENCY_REACH: usize = 2;

/// How many words before a negator a condition opener may stand ("when
/// the user is logged in but lacks the role").
const CONDITION_REACH: usize = 10;

/// Whether the negator at word `i` stands in a condition: a condition
/// opener before it in its sentence, at most [`CONDITION_REACH`] words
/// back, with neither a comma, semicolon, colon or bracket between them nor
/// the start of the main clause (see `Language::main_clause_openers`): "if
/// it is cached, it is not slow" and "if the consumer crashes the message
/// is not lost" say what holds. "When it comes to" opens no condition.
fn in_condition(
    tokens: &Tokens,
    text: &str,
    info: &[WordInfo],
    lists: &WordLists,
    i: usize,
) -> bool {
    let toks = &tokens.tokens;
    let sentence = toks[i].sentence;
    let mut main_clause = false;
    for k in (i.saturating_sub(CONDITION_REACH)..i).rev() {
        if toks[k].sentence != sentence {
            return false;
        }
        let gap = text
            .get(toks[k].end as usize..toks[k + 1].start as usize)
            .unwrap_or("");
        if gap.contains([',', ';', ':', '(', ')']) {
            return false;
        }
        let w = tokens.folded(k);
        if lists.condition_openers.contains(w) {
            let idiom = k + 2 < toks.len() && tokens.folded(k + 2) == "comes";
            return !idiom && !main_clause;
        }
        // A main clause opener right after the condition's first word
        // belongs to the condition ("when *there* is", "if *the* key").
        main_clause |= lists.main_clause_openers.contains(w)
            && k > 0
            && !info[k - 1].is_function_word()
            && !lists.condition_openers.contains(tokens.folded(k - 1));
    }
    false
}

/// An answer analysed against one rubric.
#[derive(Debug)]
pub(crate) struct Analysis<'t> {
    pub text: &'t str,
    pub tokens: Tokens,
    pub info: Vec<WordInfo>,
    fuzzy: Vec<FuzzyHit>,
    prefixes: Vec<u32>,
    /// The occurrences of the parts some rule can use (see
    /// [`Index::used_parts`]), sorted by part, then position.
    pub occurrences: Vec<Occurrence>,
    /// For each part, its range in `occurrences`.
    part_ranges: Vec<(u32, u32)>,
    /// Words and function words per sentence.
    pub sentence_words: Vec<(u32, u32)>,
    /// The negator of the last sentence that dismisses everything said
    /// before it ("none of these matter"), if any.
    pub dismissal: Option<u32>,
    /// The negators of clauses that take back what their sentence (or the
    /// sentence before) said: "people say it scales, but *that's* a myth".
    pub retractions: Vec<crate::negation::Retraction>,
    /// All occurrences in order of their first word, as the phrase search
    /// found them (see [`Analysis::found_from`]).
    found: Vec<NodeMatch>,
    /// Working space of the phrase search.
    stack: Vec<(u32, u32, f32, bool)>,
    used: Vec<bool>,
}

/// The memory of the last analysis on this thread, reused by the next one
/// (an analysis takes it and gives it back when dropped).
#[derive(Debug, Default)]
struct Buffers {
    tokens: Tokens,
    info: Vec<WordInfo>,
    fuzzy: Vec<FuzzyHit>,
    prefixes: Vec<u32>,
    occurrences: Vec<Occurrence>,
    part_ranges: Vec<(u32, u32)>,
    sentence_words: Vec<(u32, u32)>,
    found: Vec<NodeMatch>,
    stack: Vec<(u32, u32, f32, bool)>,
    used: Vec<bool>,
}

/// Most memory a thread keeps between analyses: 56 bytes a word for tokens
/// and word facts (see `per_word_records_stay_small`), plus the folded
/// text. The buffers of a larger answer are freed when it has been scored.
const MAX_KEPT_BYTES: usize = 32 << 20;

thread_local! {
    static BUFFERS: std::cell::RefCell<Buffers> = std::cell::RefCell::new(Buffers::default());
}

/// Bytes held by a vector.
fn bytes_of<T>(v: &Vec<T>) -> usize {
    v.capacity() * std::mem::size_of::<T>()
}

impl Buffers {
    /// Bytes held.
    fn bytes(&self) -> usize {
        self.tokens.bytes()
            + bytes_of(&self.info)
            + bytes_of(&self.fuzzy)
            + bytes_of(&self.prefixes)
            + bytes_of(&self.occurrences)
            + bytes_of(&self.part_ranges)
            + bytes_of(&self.sentence_words)
            + bytes_of(&self.found)
            + bytes_of(&self.stack)
            + bytes_of(&self.used)
    }
}

impl Drop for Analysis<'_> {
    fn drop(&mut self) {
        let kept = Buffers {
            tokens: std::mem::take(&mut self.tokens),
            info: std::mem::take(&mut self.info),
            fuzzy: std::mem::take(&mut self.fuzzy),
            prefixes: std::mem::take(&mut self.prefixes),
            occurrences: std::mem::take(&mut self.occurrences),
            part_ranges: std::mem::take(&mut self.part_ranges),
            sentence_words: std::mem::take(&mut self.sentence_words),
            found: std::mem::take(&mut self.found),
            stack: std::mem::take(&mut self.stack),
            used: std::mem::take(&mut self.used),
        };
        if kept.bytes() <= MAX_KEPT_BYTES {
            // `try_with`: during thread teardown the buffers are just freed.
            let _ = BUFFERS.try_with(|b| {
                if let Ok(mut b) = b.try_borrow_mut() {
                    *b = kept;
                }
            });
        }
    }
}

impl<'t> Analysis<'t> {
    /// Analyses `text` (its first [`MAX_TEXT_BYTES`](crate::text::MAX_TEXT_BYTES)).
    pub fn new(c: &Compiled, text: &'t str) -> Analysis<'t> {
        let text = crate::text::bounded(text);
        let index = index(c);
        let mut b = BUFFERS
            .try_with(|b| b.try_borrow_mut().map(|mut b| std::mem::take(&mut *b)).ok())
            .ok()
            .flatten()
            .unwrap_or_default();
        let mut memo = index.memo().borrow_mut();
        StemCache::with(|cache| {
            b.info.clear();
            b.info.reserve(text.len() / 5 + 1);
            b.fuzzy.clear();
            b.prefixes.clear();
            let (info, fuzzy, prefixes) = (&mut b.info, &mut b.fuzzy, &mut b.prefixes);
            c.analyzer.scan_into(text, &mut b.tokens, |lower, folded| {
                let w = index.word_info(c, cache, &mut memo, lower, folded, fuzzy, prefixes);
                let breaker = w.roles & CLAUSE_BREAKER != 0;
                info.push(w);
                breaker
            });
            b.sentence_words.clear();
            let mut a = Analysis {
                text,
                info: b.info,
                tokens: b.tokens,
                fuzzy: b.fuzzy,
                prefixes: b.prefixes,
                occurrences: b.occurrences,
                part_ranges: b.part_ranges,
                sentence_words: b.sentence_words,
                dismissal: None,
                retractions: Vec::new(),
                found: b.found,
                stack: b.stack,
                used: b.used,
            };
            a.look_up_words(c, index, cache);
            a.find_phrases(c, index);
            a
        })
    }

    /// Completes what [`Index::word_info`] found with what depends on the
    /// neighbouring words: hyphen joins, negators and sentence counts.
    // Each word reads its neighbours, so the loop goes by index.
    #[allow(clippy::needless_range_loop)]
    fn look_up_words(&mut self, c: &Compiled, index: &Index, cache: &mut StemCache) {
        let language = c.language();
        let pairs = language.negating_pairs();
        let exceptions = language.negation_exceptions();
        let hedges = language.hedges();
        let sufficiency = language.sufficiency_words();
        let Analysis {
            text,
            tokens,
            info,
            sentence_words,
            dismissal,
            retractions,
            ..
        } = self;
        // Plain borrows: what they point to stays put while sentence counts
        // and retractions grow.
        let tokens: &Tokens = tokens;
        let info: &mut [WordInfo] = info;
        let n = tokens.len();
        let mut joined = String::new();
        // The last clause or short negator seen, and its clause.
        let mut last_negator: Option<(usize, u32)> = None;
        for i in 0..n {
            let tok = &tokens.tokens[i];
            let near = last_negator
                .is_some_and(|(k, clause)| clause == tok.clause && i - k <= NEGATION_WINDOW);
            info[i].marks = (near as u8 * NEGATOR_NEAR) | (info[i].marks & DEGREE_WORD);
            let roles = info[i].roles;
            let hyphen_before = i > 0 && tokens.tokens[i - 1].hyphen_next;
            let in_compound = tok.hyphen_next || hyphen_before;
            if tok.hyphen_next && i + 1 < n {
                joined.clear();
                joined.push_str(tokens.folded(i));
                joined.push_str(tokens.folded(i + 1));
                let (word, stem) = index.joined(c, cache, &joined);
                info[i].joined_word = OptId::new(word);
                info[i].joined_stem = OptId::new(stem);
            }
            if roles & (PREFIX_NEGATOR | NEGATOR | SHORT_NEGATOR | PAIR_END | NEGATION_SUFFIX) != 0
            {
                let folded = tokens.folded(i);
                let next = || (i + 1 < n).then(|| tokens.folded(i + 1));
                let is_exception =
                    |w: &str| exceptions.iter().any(|&(a, b)| a == w && Some(b) == next());
                let hedged = || next().is_some_and(|w| hedges.contains(&w));
                let prev = || (i > 0).then(|| tokens.folded(i - 1));
                // "POST alone does not stop CSRF": the words just before.
                let sufficient = || {
                    (i.saturating_sub(SUFFICIENCY_REACH)..i)
                        .filter(|&k| tokens.tokens[k].clause == tok.clause)
                        .any(|k| sufficiency.contains(&tokens.folded(k)))
                };
                // A negator inside a hyphenated compound ("If-None-Match",
                // "no-cache") is part of a name, not a negation.
                info[i].negator = if roles & PREFIX_NEGATOR != 0 {
                    Negator::Next
                } else if in_compound {
                    Negator::No
                } else if roles & NEGATOR != 0 && c.analyzer.lists.dismissal_words.contains(folded)
                {
                    Negator::Dismissal
                } else if roles & (NEGATOR | NEGATION_SUFFIX) != 0
                    && !is_exception(folded)
                    && !sufficient()
                    && !in_condition(tokens, text, info, &c.analyzer.lists, i)
                {
                    if hedged() {
                        Negator::Hedge
                    } else {
                        Negator::Clause
                    }
                } else if roles & SHORT_NEGATOR != 0 && !is_exception(folded)
                    || roles & PAIR_END != 0
                        && pairs.iter().any(|&(a, b)| b == folded && Some(a) == prev())
                {
                    Negator::Short
                } else {
                    Negator::No
                };
            }
            if matches!(info[i].negator, Negator::Clause | Negator::Dismissal)
                && crate::negation::dismisses_all(tokens, &c.analyzer.lists, i, info[i].negator)
            {
                *dismissal = Some(i as u32);
            }
            if matches!(info[i].negator, Negator::Clause | Negator::Dismissal) {
                retractions.extend(crate::negation::takes_back(tokens, &c.analyzer.lists, i));
            }
            if matches!(
                info[i].negator,
                Negator::Clause | Negator::Short | Negator::Hedge
            ) {
                last_negator = Some((i, tok.clause));
            }
            let s = tok.sentence as usize;
            if sentence_words.len() <= s {
                sentence_words.resize(s + 1, (0, 0));
            }
            // "and"/"or" join list items and words inside a hyphenated term
            // ("at-least-once") are part of the term: neither makes prose.
            let explains = roles & (FUNCTION | LIST_CONNECTOR) == FUNCTION && !in_compound;
            let counts = &mut sentence_words[s];
            counts.0 += 1;
            counts.1 += explains as u32;
        }
    }

    fn fuzzy_of(&self, i: usize) -> &[FuzzyHit] {
        let a = if i == 0 {
            0
        } else {
            self.info[i - 1].fuzzy_end
        };
        &self.fuzzy[a as usize..self.info[i].fuzzy_end as usize]
    }

    /// The codes of the rubric's prefixes that word `i` starts with.
    fn prefixes_of(&self, i: usize) -> &[u32] {
        let a = if i == 0 {
            0
        } else {
            self.info[i - 1].prefixes_end
        };
        &self.prefixes[a as usize..self.info[i].prefixes_end as usize]
    }

    fn find_phrases(&mut self, c: &Compiled, index: &Index) {
        let mut found = std::mem::take(&mut self.found);
        let mut stack = std::mem::take(&mut self.stack);
        found.clear();
        // Grouped by part (a counting sort, counted as they are found), then
        // by position. Occurrences come in order of their first word, so
        // each part's run is nearly sorted already; each phrase is found at
        // most once at each word.
        let mut ranges = std::mem::take(&mut self.part_ranges);
        ranges.clear();
        ranges.resize(c.parts.len(), (0, 0));
        index.find(self, &mut found, &mut ranges, &mut stack);
        self.stack = stack;
        // Only the parts some rule can use are kept.
        let mut used = std::mem::take(&mut self.used);
        index.used_parts(&ranges, &mut used);
        let mut at = 0;
        for (r, &used) in ranges.iter_mut().zip(&used) {
            let n = if used { r.1 } else { 0 };
            *r = (at, at);
            at += n;
        }
        let mut grouped = std::mem::take(&mut self.occurrences);
        grouped.clear();
        // Every slot is written below.
        let blank = Occurrence {
            phrase: 0,
            part: 0,
            start: 0,
            end: 0,
            similarity: 0.0,
        };
        grouped.resize(at as usize, blank);
        let key = |o: &Occurrence| (o.start, o.end, o.phrase);
        // Occurrences come in order of their first word, so a part's run is
        // out of order only where one of them follows another that starts
        // at the same word and sorts after it: those parts are sorted.
        let mut unsorted: Vec<u32> = Vec::new();
        for m in &found {
            for &(phrase, part) in index.phrases_at(m.node) {
                if !used[part as usize] {
                    continue;
                }
                let o = m.occurrence((phrase, part));
                let r = &mut ranges[part as usize];
                if r.1 > r.0 {
                    let last = &grouped[r.1 as usize - 1];
                    if last.start == o.start && key(last) > key(&o) {
                        unsorted.push(part);
                    }
                }
                grouped[r.1 as usize] = o;
                r.1 += 1;
            }
        }
        self.used = used;
        unsorted.sort_unstable();
        unsorted.dedup();
        for part in unsorted {
            let (a, b) = ranges[part as usize];
            grouped[a as usize..b as usize].sort_by_key(key);
        }
        self.occurrences = grouped;
        self.part_ranges = ranges;
        self.found = found;
    }

    /// The occurrences found by trying every phrase at every word: the
    /// reference that [`Index::find`] must agree with.
    #[cfg(test)]
    fn find_by_triggers(&self, c: &Compiled) -> Vec<Occurrence> {
        let mut found = Vec::new();
        for i in 0..self.tokens.len() {
            for (p, phrase) in c.phrases.iter().enumerate() {
                let mut ends = Vec::new();
                self.match_from(c, phrase, i, i, 0, 1.0, &mut ends);
                for (end, similarity) in ends {
                    found.push(Occurrence {
                        phrase: p as u32,
                        part: phrase.part,
                        start: i as u32,
                        end: end as u32,
                        similarity,
                    });
                }
            }
        }
        found.sort_by(|a, b| {
            (a.part, a.start, a.end, a.phrase)
                .cmp(&(b.part, b.start, b.end, b.phrase))
                .then(b.similarity.total_cmp(&a.similarity))
        });
        found.dedup_by(|b, a| a.phrase == b.phrase && a.start == b.start && a.end == b.end);
        found
    }

    /// Every way `phrase` matches from word `start`, its slots from `slot`
    /// on filled from word `at` (with the lowest similarity so far): the end
    /// word and similarity of each, pushed to `out`. A degree word may stand
    /// before any slot but the first. The definition [`Index::find`]
    /// follows, kept for the tests.
    #[cfg(test)]
    #[allow(clippy::too_many_arguments)]
    fn match_from(
        &self,
        c: &Compiled,
        phrase: &Phrase,
        start: usize,
        at: usize,
        slot: usize,
        similarity: f32,
        out: &mut Vec<(usize, f32)>,
    ) {
        let Some(s) = phrase.slots.get(slot) else {
            out.push((at, similarity));
            return;
        };
        if slot == 0 {
            if self.tokens.tokens.get(at).is_none() {
                return;
            }
        } else if !self.continues(start, at) {
            return;
        }
        if let Some((next, sim)) = self.fill(s, at, phrase.typos) {
            self.match_from(c, phrase, start, next, slot + 1, similarity.min(sim), out);
        }
        let degree = c.language().degree_words();
        if slot > 0 && degree.contains(&self.tokens.folded(at)) && self.continues(start, at + 1) {
            if let Some((next, sim)) = self.fill(s, at + 1, phrase.typos) {
                self.match_from(c, phrase, start, next, slot + 1, similarity.min(sim), out);
            }
        }
    }

    /// Whether a phrase that started at word `start` can go on at word `at`:
    /// phrases stay within a sentence.
    fn continues(&self, start: usize, at: usize) -> bool {
        at < self.tokens.len()
            && self.tokens.tokens[at].sentence == self.tokens.tokens[start].sentence
    }

    /// Word `at` filling `slot` of a phrase: the word after it and the
    /// similarity. A word fills a slot itself (as written, by stem, by prefix
    /// or, when `typos`, misspelt) or else joined with the next one across a
    /// hyphen.
    #[cfg(test)]
    fn fill(&self, slot: &Slot, at: usize, typos: bool) -> Option<(usize, f32)> {
        if let Some(sim) = self.slot_matches(slot, at, typos) {
            Some((at + 1, sim))
        } else if self.joined_matches(slot, at) {
            Some((at + 2, 1.0))
        } else {
            None
        }
    }

    #[cfg(test)]
    fn slot_matches(&self, slot: &Slot, i: usize, typos: bool) -> Option<f32> {
        let info = &self.info[i];
        match slot {
            Slot::Word(id) if info.word() == Some(*id) => Some(1.0),
            Slot::Stem(id) if info.stem() == Some(*id) => Some(1.0),
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

    #[cfg(test)]
    fn joined_matches(&self, slot: &Slot, i: usize) -> bool {
        let info = &self.info[i];
        match slot {
            Slot::Word(id) => info.joined_word() == Some(*id),
            Slot::Stem(id) => info.joined_stem() == Some(*id),
            Slot::Prefix(_) => false,
        }
    }

    /// All occurrences of all parts (whether a rule can use them or not)
    /// from the first that starts at word `first` on, in order of their
    /// first word (in no given order among those that start at one word).
    pub fn found_from<'s>(
        &'s self,
        c: &'s Compiled,
        first: u32,
    ) -> impl Iterator<Item = Occurrence> + 's {
        let from = self.found.partition_point(|m| m.start < first);
        let index = index(c);
        self.found[from..]
            .iter()
            .flat_map(move |m| index.phrases_at(m.node).iter().map(|&p| m.occurrence(p)))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_word_records_stay_small() {
        // Memory grows with the answer by these two per word.
        assert!(std::mem::size_of::<WordInfo>() <= 28);
        assert!(std::mem::size_of::<crate::text::Token>() <= 28);
    }

    #[test]
    fn optional_ids_round_trip() {
        for id in [None, Some(0), Some(1), Some(12_345)] {
            assert_eq!(OptId::new(id).get(), id);
        }
    }
}
