//! The one error type of the crate: what went wrong, and where.

use std::fmt;

/// An error from reading or compiling a rubric.
///
/// Every error has a [`kind`](Error::kind) and, when it concerns a place in a
/// rubric file, a [`location`](Error::location): the file (when known), the
/// 1-based line and column, and the field's path such as `points[2].weight`.
///
/// Scoring an answer never returns an error; only building a rubric does.
///
/// ```
/// let err = answer_rubric::Rubric::from_toml("id = 'x'\ntitle = 1\n").unwrap_err();
/// let loc = err.location().unwrap();
/// assert_eq!((loc.line, loc.column), (2, 9));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Debug, Clone, PartialEq)]
struct Inner {
    kind: ErrorKind,
    location: Option<Location>,
}

/// Where in a rubric file an error was found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Location {
    /// The file, when the rubric was read from one.
    pub file: Option<String>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// The field's path, such as `points[2].weight`, when known.
    pub field: Option<String>,
}

impl Location {
    /// Computes the line and column of byte `offset` in `source`.
    pub(crate) fn at(source: &str, offset: usize, field: Option<String>) -> Location {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let before = &source[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = source[line_start..offset].chars().count() + 1;
        Location {
            file: None,
            line,
            column,
            field,
        }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::with_capacity(2);
        match (&self.file, self.line) {
            (Some(file), 0) => parts.push(file.clone()),
            (Some(file), _) => parts.push(format!("{file}:{}:{}", self.line, self.column)),
            (None, 0) => {}
            (None, _) => parts.push(format!("{}:{}", self.line, self.column)),
        }
        if let Some(field) = &self.field {
            parts.push(format!("(`{field}`)"));
        }
        write!(f, "{}", parts.join(" "))
    }
}

/// What went wrong. New kinds may be added in minor releases.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be read.
    #[error("cannot read the rubric: {message}")]
    Io {
        /// The operating system's message.
        message: String,
    },
    /// The file is not valid UTF-8.
    #[error("the rubric is not valid UTF-8 (first bad byte at offset {valid_up_to})")]
    NotUtf8 {
        /// Length of the valid prefix, in bytes.
        valid_up_to: usize,
    },
    /// The text is not valid TOML or JSON, or a value has the wrong type.
    #[error("syntax error: {message}")]
    Syntax {
        /// The parser's message.
        message: String,
    },
    /// A field that the rubric format does not have.
    #[error("unknown field `{field}`")]
    UnknownField {
        /// The unknown field's name.
        field: String,
    },
    /// A required field is absent.
    #[error("missing field `{field}`")]
    MissingField {
        /// The missing field's name.
        field: String,
    },
    /// A regular expression that does not compile.
    #[error("invalid regular expression `{pattern}`: {message}")]
    InvalidRegex {
        /// The pattern as written.
        pattern: String,
        /// The regex compiler's message.
        message: String,
    },
    /// A regular expression whose compiled form exceeds the size limit.
    #[error("regular expression `{pattern}` compiles too big (limit {limit} bytes)")]
    RegexTooBig {
        /// The pattern as written.
        pattern: String,
        /// The limit, in bytes.
        limit: usize,
    },
    /// Two points or misconceptions share an id.
    #[error("duplicate id `{id}` (first used at {first})")]
    DuplicateId {
        /// The repeated id.
        id: String,
        /// Where the id was first used.
        first: Location,
    },
    /// An id that is not a slug.
    #[error("invalid id `{id}`: use lowercase ASCII letters, digits and '-'")]
    InvalidId {
        /// The id as written.
        id: String,
    },
    /// A weight or penalty that is zero, negative, NaN or infinite.
    #[error("invalid {field} {value}: must be a finite number above zero")]
    InvalidWeight {
        /// `weight` or `penalty`.
        field: &'static str,
        /// The value as read.
        value: f64,
    },
    /// A number outside its allowed range.
    #[error("invalid {field} {value}: {expected}")]
    OutOfRange {
        /// The field's name.
        field: &'static str,
        /// The value as read.
        value: f64,
        /// What the value must be.
        expected: &'static str,
    },
    /// An alternative with no words in it (empty, or only punctuation).
    #[error("empty alternative `{text}`: it has no words to match")]
    EmptyAlternative {
        /// The alternative as written.
        text: String,
    },
    /// A text field that must not be empty.
    #[error("`{field}` must not be empty")]
    EmptyField {
        /// The field's name.
        field: &'static str,
    },
    /// Every point is a bonus point, so no score could be computed.
    #[error(
        "every point is a bonus point: at least one point must count towards the possible points"
    )]
    OnlyBonusPoints,
    /// A point or misconception with no rule to recognise it.
    #[error("`{id}` has no phrases, partial, all_of, k_of_n, claims or regex to recognise it")]
    NoRules {
        /// The point's id.
        id: String,
    },
    /// A misconception's `voids` names a point the rubric does not have.
    #[error("`voids` names `{id}`, which is not a point of this rubric")]
    UnknownPoint {
        /// The id as written.
        id: String,
    },
    /// A k-of-n group whose k is zero or larger than its number of items.
    #[error("k = {k} but the group has {n} items: k must be between 1 and {n}")]
    KOutOfRange {
        /// The k as written.
        k: usize,
        /// The number of items.
        n: usize,
    },
    /// Two grade bands overlap.
    #[error("band `{label}` starts at {min} but the band before it ends at {previous_max}: bands overlap")]
    BandOverlap {
        /// The band's label.
        label: String,
        /// Its lower bound.
        min: f64,
        /// The upper bound of the band below it.
        previous_max: f64,
    },
    /// Grade bands leave part of 0..=1 uncovered.
    #[error("bands leave {from} to {to} uncovered")]
    BandGap {
        /// Start of the gap.
        from: f64,
        /// End of the gap.
        to: f64,
    },
    /// Something exceeds a size limit that keeps compiling bounded.
    #[error("too many {what}: {count} (limit {limit})")]
    TooLarge {
        /// What was counted.
        what: &'static str,
        /// How many were found.
        count: usize,
        /// The limit.
        limit: usize,
    },
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Error {
        Error {
            inner: Box::new(Inner {
                kind,
                location: None,
            }),
        }
    }

    pub(crate) fn at(kind: ErrorKind, location: Option<Location>) -> Error {
        Error {
            inner: Box::new(Inner { kind, location }),
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.inner.kind
    }

    /// Where it went wrong, when the error concerns a place in a rubric file.
    pub fn location(&self) -> Option<&Location> {
        self.inner.location.as_ref()
    }

    pub(crate) fn set_location(&mut self, location: Option<Location>) {
        self.inner.location = location;
    }

    pub(crate) fn with_file(mut self, file: &str) -> Error {
        match &mut self.inner.location {
            Some(loc) => loc.file = Some(file.to_string()),
            None => {
                self.inner.location = Some(Location {
                    file: Some(file.to_string()),
                    line: 0,
                    column: 0,
                    field: None,
                })
            }
        }
        if let ErrorKind::DuplicateId { first, .. } = &mut self.inner.kind {
            first.file = Some(file.to_string());
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner.location {
            Some(loc) if loc.file.is_some() || loc.line > 0 || loc.field.is_some() => {
                write!(f, "{loc}: ")?
            }
            _ => {}
        }
        write!(f, "{}", self.inner.kind)
    }
}

impl std::error::Error for Error {}

/// A `Result` whose error is this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_lines_and_characters() {
        let src = "a = 1\nbé = 2\n";
        let loc = Location::at(src, src.find('2').unwrap(), None);
        assert_eq!((loc.line, loc.column), (2, 6));
    }

    #[test]
    fn location_never_splits_a_character() {
        let src = "é";
        let loc = Location::at(src, 1, None);
        assert_eq!((loc.line, loc.column), (1, 1));
    }

    #[test]
    fn display_names_file_line_column_and_field() {
        let mut loc = Location::at("x\ny", 2, Some("points[0].weight".into()));
        loc.file = Some("r.toml".into());
        let err = Error::at(
            ErrorKind::InvalidWeight {
                field: "weight",
                value: -1.0,
            },
            Some(loc),
        );
        assert_eq!(
            err.to_string(),
            "r.toml:2:1 (`points[0].weight`): invalid weight -1: must be a finite number above zero"
        );
    }
}
