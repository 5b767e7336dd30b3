//! Compiled phrases: sequences of word slots over a shared vocabulary.
//!
//! Every phrase of a rubric is analysed once, with the same pipeline as the
//! answers, into slots that hold vocabulary ids. Synonyms and compound
//! spellings become extra phrase variants here, so matching only compares ids.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::matcher::Index;
use crate::text::hash::FxBuild;
use crate::text::{Analyzer, Tokens};

/// Index of a word or stem in the [`Vocabulary`].
pub(crate) type TermId = u32;

/// How one phrase word matches an answer word.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Slot {
    /// The folded word itself (stemming off).
    Word(TermId),
    /// The folded stem (stemming on).
    Stem(TermId),
    /// Any word starting with this folded prefix (`revalidat*`).
    Prefix(Box<str>),
}

/// One compiled phrase variant.
#[derive(Debug, Clone)]
pub(crate) struct Phrase {
    pub slots: Vec<Slot>,
    /// The part this phrase stands for.
    pub part: u32,
    /// Index of the alternative's text in its part.
    pub alternative: u32,
    /// Whether answer words may match with typos.
    pub typos: bool,
}

/// Every word and stem the rubric's phrases use, each with an id.
#[derive(Debug, Default, Clone)]
pub(crate) struct Vocabulary {
    pub words: HashMap<Box<str>, TermId, FxBuild>,
    pub stems: HashMap<Box<str>, TermId, FxBuild>,
    /// For typo tolerance: (folded word, its stem, word id, stem id), for
    /// every word of a phrase that allows typos.
    pub fuzzy_entries: Vec<FuzzyEntry>,
    /// The matcher's index of the rubric, built when it is compiled.
    pub index: OnceLock<Index>,
}

/// A vocabulary word that answers may misspell.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct FuzzyEntry {
    pub word: Box<str>,
    pub stem: Box<str>,
    pub word_id: TermId,
    pub stem_id: TermId,
}

impl Vocabulary {
    fn word_id(&mut self, w: &str) -> TermId {
        let next = self.words.len() as TermId;
        *self.words.entry(w.into()).or_insert(next)
    }

    fn stem_id(&mut self, s: &str) -> TermId {
        let next = self.stems.len() as TermId;
        *self.stems.entry(s.into()).or_insert(next)
    }
}

/// Most variants one alternative may expand to through synonyms and compound
/// spellings; beyond this the remaining combinations are dropped. 32 covers
/// a phrase with five two-way choices, far more than hand-written rubrics use.
pub(crate) const MAX_VARIANTS: usize = 32;

/// A phrase analysed into words, before ids are assigned.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Words {
    /// Folded words; a trailing `*` marks a prefix.
    pub words: Vec<String>,
    /// Whether word `i` is joined to word `i + 1` by a hyphen.
    pub hyphen_next: Vec<bool>,
}

/// Analyses phrase text into words, marking prefixes written as `word*`.
pub(crate) fn analyse_words(analyzer: &Analyzer, text: &str) -> Words {
    let tokens: Tokens = analyzer.tokenize(text);
    let mut words = Vec::with_capacity(tokens.len());
    let mut hyphen_next = Vec::with_capacity(tokens.len());
    for (i, t) in tokens.tokens.iter().enumerate() {
        let mut w = tokens.folded(i).to_string();
        if text[t.end as usize..].starts_with('*') {
            w.push('*');
        }
        words.push(w);
        hyphen_next.push(t.hyphen_next);
    }
    Words { words, hyphen_next }
}

/// One spelling of a phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Variant {
    pub words: Vec<String>,
    /// Made by joining hyphenated words ("ecommerce"): such a word was never
    /// written by the author, so it gets no typo tolerance of its own.
    pub joined: bool,
}

