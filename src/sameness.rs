//! Sameness claims: "X and Y are basically the same thing".
//!
//! A comparison question asks what sets two things apart; an answer that
//! calls them one denies the distinction. A sameness claim is a copula (or
//! "do", "mean") and a sameness word ("same", "identical"), with only
//! fillers between them ("are *pretty much the* same"), whose subject names
//! two things ("X and Y", "X versus Y") or that compares its subject with
//! something ("the same *as* Y"). Its subject is the stretch of the
//! sentence before the verb, back to the nearest punctuation; a subject
//! that is a plural pronoun ("X versus Y is just naming, *they're* the
//! same") stands for the stretch before it. A negated claim ("are *not*
//! the same") is none. The scorer contradicts the points whose credited
//! evidence lies in the claim (see rule 4 in the scorer).

use crate::language::WordLists;
use crate::matcher::Analysis;

/// Most words of a sameness claim's subject, or of what it is compared
/// with: two terms and their joiner, with articles.
const MAX_SIDE_WORDS: usize = 10;

/// Most fillers between the verb and the sameness word.
const MAX_FILLERS: usize = 4;

/// One sameness claim: the byte ranges of its subject and of what the
/// subject is compared with (empty when the subject names both), and a
/// word of the claim, for quoting its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sameness {
    pub subject: (usize, usize),
    pub object: (usize, usize),
    pub word: usize,
}

impl Sameness {
    /// Whether the byte range `start..end` lies in the claim's subject or
    /// object.
    pub fn holds(&self, start: usize, end: usize) -> bool {
        [self.subject, self.object]
            .iter()
            .any(|&(s, e)| s < e && s <= start && end <= e)
    }
}

/// Every sameness claim in the analysed answer, in order.
pub(crate) fn sameness_claims(a: &Analysis<'_>, lists: &WordLists) -> Vec<Sameness> {
    // Each word's flag, set from `lists.sameness_words` in the index.
    (1..a.tokens.len())
        .filter(|&k| a.info[k].is_sameness_word())
        .filter_map(|k| at_word(a, lists, k))
        .collect()
}

/// Whether a stretch of a sameness claim ends between word `k - 1` and
/// word `k`: at a punctuation mark, a sentence end, or a conjunction that
/// opens a clause ("so", "because"), but not at "and" or "or", which join
/// the two things compared.
fn breaks_before(a: &Analysis<'_>, lists: &WordLists, k: usize) -> bool {
    let toks = &a.tokens.tokens;
    if k == 0 || toks[k - 1].sentence != toks[k].sentence {
        return true;
    }
    let opens_clause =
        toks[k - 1].clause != toks[k].clause && !lists.list_connectors.contains(a.tokens.folded(k));
    opens_clause
        || a.text[toks[k - 1].end as usize..toks[k].start as usize]
            .chars()
            .any(|c| matches!(c, ',' | ';' | ':' | '(' | ')' | '—' | '–'))
}

/// The first word of the stretch that ends before word `end`: back to the
/// nearest punctuation, at most [`MAX_SIDE_WORDS`] words.
fn stretch_start(a: &Analysis<'_>, lists: &WordLists, end: usize) -> usize {
    let toks = &a.tokens.tokens;
    let Some(last) = end.checked_sub(1) else {
        return end;
    };
    let mut start = last;
    while start > 0 && last - start + 1 < MAX_SIDE_WORDS && !breaks_before(a, lists, start) {
        start -= 1;
    }
    if toks[start].sentence != toks[last].sentence {
        start += 1;
    }
    start
}

/// The byte range of words `start..end`, or an empty range.
fn bytes(a: &Analysis<'_>, start: usize, end: usize) -> (usize, usize) {
    let toks = &a.tokens.tokens;
    if start >= end {
        return (0, 0);
    }
    (toks[start].start as usize, toks[end - 1].end as usize)
}

