//! Evaluating a key point's rules on an analysed answer.
//!
//! Each rule yields candidate [`Hit`]s: a set of evidence spans, the credit
//! they are worth and, when a negator governs them, that negator. The scorer
//! picks among them. Words already credited to another point are left out
//! before the rules run, so a concept or a k-of-n group can still use other
//! words that say the same thing.

use std::borrow::Cow;
use std::cell::OnceCell;

use smallvec::SmallVec;

use crate::compile::{Compiled, Item, Rule};
use crate::definition::Definition;
use crate::matcher::{Analysis, Occurrence};
use crate::negation::negator_of;
use crate::scorer::KEYWORD_LIST_CREDIT;
use crate::text::normalize::Compatible;

/// Most occurrences of a concept's parts considered together. A concept's
/// parts rarely occur more than a few times each; the cap bounds the window
/// search on hostile answers that repeat a word thousands of times.
const MAX_CONCEPT_OCCURRENCES: usize = 256;
/// Most matches of one regular expression taken as candidates.
const MAX_REGEX_MATCHES: usize = 32;

/// Where a piece of evidence came from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Source {
    /// Alternative `alternative` of part `part`.
    Phrase { part: u32, alternative: u32 },
    /// The rule's regular expression.
    Regex,
}

/// One piece of evidence: words `start..end`, bytes `bytes`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Span {
    pub start: u32,
    pub end: u32,
    pub bytes: (usize, usize),
    pub source: Source,
    pub similarity: f32,
}

/// The spans of one hit: most hits have one or two, kept inline.
pub(crate) type Spans = SmallVec<[Span; 2]>;

/// A candidate match of one rule.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Hit {
    pub rule: usize,
    pub credit: f64,
    pub spans: Spans,
    /// The word that negates this hit.
    pub negated_by: Option<usize>,
}

impl Hit {
    /// The first word of the hit, for ordering.
    pub fn first_word(&self) -> u32 {
        self.spans.iter().map(|s| s.start).min().unwrap_or(0)
    }

    /// The smallest similarity among the hit's spans (1 when exact).
    pub fn similarity(&self) -> f32 {
        self.spans.iter().map(|s| s.similarity).fold(1.0, f32::min)
    }
}

/// The text regular expressions search: the answer's NFKC form, made on
/// first use, with the way back to the answer's offsets (`None` inside: the
/// answer is its own NFKC form).
pub(crate) type RegexText = OnceCell<Option<Compatible>>;

/// The parts of an answer that make hits of one rule differ in worth to a
/// point: its bare fragments, its reported sentences and its definitions
/// (see `scorer::Lists`).
/// `Regions::default()` has none, as for misconceptions, whose hits are
/// worth their credit wherever they lie.
#[derive(Debug, Clone, Default)]
pub(crate) struct Regions<'a> {
    /// Per sentence, whether it is a bare fragment.
    bare: &'a [bool],
    /// Per sentence, whether it reports what others claim.
    reported: &'a [bool],
    /// The answer's definitions, in order.
    definitions: &'a [Definition],
    /// Per definition, the parts that occur in its subject.
    subjects: Vec<SmallVec<[u32; 4]>>,
}

/// Where a hit lies, as far as its worth to a point goes: the hits of one
/// rule in one class are worth the same. `scorer::Lists::mention` tells a
/// [`Class::Subject`] hit stated or defined away from the point's other
/// hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Not only in bare fragments, not the subject of a definition.
    Clause,
    /// Only in bare fragments and reported sentences.
    Bare,
    /// The subject of a definition (its index), not only in bare fragments.
    Subject(usize),
}

impl<'a> Regions<'a> {
    /// The regions of the analysed answer `a`, with its bare sentences, its
    /// reported sentences and its definitions.
    pub fn new(
        c: &Compiled,
        a: &Analysis<'_>,
        bare: &'a [bool],
        reported: &'a [bool],
        definitions: &'a [Definition],
    ) -> Self {
        let mut subjects = vec![SmallVec::new(); definitions.len()];
        // An occurrence lies in the subject of the first definition whose
        // subject ends after its first word, if it lies in any: only the
        // occurrences that start in a subject are looked at.
        for (at, d) in definitions.iter().enumerate() {
            let (first, end) = d.subject;
            for o in a.found_from(c, first).take_while(|o| o.start < end) {
                let parts: &mut SmallVec<[u32; 4]> = &mut subjects[at];
                if o.end <= end
                    && !parts.contains(&o.part)
                    && definitions.partition_point(|d| d.subject.1 <= o.start) == at
                {
                    parts.push(o.part);
                }
            }
        }
        Regions {
            bare,
            reported,
            definitions,
            subjects,
        }
    }

