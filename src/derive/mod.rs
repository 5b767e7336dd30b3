//! Rubrics derived from a reference answer.
//!
//! Given the question and a model answer, [`RubricBuilder`] writes a
//! [`RubricSpec`] for the same engine that scores hand-written rubrics, so
//! stemming, typo tolerance, synonyms and negation all apply:
//!
//! 1. The reference is split into key points: its lines (list items), its
//!    sentences, and within a sentence its clauses at `;` and at contrastive
//!    conjunctions ("whereas", "but" ...). A clause with a single content word
//!    joins its neighbour, so one-word fragments do not become points.
//! 2. The content words of each point are what is left once function words
//!    (the NLTK list of the language) are removed; a few English ones that
//!    carry meaning in technical answers stay ("once", "before", "only"
//!    ...). Hyphenated compounds stay one term ("end-systems"). Examples and
//!    restatements ("e.g. ...", "i.e. ...", "for example", "such as", to the
//!    end of the clause) are left out. Words the question already uses are
//!    demoted: they earn nothing, since repeating the question shows no
//!    knowledge. A word is credited to the first point that uses it only.
//! 3. Each point is a `k_of_n` group over its terms with `k` about
//!    [`DeriveOptions::coverage`] (60 % by default) of them, so credit grows
//!    with the share of the point found and an answer in other words can
//!    still earn all of it. Its weight is the summed informativeness of its
//!    terms: 1 per term, or the inverse document frequency in a [`Corpus`]
//!    of answers when one is given.
//! 4. A reference (or question) that asks for "at least N" of a listed set
//!    becomes one `k_of_n` point with `k = N`, one item per list entry.
//! 5. A small general-purpose synonym list (`src/synonyms.txt`) adds the
//!    groups whose members the reference uses. A point whose reference text
//!    is itself negative ("no ACK", "avoids copying") does not count a
//!    negated answer as a contradiction.
//!
//! 6. Off by default, as options ([`DeriveOptions`]): WordNet 3.0 synonyms
//!    of each one-word term at full credit and its related words at
//!    [`DeriveOptions::related_credit`] ([`wordnet`]); weights that fall with
//!    a word's number of WordNet senses; long clauses cut into several
//!    points. With a [`Corpus`] of all the answers to the question (batch
//!    grading), terms weigh by how well they tell the answers apart
//!    ([`CorpusWeighting::Cohort`]).
//!
//! A reference whose every word repeats the question keeps those words, and
//! one with only function words keeps them, so any reference with a word in
//! it gives a rubric. A reference with no word at all is an error.
//!
//! ```
//! use answer_rubric::derive;
//!
//! let rubric = derive::from_reference(
//!     "What is a pointer?",
//!     "A variable that contains the address in memory of another variable.",
//! )?;
//! let good = rubric.score("A pointer is a variable storing the memory address of some other variable.");
//! let poor = rubric.score("A pointer points to things.");
//! assert!(good.score > poor.score);
//! # Ok::<(), answer_rubric::Error>(())
//! ```

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

pub mod wordnet;

use crate::error::{Error, ErrorKind, Result};
use crate::language::Language;
use crate::rubric::Rubric;
use crate::spec::{KOfNSpec, MatchingSpec, PartSpec, PointSpec, RubricSpec};
use crate::text::{Analyzer, Tokens};

/// Longest reference or question read, in bytes; the rest is ignored. A
/// model answer is a paragraph or a list, far below this.
pub const MAX_INPUT_BYTES: usize = 64 * 1024;
/// Most key points in a derived rubric.
const MAX_POINTS: usize = 100;
/// Most terms over all points (each becomes one phrase, and synonyms
/// multiply phrases): keeps every derived rubric within the compiler's
/// limits.
const MAX_TERMS: usize = 500;
/// Most terms in one `k_of_n` group (the compiler's limit of parts).
const MAX_GROUP: usize = 64;
/// Most words in one hyphenated term (the compiler's phrase limit).
const MAX_TERM_WORDS: usize = 32;
/// Most alternatives kept for one item of an "at least N" list.
const MAX_ITEM_ALTERNATIVES: usize = 4;
/// Default share of a point's terms that gives full credit.
pub const DEFAULT_COVERAGE: f64 = 0.6;
/// Longest label, in characters.
const MAX_LABEL_CHARS: usize = 80;
/// Default credit of a point found through related words.
pub const DEFAULT_RELATED_CREDIT: f64 = 0.6;
/// Most WordNet synonyms, and most related words, added to one term.
const MAX_ALTERNATIVES: usize = 6;
/// A clause with more content terms than this is cut at its inner clause
/// boundaries (commas, "and", "or") into points of at least
/// [`MIN_SPLIT_TERMS`] terms each.
const SPLIT_ABOVE: usize = 7;
/// Fewest content terms in a point cut from a long clause.
const MIN_SPLIT_TERMS: usize = 3;
/// Floor of a cohort term weight, for words no answer uses or every answer
/// uses.
const COHORT_FLOOR: f64 = 0.25;

/// Words that start a contrasting clause, where a reference sentence is cut
/// into two key points.
const CONTRAST_WORDS: &[&str] = &[
    "whereas", "but", "however", "although", "though", "while", "whilst", "unlike",
];

/// Stems of English words that negate by meaning ("it avoids copies"): an
/// answer that says the same with "not" ("it does not copy") agrees with the
/// reference, so a point whose text has one does not treat negation as a
/// contradiction.
const NEGATIVE_SENSE: &[&str] = &[
    "avoid", "prevent", "elimin", "lack", "omit", "forbid", "prohibit", "without", "instead",
    "rather", "unabl", "fail", "neither", "nor", "lose", "loss", "miss", "absenc", "absent",
    "except",
];

/// English function words that carry the point of many technical answers
/// ("executes at least once", "checks before", "only inside", "all but the
/// first"): quantity, order and repetition. They count as content.
const MEANINGFUL_FUNCTION_WORDS: &[&str] = &[
    "once", "before", "after", "again", "same", "more", "most", "few", "both", "all", "only",
    "each",
];

/// Conjunctions that separate the entries of a list.
const LIST_CONJUNCTIONS: &[&str] = &["and", "or", "nor"];

/// Words after which the rest of the clause is an example or a restatement.
/// "for example", "for instance" and "such as" count too.
const EXAMPLE_MARKERS: &[&str] = &["e.g", "eg", "i.e", "ie"];

