//! From rule hits to a scored [`Report`].
//!
//! The rules, in order:
//! 1. Misconceptions are found independently of the points. A wrong claim
//!    that is denied ("an index does *not* make writes faster") costs
//!    nothing. A misconception that is found voids the points it names in
//!    `voids`: they are *contradicted* and earn nothing.
//! 2. Points claim answer words heaviest first (file order breaks ties). A
//!    point takes its best hit that is not negated: highest credit, then
//!    fewest typos, then earliest. Its words are then claimed: no other point
//!    can be credited for the same words, so one phrase never counts twice.
//! 3. Mentions are not explanations. A sentence (or line) is a bare fragment
//!    when fewer than [`LIST_SENTENCE_SHARE`] of its words are function
//!    words, it has several comma-separated items (or is a lone term of one
//!    or two words, as in a heading or bullet) and none of the items is
//!    longer than [`LIST_ITEM_WORDS`] words: "Caching, Redis, TTL,
//!    write-through" is one, while "Common vulnerabilities include XSS, SQL
//!    injection and CSRF" is not, because the list hangs on a clause that
//!    says what it is. A hit that lies only in bare fragments earns
//!    [`KEYWORD_LIST_CREDIT`] of its credit, unless the point is also stated
//!    in a clause. Likewise, when more than [`STUFFED_SHARE`] of a long
//!    enough answer's words are the evidence of credited points, the answer
//!    strings key phrases together without explaining them, and every credit
//!    is scaled by [`KEYWORD_LIST_CREDIT`]. A term that a clause defines
//!    ("load balancing *means* ...", "a B-tree, *which is* ...") is named,
//!    not stated, when no other word of the same point stands in its
//!    definition: the hit earns [`DEFINED_AWAY_CREDIT`] of its credit, and
//!    the report quotes the definition. When that definition holds the
//!    credited evidence of another point instead ("horizontal scaling,
//!    where you upgrade the server with more CPU"), the answer swaps the
//!    two: the defined point is *contradicted*.
//! 4. The stance stated in a clause wins over a bare or defined-away
//!    mention: a point whose only affirmed hits are such mentions and that
//!    is denied in a clause
//!    ("Benefits: stateless, cacheable. Honestly it isn't really stateless")
//!    is *contradicted*, and the report quotes the denying sentence. A point
//!    with only negated hits is contradicted too. A point both stated and
//!    denied in clauses keeps its stated credit (the benefit of the doubt:
//!    "async does not block" denies "blocks" while the answer explains that
//!    sync code blocks). Two things called one ("JWT and OAuth are
//!    basically the same thing", see [`crate::sameness`]) deny what sets
//!    them apart: the points credited for words of the claim are
//!    contradicted.
//! 5. Each misconception found (and not negated) subtracts its penalty once,
//!    scaled by the credit of the rule that found it (half for a `partial`
//!    phrase, the share of k for a k-of-n group). Each contradicted point
//!    that no misconception voided subtracts [`DENIAL_PENALTY`] of its
//!    weight: denying a key point is a wrong claim too. Both are listed in
//!    the report's penalties (a denial under the point's id).
//! 6. score = min(1, max(earned − penalties, earned ×
//!    [`KEPT_UNDER_PENALTY`]) / possible), where bonus
//!    points add to `earned` but not to `possible`, and count at most as
//!    much as the other points earned (extras make up for a missed point;
//!    they do not score on their own); when a required point is missing or
//!    contradicted the score is capped at the rubric's `required_cap`;
//!    when the answer makes [`CAPPING_WRONG_CLAIMS`] wrong claims or more
//!    (misconceptions and denials with a penalty), at [`WRONG_CLAIMS_CAP`].
//!    The lower cap applies.

use std::sync::Arc;

use crate::attribution;
use crate::band;
use crate::compile::{Compiled, Item, Rule};
use crate::definition::{self, Definition};
use crate::language::WordLists;
use crate::matcher::Analysis;
use crate::report::{
    Cap, CapKind, Evidence, MissingPoint, Penalty, PenaltyKind, PointReport, Report, Status,
};
use crate::rules::{self, Hit, Source};
use crate::sameness::{self, Sameness};

