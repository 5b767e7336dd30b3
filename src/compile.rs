//! Checking a [`RubricSpec`] and compiling it into the form that scores.
//!
//! Every check happens here, so scoring never fails: ids, weights, bands,
//! phrases, k-of-n groups, regular expressions and size limits. The result
//! is immutable and shared between threads.

use std::collections::{HashMap, HashSet};

use regex::{Regex, RegexBuilder};

use crate::band::{self, Band};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::fuzzy::FuzzyIndex;
use crate::language::Language;
use crate::pattern::{self, Phrase, Slot, Vocabulary};
use crate::source::{FieldPath, SourceMap};
use crate::spec::{AllOfSpec, ClaimSpec, KOfNSpec, PartSpec, RubricSpec, Typos, CLAIM_WITHIN};
use crate::text::Analyzer;
use std::sync::Arc;

/// Most key points plus misconceptions in one rubric. Interview rubrics have
/// tens; the limit bounds compile time and memory for hostile files.
pub(crate) const MAX_ITEMS: usize = 1_000;
/// Most alternatives (after synonym expansion) in one rubric.
pub(crate) const MAX_PHRASES: usize = 50_000;
/// Most words in one alternative: a key phrase is short; longer text is
/// almost certainly a pasted answer.
pub(crate) const MAX_PHRASE_WORDS: usize = 32;
/// Most parts of a concept or items of a k-of-n group.
pub(crate) const MAX_PARTS: usize = 64;
/// Most regular expressions in one rubric.
pub(crate) const MAX_REGEXES: usize = 256;
/// Compiled size limit of one regular expression, in bytes (the regex
/// crate's own default is 10 MiB; a rubric pattern needs far less).
pub(crate) const REGEX_SIZE_LIMIT: usize = 1 << 20;
/// Lazy-DFA cache limit of one regular expression, in bytes.
const REGEX_DFA_LIMIT: usize = 1 << 20;
/// Credit of a `partial` alternative.
pub(crate) const PARTIAL_CREDIT: f64 = 0.5;
/// Score cap when a required point is missing and the rubric sets none.
pub(crate) const DEFAULT_REQUIRED_CAP: f64 = 0.5;
/// Longest id, in bytes.
const MAX_ID_BYTES: usize = 64;

/// A compiled rubric's internals.
#[derive(Debug)]
pub(crate) struct Compiled {
    pub spec: RubricSpec,
    /// The rubric's id and content hash, shared with every report.
    pub id: Arc<str>,
    pub hash: Arc<str>,
    pub analyzer: Analyzer,
    pub vocab: Vocabulary,
    pub fuzzy: FuzzyIndex,
    pub phrases: Vec<Phrase>,
    pub parts: Vec<Part>,
    pub points: Vec<Item>,
    pub misconceptions: Vec<Item>,
    pub bands: Vec<Band>,
    pub required_cap: f64,
    pub total_weight: f64,
    /// Point indices in the order they claim answer words: heavier first,
    /// then file order.
    pub claim_order: Vec<usize>,
}

/// A part of a rule: alternative phrases standing for one thing.
#[derive(Debug, Clone)]
pub(crate) struct Part {
    /// The alternatives as written.
    pub texts: Vec<Arc<str>>,
}

/// A key point or misconception, compiled.
#[derive(Debug)]
pub(crate) struct Item {
    pub id: Arc<str>,
    pub label: Arc<str>,
    /// Weight of a point, penalty of a misconception.
    pub weight: f64,
    pub required: bool,
    /// A bonus point: counts towards earned points, not possible ones.
    pub bonus: bool,
    /// Hint of a point, explanation of a misconception.
    pub note: Option<Arc<str>>,
    pub rules: Vec<Rule>,
    /// The name of each rule in reports: `phrases`, `all_of[0]` ...
    pub rule_names: Vec<Arc<str>>,
    pub negation: bool,
    /// Of a misconception: the indices of the points it voids.
    pub voids: Vec<usize>,
}

/// One way of recognising an item.
#[derive(Debug)]
pub(crate) enum Rule {
    /// Any alternative of `part` (the `phrases` or `partial` list).
    Any {
        part: u32,
        credit: f64,
        name: &'static str,
    },
    /// All parts together.
    AllOf {
        parts: Vec<u32>,
        ordered: bool,
        within: Option<usize>,
        same_sentence: bool,
        credit: f64,
        /// A claim: the parts may not straddle a contrast word.
        claim: bool,
    },
    /// k of the items.
    KOfN {
        k: usize,
        items: Vec<u32>,
        credit: f64,
    },
    /// A regular expression over the original answer.
    Regex {
        regex: Regex,
        pattern: Arc<str>,
        credit: f64,
    },
}

