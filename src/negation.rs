//! Negation scope: does a negator govern the words of a match?
//!
//! A clause negator ("not", "never", "doesn't") governs the words after it in
//! its own clause, up to [`NEGATION_WINDOW`] words away; "without", "instead
//! of" and "rather than" only their object, the next
//! [`SHORT_NEGATION_WINDOW`] words. Clauses end at punctuation, at sentence
//! ends and at conjunctions that start a new clause ("but", "and", "which",
//! "while" ...), so "it does not block, it lets other tasks run" leaves
//! "other tasks run" alone. A prefix negator ("non" in "non-blocking")
//! governs only the next word. Negators inside the matched words are part of
//! the phrase ("does not wait") and never negate it; a negator followed by
//! an exception ("not only", "no doubt") negates nothing, and one followed
//! by a hedge ("not always") negates only a match that starts with the hedge:
//! "it doesn't always help" still says that it helps, while "async is not
//! always faster" denies "always faster". A negator inside a condition
//! ("*when* there is no session we return 401", "*if* the key is not in the
//! cache, we read the database") describes the condition and negates
//! nothing; a comma or the start of the main clause ends the condition.
//!
//! A term can also be dismissed after it is named: a negated dismissal
//! predicate in its clause, at most [`DISMISSAL_WINDOW`] words after it
//! ("selectivity doesn't matter", "load balancing isn't really needed", but
//! not "the joins *that* aren't needed", which picks some out), or
//! a dismissal word after a copula ("non-blocking is mostly marketing",
//! "decoupling is a myth"), or faint praise that a contrast takes back
//! ("independent deployment sounds good, but ..."). A sentence that
//! dismisses what came before it as a whole ("none of these matter", "I
//! don't think any of that is needed", "most of this no longer applies",
//! "that list is a relic") negates every
//! match before it, in earlier sentences or earlier clauses of its own. A
//! clause that points back and dismisses ("people say it scales, but
//! *that's a myth*", "That is not true.") takes back the earlier clauses of
//! its sentence, or, when it opens its sentence, the sentence before.

use crate::language::WordLists;
use crate::matcher::{Analysis, Negator};
use crate::text::Tokens;

/// How many words before a match a clause negator may stand. NegEx, the
/// classic negation detector, uses five to six; six catches "does not really
/// make the query faster" while stopping before most unrelated clauses.
pub(crate) const NEGATION_WINDOW: usize = 6;

/// How far "without", "instead of" and "rather than" reach: they negate the
/// noun phrase right after them ("instead of a monolith"), not the clause
/// that often follows without a comma ("instead of a monolith you have
/// services", "without an index the database scans every row").
pub(crate) const SHORT_NEGATION_WINDOW: usize = 3;

/// How many words after a term its dismissal may stand ("decoupling is a
/// bit of a myth").
pub(crate) const DISMISSAL_WINDOW: usize = 6;

/// The word that negates words `start..end` of the answer, if any: a
/// negator before them (see [`negator_before`]), a dismissal after them,
/// or a later sentence that dismisses everything before it.
pub(crate) fn negator_of(
    a: &Analysis<'_>,
    lists: &WordLists,
    start: usize,
    end: usize,
    own: &[(u32, u32)],
) -> Option<usize> {
    negator_before(a, start, end, own)
        .or_else(|| dismissal_after(a, lists, end, own))
        .or_else(|| retraction_of(a, end))
        .or_else(|| {
            let d = a.dismissal? as usize;
            let toks = &a.tokens.tokens;
            let (last, cue) = (toks.get(end.checked_sub(1)?)?, &toks[d]);
            // Before the dismissing sentence, or in an earlier clause of it
            // ("reliable, ordered: none of that matters").
            let before = last.sentence < cue.sentence || last.clause < cue.clause;
            before.then_some(d)
        })
}

