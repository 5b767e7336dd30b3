//! Definitions in an answer: "X is Y", "X means Y", "X, which is Y", "X,
//! that's Y".
//!
//! A clause that opens with a term and a defining verb says what the term
//! is: the words after the verb, to the end of the sentence or to a contrast
//! word, are its definition. The scorer reads them against the point the
//! term names: a definition that states nothing of the point ("load
//! balancing means balancing the file sizes") names the point without
//! explaining it (see rule 3 in the scorer).

use crate::language::WordLists;
use crate::matcher::Analysis;

/// Most words a definition's subject may have, articles and a short lead-in
/// ("on SSDs a full table scan") included: a subject is a term, not a
/// clause.
const MAX_SUBJECT_WORDS: usize = 6;

/// Fewest content words a definition needs to be judged: "write overhead
/// is negligible" or "the index is updated" say something about the term
/// without saying what it is.
pub(crate) const MIN_DEFINITION_WORDS: usize = 3;

/// Most words of a definition's body: the rest of a long sentence is no
/// longer about the term (and the bound keeps the search linear).
const MAX_DEFINITION_WORDS: usize = 40;

/// One definition: the words that can hold the defined term, and the words
/// that define it (token ranges, end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Definition {
    pub subject: (u32, u32),
    pub body: (u32, u32),
}

impl Definition {
    /// Whether words `start..end` lie in the subject and head it: at most
    /// [`MAX_WORDS_AFTER_TERM`] content words follow them in it.
    pub fn holds_subject(&self, a: &Analysis<'_>, start: u32, end: u32) -> bool {
        self.subject.0 <= start
            && end <= self.subject.1
            && (end..self.subject.1)
                .filter(|&k| !is_function(a, k as usize))
                .count()
                <= MAX_WORDS_AFTER_TERM
    }

    /// Whether word `w` lies in the definition's body.
    pub fn defines_with(&self, w: u32) -> bool {
        (self.body.0..self.body.1).contains(&w)
    }
}

/// Most content words that may follow the defined term inside its subject
/// ("the B-tree *part* is ..."): the term heads the subject.
pub(crate) const MAX_WORDS_AFTER_TERM: usize = 1;

/// Whether word `k` is a function word (its role, looked up once per word).
fn is_function(a: &Analysis<'_>, k: usize) -> bool {
    a.info[k].is_function_word()
}

/// Every definition in the analysed answer, in order.
pub(crate) fn definitions(a: &Analysis<'_>, lists: &WordLists) -> Vec<Definition> {
    // Each word's flag, set from `lists.defining_verbs` in the index.
    let mut found: Vec<Definition> = (1..a.tokens.len())
        .filter(|&k| a.info[k].is_defining_verb())
        .filter_map(|verb| at_verb(a, lists, verb))
        .collect();
    // A definition ends where the next one begins: "a resource is the
    // server's memory, a representation is the docs" defines two terms.
    for k in 1..found.len() {
        let next = found[k].subject.0;
        let body = &mut found[k - 1].body;
        body.1 = body.1.min(next.max(body.0 + 1));
    }
    found
}

/// Most words between a defining verb and the term before it, or the
/// definition after it: fillers ("a B-tree, which is basically").
const VERB_REACH: usize = 4;

/// The definition that the defining verb at word `verb` opens, if any.
fn at_verb(a: &Analysis<'_>, lists: &WordLists, verb: usize) -> Option<Definition> {
    let toks = &a.tokens.tokens;
    let n = toks.len();
    let word = |k: usize| a.tokens.folded(k);
    // Back over "basically", "just", "which", "uh" to the subject's last
    // word.
    let mut end = verb;
    while end + VERB_REACH > verb
        && end > 0
        && toks[end - 1].sentence == toks[verb].sentence
        && (lists.definition_fillers.contains(word(end - 1))
            || lists.hesitations.contains(word(end - 1)))
    {
        end -= 1;
    }
    if end == 0 || toks[end - 1].sentence != toks[verb].sentence {
        return None;
    }
    let clause = toks[end - 1].clause;
    // The fillers between subject and verb may open a new clause only
    // with a relative pronoun ("a B-tree, which is").
    let joined = if lists.relatives.contains(word(verb)) {
        // "horizontal scaling, where you add servers": a relative that
        // defines on its own follows the term across a comma, with at most
        // a hesitation between ("sharding, uh, that's when ...").
        (end..verb).all(|k| lists.hesitations.contains(word(k))) && toks[verb].clause != clause
    } else {
        // The verb in the subject's clause: "they have a flexible schema,
        // are built to ..." goes on with what *they* are.
        (end..=verb).all(|k| toks[k].clause == clause) || lists.relatives.contains(word(end))
    };
    // The clause's first word, looked for only as far as it may be.
    let start = (end.saturating_sub(MAX_SUBJECT_WORDS)..end)
        .find(|&k| toks[k].clause == clause)
        .unwrap_or(end - 1);
    // A relative pronoun defines the words right before it, however long
    // the clause they end ("we kept the files in S3, which is ..."); a
    // copula, the whole subject of its clause.
    let relative = lists.relatives.contains(word(verb)) || lists.relatives.contains(word(end));
    if !joined || !relative && start > 0 && toks[start - 1].clause == clause {
        return None;
    }
    let mut body_start = verb + 1;
    while body_start < n.min(verb + VERB_REACH)
        && lists.definition_fillers.contains(word(body_start))
    {
        body_start += 1;
    }
    if body_start >= n || toks[body_start].sentence != toks[verb].sentence {
        return None;
    }
    // Not definitions: "X is not Y" (a denial, which the negation rules
    // read), "the downside is that ..." (what follows is a clause of
    // its own), "the pipeline is running" (what the term does).
    let next = word(body_start);
    let progressive = lists.copulas.contains(word(verb))
        && next.len() > 5
        && next.ends_with("ing")
        && !next.ends_with("thing");
    // Nor is a passive ("SQL injection is prevented with parameterised
    // queries"): it says what is done to the term, not what the term is.
    let passive = lists.copulas.contains(word(verb)) && is_participle(next);
    if lists.negators.contains(next)
        || lists.complementisers.contains(next)
        || progressive
        || passive
    {
        return None;
    }
    let body_end = (body_start..n.min(body_start + MAX_DEFINITION_WORDS))
        .find(|&k| toks[k].sentence != toks[verb].sentence || a.info[k].is_contrast_word())
        .unwrap_or(n.min(body_start + MAX_DEFINITION_WORDS));
    // Judged on its first clause: "small teams are autonomous, fault
    // isolation ..." says the teams are autonomous, then lists on.
    let first_clause = toks[body_start].clause;
    let content = (body_start..body_end)
        .take_while(|&k| toks[k].clause == first_clause)
        .filter(|&k| !is_function(a, k))
        .count();
    (content >= MIN_DEFINITION_WORDS).then_some(Definition {
        subject: (start as u32, end as u32),
        body: (body_start as u32, body_end as u32),
    })
}