/// Abbreviations that are not content ("e.g.", "i.e.", "etc.").
const ABBREVIATIONS: &[&str] = &["e.g", "i.e", "eg", "ie", "etc", "cf", "vs", "viz"];

/// How a rubric is derived.
#[derive(Debug, Clone, PartialEq)]
pub struct DeriveOptions {
    /// The language of the reference and the answers.
    pub language: Language,
    /// Share of a key point's terms that gives the point full credit, in
    /// (0, 1]; `k` is this share of `n`, rounded, at least 1.
    pub coverage: f64,
    /// Whether words of the question earn nothing.
    pub demote_question: bool,
    /// Whether the built-in synonym list applies.
    pub synonyms: bool,
    /// Whether WordNet synonyms (full credit) and related words (see
    /// [`related_credit`](Self::related_credit)) of English reference words
    /// are accepted, and WordNet's sense counts weigh general words less
    /// (see [`generality`](Self::generality)). Ignored for other languages.
    pub wordnet: bool,
    /// Credit, in [0, 1], of a key point found through WordNet related words
    /// ("allocation" for "allocate", "storage" for "memory"); 0 turns
    /// related words off.
    pub related_credit: f64,
    /// Whether long clauses (more than seven content words) are cut at
    /// their commas and conjunctions into several key points, so that a
    /// long reference does not collapse into a few points that need many
    /// words each.
    pub split_clauses: bool,
    /// Whether a word weighs less the more senses it has in WordNet
    /// ("make", "use" and "set" say less than "checksum"): the weight of a
    /// term is `1 / (1 + ln(senses) / 2)`. Needs [`wordnet`](Self::wordnet).
    pub generality: bool,
    /// How a [`Corpus`] given to the builder weighs words.
    pub corpus_weighting: CorpusWeighting,
    /// The rubric's id (a slug).
    pub id: String,
}

/// How the answers in a [`Corpus`] weigh the reference's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CorpusWeighting {
    /// Cohort weights: a word weighs most when about half the answers use
    /// it, and least when none or all of them do: `0.25 + 0.75 · 2 ·
    /// sqrt(p (1 − p))` for the share `p` of answers with the word (or a
    /// synonym). Words every answer repeats do not tell answers apart, and
    /// words no answer uses are the reference's own phrasing.
    #[default]
    Cohort,
    /// Smoothed inverse document frequency: rarer words weigh more.
    Idf,
}

impl Default for DeriveOptions {
    fn default() -> Self {
        DeriveOptions {
            language: Language::English,
            coverage: DEFAULT_COVERAGE,
            demote_question: true,
            synonyms: true,
            wordnet: false,
            related_credit: DEFAULT_RELATED_CREDIT,
            split_clauses: false,
            generality: false,
            corpus_weighting: CorpusWeighting::Cohort,
            id: "derived".to_string(),
        }
    }
}

/// Document frequencies of word stems in a set of texts (for instance all
/// the answers to one question), which tell how informative a word is: a
/// word that few texts use says more than one that all use.
///
/// Only the texts are used, never grades.
#[derive(Debug, Clone)]
pub struct Corpus {
    analyzer: Arc<Analyzer>,
    docs: u32,
    df: HashMap<String, u32>,
}

impl Corpus {
    /// An empty corpus for texts in `language`.
    pub fn new(language: Language) -> Corpus {
        Corpus {
            analyzer: Arc::new(Analyzer::new(language)),
            docs: 0,
            df: HashMap::new(),
        }
    }

    /// A corpus of the given texts.
    pub fn from_texts<I, S>(language: Language, texts: I) -> Corpus
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut c = Corpus::new(language);
        for t in texts {
            c.add(t.as_ref());
        }
        c
    }

    /// Adds one text (only its first [`MAX_INPUT_BYTES`] bytes are read).
    pub fn add(&mut self, text: &str) {
        let tokens = self.analyzer.tokenize(cut(text, MAX_INPUT_BYTES));
        let stems: HashSet<&str> = (0..tokens.len()).map(|i| tokens.stem(i)).collect();
        for s in stems {
            match self.df.get_mut(s) {
                Some(n) => *n = n.saturating_add(1),
                None => {
                    self.df.insert(s.to_string(), 1);
                }
            }
        }
        self.docs = self.docs.saturating_add(1);
    }

    /// Number of texts added.
    pub fn len(&self) -> usize {
        self.docs as usize
    }

    /// Whether no text was added.
    pub fn is_empty(&self) -> bool {
        self.docs == 0
    }

    /// Smoothed inverse document frequency of a stem: `ln((1 + N) / (1 +
    /// df)) + 1`, so 1 for a word every text uses and more for rarer ones.
    fn idf(&self, stem: &str) -> f64 {
        let df = self.df.get(stem).copied().unwrap_or(0) as f64;
        ((1.0 + self.docs as f64) / (1.0 + df)).ln() + 1.0
    }

    /// Cohort weight of a term found by any of `stems` (the term's stem and
    /// its synonyms'): see [`CorpusWeighting::Cohort`].
    fn cohort(&self, stems: &[String]) -> f64 {
        let df = stems
            .iter()
            .map(|s| self.df.get(s.as_str()).copied().unwrap_or(0))
            .max()
            .unwrap_or(0);
        let p = (df as f64 / self.docs.max(1) as f64).clamp(0.0, 1.0);
        COHORT_FLOOR + (1.0 - COHORT_FLOOR) * 2.0 * (p * (1.0 - p)).sqrt()
    }
}

/// Derives a rubric from a question and its reference answer.
///
/// ```
/// use answer_rubric::derive::{Corpus, DeriveOptions, RubricBuilder};
/// use answer_rubric::Language;
///
/// let answers = ["It blocks.", "The caller waits until the task is done.", "No idea."];
/// let corpus = Corpus::from_texts(Language::English, answers);
/// let rubric = RubricBuilder::new(
///     "What does a synchronous call do?",
///     "It blocks the caller until the task completes.",
/// )
/// .corpus(&corpus)
/// .options(DeriveOptions { coverage: 0.5, ..DeriveOptions::default() })
/// .build()?;
/// assert!(rubric.score("The caller blocks until it completes").score > 0.9);
/// # Ok::<(), answer_rubric::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct RubricBuilder<'a> {
    question: &'a str,
    reference: &'a str,
    corpus: Option<&'a Corpus>,
    options: DeriveOptions,
}

