//! Calibrating a rubric against answers that people have graded.
//!
//! [`calibrate`] scores every graded answer with the rubric, fits the
//! least-squares line from score to the grade scale, and reports how well the
//! scores agree with the grades ([`Agreement`]), how each key point behaves
//! ([`PointDiagnostic`]: credited in poorly graded answers, missed in well
//! graded ones) and which weights the data would support
//! ([`WeightSuggestion`]). Nothing is changed: the rubric author decides.
//!
//! ```
//! use answer_rubric::calibrate::{calibrate, GradeScale};
//! use answer_rubric::derive;
//!
//! let rubric = derive::from_reference(
//!     "What does a synchronous call do?",
//!     "It blocks the caller until the task completes.",
//! )?;
//! let graded = [
//!     ("It blocks the caller until the task completes.", 5.0),
//!     ("The caller blocks.", 3.0),
//!     ("It is fast.", 0.0),
//!     ("It waits until the task completes.", 4.0),
//! ];
//! let c = calibrate(&rubric, graded, GradeScale { min: 0.0, max: 5.0, step: 0.5 });
//! assert_eq!(c.agreement.n, 4);
//! assert!(c.agreement.pearson.unwrap() > 0.8);
//! let top = c.grade(1.0).unwrap();
//! assert!((0.0..=5.0).contains(&top));
//! # Ok::<(), answer_rubric::Error>(())
//! ```

use serde::Serialize;

use crate::agreement::{self, Agreement, PointDiagnostic, WeightSuggestion};
use crate::rubric::Rubric;

/// Share of the grade scale at or below which a grade counts as low for
/// [`PointDiagnostic::credited_low`]: the bottom 40 % (below "fair").
pub const LOW_GRADE_SHARE: f64 = 0.4;
/// Share of the grade scale at or above which a grade counts as high for
/// [`PointDiagnostic::missed_high`]: the top 20 % ("excellent").
pub const HIGH_GRADE_SHARE: f64 = 0.8;

/// A grade scale: from `min` to `max` in steps of `step` (e.g. 0 to 5 in
/// halves).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GradeScale {
    /// The lowest grade.
    pub min: f64,
    /// The highest grade.
    pub max: f64,
    /// The smallest difference between two grades.
    pub step: f64,
}

impl GradeScale {
    fn is_valid(&self) -> bool {
        self.min.is_finite()
            && self.max.is_finite()
            && self.step.is_finite()
            && self.step > 0.0
            && self.max >= self.min
    }
}

/// What [`calibrate`] found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    /// The grade scale given.
    pub scale: GradeScale,
    /// Agreement of the scores with the grades, with the fitted linear map
    /// (`agreement.map`) from scores to grades.
    pub agreement: Agreement,
    /// For each key point, in rubric order, how it behaves against the grades.
    pub points: Vec<PointDiagnostic>,
    /// For each key point, in rubric order, the weight the grades support.
    pub weights: Vec<WeightSuggestion>,
}

impl Calibration {
    /// The grade a score maps to: the fitted line, clamped to the scale and
    /// rounded to its step. `None` when no line could be fitted (fewer than
    /// two answers, or all scores equal), the scale is invalid or the score
    /// is not finite.
    pub fn grade(&self, score: f64) -> Option<f64> {
        let map = self.agreement.map?;
        let s = self.scale;
        if !s.is_valid() || !score.is_finite() {
            return None;
        }
        let raw = map.apply(score).clamp(s.min, s.max);
        let stepped = s.min + ((raw - s.min) / s.step).round() * s.step;
        let g = stepped.clamp(s.min, s.max);
        g.is_finite().then_some(g)
    }
}