    /// Whether sentence `s` is a bare fragment or reports what others claim.
    fn named(&self, s: usize) -> bool {
        self.bare.get(s) == Some(&true) || self.reported.get(s) == Some(&true)
    }

    /// Per definition, whether a hit of `item` may lie in its subject: one
    /// of the item's parts occurs there, or the item has a regular
    /// expression.
    fn open_for(&self, item: &Item) -> SmallVec<[bool; 8]> {
        if self.definitions.is_empty() {
            return SmallVec::new();
        }
        let mut open = SmallVec::from_elem(false, self.definitions.len());
        for rule in &item.rules {
            let parts = match rule {
                Rule::Any { part, .. } => std::slice::from_ref(part),
                Rule::AllOf { parts, .. } => parts,
                Rule::KOfN { items, .. } => items,
                Rule::Regex { .. } => {
                    open.fill(true);
                    break;
                }
            };
            for (open, subject) in open.iter_mut().zip(&self.subjects) {
                *open |= parts.iter().any(|p| subject.contains(p));
            }
        }
        open
    }

    /// The class of a hit with these spans (word ranges): only in bare
    /// fragments or reported sentences, the subject of a definition, or in
    /// a clause.
    pub fn class(
        &self,
        a: &Analysis<'_>,
        mut spans: impl Iterator<Item = (u32, u32)> + Clone,
    ) -> Class {
        let toks = &a.tokens.tokens;
        let bare = spans.clone().all(|(start, _)| {
            toks.get(start as usize)
                .is_some_and(|t| self.named(t.sentence as usize))
        });
        if bare {
            return Class::Bare;
        }
        let Some(first) = spans.clone().map(|(start, _)| start).min() else {
            return Class::Clause;
        };
        let at = self.definitions.partition_point(|d| d.subject.1 <= first);
        match self.definitions.get(at) {
            Some(d) if spans.all(|(start, end)| d.holds_subject(a, start, end)) => {
                Class::Subject(at)
            }
            _ => Class::Clause,
        }
    }
}

/// What the hits of an item found so far tell of those still to come.
struct Found {
    /// Per definition, whether a hit of the item may lie in its subject
    /// ([`Regions::open_for`]): what [`Found::look`] opens with.
    subjects: SmallVec<[bool; 8]>,
    /// The best hit not negated whose worth to a point is known (credit as
    /// the point counts it, similarity, first word).
    top: Option<(f64, f32, u32)>,
    /// Whether a hit is not negated: a negated hit is then never chosen for
    /// want of one.
    affirmed: bool,
    /// Whether a hit not negated is stated in a clause: the point is then
    /// stated, and negated hits no longer matter.
    stated: bool,
    /// Per definition, whether a hit may lie in its subject while no span
    /// of a hit not negated starts in its body: whether such a hit is
    /// stated or defined away is still open (`None` until [`Found::look`]).
    open: Option<SmallVec<[bool; 8]>>,
    /// The end of the last body of an open definition (0 if none, the
    /// largest word until [`Found::look`]).
    open_until: u32,
}

impl Found {
    /// What an item's hits tell before any is found: `subjects` per
    /// definition, whether a hit of the item may lie in its subject.
    fn new(subjects: SmallVec<[bool; 8]>) -> Self {
        Found {
            subjects,
            top: None,
            affirmed: false,
            stated: false,
            open: None,
            open_until: u32::MAX,
        }
    }

    /// Works out which definitions are open, before the first hit is
    /// looked at (most items have none).
    fn look(&mut self, regions: &Regions<'_>) {
        if self.open.is_none() {
            self.open = Some(std::mem::take(&mut self.subjects));
            self.open_until = self.until(regions);
        }
    }