/// The sameness claim whose sameness word is word `same`, if any.
fn at_word(a: &Analysis<'_>, lists: &WordLists, same: usize) -> Option<Sameness> {
    let toks = &a.tokens.tokens;
    let word = |k: usize| a.tokens.folded(k);
    let sentence = toks[same].sentence;
    // Back over "pretty much the" to the verb.
    let mut verb = same;
    while same - verb < MAX_FILLERS
        && verb > 0
        && toks[verb - 1].sentence == sentence
        && lists.sameness_fillers.contains(word(verb - 1))
    {
        verb -= 1;
    }
    let verb = verb.checked_sub(1)?;
    if toks[verb].sentence != sentence
        || !(lists.copulas.contains(word(verb)) || lists.sameness_verbs.contains(word(verb)))
    {
        return None;
    }
    // "they're the same": the pronoun is the verb.
    let pronoun_verb = lists.plural_back_references.contains(word(verb));
    let subject_end = if pronoun_verb { verb + 1 } else { verb };
    let mut start = stretch_start(a, lists, subject_end);
    let pronoun = pronoun_verb
        || (start..subject_end).all(|k| {
            lists.plural_back_references.contains(word(k)) || a.info[k].is_function_word()
        }) && (start..subject_end).any(|k| lists.plural_back_references.contains(word(k)));
    let mut end = subject_end;
    if pronoun {
        // The stretch before the pronoun's, in the same sentence.
        if start == 0 || toks[start - 1].sentence != sentence {
            return None;
        }
        end = start;
        start = stretch_start(a, lists, end);
    }
    let joined = (start..end).any(|k| lists.sameness_joiners.contains(word(k)));
    // "the same as Y", "identical to Y": what follows, to the next break.
    let mut object = (0, 0);
    let after = same + 1;
    if after < toks.len()
        && toks[after].sentence == sentence
        && !breaks_before(a, lists, after)
        && lists.sameness_comparers.contains(word(after))
    {
        let mut last = after + 1;
        while last < toks.len() && last - after <= MAX_SIDE_WORDS && !breaks_before(a, lists, last)
        {
            last += 1;
        }
        object = bytes(a, after + 1, last);
    }
    (start < end && (joined || object.0 < object.1)).then(|| Sameness {
        subject: bytes(a, start, end),
        object,
        word: same,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The subjects and objects of the sameness claims in `text`, as text.
    fn claims(text: &str) -> Vec<(String, String)> {
        let rubric = crate::rubric::terms_rubric(&["jwt"]);
        let c = rubric.compiled();
        let a = Analysis::new(c, text);
        sameness_claims(&a, &c.analyzer.lists)
            .into_iter()
            .map(|s| {
                (
                    text[s.subject.0..s.subject.1].to_string(),
                    text[s.object.0..s.object.1].to_string(),
                )
            })
            .collect()
    }

    fn pair(subject: &str, object: &str) -> (String, String) {
        (subject.to_string(), object.to_string())
    }

    #[test]
    fn finds_what_is_called_the_same() {
        assert_eq!(
            claims("And JWT and OAuth are basically the same thing, just names."),
            [pair("And JWT and OAuth", "")]
        );
        assert_eq!(
            claims("Write-through versus cache-aside is just naming, they're the same thing."),
            [pair("Write-through versus cache-aside is just naming", "")]
        );
        assert_eq!(
            claims("Honestly, callbacks are pretty much the same as calling a normal function."),
            [pair("callbacks", "calling a normal function")]
        );
    }

    #[test]
    fn leaves_out_what_is_no_sameness_claim() {
        for text in [
            "JWT and OAuth are not the same thing.",
            "Terraform and Bicep, so every environment is identical and reviewable.",
            "The next hundred people who want the same thing get the saved copy.",
            "We run several identical servers behind a load balancer.",
            "Both do the same thing.",
            "We define everything with Terraform so environments is same.",
            "Escaping the quotes with a replace function does the same job.",
        ] {
            assert_eq!(claims(text), [], "{text}");
        }
    }
}