/// Compiles a spec. `source`, when given, lets errors point at lines.
pub(crate) fn compile(spec: RubricSpec, source: Option<&SourceMap<'_>>) -> Result<Compiled> {
    Compiler::new(&spec, source).run().map(|parts| {
        let compiled = parts.finish(spec);
        // The matcher's index, built now so that scoring only reads.
        crate::matcher::index(&compiled);
        compiled
    })
}

struct Compiler<'a> {
    spec: &'a RubricSpec,
    source: Option<&'a SourceMap<'a>>,
    analyzer: Analyzer,
    vocab: Vocabulary,
    phrases: Vec<Phrase>,
    parts: Vec<Part>,
    synonyms: Vec<Vec<Vec<String>>>,
    regexes: usize,
}

struct Built {
    analyzer: Analyzer,
    vocab: Vocabulary,
    phrases: Vec<Phrase>,
    parts: Vec<Part>,
    points: Vec<Item>,
    misconceptions: Vec<Item>,
    bands: Vec<Band>,
    required_cap: f64,
}

/// Settings that apply to one item's phrases.
#[derive(Clone, Copy)]
struct Settings {
    stemming: bool,
    typos: bool,
}

/// Borrows the rule fields of a `PointSpec` or `MisconceptionSpec`, which
/// repeat them because serde's `flatten` cannot be combined with
/// `deny_unknown_fields`.
macro_rules! rule_fields {
    ($spec:expr) => {
        RuleFields {
            phrases: &$spec.phrases,
            partial: &$spec.partial,
            all_of: &$spec.all_of,
            k_of_n: &$spec.k_of_n,
            claims: &$spec.claims,
            regex: &$spec.regex,
            stemming: $spec.stemming,
            typos: $spec.typos,
            negation: $spec.negation,
        }
    };
}

/// The rule fields shared by points and misconceptions.
struct RuleFields<'a> {
    phrases: &'a [String],
    partial: &'a [String],
    all_of: &'a [AllOfSpec],
    k_of_n: &'a [KOfNSpec],
    claims: &'a [ClaimSpec],
    regex: &'a [String],
    stemming: Option<bool>,
    typos: Option<Typos>,
    negation: Option<bool>,
}