    fn until(&self, regions: &Regions<'_>) -> u32 {
        regions
            .definitions
            .iter()
            .zip(self.open.iter().flatten())
            .filter(|&(_, &open)| open)
            .map(|(d, _)| d.body.1)
            .max()
            .unwrap_or(0)
    }

    /// Whether a hit worth at most `credit`, of this similarity and first
    /// word, cannot be the best hit not negated: one as good and earlier
    /// is known.
    fn beaten(&self, credit: f64, similarity: f32, first: u32) -> bool {
        self.top.is_some_and(|(t, s, f)| {
            !(credit > t || credit == t && (similarity > s || similarity == s && first < f))
        })
    }

    /// The first word from which no hit of a rule worth `most` can matter.
    fn stop(&self, most: f64) -> u32 {
        if !self.stated {
            return u32::MAX;
        }
        let beaten_from = match self.top {
            Some((t, _, _)) if most < t => 0,
            Some((t, s, f)) if most == t && s >= 1.0 => f,
            _ => u32::MAX,
        };
        beaten_from.max(self.open_until)
    }

    /// Whether a span starting at one of `starts` would start in the body
    /// of an open definition.
    fn would_settle(&self, regions: &Regions<'_>, mut starts: impl Iterator<Item = u32>) -> bool {
        self.open_until > 0
            && starts.any(|w| {
                regions
                    .definitions
                    .iter()
                    .zip(self.open.iter().flatten())
                    .any(|(d, &open)| open && d.defines_with(w))
            })
    }

    /// Takes note of `hit`, not negated, of class `class`: whether it
    /// settles a definition that was open.
    fn note(&mut self, regions: &Regions<'_>, hit: &Hit, class: Class) -> bool {
        self.look(regions);
        let mut settles = false;
        if self.open_until > 0 {
            for (d, open) in regions
                .definitions
                .iter()
                .zip(self.open.iter_mut().flatten())
            {
                if *open && hit.spans.iter().any(|span| d.defines_with(span.start)) {
                    *open = false;
                    settles = true;
                }
            }
            if settles {
                self.open_until = self.until(regions);
            }
        }
        self.affirmed = true;
        // A hit in a subject settled by another hit is stated.
        let worth = match class {
            Class::Clause => Some(hit.credit),
            Class::Bare => Some(hit.credit * KEYWORD_LIST_CREDIT),
            Class::Subject(d) if self.open.as_ref().is_some_and(|open| !open[d]) => {
                Some(hit.credit)
            }
            Class::Subject(_) => None,
        };
        if let Some(credit) = worth {
            self.stated |= class != Class::Bare;
            let (similarity, first) = (hit.similarity(), hit.first_word());
            if !self.beaten(credit, similarity, first) {
                self.top = Some((credit, similarity, first));
            }
        }
        settles
    }
}

/// Which hits of one phrase or concept rule can matter (see
/// [`candidates`]): they are added to the item's hits as they are found,
/// from `first` on, and those that stop mattering are taken out at the end.
struct Picks {
    /// The index of the rule's first hit.
    first: usize,
    /// Per hit of the rule, whether it stays whatever comes after it.
    stays: SmallVec<[bool; 4]>,
    /// Per class, the index of its best hit not negated.
    best: SmallVec<[(Class, usize); 2]>,
    /// The classes that have a negated hit.
    negated: SmallVec<[Class; 2]>,
}

impl Picks {
    fn new(hits: &[Hit]) -> Self {
        Picks {
            first: hits.len(),
            stays: SmallVec::new(),
            best: SmallVec::new(),
            negated: SmallVec::new(),
        }
    }

    /// Whether a hit of `class` of a rule worth `most` could be the best
    /// hit not negated.
    fn could_be_best(
        &self,
        hits: &[Hit],
        found: &Found,
        class: Class,
        most: f64,
        (similarity, first): (f32, u32),
    ) -> bool {
        let worth = if class == Class::Bare {
            most * KEYWORD_LIST_CREDIT
        } else {
            most
        };
        !found.beaten(worth, similarity, first)
            && !self
                .best
                .iter()
                .find(|(c, _)| *c == class)
                .is_some_and(|&(_, i)| hits[i].similarity() >= similarity)
    }

