//! Reading a rubric's text (TOML or JSON) and pointing back into it.
//!
//! Parsing gives a plain [`RubricSpec`]; checks run later on that data and
//! name the offending field by its path (`points[2].weight`). A
//! [`SourceMap`] turns such a path back into a line and column, for both
//! formats, so every error says where it is.

use std::fmt;

use serde_json::value::RawValue;

use crate::error::{Error, ErrorKind, Location, Result};
use crate::spec::RubricSpec;

/// Largest rubric text accepted, in bytes. Rubrics are hand-written files of
/// a few kilobytes; the limit keeps parsing time and memory bounded.
pub(crate) const MAX_SOURCE_BYTES: usize = 4 << 20;

/// The syntax of a rubric's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// TOML, the usual format.
    Toml,
    /// JSON with the same schema.
    Json,
}

impl Format {
    /// Guesses the format from a file name: `.json` is JSON, anything else TOML.
    pub fn from_path(path: &std::path::Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("json") => Format::Json,
            _ => Format::Toml,
        }
    }
}

/// One step of a field path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    Key(&'static str),
    Index(usize),
}

/// A path to a field, such as `points[2].k_of_n[0].k`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FieldPath(pub Vec<Seg>);

impl FieldPath {
    pub fn key(&self, key: &'static str) -> FieldPath {
        let mut p = self.clone();
        p.0.push(Seg::Key(key));
        p
    }

    pub fn index(&self, i: usize) -> FieldPath {
        let mut p = self.clone();
        p.0.push(Seg::Index(i));
        p
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(k) if i == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// Parses rubric text into a [`RubricSpec`], reporting syntax errors, wrong
/// types, unknown and missing fields with their line and column.
pub(crate) fn parse(src: &str, format: Format) -> Result<RubricSpec> {
    if src.len() > MAX_SOURCE_BYTES {
        return Err(Error::new(ErrorKind::TooLarge {
            what: "bytes in the rubric",
            count: src.len(),
            limit: MAX_SOURCE_BYTES,
        }));
    }
    match format {
        Format::Toml => toml::from_str(src).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            let location = Location::at(src, offset, None);
            Error::at(serde_error_kind(e.message()), Some(location))
        }),
        Format::Json => serde_json::from_str(src).map_err(|e| {
            let message = e.to_string();
            // serde_json appends " at line L column C"; the location says it.
            let message = match message.rfind(" at line ") {
                Some(i) => message[..i].to_string(),
                None => message,
            };
            let kind = serde_error_kind(&message);
            let mut offset = json_offset_of(src, e.line(), e.column());
            // serde_json points past an unknown key; point at its start.
            if let ErrorKind::UnknownField { field } = &kind {
                let quoted = format!("\"{field}\"");
                if let Some(start) = src[..(offset + 1).min(src.len())].rfind(&quoted) {
                    offset = start;
                }
            }
            Error::at(kind, Some(Location::at(src, offset, None)))
        }),
    }
}

/// Byte offset of a 1-based line and column as serde_json counts them
/// (columns in bytes).
fn json_offset_of(src: &str, line: usize, column: usize) -> usize {
    let line_start: usize = src
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + column.saturating_sub(1)).min(src.len())
}

/// Sorts a serde message into a kind: unknown field, missing field or syntax.
fn serde_error_kind(message: &str) -> ErrorKind {
    let message = message.trim();
    let quoted = |prefix: &str| {
        message
            .strip_prefix(prefix)
            .and_then(|rest| rest.split('`').next())
            .map(str::to_string)
    };
    if let Some(field) = quoted("unknown field `") {
        return ErrorKind::UnknownField { field };
    }
    if let Some(field) = quoted("missing field `") {
        return ErrorKind::MissingField { field };
    }
    ErrorKind::Syntax {
        message: message.lines().next().unwrap_or_default().to_string(),
    }
}

/// Maps field paths back to places in the rubric's text.
pub(crate) struct SourceMap<'a> {
    src: &'a str,
    format: Format,
}

impl<'a> SourceMap<'a> {
    pub fn new(src: &'a str, format: Format) -> SourceMap<'a> {
        SourceMap { src, format }
    }

    /// The location of the value at `path`, or of its nearest existing parent.
    pub fn locate(&self, path: &FieldPath) -> Location {
        let offset = match self.format {
            Format::Toml => toml_offset(self.src, path),
            Format::Json => json_offset(self.src, path),
        };
        Location::at(self.src, offset.unwrap_or(0), Some(path.to_string()))
    }
}

fn toml_offset(src: &str, path: &FieldPath) -> Option<usize> {
    use toml::de::{DeTable, DeValue};
    let root = DeTable::parse(src).ok()?;
    let mut offset = root.span().start;
    let mut table = Some(root.get_ref());
    let mut array = None;
    for seg in &path.0 {
        let value = match (seg, table, array) {
            (Seg::Key(k), Some(t), _) => t.get(*k)?,
            (Seg::Index(i), _, Some(a)) => {
                let a: &toml::de::DeArray = a;
                a.get(*i)?
            }
            _ => return Some(offset),
        };
        offset = value.span().start;
        table = None;
        array = None;
        match value.get_ref() {
            DeValue::Table(t) => table = Some(t),
            DeValue::Array(a) => array = Some(a),
            _ => {}
        }
    }
    Some(offset)
}

fn json_offset(src: &str, path: &FieldPath) -> Option<usize> {
    let base = src.as_ptr() as usize;
    let offset_of = |raw: &RawValue| raw.get().as_ptr() as usize - base;
    let mut current: &RawValue = serde_json::from_str(src).ok()?;
    for seg in &path.0 {
        let next: &RawValue = match seg {
            Seg::Key(k) => {
                let object: std::collections::BTreeMap<&str, &RawValue> =
                    serde_json::from_str(current.get()).ok()?;
                object.get(k).copied()
            }
            Seg::Index(i) => {
                let items: Vec<&RawValue> = serde_json::from_str(current.get()).ok()?;
                items.get(*i).copied()
            }
        }
        .or(None)?;
        current = next;
    }
    Some(offset_of(current))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(segs: &[Seg]) -> FieldPath {
        FieldPath(segs.to_vec())
    }

    #[test]
    fn locates_toml_fields_in_arrays_of_tables() {
        let src = "id = 'a'\n[[points]]\nid = 'p'\n\n[[points]]\nid = 'q'\nweight = -1\n";
        let map = SourceMap::new(src, Format::Toml);
        let loc = map.locate(&path(&[
            Seg::Key("points"),
            Seg::Index(1),
            Seg::Key("weight"),
        ]));
        assert_eq!((loc.line, loc.column), (7, 10));
        assert_eq!(loc.field.as_deref(), Some("points[1].weight"));
    }

    #[test]
    fn locates_json_fields() {
        let src =
            "{\"id\": \"a\",\n \"points\": [{\"id\": \"p\"},\n   {\"id\": \"q\", \"weight\": -1}]}";
        let map = SourceMap::new(src, Format::Json);
        let loc = map.locate(&path(&[
            Seg::Key("points"),
            Seg::Index(1),
            Seg::Key("weight"),
        ]));
        assert_eq!((loc.line, loc.column), (3, 26));
    }

    #[test]
    fn missing_paths_fall_back_to_a_parent() {
        let src = "[[points]]\nid = 'p'\n";
        let map = SourceMap::new(src, Format::Toml);
        let loc = map.locate(&path(&[Seg::Key("points"), Seg::Index(7)]));
        assert_eq!(loc.line, 1);
    }
}
