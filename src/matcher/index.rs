//! What the matcher knows about a rubric before it sees an answer.
//!
//! Every word of the rubric's vocabulary and of the language's word lists is
//! looked up, stemmed and classified once, into one map; an answer word then
//! costs one lookup in it (with a fixed-key hash, see [`FxBuild`]). Words
//! outside the map have no role and no vocabulary id; only their stem, typo
//! matches and prefixes can still match, and the per-thread [`WordMemo`]
//! keeps what was found for them.

use std::cell::RefCell;
use std::collections::HashMap;

use thread_local::ThreadLocal;

use crate::compile::{Compiled, Rule};
use crate::fuzzy::{FuzzyHit, MIN_FUZZY_CHARS};
use crate::language::{WordLists, WordSet};
use crate::pattern::{Slot, TermId};
use crate::text::hash::{FxBuild, WordTable};
use crate::text::stem::StemCache;

use super::memo::WordMemo;
use super::{Analysis, Negator, Occurrence, OptId, WordInfo};

/// Role of a word: a function word (the language's stop words and negators).
pub(crate) const FUNCTION: u8 = 1;
/// Role of a word: negates the rest of its clause, or dismisses the term
/// before it ("... is a myth").
pub(crate) const NEGATOR: u8 = 2;
/// Role of a word: negates the next word ("non").
pub(crate) const PREFIX_NEGATOR: u8 = 4;
/// Role of a word: starts a new clause.
pub(crate) const CLAUSE_BREAKER: u8 = 8;
/// Role of a word: joins the items of a list.
pub(crate) const LIST_CONNECTOR: u8 = 16;
/// Role of a word: negates only the few words right after it ("without").
pub(crate) const SHORT_NEGATOR: u8 = 32;
/// Role of a word: ends a two-word negating cue ("of" in "instead of").
pub(crate) const PAIR_END: u8 = 64;
/// Role of a word: ends with the language's negation suffix ("n't").
pub(crate) const NEGATION_SUFFIX: u8 = 128;

/// Flag of a word: it fills the first slot of some phrase by itself (as
/// written, by stem or by prefix, or misspelt): see [`Trie::can_start`].
pub(crate) const STARTS: u8 = 1;
/// Flag of a word: it fills a later slot of some phrase as written, by stem
/// or by prefix (see [`Trie::can_continue`]). When it does not, a phrase
/// goes on at it only through a hyphen join or a typo match.
pub(crate) const CONTINUES: u8 = 2;
/// Flag of a word: a contrast word of the language ("but").
pub(crate) const CONTRAST: u8 = 4;
/// Flag of a word: a defining verb of the language ("is", "means").
pub(crate) const DEFINING_VERB: u8 = 8;
/// Flag of a word: a sameness word of the language ("same", "identical").
pub(crate) const SAMENESS: u8 = 16;
/// Flag of a word: a reporter of the language ("people", "everyone").
pub(crate) const REPORTER: u8 = 32;
/// Flag of a word: a listener of the language ("you").
pub(crate) const LISTENER: u8 = 64;
/// Flag of a word: a noun of the language that names terms ("concepts").
pub(crate) const TERM_NOUN: u8 = 128;

/// Each word list of a language with the role it gives its words.
fn list_roles(lists: &WordLists) -> [(&WordSet, u8); 6] {
    [
        (&lists.function_words, FUNCTION),
        (&lists.negators, NEGATOR),
        (&lists.prefix_negators, PREFIX_NEGATOR),
        (&lists.clause_breakers, CLAUSE_BREAKER),
        (&lists.list_connectors, LIST_CONNECTOR),
        (&lists.short_negators, SHORT_NEGATOR),
    ]
}

/// Each word list of a language with the flag it gives its words (the
/// defining verbs, a list of their own, aside).
fn list_cues(lists: &WordLists) -> [(&WordSet, u8); 5] {
    [
        (&lists.contrast_words, CONTRAST),
        (&lists.sameness_words, SAMENESS),
        (&lists.reporters, REPORTER),
        (&lists.listeners, LISTENER),
        (&lists.term_nouns, TERM_NOUN),
    ]
}

/// The roles a word has by its spelling alone.
fn spelling_roles(c: &Compiled, folded: &str) -> u8 {
    match c.language().negation_suffix() {
        Some(suffix) if folded.ends_with(suffix) => NEGATION_SUFFIX,
        _ => 0,
    }
}

/// A word known in advance, in 16 bytes: one is read for most answer
/// words, so the table of them should stay in cache.
#[derive(Debug, Clone, Default)]
struct Known {
    /// Its id in the vocabulary, if a phrase uses it.
    word: OptId,
    /// The id of its stem, if a phrase uses the stem. Stems are taken before
    /// marks are removed, so this is the stem of an answer word only when
    /// the word had no marks.
    stem: OptId,
    /// The codes of the prefixes it starts with: `prefixes_len` codes of
    /// [`Index::known_prefixes`] from `prefixes_at`.
    prefixes_at: u32,
    prefixes_len: u16,
    roles: u8,
    /// [`STARTS`], [`CONTINUES`], [`CONTRAST`], [`DEFINING_VERB`],
    /// [`SAMENESS`], [`REPORTER`], [`LISTENER`], [`TERM_NOUN`].
    flags: u8,
}