/// A sentence whose share of function words is below this may be a bare
/// list of terms. Explained English prose runs at 30-55 % function words;
/// a list such as "B-tree, sorted structure, faster lookups, full table
/// scan" has almost none (one word in nine at most in the lists we checked).
pub const LIST_SENTENCE_SHARE: f64 = 0.12;
/// A sentence is a bare list only if none of its comma-separated items is
/// longer than this: a list item names a term ("composite index"), while a
/// clause that introduces a list ("common vulnerabilities include XSS")
/// runs longer.
pub const LIST_ITEM_WORDS: usize = 4;
/// Credit multiplier for points found only in bare fragments: naming a term
/// earns less than stating it.
pub const KEYWORD_LIST_CREDIT: f64 = 0.4;
/// Credit multiplier for a term that the answer defines with none of its
/// point ("load balancing means balancing the file sizes"): less than a
/// bare mention, since the answer's own explanation of the term is there
/// and states nothing of the point.
pub const DEFINED_AWAY_CREDIT: f64 = 0.2;

/// An answer where more than this share of the words are the evidence of
/// credited points is a string of key phrases, not an explanation. In the
/// explained answers we checked, terse and list-like ones included, the
/// evidence is at most about half of the words (short definitions of under
/// twelve words aside); in keyword lists, 55 to 100 %.
pub const STUFFED_SHARE: f64 = 0.6;
/// Answers shorter than this many words are never judged stuffed: a short
/// definition can be mostly key terms.
const MIN_STUFFED_WORDS: usize = 12;
/// Marks a reason that already carries the keyword-list scaling.
const LIST_NOTE: &str = "(credit x";

/// Whether the credited evidence (the claimed words) makes up most of a
/// long enough answer.
fn is_stuffed(claimed: &[bool]) -> bool {
    let used = claimed.iter().filter(|&&c| c).count();
    claimed.len() >= MIN_STUFFED_WORDS && used as f64 > STUFFED_SHARE * claimed.len() as f64
}

/// The share of its earned points that an answer keeps however many wrong
/// claims it makes: penalties push an answer that names right and wrong
/// things to the bottom band, yet it still ranks above one that says nothing
/// relevant at all.
pub const KEPT_UNDER_PENALTY: f64 = 0.05;

/// Share of a point's weight that denying it costs. An answer that says a
/// key point does not hold ("indexes don't really avoid full scans on
/// SSDs", "the event loop doesn't matter") makes a wrong claim, and a
/// wrong claim costs more than silence: the point earns nothing and its
/// denial subtracts this share of its weight, as a misconception's penalty
/// does. A point voided by a misconception pays that misconception's
/// penalty instead.
pub const DENIAL_PENALTY: f64 = 0.5;

/// How many wrong claims (misconceptions found and points denied) put an
/// answer under [`WRONG_CLAIMS_CAP`]. An interviewer who hears two
/// confident wrong claims stops trusting the rest of the answer, however
/// many right terms it names.
pub const CAPPING_WRONG_CLAIMS: usize = 2;
/// The score cap of an answer with [`CAPPING_WRONG_CLAIMS`] wrong claims
/// or more: the middle of the default `weak` band (0.2 to 0.4).
pub const WRONG_CLAIMS_CAP: f64 = 0.3;

/// Digits kept in scores and credits, so that reports stay readable and
/// byte-for-byte stable.
const ROUND: f64 = 1e4;

fn round(x: f64) -> f64 {
    (x * ROUND).round() / ROUND
}

/// Scores `text` against a compiled rubric.
pub(crate) fn score(c: &Compiled, text: &str) -> Report {
    score_with(c, text, true)
}

