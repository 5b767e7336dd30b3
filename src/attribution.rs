//! Reported speech: sentences that say what others claim.
//!
//! "The advantages people always list are loose coupling and fault
//! isolation", "Everyone says indexes make queries faster", "In theory
//! caching cuts the load": the candidate reports a claim without making it.
//! A sentence is *attributed* when, among its first [`REACH`] words, a
//! reporter ("people", "everyone", "textbooks") is followed within
//! [`VERB_GAP`] words by a verb of saying ("say", "list", "claim"), or the
//! listener by one of hearing or listing ("the usual services *you'd
//! list*", "*you hear* a lot about"), or the terms are called buzzwords
//! ("the usual *buzzwords* are"), or called the conventional answer ("*the
//! textbook answer*:", "the *standard list* is"), or when it opens with "in
//! theory", "on paper" or "supposedly". A short sentence that opens a
//! paragraph by announcing the conventional answer ("Right, the textbook
//! version.") reports the rest of the paragraph. Lines right after an attributed sentence that
//! ends in a colon report with it, and so does a sentence that a short one
//! after it points back to as reported ("... That's what the books say.",
//! "... At least that's what they tell you."). The scorer reads the terms
//! of such sentences as named, not stated (rule 3 in the scorer), so a
//! denial stated in a clause later wins over them.

use crate::language::WordLists;
use crate::matcher::Analysis;

/// How far into its sentence the reporter may stand: "*In my experience
/// people* say ..." opens with a few words.
const REACH: usize = 6;
/// Most words between the reporter and its verb: "people *always* list",
/// "everyone *will tell you*".
const VERB_GAP: usize = 3;

/// Most words of a sentence that reports the sentence before it ("That's
/// what the books say, anyway").
const BACK_REPORT_WORDS: usize = 10;

/// How far into such a sentence the word that points back may stand: "At
/// least *that's* what they tell you".
const BACK_REPORT_REACH: usize = 3;

/// Most words of a sentence that announces the conventional answer and so
/// reports the rest of its paragraph: "Right, the textbook version."
const ANNOUNCEMENT_WORDS: usize = 5;

/// Most words of a line that still reports with the attributed sentence
/// and colon before it: a bullet that names a term or two.
const ITEM_WORDS: usize = 8;

/// For each sentence of the analysed answer, whether it is attributed.
pub(crate) fn attributed_sentences(a: &Analysis<'_>, lists: &WordLists) -> Vec<bool> {
    let mut attributed = vec![false; a.sentence_words.len()];
    let toks = &a.tokens.tokens;
    let word = |k: usize| a.tokens.folded(k);
    // Whether the next line may be an item of an attributed sentence's
    // list ("The benefits people list are:\n- loose coupling").
    let mut carry = false;
    // Whether a short sentence before, in the same paragraph, announced the
    // conventional answer ("Right, the textbook version.").
    let mut announced = false;
    let mut first = 0;
    while first < toks.len() {
        let s = toks[first].sentence;
        let end = (first..toks.len())
            .find(|&k| toks[k].sentence != s)
            .unwrap_or(toks.len());
        // "That's what they say": a short sentence that points back.
        let points_back = first > 0
            && end - first <= BACK_REPORT_WORDS
            && (first..end.min(first + BACK_REPORT_REACH))
                .any(|k| lists.back_references.contains(word(k)));
        let reported = (first..end.min(first + REACH)).any(|k| {
            // Each word's flags, set from the word lists in the index.
            let info = &a.info[k];
            let verbs = if info.is_reporter() || points_back && word(k) == "they" {
                &lists.reporting_verbs
            } else if info.is_listener() {
                &lists.listener_verbs
            } else {
                // "The usual buzzwords here are ...".
                return info.is_term_noun() && lists.dismissal_words.contains(word(k));
            };
            (k + 1..end.min(k + 1 + VERB_GAP)).any(|v| verbs.contains(word(v)))
        });
        // "The textbook answer:", "Yes, the standard list is ...".
        let conventional = (first..end.min(first + REACH)).any(|k| {
            lists.conventional_words.contains(word(k))
                && (k + 1..end.min(k + 3)).any(|n| lists.conventional_nouns.contains(word(n)))
        });
        let hypothetical = lists.hypotheticals.iter().any(|&(x, y)| {
            word(first) == x && (y.is_empty() || end - first >= 2 && word(first + 1) == y)
        });
        let gap = match first {
            0 => "",
            _ => &a.text[toks[first - 1].end as usize..toks[first].start as usize],
        };
        let item =
            end - first <= ITEM_WORDS && (gap.trim_start().starts_with(':') || gap.contains('\n'));
        let own = reported || hypothetical || conventional;
        // A blank line ends the paragraph an announcement reports.
        let new_paragraph = gap.matches('\n').count() >= 2;
        announced &= !new_paragraph;
        let is = own || carry && item || announced;
        if let Some(flag) = attributed.get_mut(s as usize) {
            *flag = is;
        }
        if reported && points_back {
            let before = toks[first - 1].sentence as usize;
            if let Some(flag) = attributed.get_mut(before) {
                *flag = true;
            }
        }
        // The text after the sentence's last word: does it end in a colon?
        let after = match toks.get(end) {
            Some(next) => &a.text[toks[end - 1].end as usize..next.start as usize],
            None => &a.text[toks[end - 1].end as usize..],
        };
        carry = own && after.trim_start().starts_with(':') || !own && carry && item;
        // "Right, the textbook version." opening a paragraph announces the
        // rest of it; "That's the textbook version." points back instead.
        announced |= conventional
            && end - first <= ANNOUNCEMENT_WORDS
            && (first == 0 || new_paragraph)
            && !points_back;
        first = end;
    }
    attributed
}