/// The matcher's index of one rubric.
#[derive(Debug)]
pub(crate) struct Index {
    /// Known words: their entry in `known_words`.
    known: WordTable,
    known_words: Vec<Known>,
    /// The stem of each known word.
    known_stems: Vec<Box<str>>,
    known_prefixes: Vec<u32>,
    /// The vocabulary's stems and their ids.
    stems: WordTable,
    trie: Trie,
    /// Which parts a rule can use whatever else the answer holds: those
    /// of `phrases`, `partial` and k-of-n rules.
    always_used: Vec<bool>,
    /// The parts of each all-of rule: a rule uses them only when all occur.
    all_of: Vec<Box<[u32]>>,
    /// The language's degree words ("totally", "much").
    degree_words: WordTable,
    /// The first letters of the degree words, a bit per letter, by length.
    degree_letters: [u32; DEGREE_LENGTHS],
    /// Each thread's memo of the answer words outside `known`.
    memo: ThreadLocal<RefCell<WordMemo>>,
}

/// Where the phrases that end at one trie node matched: words
/// `start..end`. Each phrase of the node (see [`Index::phrases_at`]) is one
/// occurrence there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct NodeMatch {
    pub node: u32,
    pub start: u32,
    pub end: u32,
    /// 1 for an exact match, lower when words matched with typos.
    pub similarity: f32,
}

impl NodeMatch {
    /// The occurrence of one of the node's phrases (see
    /// [`Index::phrases_at`]).
    pub fn occurrence(&self, (phrase, part): (u32, u32)) -> Occurrence {
        Occurrence {
            phrase,
            part,
            start: self.start,
            end: self.end,
            similarity: self.similarity,
        }
    }
}

impl Clone for Index {
    /// A copy with empty memos.
    fn clone(&self) -> Index {
        Index {
            known: self.known.clone(),
            known_words: self.known_words.clone(),
            known_stems: self.known_stems.clone(),
            known_prefixes: self.known_prefixes.clone(),
            stems: self.stems.clone(),
            trie: self.trie.clone(),
            always_used: self.always_used.clone(),
            all_of: self.all_of.clone(),
            degree_words: self.degree_words.clone(),
            degree_letters: self.degree_letters,
            memo: ThreadLocal::new(),
        }
    }
}

/// Every phrase of the rubric in one trie of slots, so that phrases sharing
/// their first words are followed together: from each answer word, the
/// matcher walks down the trie with the slots that word can fill, and each
/// phrase is matched exactly as `Analysis::match_at` (the tests' reference)
/// would match it.
///
/// Phrases with and without typo tolerance live under two roots, since the
/// same slot matches different words in each.
#[derive(Debug, Clone, Default)]
struct Trie {
    nodes: Vec<Node>,
    /// Children of all nodes, each node's run sorted by slot code.
    edges: Vec<(u32, u32)>,
    /// The children of the nodes below the roots, by node and slot code.
    inner_children: EdgeTable,
    /// Phrases ending at each node, by node, with their parts.
    ends: Vec<(u32, u32)>,
    /// The roots' children by word id and by stem id (`NONE` where none),
    /// per root: the first slot is looked up directly, not searched.
    root_words: Vec<[u32; 2]>,
    root_stems: Vec<[u32; 2]>,
    /// The slot of each prefix code.
    prefixes: Vec<Slot>,
    /// Prefix codes and prefixes by the prefix's first byte (256: the
    /// empty prefix).
    prefixes_by_byte: Vec<Vec<(u32, Box<str>)>>,
    /// The roots' children by prefix, per root (`NONE` where none).
    root_prefixes: Vec<[u32; 2]>,
    /// Whether each word id, stem id and prefix code labels an edge below
    /// the roots: a later slot of some phrase.
    inner_words: Vec<bool>,
    inner_stems: Vec<bool>,
    inner_prefixes: Vec<bool>,
}

/// The edges below the roots of a [`Trie`], for finding one child with one
/// probe: open addressing over (node and slot code, child) slots.
#[derive(Debug, Clone, Default)]
struct EdgeTable {
    /// (node << 32 | slot code, child); [`NO_EDGE`] keys mark empty slots.
    slots: Box<[(u64, u32)]>,
    shift: u32,
}

/// The key of an empty [`EdgeTable`] slot.
const NO_EDGE: u64 = u64::MAX;

impl EdgeTable {
    /// A table of `edges`: (node, slot code, child), each (node, code) once.
    fn new(edges: &[(u32, u32, u32)]) -> EdgeTable {
        let bits = (edges.len().max(4) * 2)
            .next_power_of_two()
            .trailing_zeros();
        let mut t = EdgeTable {
            slots: vec![(NO_EDGE, 0); 1 << bits].into_boxed_slice(),
            shift: 64 - bits,
        };
        let mask = t.slots.len() - 1;
        for &(node, code, child) in edges {
            let key = (node as u64) << 32 | code as u64;
            let mut i = t.slot_of(key);
            while t.slots[i].0 != NO_EDGE {
                i = (i + 1) & mask;
            }
            t.slots[i] = (key, child);
        }
        t
    }