impl<'a> Compiler<'a> {
    fn new(spec: &'a RubricSpec, source: Option<&'a SourceMap<'a>>) -> Compiler<'a> {
        Compiler {
            spec,
            source,
            analyzer: Analyzer::new(spec.language),
            vocab: Vocabulary::default(),
            phrases: Vec::new(),
            parts: Vec::new(),
            synonyms: Vec::new(),
            regexes: 0,
        }
    }

    fn error(&self, kind: ErrorKind, path: &FieldPath) -> Error {
        let location = match self.source {
            Some(map) => map.locate(path),
            None => Location {
                file: None,
                line: 0,
                column: 0,
                field: Some(path.to_string()),
            },
        };
        Error::at(kind, Some(location))
    }

    fn run(mut self) -> Result<Built> {
        let spec = self.spec;
        let root = FieldPath::default();
        self.check_id(&spec.id, &root.key("id"))?;
        for (field, value) in [("title", &spec.title), ("question", &spec.question)] {
            if value.trim().is_empty() {
                let key = if field == "title" {
                    "title"
                } else {
                    "question"
                };
                return Err(self.error(ErrorKind::EmptyField { field: key }, &root.key(key)));
            }
        }
        let required_cap = spec.required_cap.unwrap_or(DEFAULT_REQUIRED_CAP);
        if !(0.0..=1.0).contains(&required_cap) {
            return Err(self.error(
                ErrorKind::OutOfRange {
                    field: "required_cap",
                    value: required_cap,
                    expected: "must lie between 0 and 1",
                },
                &root.key("required_cap"),
            ));
        }
        let bands =
            band::check(&spec.bands).map_err(|(e, path)| self.error(e.into_kind(), &path))?;
        if spec.points.is_empty() {
            return Err(self.error(
                ErrorKind::EmptyField { field: "points" },
                &root.key("points"),
            ));
        }
        if spec.points.iter().all(|p| p.bonus) {
            return Err(self.error(ErrorKind::OnlyBonusPoints, &root.key("points")));
        }
        let items = spec.points.len() + spec.misconceptions.len();
        if items > MAX_ITEMS {
            return Err(self.error(
                ErrorKind::TooLarge {
                    what: "points and misconceptions",
                    count: items,
                    limit: MAX_ITEMS,
                },
                &root.key("points"),
            ));
        }
        self.compile_synonyms()?;
        self.check_duplicate_ids()?;

        let mut points = Vec::with_capacity(spec.points.len());
        for (i, p) in spec.points.iter().enumerate() {
            let path = root.key("points").index(i);
            self.check_id(&p.id, &path.key("id"))?;
            self.check_weight("weight", p.weight, &path.key("weight"))?;
            let fields = rule_fields!(p);
            let (rules, negation) = self.compile_rules(&p.id, &fields, &path)?;
            points.push(Item {
                id: p.id.as_str().into(),
                label: p.label.as_str().into(),
                weight: p.weight,
                required: p.required,
                bonus: p.bonus,
                note: p.hint.as_deref().map(Arc::from),
                rule_names: rule_names(&rules),
                rules,
                negation,
                voids: Vec::new(),
            });
        }
        let mut misconceptions = Vec::with_capacity(spec.misconceptions.len());
        for (i, m) in spec.misconceptions.iter().enumerate() {
            let path = root.key("misconceptions").index(i);
            self.check_id(&m.id, &path.key("id"))?;
            self.check_weight("penalty", m.penalty, &path.key("penalty"))?;
            let fields = rule_fields!(m);
            let (rules, negation) = self.compile_rules(&m.id, &fields, &path)?;
            let voids = self.point_indices(&m.voids, &path.key("voids"))?;
            misconceptions.push(Item {
                id: m.id.as_str().into(),
                label: m.label.as_str().into(),
                weight: m.penalty,
                required: false,
                bonus: false,
                note: m.explanation.as_deref().map(Arc::from),
                rule_names: rule_names(&rules),
                rules,
                negation,
                voids,
            });
        }
        Ok(Built {
            analyzer: self.analyzer,
            vocab: self.vocab,
            phrases: self.phrases,
            parts: self.parts,
            points,
            misconceptions,
            bands,
            required_cap,
        })
    }

    /// The indices of the points named in `ids` (a misconception's `voids`).
    fn point_indices(&self, ids: &[String], path: &FieldPath) -> Result<Vec<usize>> {
        ids.iter()
            .enumerate()
            .map(|(j, id)| {
                self.spec
                    .points
                    .iter()
                    .position(|p| p.id == *id)
                    .ok_or_else(|| {
                        self.error(ErrorKind::UnknownPoint { id: id.clone() }, &path.index(j))
                    })
            })
            .collect()
    }

    fn check_id(&self, id: &str, path: &FieldPath) -> Result<()> {
        let ok = !id.is_empty()
            && id.len() <= MAX_ID_BYTES
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if ok {
            Ok(())
        } else {
            Err(self.error(ErrorKind::InvalidId { id: id.to_string() }, path))
        }
    }

    fn check_weight(&self, field: &'static str, value: f64, path: &FieldPath) -> Result<()> {
        if value.is_finite() && value > 0.0 {
            Ok(())
        } else {
            Err(self.error(ErrorKind::InvalidWeight { field, value }, path))
        }
    }

    fn check_credit(&self, credit: Option<f64>, path: &FieldPath) -> Result<f64> {
        let c = credit.unwrap_or(1.0);
        if c > 0.0 && c <= 1.0 {
            Ok(c)
        } else {
            Err(self.error(
                ErrorKind::OutOfRange {
                    field: "credit",
                    value: c,
                    expected: "must be above 0 and at most 1",
                },
                &path.key("credit"),
            ))
        }
    }

    fn check_duplicate_ids(&self) -> Result<()> {
        let mut seen: HashMap<&str, FieldPath> = HashMap::new();
        let root = FieldPath::default();
        let all =
            self.spec
                .points
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.as_str(), root.key("points").index(i).key("id")))
                .chain(
                    self.spec.misconceptions.iter().enumerate().map(|(i, m)| {
                        (m.id.as_str(), root.key("misconceptions").index(i).key("id"))
                    }),
                );
        for (id, path) in all {
            if let Some(first) = seen.get(id) {
                let first = match self.source {
                    Some(map) => map.locate(first),
                    None => Location {
                        file: None,
                        line: 0,
                        column: 0,
                        field: Some(first.to_string()),
                    },
                };
                return Err(self.error(
                    ErrorKind::DuplicateId {
                        id: id.to_string(),
                        first,
                    },
                    &path,
                ));
            }
            seen.insert(id, path);
        }
        Ok(())
    }

    fn compile_synonyms(&mut self) -> Result<()> {
        let root = FieldPath::default().key("synonyms");
        if self.spec.synonyms.len() > MAX_ITEMS {
            return Err(self.error(
                ErrorKind::TooLarge {
                    what: "synonym groups",
                    count: self.spec.synonyms.len(),
                    limit: MAX_ITEMS,
                },
                &root,
            ));
        }
        let mut groups = Vec::with_capacity(self.spec.synonyms.len());
        for (g, group) in self.spec.synonyms.iter().enumerate() {
            if group.len() > MAX_PARTS {
                return Err(self.error(
                    ErrorKind::TooLarge {
                        what: "members in a synonym group",
                        count: group.len(),
                        limit: MAX_PARTS,
                    },
                    &root.index(g),
                ));
            }
            let mut members = Vec::with_capacity(group.len());
            for (m, text) in group.iter().enumerate() {
                let words = self.words(text, &root.index(g).index(m))?;
                members.push(words.words);
            }
            groups.push(members);
        }
        self.synonyms = groups;
        Ok(())
    }

    /// Analyses one alternative, rejecting empty and overlong ones.
    fn words(&self, text: &str, path: &FieldPath) -> Result<pattern::Words> {
        let words = pattern::analyse_words(&self.analyzer, text);
        if words.words.is_empty() {
            return Err(self.error(
                ErrorKind::EmptyAlternative {
                    text: text.to_string(),
                },
                path,
            ));
        }
        if words.words.len() > MAX_PHRASE_WORDS {
            return Err(self.error(
                ErrorKind::TooLarge {
                    what: "words in one alternative",
                    count: words.words.len(),
                    limit: MAX_PHRASE_WORDS,
                },
                path,
            ));
        }
        Ok(words)
    }

    fn compile_rules(
        &mut self,
        id: &str,
        f: &RuleFields<'_>,
        path: &FieldPath,
    ) -> Result<(Vec<Rule>, bool)> {
        let defaults = &self.spec.matching;
        let settings = Settings {
            stemming: f.stemming.unwrap_or(defaults.stemming),
            typos: f.typos.unwrap_or(defaults.typos) == Typos::Auto,
        };
        let negation = f.negation.unwrap_or(defaults.negation);
        let mut rules = Vec::new();
        if !f.phrases.is_empty() {
            let part = self.compile_part(f.phrases, settings, &path.key("phrases"))?;
            rules.push(Rule::Any {
                part,
                credit: 1.0,
                name: "phrase",
            });
        }
        if !f.partial.is_empty() {
            let part = self.compile_part(f.partial, settings, &path.key("partial"))?;
            rules.push(Rule::Any {
                part,
                credit: PARTIAL_CREDIT,
                name: "partial",
            });
        }
        for (i, a) in f.all_of.iter().enumerate() {
            let p = path.key("all_of").index(i);
            self.check_part_count(a.parts.len(), "parts", &p.key("parts"))?;
            if let Some(within) = a.within {
                self.check_within(within, &p)?;
            }
            let credit = self.check_credit(a.credit, &p)?;
            let mut parts = Vec::with_capacity(a.parts.len());
            for (j, part) in a.parts.iter().enumerate() {
                parts.push(self.compile_part_spec(part, settings, &p.key("parts").index(j))?);
            }
            rules.push(Rule::AllOf {
                parts,
                ordered: a.ordered,
                within: a.within,
                same_sentence: a.same_sentence,
                credit,
                claim: false,
            });
        }
        for (i, claim) in f.claims.iter().enumerate() {
            let p = path.key("claims").index(i);
            rules.push(self.compile_claim(claim, settings, &p)?);
        }
        for (i, g) in f.k_of_n.iter().enumerate() {
            let p = path.key("k_of_n").index(i);
            self.check_part_count(g.items.len(), "items", &p.key("items"))?;
            if g.k == 0 || g.k > g.items.len() {
                return Err(self.error(
                    ErrorKind::KOutOfRange {
                        k: g.k,
                        n: g.items.len(),
                    },
                    &p.key("k"),
                ));
            }
            let credit = self.check_credit(g.credit, &p)?;
            let mut items = Vec::with_capacity(g.items.len());
            for (j, item) in g.items.iter().enumerate() {
                items.push(self.compile_part_spec(item, settings, &p.key("items").index(j))?);
            }
            rules.push(Rule::KOfN {
                k: g.k,
                items,
                credit,
            });
        }
        for (i, pattern) in f.regex.iter().enumerate() {
            let p = path.key("regex").index(i);
            self.regexes += 1;
            if self.regexes > MAX_REGEXES {
                return Err(self.error(
                    ErrorKind::TooLarge {
                        what: "regular expressions",
                        count: self.regexes,
                        limit: MAX_REGEXES,
                    },
                    &p,
                ));
            }
            let regex = RegexBuilder::new(pattern)
                .case_insensitive(true)
                .size_limit(REGEX_SIZE_LIMIT)
                .dfa_size_limit(REGEX_DFA_LIMIT)
                .build()
                .map_err(|e| {
                    let kind = match e {
                        regex::Error::CompiledTooBig(limit) => ErrorKind::RegexTooBig {
                            pattern: pattern.clone(),
                            limit,
                        },
                        other => ErrorKind::InvalidRegex {
                            pattern: pattern.clone(),
                            message: other
                                .to_string()
                                .lines()
                                .last()
                                .unwrap_or("")
                                .trim()
                                .trim_start_matches("error:")
                                .trim()
                                .to_string(),
                        },
                    };
                    self.error(kind, &p)
                })?;
            rules.push(Rule::Regex {
                regex,
                pattern: pattern.as_str().into(),
                credit: 1.0,
            });
        }
        if rules.is_empty() {
            return Err(self.error(ErrorKind::NoRules { id: id.to_string() }, path));
        }
        Ok((rules, negation))
    }

    /// A claim is a concept of its subject, predicate and object, in one
    /// sentence and in any order, that no contrast word splits.
    fn compile_claim(&mut self, claim: &ClaimSpec, s: Settings, p: &FieldPath) -> Result<Rule> {
        let within = claim.within.unwrap_or(CLAIM_WITHIN);
        self.check_within(within, p)?;
        let credit = self.check_credit(claim.credit, p)?;
        self.check_part_count(claim.predicate.len(), "predicate", &p.key("predicate"))?;
        let mut parts = Vec::with_capacity(3);
        for (field, texts) in [
            ("subject", &claim.subject),
            ("predicate", &claim.predicate),
            ("object", &claim.object),
        ] {
            if texts.is_empty() {
                continue;
            }
            parts.push(self.compile_part(texts, s, &p.key(field))?);
        }
        Ok(Rule::AllOf {
            parts,
            ordered: false,
            within: Some(within),
            same_sentence: true,
            credit,
            claim: true,
        })
    }

    /// A window of `within` words, at `path.within`, must hold a word.
    fn check_within(&self, within: usize, path: &FieldPath) -> Result<()> {
        if within > 0 {
            return Ok(());
        }
        Err(self.error(
            ErrorKind::OutOfRange {
                field: "within",
                value: 0.0,
                expected: "must be at least 1 word",
            },
            &path.key("within"),
        ))
    }

    fn check_part_count(&self, n: usize, field: &'static str, path: &FieldPath) -> Result<()> {
        if n == 0 {
            return Err(self.error(ErrorKind::EmptyField { field }, path));
        }
        if n > MAX_PARTS {
            return Err(self.error(
                ErrorKind::TooLarge {
                    what: "parts in one rule",
                    count: n,
                    limit: MAX_PARTS,
                },
                path,
            ));
        }
        Ok(())
    }

    fn compile_part_spec(&mut self, part: &PartSpec, s: Settings, path: &FieldPath) -> Result<u32> {
        match part {
            PartSpec::One(text) => {
                self.compile_alternatives(std::slice::from_ref(text), s, path, false)
            }
            PartSpec::Any(texts) if texts.is_empty() => Err(self.error(
                ErrorKind::EmptyAlternative {
                    text: String::new(),
                },
                path,
            )),
            PartSpec::Any(texts) => self.compile_alternatives(texts, s, path, true),
        }
    }

    fn compile_part(&mut self, texts: &[String], s: Settings, path: &FieldPath) -> Result<u32> {
        self.compile_alternatives(texts, s, path, true)
    }

    /// Compiles alternatives into one part. `indexed` says whether errors
    /// point at `path[i]` (a list) or at `path` itself (a single string).
    fn compile_alternatives(
        &mut self,
        texts: &[String],
        s: Settings,
        path: &FieldPath,
        indexed: bool,
    ) -> Result<u32> {
        let part = self.parts.len() as u32;
        // Variants of one part that match exactly the same words (two
        // spellings with one stem, say) are one phrase: the first. Matching
        // both would only find the same words twice.
        let mut seen: HashSet<(Vec<Slot>, bool)> = HashSet::new();
        for (i, text) in texts.iter().enumerate() {
            let p = if indexed { path.index(i) } else { path.clone() };
            let words = self.words(text, &p)?;
            for variant in pattern::variants(&self.analyzer, &words, &self.synonyms, s.stemming) {
                let typos = s.typos && !variant.joined;
                let slots = pattern::slots(
                    &self.analyzer,
                    &mut self.vocab,
                    &variant.words,
                    s.stemming,
                    typos,
                );
                if !seen.insert((slots.clone(), typos)) {
                    continue;
                }
                self.phrases.push(Phrase {
                    slots,
                    part,
                    alternative: i as u32,
                    typos,
                });
            }
            if self.phrases.len() > MAX_PHRASES {
                return Err(self.error(
                    ErrorKind::TooLarge {
                        what: "alternatives (after synonyms)",
                        count: self.phrases.len(),
                        limit: MAX_PHRASES,
                    },
                    &p,
                ));
            }
        }
        self.parts.push(Part {
            texts: texts.iter().map(|t| Arc::from(t.as_str())).collect(),
        });
        Ok(part)
    }
}

