//! Scoring many answers on all cores.

use crate::report::Report;
use crate::rubric::Rubric;

/// Scores every answer against `rubric` on all available cores; the reports
/// come back in the order of `answers`, equal to what [`Rubric::score`]
/// gives one by one.
///
/// Without the `rayon` feature the answers are split into one contiguous
/// run per core ([`std::thread::available_parallelism`]) and scored on
/// scoped threads; with it, they go to rayon's global pool, which balances
/// uneven answer lengths and shares its threads with the rest of a rayon
/// program. Each thread keeps its own memo of word stems, so the first
/// answers a new thread sees cost a little more.
///
/// [`Rubric`] is `Send + Sync` and cheap to clone, so the same works by
/// hand, for instance to score a stream or to use several rubrics:
///
/// ```
/// let rubric = answer_rubric::builtin::get("caching").unwrap();
/// let answers = ["A cache keeps data in memory.", "Caching is a way to go faster."];
/// let scores: Vec<f64> = std::thread::scope(|s| {
///     let handles: Vec<_> = answers
///         .iter()
///         .map(|a| s.spawn(move || rubric.score(a).score))
///         .collect();
///     handles.into_iter().map(|h| h.join().unwrap()).collect()
/// });
/// assert_eq!(scores.len(), 2);
///
/// let reports = answer_rubric::score_batch(rubric, &answers);
/// assert_eq!(reports[0].score, scores[0]);
/// ```
pub fn score_batch<S: AsRef<str> + Sync>(rubric: &Rubric, answers: &[S]) -> Vec<Report> {
    #[cfg(feature = "rayon")]
    {
        use rayon::prelude::*;
        answers
            .par_iter()
            .map(|a| rubric.score(a.as_ref()))
            .collect()
    }
    #[cfg(not(feature = "rayon"))]
    {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        if threads <= 1 || answers.len() <= 1 {
            return answers.iter().map(|a| rubric.score(a.as_ref())).collect();
        }
        let chunk = answers.len().div_ceil(threads);
        std::thread::scope(|s| {
            let handles: Vec<_> = answers
                .chunks(chunk)
                .map(|part| {
                    s.spawn(move || {
                        part.iter()
                            .map(|a| rubric.score(a.as_ref()))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_reports_equal_single_reports_in_order() {
        let rubric = crate::builtin::get("caching").unwrap();
        let answers: Vec<String> = (0..37)
            .map(|i| format!("Answer {i}: a cache keeps hot data in memory; entries expire after a TTL of {i} s."))
            .collect();
        let batch = score_batch(rubric, &answers);
        assert_eq!(batch.len(), answers.len());
        for (a, r) in answers.iter().zip(&batch) {
            assert_eq!(r, &rubric.score(a));
        }
        assert!(score_batch::<&str>(rubric, &[]).is_empty());
    }
}
