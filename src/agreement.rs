//! Agreement between automatic scores and human grades.
//!
//! These metrics show whether the scorer agrees with human graders, and which
//! key points cause disagreement. Each one answers a different question:
//!
//! - [`pearson`]: do scores and grades rise together *linearly*? It ranges from
//!   -1 to 1. Use it when the score is meant to be a linear stand-in for the
//!   grade. Outliers affect it strongly.
//! - [`spearman`]: do scores and grades put the answers in the *same order*?
//!   It is Pearson's correlation of the ranks, with tied values sharing their
//!   average rank. Use it when only the ranking matters, or when the score is
//!   monotone in the grade but not linear in it.
//! - [`quadratic_weighted_kappa`] (QWK): how far do two sets of ratings on the same
//!   integer scale agree, beyond what chance would give? A disagreement costs
//!   the square of its distance. 1 is perfect agreement, 0 is chance level and
//!   negative values are worse than chance. This is the usual metric for
//!   automated essay and short-answer scoring, so use it to compare with
//!   published results.
//! - [`LinearMap`]: the least-squares line that maps raw scores to the grade
//!   scale. Use it to report scores in grade units.
//! - [`rmse`]: root-mean-square error, in grade units. Use it to say how many
//!   grade points a mapped score is typically off.
//! - [`Agreement::measure`] computes all of the above in one call.
//! - [`point_diagnostics`]: for each key point, counts of false positives (the
//!   point is credited in answers with low grades) and false negatives (the point
//!   is not credited in answers with high grades). It also gives the point's
//!   correlation with the grade. Use it to find points whose patterns match too
//!   much or too little, in the same way as Moodle's pmatch testing tool.
//! - [`suggest_weights`]: non-negative least-squares weights that would best
//!   reproduce the human grades from the per-point credits. A weight only changes
//!   when the data is enough to estimate it.
//!
//! No function here panics. Empty input, slices of different lengths, NaN or
//! infinite values and constant input give `None`, or the documented fallback
//! value, never a silently wrong number.

use serde::Serialize;

/// Fewest usable answers before [`suggest_weights`] proposes any change. Twenty
/// is the common rule-of-thumb minimum for a regression on a handful of predictors;
/// with fewer answers, one unusual answer can swing a weight.
const MIN_ANSWERS_FOR_WEIGHTS: usize = 20;

/// Fewest answers that must credit a point, and fewest that must not, before
/// [`suggest_weights`] re-estimates that point's weight. Three on each side is the
/// smallest count where one unusual answer cannot decide the point's effect by itself.
const MIN_ANSWERS_EACH_SIDE: usize = 3;

/// Share of the total weight below which [`suggest_weights`] calls a suggested
/// weight "in agreement" with the current one. One percent is below any change
/// a rubric author would make by hand.
const SAME_WEIGHT_SHARE: f64 = 0.01;

/// Upper limit on full sweeps of the NNLS coordinate descent. Practical
/// rubrics (tens of points) converge within a few hundred sweeps. This limit
/// is there only so that badly conditioned data (near-duplicate points)
/// cannot loop for a long time. It costs at most about 10^4 * k^2 flops.
const NNLS_MAX_SWEEPS: usize = 10_000;

/// Relative step size at which the NNLS coordinate descent counts as converged.
/// 1e-12 is several thousand ulps of a unit-sized weight (one ulp of 1.0 is
/// about 2.2e-16). That is far below any meaningful change in a weight and still well
/// above rounding noise.
const NNLS_TOLERANCE: f64 = 1e-12;

/// Slack used when counting the steps of a grade scale. This lets `(max - min) / step`
/// land a little below an integer because of rounding (e.g. `0.3 / 0.1 = 2.999…`).
/// 1e-9 is far above f64 rounding error and far below a whole step.
const STEP_COUNT_SLACK: f64 = 1e-9;

/// The square of `x`.
fn sq(x: f64) -> f64 {
    x * x
}

/// True when every value is finite, i.e. neither NaN nor infinite.
fn all_finite(v: &[f64]) -> bool {
    v.iter().all(|x| x.is_finite())
}

/// Arithmetic mean of a non-empty slice. Each term is divided by `n` before
/// summing, so that large finite values cannot overflow the sum.
fn mean(v: &[f64]) -> f64 {
    let n = v.len() as f64;
    v.iter().map(|x| x / n).sum()
}

/// The largest absolute value in `v` (0 for an empty slice).
fn max_abs(v: &[f64]) -> f64 {
    v.iter().fold(0.0_f64, |acc, x| acc.max(x.abs()))
}

/// A sample centred on its mean and scaled so that every entry lies in [-1, 1] and at
/// least one entry is ±1. The sample is first divided by its largest magnitude and
/// then by its largest deviation, so no intermediate value can overflow or underflow.
/// The deviation in original units is `unit * magnitude * spread`.
struct Centered {
    mean: f64,
    magnitude: f64,
    spread: f64,
    unit: Vec<f64>,
}

impl Centered {
    /// `None` for an empty or constant sample, or when the values are not finite.
    fn new(v: &[f64]) -> Option<Self> {
        let first = *v.first()?;
        if v.iter().all(|&x| x == first) {
            return None;
        }
        let magnitude = max_abs(v);
        if !(magnitude > 0.0 && magnitude.is_finite()) {
            return None;
        }
        // After normalisation the values lie in [-1, 1], the mean also lies in [-1, 1],
        // and every deviation lies in [-2, 2].
        let normalized: Vec<f64> = v.iter().map(|x| x / magnitude).collect();
        let normalized_mean = mean(&normalized);
        let dev: Vec<f64> = normalized.iter().map(|x| x - normalized_mean).collect();
        let spread = max_abs(&dev);
        // Distinct inputs can round to the same normalised value, so check the spread again.
        if !(spread > 0.0 && spread.is_finite()) {
            return None;
        }
        let unit = dev.into_iter().map(|d| d / spread).collect();
        Some(Self {
            mean: normalized_mean * magnitude,
            magnitude,
            spread,
            unit,
        })
    }

    /// Sum of the squared unit deviations. It is at least 1, because one entry is ±1.
    fn sum_sq(&self) -> f64 {
        self.unit.iter().map(|&d| sq(d)).sum()
    }

    /// Sum of the products of the unit deviations of two samples of the same length.
    fn sum_prod(&self, other: &Self) -> f64 {
        self.unit.iter().zip(&other.unit).map(|(a, b)| a * b).sum()
    }
}

/// Pearson's product-moment correlation between `x` and `y`, in [-1, 1].
///
/// It is 1 when the points lie exactly on a rising line and -1 when they lie
/// exactly on a falling line.
///
/// Returns `None` when the correlation is undefined: the slices differ in length,
/// there are fewer than 2 pairs, a value is NaN or infinite, or either
/// side is constant.
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() != y.len() || x.len() < 2 || !all_finite(x) || !all_finite(y) {
        return None;
    }
    let cx = Centered::new(x)?;
    let cy = Centered::new(y)?;
    let r = cx.sum_prod(&cy) / (cx.sum_sq() * cy.sum_sq()).sqrt();
    r.is_finite().then(|| r.clamp(-1.0, 1.0))
}