/// Expands a phrase into its variants: the phrase itself, each hyphenated
/// pair joined into one word ("e-commerce" → "ecommerce"), and every
/// substitution from the synonym groups (compared by stem when stemming).
pub(crate) fn variants(
    analyzer: &Analyzer,
    phrase: &Words,
    synonyms: &[Vec<Vec<String>>],
    stemming: bool,
) -> Vec<Variant> {
    let key = |w: &str| -> String {
        if stemming && !w.ends_with('*') {
            analyzer.stem_word(w)
        } else {
            w.to_string()
        }
    };
    let mut out = vec![Variant {
        words: phrase.words.clone(),
        joined: false,
    }];
    // Joined compounds.
    for i in 0..phrase.words.len().saturating_sub(1) {
        if phrase.hyphen_next[i] && out.len() < MAX_VARIANTS {
            let mut joined = phrase.words[..i].to_vec();
            joined.push(format!("{}{}", phrase.words[i], phrase.words[i + 1]));
            joined.extend_from_slice(&phrase.words[i + 2..]);
            out.push(Variant {
                words: joined,
                joined: true,
            });
        }
    }
    // Synonym substitutions, applied to every variant found so far.
    let mut i = 0;
    while i < out.len() && out.len() < MAX_VARIANTS {
        let current = out[i].words.clone();
        let joined = out[i].joined;
        let keys: Vec<String> = current.iter().map(|w| key(w)).collect();
        for group in synonyms {
            for member in group {
                let member_keys: Vec<String> = member.iter().map(|w| key(w)).collect();
                let Some(pos) = find_sub(&keys, &member_keys) else {
                    continue;
                };
                for other in group {
                    if other == member {
                        continue;
                    }
                    let mut v = current[..pos].to_vec();
                    v.extend(other.iter().cloned());
                    v.extend_from_slice(&current[pos + member.len()..]);
                    if !out.iter().any(|o| o.words == v) && out.len() < MAX_VARIANTS {
                        out.push(Variant { words: v, joined });
                    }
                }
            }
        }
        i += 1;
    }
    out
}

fn find_sub(hay: &[String], needle: &[String]) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).find(|&i| hay[i..i + needle.len()] == *needle)
}

/// Turns analysed words into slots, adding them to the vocabulary.
pub(crate) fn slots(
    analyzer: &Analyzer,
    vocab: &mut Vocabulary,
    words: &[String],
    stemming: bool,
    typos: bool,
) -> Vec<Slot> {
    words
        .iter()
        .map(|w| {
            if let Some(prefix) = w.strip_suffix('*') {
                return Slot::Prefix(prefix.into());
            }
            let stem = analyzer.stem_word(w);
            let word_id = vocab.word_id(w);
            let stem_id = vocab.stem_id(&stem);
            if typos {
                let entry = FuzzyEntry {
                    word: w.as_str().into(),
                    stem: stem.as_str().into(),
                    word_id,
                    stem_id,
                };
                if !vocab.fuzzy_entries.contains(&entry) {
                    vocab.fuzzy_entries.push(entry);
                }
            }
            if stemming {
                Slot::Stem(stem_id)
            } else {
                Slot::Word(word_id)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::Language;

    fn words(a: &Analyzer, s: &str) -> Words {
        analyse_words(a, s)
    }

    #[test]
    fn marks_prefixes() {
        let a = Analyzer::new(Language::English);
        assert_eq!(words(&a, "revalidat* now").words, ["revalidat*", "now"]);
    }

    #[test]
    fn joins_hyphenated_compounds() {
        let a = Analyzer::new(Language::English);
        let v = variants(&a, &words(&a, "e-commerce site"), &[], true);
        let w: Vec<_> = v.iter().map(|v| (v.words.clone(), v.joined)).collect();
        assert_eq!(
            w,
            [
                (
                    vec!["e".to_string(), "commerce".into(), "site".into()],
                    false
                ),
                (vec!["ecommerce".to_string(), "site".into()], true)
            ]
        );
    }

    #[test]
    fn expands_synonyms_by_stem() {
        let a = Analyzer::new(Language::English);
        let groups = vec![vec![
            vec!["fast".to_string()],
            vec!["quick".to_string(), "to".to_string(), "reach".to_string()],
        ]];
        let v = variants(&a, &words(&a, "fast storage"), &groups, true);
        let w: Vec<_> = v.into_iter().map(|v| v.words).collect();
        assert_eq!(
            w,
            [
                vec!["fast", "storage"],
                vec!["quick", "to", "reach", "storage"]
            ]
        );
    }

    #[test]
    fn variant_count_is_bounded() {
        let a = Analyzer::new(Language::English);
        let groups: Vec<Vec<Vec<String>>> = (0..20)
            .map(|i| {
                vec![
                    vec![format!("w{i}")],
                    vec![format!("x{i}")],
                    vec![format!("y{i}")],
                ]
            })
            .collect();
        let text: Vec<String> = (0..20).map(|i| format!("w{i}")).collect();
        let v = variants(&a, &words(&a, &text.join(" ")), &groups, false);
        assert_eq!(v.len(), MAX_VARIANTS);
    }
}