impl<'a> RubricBuilder<'a> {
    /// A builder for `reference`, the model answer to `question`.
    pub fn new(question: &'a str, reference: &'a str) -> RubricBuilder<'a> {
        RubricBuilder {
            question,
            reference,
            corpus: None,
            options: DeriveOptions::default(),
        }
    }

    /// Weights words by their informativeness in `corpus`. Without a
    /// corpus every content word weighs the same.
    pub fn corpus(mut self, corpus: &'a Corpus) -> RubricBuilder<'a> {
        self.corpus = Some(corpus);
        self
    }

    /// Sets the options.
    pub fn options(mut self, options: DeriveOptions) -> RubricBuilder<'a> {
        self.options = options;
        self
    }

    /// The derived rubric as plain data, for inspection or saving as a
    /// rubric file. Fails only when the reference has no word at all.
    pub fn spec(&self) -> Result<RubricSpec> {
        derive_spec(self)
    }

    /// The derived rubric, compiled.
    pub fn build(&self) -> Result<Rubric> {
        Rubric::compile(self.spec()?)
    }
}

/// Derives and compiles a rubric with the default options and no corpus.
pub fn from_reference(question: &str, reference: &str) -> Result<Rubric> {
    RubricBuilder::new(question, reference).build()
}

/// One term of the reference: a word, or hyphenated words.
#[derive(Debug, Clone)]
struct Term {
    /// The phrase to match ("end-systems").
    text: String,
    /// Stems, joined by '-': identifies the term.
    key: String,
    /// Stems of its words.
    stems: Vec<String>,
    /// Whether any of its words is a content word.
    content: bool,
    /// Byte offset of the term in the reference.
    start: usize,
    /// The clause it is in: clauses end at punctuation and at "and", "or".
    clause: u32,
    /// Part of an example or a restatement ("e.g. 300 m to 30 m"): an
    /// illustration that an answer need not repeat, so it is left out.
    example: bool,
    /// WordNet synonyms (one-word English terms only).
    synonyms: Vec<String>,
    /// WordNet related words.
    related: Vec<String>,
    /// Stems of the term and of its synonyms.
    alt_stems: Vec<String>,
    /// WordNet sense count of the word.
    senses: Option<u32>,
}

impl Term {
    /// The term and its synonyms, and with `related` its related words too.
    fn alternatives(&self, related: bool) -> PartSpec {
        let mut alts = vec![self.text.clone()];
        alts.extend(self.synonyms.iter().cloned());
        if related {
            alts.extend(self.related.iter().cloned());
        }
        if alts.len() == 1 {
            PartSpec::One(self.text.clone())
        } else {
            PartSpec::Any(alts)
        }
    }
}

/// A stretch of the reference that becomes one key point.
#[derive(Debug, Clone, Default)]
struct Segment {
    /// Byte range in the (cut) reference.
    start: usize,
    end: usize,
    terms: Vec<Term>,
    /// A negator occurs in the segment.
    negated: bool,
    /// The line the segment starts on.
    line: usize,
}

fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn is_joining_hyphen(gap: &str) -> bool {
    matches!(gap, "-" | "\u{2010}" | "\u{2011}")
}

