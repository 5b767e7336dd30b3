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
//! always faster" denies "always faster".

use crate::matcher::{Analysis, Negator};

/// How many words before a match a clause negator may stand. NegEx, the
/// classic negation detector, uses five to six; six catches "does not really
/// make the query faster" while stopping before most unrelated clauses.
pub(crate) const NEGATION_WINDOW: usize = 6;

/// How far "without", "instead of" and "rather than" reach: they negate the
/// noun phrase right after them ("instead of a monolith"), not the clause
/// that often follows without a comma ("instead of a monolith you have
/// services", "without an index the database scans every row").
pub(crate) const SHORT_NEGATION_WINDOW: usize = 3;

/// The word that negates words `start..end` of the answer, if any. Words
/// inside `own` (the other words of the same match, such as the parts of a
/// concept: "instead of" + "querying the database") never negate it.
pub(crate) fn negator_of(
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
    if !a.info[start].negator_near {
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
            Negator::No | Negator::Next => false,
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
                Negator::No | Negator::Next => false,
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
                    assert_eq!(negator_of(&a, start, start + 1, &[]), expected, "{text}");
                    negated += expected.is_some() as usize;
                }
            }
        }
        assert!(negated > 100, "{negated}");
    }
}