/// Past participles that do not end in "-ed", as after a copula in a
/// passive ("is *built* on", "are *kept* in").
const IRREGULAR_PARTICIPLES: [&str; 14] = [
    "known", "made", "built", "done", "given", "taken", "written", "kept", "sent", "held", "shown",
    "found", "seen", "chosen",
];

/// Whether a folded word reads as a past participle: "-ed" on a word of
/// five letters or more ("stored", "prevented", not "red" or "bed"), or a
/// common irregular one.
fn is_participle(word: &str) -> bool {
    word.len() >= 5 && word.ends_with("ed") || IRREGULAR_PARTICIPLES.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defined(text: &str) -> Vec<(String, String)> {
        let rubric = crate::rubric::terms_rubric(&[
            "load balancing",
            "b-tree",
            "cache hit",
            "write overhead",
            "index",
            "caching",
            "memory",
            "cache",
        ]);
        let c = rubric.compiled();
        let a = Analysis::new(c, text);
        let words = |(s, e): (u32, u32)| {
            (s..e)
                .map(|k| a.tokens.folded(k as usize).to_string())
                .collect::<Vec<_>>()
                .join(" ")
        };
        definitions(&a, &c.analyzer.lists)
            .into_iter()
            .map(|d| (words(d.subject), words(d.body)))
            .collect()
    }

    #[test]
    fn a_passive_is_not_a_definition() {
        assert_eq!(
            defined("Caching is prevented with short expiry times on every key."),
            []
        );
        assert_eq!(defined("An index is kept in memory by most engines."), []);
        assert_eq!(
            defined("An index is a sorted copy of one column with pointers."),
            [(
                "an index".to_string(),
                "a sorted copy of one column with pointers".to_string()
            )]
        );
    }

    #[test]
    fn finds_the_subject_and_the_body() {
        assert_eq!(
            defined("Load balancing means balancing the file sizes so pages stay light."),
            [(
                "load balancing".to_string(),
                "balancing the file sizes so pages stay light".to_string()
            )]
        );
        assert_eq!(
            defined("It uses a B-tree, which is basically a backup tree of old rows."),
            [(
                "it uses a b tree".to_string(),
                "a backup tree of old rows".to_string()
            )]
        );
        // Two definitions in one sentence: the first ends where the
        // second begins.
        assert_eq!(
            defined(
                "A cache is the server's spare memory pool, an index is a sorted list of rows."
            ),
            [
                (
                    "a cache".to_string(),
                    "the server's spare memory pool".to_string()
                ),
                ("an index".to_string(), "a sorted list of rows".to_string())
            ]
        );
        // A relative after a long clause defines the words before it.
        assert_eq!(
            defined("We kept most of our files in the cache, which is basically a backup disk of old rows."),
            [(
                "of our files in the cache".to_string(),
                "a backup disk of old rows".to_string()
            )]
        );
        assert_eq!(
            defined("A cache hit is when the data is already in memory, but misses go to disk."),
            [(
                "a cache hit".to_string(),
                "when the data is already in memory".to_string()
            )]
        );
    }

    #[test]
    fn leaves_out_what_is_no_definition() {
        // Too little said, a denial, a long subject, a verb with no subject.
        for text in [
            "Write overhead is negligible.",
            "The index is not a backup of the table rows.",
            "The thing that most teams forget when they add caching is that entries expire at different times.",
            "Is it faster to read from memory than from disk?",
            "They usually have a flexible cache, are built to spread data over many nodes.",
        ] {
            assert_eq!(defined(text), [], "{text}");
        }
    }
}