/// The word that dismisses the term ending before word `end`, in its clause
/// and at most [`DISMISSAL_WINDOW`] words on.
fn dismissal_after(
    a: &Analysis<'_>,
    lists: &WordLists,
    end: usize,
    own: &[(u32, u32)],
) -> Option<usize> {
    let toks = &a.tokens.tokens;
    if end == 0 || end >= toks.len() {
        return None;
    }
    let predicates = &lists.dismissal_predicates;
    let clause = toks[end - 1].clause;
    let is_own = |k: usize| {
        own.iter()
            .any(|&(s, e)| (s as usize..e as usize).contains(&k))
    };
    let mut negator = None;
    for k in (end..toks.len().min(end + DISMISSAL_WINDOW)).take_while(|&k| toks[k].clause == clause)
    {
        if is_own(k) {
            return None;
        }
        if faint_praise(a, lists, k) {
            return Some(k);
        }
        match a.info[k].negator {
            Negator::Dismissal => {
                // "decoupling *is* a myth", not "the marketing site".
                let copula = (end..k).any(|j| lists.copulas.contains(a.tokens.folded(j)));
                return copula.then_some(k);
            }
            // "the joins *that* aren't needed" picks out some of them.
            Negator::Clause
                if (end..k).any(|j| lists.restrictives.contains(a.tokens.folded(j))) =>
            {
                return None
            }
            Negator::Clause => negator = negator.or(Some(k)),
            // "X and Y are not the same thing" tells them apart.
            _ if a.info[k].is_sameness_word() => negator = None,
            _ if negator.is_some() && predicates.contains(a.tokens.folded(k)) => return negator,
            _ => {}
        }
    }
    None
}

/// Whether word `k` opens faint praise that the sentence then takes back:
/// a verb of seeming and a word of praise ("sounds good", "looks *really*
/// nice"), with a contrast word within [`PRAISE_REACH`] words after it
/// ("Independent deployment sounds good, *but* in practice ...").
fn faint_praise(a: &Analysis<'_>, lists: &WordLists, k: usize) -> bool {
    let toks = &a.tokens.tokens;
    if !lists.seeming_verbs.contains(a.tokens.folded(k)) {
        return false;
    }
    let same = |j: &usize| *j < toks.len() && toks[*j].sentence == toks[k].sentence;
    let Some(praise) = (k + 1..k + 3)
        .take_while(same)
        .find(|&j| lists.praise_words.contains(a.tokens.folded(j)))
    else {
        return false;
    };
    (praise + 1..praise + 1 + PRAISE_REACH)
        .take_while(same)
        .any(|j| a.info[j].is_contrast_word())
}

/// How far after faint praise its contrast may stand: "sounds good *on
/// paper, but*".
const PRAISE_REACH: usize = 4;

/// The negator of a clause that takes back the words ending before word
/// `end`: a later clause of the same sentence, or the first clause of the
/// next one ("Indexes speed up reads. That's a myth on SSDs.").
fn retraction_of(a: &Analysis<'_>, end: usize) -> Option<usize> {
    let toks = &a.tokens.tokens;
    let last = toks.get(end.checked_sub(1)?)?;
    let after = a.retractions.partition_point(|r| (r.word as usize) < end);
    a.retractions[after..]
        .iter()
        .take_while(|r| toks[r.word as usize].sentence <= last.sentence + 1)
        .take(RETRACTIONS_TRIED)
        .find(|r| {
            let cue = &toks[r.word as usize];
            last.sentence == cue.sentence && last.clause < cue.clause
                || r.opens_sentence && last.sentence + 1 == cue.sentence
        })
        .map(|r| r.word as usize)
}

/// How many retractions after a match [`retraction_of`] looks at: the
/// nearest ones decide, and a bound keeps scoring linear.
const RETRACTIONS_TRIED: usize = 4;

/// A clause that takes back what was said before it (see [`takes_back`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Retraction {
    /// Its negator.
    pub word: u32,
    /// Whether the clause is its sentence's first, and so takes back the
    /// sentence before.
    pub opens_sentence: bool,
}