/// [`score`], considering every hit of phrase rules when `fewest` is false
/// (see [`rules::candidates`]): the report must be the same.
fn score_with(c: &Compiled, text: &str, fewest: bool) -> Report {
    let a = Analysis::new(c, text);
    let bare = bare_sentences(&a, &c.analyzer.lists);
    let reported = attribution::attributed_sentences(&a, &c.analyzer.lists);
    let definitions = definition::definitions(&a, &c.analyzer.lists);
    // Hits of one rule differ in worth to a point when some of them lie in
    // bare fragments, reported sentences or the subject of a definition (see
    // `Lists::mention`): the rules keep, of each kind, the hits that can
    // matter (see `rules::candidates`). A misconception's hits are worth
    // their credit wherever they lie.
    let regions = rules::Regions::new(c, &a, &bare, &reported, &definitions);
    let anywhere = rules::Regions::default();
    let (for_points, for_misconceptions) =
        (fewest.then_some(&regions), fewest.then_some(&anywhere));
    let mut claimed = vec![false; a.tokens.len()];
    // Whether a word is claimed: until one is, the rules get no flags to
    // look at.
    let mut any_claimed = false;
    // Misconceptions are found on their own, before any point claims a
    // word: a wrong claim costs its penalty, and words in it that also name
    // a point ("HTTPS prevents SQL injection" names SQL injection) still
    // count for that point.
    let mut penalties = Vec::new();
    let mut voided: Vec<Option<usize>> = vec![None; c.points.len()];
    let mut hits = Vec::new();
    let regex_text = rules::RegexText::new();
    for (k, m) in c.misconceptions.iter().enumerate() {
        rules::candidates(c, &a, m, &[], for_misconceptions, &regex_text, &mut hits);
        if let Some(hit) = best(&hits).map(|h| &hits[h]) {
            penalties.push(Penalty {
                id: m.id.clone(),
                kind: PenaltyKind::Misconception,
                label: m.label.clone(),
                penalty: round(m.weight * hit.credit),
                explanation: m.note.clone(),
                evidence: evidence(c, &a, m, hit),
            });
            for &p in &m.voids {
                voided[p].get_or_insert(k);
            }
        }
    }
    let mut outcomes: Vec<Option<PointReport>> = vec![None; c.points.len()];
    let list = Lists {
        bare: &bare,
        regions: &regions,
        definitions: &definitions,
    };
    // The definition that names each point with none of it, if any.
    let mut defined_as: Vec<Option<usize>> = vec![None; c.points.len()];
    for &i in &c.claim_order {
        let item = &c.points[i];
        if let Some(k) = voided[i] {
            outcomes[i] = Some(voided_point(item, &c.misconceptions[k]));
            continue;
        }
        let flags: &[bool] = if any_claimed { &claimed } else { &[] };
        rules::candidates(c, &a, item, flags, for_points, &regex_text, &mut hits);
        outcomes[i] = Some(judge_point(
            c,
            &a,
            item,
            &mut hits,
            &list,
            &mut claimed,
            &mut defined_as[i],
        ));
        any_claimed = any_claimed || claimed.contains(&true);
    }
    let mut points: Vec<PointReport> = outcomes.into_iter().flatten().collect();
    swap_definitions(&a, &definitions, &defined_as, &mut points);
    for claim in sameness::sameness_claims(&a, &c.analyzer.lists) {
        deny_sameness(&a, &claim, &mut points);
    }
    penalties.extend(points.iter().filter_map(denial_penalty));
    if is_stuffed(&claimed) {
        for p in points
            .iter_mut()
            .filter(|p| p.credit > 0.0 && !p.reason.contains(LIST_NOTE))
        {
            p.credit = round(p.credit * KEYWORD_LIST_CREDIT);
            p.status = Status::Partial;
            p.reason.push_str(&format!(
                "; the answer strings key phrases together without explaining them (credit x{KEYWORD_LIST_CREDIT})"
            ));
        }
    }

    let possible = c.total_weight;
    let earned_by = |bonus: bool| -> f64 {
        // Adding 0.0 turns the -0.0 that an empty float sum gives into 0.0.
        points
            .iter()
            .filter(|p| p.bonus == bonus)
            .map(|p| p.weight * p.credit)
            .sum::<f64>()
            + 0.0
    };
    let core = earned_by(false);
    let earned = core + earned_by(true).min(core);
    let penalty: f64 = penalties.iter().map(|p| p.penalty).sum::<f64>() + 0.0;
    let mut score = if possible > 0.0 {
        ((earned - penalty).max(earned * KEPT_UNDER_PENALTY) / possible).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let unmet: Vec<Arc<str>> = points
        .iter()
        .filter(|p| p.required && matches!(p.status, Status::Missing | Status::Contradicted))
        .map(|p| p.id.clone())
        .collect();
    let wrong: Vec<Arc<str>> = penalties
        .iter()
        .filter(|p| p.penalty > 0.0)
        .map(|p| p.id.clone())
        .collect();
    let caps = [
        (!unmet.is_empty()).then_some((c.required_cap, CapKind::RequiredPoints, unmet)),
        (wrong.len() >= CAPPING_WRONG_CLAIMS).then_some((
            WRONG_CLAIMS_CAP,
            CapKind::WrongClaims,
            wrong,
        )),
    ];
    // The lowest cap that applies; the required points' on a tie.
    let cap = caps
        .into_iter()
        .flatten()
        .filter(|(at, _, _)| score > *at)
        .reduce(|a, b| if b.0 < a.0 { b } else { a })
        .map(|(at, kind, because)| {
            score = at;
            Cap { at, kind, because }
        });
    let score = round(score);
    let mut missing: Vec<MissingPoint> = points
        .iter()
        .zip(&c.points)
        .filter(|(p, _)| matches!(p.status, Status::Missing | Status::Contradicted))
        .map(|(p, item)| MissingPoint {
            id: p.id.clone(),
            label: p.label.clone(),
            weight: p.weight,
            status: p.status,
            bonus: p.bonus,
            hint: item.note.clone(),
        })
        .collect();
    missing.sort_by(|a, b| a.bonus.cmp(&b.bonus).then(b.weight.total_cmp(&a.weight)));
    Report {
        rubric: c.id.clone(),
        rubric_hash: c.hash.clone(),
        band: band::label_for(&c.bands, score),
        score,
        earned: round(earned),
        possible: round(possible),
        penalty: round(penalty),
        cap,
        points,
        missing,
        penalties,
    }
}

/// Longest term a bullet may hold and still read as a bare keyword rather
/// than a terse statement ("Redis", "write-through" vs "use composite indexes").
const LONE_TERM_WORDS: usize = 2;

/// Which sentences are bare fragments: lists of terms, headings, lone
/// words. Bullets that hang on an explained clause ending in a colon ("I
/// would take the load off the database in three ways:") are that clause's
/// objects, as in "common vulnerabilities include XSS, SQL injection and
/// CSRF", and are not bare.
fn bare_sentences(a: &Analysis<'_>, lists: &WordLists) -> Vec<bool> {
    let n = a.sentence_words.len();
    let mut longest_item = vec![0usize; n];
    let mut items = vec![0usize; n];
    // Words and function words of a list's lead-in ("the key concepts
    // are"), which the list itself does not count.
    let mut intro = vec![(0usize, 0usize); n];
    // Whether the gap before the sentence's first word starts with a colon.
    let mut after_colon = vec![false; n];
    let toks = &a.tokens.tokens;
    let mut i = 0;
    while i < toks.len() {
        let (sentence, clause) = (toks[i].sentence, toks[i].clause);
        let s = sentence as usize;
        if i > 0 && toks[i - 1].sentence != sentence {
            let gap = &a.text[toks[i - 1].end as usize..toks[i].start as usize];
            after_colon[s] = gap.trim_start().starts_with(':');
        }
        let mut start = i;
        if i == 0 || toks[i - 1].sentence != sentence {
            let lead = list_lead_in(a, lists, i);
            let function = (i..i + lead)
                .filter(|&k| a.info[k].is_function_word())
                .count();
            intro[s] = (lead, function);
            start += lead;
        }
        while i < toks.len() && toks[i].clause == clause {
            i += 1;
        }
        longest_item[s] = longest_item[s].max(i.saturating_sub(start));
        items[s] += 1;
    }
    // A lone term is a heading or a bullet only beside other sentences: an
    // answer that is one short term ("a stack") names what was asked for.
    let sentences = a.sentence_words.iter().filter(|&&(w, _)| w > 0).count();
    let mut bare: Vec<bool> = a
        .sentence_words
        .iter()
        .zip(longest_item.into_iter().zip(items).zip(intro))
        .map(
            |(&(words, function), ((longest, items), (lead, lead_function)))| {
                let words = words as usize - lead;
                let function = function as usize - lead_function.min(function as usize);
                words > 0
                    && (function as f64) < LIST_SENTENCE_SHARE * words as f64
                    && longest <= LIST_ITEM_WORDS
                    && (items >= 2 || words <= LONE_TERM_WORDS && sentences > 1)
            },
        )
        .collect();
    // A run of bare lines right after an explained clause and its colon.
    let mut introduced = false;
    for s in 0..n {
        if !bare[s] {
            introduced = false;
            continue;
        }
        introduced |= after_colon[s] && s > 0 && !bare[s - 1] && a.sentence_words[s - 1].0 > 0;
        if introduced {
            bare[s] = false;
        }
    }
    bare
}

/// How a hit stands in the answer: stated in a clause, or only named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mention {
    /// Stated in a clause.
    Stated,
    /// Only in bare fragments.
    Bare,
    /// Only in sentences that report what others claim (see
    /// [`crate::attribution`]), or in those and bare fragments.
    Reported,
    /// The subject of a definition that states none of the point (the
    /// definition's index).
    Undefined(usize),
}