    /// The class of a hit with these spans, similarity and first word, if
    /// the hit can matter: if it could be the best hit not negated, or,
    /// while the point is not known to be stated, it could state the point
    /// or be the first negated hit of its class, or it could support a
    /// definition.
    #[allow(clippy::too_many_arguments)]
    fn wanted(
        &self,
        hits: &[Hit],
        found: &mut Found,
        regions: &Regions<'_>,
        a: &Analysis<'_>,
        most: f64,
        key: (f32, u32),
        spans: impl Iterator<Item = (u32, u32)> + Clone,
    ) -> Option<Class> {
        if found.stated && found.open_until == 0 && found.beaten(most, key.0, key.1) {
            return None;
        }
        found.look(regions);
        let class = regions.class(a, spans.clone());
        let wanted = self.could_be_best(hits, found, class, most, key)
            || !found.stated && class != Class::Bare
            || !found.affirmed && !self.negated.contains(&class)
            || found.would_settle(regions, spans.map(|(start, _)| start));
        wanted.then_some(class)
    }

    /// Adds `hit`, of class `class`, to `hits` if it can matter.
    fn add(
        &mut self,
        hits: &mut Vec<Hit>,
        found: &mut Found,
        regions: &Regions<'_>,
        (hit, class): (Hit, Class),
        most: f64,
    ) {
        if hit.negated_by.is_some() {
            let wanted = !found.stated && class != Class::Bare || !found.affirmed;
            if wanted && !self.negated.contains(&class) {
                self.negated.push(class);
                self.stays.push(true);
                hits.push(hit);
            }
            return;
        }
        let key = (hit.similarity(), hit.first_word());
        let best = self.could_be_best(hits, found, class, most, key);
        let stating = !found.stated && class != Class::Bare;
        let settles = found.note(regions, &hit, class);
        if !(best || stating || settles) {
            return;
        }
        if best {
            let i = hits.len();
            match self.best.iter_mut().find(|(c, _)| *c == class) {
                Some(slot) => slot.1 = i,
                None => self.best.push((class, i)),
            }
        }
        self.stays.push(stating || settles);
        hits.push(hit);
    }

    /// Takes out of `hits` the rule's hits that no longer matter: best hits
    /// of their class that a later one beat.
    fn finish(&self, hits: &mut Vec<Hit>) {
        let keep = |i: usize| {
            i < self.first || self.stays[i - self.first] || self.best.iter().any(|&(_, b)| b == i)
        };
        if (self.first..hits.len()).all(keep) {
            return;
        }
        let mut i = 0;
        hits.retain(|_| {
            i += 1;
            keep(i - 1)
        });
    }
}

