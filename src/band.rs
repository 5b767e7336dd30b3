//! Grade bands: labels over score ranges.

use std::sync::Arc;

use crate::error::{Error, ErrorKind, Result};
use crate::source::FieldPath;
use crate::spec::BandSpec;

/// A checked band: `[min, max)`, the top band including its max.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Band {
    pub label: Arc<str>,
    pub min: f64,
    pub max: f64,
}

/// Tolerance when checking that bands meet: bounds written as decimals
/// (0.1 + 0.2) need not be bit-exact.
const BOUND_EPSILON: f64 = 1e-9;

/// The bands used when a rubric has none.
pub(crate) fn default_bands() -> Vec<Band> {
    [
        ("poor", 0.0, 0.2),
        ("weak", 0.2, 0.4),
        ("fair", 0.4, 0.6),
        ("good", 0.6, 0.8),
        ("excellent", 0.8, 1.0),
    ]
    .into_iter()
    .map(|(label, min, max)| Band {
        label: label.into(),
        min,
        max,
    })
    .collect()
}

/// Checks bands: each in 0..=1 with min < max, together covering 0..=1 with
/// no gap and no overlap. Returns them sorted by `min`. Errors carry the
/// offending band's path.
pub(crate) fn check(specs: &[BandSpec]) -> Result<Vec<Band>, (Error, FieldPath)> {
    if specs.is_empty() {
        return Ok(default_bands());
    }
    let root = FieldPath::default().key("bands");
    for (i, b) in specs.iter().enumerate() {
        for (field, value) in [("min", b.min), ("max", b.max)] {
            if !(0.0..=1.0).contains(&value) || value.is_nan() {
                return Err((
                    Error::new(ErrorKind::OutOfRange {
                        field: if field == "min" { "min" } else { "max" },
                        value,
                        expected: "band bounds lie between 0 and 1",
                    }),
                    root.index(i)
                        .key(if field == "min" { "min" } else { "max" }),
                ));
            }
        }
        if b.min >= b.max {
            return Err((
                Error::new(ErrorKind::OutOfRange {
                    field: "max",
                    value: b.max,
                    expected: "a band's max must be above its min",
                }),
                root.index(i).key("max"),
            ));
        }
    }
    let mut order: Vec<usize> = (0..specs.len()).collect();
    order.sort_by(|&a, &b| specs[a].min.total_cmp(&specs[b].min));
    let mut expected = 0.0;
    for &i in &order {
        let b = &specs[i];
        if b.min > expected + BOUND_EPSILON {
            return Err((
                Error::new(ErrorKind::BandGap {
                    from: expected,
                    to: b.min,
                }),
                root.index(i).key("min"),
            ));
        }
        if b.min < expected - BOUND_EPSILON {
            return Err((
                Error::new(ErrorKind::BandOverlap {
                    label: b.label.clone(),
                    min: b.min,
                    previous_max: expected,
                }),
                root.index(i).key("min"),
            ));
        }
        expected = b.max;
    }
    if expected < 1.0 - BOUND_EPSILON {
        let last = *order.last().unwrap_or(&0);
        return Err((
            Error::new(ErrorKind::BandGap {
                from: expected,
                to: 1.0,
            }),
            root.index(last).key("max"),
        ));
    }
    Ok(order
        .into_iter()
        .map(|i| Band {
            label: specs[i].label.as_str().into(),
            min: specs[i].min,
            max: specs[i].max,
        })
        .collect())
}

/// The label of the band that `score` falls in.
pub(crate) fn label_for(bands: &[Band], score: f64) -> Arc<str> {
    bands
        .iter()
        .rev()
        .find(|b| score >= b.min - BOUND_EPSILON)
        .or(bands.first())
        .map_or_else(|| Arc::from(""), |b| b.label.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(bands: &[(&str, f64, f64)]) -> Vec<BandSpec> {
        bands
            .iter()
            .map(|&(l, min, max)| BandSpec {
                label: l.into(),
                min,
                max,
            })
            .collect()
    }

    #[test]
    fn defaults_cover_the_scale() {
        let b = default_bands();
        assert_eq!(&*label_for(&b, 0.0), "poor");
        assert_eq!(&*label_for(&b, 0.2), "weak");
        assert_eq!(&*label_for(&b, 0.79), "good");
        assert_eq!(&*label_for(&b, 1.0), "excellent");
    }

    #[test]
    fn accepts_unsorted_bands_that_meet() {
        let b = check(&spec(&[("hi", 0.5, 1.0), ("lo", 0.0, 0.5)])).unwrap();
        assert_eq!(&*b[0].label, "lo");
    }

    #[test]
    fn rejects_gaps_and_overlaps() {
        let gap = check(&spec(&[("lo", 0.0, 0.4), ("hi", 0.5, 1.0)])).unwrap_err();
        assert!(matches!(gap.0.kind(), ErrorKind::BandGap { .. }));
        assert_eq!(gap.1.to_string(), "bands[1].min");
        let overlap = check(&spec(&[("lo", 0.0, 0.6), ("hi", 0.5, 1.0)])).unwrap_err();
        assert!(matches!(overlap.0.kind(), ErrorKind::BandOverlap { .. }));
        let short = check(&spec(&[("lo", 0.0, 0.6)])).unwrap_err();
        assert!(matches!(short.0.kind(), ErrorKind::BandGap { .. }));
        let nan = check(&spec(&[("lo", f64::NAN, 1.0)])).unwrap_err();
        assert!(matches!(nan.0.kind(), ErrorKind::OutOfRange { .. }));
    }
}