/// The retraction whose negator is word `i` (a dismissal word, or a
/// negator followed by a dismissal predicate), if its clause points back at
/// what was said before it: the clause opens, within
/// [`BACK_REFERENCE_REACH`] words, with "that", "this" or "it" and a copula
/// ("but honestly that's a myth", "that is not true", "it's not really the
/// case").
pub(crate) fn takes_back(tokens: &Tokens, lists: &WordLists, i: usize) -> Option<Retraction> {
    let toks = &tokens.tokens;
    let clause = toks[i].clause;
    // The clause's first word, looked for only as far as it may be.
    let reach = BACK_REFERENCE_REACH + BACK_REFERENCE_GAP;
    let start = (i.saturating_sub(reach)..=i).find(|&k| toks[k].clause == clause)?;
    if start > 0 && toks[start - 1].clause == clause {
        return None;
    }
    let back = (start..i.min(start + BACK_REFERENCE_REACH))
        .find(|&k| lists.back_references.contains(tokens.folded(k)))?;
    let copula = tokens.folded(back).contains('\'')
        || (back + 1..i).any(|k| lists.copulas.contains(tokens.folded(k)));
    let dismisses = lists.dismissal_words.contains(tokens.folded(i))
        || (i + 1..toks.len().min(i + 4))
            .take_while(|&k| toks[k].clause == clause)
            .any(|k| lists.dismissal_predicates.contains(tokens.folded(k)));
    let opens_sentence = start == 0 || toks[start - 1].sentence != toks[start].sentence;
    (copula && dismisses).then_some(Retraction {
        word: i as u32,
        opens_sentence,
    })
}

/// How far into its clause the word that points back may stand: after
/// "but", "honestly" and the like.
const BACK_REFERENCE_REACH: usize = 3;
/// How many words may stand between the word that points back and the
/// negator: "that's *mostly a* myth", "that is *really* not true".
const BACK_REFERENCE_GAP: usize = 4;

/// Whether the negator at word `i` opens a dismissal of everything said
/// before it: "none of these matter", "I don't think any of that is
/// needed" (a negator, then "of" and a demonstrative within three words,
/// and a dismissal predicate or word later in the sentence), or "most of
/// this no longer applies", "I consider most of that list obsolete",
/// "that list is mostly a relic" (see [`names_what_was_said`] before a
/// negator with a dismissal predicate after it, or before a dismissal
/// word); never with an exceptive such as "without" or "unless" after it.
pub(crate) fn dismisses_all(
    tokens: &Tokens,
    lists: &WordLists,
    i: usize,
    negator: Negator,
) -> bool {
    let toks = &tokens.tokens;
    let sentence = toks[i].sentence;
    let same = |k: &usize| toks[*k].sentence == sentence;
    let rest = |from: usize| (from..toks.len()).take_while(same);
    // "None of it works without load testing" needs load testing.
    let exceptive = |from: usize| rest(from).any(|k| lists.exceptives.contains(tokens.folded(k)));
    let dismisses = |k: usize| {
        let w = tokens.folded(k);
        lists.dismissal_predicates.contains(w) || lists.dismissal_words.contains(w)
    };
    if negator == Negator::Clause {
        let of = (i + 1..toks.len().min(i + 4))
            .take_while(same)
            .find(|&k| tokens.folded(k) == "of");
        if let Some(of) = of {
            if of + 1 < toks.len()
                && same(&(of + 1))
                && lists.demonstratives.contains(tokens.folded(of + 1))
            {
                return !exceptive(of + 2) && rest(of + 2).any(dismisses);
            }
        }
    }
    if !names_what_was_said(tokens, lists, i) || exceptive(i + 1) {
        return false;
    }
    match negator {
        Negator::Dismissal => true,
        Negator::Clause => rest(i + 1).take(DISMISSAL_WINDOW).any(|k| {
            let w = tokens.folded(k);
            lists.dismissal_predicates.contains(w) || lists.whole_dismissal_predicates.contains(w)
        }),
        _ => false,
    }
}

/// How far before a negator the words that name what was said may stand:
/// "*most of that list* is, frankly, obsolete".
const NAMED_REACH: usize = 6;