/// Every candidate hit of `item`'s rules, leaving out occurrences that touch
/// a word marked in `claimed`, in `hits` (cleared first). `claimed` has a
/// flag per word, or is empty when no word is claimed.
///
/// With `fewest`, only the hits that can matter to the item's judgement
/// are kept, the bare fragments and definitions of `fewest` telling where
/// hits of one rule differ in worth (see `scorer::judge_point`). Per phrase
/// or concept rule and per [`Class`] of hit: the best hit not negated (most
/// similar, then earliest), unless an earlier hit already beats it, and the
/// first negated one; until the point is known to be stated in a clause,
/// every hit not negated that could state it; and a hit not negated with a
/// span in each definition's body, whose subject it then states. Once the
/// point is stated, negated hits are left out. The choices among these hits
/// are then the same as among all hits. Both kinds of rule find their hits
/// in order of their first word, so the search stops once no later hit can
/// matter: past the bodies of definitions with no such hit, and past the
/// best hit so far, an exact one of a rule worth as much. A rule worth less
/// than that hit is not tried at all. An item with a part in the subject
/// of a definition gets every hit: a term defined with none of its point is
/// defined so wherever it stands (see `scorer::judge_point`), which only
/// all of the term's hits tell.
pub(crate) fn candidates(
    c: &Compiled,
    a: &Analysis<'_>,
    item: &Item,
    claimed: &[bool],
    fewest: Option<&Regions<'_>>,
    regex_text: &RegexText,
    hits: &mut Vec<Hit>,
) {
    hits.clear();
    // Most items are absent from an answer: none of their rules can hit.
    if !could_hit(a, item) {
        return;
    }
    let subjects = fewest.map(|r| r.open_for(item));
    let fewest = fewest.filter(|_| !subjects.as_ref().is_some_and(|s| s.contains(&true)));
    let mut found = fewest.and(subjects).map(Found::new);
    for (r, rule) in item.rules.iter().enumerate() {
        let most = match rule {
            Rule::Any { credit, .. }
            | Rule::AllOf { credit, .. }
            | Rule::KOfN { credit, .. }
            | Rule::Regex { credit, .. } => *credit,
        };
        if found.as_ref().is_some_and(|f| f.stop(most) == 0) {
            continue;
        }
        let seen = hits.len();
        match rule {
            Rule::Any { part, credit, .. } => {
                let hit = |span: Span, negated_by| Hit {
                    rule: r,
                    credit: *credit,
                    negated_by,
                    spans: Spans::from_elem(span, 1),
                };
                let (Some(regions), Some(found)) = (fewest, found.as_mut()) else {
                    for o in free(a, *part, claimed) {
                        let span = span_of(c, a, o);
                        hits.push(hit(span, negated(c, a, item, &span)));
                    }
                    continue;
                };
                let mut picks = Picks::new(hits);
                for o in free(a, *part, claimed) {
                    if o.start >= found.stop(most) {
                        break;
                    }
                    let key = (f32::min(1.0, o.similarity), o.start);
                    let spans = std::iter::once((o.start, o.end));
                    let Some(class) = picks.wanted(hits, found, regions, a, most, key, spans)
                    else {
                        continue;
                    };
                    let span = span_of(c, a, o);
                    let h = hit(span, negated(c, a, item, &span));
                    picks.add(hits, found, regions, (h, class), most);
                }
                picks.finish(hits);
                continue;
            }
            Rule::AllOf {
                parts,
                ordered,
                within,
                same_sentence,
                credit,
                claim,
            } => {
                // Most concepts are absent: look before collecting.
                if parts.iter().any(|&p| free(a, p, claimed).next().is_none()) {
                    continue;
                }
                let lists: SmallVec<[Cow<[Occurrence]>; 4]> =
                    parts.iter().map(|&p| free_list(a, p, claimed)).collect();
                let split = |lo: u32, hi: u32| {
                    *claim && (lo..hi).any(|k| a.info[k as usize].is_contrast_word())
                };
                let mut picks = Picks::new(hits);
                let bounds = Bounds {
                    ordered: *ordered,
                    within: *within,
                    same_sentence: *same_sentence,
                    before: found.as_ref().map_or(u32::MAX, |f| f.stop(most)),
                };
                concept_windows(a, &lists, bounds, |combo| {
                    let lo = combo.iter().map(|o| o.start).min().unwrap_or(0);
                    let mut class = Class::Clause;
                    if let (Some(regions), Some(found)) = (fewest, found.as_mut()) {
                        if lo >= found.stop(most) {
                            return false;
                        }
                        let similarity = combo.iter().map(|o| o.similarity).fold(1.0, f32::min);
                        let spans = combo.iter().map(|o| (o.start, o.end));
                        match picks.wanted(hits, found, regions, a, most, (similarity, lo), spans) {
                            Some(wanted) => class = wanted,
                            None => return true,
                        }
                    }
                    let hi = combo.iter().map(|o| o.end).max().unwrap_or(0);
                    if split(lo, hi) {
                        return true;
                    }
                    let spans: Spans = combo.iter().map(|o| span_of(c, a, o)).collect();
                    let own: SmallVec<[(u32, u32); 4]> =
                        spans.iter().map(|s| (s.start, s.end)).collect();
                    let negated_by = spans
                        .iter()
                        .find_map(|s| negated_within(c, a, item, s, &own));
                    let hit = Hit {
                        rule: r,
                        credit: *credit,
                        spans,
                        negated_by,
                    };
                    match (fewest, found.as_mut()) {
                        (Some(regions), Some(found)) => {
                            picks.add(hits, found, regions, (hit, class), most)
                        }
                        _ => hits.push(hit),
                    }
                    true
                });
                if fewest.is_some() {
                    picks.finish(hits);
                }
                continue;
            }
            Rule::KOfN { k, items, credit } => {
                hits.extend(k_of_n(c, a, item, r, *k, items, *credit, claimed));
            }
            Rule::Regex { regex, credit, .. } => {
                // Regexes see the NFKC form, as phrases do ("３０４" is 304).
                let compatible = regex_text.get_or_init(|| Compatible::of(a.text)).as_ref();
                let haystack = compatible.map_or(a.text, |c| c.text.as_str());
                for m in regex
                    .find_iter(haystack)
                    .filter(|m| !m.is_empty())
                    .take(MAX_REGEX_MATCHES)
                {
                    let bytes =
                        compatible.map_or((m.start(), m.end()), |c| c.original(m.start(), m.end()));
                    let (start, end) = words_in(a, bytes.0, bytes.1);
                    if touches(claimed, start, end) {
                        continue;
                    }
                    let span = Span {
                        start,
                        end,
                        bytes,
                        source: Source::Regex,
                        similarity: 1.0,
                    };
                    hits.push(Hit {
                        rule: r,
                        credit: *credit,
                        negated_by: negated(c, a, item, &span),
                        spans: Spans::from_elem(span, 1),
                    });
                }
            }
        }
        if let (Some(regions), Some(found)) = (fewest, found.as_mut()) {
            for h in hits[seen..].iter().filter(|h| h.negated_by.is_none()) {
                let class = regions.class(a, h.spans.iter().map(|s| (s.start, s.end)));
                found.note(regions, h, class);
            }
        }
    }
    if found.is_some_and(|f| f.stated) {
        hits.retain(|h| h.negated_by.is_none());
    }
}