    #[inline]
    fn slot_of(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// The child of `node` by slot `code`.
    #[inline]
    fn get(&self, node: u32, code: u32) -> Option<u32> {
        let key = (node as u64) << 32 | code as u64;
        let mask = self.slots.len().checked_sub(1)?;
        let mut i = self.slot_of(key);
        loop {
            let (k, child) = self.slots[i];
            if k == key {
                return Some(child);
            }
            if k == NO_EDGE {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Node {
    edges: (u32, u32),
    ends: (u32, u32),
}

/// No node.
const NONE: u32 = u32::MAX;

/// Degree words are shorter than this, in bytes, and start with a letter
/// from a to z (see `Index::is_degree_word`).
const DEGREE_LENGTHS: usize = 16;

/// Slot codes: the kind in the top two bits, then the id.
const STEM_CODE: u32 = 1 << 30;
const PREFIX_CODE: u32 = 2 << 30;
const ID_BITS: u32 = (1 << 30) - 1;

/// A trie node while building.
#[derive(Default)]
struct Building {
    children: Vec<(u32, usize)>,
    ends: Vec<(u32, u32)>,
}

impl Trie {
    fn new(c: &Compiled) -> Trie {
        let mut prefixes: Vec<Slot> = Vec::new();
        let mut building: Vec<Building> = vec![Building::default(), Building::default()];
        for (p, phrase) in c.phrases.iter().enumerate() {
            if phrase.slots.is_empty() {
                continue;
            }
            let mut node = phrase.typos as usize;
            for slot in &phrase.slots {
                let code = match slot {
                    Slot::Word(id) => *id,
                    Slot::Stem(id) => STEM_CODE | id,
                    Slot::Prefix(_) => {
                        let at = match prefixes.iter().position(|s| s == slot) {
                            Some(at) => at,
                            None => {
                                prefixes.push(slot.clone());
                                prefixes.len() - 1
                            }
                        };
                        PREFIX_CODE | at as u32
                    }
                };
                node = match building[node].children.iter().find(|(k, _)| *k == code) {
                    Some(&(_, child)) => child,
                    None => {
                        building.push(Building::default());
                        let child = building.len() - 1;
                        building[node].children.push((code, child));
                        child
                    }
                };
            }
            building[node].ends.push((p as u32, phrase.part));
        }
        let mut trie = Trie {
            prefixes,
            ..Trie::default()
        };
        for b in &mut building {
            b.children.sort_unstable();
            let edges = trie.edges.len() as u32;
            trie.edges
                .extend(b.children.iter().map(|&(code, child)| (code, child as u32)));
            let ends = trie.ends.len() as u32;
            trie.ends.extend_from_slice(&b.ends);
            trie.nodes.push(Node {
                edges: (edges, trie.edges.len() as u32),
                ends: (ends, trie.ends.len() as u32),
            });
        }
        let mut inner = Vec::new();
        for node in 2..trie.nodes.len() as u32 {
            inner.extend(
                trie.children(node)
                    .iter()
                    .map(|&(code, child)| (node, code, child)),
            );
        }
        trie.inner_children = EdgeTable::new(&inner);
        trie.prefixes_by_byte = vec![Vec::new(); 257];
        for (i, slot) in trie.prefixes.iter().enumerate() {
            if let Slot::Prefix(p) = slot {
                let bucket = p.as_bytes().first().map_or(256, |&b| b as usize);
                trie.prefixes_by_byte[bucket].push((PREFIX_CODE | i as u32, p.clone()));
            }
        }
        // Both roots' children of one slot side by side: a word that fills
        // the slot is looked up under both.
        trie.root_prefixes = vec![[NONE; 2]; trie.prefixes.len()];
        trie.root_words = vec![[NONE; 2]; c.vocab.words.len()];
        trie.root_stems = vec![[NONE; 2]; c.vocab.stems.len()];
        for root in 0..2 {
            for i in 0..trie.children(root as u32).len() {
                let (code, child) = trie.children(root as u32)[i];
                let id = (code & ID_BITS) as usize;
                let table = match code & !ID_BITS {
                    0 => &mut trie.root_words,
                    STEM_CODE => &mut trie.root_stems,
                    _ => &mut trie.root_prefixes,
                };
                table[id][root] = child;
            }
        }
        trie.inner_words = vec![false; c.vocab.words.len()];
        trie.inner_stems = vec![false; c.vocab.stems.len()];
        trie.inner_prefixes = vec![false; trie.prefixes.len()];
        for &(code, _) in trie.nodes.iter().skip(2).flat_map(|n| {
            let (a, b) = n.edges;
            &trie.edges[a as usize..b as usize]
        }) {
            let id = (code & ID_BITS) as usize;
            let table = match code & !ID_BITS {
                0 => &mut trie.inner_words,
                STEM_CODE => &mut trie.inner_stems,
                _ => &mut trie.inner_prefixes,
            };
            if let Some(inner) = table.get_mut(id) {
                *inner = true;
            }
        }
        trie
    }

    /// The slots word `at` of `a` fills, each once, and how: `f(code, next
    /// word, similarity)`. A word fills a slot itself (as written, by stem,
    /// by prefix or, when `typos`, misspelt) or else joined with the next
    /// word across a hyphen, exactly as `Analysis::match_at` decides.
    #[inline]
    fn steps(&self, a: &Analysis<'_>, at: usize, typos: bool, mut f: impl FnMut(u32, u32, f32)) {
        let info = &a.info[at];
        let (word, stem) = (info.word(), info.stem());
        let (one, two) = (at as u32 + 1, at as u32 + 2);
        if let Some(w) = word {
            f(w, one, 1.0);
        }
        if let Some(s) = stem {
            f(STEM_CODE | s, one, 1.0);
        }
        for &code in a.prefixes_of(at) {
            f(code, one, 1.0);
        }
        let joined_word = info.joined_word().filter(|&w| Some(w) != word);
        let joined_stem = info.joined_stem().filter(|&s| Some(s) != stem);
        let fuzzy = if typos { a.fuzzy_of(at) } else { &[] };
        // A misspelt word fills its rubric word itself, before any join; the
        // first typo match of each rubric word counts.
        if let Some(w) = joined_word {
            match fuzzy.iter().find(|h| h.word_id == w) {
                Some(h) => f(w, one, h.similarity),
                None => f(w, two, 1.0),
            }
        }
        if let Some(s) = joined_stem {
            match fuzzy.iter().find(|h| h.stem_id == s) {
                Some(h) => f(STEM_CODE | s, one, h.similarity),
                None => f(STEM_CODE | s, two, 1.0),
            }
        }
        for (i, h) in fuzzy.iter().enumerate() {
            let earlier = &fuzzy[..i];
            if Some(h.word_id) != word
                && Some(h.word_id) != joined_word
                && !earlier.iter().any(|e| e.word_id == h.word_id)
            {
                f(h.word_id, one, h.similarity);
            }
            if Some(h.stem_id) != stem
                && Some(h.stem_id) != joined_stem
                && !earlier.iter().any(|e| e.stem_id == h.stem_id)
            {
                f(STEM_CODE | h.stem_id, one, h.similarity);
            }
        }
    }

    /// Pushes to `stack` the children of `node` that word `at` of `a` leads
    /// to, for a phrase that got to `node` with this similarity and typo
    /// setting.
    #[inline]
    fn continue_at(
        &self,
        a: &Analysis<'_>,
        at: usize,
        (node, similarity, typos): (u32, f32, bool),
        stack: &mut Vec<(u32, u32, f32, bool)>,
    ) {
        // A word that fills no later slot by itself goes on only when
        // joined to the next word or misspelt.
        let next = &a.info[at];
        if next.flags & CONTINUES == 0
            && next.joined_word().is_none()
            && next.joined_stem().is_none()
            && (!typos || a.fuzzy_of(at).is_empty())
        {
            return;
        }
        self.steps(a, at, typos, |code, next, sim| {
            if let Some(child) = self.child(node, code) {
                stack.push((child, next, similarity.min(sim), typos));
            }
        });
    }

    /// Whether a word with these ids, prefix codes and typo matches fills
    /// the first slot of some phrase. When it does not, and it is not joined
    /// to the next word, no phrase starts at it.
    fn can_start(
        &self,
        word: Option<TermId>,
        stem: Option<TermId>,
        prefixes: &[u32],
        fuzzy: &[FuzzyHit],
    ) -> bool {
        let at_a_root = |code: u32| (0..2).any(|root| self.child(root, code).is_some());
        word.is_some_and(at_a_root)
            || stem.is_some_and(|s| at_a_root(STEM_CODE | s))
            || prefixes.iter().any(|&p| at_a_root(p))
            || fuzzy.iter().any(|h| {
                self.child(1, h.word_id).is_some() || self.child(1, STEM_CODE | h.stem_id).is_some()
            })
    }

    /// Whether a word with these ids and prefix codes fills, by itself, a
    /// slot after the first of some phrase.
    fn can_continue(&self, word: Option<TermId>, stem: Option<TermId>, prefixes: &[u32]) -> bool {
        let inner = |table: &Vec<bool>, id: u32| table.get(id as usize).copied().unwrap_or(false);
        word.is_some_and(|w| inner(&self.inner_words, w))
            || stem.is_some_and(|s| inner(&self.inner_stems, s))
            || prefixes
                .iter()
                .any(|&p| inner(&self.inner_prefixes, p & ID_BITS))
    }

    /// [`STARTS`] and [`CONTINUES`] of a word with these ids, prefix codes
    /// and typo matches.
    fn links(
        &self,
        word: Option<TermId>,
        stem: Option<TermId>,
        prefixes: &[u32],
        fuzzy: &[FuzzyHit],
    ) -> u8 {
        let starts = self.can_start(word, stem, prefixes, fuzzy);
        let continues = self.can_continue(word, stem, prefixes);
        (starts as u8 * STARTS) | (continues as u8 * CONTINUES)
    }

    /// The codes of the prefixes `folded` starts with.
    fn prefix_codes(&self, folded: &str, out: &mut Vec<u32>) {
        if let Some(&b) = folded.as_bytes().first() {
            for (code, prefix) in &self.prefixes_by_byte[b as usize] {
                if folded.starts_with(&**prefix) {
                    out.push(*code);
                }
            }
        }
        out.extend(self.prefixes_by_byte[256].iter().map(|(code, _)| *code));
    }

    fn children(&self, node: u32) -> &[(u32, u32)] {
        let (a, b) = self.nodes[node as usize].edges;
        &self.edges[a as usize..b as usize]
    }

    /// The children of both roots for slot `code` (`NONE` where none).
    #[inline]
    fn root_children(&self, code: u32) -> [u32; 2] {
        let id = (code & ID_BITS) as usize;
        let table = match code & !ID_BITS {
            0 => &self.root_words,
            STEM_CODE => &self.root_stems,
            _ => &self.root_prefixes,
        };
        table.get(id).copied().unwrap_or([NONE; 2])
    }

    #[inline(never)]
    fn child(&self, node: u32, code: u32) -> Option<u32> {
        if node <= 1 {
            return Some(self.root_children(code)[node as usize]).filter(|&n| n != NONE);
        }
        self.inner_children.get(node, code)
    }
}

/// The index of a compiled rubric (built by `compile` and kept).
pub(crate) fn index(c: &Compiled) -> &Index {
    c.vocab.index.get_or_init(|| Index::new(c))
}

impl Index {
    fn new(c: &Compiled) -> Index {
        let lists = &c.analyzer.lists;
        // (word id, roles) of each known word.
        let mut known: HashMap<Box<str>, (Option<TermId>, u8), FxBuild> =
            HashMap::with_hasher(FxBuild);
        let mut order: Vec<Box<str>> = Vec::new();
        let mut add = |w: &str, word: Option<TermId>, roles: u8| {
            let entry = known.entry(w.into()).or_insert_with(|| {
                order.push(w.into());
                (None, 0)
            });
            if word.is_some() {
                entry.0 = word;
            }
            entry.1 |= roles;
        };
        for (w, &id) in &c.vocab.words {
            add(w, Some(id), 0);
        }
        for (set, role) in list_roles(lists) {
            for w in set {
                add(w, None, role);
            }
        }
        for &(_, second) in c.language().negating_pairs() {
            add(second, None, PAIR_END);
        }
        for w in &lists.dismissal_words {
            add(w, None, NEGATOR);
        }
        // Known so that their flags cost no lookup of their own.
        for w in lists.contrast_words.iter().chain(&lists.defining_verbs) {
            add(w, None, 0);
        }
        for w in &lists.sameness_words {
            add(w, None, 0);
        }
        for w in lists
            .reporters
            .iter()
            .chain(&lists.listeners)
            .chain(&lists.term_nouns)
        {
            add(w, None, 0);
        }
        let trie = Trie::new(c);
        let degree = c.language().degree_words();
        let mut degree_letters = [0u32; DEGREE_LENGTHS];
        for w in degree {
            let letter = w.as_bytes()[0].wrapping_sub(b'a');
            if w.len() < DEGREE_LENGTHS && letter < 32 {
                degree_letters[w.len()] |= 1 << letter;
            }
        }
        let mut always_used = vec![false; c.parts.len()];
        let mut all_of: Vec<Box<[u32]>> = Vec::new();
        for rule in c
            .points
            .iter()
            .chain(&c.misconceptions)
            .flat_map(|i| &i.rules)
        {
            match rule {
                Rule::Any { part, .. } => always_used[*part as usize] = true,
                Rule::KOfN { items, .. } => {
                    items.iter().for_each(|&p| always_used[p as usize] = true)
                }
                Rule::AllOf { parts, .. } => all_of.push(parts.as_slice().into()),
                Rule::Regex { .. } => {}
            }
        }
        all_of.retain(|parts| !parts.iter().all(|&p| always_used[p as usize]));
        all_of.sort_unstable();
        all_of.dedup();
        let mut known_words = Vec::with_capacity(order.len());
        let mut known_stems = Vec::with_capacity(order.len());
        let mut known_prefixes = Vec::new();
        let table = WordTable::new(order.iter().enumerate().map(|(i, w)| (&**w, i as u32)));
        for w in &order {
            let (word, roles) = known[w];
            let stem_text = c.analyzer.stem_word(w);
            let stem = c.vocab.stems.get(stem_text.as_str()).copied();
            let at = known_prefixes.len();
            trie.prefix_codes(w, &mut known_prefixes);
            let defining = lists.defining_verbs.iter().any(|v| **v == **w);
            let cues = list_cues(lists)
                .iter()
                .filter(|(set, _)| set.contains(w))
                .fold(defining as u8 * DEFINING_VERB, |cues, (_, cue)| cues | cue);
            known_words.push(Known {
                word: OptId::new(word),
                stem: OptId::new(stem),
                prefixes_at: at as u32,
                prefixes_len: (known_prefixes.len() - at) as u16,
                roles: roles | spelling_roles(c, w),
                flags: trie.links(word, stem, &known_prefixes[at..], &[]) | cues,
            });
            known_stems.push(stem_text.into_boxed_str());
        }
        Index {
            known: table,
            known_words,
            known_stems,
            known_prefixes,
            stems: WordTable::new(c.vocab.stems.iter().map(|(s, &id)| (&**s, id))),
            trie,
            always_used,
            all_of,
            degree_words: WordTable::new(degree.iter().map(|&w| (w, 0))),
            degree_letters,
            memo: ThreadLocal::new(),
        }
    }

    /// Whether `folded` is a degree word of the language, which a phrase
    /// may have between two of its words.
    pub(super) fn is_degree_word(&self, folded: &str) -> bool {
        // Most words differ from all of them in length or first letter.
        let b = folded.as_bytes();
        let letter = b.first().map_or(0, |c| c.wrapping_sub(b'a'));
        b.len() < DEGREE_LENGTHS
            && letter < 32
            && self.degree_letters[b.len()] & (1 << letter) != 0
            && self.degree_words.get(folded).is_some()
    }

    /// The (phrase, part) of each phrase that ends at trie `node`.
    pub(super) fn phrases_at(&self, node: u32) -> &[(u32, u32)] {
        let (a, b) = self.trie.nodes[node as usize].ends;
        &self.trie.ends[a as usize..b as usize]
    }

    /// Marks in `used` the parts some rule can use in an answer where
    /// `counts[part].1` occurrences of each part were found: an all-of rule
    /// with a part that does not occur can use none of its parts.
    pub(super) fn used_parts(&self, counts: &[(u32, u32)], used: &mut Vec<bool>) {
        used.clear();
        used.extend_from_slice(&self.always_used);
        let occurs = |p: u32| counts.get(p as usize).is_some_and(|c| c.1 > 0);
        for parts in &self.all_of {
            if parts.iter().all(|&p| occurs(p)) {
                for &p in parts.iter() {
                    used[p as usize] = true;
                }
            }
        }
    }

    /// Every occurrence of every phrase in the analysed answer, each once,
    /// in order of their first word: one [`NodeMatch`] for the phrases that
    /// end at one trie node. The second number of `counts[part]` goes up by
    /// one for each occurrence of the part.
    pub(super) fn find(
        &self,
        a: &Analysis<'_>,
        found: &mut Vec<NodeMatch>,
        counts: &mut [(u32, u32)],
        stack: &mut Vec<(u32, u32, f32, bool)>,
    ) {
        let t = &self.trie;
        let live = |root: u32| {
            let Node { edges, .. } = t.nodes[root as usize];
            edges.0 != edges.1
        };
        let roots = [live(0), live(1)];
        // Down the trie from each word: (node, next word, similarity, typos).
        stack.clear();
        for start in 0..a.tokens.len() {
            let info = &a.info[start];
            if info.flags & STARTS == 0
                && info.joined_word().is_none()
                && info.joined_stem().is_none()
            {
                continue;
            }
            if a.fuzzy_of(start).is_empty() {
                // Without typo matches a word fills the same slots under both
                // roots: enumerate them once.
                t.steps(a, start, false, |code, next, sim| {
                    let children = t.root_children(code);
                    for root in [0, 1] {
                        if children[root] != NONE {
                            stack.push((children[root], next, sim, root == 1));
                        }
                    }
                });
            } else {
                for root in [0, 1] {
                    if roots[root as usize] {
                        t.steps(a, start, root == 1, |code, next, sim| {
                            if let Some(child) = t.child(root, code) {
                                stack.push((child, next, sim, root == 1));
                            }
                        });
                    }
                }
            }
            while let Some((node, at, similarity, typos)) = stack.pop() {
                let Node { edges, ends } = t.nodes[node as usize];
                if ends.0 != ends.1 {
                    for &(_, part) in &t.ends[ends.0 as usize..ends.1 as usize] {
                        counts[part as usize].1 += 1;
                    }
                    found.push(NodeMatch {
                        node,
                        start: start as u32,
                        end: at,
                        similarity,
                    });
                }
                if edges.0 == edges.1 {
                    continue;
                }
                // The next slot is filled at the next word or, past a degree
                // word ("is *totally* safe"), at the word after it.
                let at = at as usize;
                if !a.continues(start, at) {
                    continue;
                }
                let state = (node, similarity, typos);
                t.continue_at(a, at, state, stack);
                if a.info[at].is_degree_word() && a.continues(start, at + 1) {
                    t.continue_at(a, at + 1, state, stack);
                }
            }
        }
    }

    /// What the vocabulary and the word lists say about one answer word
    /// (`lower`: lowercase, as stemmers take it; `folded`: without marks).
    /// Its typo matches are pushed to `fuzzy`. Joins and negators, which
    /// depend on the neighbouring words, are left to the caller.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    pub(super) fn word_info(
        &self,
        c: &Compiled,
        cache: &mut StemCache,
        memo: &mut WordMemo,
        lower: &str,
        folded: &str,
        fuzzy: &mut Vec<FuzzyHit>,
        prefixes: &mut Vec<u32>,
    ) -> WordInfo {
        let (first_fuzzy, first_prefix) = (fuzzy.len(), prefixes.len());
        // An ASCII word comes as one string for both.
        let plain = std::ptr::eq(lower, folded) || lower == folded;
        let known = self.known.get(folded);
        let (word, stem, roles, flags) = match known {
            Some(i) => {
                let k = &self.known_words[i as usize];
                let at = k.prefixes_at as usize;
                prefixes.extend_from_slice(&self.known_prefixes[at..at + k.prefixes_len as usize]);
                let word = k.word.get();
                let (stem, stem_text) = if plain {
                    (k.stem.get(), &*self.known_stems[i as usize])
                } else {
                    let s = c.analyzer.stem_cached(cache, lower);
                    (self.stems.get(s), s)
                };
                if word.is_none() && stem.is_none() && k.roles & FUNCTION == 0 {
                    self.typos(c, folded, stem_text, fuzzy);
                }
                let flags = if plain && fuzzy.len() == first_fuzzy {
                    k.flags
                } else {
                    k.flags & !(STARTS | CONTINUES)
                        | self.trie.links(
                            word,
                            stem,
                            &prefixes[first_prefix..],
                            &fuzzy[first_fuzzy..],
                        )
                };
                (word, stem, k.roles, flags)
            }
            None => {
                let found = memo.get(lower, |fuzzy, prefixes| {
                    let (f, p) = (fuzzy.len(), prefixes.len());
                    let s = c.analyzer.stem_cached(cache, lower);
                    let stem = self.stems.get(s);
                    self.trie.prefix_codes(folded, prefixes);
                    if stem.is_none() {
                        self.typos(c, folded, s, fuzzy);
                    }
                    let flags = self.trie.links(None, stem, &prefixes[p..], &fuzzy[f..]);
                    (stem, spelling_roles(c, folded), flags)
                });
                fuzzy.extend_from_slice(memo.fuzzy(&found));
                prefixes.extend_from_slice(memo.prefixes(&found));
                (None, found.stem, found.roles, found.flags)
            }
        };
        WordInfo {
            word: OptId::new(word),
            stem: OptId::new(stem),
            joined_word: OptId::default(),
            joined_stem: OptId::default(),
            fuzzy_end: fuzzy.len() as u32,
            prefixes_end: prefixes.len() as u32,
            negator: Negator::No,
            roles,
            marks: self.is_degree_word(folded) as u8 * super::DEGREE_WORD,
            flags,
        }
    }

    /// The rubric words that `folded` (with stem `stem`) may be a
    /// misspelling of, pushed to `fuzzy`.
    fn typos(&self, c: &Compiled, folded: &str, stem: &str, fuzzy: &mut Vec<FuzzyHit>) {
        if !c.fuzzy.is_empty() && folded.len() >= MIN_FUZZY_CHARS - 1 {
            c.fuzzy.lookup(folded, stem, fuzzy);
        }
    }

    /// This thread's memo of the words the rubric does not know.
    pub(super) fn memo(&self) -> &RefCell<WordMemo> {
        self.memo.get_or_default()
    }

    /// The word and stem ids of two words joined across a hyphen.
    pub(super) fn joined(
        &self,
        c: &Compiled,
        cache: &mut StemCache,
        joined: &str,
    ) -> (Option<TermId>, Option<TermId>) {
        match self.known.get(joined) {
            Some(k) => (
                self.known_words[k as usize].word.get(),
                self.known_words[k as usize].stem.get(),
            ),
            None => {
                let stem = c.analyzer.stem_cached(cache, joined);
                (None, self.stems.get(stem))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::source::{self, Format};

    fn compiled(src: &str) -> Compiled {
        crate::compile::compile(source::parse(src, Format::Toml).unwrap(), None).unwrap()
    }

    /// Rubrics with every kind of phrase: the built-in ones and the inline
    /// rubrics of the behaviour cases, with their answers.
    fn corpus() -> (Vec<Compiled>, Vec<String>) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut rubrics: Vec<Compiled> = crate::builtin::SOURCES
            .iter()
            .map(|(_, src)| compiled(src))
            .collect();
        let mut texts: Vec<String> = Vec::new();
        for dir in ["tests/data/cases", "examples/answers", "benches/fixtures"] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
                continue;
            };
            let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
            files.sort();
            for f in files {
                let src = std::fs::read_to_string(&f).unwrap();
                if f.extension().is_some_and(|e| e == "txt") {
                    texts.push(src);
                    continue;
                }
                if f.extension().and_then(|e| e.to_str()) != Some("toml") {
                    continue;
                }
                let value: toml::Value = toml::from_str(&src).unwrap();
                if let Some(r) = value.get("rubric").and_then(|r| r.as_str()) {
                    rubrics.push(compiled(r));
                }
                for list in ["cases", "answers"] {
                    for item in value
                        .get(list)
                        .and_then(|v| v.as_array())
                        .into_iter()
                        .flatten()
                    {
                        for key in ["answer", "text"] {
                            if let Some(t) = item.get(key).and_then(|t| t.as_str()) {
                                texts.push(t.to_string());
                            }
                        }
                    }
                }
            }
        }
        // Variants: typos, hyphens, capitals, accents, no sentence ends.
        let mut more = Vec::new();
        for (i, t) in texts.iter().enumerate() {
            let mut typo: Vec<char> = t.chars().collect();
            let mut k = i * 7 + 3;
            while k + 1 < typo.len() {
                typo.swap(k, k + 1);
                k += 17 + i % 5;
            }
            more.push(typo.into_iter().collect());
            more.push(t.replace(' ', "-"));
            more.push(t.to_uppercase().replace('E', "É"));
            more.push(t.replace(['.', '\n'], " "));
        }
        texts.extend(more);
        (rubrics, texts)
    }

    #[test]
    fn known_words_stay_small() {
        assert!(std::mem::size_of::<Known>() <= 16);
    }

    #[test]
    fn the_trie_finds_what_trying_every_phrase_finds() {
        let (rubrics, texts) = corpus();
        let mut compared = 0;
        for c in &rubrics {
            for t in &texts {
                let a = Analysis::new(c, t);
                let all = a.find_by_triggers(c);
                let order = |o: &Occurrence| (o.part, o.start, o.end, o.phrase);
                let mut found: Vec<Occurrence> = a.found_from(c, 0).collect();
                found.sort_by_key(order);
                assert_eq!(found, all, "{} on {t:?}", c.spec.id);
                // Kept: the occurrences of the parts some rule can use.
                let mut counts = vec![(0, 0); c.parts.len()];
                for o in &all {
                    counts[o.part as usize].1 += 1;
                }
                let mut used = Vec::new();
                index(c).used_parts(&counts, &mut used);
                let kept: Vec<Occurrence> = all
                    .iter()
                    .filter(|o| used[o.part as usize])
                    .copied()
                    .collect();
                assert_eq!(a.occurrences, kept, "{} on {t:?}", c.spec.id);
                compared += all.len();
            }
        }
        assert!(compared > 10_000, "{compared}");
    }

    #[test]
    fn parts_of_an_all_of_rule_are_kept_only_when_all_occur() {
        let c = compiled(
            r#"
id = "kept"
title = "Kept"
question = "q"
[[points]]
id = "both"
label = "both"
[[points.all_of]]
parts = [["alpha"], ["beta"]]
[[points]]
id = "gamma"
label = "gamma"
phrases = ["gamma"]
"#,
        );
        let per_part = |a: &Analysis<'_>| -> Vec<usize> {
            (0..c.parts.len() as u32).map(|p| a.part(p).len()).collect()
        };
        // Parts: alpha, beta, gamma. Found, alpha cannot be used without beta.
        let a = Analysis::new(&c, "alpha and gamma");
        assert_eq!(a.found_from(&c, 0).count(), 2);
        assert_eq!(per_part(&a), [0, 0, 1]);
        let a = Analysis::new(&c, "alpha, beta and gamma, then alpha");
        assert_eq!(per_part(&a), [2, 1, 1]);
    }

    #[test]
    fn a_degree_word_may_stand_between_the_words_of_a_phrase() {
        let c = compiled(
            r#"
id = "degree"
title = "Degree"
question = "q"
[[points]]
id = "safe"
label = "safe"
phrases = ["is safe"]
"#,
        );
        let ends = |text: &str| -> Vec<(u32, u32)> {
            let a = Analysis::new(&c, text);
            a.part(0).iter().map(|o| (o.start, o.end)).collect()
        };
        assert_eq!(ends("it is safe"), [(1, 3)]);
        assert_eq!(ends("it is totally safe"), [(1, 4)]);
        assert_eq!(ends("it is really very safe"), []);
        assert_eq!(ends("it is not safe"), []);
        assert_eq!(ends("it is totally. Safe"), []);
    }

    #[test]
    fn word_info_agrees_with_direct_lookups() {
        let (rubrics, texts) = corpus();
        for c in rubrics.iter().take(16) {
            let lists = &c.analyzer.lists;
            for t in texts.iter().step_by(3) {
                let a = Analysis::new(c, t);
                let tokens = c.analyzer.tokenize(t);
                assert_eq!(tokens.len(), a.tokens.len());
                for i in 0..tokens.len() {
                    let (folded, stem) = (tokens.folded(i), tokens.stem(i));
                    let info = &a.info[i];
                    assert_eq!(a.tokens.folded(i), folded);
                    assert_eq!(info.word(), c.vocab.words.get(folded).copied(), "{folded}");
                    assert_eq!(
                        info.stem(),
                        c.vocab.stems.get(stem).copied(),
                        "{folded} {stem}"
                    );
                    for (set, role) in list_roles(lists) {
                        let dismissal = role == NEGATOR && lists.dismissal_words.contains(folded);
                        assert_eq!(
                            info.roles & role != 0,
                            set.contains(folded) || dismissal,
                            "{folded}"
                        );
                    }
                    let pair_end = c
                        .language()
                        .negating_pairs()
                        .iter()
                        .any(|&(_, b)| b == folded);
                    assert_eq!(info.roles & PAIR_END != 0, pair_end, "{folded}");
                    assert_eq!(
                        info.is_contrast_word(),
                        lists.contrast_words.contains(folded),
                        "{folded}"
                    );
                    assert_eq!(
                        info.is_defining_verb(),
                        lists.defining_verbs.iter().any(|v| v == folded),
                        "{folded}"
                    );
                    assert_eq!(
                        info.is_sameness_word(),
                        lists.sameness_words.contains(folded),
                        "{folded}"
                    );
                    assert_eq!(info.is_reporter(), lists.reporters.contains(folded));
                    assert_eq!(info.is_listener(), lists.listeners.contains(folded));
                    assert_eq!(info.is_term_noun(), lists.term_nouns.contains(folded));
                    let mut fuzzy = Vec::new();
                    if info.word().is_none()
                        && info.stem().is_none()
                        && !lists.function_words.contains(folded)
                        && folded.len() >= MIN_FUZZY_CHARS - 1
                    {
                        c.fuzzy.lookup(folded, stem, &mut fuzzy);
                    }
                    assert_eq!(a.fuzzy_of(i), &fuzzy[..], "{folded}");
                    let trie = &index(c).trie;
                    let starts: Vec<u32> = trie
                        .prefixes
                        .iter()
                        .enumerate()
                        .filter(|(_, p)| matches!(p, Slot::Prefix(p) if folded.starts_with(&**p)))
                        .map(|(k, _)| PREFIX_CODE | k as u32)
                        .collect();
                    let mut found = a.prefixes_of(i).to_vec();
                    found.sort_unstable();
                    assert_eq!(found, starts, "{folded}");
                }
            }
        }
    }
}