/// Most words before the noun of a list's lead-in ("the three *key*
/// *concepts* are").
const LEAD_IN_WORDS: usize = 4;

/// The length of the lead-in that opens a list of terms at word `first`
/// (a sentence's first word), or 0: a few words ending in a noun that
/// names terms ("concepts", "buzzwords", "points") and a copula. "The key
/// concepts are branching, commits and merging" lists as "Key concepts:
/// ..." does.
fn list_lead_in(a: &Analysis<'_>, lists: &WordLists, first: usize) -> usize {
    let toks = &a.tokens.tokens;
    let clause = toks[first].clause;
    let same = |k: &usize| *k < toks.len() && toks[*k].clause == clause;
    let Some(noun) = (first..first + LEAD_IN_WORDS + 1)
        .take_while(same)
        .find(|&k| a.info[k].is_term_noun())
    else {
        return 0;
    };
    let verb = noun + 1;
    if same(&verb) && lists.copulas.contains(a.tokens.folded(verb)) {
        verb + 1 - first
    } else {
        0
    }
}

/// The bare fragments, the reported sentences and the definitions of one
/// answer.
struct Lists<'a> {
    bare: &'a [bool],
    regions: &'a rules::Regions<'a>,
    definitions: &'a [Definition],
}

impl Lists<'_> {
    /// How `hit` stands, from where it lies ([`rules::Regions::class`]):
    /// [`Mention::Bare`] when every span lies in a bare fragment,
    /// [`Mention::Reported`] when they lie in those and reported sentences,
    /// [`Mention::Undefined`] when the hit is the subject of a definition in
    /// which no hit of the same point has a word (`starts`: the first words
    /// of all the point's spans, sorted).
    fn mention(&self, a: &Analysis<'_>, hit: &Hit, starts: &[u32]) -> Mention {
        let spans = hit.spans.iter().map(|s| (s.start, s.end));
        match self.regions.class(a, spans) {
            rules::Class::Clause => Mention::Stated,
            rules::Class::Bare => {
                let bare = hit.spans.iter().all(|s| {
                    a.tokens
                        .tokens
                        .get(s.start as usize)
                        .is_some_and(|t| self.bare[t.sentence as usize])
                });
                if bare {
                    Mention::Bare
                } else {
                    Mention::Reported
                }
            }
            rules::Class::Subject(at) => {
                let d = &self.definitions[at];
                let k = starts.partition_point(|&w| w < d.body.0);
                if starts.get(k).is_some_and(|&w| d.defines_with(w)) {
                    Mention::Stated
                } else {
                    Mention::Undefined(at)
                }
            }
        }
    }
}