fn derive_spec(b: &RubricBuilder<'_>) -> Result<RubricSpec> {
    let opts = &b.options;
    let analyzer = Analyzer::new(opts.language);
    let reference = cut(b.reference, MAX_INPUT_BYTES);
    let question = cut(b.question, MAX_INPUT_BYTES);
    let tokens = analyzer.tokenize(reference);
    if tokens.len() == 0 {
        return Err(Error::new(ErrorKind::EmptyField { field: "reference" }));
    }
    let mut segments = segments(&analyzer, opts.language, reference, &tokens);
    if opts.split_clauses {
        segments = split_long(segments);
    }

    let question_tokens = analyzer.tokenize(question);
    let question_stems: HashSet<String> = (0..question_tokens.len())
        .map(|i| question_tokens.stem(i).to_string())
        .collect();
    let use_wordnet = opts.wordnet && opts.language == Language::English;
    for seg in &mut segments {
        for t in &mut seg.terms {
            t.alt_stems = t.stems.clone();
            if use_wordnet && t.content && t.stems.len() == 1 {
                add_wordnet(&analyzer, t, &question_stems);
            }
        }
    }
    let weight = |t: &Term| -> f64 {
        let base = match b.corpus {
            Some(c) if !c.is_empty() => match opts.corpus_weighting {
                CorpusWeighting::Idf => t.stems.iter().map(|s| c.idf(s)).fold(0.0, f64::max),
                CorpusWeighting::Cohort => c.cohort(&t.alt_stems),
            },
            _ => 1.0,
        };
        let general = match t.senses {
            Some(n) if use_wordnet && opts.generality && n > 1 => {
                1.0 / (1.0 + (n as f64).ln() / 2.0)
            }
            _ => 1.0,
        };
        base * general
    };
    let demoted =
        |t: &Term| opts.demote_question && t.stems.iter().all(|s| question_stems.contains(s));

    // Terms per segment: content, not demoted, each key once. Fall back to
    // demoted terms, then to any word, so that a rubric always has a point.
    let mut chosen = choose_terms(&segments, |t| t.content && !t.example && !demoted(t));
    if chosen.iter().all(Vec::is_empty) {
        chosen = choose_terms(&segments, |t| t.content);
    }
    if chosen.iter().all(Vec::is_empty) {
        chosen = choose_terms(&segments, |_| true);
    }

    let marker = at_least(reference, &tokens);
    let wanted = marker
        .map(|(n, _)| n)
        .or_else(|| at_least(question, &question_tokens).map(|(n, _)| n));
    let mut points: Vec<PointSpec> = Vec::new();
    let mut synonym_terms: Vec<&Term> = Vec::new();
    let mut budget = MAX_TERMS;

    // "At least N" of a list: the list's entries become the items of one
    // group. Entries are the lines of a reference with several lines (but
    // the line that says "at least"), else the clauses after "at least N".
    let mut listed: HashSet<usize> = HashSet::new();
    if let Some(n) = wanted {
        let lines: HashSet<usize> = segments.iter().map(|s| s.line).collect();
        let marker_line = marker.map(|(_, end)| reference[..end].matches('\n').count());
        let mut items: Vec<Vec<&Term>> = Vec::new();
        if lines.len() > 1 {
            let mut last_line = None;
            for (i, seg) in segments.iter().enumerate() {
                // Lines before the one that announces the list are points of
                // their own.
                if marker_line.is_some_and(|m| seg.line < m) {
                    continue;
                }
                if Some(seg.line) == marker_line {
                    // The line that announces the list is not an entry.
                    listed.insert(i);
                    continue;
                }
                if chosen[i].is_empty() {
                    continue;
                }
                listed.insert(i);
                match items.last_mut() {
                    Some(terms) if last_line == Some(seg.line) => {
                        terms.extend(chosen[i].iter().copied())
                    }
                    _ => items.push(chosen[i].clone()),
                }
                last_line = Some(seg.line);
            }
        } else {
            let after = marker.map_or(0, |(_, end)| end);
            let mut last_clause = None;
            for (i, terms) in chosen.iter().enumerate() {
                for &t in terms.iter().filter(|t| t.start >= after) {
                    listed.insert(i);
                    match items.last_mut() {
                        Some(item) if last_clause == Some(t.clause) => item.push(t),
                        _ => items.push(vec![t]),
                    }
                    last_clause = Some(t.clause);
                }
            }
        }
        if items.len() >= n.max(2) && items.len() <= MAX_GROUP {
            let mut parts = Vec::new();
            let mut total = 0.0;
            for (idx, terms) in items.iter().enumerate() {
                // Distinctive terms first: those no other item uses.
                let others: HashSet<&str> = items
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != idx)
                    .flat_map(|(_, ts)| ts.iter().map(|t| t.key.as_str()))
                    .collect();
                let mut ranked: Vec<&Term> = terms
                    .iter()
                    .copied()
                    .filter(|t| !others.contains(t.key.as_str()))
                    .collect();
                if ranked.is_empty() {
                    ranked = terms.clone();
                }
                ranked.sort_by(|a, c| weight(c).total_cmp(&weight(a)));
                ranked.truncate(MAX_ITEM_ALTERNATIVES.min(budget.max(1)));
                budget = budget.saturating_sub(ranked.len());
                total += terms.iter().map(|t| weight(t)).sum::<f64>();
                synonym_terms.extend(ranked.iter().copied());
                parts.push(PartSpec::Any(
                    ranked.iter().map(|t| t.text.clone()).collect(),
                ));
            }
            let k = n.min(parts.len());
            let weight = total / items.len() as f64 * k as f64;
            points.push(PointSpec {
                id: "list".to_string(),
                label: format!("at least {k} of the {} listed items", parts.len()),
                weight: positive(weight),
                required: false,
                bonus: false,
                hint: Some(format!("Name at least {k} of the listed items.")),
                phrases: Vec::new(),
                partial: Vec::new(),
                all_of: Vec::new(),
                k_of_n: vec![KOfNSpec {
                    k,
                    items: parts,
                    credit: None,
                }],
                claims: Vec::new(),
                regex: Vec::new(),
                stemming: None,
                typos: None,
                negation: Some(false),
            });
        } else {
            listed.clear();
        }
    }

    for (i, seg) in segments.iter().enumerate() {
        if listed.contains(&i) || chosen[i].is_empty() || budget == 0 || points.len() >= MAX_POINTS
        {
            continue;
        }
        let mut terms: Vec<&Term> = chosen[i].clone();
        terms.truncate(budget);
        budget -= terms.len();
        for (c, chunk) in terms.chunks(MAX_GROUP).enumerate() {
            if points.len() >= MAX_POINTS {
                break;
            }
            let n = chunk.len();
            let k = ((opts.coverage.clamp(0.0, 1.0) * n as f64).round() as usize).clamp(1, n);
            let w: f64 = chunk.iter().map(|t| weight(t)).sum();
            let label = label(&reference[seg.start..seg.end]);
            synonym_terms.extend(chunk.iter().copied());
            let mut groups = vec![KOfNSpec {
                k,
                items: chunk.iter().map(|t| t.alternatives(false)).collect(),
                credit: None,
            }];
            let related = opts.related_credit.clamp(0.0, 1.0);
            if related > 0.0 && chunk.iter().any(|t| !t.related.is_empty()) {
                groups.push(KOfNSpec {
                    k,
                    items: chunk.iter().map(|t| t.alternatives(true)).collect(),
                    credit: Some(related),
                });
            }
            points.push(PointSpec {
                id: if c == 0 {
                    format!("p{}", points.len() + 1)
                } else {
                    format!("p{}-{}", points.len() + 1, c + 1)
                },
                hint: Some(format!("Mention: {label}")),
                label,
                weight: positive(w),
                required: false,
                bonus: false,
                phrases: Vec::new(),
                partial: Vec::new(),
                all_of: Vec::new(),
                k_of_n: groups,
                claims: Vec::new(),
                regex: Vec::new(),
                stemming: None,
                typos: None,
                negation: seg.negated.then_some(false),
            });
        }
    }
    if points.is_empty() {
        return Err(Error::new(ErrorKind::EmptyField { field: "reference" }));
    }

    let synonyms = if opts.synonyms {
        synonym_groups(&analyzer, &synonym_terms)
    } else {
        Vec::new()
    };
    let question_text = if question.trim().is_empty() {
        "(question not given)".to_string()
    } else {
        question.to_string()
    };
    Ok(RubricSpec {
        id: if valid_id(&opts.id) {
            opts.id.clone()
        } else {
            "derived".to_string()
        },
        number: None,
        title: label(&question_text),
        question: question_text,
        reference: Some(reference.to_string()),
        language: opts.language,
        required_cap: None,
        matching: MatchingSpec::default(),
        synonyms,
        bands: Vec::new(),
        points,
        misconceptions: Vec::new(),
    })
}

