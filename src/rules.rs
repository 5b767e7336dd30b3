//! Evaluating a key point's rules on an analysed answer.
//!
//! Each rule yields candidate [`Hit`]s: a set of evidence spans, the credit
//! they are worth and, when a negator governs them, that negator. The scorer
//! picks among them. Words already credited to another point are left out
//! before the rules run, so a concept or a k-of-n group can still use other
//! words that say the same thing.

use std::cell::OnceCell;

use smallvec::SmallVec;

use crate::compile::{Compiled, Item, Rule};
use crate::matcher::{Analysis, Occurrence};
use crate::negation::negator_of;
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

/// Every candidate hit of `item`'s rules, leaving out occurrences that touch
/// a word marked in `claimed`, in `hits` (cleared first).
///
/// With `fewest`, a phrase or concept rule yields only the hits that can
/// matter when every hit of a rule is worth the same: its best one that is
/// not negated (most similar, then earliest) or else its first negated one.
/// The choice among them is then the same as among all hits. Both kinds of
/// rule find their hits in order of their first word, so the search stops
/// at the first exact hit that is not negated. Once an earlier rule has a
/// hit that is not negated, a rule worth less is not tried at all (only the
/// best hit not negated is then chosen, see `scorer::best`), and one worth
/// the same, when that hit is exact, only up to that hit's first word.
pub(crate) fn candidates(
    c: &Compiled,
    a: &Analysis<'_>,
    item: &Item,
    claimed: &[bool],
    fewest: bool,
    regex_text: &RegexText,
    hits: &mut Vec<Hit>,
) {
    hits.clear();
    // With `fewest`: the best hit not negated so far (credit, similarity,
    // first word), and how many hits it has seen.
    let mut top: Option<(f64, f32, u32)> = None;
    let mut seen = 0;
    for (r, rule) in item.rules.iter().enumerate() {
        if fewest {
            for h in &hits[seen..] {
                let key = (h.credit, h.similarity(), h.first_word());
                let better = |t: (f64, f32, u32)| {
                    key.0 > t.0 || key.0 == t.0 && (key.1 > t.1 || key.1 == t.1 && key.2 < t.2)
                };
                if h.negated_by.is_none() && top.is_none_or(better) {
                    top = Some(key);
                }
            }
            seen = hits.len();
        }
        let most = match rule {
            Rule::Any { credit, .. }
            | Rule::AllOf { credit, .. }
            | Rule::KOfN { credit, .. }
            | Rule::Regex { credit, .. } => *credit,
        };
        if fewest && top.is_some_and(|t| most < t.0) {
            continue;
        }
        // Hits must start before this word to beat the best so far.
        let before = match top {
            Some((credit, similarity, first)) if fewest && most == credit && similarity >= 1.0 => {
                first
            }
            _ => u32::MAX,
        };
        match rule {
            Rule::Any { part, credit, .. } => {
                let hit = |span: Span, negated_by| Hit {
                    rule: r,
                    credit: *credit,
                    negated_by,
                    spans: Spans::from_elem(span, 1),
                };
                if !fewest {
                    for o in free(a, *part, claimed) {
                        let span = span_of(c, a, o);
                        hits.push(hit(span, negated(c, a, item, &span)));
                    }
                    continue;
                }
                let (mut best, mut first_negated): (Option<Span>, Option<(Span, usize)>) =
                    (None, None);
                for o in free(a, *part, claimed) {
                    if o.start >= before {
                        break;
                    }
                    if best.is_some_and(|b| b.similarity >= o.similarity) {
                        continue;
                    }
                    let span = span_of(c, a, o);
                    match negated(c, a, item, &span) {
                        None => best = Some(span),
                        Some(n) => {
                            first_negated.get_or_insert((span, n));
                        }
                    }
                    if best.is_some_and(|b| b.similarity >= 1.0) {
                        break;
                    }
                }
                match (best, first_negated) {
                    (Some(span), _) => hits.push(hit(span, None)),
                    (None, Some((span, n))) => hits.push(hit(span, Some(n))),
                    (None, None) => {}
                }
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
                let lists: SmallVec<[SmallVec<[&Occurrence; 8]>; 4]> = parts
                    .iter()
                    .map(|&p| free(a, p, claimed).collect())
                    .collect();
                let split = |lo: u32, hi: u32| {
                    *claim && (lo..hi).any(|k| a.info[k as usize].is_contrast_word())
                };
                // With `fewest`: the best hit not negated, the first negated.
                let (mut best, mut first_negated): (Option<Hit>, Option<Hit>) = (None, None);
                let bounds = Bounds {
                    ordered: *ordered,
                    within: *within,
                    same_sentence: *same_sentence,
                    before,
                };
                concept_windows(a, &lists, bounds, |combo| {
                    if fewest {
                        // Later windows start no earlier: only a more
                        // similar one can be better.
                        let similarity = combo.iter().map(|o| o.similarity).fold(1.0, f32::min);
                        if best.as_ref().is_some_and(|b| b.similarity() >= similarity) {
                            return true;
                        }
                    }
                    let lo = combo.iter().map(|o| o.start).min().unwrap_or(0);
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
                    if !fewest {
                        hits.push(hit);
                        return true;
                    }
                    if hit.negated_by.is_none() {
                        best = Some(hit);
                    } else if first_negated.is_none() {
                        first_negated = Some(hit);
                    }
                    !best.as_ref().is_some_and(|b| b.similarity() >= 1.0)
                });
                hits.extend(best.or(first_negated));
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
                    if (start..end).any(|w| claimed[w as usize]) {
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
    }
}

fn free<'a>(
    a: &'a Analysis<'_>,
    part: u32,
    claimed: &'a [bool],
) -> impl Iterator<Item = &'a Occurrence> {
    a.part(part)
        .iter()
        .filter(move |o| !(o.start..o.end).any(|w| claimed[w as usize]))
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
fn concept_windows<'o, L: AsRef<[&'o Occurrence]>>(
    a: &Analysis<'_>,
    lists: &[L],
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
            combo.push(*first);
            let mut at = first.end;
            for list in &lists[1..] {
                match list.as_ref().iter().find(|o| o.start >= at) {
                    Some(o) if reaches(first, o) => {
                        at = o.end;
                        combo.push(*o);
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
    let mut anchors: SmallVec<[(usize, &Occurrence); 16]> = lists
        .iter()
        .enumerate()
        .flat_map(|(i, l)| l.as_ref().iter().map(move |o| (i, *o)))
        .collect();
    anchors.sort_by_key(|(_, o)| (o.start, o.end));
    anchors.truncate(MAX_CONCEPT_OCCURRENCES);
    // Per part, its first occurrence that starts at or after the anchor:
    // anchors come in order, so it only moves on.
    let mut from: SmallVec<[usize; 4]> = SmallVec::from_elem(0, lists.len());
    for &(part, anchor) in &anchors {
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
                        combo.push(*o);
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