/// The report of a point that earns nothing (yet): missing, not found.
fn unearned(item: &Item) -> PointReport {
    PointReport {
        id: item.id.clone(),
        label: item.label.clone(),
        weight: item.weight,
        required: item.required,
        bonus: item.bonus,
        credit: 0.0,
        status: Status::Missing,
        reason: "not found".to_string(),
        evidence: Vec::new(),
        voided_by: None,
    }
}

/// The report of a point voided by the wrong claim `m`.
fn voided_point(item: &Item, m: &Item) -> PointReport {
    PointReport {
        status: Status::Contradicted,
        reason: format!("voided by the wrong claim `{}`: {}", m.id, m.label),
        voided_by: Some(m.id.clone()),
        ..unearned(item)
    }
}

/// Points defined as another point: a term whose definition states none
/// of its own point but holds the credited evidence of another
/// ("horizontal scaling, where you upgrade the server with more CPU")
/// swaps the two, a wrong claim about the term. Its point is contradicted,
/// so the denial penalty applies.
fn swap_definitions(
    a: &Analysis<'_>,
    definitions: &[Definition],
    defined_as: &[Option<usize>],
    points: &mut [PointReport],
) {
    let toks = &a.tokens.tokens;
    for (p, d) in defined_as.iter().enumerate() {
        let Some(d) = d.map(|d| definitions[d]) else {
            continue;
        };
        let (start, end) = (
            toks[d.body.0 as usize].start as usize,
            toks[d.body.1 as usize - 1].end as usize,
        );
        let Some(other) = points.iter().enumerate().find_map(|(q, other)| {
            (q != p
                && other.credit > 0.0
                && other
                    .evidence
                    .iter()
                    .any(|e| start <= e.start && e.end <= end))
            .then(|| other.label.clone())
        }) else {
            continue;
        };
        contradict(
            &mut points[p],
            format!(
                "defined as another point ({other}) in \"{}\"",
                sentence_of(a, d.body.0 as usize)
            ),
        );
    }
}

