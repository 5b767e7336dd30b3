//! Shared by the benchmarks and `examples/perf.rs`: the committed fixtures,
//! the answers built from them, and the naive baseline.

#![allow(dead_code)]

use answer_rubric::{PartSpec, RubricSpec};
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

/// The naive baseline: lowercase the answer and look for every alternative
/// of every point with `str::contains` (regular expressions as written).
/// Same credits, weights, penalties and cap as the engine; no word
/// boundaries, stems, typos, negation, proximity or claiming of words.
pub struct Naive {
    points: Vec<NaiveItem>,
    misconceptions: Vec<NaiveItem>,
    possible: f64,
    required_cap: f64,
}

struct NaiveItem {
    weight: f64,
    bonus: bool,
    required: bool,
    rules: Vec<NaiveRule>,
}

enum NaiveRule {
    Any {
        alternatives: Vec<String>,
        credit: f64,
    },
    AllOf {
        parts: Vec<Vec<String>>,
        credit: f64,
    },
    KOfN {
        k: usize,
        items: Vec<Vec<String>>,
        credit: f64,
    },
    Regex(Regex),
}

fn lower_all(texts: &[String]) -> Vec<String> {
    texts
        .iter()
        .map(|t| t.trim_end_matches('*').to_lowercase())
        .collect()
}

fn lower_part(part: &PartSpec) -> Vec<String> {
    lower_all(part.phrases())
}

#[allow(clippy::too_many_arguments)]
fn naive_rules(
    phrases: &[String],
    partial: &[String],
    all_of: &[answer_rubric::AllOfSpec],
    k_of_n: &[answer_rubric::KOfNSpec],
    regex: &[String],
) -> Vec<NaiveRule> {
    let mut rules = Vec::new();
    if !phrases.is_empty() {
        rules.push(NaiveRule::Any {
            alternatives: lower_all(phrases),
            credit: 1.0,
        });
    }
    if !partial.is_empty() {
        rules.push(NaiveRule::Any {
            alternatives: lower_all(partial),
            credit: 0.5,
        });
    }
    for a in all_of {
        let parts = a.parts.iter().map(lower_part).collect();
        rules.push(NaiveRule::AllOf {
            parts,
            credit: a.credit.unwrap_or(1.0),
        });
    }
    for g in k_of_n {
        let items = g.items.iter().map(lower_part).collect();
        rules.push(NaiveRule::KOfN {
            k: g.k,
            items,
            credit: g.credit.unwrap_or(1.0),
        });
    }
    for r in regex {
        let re = RegexBuilder::new(r)
            .case_insensitive(true)
            .build()
            .expect("rubric regex");
        rules.push(NaiveRule::Regex(re));
    }
    rules
}

impl Naive {
    /// Prepares the alternatives of a rubric (lowercased once).
    pub fn new(spec: &RubricSpec) -> Naive {
        let points: Vec<NaiveItem> = spec
            .points
            .iter()
            .map(|p| NaiveItem {
                weight: p.weight,
                bonus: p.bonus,
                required: p.required,
                rules: naive_rules(&p.phrases, &p.partial, &p.all_of, &p.k_of_n, &p.regex),
            })
            .collect();
        let misconceptions = spec
            .misconceptions
            .iter()
            .map(|m| NaiveItem {
                weight: m.penalty,
                bonus: false,
                required: false,
                rules: naive_rules(&m.phrases, &m.partial, &m.all_of, &m.k_of_n, &m.regex),
            })
            .collect();
        let possible = points.iter().filter(|p| !p.bonus).map(|p| p.weight).sum();
        Naive {
            points,
            misconceptions,
            possible,
            required_cap: spec.required_cap.unwrap_or(0.5),
        }
    }

    /// The credit (0 to 1) of every point, in rubric order.
    pub fn credits(&self, answer: &str) -> Vec<f64> {
        let lower = answer.to_lowercase();
        self.points
            .iter()
            .map(|p| credit(p, answer, &lower))
            .collect()
    }

