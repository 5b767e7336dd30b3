//! Shared by the benchmarks and `examples/perf.rs`: the committed fixtures,
//! the answers built from them, and the naive baseline.

#![allow(dead_code)]

use std::borrow::Cow;

use answer_rubric::RubricSpec;
use regex::{Regex, RegexBuilder};

/// A typical answer (about 300 words) to each built-in question, in order:
/// the question's strong sample answers, then its partial ones, cut at the
/// first sentence end after 300 words (see `benches/fixtures/README.md`).
pub const TYPICAL: [&str; 15] = [
    include_str!("../fixtures/01-sync-async.txt"),
    include_str!("../fixtures/02-web-server.txt"),
    include_str!("../fixtures/03-rest-api.txt"),
    include_str!("../fixtures/04-database-index.txt"),
    include_str!("../fixtures/05-authn-authz.txt"),
    include_str!("../fixtures/06-caching.txt"),
    include_str!("../fixtures/07-slow-query.txt"),
    include_str!("../fixtures/08-scalability.txt"),
    include_str!("../fixtures/09-web-security.txt"),
    include_str!("../fixtures/10-version-control.txt"),
    include_str!("../fixtures/11-message-broker.txt"),
    include_str!("../fixtures/12-error-logging.txt"),
    include_str!("../fixtures/13-sql-nosql.txt"),
    include_str!("../fixtures/14-cloud.txt"),
    include_str!("../fixtures/15-microservices.txt"),
];

/// The bundled sample answers of each question (`examples/answers`), TOML.
pub const SAMPLES: [&str; 15] = [
    include_str!("../../examples/answers/01-sync-async.toml"),
    include_str!("../../examples/answers/02-web-server.toml"),
    include_str!("../../examples/answers/03-rest-api.toml"),
    include_str!("../../examples/answers/04-database-index.toml"),
    include_str!("../../examples/answers/05-authn-authz.toml"),
    include_str!("../../examples/answers/06-caching.toml"),
    include_str!("../../examples/answers/07-slow-query.toml"),
    include_str!("../../examples/answers/08-scalability.toml"),
    include_str!("../../examples/answers/09-web-security.toml"),
    include_str!("../../examples/answers/10-version-control.toml"),
    include_str!("../../examples/answers/11-message-broker.toml"),
    include_str!("../../examples/answers/12-error-logging.toml"),
    include_str!("../../examples/answers/13-sql-nosql.toml"),
    include_str!("../../examples/answers/14-cloud.toml"),
    include_str!("../../examples/answers/15-microservices.toml"),
];

/// One bundled sample answer.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Sample {
    /// "strong", "partial", "weak" or "off-topic".
    pub kind: String,
    pub text: String,
}

#[derive(serde::Deserialize)]
struct SampleFile {
    answers: Vec<Sample>,
}

/// The sample answers of question `q` (0-based).
pub fn samples(q: usize) -> Vec<Sample> {
    let file: SampleFile = toml::from_str(SAMPLES[q]).expect("sample answers parse");
    file.answers
}

/// An ASCII answer of exactly `bytes` bytes: the typical answers one after
/// another (starting with question `first`), as paragraphs, cut to length.
/// Beyond the 15 fixtures (about 27 KB) the text repeats.
pub fn answer_of_size(bytes: usize, first: usize) -> String {
    let mut out = String::with_capacity(bytes + 4096);
    let mut q = first;
    while out.len() < bytes {
        out.push_str(TYPICAL[q % 15].trim());
        out.push_str("\n\n");
        q += 1;
    }
    out.truncate(bytes);
    out
}