/// Contradicts the points whose credited evidence lies in a sameness
/// claim ("JWT and OAuth are basically the same thing"): calling two
/// things one denies what sets them apart.
fn deny_sameness(a: &Analysis<'_>, claim: &Sameness, points: &mut [PointReport]) {
    for point in points
        .iter_mut()
        .filter(|p| p.credit > 0.0 && p.evidence.iter().any(|e| claim.holds(e.start, e.end)))
    {
        contradict(
            point,
            format!(
                "called the same as something else in \"{}\"",
                sentence_of(a, claim.word)
            ),
        );
    }
}

/// Takes a point's credit back: the answer contradicts it, for `reason`.
/// Its evidence stays, to show where.
fn contradict(point: &mut PointReport, reason: String) {
    point.credit = 0.0;
    point.status = Status::Contradicted;
    point.reason = reason;
}

/// The penalty for denying point `p`, if the answer denies it (see
/// [`DENIAL_PENALTY`]).
fn denial_penalty(p: &PointReport) -> Option<Penalty> {
    (p.status == Status::Contradicted && p.voided_by.is_none()).then(|| Penalty {
        id: p.id.clone(),
        kind: PenaltyKind::Denial,
        label: format!("denies: {}", p.label).into(),
        penalty: round(p.weight * DENIAL_PENALTY),
        explanation: Some(
            format!("The answer says this point does not hold ({})", p.reason).into(),
        ),
        evidence: p.evidence.clone(),
    })
}

/// Longest quotation of a denying sentence in a reason, in bytes.
const QUOTE_BYTES: usize = 120;

/// The sentence of word `w`, as written, cut to [`QUOTE_BYTES`].
fn sentence_of(a: &Analysis<'_>, w: usize) -> String {
    let toks = &a.tokens.tokens;
    let s = toks[w].sentence;
    let first = toks[..w]
        .iter()
        .rposition(|t| t.sentence != s)
        .map_or(0, |k| k + 1);
    let last = toks[w..]
        .iter()
        .position(|t| t.sentence != s)
        .map_or(toks.len(), |k| w + k);
    let text = &a.text[toks[first].start as usize..toks[last - 1].end as usize];
    if text.len() <= QUOTE_BYTES {
        return text.to_string();
    }
    let mut cut = QUOTE_BYTES;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}…", &text[..cut])
}

/// Marks the words of `hit` as used.
fn claim(hit: &Hit, claimed: &mut [bool]) {
    for s in &hit.spans {
        for w in s.start..s.end {
            claimed[w as usize] = true;
        }
    }
}

/// The index of the best non-negated hit: most credit, fewest typos,
/// earliest.
fn best(hits: &[Hit]) -> Option<usize> {
    (0..hits.len())
        .filter(|&h| hits[h].negated_by.is_none())
        .min_by(|&a, &b| {
            let (a, b) = (&hits[a], &hits[b]);
            b.credit
                .total_cmp(&a.credit)
                .then(b.similarity().total_cmp(&a.similarity()))
                .then(a.first_word().cmp(&b.first_word()))
        })
}

