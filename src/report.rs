//! The report of one scored answer: plain data that explains itself.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

/// The result of scoring one answer against one rubric.
///
/// Plain data: serialise it with serde (the same rubric and answer always give
/// the same JSON, byte for byte) or print it with `Display`. The texts that
/// come from the rubric (ids, labels, hints, the alternatives matched) are
/// shared with it as `Arc<str>` rather than copied into every report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The rubric's id.
    pub rubric: Arc<str>,
    /// A hash of the rubric's content: reports made with different versions
    /// of a rubric carry different hashes.
    pub rubric_hash: Arc<str>,
    /// The score in `[0, 1]`: earned points minus penalties, over the possible
    /// points, capped when a required point is missing or the answer makes
    /// several wrong claims.
    pub score: f64,
    /// The band the score falls in.
    pub band: Arc<str>,
    /// Points earned: the sum of weight × credit; bonus points count at most
    /// as much as the other points earned.
    pub earned: f64,
    /// Points possible: the sum of the weights of the points that are not
    /// bonus points.
    pub possible: f64,
    /// Points lost to wrong claims: misconceptions and denied points.
    pub penalty: f64,
    /// The cap applied, if any: required points are missing, or the answer
    /// makes several wrong claims.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cap: Option<Cap>,
    /// Every key point, in rubric order.
    pub points: Vec<PointReport>,
    /// The points not earned (missing or contradicted), heaviest first.
    pub missing: Vec<MissingPoint>,
    /// The wrong claims found: misconceptions, then denied points.
    pub penalties: Vec<Penalty>,
}

/// A score cap: required points were not earned, or the answer makes
/// several wrong claims.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cap {
    /// The cap.
    pub at: f64,
    /// Why the score is capped.
    pub kind: CapKind,
    /// The required points that were not earned, or the ids of the wrong
    /// claims (as in [`Report::penalties`]).
    pub because: Vec<Arc<str>>,
}

/// Why a score is capped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CapKind {
    /// A required point is missing or contradicted: the rubric's
    /// `required_cap`.
    RequiredPoints,
    /// The answer makes several wrong claims (see
    /// [`crate::CAPPING_WRONG_CLAIMS`]).
    WrongClaims,
}

/// How well the answer covers one key point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Full credit.
    Covered,
    /// Some credit.
    Partial,
    /// Not found.
    Missing,
    /// Denied ("does not block") or voided by a wrong claim about it.
    Contradicted,
}

impl Status {
    /// A lowercase name: `covered`, `partial`, `missing` or `contradicted`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Covered => "covered",
            Status::Partial => "partial",
            Status::Missing => "missing",
            Status::Contradicted => "contradicted",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One key point in a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PointReport {
    /// The point's id.
    pub id: Arc<str>,
    /// The point's label.
    pub label: Arc<str>,
    /// The point's weight.
    pub weight: f64,
    /// Whether the point is required.
    pub required: bool,
    /// Whether the point is a bonus point (its weight is not in `possible`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub bonus: bool,
    /// Credit in `[0, 1]`.
    pub credit: f64,
    /// Covered, partial, missing or contradicted.
    pub status: Status,
    /// Why the credit was given or withheld, in a few words.
    pub reason: String,
    /// Where in the answer the point was found (or found negated).
    pub evidence: Vec<Evidence>,
    /// The misconception whose wrong claim voided the point, if any: the
    /// point is then contradicted whatever else the answer says of it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voided_by: Option<Arc<str>>,
}

/// A piece of evidence: a span of the answer and the rule that matched it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// Byte offset of the first byte in the answer.
    pub start: usize,
    /// Byte offset just past the last byte; `&answer[start..end] == text`.
    pub end: usize,
    /// The matched text, as written in the answer.
    pub text: String,
    /// The rule that matched: `phrases`, `partial`, `all_of[0]`, `k_of_n[0]`,
    /// `regex[0]` ...
    pub rule: Arc<str>,
    /// The alternative (or pattern) that matched, as written in the rubric.
    pub matched: Arc<str>,
    /// For a match with typos: the similarity of the misspelt words (below 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
    /// For a contradicted match: the negating word, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub negated_by: Option<String>,
}