/// Spearman's rank correlation between `x` and `y`, in [-1, 1]. This is the
/// Pearson correlation of the ranks, and tied values share their average rank.
///
/// It is 1 whenever `y` rises with `x` (strictly monotonic), whether or not the
/// relation is linear.
///
/// Returns `None` in the same cases as [`pearson`]: the slices differ in length,
/// there are fewer than 2 pairs, a value is NaN or infinite, or either side is
/// constant.
pub fn spearman(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() != y.len() || x.len() < 2 || !all_finite(x) || !all_finite(y) {
        return None;
    }
    pearson(&average_ranks(x), &average_ranks(y))
}

/// The 1-based ranks of `v`. Tied values share the average of the ranks they
/// occupy (e.g. two values tied for 2nd and 3rd place both get rank 2.5).
fn average_ranks(v: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..v.len()).collect();
    order.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
    let mut ranks = vec![0.0; v.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && v[order[end]] == v[order[start]] {
            end += 1;
        }
        // Sorted positions start..end (0-based) hold the ranks start+1 ..= end.
        // The mean of that run of integers is (first + last) / 2.
        let rank = (start + 1 + end) as f64 / 2.0;
        for &i in &order[start..end] {
            ranks[i] = rank;
        }
        start = end;
    }
    ranks
}

/// Quadratic weighted kappa (Cohen's kappa with quadratic weights) between
/// two raters whose ratings are integers in `min..=max`.
///
/// `1 - Σ w·O / Σ w·E`, where `O` is the observed matrix of rating pairs,
/// `E` is the matrix expected by chance (the outer product of the two rating
/// histograms), and the weight `w` is the squared distance between the two ratings. This is the
/// Kaggle ASAP definition: the weights use the rating values on the `min..=max`
/// scale, not the indices of the labels that occur. The weight
/// normalisation `(max - min)^2` cancels out, so the value is computed in O(n)
/// time with no matrix. 1 means perfect agreement, 0 means chance-level
/// agreement, and the minimum is -1.
///
/// Returns `None` when the slices differ in length or are empty, when
/// `min > max`, when any rating lies outside `min..=max`, or when both raters
/// give one and the same rating to every answer. In that last case chance
/// already explains everything, and kappa is 0/0.
pub fn quadratic_weighted_kappa(a: &[i64], b: &[i64], min: i64, max: i64) -> Option<f64> {
    if a.len() != b.len() || a.is_empty() || min > max {
        return None;
    }
    let in_range = |r: &i64| (min..=max).contains(r);
    if !a.iter().all(in_range) || !b.iter().all(in_range) {
        return None;
    }
    // Offsets from `min` are computed in i128, so that even the full i64 range cannot overflow.
    let offset = |r: &i64| (i128::from(*r) - i128::from(min)) as f64;
    let fa: Vec<f64> = a.iter().map(offset).collect();
    let fb: Vec<f64> = b.iter().map(offset).collect();
    let n = fa.len() as f64;
    let (ma, mb) = (mean(&fa), mean(&fb));
    let var_a: f64 = fa.iter().map(|x| sq(x - ma) / n).sum();
    let var_b: f64 = fb.iter().map(|x| sq(x - mb) / n).sum();
    // Σ w·O / n: mean squared distance between the paired ratings.
    let observed: f64 = fa.iter().zip(&fb).map(|(x, y)| sq(x - y) / n).sum();
    // Σ w·E / n: mean squared distance over all n² cross pairs. This expands to
    // var_a + var_b + (mean_a - mean_b)².
    let expected = var_a + var_b + sq(ma - mb);
    if expected <= 0.0 || !expected.is_finite() {
        return None;
    }
    let kappa = 1.0 - observed / expected;
    kappa.is_finite().then_some(kappa)
}

/// A straight line `grade ≈ slope * score + intercept` that maps raw scores to
/// the grade scale.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LinearMap {
    /// Grade units per score unit.
    pub slope: f64,
    /// The grade predicted for a score of 0.
    pub intercept: f64,
}

impl LinearMap {
    /// Ordinary least-squares fit of `grades` on `scores`.
    ///
    /// Constant grades give slope 0 and that constant as the intercept.
    /// Returns `None` when the slices differ in length, hold fewer than 2 pairs,
    /// contain NaN or infinite values, when the scores are constant (the slope is then
    /// undefined), or when the fitted line does not fit in an f64.
    pub fn fit(scores: &[f64], grades: &[f64]) -> Option<Self> {
        if scores.len() != grades.len()
            || scores.len() < 2
            || !all_finite(scores)
            || !all_finite(grades)
        {
            return None;
        }
        let cx = Centered::new(scores)?;
        let (slope, intercept) = match Centered::new(grades) {
            // Work with unit deviations and put the scales back afterwards, so the
            // sums cannot overflow: slope = (s_y / s_x) * Σ ux·uy / Σ ux², where
            // s = magnitude * spread.
            Some(cy) => {
                let ratio = (cy.magnitude / cx.magnitude) * (cy.spread / cx.spread);
                let slope = ratio * (cx.sum_prod(&cy) / cx.sum_sq());
                (slope, cy.mean - slope * cx.mean)
            }
            // Constant grades: the best line is flat at that grade.
            None => (0.0, grades[0]),
        };
        (slope.is_finite() && intercept.is_finite()).then_some(Self { slope, intercept })
    }

    /// Maps one raw score to the grade scale. The result is not rounded or clamped.
    /// A NaN score gives NaN.
    pub fn apply(&self, score: f64) -> f64 {
        self.slope * score + self.intercept
    }
}

/// Root-mean-square error between `predicted` and `actual`, in their units.
/// It is 0 exactly when every prediction is exact.
///
/// Returns `None` when the slices differ in length, are empty, contain NaN or
/// infinite values, or when the result is too large for an f64. The values are
/// rescaled before squaring, so very large or very small errors do not overflow or
/// underflow.
pub fn rmse(predicted: &[f64], actual: &[f64]) -> Option<f64> {
    if predicted.len() != actual.len()
        || predicted.is_empty()
        || !all_finite(predicted)
        || !all_finite(actual)
    {
        return None;
    }
    // Divide by the largest magnitude first, so that each difference lies in [-2, 2].
    // Then divide by the largest difference, so that squaring neither overflows nor underflows.
    let magnitude = max_abs(predicted).max(max_abs(actual));
    if magnitude == 0.0 {
        return Some(0.0);
    }
    let diff: Vec<f64> = predicted
        .iter()
        .zip(actual)
        .map(|(p, a)| p / magnitude - a / magnitude)
        .collect();
    let spread = max_abs(&diff);
    if spread == 0.0 {
        return Some(0.0);
    }
    let root_mean_sq =
        (diff.iter().map(|d| sq(d / spread)).sum::<f64>() / diff.len() as f64).sqrt();
    let value = magnitude * spread * root_mean_sq;
    value.is_finite().then_some(value)
}