fn positive(w: f64) -> f64 {
    if w.is_finite() && w > 0.0 {
        w
    } else {
        1.0
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A one-line label: whitespace collapsed, cut at [`MAX_LABEL_CHARS`].
fn label(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let flat = flat.trim_matches(|c: char| c.is_ascii_punctuation() && c != ')' && c != '"');
    let mut out: String = flat.chars().take(MAX_LABEL_CHARS).collect();
    if flat.chars().count() > MAX_LABEL_CHARS {
        out.push('…');
    }
    if out.is_empty() {
        "key point".to_string()
    } else {
        out
    }
}

/// For each segment, its terms that pass `keep`, each key once over the
/// whole reference (the first segment using it keeps it).
fn choose_terms(segments: &[Segment], keep: impl Fn(&Term) -> bool) -> Vec<Vec<&Term>> {
    let mut seen: HashSet<&str> = HashSet::new();
    segments
        .iter()
        .map(|s| {
            s.terms
                .iter()
                .filter(|t| keep(t) && seen.insert(t.key.as_str()))
                .collect()
        })
        .collect()
}

/// Splits the reference into segments of terms.
fn segments(analyzer: &Analyzer, language: Language, text: &str, tokens: &Tokens) -> Vec<Segment> {
    let lists = &analyzer.lists;
    let suffix = language.negation_suffix();
    let toks = &tokens.tokens;
    let mut out: Vec<Segment> = Vec::new();
    let mut current = Segment::default();
    let mut line = 0usize;
    let mut example = false;
    let mut clause = 0u32;
    let mut i = 0;
    while i < toks.len() {
        let gap_start = if i == 0 { 0 } else { toks[i - 1].end as usize };
        let gap = &text[gap_start..toks[i].start as usize];
        let newlines = gap.matches('\n').count();
        let folded = tokens.folded(i);
        let new_sentence = i > 0 && toks[i].sentence != toks[i - 1].sentence;
        let boundary = i > 0
            && (new_sentence
                || newlines > 0
                || gap.contains(';')
                || CONTRAST_WORDS.contains(&folded));
        line += newlines;
        if boundary && !current.terms.is_empty() {
            current.end = toks[i - 1].end as usize;
            out.push(std::mem::take(&mut current));
        }
        if current.terms.is_empty() {
            current.start = toks[i].start as usize;
            current.line = line;
        }
        // A run of words joined by hyphens is one term.
        let mut j = i + 1;
        while j < toks.len()
            && j - i < MAX_TERM_WORDS
            && is_joining_hyphen(&text[toks[j - 1].end as usize..toks[j].start as usize])
        {
            j += 1;
        }
        // An example runs to the end of its clause.
        if new_sentence || gap.contains([',', ';', ':', '\n', '(', ')']) {
            example = false;
        }
        if i > 0 && (toks[i].clause != toks[i - 1].clause || LIST_CONJUNCTIONS.contains(&folded)) {
            clause += 1;
        }
        let words: Vec<&str> = (i..j).map(|k| tokens.folded(k)).collect();
        let stems: Vec<String> = (i..j).map(|k| tokens.stem(k).to_string()).collect();
        let negator = (i..j).any(|k| {
            let w = tokens.folded(k);
            lists.negators.contains(w)
                || lists.prefix_negators.contains(w)
                || suffix.is_some_and(|s| w.ends_with(s))
        });
        current.negated |= negator || (i..j).any(|k| NEGATIVE_SENSE.contains(&tokens.stem(k)));
        let content = words.iter().any(|w| is_content(analyzer, w));
        current.terms.push(Term {
            text: words.join("-"),
            key: stems.join("-"),
            stems,
            content,
            example,
            start: toks[i].start as usize,
            clause,
            synonyms: Vec::new(),
            related: Vec::new(),
            alt_stems: Vec::new(),
            senses: None,
        });
        let next = (j < toks.len()).then(|| tokens.folded(j));
        if EXAMPLE_MARKERS.contains(&folded)
            || (folded == "for" && matches!(next, Some("example" | "instance")))
            || (folded == "such" && next == Some("as"))
        {
            example = true;
        }
        i = j;
    }
    if !current.terms.is_empty() {
        current.end = toks[toks.len() - 1].end as usize;
        out.push(current);
    }
    merge_fragments(analyzer, out)
}

/// A word that carries content: not a function word and not an
/// abbreviation. Single letters count ("N operations").
fn is_content(analyzer: &Analyzer, w: &str) -> bool {
    let lists = &analyzer.lists;
    if MEANINGFUL_FUNCTION_WORDS.contains(&w) {
        return true;
    }
    !lists.function_words.contains(w) && !lists.negators.contains(w) && !ABBREVIATIONS.contains(&w)
}

/// Joins segments with fewer than two content terms to a neighbour on the
/// same line, so that "Advantage:" or "but not X" do not stand alone.
fn merge_fragments(analyzer: &Analyzer, segs: Vec<Segment>) -> Vec<Segment> {
    let content = |s: &Segment| {
        s.terms
            .iter()
            .filter(|t| t.content && t.text.chars().any(char::is_alphanumeric))
            .count()
    };
    let _ = analyzer;
    let mut out: Vec<Segment> = Vec::with_capacity(segs.len());
    let mut pending: Option<Segment> = None;
    for mut s in segs {
        if let Some(p) = pending.take() {
            if p.line == s.line {
                s.start = p.start;
                s.negated |= p.negated;
                let mut terms = p.terms;
                append_terms(&mut terms, std::mem::take(&mut s.terms));
                s.terms = terms;
                s.line = p.line;
            } else {
                out.push(p);
            }
        }
        if content(&s) < 2 {
            match out.last_mut() {
                Some(prev) if prev.line == s.line => {
                    prev.end = s.end;
                    prev.negated |= s.negated;
                    append_terms(&mut prev.terms, std::mem::take(&mut s.terms));
                }
                _ => pending = Some(s),
            }
        } else {
            out.push(s);
        }
    }
    if let Some(p) = pending {
        out.push(p);
    }
    out
}

/// WordNet synonyms and related words of a one-word term, without function
/// words, question words and forms of the term itself.
fn add_wordnet(analyzer: &Analyzer, t: &mut Term, question_stems: &HashSet<String>) {
    let (syn, rel, senses) = wordnet::lookup(&t.text, &t.stems[0]);
    t.senses = senses;
    let mut seen: HashSet<String> = HashSet::new();
    seen.insert(t.stems[0].clone());
    let keep = |w: &str, seen: &mut HashSet<String>| -> Option<(String, String)> {
        let stem = analyzer.stem_word(w);
        (is_content(analyzer, w) && !question_stems.contains(&stem) && seen.insert(stem.clone()))
            .then(|| (w.to_string(), stem))
    };
    for w in syn {
        if t.synonyms.len() >= MAX_ALTERNATIVES {
            break;
        }
        if let Some((w, stem)) = keep(w, &mut seen) {
            t.synonyms.push(w);
            t.alt_stems.push(stem);
        }
    }
    for w in rel {
        if t.related.len() >= MAX_ALTERNATIVES {
            break;
        }
        if let Some((w, _)) = keep(w, &mut seen) {
            t.related.push(w);
        }
    }
}

/// Cuts segments with more than [`SPLIT_ABOVE`] content terms at their
/// inner clause boundaries, into pieces of at least [`MIN_SPLIT_TERMS`]
/// content terms.
fn split_long(segs: Vec<Segment>) -> Vec<Segment> {
    let counts = |terms: &[Term]| terms.iter().filter(|t| t.content && !t.example).count();
    let mut out = Vec::with_capacity(segs.len());
    for seg in segs {
        if counts(&seg.terms) <= SPLIT_ABOVE {
            out.push(seg);
            continue;
        }
        let mut pieces: Vec<Vec<Term>> = Vec::new();
        let mut current: Vec<Term> = Vec::new();
        for t in seg.terms.iter().cloned() {
            let boundary = current.last().is_some_and(|l: &Term| l.clause != t.clause);
            if boundary && counts(&current) >= MIN_SPLIT_TERMS {
                pieces.push(std::mem::take(&mut current));
            }
            current.push(t);
        }
        match pieces.last_mut() {
            Some(last) if counts(&current) < MIN_SPLIT_TERMS => last.extend(current),
            _ => pieces.push(current),
        }
        let n = pieces.len();
        for (i, terms) in pieces.into_iter().enumerate() {
            let start = if i == 0 { seg.start } else { terms[0].start };
            out.push(Segment {
                start,
                end: seg.end,
                terms,
                negated: seg.negated,
                line: seg.line,
            });
        }
        // Each piece ends where the next begins.
        let len = out.len();
        for i in len - n..len - 1 {
            out[i].end = out[i + 1].start.max(out[i].start);
        }
    }
    out
}

/// Appends the terms of a following clause.
fn append_terms(to: &mut Vec<Term>, from: Vec<Term>) {
    to.extend(from);
}

/// The N of "at least N", "any N of" or "N of the following" (in digits or
/// words) and the byte offset where the phrase ends.
fn at_least(text: &str, tokens: &Tokens) -> Option<(usize, usize)> {
    const NUMBERS: &[&str] = &[
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    let number = |w: &str| -> Option<usize> {
        w.parse::<usize>()
            .ok()
            .or_else(|| NUMBERS.iter().position(|n| *n == w).map(|p| p + 1))
            .filter(|&n| (1..=MAX_GROUP).contains(&n))
    };
    let end = |i: usize| (tokens.tokens[i].end as usize).min(text.len());
    (2..tokens.len()).find_map(|i| {
        let (a, b, c) = (tokens.folded(i - 2), tokens.folded(i - 1), tokens.folded(i));
        let following = i + 2 < tokens.len()
            && tokens.folded(i + 1) == "the"
            && tokens.folded(i + 2) == "following";
        if a == "at" && b == "least" {
            number(c).map(|n| (n, end(i)))
        } else if a == "any" && c == "of" {
            number(b).map(|n| (n, end(i)))
        } else if c == "of" && following {
            // "One of the following advantages is correct:".
            number(b).map(|n| (n, end(i + 2)))
        } else {
            None
        }
    })
}

/// The built-in synonym groups, parsed once.
fn builtin_synonyms() -> &'static [Vec<String>] {
    static GROUPS: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    GROUPS.get_or_init(|| {
        include_str!("../synonyms.txt")
            .lines()
            .map(|l| l.split('#').next().unwrap_or(""))
            .map(|l| {
                l.split(',')
                    .map(|m| m.trim().to_lowercase())
                    .filter(|m| !m.is_empty())
                    .collect::<Vec<String>>()
            })
            .filter(|g| g.len() > 1)
            .collect()
    })
}

/// The built-in groups with a one-word member whose stem is the stem of one
/// of `terms`.
fn synonym_groups(analyzer: &Analyzer, terms: &[&Term]) -> Vec<Vec<String>> {
    let keys: HashSet<&str> = terms.iter().map(|t| t.key.as_str()).collect();
    builtin_synonyms()
        .iter()
        .filter(|g| {
            g.iter()
                .filter(|m| !m.contains(' '))
                .any(|m| keys.contains(analyzer.stem_word(m).as_str()))
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Status;

    fn spec(question: &str, reference: &str) -> RubricSpec {
        RubricBuilder::new(question, reference).spec().unwrap()
    }

    fn items(p: &PointSpec) -> Vec<String> {
        p.k_of_n[0]
            .items
            .iter()
            .map(|i| i.phrases()[0].clone())
            .collect()
    }

    fn score(question: &str, reference: &str, answer: &str) -> f64 {
        from_reference(question, reference)
            .unwrap()
            .score(answer)
            .score
    }

    #[test]
    fn one_point_per_sentence_and_per_line() {
        let s = spec(
            "What is the difference between a constructor and a function?",
            "A constructor is called whenever an object is created. Constructors have no return type.\n\
             - functions are called explicitly\n- functions declare a return type",
        );
        assert_eq!(s.points.len(), 4, "{:#?}", s.points);
        assert_eq!(
            items(&s.points[0]),
            ["called", "whenever", "object", "created"]
        );
        // Each word is credited to the first point that uses it.
        assert_eq!(items(&s.points[1]), ["return", "type"]);
        assert_eq!(items(&s.points[2]), ["explicitly"]);
        assert_eq!(items(&s.points[3]), ["declare"]);
        assert!(s.points.iter().all(|p| p.weight > 0.0));
    }

    #[test]
    fn contrastive_clauses_split_a_sentence() {
        let s = spec(
            "Compare TCP and UDP.",
            "TCP retransmits lost segments in order, whereas UDP sends datagrams without any guarantee.",
        );
        assert_eq!(s.points.len(), 2);
        assert_eq!(
            items(&s.points[0]),
            ["retransmits", "lost", "segments", "order"]
        );
        // The clause with "without" turns negation off for its point.
        assert_eq!(s.points[0].negation, None);
        assert_eq!(s.points[1].negation, Some(false));
    }

    #[test]
    fn one_sentence_reference_gives_partial_credit_by_share_of_words() {
        let q = "What is a pointer?";
        let r = "A variable that contains the address in memory of another variable.";
        let s = spec(q, r);
        assert_eq!(s.points.len(), 1);
        let group = &s.points[0].k_of_n[0];
        assert_eq!(
            items(&s.points[0]),
            ["variable", "contains", "address", "memory", "another"]
        );
        assert_eq!(group.k, 3, "k is 60 % of 5");
        let full = score(
            q,
            r,
            "a variable containing the memory address of another one",
        );
        let part = score(q, r, "it stores an address");
        let none = score(q, r, "it points");
        assert_eq!(full, 1.0);
        assert!(part > 0.0 && part < full, "{part}");
        assert_eq!(none, 0.0);
    }

    #[test]
    fn question_words_earn_nothing() {
        let q = "What does the address operator return?";
        let r = "The memory address of its operand.";
        let s = spec(q, r);
        let words: Vec<String> = s.points.iter().flat_map(items).collect();
        assert_eq!(words, ["memory", "operand"]);
        assert_eq!(score(q, r, "The address operator returns an address."), 0.0);
        assert_eq!(score(q, r, "the memory location of the operand"), 1.0);
    }

    #[test]
    fn a_reference_of_question_words_still_gives_a_rubric() {
        let q = "What is the scope of global variables?";
        let s = spec(q, "Global scope.");
        assert_eq!(s.points.len(), 1);
        assert_eq!(items(&s.points[0]), ["global", "scope"]);
        let s = spec("Is it?", "It is what it is.");
        assert_eq!(s.points.len(), 1);
        assert!(Rubric::compile(s).is_ok());
    }

    #[test]
    fn at_least_n_becomes_k_of_n() {
        let s = spec(
            "What are the objectives of IPv6?",
            "At least 3 of:\nsupport billions of end-systems\nreduce routing tables\n\
             simplify protocol processing\nincrease security",
        );
        assert_eq!(s.points.len(), 1, "{:#?}", s.points);
        let group = &s.points[0].k_of_n[0];
        assert_eq!(group.k, 3);
        assert_eq!(group.items.len(), 4);
        assert_eq!(group.items[1].phrases(), ["reduce", "routing", "tables"]);
        let r = Rubric::compile(s).unwrap();
        assert_eq!(
            r.score("It increases security and reduces routing tables.")
                .score,
            0.6667
        );
        // The question may say it too; entries can be clauses of one line.
        let s = spec(
            "Name at least two benefits of object-oriented programming.",
            "Encapsulation, inheritance or polymorphism.",
        );
        assert_eq!(s.points.len(), 1);
        assert_eq!(s.points[0].k_of_n[0].k, 2);
        assert_eq!(s.points[0].k_of_n[0].items.len(), 3, "{:#?}", s.points);
    }

    #[test]
    fn n_of_the_following_lists_only_the_lines_after_it() {
        let s = spec(
            "What are extension headers and what is their main advantage?",
            "Extension headers extend the fixed header with optional information.\n\
             One of the following advantages is fully correct:\n\
             new options are added without changing the header\n\
             routers skip most options and forward packets faster",
        );
        let list = s
            .points
            .iter()
            .find(|p| p.id == "list")
            .expect("a list point");
        assert_eq!(list.k_of_n[0].k, 1);
        assert_eq!(list.k_of_n[0].items.len(), 2, "{:#?}", s.points);
        // The line before the announcement stays a point of its own.
        assert_eq!(s.points.len(), 2, "{:#?}", s.points);
        let r = Rubric::compile(s).unwrap();
        let one = r
            .score("New options can be added without changing the header.")
            .score;
        let both = r
            .score("They extend the fixed header with optional information; new options need no header change.")
            .score;
        assert!(one > 0.3 && both > one, "{one} {both}");
    }

    #[test]
    fn stemming_typos_and_synonyms_apply() {
        let q = "What is the role of a prototype?";
        let r = "To simulate the behaviour of portions of the desired product.";
        let exact = score(
            q,
            r,
            "to simulate the behaviour of portions of the desired product",
        );
        assert_eq!(exact, 1.0);
        // Stems, a typo, and synonyms (mimic, behavior, part).
        let other = score(q, r, "it simulates the behaviuor of parts of the product");
        assert_eq!(other, 1.0, "stems, typo and synonyms");
        let syn = score(
            q,
            r,
            "to mimic the behavior of some parts of the wanted product",
        );
        assert!(syn >= 0.75, "{syn}");
    }

    #[test]
    fn numbers_match_in_digits_and_words() {
        let q = "What is the base case of merge sort?";
        let r = "When the size of the array is 1.";
        assert_eq!(score(q, r, "an array of size one"), 1.0);
    }

    #[test]
    fn negation_contradicts_unless_the_reference_negates() {
        let q = "Where does a C++ program begin to execute?";
        let r = "At the main function.";
        let rubric = from_reference(q, r).unwrap();
        let report = rubric.score("It does not begin at the main function.");
        assert_eq!(report.points[0].status, Status::Contradicted);
        assert_eq!(report.score, 0.0);
        // "avoids" negates by meaning: "does not copy" agrees with it.
        let q = "What is the advantage of passing arguments by reference?";
        let r = "It avoids copying large data structures.";
        assert!(score(q, r, "You do not copy large data structures.") >= 0.99);
    }

    #[test]
    fn examples_in_the_reference_are_not_required() {
        let s = spec(
            "What happens to the diameter when the speed grows by a factor of ten?",
            "It decreases tenfold, e.g. 3000 m to 300 m.",
        );
        let words: Vec<String> = s.points.iter().flat_map(items).collect();
        assert_eq!(words, ["decreases", "tenfold"]);
    }

    #[test]
    fn a_corpus_weights_rare_words_more() {
        let q = "Describe the two service classes.";
        let r = "Unconfirmed service has no acknowledgement.\nConfirmed service retransmits lost frames.";
        let answers = [
            "unconfirmed",
            "unconfirmed",
            "unconfirmed",
            "lost frames",
            "nothing",
        ];
        let corpus = Corpus::from_texts(Language::English, answers);
        assert_eq!(corpus.len(), 5);
        let idf = DeriveOptions {
            corpus_weighting: CorpusWeighting::Idf,
            ..DeriveOptions::default()
        };
        let s = RubricBuilder::new(q, r)
            .corpus(&corpus)
            .options(idf)
            .spec()
            .unwrap();
        assert_eq!(s.points.len(), 2);
        // "unconfirmed" is in most answers: the first point weighs less per word.
        let per_word = |p: &PointSpec| p.weight / p.k_of_n[0].items.len() as f64;
        assert!(
            per_word(&s.points[0]) < per_word(&s.points[1]),
            "{:#?}",
            s.points
        );
        // Without a corpus each content word weighs 1.
        let s = spec(q, r);
        assert_eq!(s.points[0].weight, 2.0);
    }

    #[test]
    fn cohort_weights_favour_words_that_part_of_the_answers_use() {
        let q = "Describe the two service classes.";
        let r = "Unconfirmed service has no acknowledgement.\nConfirmed service retransmits lost frames.";
        // "unconfirmed" and "acknowledgement" in every answer, "retransmits"
        // and "lost" in half of them, "frames" in none.
        let answers = [
            "unconfirmed, acknowledgement, retransmits lost",
            "unconfirmed acknowledgement",
            "unconfirmed acknowledgement retransmits lost",
            "unconfirmed acknowledgement",
        ];
        let corpus = Corpus::from_texts(Language::English, answers);
        let s = RubricBuilder::new(q, r).corpus(&corpus).spec().unwrap();
        let per_word = |p: &PointSpec| p.weight / p.k_of_n[0].items.len() as f64;
        assert!((per_word(&s.points[0]) - COHORT_FLOOR).abs() < 1e-9);
        // "confirmed" and "frames" at the floor, "retransmits" and "lost" at 1.
        let expected = (2.0 * COHORT_FLOOR + 2.0) / 4.0;
        assert!(
            (per_word(&s.points[1]) - expected).abs() < 1e-9,
            "{:#?}",
            s.points
        );
    }

    #[test]
    fn wordnet_adds_synonyms_and_related_words_with_less_credit() {
        let q = "How many elements can a linked list hold?";
        let r = "An unlimited number of elements, as memory allows.";
        let opts = DeriveOptions {
            wordnet: true,
            related_credit: 0.5,
            ..DeriveOptions::default()
        };
        let s = RubricBuilder::new(q, r)
            .options(opts.clone())
            .spec()
            .unwrap();
        let groups = &s.points[0].k_of_n;
        assert_eq!(groups.len(), 2, "{groups:#?}");
        assert!(groups[0].items[0]
            .phrases()
            .contains(&"limitless".to_string()));
        assert_eq!(groups[1].credit, Some(0.5));
        let rubric = RubricBuilder::new(q, r).options(opts).build().unwrap();
        let synonym = rubric.score("it is limitless").score;
        let plain = from_reference(q, r).unwrap().score("it is limitless").score;
        assert!(synonym > plain, "{synonym} {plain}");
        // Question words never come back as synonyms.
        assert!(s.points.iter().all(|p| p.k_of_n.iter().all(|g| g
            .items
            .iter()
            .all(|i| !i.phrases().iter().any(|w| w == "elements")))));
    }

    #[test]
    fn long_clauses_split_into_several_points() {
        let q = "Explain the service classes.";
        let r = "Connection-oriented service sets up a connection, numbers every frame, \
                 retransmits lost frames after a timeout, and releases the connection afterwards.";
        assert_eq!(spec(q, r).points.len(), 1);
        let opts = DeriveOptions {
            split_clauses: true,
            ..DeriveOptions::default()
        };
        let s = RubricBuilder::new(q, r).options(opts).spec().unwrap();
        assert!(s.points.len() >= 2, "{:#?}", s.points);
        let words: usize = s.points.iter().map(|p| p.k_of_n[0].items.len()).sum();
        assert_eq!(words, spec(q, r).points[0].k_of_n[0].items.len());
        assert!(Rubric::compile(s).is_ok());
    }

    #[test]
    fn options_change_the_rubric() {
        let q = "What is a pointer?";
        let r = "A variable holding the address of another variable.";
        let opts = DeriveOptions {
            coverage: 1.0,
            demote_question: false,
            synonyms: false,
            id: "Not A Slug".to_string(),
            ..DeriveOptions::default()
        };
        let s = RubricBuilder::new(q, r).options(opts).spec().unwrap();
        assert_eq!(s.id, "derived");
        assert!(s.synonyms.is_empty());
        assert_eq!(s.points[0].k_of_n[0].k, s.points[0].k_of_n[0].items.len());
        let words = items(&s.points[0]);
        assert!(words.contains(&"variable".to_string()));
        let s = spec(
            "What is a variable?",
            "A location in memory that can store a value.",
        );
        assert!(
            !s.synonyms.is_empty(),
            "store, location and value have synonyms"
        );
    }

    #[test]
    fn empty_or_wordless_references_are_errors_not_panics() {
        for r in ["", "   \n\t", "🚀🚀 🎉", "?!… ---"] {
            let e = from_reference("What?", r).unwrap_err();
            assert!(
                matches!(e.kind(), ErrorKind::EmptyField { field: "reference" }),
                "{r:?}"
            );
        }
        // An empty question is fine.
        assert!(from_reference("", "Data members and member functions.").is_ok());
    }

    #[test]
    fn hostile_input_never_panics_and_stays_within_limits() {
        let long_word = "x".repeat(100_000);
        let many_words: String = (0..20_000).map(|i| format!("word{i} ")).collect();
        let many_lines: String = (0..5_000)
            .map(|i| format!("- item{i} thing{i}\n"))
            .collect();
        let hyphens = "a-".repeat(10_000);
        let inputs = [
            long_word.as_str(),
            many_words.as_str(),
            many_lines.as_str(),
            hyphens.as_str(),
            "at least 99999999999999999999 of: a, b",
            "at least 0 of:\nx y\nz w",
            "any 3 of",
            "e.g.",
            "(((((",
            "ÅÄÖ ﬁ ＡＰＩ naïve café 🚀 — “quoted” 1.unconfirmed",
            "not not not never no",
            "\u{0}\u{feff}\u{200d}abc",
        ];
        for r in inputs {
            for q in ["", "What?", r] {
                if let Ok(rubric) = from_reference(q, r) {
                    let spec = rubric.spec();
                    assert!(spec.points.len() <= MAX_POINTS);
                    let terms: usize = spec.points.iter().map(|p| p.k_of_n[0].items.len()).sum();
                    assert!(terms <= MAX_TERMS);
                    // Scoring cost grows with answer words times rubric
                    // words; a bounded answer keeps the test quick.
                    let _ = rubric.score(cut(r, 2_000));
                    let _ = rubric.score("");
                }
            }
        }
        let mut corpus = Corpus::new(Language::English);
        corpus.add(&many_words);
        corpus.add("");
        assert!(RubricBuilder::new("q", &many_words)
            .corpus(&corpus)
            .build()
            .is_ok());
    }

    #[test]
    fn every_language_derives() {
        for language in [
            Language::German,
            Language::French,
            Language::Russian,
            Language::Tamil,
        ] {
            let opts = DeriveOptions {
                language,
                ..DeriveOptions::default()
            };
            let b = RubricBuilder::new("Frage?", "Die Funktion gibt nicht den Wert zurück.");
            assert!(b.options(opts).build().is_ok(), "{language:?}");
        }
    }
}