fn judge_point(
    c: &Compiled,
    a: &Analysis<'_>,
    item: &Item,
    hits: &mut [Hit],
    lists: &Lists<'_>,
    claimed: &mut [bool],
    defined_as: &mut Option<usize>,
) -> PointReport {
    let mut report = unearned(item);
    // Scale mentions in bare fragments and terms defined with none of the
    // point before choosing, so an explained statement wins.
    // Only what the answer affirms can support a definition.
    let mut starts: Vec<u32> = hits
        .iter()
        .filter(|h| h.negated_by.is_none())
        .flat_map(|h| h.spans.iter().map(|s| s.start))
        .collect();
    starts.sort_unstable();
    let mut mentions: Vec<Mention> = hits.iter().map(|h| lists.mention(a, h, &starts)).collect();
    defined_terms_everywhere(a, hits, &mut mentions);
    let mut stated = false;
    for (h, m) in hits.iter_mut().zip(&mentions) {
        match m {
            Mention::Undefined(_) => h.credit *= DEFINED_AWAY_CREDIT,
            Mention::Bare | Mention::Reported => h.credit *= KEYWORD_LIST_CREDIT,
            Mention::Stated => stated |= h.negated_by.is_none(),
        }
    }
    // A denial stated in a clause outweighs a bare mention of the point.
    let denial = if stated {
        None
    } else {
        hits.iter()
            .zip(&mentions)
            .find(|(h, m)| h.negated_by.is_some() && **m == Mention::Stated)
            .map(|(h, _)| h)
    };
    if let Some(hit) = denial {
        report.status = Status::Contradicted;
        let n = hit.negated_by.unwrap_or(0);
        report.reason = format!("denied in \"{}\"", sentence_of(a, n));
        report.evidence = evidence(c, a, item, hit);
    } else if let Some(h) = best(hits) {
        let hit = &hits[h];
        claim(hit, claimed);
        report.credit = round(hit.credit);
        report.status = if hit.credit >= 1.0 {
            Status::Covered
        } else {
            Status::Partial
        };
        report.reason = reason(a, lists, item, hit, mentions[h]);
        if let Mention::Undefined(d) = mentions[h] {
            *defined_as = Some(d);
        }
        report.evidence = evidence(c, a, item, hit);
    } else if let Some(hit) = hits.iter().find(|h| h.negated_by.is_some()) {
        report.status = Status::Contradicted;
        report.reason = "found, but negated".to_string();
        report.evidence = evidence(c, a, item, hit);
    }
    report
}

/// A term that the answer defines with none of its point is defined so
/// wherever it stands: its other mentions, in a list or in a clause
/// ("I'd mention autoscaling, ... Autoscaling means the provider upgrades
/// your hardware every year"), take the definition's [`Mention::Undefined`]
/// too. The answer's own explanation of the term says what it means by it.
/// Only hits of one span, the term alone, are compared, by the stems of
/// their words; a hit that holds other words of the point is left alone.
fn defined_terms_everywhere(a: &Analysis<'_>, hits: &[Hit], mentions: &mut [Mention]) {
    let stems = |h: &Hit| -> Option<Vec<&str>> {
        let [s] = h.spans.as_slice() else {
            return None;
        };
        Some(
            (s.start..s.end)
                .map(|k| a.tokens.stem(k as usize))
                .collect(),
        )
    };
    let defined: Vec<(Vec<&str>, usize)> = hits
        .iter()
        .zip(mentions.iter())
        .filter_map(|(h, m)| match m {
            Mention::Undefined(d) if h.negated_by.is_none() => Some((stems(h)?, *d)),
            _ => None,
        })
        .collect();
    if defined.is_empty() {
        return;
    }
    for (h, m) in hits.iter().zip(mentions.iter_mut()) {
        if matches!(m, Mention::Undefined(_)) {
            continue;
        }
        let Some(term) = stems(h) else { continue };
        if let Some((_, d)) = defined.iter().find(|(t, _)| *t == term) {
            *m = Mention::Undefined(*d);
        }
    }
}

fn reason(a: &Analysis<'_>, lists: &Lists<'_>, item: &Item, hit: &Hit, mention: Mention) -> String {
    let mut r = match &item.rules[hit.rule] {
        Rule::Any { name, .. } if *name == "partial" => {
            "a vaguer phrasing, half credit".to_string()
        }
        Rule::Any { .. } => "phrase found".to_string(),
        Rule::AllOf {
            claim: true, parts, ..
        } => format!("claim found: {} parts in one clause", parts.len()),
        Rule::AllOf { parts, .. } => format!("all {} parts found together", parts.len()),
        Rule::KOfN { k, .. } => {
            let found = hit.spans.len();
            if found >= *k {
                format!("{found} of the items found ({k} needed)")
            } else {
                format!("only {found} of {k} items found")
            }
        }
        Rule::Regex { .. } => "pattern matched".to_string(),
    };
    if hit.similarity() < 1.0 {
        r.push_str(", with typos forgiven");
    }
    match mention {
        Mention::Stated => {}
        Mention::Bare => r.push_str(&format!(
            "; only named in a bare fragment, not stated in a clause (credit x{KEYWORD_LIST_CREDIT})"
        )),
        Mention::Reported => r.push_str(&format!(
            "; only reported as what others say, not claimed by the answer (credit x{KEYWORD_LIST_CREDIT})"
        )),
        Mention::Undefined(d) => r.push_str(&format!(
            "; named, but defined with none of the point in \"{}\" (credit x{DEFINED_AWAY_CREDIT})",
            sentence_of(a, lists.definitions[d].body.0 as usize)
        )),
    }
    r
}