/// Agreement between automatic scores and human grades for one set of answers.
/// It is built by [`Agreement::measure`] and can be serialised for reports.
/// An undefined metric is `None` (`null` in JSON).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    /// Number of (score, grade) pairs measured. It is 0 when the two inputs differ
    /// in length, since then no pairs can be formed.
    pub n: usize,
    /// [`pearson`] correlation of the raw scores with the grades.
    pub pearson: Option<f64>,
    /// [`spearman`] rank correlation of the raw scores with the grades.
    pub spearman: Option<f64>,
    /// [`quadratic_weighted_kappa`] between the mapped scores and the grades. Both are
    /// rounded to the steps of the grade scale and clamped to its range.
    pub qwk: Option<f64>,
    /// [`rmse`] of the mapped scores against the grades, in grade units. The map
    /// is fitted on the same data, so this is an in-sample (optimistic) figure.
    pub rmse: Option<f64>,
    /// The least-squares [`LinearMap`] from scores to grades that the QWK and RMSE
    /// are computed with.
    pub map: Option<LinearMap>,
}

impl Agreement {
    /// Measures how well `scores` agree with the human `grades`. Answer `i` has
    /// score `scores[i]` and grade `grades[i]`. The grade scale runs from `grade_min`
    /// to `grade_max` in steps of `grade_step` (e.g. 0 to 5 in steps of 0.5).
    ///
    /// Pearson and Spearman use the raw scores. A [`LinearMap`] is fitted from scores
    /// to grades. RMSE compares the mapped scores with the grades. QWK compares
    /// them after both are rounded to the nearest step, counted from
    /// `grade_min`, and clamped to `[grade_min, grade_max]`.
    ///
    /// This function never panics. Each field is `None` when it is undefined (see the
    /// individual functions). `qwk` is also `None` when the scale is invalid: a
    /// bound or the step is not finite, the step is not positive, or
    /// `grade_max < grade_min`. When the map cannot be fitted (e.g. constant
    /// scores), `rmse` and `qwk` are `None` as well.
    pub fn measure(
        scores: &[f64],
        grades: &[f64],
        grade_min: f64,
        grade_max: f64,
        grade_step: f64,
    ) -> Self {
        if scores.len() != grades.len() {
            return Self {
                n: 0,
                pearson: None,
                spearman: None,
                qwk: None,
                rmse: None,
                map: None,
            };
        }
        let map = LinearMap::fit(scores, grades);
        let mapped: Option<Vec<f64>> = map.map(|m| scores.iter().map(|&s| m.apply(s)).collect());
        let rmse_value = mapped.as_deref().and_then(|p| rmse(p, grades));
        let qwk = mapped.as_deref().and_then(|p| {
            let scale = GradeScale::new(grade_min, grade_max, grade_step)?;
            let a: Vec<i64> = p.iter().map(|&x| scale.step_index(x)).collect();
            let b: Vec<i64> = grades.iter().map(|&x| scale.step_index(x)).collect();
            quadratic_weighted_kappa(&a, &b, 0, scale.steps)
        });
        Self {
            n: scores.len(),
            pearson: pearson(scores, grades),
            spearman: spearman(scores, grades),
            qwk,
            rmse: rmse_value,
            map,
        }
    }
}

/// A grade scale `min, min + step, …, min + steps * step`. It is used to turn
/// continuous values into integer ratings for QWK.
struct GradeScale {
    min: f64,
    step: f64,
    steps: i64,
}

impl GradeScale {
    /// `None` unless the bounds and step are finite, `step > 0` and `max >= min`.
    /// When the range is not a whole number of steps, the top of the scale
    /// is the last whole step at or below `max`.
    fn new(min: f64, max: f64, step: f64) -> Option<Self> {
        if !(min.is_finite() && max.is_finite() && step.is_finite() && step > 0.0 && max >= min) {
            return None;
        }
        let count = ((max - min) / step + STEP_COUNT_SLACK).floor();
        // `as` saturates, so an absurdly fine step gives a huge but valid count.
        count.is_finite().then_some(Self {
            min,
            step,
            steps: count as i64,
        })
    }

    /// Index of the scale step nearest to `x`, clamped to `0..=steps`. A NaN `x`
    /// maps to step 0.
    fn step_index(&self, x: f64) -> i64 {
        let index = ((x - self.min) / self.step).round();
        if index.is_nan() {
            return 0;
        }
        // Both bounds are finite and 0 <= steps, so `clamp` cannot panic.
        index.clamp(0.0, self.steps as f64) as i64
    }
}

/// How one key point behaves against the human grades. It is produced by
/// [`point_diagnostics`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PointDiagnostic {
    /// The key point's name, as given.
    pub point: String,
    /// False positives: answers graded at or below `low` in which this point got
    /// some credit (credit > 0).
    pub credited_low: usize,
    /// False negatives: answers graded at or above `high` in which this point got
    /// no credit (credit <= 0).
    pub missed_high: usize,
    /// Answers in which this point got some credit (credit > 0).
    pub credited: usize,
    /// Answers used for this point: those with a finite grade and a finite credit
    /// for the point.
    pub n: usize,
    /// [`pearson`] correlation of this point's credit with the grade. `None` when
    /// it is undefined, e.g. when the point is credited in all answers or in none.
    pub correlation: Option<f64>,
}

/// Per-point diagnostics, like Moodle's pmatch testing tool. They show which key
/// points are credited in poorly graded answers (a pattern that matches too much)
/// and which are missed in well graded answers (a pattern that matches too little).
///
/// `credits[i][j]` is the credit (expected in 0..=1) that point `j` got in
/// answer `i`, and `grades[i]` is the human grade of answer `i`. The output has
/// one entry per point, in the order of `points`.
///
/// An answer is left out for a point when its grade is not finite, or its row has
/// no finite credit for that point (e.g. the row is too short). When `credits` and
/// `grades` differ in length, no answer can be paired, so every point
/// reports `n == 0`. A NaN `low` or `high` counts nothing in the
/// corresponding field.
pub fn point_diagnostics(
    points: &[String],
    credits: &[Vec<f64>],
    grades: &[f64],
    low: f64,
    high: f64,
) -> Vec<PointDiagnostic> {
    let paired = credits.len() == grades.len();
    points
        .iter()
        .enumerate()
        .map(|(j, point)| {
            let mut xs = Vec::new();
            let mut ys = Vec::new();
            if paired {
                for (row, &grade) in credits.iter().zip(grades) {
                    if let Some(&credit) = row.get(j) {
                        if credit.is_finite() && grade.is_finite() {
                            xs.push(credit);
                            ys.push(grade);
                        }
                    }
                }
            }
            let pairs = || xs.iter().zip(&ys);
            PointDiagnostic {
                point: point.clone(),
                credited_low: pairs().filter(|(&c, &g)| g <= low && c > 0.0).count(),
                missed_high: pairs().filter(|(&c, &g)| g >= high && c <= 0.0).count(),
                credited: xs.iter().filter(|&&c| c > 0.0).count(),
                n: xs.len(),
                correlation: pearson(&xs, &ys),
            }
        })
        .collect()
}