/// A key point the answer did not earn.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissingPoint {
    /// The point's id.
    pub id: Arc<str>,
    /// The point's label.
    pub label: Arc<str>,
    /// The point's weight.
    pub weight: f64,
    /// Missing or contradicted.
    pub status: Status,
    /// Whether the point is a bonus point.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub bonus: bool,
    /// What to add, from the rubric.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<Arc<str>>,
}

/// A wrong claim found in the answer: a misconception, or a key point that
/// the answer denies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Penalty {
    /// The misconception's id, or the id of the denied point.
    pub id: Arc<str>,
    /// Which kind of wrong claim it is.
    pub kind: PenaltyKind,
    /// The misconception's label, or "denies: " and the point's label.
    pub label: Arc<str>,
    /// Points subtracted.
    pub penalty: f64,
    /// Why the claim is wrong: the misconception's explanation from the
    /// rubric, or the sentence that denies the point.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Arc<str>>,
    /// Where the claim was found.
    pub evidence: Vec<Evidence>,
}

/// The kinds of wrong claim that cost points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PenaltyKind {
    /// A misconception of the rubric.
    Misconception,
    /// A key point the answer denies (see [`crate::DENIAL_PENALTY`]).
    Denial,
}

impl PenaltyKind {
    /// A lowercase name: `misconception` or `denial`.
    pub fn as_str(self) -> &'static str {
        match self {
            PenaltyKind::Misconception => "misconception",
            PenaltyKind::Denial => "denial",
        }
    }
}

impl fmt::Display for PenaltyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Report {
    /// The report of one point, by id.
    pub fn point(&self, id: &str) -> Option<&PointReport> {
        self.points.iter().find(|p| &*p.id == id)
    }

    /// The report as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

fn quoted_evidence(evidence: &[Evidence]) -> String {
    evidence
        .iter()
        .map(|e| {
            let mut s = format!("\"{}\" at {}..{}", one_line(&e.text), e.start, e.end);
            if let Some(sim) = e.similarity {
                s.push_str(&format!(" (typo, similarity {sim:.2})"));
            }
            if let Some(n) = &e.negated_by {
                s.push_str(&format!(" (negated by \"{n}\")"));
            }
            s
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: score {:.2} ({}), {} of {} points{}",
            self.rubric,
            self.score,
            self.band,
            trim(self.earned),
            trim(self.possible),
            if self.penalty > 0.0 {
                format!(", minus {} for wrong claims", trim(self.penalty))
            } else {
                String::new()
            }
        )?;
        if let Some(cap) = &self.cap {
            let why = match cap.kind {
                CapKind::RequiredPoints => "required point(s) not earned",
                CapKind::WrongClaims => "several wrong claims",
            };
            writeln!(
                f,
                "  capped at {:.2}: {why}: {}",
                cap.at,
                cap.because.join(", ")
            )?;
        }
        for p in &self.points {
            let mark = match p.status {
                Status::Covered => "[x]",
                Status::Partial => "[~]",
                Status::Missing => "[ ]",
                Status::Contradicted => "[!]",
            };
            write!(
                f,
                "  {mark} {} ({}weight {}, credit {:.2}): {}",
                p.label,
                if p.bonus { "bonus, " } else { "" },
                trim(p.weight),
                p.credit,
                p.reason
            )?;
            if !p.evidence.is_empty() {
                write!(f, ": {}", quoted_evidence(&p.evidence))?;
            }
            writeln!(f)?;
        }
        if !self.missing.is_empty() {
            writeln!(f, "  to improve:")?;
            for m in &self.missing {
                let status = if m.bonus {
                    format!("{}, bonus", m.status)
                } else {
                    m.status.to_string()
                };
                match &m.hint {
                    Some(h) => writeln!(f, "    - {} ({status}): {h}", m.label)?,
                    None => writeln!(f, "    - {} ({status})", m.label)?,
                }
            }
        }
        for p in &self.penalties {
            write!(f, "  penalty -{}: {}", trim(p.penalty), p.label)?;
            if let Some(e) = &p.explanation {
                write!(f, ". {e}")?;
            }
            writeln!(f, " [{}]", quoted_evidence(&p.evidence))?;
        }
        Ok(())
    }
}

/// Formats a number without trailing zeros: 3 rather than 3.0, 1.5, 0.25.
fn trim(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}