/// `n` different answers to question `q`: each joins 3 to 12 sentences
/// drawn (deterministically) from the question's typical answer and sample
/// answers, so a batch holds distinct answers with a real vocabulary.
pub fn batch(q: usize, n: usize) -> Vec<String> {
    let mut sentences: Vec<String> = Vec::new();
    let texts =
        std::iter::once(TYPICAL[q].to_string()).chain(samples(q).into_iter().map(|s| s.text));
    for text in texts {
        for s in text.split_inclusive(['.', '!', '?', '\n']) {
            let s = s.trim();
            if s.split_whitespace().count() >= 3 {
                sentences.push(s.to_string());
            }
        }
    }
    let mut state = 0x2545_f491_4f6c_dd1du64 ^ q as u64;
    let mut below = move |m: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % m as u64) as usize
    };
    (0..n)
        .map(|_| {
            let k = 3 + below(10);
            (0..k)
                .map(|_| sentences[below(sentences.len())].as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// How a naive baseline looks for one group of alternative phrases.
pub trait Alternatives: Sized {
    /// The answer as this kind of search reads it.
    fn prepare(answer: &str) -> Cow<'_, str>;
    /// The search for any of `phrases` (as written in the rubric).
    fn new(phrases: &[String]) -> Self;
    /// Whether any alternative occurs in the prepared answer.
    fn found(&self, prepared: &str) -> bool;
}

/// Every alternative, lowercased, tested with `str::contains` on the
/// lowercased answer.
pub struct Contains(Vec<String>);

impl Alternatives for Contains {
    fn prepare(answer: &str) -> Cow<'_, str> {
        Cow::Owned(answer.to_lowercase())
    }

    fn new(phrases: &[String]) -> Contains {
        Contains(
            phrases
                .iter()
                .map(|t| t.trim_end_matches('*').to_lowercase())
                .collect(),
        )
    }

    fn found(&self, lower: &str) -> bool {
        self.0.iter().any(|a| lower.contains(a.as_str()))
    }
}

/// All alternatives in one case-insensitive alternation, over the answer as
/// written.
impl Alternatives for Regex {
    fn prepare(answer: &str) -> Cow<'_, str> {
        Cow::Borrowed(answer)
    }

    fn new(phrases: &[String]) -> Regex {
        let alternatives: Vec<String> = phrases
            .iter()
            .map(|t| regex::escape(t.trim_end_matches('*')))
            .collect();
        RegexBuilder::new(&alternatives.join("|"))
            .case_insensitive(true)
            .build()
            .expect("alternation compiles")
    }

    fn found(&self, answer: &str) -> bool {
        self.is_match(answer)
    }
}

/// A naive baseline: every alternative of every point looked for with `A`,
/// the rubric's own regular expressions as written. Same credits, weights,
/// penalties and cap as the engine; no word boundaries, stems, typos,
/// negation, proximity or claiming of words.
pub struct Baseline<A> {
    points: Vec<Item<A>>,
    misconceptions: Vec<Item<A>>,
    possible: f64,
    required_cap: f64,
}

/// The naive baseline: `str::contains` on the lowercased answer.
pub type Naive = Baseline<Contains>;

/// The other naive baseline: one case-insensitive regular expression per
/// rule (all of a rule's alternatives in one alternation), over the answer
/// as written.
pub type NaiveRegex = Baseline<Regex>;

struct Item<A> {
    weight: f64,
    bonus: bool,
    required: bool,
    rules: Vec<Rule<A>>,
}

enum Rule<A> {
    Any(A, f64),
    AllOf(Vec<A>, f64),
    KOfN(usize, Vec<A>, f64),
    /// A regular expression of the rubric, on the answer as written.
    Pattern(Regex),
}

fn rules<A: Alternatives>(
    phrases: &[String],
    partial: &[String],
    all_of: &[answer_rubric::AllOfSpec],
    k_of_n: &[answer_rubric::KOfNSpec],
    regex: &[String],
) -> Vec<Rule<A>> {
    let mut rules = Vec::new();
    if !phrases.is_empty() {
        rules.push(Rule::Any(A::new(phrases), 1.0));
    }
    if !partial.is_empty() {
        rules.push(Rule::Any(A::new(partial), 0.5));
    }
    for a in all_of {
        let parts = a.parts.iter().map(|p| A::new(p.phrases())).collect();
        rules.push(Rule::AllOf(parts, a.credit.unwrap_or(1.0)));
    }
    for g in k_of_n {
        let items = g.items.iter().map(|p| A::new(p.phrases())).collect();
        rules.push(Rule::KOfN(g.k, items, g.credit.unwrap_or(1.0)));
    }
    for r in regex {
        let re = RegexBuilder::new(r)
            .case_insensitive(true)
            .build()
            .expect("rubric regex");
        rules.push(Rule::Pattern(re));
    }
    rules
}

impl<A: Alternatives> Item<A> {
    /// The best credit of the item's rules.
    fn credit(&self, answer: &str, prepared: &str) -> f64 {
        let credit_if = |found: bool, credit: f64| if found { credit } else { 0.0 };
        self.rules
            .iter()
            .map(|rule| match rule {
                Rule::Any(alternatives, credit) => credit_if(alternatives.found(prepared), *credit),
                Rule::AllOf(parts, credit) => {
                    credit_if(parts.iter().all(|p| p.found(prepared)), *credit)
                }
                Rule::KOfN(k, items, credit) => {
                    let found = items.iter().filter(|p| p.found(prepared)).count();
                    credit * found.min(*k) as f64 / *k as f64
                }
                Rule::Pattern(re) => credit_if(re.is_match(answer), 1.0),
            })
            .fold(0.0, f64::max)
    }
}

impl<A: Alternatives> Baseline<A> {
    /// Prepares the searches of a rubric.
    pub fn new(spec: &RubricSpec) -> Baseline<A> {
        let points: Vec<Item<A>> = spec
            .points
            .iter()
            .map(|p| Item {
                weight: p.weight,
                bonus: p.bonus,
                required: p.required,
                rules: rules(&p.phrases, &p.partial, &p.all_of, &p.k_of_n, &p.regex),
            })
            .collect();
        let misconceptions = spec
            .misconceptions
            .iter()
            .map(|m| Item {
                weight: m.penalty,
                bonus: false,
                required: false,
                rules: rules(&m.phrases, &m.partial, &m.all_of, &m.k_of_n, &m.regex),
            })
            .collect();
        let possible = points.iter().filter(|p| !p.bonus).map(|p| p.weight).sum();
        Baseline {
            points,
            misconceptions,
            possible,
            required_cap: spec.required_cap.unwrap_or(0.5),
        }
    }

    /// The score, as the engine computes it from credits and penalties.
    pub fn score(&self, answer: &str) -> f64 {
        let prepared = A::prepare(answer);
        let mut earned = 0.0;
        let mut unmet = false;
        for p in &self.points {
            let c = p.credit(answer, &prepared);
            earned += p.weight * c;
            unmet |= p.required && c == 0.0;
        }
        let penalty: f64 = self
            .misconceptions
            .iter()
            .filter(|m| m.credit(answer, &prepared) > 0.0)
            .map(|m| m.weight)
            .sum();
        let score = ((earned - penalty) / self.possible).clamp(0.0, 1.0);
        if unmet {
            score.min(self.required_cap)
        } else {
            score
        }
    }
}