/// Whether a rule of `item` could have a hit in the analysed answer: a
/// phrase rule whose part occurs, a concept whose parts all occur, a k-of-n
/// group with an item that occurs, or a regular expression.
fn could_hit(a: &Analysis<'_>, item: &Item) -> bool {
    item.rules.iter().any(|rule| match rule {
        Rule::Any { part, .. } => !a.part(*part).is_empty(),
        Rule::AllOf { parts, .. } => parts.iter().all(|&p| !a.part(p).is_empty()),
        Rule::KOfN { items, .. } => items.iter().any(|&p| !a.part(p).is_empty()),
        Rule::Regex { .. } => true,
    })
}

/// Whether words `start..end` hold a word marked in `claimed` (empty when
/// none is marked).
fn touches(claimed: &[bool], start: u32, end: u32) -> bool {
    !claimed.is_empty() && (start..end).any(|w| claimed[w as usize])
}

fn free<'a>(
    a: &'a Analysis<'_>,
    part: u32,
    claimed: &'a [bool],
) -> impl Iterator<Item = &'a Occurrence> {
    a.part(part)
        .iter()
        .filter(move |o| !touches(claimed, o.start, o.end))
}

/// The occurrences of `part` that touch no word marked in `claimed`: all
/// of them, borrowed, when none does.
fn free_list<'a>(a: &'a Analysis<'_>, part: u32, claimed: &[bool]) -> Cow<'a, [Occurrence]> {
    let all = a.part(part);
    let is_free = |o: &Occurrence| !touches(claimed, o.start, o.end);
    if claimed.is_empty() || all.iter().all(is_free) {
        Cow::Borrowed(all)
    } else {
        Cow::Owned(all.iter().copied().filter(is_free).collect())
    }
}

fn span_of(c: &Compiled, a: &Analysis<'_>, o: &Occurrence) -> Span {
    let phrase = &c.phrases[o.phrase as usize];
    let toks = &a.tokens.tokens;
    Span {
        start: o.start,
        end: o.end,
        bytes: (
            toks[o.start as usize].start as usize,
            toks[o.end as usize - 1].end as usize,
        ),
        source: Source::Phrase {
            part: phrase.part,
            alternative: phrase.alternative,
        },
        similarity: o.similarity,
    }
}