/// Scores each `(answer, grade)` pair with `rubric` and measures the
/// agreement with the grades on `scale`; see the [module](self) docs.
///
/// Answers whose grade is not finite are left out. Never panics: with too
/// few answers the metrics are `None` and every weight is kept, with the
/// reason.
pub fn calibrate<'a, I>(rubric: &Rubric, answers: I, scale: GradeScale) -> Calibration
where
    I: IntoIterator<Item = (&'a str, f64)>,
{
    let mut scores = Vec::new();
    let mut grades = Vec::new();
    let mut credits: Vec<Vec<f64>> = Vec::new();
    for (text, grade) in answers {
        if !grade.is_finite() {
            continue;
        }
        let report = rubric.score(text);
        scores.push(report.score);
        grades.push(grade);
        credits.push(report.points.iter().map(|p| p.credit).collect());
    }
    let spec = rubric.spec();
    let ids: Vec<String> = spec.points.iter().map(|p| p.id.clone()).collect();
    let weights: Vec<f64> = spec.points.iter().map(|p| p.weight).collect();
    let span = scale.max - scale.min;
    let low = scale.min + LOW_GRADE_SHARE * span;
    let high = scale.min + HIGH_GRADE_SHARE * span;
    Calibration {
        scale,
        agreement: Agreement::measure(&scores, &grades, scale.min, scale.max, scale.step),
        points: agreement::point_diagnostics(&ids, &credits, &grades, low, high),
        weights: agreement::suggest_weights(&ids, &weights, &credits, &grades),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive;

    const SCALE: GradeScale = GradeScale {
        min: 0.0,
        max: 5.0,
        step: 0.5,
    };

    fn rubric() -> Rubric {
        Rubric::from_toml(
            r#"
            id = "t"
            title = "t"
            question = "How does TCP differ from UDP?"
            [[points]]
            id = "reliable"
            label = "TCP is reliable"
            phrases = ["reliable", "retransmits"]
            [[points]]
            id = "connection"
            label = "UDP is connectionless"
            phrases = ["connectionless", "no handshake"]
            "#,
        )
        .unwrap()
    }

    #[test]
    fn perfect_agreement_maps_scores_onto_grades() {
        let answers = [
            ("TCP is reliable and UDP connectionless", 5.0),
            ("TCP is reliable", 2.5),
            ("UDP is connectionless", 2.5),
            ("no idea", 0.0),
        ];
        let c = calibrate(&rubric(), answers, SCALE);
        assert_eq!(c.agreement.n, 4);
        assert!((c.agreement.pearson.unwrap() - 1.0).abs() < 1e-9);
        assert!(c.agreement.rmse.unwrap() < 1e-9);
        assert_eq!(c.grade(1.0), Some(5.0));
        assert_eq!(c.grade(0.5), Some(2.5));
        assert_eq!(c.grade(0.0), Some(0.0));
        // Clamped to the scale.
        assert_eq!(c.grade(3.0), Some(5.0));
        assert_eq!(c.grade(f64::NAN), None);
        assert_eq!(c.points.len(), 2);
        assert_eq!(c.weights.len(), 2);
    }

    #[test]
    fn diagnostics_flag_a_point_credited_in_low_answers() {
        // "reliable" appears in every low answer: a misfiring point.
        let mut answers = Vec::new();
        for _ in 0..10 {
            answers.push(("UDP is connectionless", 5.0));
            answers.push(("It is reliable, I think", 0.0));
        }
        let c = calibrate(&rubric(), answers.iter().copied(), SCALE);
        let reliable = &c.points[0];
        assert_eq!(reliable.point, "reliable");
        assert_eq!(reliable.credited_low, 10);
        assert!(reliable.correlation.unwrap() < 0.0);
        assert_eq!(c.points[1].missed_high, 0);
        // The data support moving weight from "reliable" to "connection".
        assert!(c.weights[0].suggested < c.weights[0].current);
        assert!(c.weights[1].suggested > c.weights[1].current);
    }

    #[test]
    fn degenerate_input_gives_none_not_a_panic() {
        let c = calibrate(&rubric(), std::iter::empty(), SCALE);
        assert_eq!(c.agreement.n, 0);
        assert_eq!(c.agreement.pearson, None);
        assert_eq!(c.grade(0.5), None);
        let c = calibrate(&rubric(), [("reliable", f64::NAN), ("x", 1.0)], SCALE);
        assert_eq!(c.agreement.n, 1);
        let bad = GradeScale {
            min: 5.0,
            max: 0.0,
            step: 0.0,
        };
        let c = calibrate(&rubric(), [("reliable", 1.0), ("x", 0.0)], bad);
        assert_eq!(c.grade(0.5), None);
        assert_eq!(c.agreement.qwk, None);
    }

    #[test]
    fn works_with_a_derived_rubric() {
        let r =
            derive::from_reference("What is a pointer?", "A variable holding a memory address.")
                .unwrap();
        let c = calibrate(
            &r,
            [
                ("a variable that holds a memory address", 5.0),
                ("an address in memory", 3.0),
                ("a number", 0.0),
            ],
            SCALE,
        );
        assert!(c.agreement.pearson.unwrap() > 0.9);
    }
}