/// Whether, in the few words of its sentence before word `i`, the answer
/// names what it said so far as a whole: a quantifier, "of" and a
/// demonstrative ("*most of this*", "*all of that*"), or a demonstrative
/// and a noun for what was listed ("*that list*", "*these points*").
fn names_what_was_said(tokens: &Tokens, lists: &WordLists, i: usize) -> bool {
    let toks = &tokens.tokens;
    let sentence = toks[i].sentence;
    let from = (i.saturating_sub(NAMED_REACH)..i)
        .find(|&k| toks[k].sentence == sentence)
        .unwrap_or(i);
    (from..i).any(|k| {
        let next = |d: usize| (k + d < i).then(|| tokens.folded(k + d));
        let w = tokens.folded(k);
        lists.quantifiers.contains(w)
            && next(1) == Some("of")
            && next(2).is_some_and(|d| lists.demonstratives.contains(d))
            || lists.demonstratives.contains(w)
                && next(1).is_some_and(|n| lists.listed_nouns.contains(n))
    })
}

/// The negator before words `start..end` of the answer, if any. Words
/// inside `own` (the other words of the same match, such as the parts of a
/// concept: "instead of" + "querying the database") never negate it.
pub(crate) fn negator_before(
    a: &Analysis<'_>,
    start: usize,
    end: usize,
    own: &[(u32, u32)],
) -> Option<usize> {
    if start >= a.tokens.len() || end <= start {
        return None;
    }
    let is_own = |k: usize| {
        own.iter()
            .any(|&(s, e)| (s as usize..e as usize).contains(&k))
    };
    if start > 0 && a.info[start - 1].negator == Negator::Next && !is_own(start - 1) {
        return Some(start - 1);
    }
    if !a.info[start].negator_near() {
        return None;
    }
    let clause = a.tokens.tokens[start].clause;
    (start.saturating_sub(NEGATION_WINDOW)..start)
        .rev()
        .take_while(|&k| a.tokens.tokens[k].clause == clause)
        .filter(|&k| !is_own(k))
        .find(|&k| match a.info[k].negator {
            Negator::Clause => true,
            Negator::Short => start - k <= SHORT_NEGATION_WINDOW,
            Negator::Hedge => start == k + 1,
            Negator::No | Negator::Next | Negator::Dismissal => false,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`negator_of`] without the `negator_near` shortcut.
    fn by_scanning(a: &Analysis<'_>, start: usize, end: usize) -> Option<usize> {
        if start >= a.tokens.len() || end <= start {
            return None;
        }
        if start > 0 && a.info[start - 1].negator == Negator::Next {
            return Some(start - 1);
        }
        let clause = a.tokens.tokens[start].clause;
        (start.saturating_sub(NEGATION_WINDOW)..start)
            .rev()
            .take_while(|&k| a.tokens.tokens[k].clause == clause)
            .find(|&k| match a.info[k].negator {
                Negator::Clause => true,
                Negator::Short => start - k <= SHORT_NEGATION_WINDOW,
                Negator::Hedge => start == k + 1,
                Negator::No | Negator::Next | Negator::Dismissal => false,
            })
    }

    #[test]
    fn the_shortcut_changes_no_answer() {
        let texts = [
            "It does not block, it lets other tasks run. Without an index the database scans.",
            "We use no cache and never retry; instead of a monolith we run services. \
             It isn't slow, it doesn't wait, and it is non-blocking, not only fast.",
            "not a b c d e f g h. no. never ever: rather than that, without it",
        ];
        let mut negated = 0;
        for rubric in crate::builtin::all() {
            let c = rubric.compiled();
            for text in texts {
                let a = Analysis::new(c, text);
                for start in 0..a.tokens.len() {
                    let expected = by_scanning(&a, start, start + 1);
                    assert_eq!(
                        negator_before(&a, start, start + 1, &[]),
                        expected,
                        "{text}"
                    );
                    negated += expected.is_some() as usize;
                }
            }
        }
        assert!(negated > 100, "{negated}");
    }
}