fn evidence(c: &Compiled, a: &Analysis<'_>, item: &Item, hit: &Hit) -> Vec<Evidence> {
    let rule = &item.rule_names[hit.rule];
    let negated_by = hit
        .negated_by
        .map(|n| a.text[a.tokens.tokens[n].bytes()].to_string());
    let mut spans = hit.spans.clone();
    spans.sort_by_key(|s| s.bytes);
    spans
        .into_iter()
        .map(|s| Evidence {
            start: s.bytes.0,
            end: s.bytes.1,
            text: a.text[s.bytes.0..s.bytes.1].to_string(),
            rule: rule.clone(),
            matched: match (s.source, &item.rules[hit.rule]) {
                (Source::Phrase { part, alternative }, _) => c.parts[part as usize]
                    .texts
                    .get(alternative as usize)
                    .cloned()
                    .unwrap_or_else(|| Arc::from("")),
                (Source::Regex, Rule::Regex { pattern, .. }) => pattern.clone(),
                (Source::Regex, _) => Arc::from(""),
            },
            similarity: (s.similarity < 1.0).then(|| round(s.similarity as f64)),
            negated_by: negated_by.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The TOML files of `dir` under the crate root, in order, parsed.
    fn toml_files(dir: &str) -> Vec<toml::Value> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|f| f.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|f| toml::from_str(&std::fs::read_to_string(f).unwrap()).unwrap())
            .collect()
    }

    /// The values of `key` in the tables of the top-level arrays of `value`.
    fn texts_in(value: &toml::Value, key: &str) -> Vec<String> {
        let lists = value.as_table().unwrap().values();
        lists
            .flat_map(|list| list.as_array().into_iter().flatten())
            .filter_map(|item| item.get(key).and_then(|t| t.as_str()))
            .map(str::to_string)
            .collect()
    }

    fn assert_same_reports(c: &Compiled, texts: &[String]) {
        for t in texts {
            let (fewest, all) = (score_with(c, t, true), score_with(c, t, false));
            assert_eq!(
                serde_json::to_string(&fewest).unwrap(),
                serde_json::to_string(&all).unwrap(),
                "{t}"
            );
        }
    }

    #[test]
    fn fewer_candidates_give_the_same_reports() {
        let mut texts: Vec<String> = Vec::new();
        for dir in [
            "examples/answers",
            "tests/data/graded",
            "tests/data/calibration",
            "tests/data/claims/dev",
            "tests/data/claims/dev2",
            "tests/data/claims/test",
            "tests/data/extra",
        ] {
            for value in toml_files(dir) {
                texts.extend(texts_in(&value, "text"));
            }
        }
        assert!(texts.len() > 500, "{}", texts.len());
        let mut lists = 0;
        let mut defined = 0;
        for rubric in crate::builtin::all() {
            let c = rubric.compiled();
            for t in &texts {
                let a = Analysis::new(c, t);
                lists += bare_sentences(&a, &c.analyzer.lists).contains(&true) as usize;
                defined += !definition::definitions(&a, &c.analyzer.lists).is_empty() as usize;
            }
            assert_same_reports(c, &texts);
        }
        assert!(lists > 1000 && defined > 1000, "{lists} {defined}");
    }

    #[test]
    fn fewer_candidates_give_the_same_reports_in_behaviour_cases() {
        let cases = toml_files("tests/data/cases");
        assert!(cases.len() > 20, "{}", cases.len());
        for value in cases {
            let rubric = value.get("rubric").and_then(|r| r.as_str()).unwrap();
            let rubric = crate::rubric::Rubric::from_toml(rubric).unwrap();
            assert_same_reports(rubric.compiled(), &texts_in(&value, "answer"));
        }
    }

    #[test]
    fn stuffed_answers_are_long_and_mostly_evidence() {
        let mostly = |n: usize, used: usize| (0..n).map(|i| i < used).collect::<Vec<bool>>();
        assert!(is_stuffed(&mostly(20, 13)));
        assert!(!is_stuffed(&mostly(20, 12)));
        assert!(
            !is_stuffed(&mostly(11, 11)),
            "short answers are never stuffed"
        );
        assert!(!is_stuffed(&[]));
    }
}