fn negated(c: &Compiled, a: &Analysis<'_>, item: &Item, span: &Span) -> Option<usize> {
    negated_within(c, a, item, span, &[])
}

/// Whether `span` is negated by a word outside `own`, the spans of its hit.
fn negated_within(
    c: &Compiled,
    a: &Analysis<'_>,
    item: &Item,
    span: &Span,
    own: &[(u32, u32)],
) -> Option<usize> {
    if !item.negation {
        return None;
    }
    negator_of(
        a,
        &c.analyzer.lists,
        span.start as usize,
        span.end as usize,
        own,
    )
}

/// The words a byte range covers: from the first word ending after `start`
/// to the last word starting before `end`.
fn words_in(a: &Analysis<'_>, start: usize, end: usize) -> (u32, u32) {
    let toks = &a.tokens.tokens;
    let first = toks.partition_point(|t| t.end as usize <= start);
    let last = toks.partition_point(|t| (t.start as usize) < end);
    (first as u32, last.max(first) as u32)
}

/// What windows of a concept [`concept_windows`] looks for.
#[derive(Debug, Clone, Copy)]
struct Bounds {
    ordered: bool,
    within: Option<usize>,
    same_sentence: bool,
    /// Only windows whose first word is before this one.
    before: u32,
}

/// Windows of the answer where every part of a concept occurs, one
/// occurrence per part, respecting order, distance and sentence bounds,
/// each passed to `found`, in order of their first word, until `found`
/// returns false. For each occurrence of the first part (ordered) or each
/// leftmost occurrence (unordered), the tightest window is kept.
fn concept_windows<'o, L: AsRef<[Occurrence]>>(
    a: &Analysis<'_>,
    lists: &'o [L],
    bounds: Bounds,
    mut found: impl FnMut(&[&'o Occurrence]) -> bool,
) {
    let Bounds {
        ordered,
        within,
        same_sentence,
        before,
    } = bounds;
    if lists.iter().any(|l| l.as_ref().is_empty()) {
        return;
    }
    let sentence = |o: &Occurrence| a.tokens.tokens[o.start as usize].sentence;
    let fits = |combo: &[&Occurrence]| {
        let lo = combo.iter().map(|o| o.start).min().unwrap_or(0);
        let hi = combo.iter().map(|o| o.end).max().unwrap_or(0);
        let overlapping = combo.iter().enumerate().any(|(i, x)| {
            combo[i + 1..]
                .iter()
                .any(|y| x.start < y.end && y.start < x.end)
        });
        !overlapping
            && within.is_none_or(|w| (hi - lo) as usize <= w)
            && (!same_sentence || combo.iter().all(|o| sentence(o) == sentence(combo[0])))
    };
    // Whether `o` may join a window that starts at `first`: a window
    // wider than `within` or across sentences does not fit.
    let reaches = |first: &Occurrence, o: &Occurrence| {
        within.is_none_or(|w| (o.end - first.start) as usize <= w)
            && (!same_sentence || sentence(o) == sentence(first))
    };
    let mut combo: SmallVec<[&Occurrence; 4]> = SmallVec::new();
    if ordered {
        for first in lists[0].as_ref().iter().take(MAX_CONCEPT_OCCURRENCES) {
            if first.start >= before {
                return;
            }
            combo.clear();
            combo.push(first);
            let mut at = first.end;
            for list in &lists[1..] {
                match list.as_ref().iter().find(|o| o.start >= at) {
                    Some(o) if reaches(first, o) => {
                        at = o.end;
                        combo.push(o);
                    }
                    _ => break,
                }
            }
            if combo.len() == lists.len() && fits(&combo) && !found(&combo) {
                return;
            }
        }
        return;
    }
    // Unordered: anchor on every occurrence; for each other part take the
    // occurrence nearest to the anchor that starts at or after it.
    // Per part, its first occurrence that starts at or after the anchor:
    // anchors come in order, so it only moves on.
    let mut from: SmallVec<[usize; 4]> = SmallVec::from_elem(0, lists.len());
    for (part, anchor) in anchors(lists).take(MAX_CONCEPT_OCCURRENCES) {
        if anchor.start >= before {
            return;
        }
        combo.clear();
        let complete = lists
            .iter()
            .zip(&mut from)
            .enumerate()
            .all(|(i, (list, from))| {
                if i == part {
                    combo.push(anchor);
                    return true;
                }
                let list = list.as_ref();
                while *from < list.len() && list[*from].start < anchor.start {
                    *from += 1;
                }
                match list[*from..].iter().find(|o| !overlaps(o, anchor)) {
                    Some(o) if reaches(anchor, o) => {
                        combo.push(o);
                        true
                    }
                    _ => false,
                }
            });
        if complete && fits(&combo) && !found(&combo) {
            return;
        }
    }
}

/// The occurrences of all `lists` (each in answer order) with the index of
/// their list, in order of (first word, end word); on a tie, in list order.
/// The order of a stable sort of all lists one after the other, by merging.
fn anchors<'o, L: AsRef<[Occurrence]>>(
    lists: &'o [L],
) -> impl Iterator<Item = (usize, &'o Occurrence)> + 'o {
    let mut next: SmallVec<[usize; 4]> = SmallVec::from_elem(0, lists.len());
    std::iter::from_fn(move || {
        let mut pick: Option<(usize, &'o Occurrence)> = None;
        for (i, list) in lists.iter().enumerate() {
            if let Some(o) = list.as_ref().get(next[i]) {
                if pick.is_none_or(|(_, p)| (o.start, o.end) < (p.start, p.end)) {
                    pick = Some((i, o));
                }
            }
        }
        if let Some((i, _)) = pick {
            next[i] += 1;
        }
        pick
    })
}

fn overlaps(x: &Occurrence, y: &Occurrence) -> bool {
    x.start < y.end && y.start < x.end
}

/// The hit of a k-of-n group: one occurrence per item, items never sharing
/// words. Items with the fewest occurrences choose first, so that "pool"
/// does not take the word that "connection pool" needs when another "pool"
/// is free. Non-negated items count towards k; when none is found but some
/// are negated, the hit is a negated one.
#[allow(clippy::too_many_arguments)]
fn k_of_n(
    c: &Compiled,
    a: &Analysis<'_>,
    item: &Item,
    rule: usize,
    k: usize,
    items: &[u32],
    credit: f64,
    claimed: &[bool],
) -> Option<Hit> {
    let mut order: SmallVec<[(usize, u32); 8]> = items
        .iter()
        .map(|&part| (free(a, part, claimed).count(), part))
        .filter(|&(n, _)| n > 0)
        .collect();
    if order.is_empty() {
        return None;
    }
    // A stable sort: items with equal counts keep the rubric's order.
    order.sort_by_key(|&(n, _)| n);
    let mut used: SmallVec<[(u32, u32); 8]> = SmallVec::new();
    let mut spans = Spans::new();
    let mut negated_spans = Spans::new();
    let mut negator = None;
    for (_, part) in order {
        let mut candidates = free(a, part, claimed)
            .filter(|o| !used.iter().any(|&(s, e)| o.start < e && s < o.end))
            .map(|o| span_of(c, a, o))
            .peekable();
        let mut first_negated = None;
        let mut chosen = None;
        for span in candidates.by_ref() {
            match negated(c, a, item, &span) {
                None => {
                    chosen = Some(span);
                    break;
                }
                Some(n) if first_negated.is_none() => first_negated = Some((span, n)),
                Some(_) => {}
            }
        }
        if let Some(span) = chosen {
            used.push((span.start, span.end));
            spans.push(span);
        } else if let Some((span, n)) = first_negated {
            negator.get_or_insert(n);
            negated_spans.push(span);
        }
    }
    spans.sort_by_key(|s: &Span| s.start);
    negated_spans.sort_by_key(|s: &Span| s.start);
    let share = |found: usize| credit * found.min(k) as f64 / k as f64;
    if !spans.is_empty() {
        Some(Hit {
            rule,
            credit: share(spans.len()),
            spans,
            negated_by: None,
        })
    } else if !negated_spans.is_empty() {
        Some(Hit {
            rule,
            credit: share(negated_spans.len()),
            spans: negated_spans,
            negated_by: negator,
        })
    } else {
        None
    }
}
