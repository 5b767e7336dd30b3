//! Checks shared by the fuzz targets: what every report must satisfy.

use answer_rubric::{Report, Rubric, Status};

/// Panics when `report` (for `answer`) breaks an invariant of the report.
pub fn check_report(rubric: &Rubric, answer: &str, report: &Report) {
    assert!(
        report.score.is_finite() && (0.0..=1.0).contains(&report.score),
        "score {} out of [0, 1]",
        report.score
    );
    assert!(report.earned.is_finite() && report.earned >= 0.0);
    assert!(report.penalty.is_finite() && report.penalty >= 0.0);
    assert_eq!(&*report.rubric, rubric.id());
    assert_eq!(report.points.len(), rubric.spec().points.len());
    for p in &report.points {
        assert!(
            (0.0..=1.0).contains(&p.credit),
            "credit {} of {}",
            p.credit,
            p.id
        );
        match p.status {
            Status::Covered => assert!(p.credit >= 1.0 - 1e-9),
            Status::Partial => assert!(p.credit > 0.0 && p.credit < 1.0),
            Status::Missing | Status::Contradicted => assert_eq!(p.credit, 0.0),
        }
        for e in &p.evidence {
            let text = answer
                .get(e.start..e.end)
                .unwrap_or_else(|| panic!("span {}..{} off char boundaries", e.start, e.end));
            assert_eq!(text, e.text);
        }
    }
    for p in &report.penalties {
        for e in &p.evidence {
            assert_eq!(answer.get(e.start..e.end), Some(e.text.as_str()));
        }
    }
    if let Some(cap) = &report.cap {
        assert!(report.score <= cap.at + 1e-9);
    }
    // Display and JSON must not panic either.
    let _ = report.to_string();
    let _ = report.to_json();
}