impl Error {
    fn into_kind(self) -> ErrorKind {
        self.kind().clone()
    }
}

impl Built {
    fn finish(self, spec: RubricSpec) -> Compiled {
        let total_weight = self
            .points
            .iter()
            .filter(|p| !p.bonus)
            .map(|p| p.weight)
            .sum();
        let mut claim_order: Vec<usize> = (0..self.points.len()).collect();
        claim_order.sort_by(|&a, &b| self.points[b].weight.total_cmp(&self.points[a].weight));
        let hash = content_hash(&spec);
        let fuzzy = FuzzyIndex::new(&self.vocab.fuzzy_entries);
        Compiled {
            id: spec.id.as_str().into(),
            spec,
            hash: hash.into(),
            analyzer: self.analyzer,
            vocab: self.vocab,
            fuzzy,
            phrases: self.phrases,
            parts: self.parts,
            points: self.points,
            misconceptions: self.misconceptions,
            bands: self.bands,
            required_cap: self.required_cap,
            total_weight,
            claim_order,
        }
    }
}

/// A short hash of the rubric's content, the same whatever its file format.
fn content_hash(spec: &RubricSpec) -> String {
    let canonical = serde_json::to_string(spec).unwrap_or_default();
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(canonical.as_bytes()))
}

/// The name of each rule in reports: `phrases` or `partial`, then
/// `all_of[i]`, `claims[i]`, `k_of_n[i]` and `regex[i]`, numbered within
/// their kind.
fn rule_names(rules: &[Rule]) -> Vec<Arc<str>> {
    let (mut all_of, mut k_of_n, mut regex, mut claims) = (0, 0, 0, 0);
    let next = |n: &mut usize| {
        *n += 1;
        *n - 1
    };
    rules
        .iter()
        .map(|rule| match rule {
            Rule::Any { name, .. } => Arc::from(*name),
            Rule::AllOf { claim: true, .. } => format!("claims[{}]", next(&mut claims)).into(),
            Rule::AllOf { .. } => format!("all_of[{}]", next(&mut all_of)).into(),
            Rule::KOfN { .. } => format!("k_of_n[{}]", next(&mut k_of_n)).into(),
            Rule::Regex { .. } => format!("regex[{}]", next(&mut regex)).into(),
        })
        .collect()
}

impl Compiled {
    pub fn language(&self) -> Language {
        self.spec.language
    }
}