/// A proposed weight for one key point, produced by [`suggest_weights`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeightSuggestion {
    /// The key point's name, as given.
    pub point: String,
    /// The weight the rubric gives the point now. It is 0 if no weight was given.
    pub current: f64,
    /// The proposed weight. It equals `current` whenever the data cannot support a
    /// change.
    pub suggested: f64,
    /// Why `suggested` has this value, in plain words.
    pub reason: String,
}

/// Suggests key-point weights that reproduce the human grades better. The result is
/// deterministic for the same input.
///
/// The grades are fitted as `grade ≈ intercept + Σ weight_j * credits[i][j]`
/// by non-negative least squares (no negative weights; the intercept is free).
/// The fitted weights are then rescaled so that the suggested weights sum to the current
/// total. The data must be able to support a change: at least 20 usable answers (with a
/// finite grade and a finite credit for every point). A point's weight is re-estimated only
/// when at least 3 of those answers credit it (credit > 0) and at least 3 do not.
/// Other points keep their current weight and the reason says why. In the fit they
/// enter as one combined feature (their current weights times their credits), so the
/// other weights are estimated net of them. The re-estimated points share what remains
/// of the total.
///
/// The output has one entry per point, in the order of `points`. Every suggestion
/// equals its current weight, with a reason, in these cases: `weights` and `points`
/// differ in length, `credits` and `grades` differ in length, a weight is
/// negative or not finite, the total weight is not positive, or the fit finds no
/// supported point whose credit rises with the grade.
pub fn suggest_weights(
    points: &[String],
    weights: &[f64],
    credits: &[Vec<f64>],
    grades: &[f64],
) -> Vec<WeightSuggestion> {
    let current = |j: usize| weights.get(j).copied().unwrap_or(0.0);
    let keep_all = |reason: String| -> Vec<WeightSuggestion> {
        points
            .iter()
            .enumerate()
            .map(|(j, p)| WeightSuggestion {
                point: p.clone(),
                current: current(j),
                suggested: current(j),
                reason: reason.clone(),
            })
            .collect()
    };

    if weights.len() != points.len() {
        return keep_all(format!(
            "{} weights were given for {} points; weight kept",
            weights.len(),
            points.len()
        ));
    }
    if credits.len() != grades.len() {
        return keep_all(format!(
            "{} rows of credits were given for {} grades; weight kept",
            credits.len(),
            grades.len()
        ));
    }
    let total: f64 = weights.iter().sum();
    let valid_weights = weights.iter().all(|w| w.is_finite() && *w >= 0.0);
    if !(valid_weights && total > 0.0 && total.is_finite()) {
        return keep_all(
            "current weights must be finite and non-negative with a positive total; weight kept"
                .to_string(),
        );
    }

    let m = points.len();
    let usable: Vec<(&[f64], f64)> = credits
        .iter()
        .zip(grades)
        .filter(|(row, g)| g.is_finite() && row.len() == m && all_finite(row))
        .map(|(row, &g)| (row.as_slice(), g))
        .collect();
    let n = usable.len();
    if n < MIN_ANSWERS_FOR_WEIGHTS {
        return keep_all(format!(
            "only {n} usable answers (need at least {MIN_ANSWERS_FOR_WEIGHTS} with a finite \
             grade and a finite credit for every point); weight kept"
        ));
    }

    let credited: Vec<usize> = (0..m)
        .map(|j| usable.iter().filter(|(row, _)| row[j] > 0.0).count())
        .collect();
    let free: Vec<usize> = (0..m)
        .filter(|&j| {
            credited[j] >= MIN_ANSWERS_EACH_SIDE && n - credited[j] >= MIN_ANSWERS_EACH_SIDE
        })
        .collect();
    let unsupported_reason = |j: usize| {
        format!(
            "credited in {} of {n} answers (need at least {MIN_ANSWERS_EACH_SIDE} credited and \
             {MIN_ANSWERS_EACH_SIDE} not); too little variation to estimate, weight kept",
            credited[j]
        )
    };

    // Features: one column per free point, plus one combined column for the fixed points.
    let fixed: Vec<usize> = (0..m).filter(|j| !free.contains(j)).collect();
    let rows: Vec<Vec<f64>> = usable
        .iter()
        .map(|(row, _)| {
            let mut features: Vec<f64> = free.iter().map(|&j| row[j]).collect();
            if !fixed.is_empty() {
                // Divide by the total so the feature stays small even for huge weights. Its
                // coefficient is only a nuisance parameter, so the scale does not matter.
                features.push(fixed.iter().map(|&j| weights[j] / total * row[j]).sum());
            }
            features
        })
        .collect();
    let targets: Vec<f64> = usable.iter().map(|&(_, g)| g).collect();
    let fitted = nnls_with_intercept(&rows, &targets);

    let fitted_sum: f64 = fitted.iter().take(free.len()).sum();
    let free_share: f64 = free.iter().map(|&j| weights[j]).sum();
    let no_fit_reason = if free.is_empty() {
        None
    } else if !(fitted_sum > 0.0 && fitted_sum.is_finite()) {
        Some(format!(
            "fit on {n} answers finds no point whose credit rises with the grade; nothing to \
             redistribute, weight kept"
        ))
    } else if free_share <= 0.0 {
        Some(
            "the points that could be re-estimated carry no weight now, so there is no share \
             to redistribute; weight kept"
                .to_string(),
        )
    } else {
        None
    };

    points
        .iter()
        .enumerate()
        .map(|(j, point)| {
            let current = weights[j];
            let keep = |reason: String| WeightSuggestion {
                point: point.clone(),
                current,
                suggested: current,
                reason,
            };
            let Some(k) = free.iter().position(|&f| f == j) else {
                return keep(unsupported_reason(j));
            };
            if let Some(reason) = &no_fit_reason {
                return keep(reason.clone());
            }
            // Take the ratio first: it is at most 1, so the product cannot overflow.
            let suggested = fitted[k] / fitted_sum * free_share;
            let reason = if fitted[k] == 0.0 {
                format!(
                    "fit on {n} answers gives this point no weight: its credit does not raise \
                     the grade once the other points are accounted for"
                )
            } else if (suggested - current).abs() <= SAME_WEIGHT_SHARE * total {
                format!("fit on {n} answers agrees with the current weight")
            } else if suggested > current {
                format!(
                    "fit on {n} answers suggests raising this weight: human graders reward \
                     this point more than the rubric does"
                )
            } else {
                format!(
                    "fit on {n} answers suggests lowering this weight: human graders reward \
                     this point less than the rubric does"
                )
            };
            WeightSuggestion {
                point: point.clone(),
                current,
                suggested,
                reason,
            }
        })
        .collect()
}