    /// The score, as the engine computes it from credits and penalties.
    pub fn score(&self, answer: &str) -> f64 {
        let lower = answer.to_lowercase();
        let mut earned = 0.0;
        let mut unmet = false;
        for p in &self.points {
            let c = credit(p, answer, &lower);
            earned += p.weight * c;
            unmet |= p.required && c == 0.0;
        }
        let penalty: f64 = self
            .misconceptions
            .iter()
            .filter(|m| credit(m, answer, &lower) > 0.0)
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

fn credit(item: &NaiveItem, answer: &str, lower: &str) -> f64 {
    let any = |alts: &[String]| alts.iter().any(|a| lower.contains(a.as_str()));
    let mut best: f64 = 0.0;
    for rule in &item.rules {
        let c = match rule {
            NaiveRule::Any {
                alternatives,
                credit,
            } => {
                if any(alternatives) {
                    *credit
                } else {
                    0.0
                }
            }
            NaiveRule::AllOf { parts, credit } => {
                if parts.iter().all(|p| any(p)) {
                    *credit
                } else {
                    0.0
                }
            }
            NaiveRule::KOfN { k, items, credit } => {
                let found = items.iter().filter(|p| any(p)).count();
                credit * found.min(*k) as f64 / *k as f64
            }
            NaiveRule::Regex(re) => {
                if re.is_match(answer) {
                    1.0
                } else {
                    0.0
                }
            }
        };
        best = best.max(c);
    }
    best
}

/// The other naive baseline: one case-insensitive regular expression per
/// rule (all of a rule's alternatives in one alternation), over the answer
/// as written. Same scoring as [`Naive`].
pub struct NaiveRegex {
    points: Vec<(f64, bool, bool, Vec<RegexRule>)>,
    misconceptions: Vec<(f64, Vec<RegexRule>)>,
    possible: f64,
    required_cap: f64,
}

enum RegexRule {
    Any(Regex, f64),
    AllOf(Vec<Regex>, f64),
    KOfN(usize, Vec<Regex>, f64),
}

fn alternation(texts: &[String]) -> Regex {
    let alternatives: Vec<String> = texts
        .iter()
        .map(|t| regex::escape(t.trim_end_matches('*')))
        .collect();
    RegexBuilder::new(&alternatives.join("|"))
        .case_insensitive(true)
        .build()
        .expect("alternation compiles")
}

#[allow(clippy::too_many_arguments)]
fn regex_rules(
    phrases: &[String],
    partial: &[String],
    all_of: &[answer_rubric::AllOfSpec],
    k_of_n: &[answer_rubric::KOfNSpec],
    regex: &[String],
) -> Vec<RegexRule> {
    let mut rules = Vec::new();
    if !phrases.is_empty() {
        rules.push(RegexRule::Any(alternation(phrases), 1.0));
    }
    if !partial.is_empty() {
        rules.push(RegexRule::Any(alternation(partial), 0.5));
    }
    for a in all_of {
        let parts = a.parts.iter().map(|p| alternation(p.phrases())).collect();
        rules.push(RegexRule::AllOf(parts, a.credit.unwrap_or(1.0)));
    }
    for g in k_of_n {
        let items = g.items.iter().map(|p| alternation(p.phrases())).collect();
        rules.push(RegexRule::KOfN(g.k, items, g.credit.unwrap_or(1.0)));
    }
    for r in regex {
        let re = RegexBuilder::new(r)
            .case_insensitive(true)
            .build()
            .expect("rubric regex");
        rules.push(RegexRule::Any(re, 1.0));
    }
    rules
}

fn regex_credit(rules: &[RegexRule], answer: &str) -> f64 {
    rules
        .iter()
        .map(|rule| match rule {
            RegexRule::Any(re, credit) => {
                if re.is_match(answer) {
                    *credit
                } else {
                    0.0
                }
            }
            RegexRule::AllOf(parts, credit) => {
                if parts.iter().all(|re| re.is_match(answer)) {
                    *credit
                } else {
                    0.0
                }
            }
            RegexRule::KOfN(k, items, credit) => {
                let found = items.iter().filter(|re| re.is_match(answer)).count();
                credit * found.min(*k) as f64 / *k as f64
            }
        })
        .fold(0.0, f64::max)
}

impl NaiveRegex {
    /// Compiles the regular expressions of a rubric.
    pub fn new(spec: &RubricSpec) -> NaiveRegex {
        let points: Vec<_> = spec
            .points
            .iter()
            .map(|p| {
                let rules = regex_rules(&p.phrases, &p.partial, &p.all_of, &p.k_of_n, &p.regex);
                (p.weight, p.bonus, p.required, rules)
            })
            .collect();
        let misconceptions = spec
            .misconceptions
            .iter()
            .map(|m| {
                let rules = regex_rules(&m.phrases, &m.partial, &m.all_of, &m.k_of_n, &m.regex);
                (m.penalty, rules)
            })
            .collect();
        let possible = points.iter().filter(|p| !p.1).map(|p| p.0).sum();
        NaiveRegex {
            points,
            misconceptions,
            possible,
            required_cap: spec.required_cap.unwrap_or(0.5),
        }
    }

    /// The score, as [`Naive::score`] computes it.
    pub fn score(&self, answer: &str) -> f64 {
        let mut earned = 0.0;
        let mut unmet = false;
        for (weight, _, required, rules) in &self.points {
            let c = regex_credit(rules, answer);
            earned += weight * c;
            unmet |= *required && c == 0.0;
        }
        let penalty: f64 = self
            .misconceptions
            .iter()
            .filter(|(_, rules)| regex_credit(rules, answer) > 0.0)
            .map(|(p, _)| p)
            .sum();
        let score = ((earned - penalty) / self.possible).clamp(0.0, 1.0);
        if unmet {
            score.min(self.required_cap)
        } else {
            score
        }
    }
}