/// Non-negative least squares with a free intercept: minimises
/// `Σ_i (y_i - b - Σ_j w_j x_ij)²` over `w >= 0` and any `b`, and returns `w`.
///
/// The optimal intercept for any `w` is `mean(y) - Σ_j w_j mean(x_j)`, so
/// the problem reduces to NNLS on mean-centred columns. That is solved on the
/// Gram matrix by cyclic coordinate descent with projection onto `w >= 0`
/// (the sequential coordinate-wise NNLS algorithm of Franc, Hlaváč and
/// Navara, 2005). The problem is convex, so this converges to the minimum. The
/// order of the updates is fixed, so the result is deterministic. A column
/// that does not vary keeps weight 0.
fn nnls_with_intercept(rows: &[Vec<f64>], y: &[f64]) -> Vec<f64> {
    let k = rows.first().map_or(0, Vec::len);
    if rows.is_empty() || k == 0 || rows.len() != y.len() {
        return vec![0.0; k];
    }
    let col_means: Vec<f64> = (0..k)
        .map(|j| mean(&rows.iter().map(|r| r[j]).collect::<Vec<_>>()))
        .collect();
    let y_mean = mean(y);
    let centered: Vec<Vec<f64>> = rows
        .iter()
        .map(|r| r.iter().zip(&col_means).map(|(x, m)| x - m).collect())
        .collect();
    let mut gram = vec![vec![0.0; k]; k];
    let mut xty = vec![0.0; k];
    for (row, &yi) in centered.iter().zip(y) {
        for a in 0..k {
            xty[a] += row[a] * (yi - y_mean);
            for b in 0..k {
                gram[a][b] += row[a] * row[b];
            }
        }
    }

    let mut w = vec![0.0; k];
    for _ in 0..NNLS_MAX_SWEEPS {
        let mut largest_step = 0.0_f64;
        for j in 0..k {
            let curvature = gram[j][j];
            if curvature <= 0.0 || !curvature.is_finite() {
                continue;
            }
            // Gradient of ½‖Xw - y‖² along coordinate j, recomputed from the current w.
            let gradient: f64 = (0..k).map(|b| gram[j][b] * w[b]).sum::<f64>() - xty[j];
            let updated = (w[j] - gradient / curvature).max(0.0);
            largest_step = largest_step.max((updated - w[j]).abs());
            w[j] = updated;
        }
        // `max(0.0)` maps a NaN update to 0 and `max_abs` ignores NaN, so neither side
        // of this comparison is NaN.
        if largest_step <= NNLS_TOLERANCE * max_abs(&w).max(f64::MIN_POSITIVE) {
            break;
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tolerance for comparing floating-point results that are exact in real
    /// arithmetic. 1e-9 allows for accumulated rounding over a few hundred operations.
    const EPS: f64 = 1e-9;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= EPS * (1.0 + b.abs())
    }

    fn names(n: usize) -> Vec<String> {
        (0..n).map(|j| format!("p{j}")).collect()
    }

    /// Deterministic pseudo-random numbers in [0, 1) for synthetic data. Knuth's MMIX
    /// LCG constants; the top 53 bits become the mantissa of the f64.
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self) -> f64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    #[test]
    fn pearson_perfect_lines() {
        let x = [1.0, 2.0, 3.0, 4.0, 5.0];
        let up: Vec<f64> = x.iter().map(|v| 3.0 * v - 7.0).collect();
        let down: Vec<f64> = x.iter().map(|v| -0.5 * v + 2.0).collect();
        assert!(close(pearson(&x, &up).unwrap(), 1.0));
        assert!(close(pearson(&x, &down).unwrap(), -1.0));
    }

    #[test]
    fn pearson_hand_worked() {
        // Deviations from the means (3 and 4): dx = [-2,-1,0,1,2], dy = [-2,0,1,0,1].
        // Σdxdy = 6, Σdx² = 10, Σdy² = 6, so r = 6 / √60.
        let r = pearson(&[1.0, 2.0, 3.0, 4.0, 5.0], &[2.0, 4.0, 5.0, 4.0, 5.0]).unwrap();
        assert!(close(r, 6.0 / 60f64.sqrt()), "{r}");
    }

    #[test]
    fn pearson_is_scale_invariant_at_extremes() {
        let x = [1.0, 2.0, 3.0, 4.0, 5.0];
        let y = [2.0, 4.0, 5.0, 4.0, 5.0];
        let r = pearson(&x, &y).unwrap();
        // 1e300 and 1e-300 sit near the ends of the f64 range: their squares
        // overflow or underflow unless the code scales before squaring.
        let big: Vec<f64> = x.iter().map(|v| v * 1e300).collect();
        let tiny: Vec<f64> = y.iter().map(|v| v * 1e-300).collect();
        assert!(close(pearson(&big, &tiny).unwrap(), r));
    }

    #[test]
    fn pearson_degenerate_inputs() {
        assert_eq!(pearson(&[], &[]), None);
        assert_eq!(pearson(&[1.0], &[2.0]), None);
        assert_eq!(pearson(&[1.0, 2.0], &[1.0]), None);
        assert_eq!(pearson(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]), None);
        assert_eq!(pearson(&[0.1, 0.1, 0.1], &[1.0, 2.0, 3.0]), None);
        assert_eq!(pearson(&[1.0, f64::NAN, 3.0], &[1.0, 2.0, 3.0]), None);
        assert_eq!(pearson(&[1.0, f64::INFINITY, 3.0], &[1.0, 2.0, 3.0]), None);
        // Values that span the whole f64 range still work, because they are scaled before squaring.
        assert!(close(
            pearson(&[-f64::MAX, f64::MAX], &[1.0, 2.0]).unwrap(),
            1.0
        ));
        // Deviations of about 4/3 * MAX would overflow if taken in original units.
        let r = pearson(&[f64::MAX, f64::MAX, -f64::MAX], &[1.0, 2.0, 3.0]).unwrap();
        assert!(close(r, -(3f64.sqrt()) / 2.0), "{r}");
    }

    #[test]
    fn ranks_average_ties() {
        // Sorted: 10 (rank 1), three 20s (ranks 2,3,4 → 3), 30 (rank 5).
        assert_eq!(
            average_ranks(&[10.0, 20.0, 20.0, 30.0, 20.0]),
            vec![1.0, 3.0, 3.0, 5.0, 3.0]
        );
        // -0.0 and 0.0 compare equal, so they tie even though total_cmp orders them.
        assert_eq!(average_ranks(&[0.0, -0.0, 1.0]), vec![1.5, 1.5, 3.0]);
    }

    #[test]
    fn spearman_hand_worked_with_ties() {
        // Ranks: x → [1, 2.5, 2.5, 4], y → [1, 3, 2, 4], both with mean 2.5.
        // dx = [-1.5,0,0,1.5], dy = [-1.5,0.5,-0.5,1.5]: Σdxdy = 4.5, Σdx² = 4.5,
        // Σdy² = 5, so rho = 4.5 / √22.5 = 3 / √10.
        let rho = spearman(&[1.0, 2.0, 2.0, 3.0], &[1.0, 3.0, 2.0, 4.0]).unwrap();
        assert!(close(rho, 3.0 / 10f64.sqrt()), "{rho}");
    }

    #[test]
    fn spearman_monotone_nonlinear_is_one() {
        let x = [0.1, 0.5, 0.9, 2.0, 7.0];
        let y: Vec<f64> = x.iter().map(|v: &f64| v.exp()).collect();
        assert!(close(spearman(&x, &y).unwrap(), 1.0));
        let rev: Vec<f64> = y.iter().map(|v| -v).collect();
        assert!(close(spearman(&x, &rev).unwrap(), -1.0));
        assert!(pearson(&x, &y).unwrap() < 1.0);
    }

    #[test]
    fn spearman_degenerate_inputs() {
        assert_eq!(spearman(&[], &[]), None);
        assert_eq!(spearman(&[1.0, 2.0], &[1.0, 2.0, 3.0]), None);
        assert_eq!(spearman(&[2.0, 2.0], &[1.0, 2.0]), None);
        assert_eq!(spearman(&[f64::NAN, 2.0], &[1.0, 2.0]), None);
    }

    /// Textbook QWK via the full observed and expected matrices. It is used to check the
    /// O(n) formula.
    fn qwk_reference(a: &[i64], b: &[i64], min: i64, max: i64) -> f64 {
        let k = (max - min + 1) as usize;
        let n = a.len() as f64;
        let mut observed = vec![vec![0.0; k]; k];
        let mut hist_a = vec![0.0; k];
        let mut hist_b = vec![0.0; k];
        for (&x, &y) in a.iter().zip(b) {
            let (i, j) = ((x - min) as usize, (y - min) as usize);
            observed[i][j] += 1.0;
            hist_a[i] += 1.0;
            hist_b[j] += 1.0;
        }
        let (mut num, mut den) = (0.0, 0.0);
        for i in 0..k {
            for j in 0..k {
                let w = sq(i as f64 - j as f64) / sq(k as f64 - 1.0);
                num += w * observed[i][j];
                den += w * hist_a[i] * hist_b[j] / n;
            }
        }
        1.0 - num / den
    }

    #[test]
    fn qwk_hand_worked() {
        // Paired squared distances: 0,0,1,0 → mean 0.25. a has mean 2.5 and variance 1.25;
        // b has mean 2.75 and variance 9.25 - 2.75² = 1.6875; (2.5 - 2.75)² = 0.0625.
        // Expected = 1.25 + 1.6875 + 0.0625 = 3, so kappa = 1 - 0.25/3 = 11/12.
        let a = [1, 2, 3, 4];
        let b = [1, 2, 4, 4];
        let k = quadratic_weighted_kappa(&a, &b, 1, 4).unwrap();
        assert!(close(k, 11.0 / 12.0), "{k}");
        assert!(close(qwk_reference(&a, &b, 1, 4), 11.0 / 12.0));
        // A wider declared scale does not change the value, because the normalisation cancels.
        assert!(close(
            quadratic_weighted_kappa(&a, &b, 0, 10).unwrap(),
            11.0 / 12.0
        ));
    }

    #[test]
    fn qwk_perfect_and_opposite() {
        assert_eq!(
            quadratic_weighted_kappa(&[0, 3, 5, 2], &[0, 3, 5, 2], 0, 5),
            Some(1.0)
        );
        // Complete disagreement on a two-point scale: observed mean 1, expected 0.5.
        assert_eq!(quadratic_weighted_kappa(&[0, 1], &[1, 0], 0, 1), Some(-1.0));
    }

    #[test]
    fn qwk_matches_matrix_definition() {
        let mut rng = Lcg(7);
        for _ in 0..50 {
            // Ratings on a 0..=10 scale (like 0-5 in half steps), 40 answers each.
            let a: Vec<i64> = (0..40).map(|_| (rng.next() * 11.0) as i64).collect();
            let b: Vec<i64> = a
                .iter()
                .map(|&x| (x + (rng.next() * 5.0) as i64 - 2).clamp(0, 10))
                .collect();
            let fast = quadratic_weighted_kappa(&a, &b, 0, 10).unwrap();
            assert!(close(fast, qwk_reference(&a, &b, 0, 10)), "{fast}");
        }
    }

    #[test]
    fn qwk_degenerate_inputs() {
        assert_eq!(quadratic_weighted_kappa(&[], &[], 0, 5), None);
        assert_eq!(quadratic_weighted_kappa(&[1, 2], &[1], 0, 5), None);
        assert_eq!(quadratic_weighted_kappa(&[1, 2], &[1, 2], 5, 0), None);
        assert_eq!(quadratic_weighted_kappa(&[1, 6], &[1, 2], 0, 5), None);
        assert_eq!(quadratic_weighted_kappa(&[3, 3, 3], &[3, 3, 3], 0, 5), None);
        assert_eq!(quadratic_weighted_kappa(&[0], &[0], 0, 0), None);
        // The extreme i64 bounds must not overflow.
        let ends = [i64::MIN, i64::MAX];
        assert_eq!(
            quadratic_weighted_kappa(&ends, &ends, i64::MIN, i64::MAX),
            Some(1.0)
        );
    }

    #[test]
    fn linear_fit_recovers_exact_line() {
        let scores = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0];
        let grades: Vec<f64> = scores.iter().map(|s| 4.5 * s + 0.25).collect();
        let map = LinearMap::fit(&scores, &grades).unwrap();
        assert!(close(map.slope, 4.5), "{map:?}");
        assert!(close(map.intercept, 0.25), "{map:?}");
        assert!(close(map.apply(2.0), 9.25));
    }

    #[test]
    fn linear_fit_edge_cases() {
        let flat = LinearMap::fit(&[1.0, 2.0, 3.0], &[4.0, 4.0, 4.0]).unwrap();
        assert_eq!(
            flat,
            LinearMap {
                slope: 0.0,
                intercept: 4.0
            }
        );
        assert_eq!(LinearMap::fit(&[2.0, 2.0], &[1.0, 3.0]), None);
        assert_eq!(LinearMap::fit(&[1.0], &[1.0]), None);
        assert_eq!(LinearMap::fit(&[1.0, 2.0], &[1.0]), None);
        assert_eq!(LinearMap::fit(&[1.0, f64::NAN], &[1.0, 2.0]), None);
        assert!(LinearMap {
            slope: 1.0,
            intercept: 0.0
        }
        .apply(f64::NAN)
        .is_nan());
    }

    #[test]
    fn rmse_values() {
        assert_eq!(rmse(&[1.0, 2.0, 3.0], &[1.0, 2.0, 3.0]), Some(0.0));
        // Errors 0, 0, 2 → √(4/3).
        assert!(close(
            rmse(&[1.0, 2.0, 3.0], &[1.0, 2.0, 5.0]).unwrap(),
            (4.0f64 / 3.0).sqrt()
        ));
        // A 2e300 error squared would overflow without the scaling.
        assert!(close(rmse(&[1e300], &[-1e300]).unwrap(), 2e300));
        // A 1e-200 error squared would underflow to 0 without the scaling.
        assert!(close(
            rmse(&[1e-200, 0.0], &[0.0, 0.0]).unwrap() / 1e-200,
            0.5f64.sqrt()
        ));
        // The true error here is 2 * MAX, which does not fit in an f64.
        assert_eq!(rmse(&[f64::MAX], &[-f64::MAX]), None);
        assert_eq!(rmse(&[], &[]), None);
        assert_eq!(rmse(&[1.0], &[1.0, 2.0]), None);
        assert_eq!(rmse(&[f64::NAN], &[1.0]), None);
    }

    #[test]
    fn measure_exact_linear_scorer() {
        // Grades on 0-5 in half steps; the scorer reports grade / 5.
        let grades = [0.0, 0.5, 1.5, 2.0, 3.0, 3.5, 4.5, 5.0];
        let scores: Vec<f64> = grades.iter().map(|g| g / 5.0).collect();
        let a = Agreement::measure(&scores, &grades, 0.0, 5.0, 0.5);
        assert_eq!(a.n, 8);
        assert!(close(a.pearson.unwrap(), 1.0));
        assert!(close(a.spearman.unwrap(), 1.0));
        assert_eq!(a.qwk, Some(1.0));
        assert!(a.rmse.unwrap() < EPS);
        let map = a.map.unwrap();
        assert!(
            close(map.slope, 5.0) && map.intercept.abs() < EPS,
            "{map:?}"
        );
    }

    #[test]
    fn measure_rounds_and_clamps_to_scale() {
        let scale = GradeScale::new(0.0, 5.0, 0.5).unwrap();
        assert_eq!(scale.steps, 10);
        assert_eq!(scale.step_index(2.74), 5); // 5.48 steps → 5
        assert_eq!(scale.step_index(2.76), 6); // 5.52 steps → 6
        assert_eq!(scale.step_index(-3.0), 0);
        assert_eq!(scale.step_index(9.0), 10);
        assert_eq!(scale.step_index(f64::NAN), 0);
        // 0.3 / 0.1 is 2.999… in f64; the slack still counts 3 steps.
        assert_eq!(GradeScale::new(0.0, 0.3, 0.1).unwrap().steps, 3);
        // 5 / 2 = 2.5 steps: the scale stops at the last whole step (4).
        assert_eq!(GradeScale::new(0.0, 5.0, 2.0).unwrap().steps, 2);
        assert!(GradeScale::new(0.0, 5.0, 0.0).is_none());
        assert!(GradeScale::new(5.0, 0.0, 0.5).is_none());
        assert!(GradeScale::new(0.0, f64::NAN, 0.5).is_none());
    }

    #[test]
    fn measure_degenerate_inputs() {
        let a = Agreement::measure(&[0.1, 0.2], &[1.0], 0.0, 5.0, 0.5);
        assert_eq!(a.n, 0);
        assert_eq!(
            (a.pearson, a.spearman, a.qwk, a.rmse, a.map),
            (None, None, None, None, None)
        );

        let constant = Agreement::measure(&[0.5, 0.5, 0.5], &[1.0, 2.0, 3.0], 0.0, 5.0, 0.5);
        assert_eq!(constant.n, 3);
        assert_eq!(
            (constant.pearson, constant.qwk, constant.map),
            (None, None, None)
        );

        let bad_scale = Agreement::measure(&[0.1, 0.5, 0.9], &[1.0, 2.0, 4.0], 0.0, 5.0, -1.0);
        assert!(bad_scale.pearson.is_some() && bad_scale.rmse.is_some());
        assert_eq!(bad_scale.qwk, None);

        let empty = Agreement::measure(&[], &[], 0.0, 5.0, 0.5);
        assert_eq!((empty.n, empty.map), (0, None));
    }

    #[test]
    fn reports_are_serializable() {
        fn assert_serialize<T: Serialize>() {}
        assert_serialize::<Agreement>();
        assert_serialize::<PointDiagnostic>();
        assert_serialize::<WeightSuggestion>();
    }

    #[test]
    fn point_diagnostics_counts() {
        let points = names(2);
        // Grades with low = 1 and high = 4: answers 0,1 are low; answers 3,4 are high.
        let grades = [0.0, 1.0, 2.5, 4.0, 5.0];
        let credits = vec![
            vec![1.0, 0.0], // low, p0 credited → false positive for p0
            vec![0.0, 0.0],
            vec![0.5, 1.0],
            vec![1.0, 0.0], // high, p1 missed → false negative for p1
            vec![1.0, 1.0],
        ];
        let d = point_diagnostics(&points, &credits, &grades, 1.0, 4.0);
        assert_eq!(d.len(), 2);
        assert_eq!(
            (d[0].point.as_str(), d[0].credited_low, d[0].missed_high),
            ("p0", 1, 0)
        );
        assert_eq!((d[0].credited, d[0].n), (4, 5));
        assert_eq!(
            (d[1].credited_low, d[1].missed_high, d[1].credited),
            (0, 1, 2)
        );
        assert_eq!(
            d[0].correlation,
            pearson(&[1.0, 0.0, 0.5, 1.0, 1.0], &grades)
        );
        assert!(d[1].correlation.unwrap() > 0.0);
    }

    #[test]
    fn point_diagnostics_skips_bad_cells_and_mismatches() {
        let points = names(2);
        let credits = vec![
            vec![1.0, 1.0],
            vec![0.0],
            vec![f64::NAN, 0.0],
            vec![1.0, 0.0],
        ];
        let grades = [5.0, 1.0, 2.0, f64::NAN];
        let d = point_diagnostics(&points, &credits, &grades, 1.0, 4.0);
        // p0: rows 0 and 1 (row 2 has NaN credit, row 3 NaN grade).
        assert_eq!((d[0].n, d[0].credited), (2, 1));
        // p1: rows 0 and 2 (row 1 is too short).
        assert_eq!((d[1].n, d[1].credited), (2, 1));

        let mismatched = point_diagnostics(&points, &credits, &[1.0], 1.0, 4.0);
        assert!(mismatched
            .iter()
            .all(|p| p.n == 0 && p.correlation.is_none()));
        assert!(point_diagnostics(&[], &credits, &grades, 1.0, 4.0).is_empty());
    }

    /// `n` answers with credits drawn from {0, 0.5, 1}. Each grade is
    /// `intercept + Σ true_w * credit`.
    fn synthetic(n: usize, true_w: &[f64], intercept: f64, seed: u64) -> (Vec<Vec<f64>>, Vec<f64>) {
        let mut rng = Lcg(seed);
        let credits: Vec<Vec<f64>> = (0..n)
            .map(|_| {
                true_w
                    .iter()
                    .map(|_| (rng.next() * 3.0).floor() / 2.0)
                    .collect()
            })
            .collect();
        let grades = credits
            .iter()
            .map(|row| intercept + row.iter().zip(true_w).map(|(c, w)| c * w).sum::<f64>())
            .collect();
        (credits, grades)
    }

    /// Looser tolerance for the iterative NNLS. 1e-6 is far tighter than any
    /// meaningful rubric weight and far looser than its convergence tolerance.
    const NNLS_EPS: f64 = 1e-6;

    #[test]
    fn nnls_recovers_known_weights() {
        // True weights 2, 1, 0 plus a baseline of 0.5. The current total is 3, so no rescaling is needed.
        let (credits, grades) = synthetic(40, &[2.0, 1.0, 0.0], 0.5, 11);
        let s = suggest_weights(&names(3), &[1.0, 1.0, 1.0], &credits, &grades);
        let got: Vec<f64> = s.iter().map(|w| w.suggested).collect();
        for (g, want) in got.iter().zip([2.0, 1.0, 0.0]) {
            assert!((g - want).abs() < NNLS_EPS, "{got:?}");
        }
        assert!(s[0].reason.contains("raising"), "{}", s[0].reason);
        assert!(s[1].reason.contains("agrees"), "{}", s[1].reason);
        assert!(s[2].reason.contains("no weight"), "{}", s[2].reason);

        // With a current total of 6, the same proportions are scaled to sum to 6.
        let s = suggest_weights(&names(3), &[2.0, 2.0, 2.0], &credits, &grades);
        let got: Vec<f64> = s.iter().map(|w| w.suggested).collect();
        for (g, want) in got.iter().zip([4.0, 2.0, 0.0]) {
            assert!((g - want).abs() < NNLS_EPS, "{got:?}");
        }
    }

    #[test]
    fn nnls_solver_recovers_unscaled_weights_and_intercept_free() {
        // The solver itself, before any rescaling: the grades have a baseline of 1.5
        // and true weights 0.5, 0, 2.5. The intercept must not leak into the weights.
        let (credits, grades) = synthetic(50, &[0.5, 0.0, 2.5], 1.5, 29);
        let w = nnls_with_intercept(&credits, &grades);
        for (got, want) in w.iter().zip([0.5, 0.0, 2.5]) {
            assert!((got - want).abs() < NNLS_EPS, "{w:?}");
        }
        // Degenerate shapes give zero weights instead of panicking.
        assert_eq!(nnls_with_intercept(&[], &[]), Vec::<f64>::new());
        assert_eq!(nnls_with_intercept(&[vec![1.0, 2.0]], &[]), vec![0.0, 0.0]);
        assert_eq!(
            nnls_with_intercept(&[vec![1.0], vec![1.0]], &[0.0, 3.0]),
            vec![0.0]
        );
    }

    #[test]
    fn nnls_clamps_negative_effects_to_zero() {
        // Point 1 lowers the grade. Unconstrained LS would make its weight -1; NNLS gives 0.
        let (credits, grades) = synthetic(60, &[3.0, -1.0], 1.0, 5);
        let s = suggest_weights(&names(2), &[1.0, 1.0], &credits, &grades);
        assert!((s[0].suggested - 2.0).abs() < NNLS_EPS, "{s:?}");
        assert_eq!(s[1].suggested, 0.0);
    }

    #[test]
    fn suggest_weights_keeps_unsupported_points() {
        let (mut credits, grades) = synthetic(30, &[2.0, 1.0], 0.0, 3);
        // Add a third point that only 2 answers credit: too few to estimate.
        for (i, row) in credits.iter_mut().enumerate() {
            row.push(if i < 2 { 1.0 } else { 0.0 });
        }
        let weights = [1.0, 1.0, 0.5];
        let s = suggest_weights(&names(3), &weights, &credits, &grades);
        assert_eq!(s[2].suggested, 0.5);
        assert!(
            s[2].reason.contains("credited in 2 of 30"),
            "{}",
            s[2].reason
        );
        // The re-estimated points keep their 2:1 ratio and share the remaining total of 2.
        assert!((s[0].suggested - 4.0 / 3.0).abs() < NNLS_EPS, "{s:?}");
        assert!((s[1].suggested - 2.0 / 3.0).abs() < NNLS_EPS, "{s:?}");
        let total: f64 = s.iter().map(|w| w.suggested).sum();
        assert!((total - 2.5).abs() < NNLS_EPS);
    }

    #[test]
    fn suggest_weights_needs_enough_answers() {
        // 19 answers: one fewer than the minimum of 20.
        let (credits, grades) = synthetic(19, &[2.0, 1.0], 0.0, 9);
        let s = suggest_weights(&names(2), &[1.0, 1.0], &credits, &grades);
        assert!(s.iter().all(|w| w.suggested == w.current));
        assert!(
            s[0].reason.contains("only 19 usable answers"),
            "{}",
            s[0].reason
        );
    }

    #[test]
    fn suggest_weights_no_positive_relation() {
        // Grades fall with both points, so the fit gives both weight 0.
        let (credits, grades) = synthetic(30, &[-1.0, -2.0], 5.0, 21);
        let s = suggest_weights(&names(2), &[1.0, 2.0], &credits, &grades);
        assert_eq!((s[0].suggested, s[1].suggested), (1.0, 2.0));
        assert!(
            s[0].reason.contains("no point whose credit rises"),
            "{}",
            s[0].reason
        );
    }

    #[test]
    fn suggest_weights_degenerate_inputs() {
        let (credits, grades) = synthetic(30, &[2.0, 1.0], 0.0, 1);
        let p = names(2);
        // Bit-for-bit comparison, so that an echoed NaN weight counts as unchanged.
        let same = |s: &[WeightSuggestion]| {
            s.iter()
                .all(|w| w.suggested.to_bits() == w.current.to_bits())
        };

        let s = suggest_weights(&p, &[1.0], &credits, &grades);
        assert_eq!(s.len(), 2);
        assert!(same(&s) && s[1].current == 0.0);
        assert!(same(&suggest_weights(
            &p,
            &[1.0, 1.0],
            &credits,
            &grades[..5]
        )));
        assert!(same(&suggest_weights(&p, &[1.0, -1.0], &credits, &grades)));
        assert!(same(&suggest_weights(&p, &[0.0, 0.0], &credits, &grades)));
        assert!(same(&suggest_weights(
            &p,
            &[f64::NAN, 1.0],
            &credits,
            &grades
        )));
        assert!(suggest_weights(&[], &[], &credits, &grades).is_empty());
        assert!(same(&suggest_weights(&p, &[1.0, 1.0], &[], &[])));

        // Rows of the wrong length are skipped. Shortening every other row leaves 15 of
        // 30 usable answers, which is below the minimum of 20.
        let mut broken = credits.clone();
        for row in broken.iter_mut().step_by(2) {
            row.pop();
        }
        assert!(same(&suggest_weights(&p, &[1.0, 1.0], &broken, &grades)));
    }

    #[test]
    fn suggest_weights_is_deterministic_with_collinear_points() {
        // Points 0 and 1 are always credited together, so any split of their
        // combined weight fits equally well. The result must still be finite and repeatable.
        let (base, grades) = synthetic(30, &[3.0, 1.0], 0.0, 17);
        let credits: Vec<Vec<f64>> = base.iter().map(|r| vec![r[0], r[0], r[1]]).collect();
        let w = [1.0, 1.0, 1.0];
        let first = suggest_weights(&names(3), &w, &credits, &grades);
        assert_eq!(first, suggest_weights(&names(3), &w, &credits, &grades));
        assert!(first
            .iter()
            .all(|s| s.suggested.is_finite() && s.suggested >= 0.0));
        let total: f64 = first.iter().map(|s| s.suggested).sum();
        assert!((total - 3.0).abs() < NNLS_EPS);
        // Together, points 0 and 1 carry three times point 2's weight.
        assert!(
            ((first[0].suggested + first[1].suggested) - 3.0 * first[2].suggested).abs() < NNLS_EPS
        );
    }
}
