//! [`Rubric`]: a compiled rubric, ready to score answers.

use std::path::Path;
use std::sync::Arc;

use crate::compile::{self, Compiled};
use crate::error::{Error, ErrorKind, Result};
use crate::language::Language;
use crate::report::Report;
use crate::source::{self, Format, SourceMap};
use crate::spec::RubricSpec;

/// A compiled rubric: checked once, then used to score any number of answers.
///
/// Immutable, `Send + Sync`, and cheap to clone (clones share the compiled
/// data), so one rubric can serve many threads.
///
/// ```
/// use answer_rubric::Rubric;
///
/// let rubric = Rubric::from_toml(r#"
///     id = "tcp-udp"
///     title = "TCP vs UDP"
///     question = "How does TCP differ from UDP?"
///
///     [[points]]
///     id = "reliable"
///     label = "TCP is reliable"
///     weight = 2
///     phrases = ["retransmits lost packets", "guaranteed delivery"]
///
///     [[points]]
///     id = "connectionless"
///     label = "UDP has no connection"
///     phrases = ["connectionless", "no handshake"]
/// "#)?;
///
/// let report = rubric.score("TCP guarantees delivery: it retransmits lost packets.");
/// assert_eq!(report.point("reliable").unwrap().status.as_str(), "covered");
/// assert_eq!(report.point("connectionless").unwrap().status.as_str(), "missing");
/// assert!((report.score - 2.0 / 3.0).abs() < 1e-3);
/// # Ok::<(), answer_rubric::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Rubric {
    inner: Arc<Compiled>,
}

impl Rubric {
    /// Checks and compiles a rubric built in code or read elsewhere. Errors
    /// name the offending field's path (there is no file to give lines for).
    pub fn compile(spec: RubricSpec) -> Result<Rubric> {
        compile::compile(spec, None).map(Rubric::wrap)
    }

    /// Reads and compiles a rubric from TOML text.
    pub fn from_toml(src: &str) -> Result<Rubric> {
        Rubric::from_source(src, Format::Toml)
    }

    /// Reads and compiles a rubric from JSON text (same schema as TOML).
    pub fn from_json(src: &str) -> Result<Rubric> {
        Rubric::from_source(src, Format::Json)
    }

    /// Reads and compiles a rubric from text in the given format. Errors carry
    /// the line and column of the offending value.
    pub fn from_source(src: &str, format: Format) -> Result<Rubric> {
        let spec = source::parse(src, format)?;
        let map = SourceMap::new(src, format);
        compile::compile(spec, Some(&map)).map(Rubric::wrap)
    }

    /// Reads and compiles a rubric file: JSON when the name ends in `.json`,
    /// TOML otherwise. Errors name the file.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Rubric> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| {
            Error::new(ErrorKind::Io {
                message: e.to_string(),
            })
            .with_file(&name)
        })?;
        Rubric::from_bytes(&bytes, Format::from_path(path)).map_err(|e| e.with_file(&name))
    }

    /// Reads and compiles a rubric from raw bytes, which must be UTF-8.
    pub fn from_bytes(bytes: &[u8], format: Format) -> Result<Rubric> {
        if bytes.len() > source::MAX_SOURCE_BYTES {
            return Err(Error::new(ErrorKind::TooLarge {
                what: "bytes in the rubric",
                count: bytes.len(),
                limit: source::MAX_SOURCE_BYTES,
            }));
        }
        let src = std::str::from_utf8(bytes).map_err(|e| {
            let valid = e.valid_up_to();
            let text = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
            let mut err = Error::new(ErrorKind::NotUtf8 { valid_up_to: valid });
            err.set_location(Some(crate::error::Location::at(text, valid, None)));
            err
        })?;
        Rubric::from_source(src, format)
    }

    fn wrap(c: Compiled) -> Rubric {
        Rubric { inner: Arc::new(c) }
    }

    pub(crate) fn compiled(&self) -> &Compiled {
        &self.inner
    }

    /// Scores an answer. Never fails and never panics, whatever the text.
    ///
    /// Answers longer than 64 MiB are scored on their first 64 MiB.
    ///
    /// Each thread keeps its working memory from one call to the next (up to
    /// 32 MB) and remembers, per rubric, what it found about the words the
    /// rubric does not know (at most 4,096 words), so the first call on a
    /// thread costs more than the following ones.
    pub fn score(&self, answer: &str) -> Report {
        crate::scorer::score(&self.inner, answer)
    }

    /// The rubric's id.
    pub fn id(&self) -> &str {
        &self.inner.spec.id
    }

    /// The question's number in its set, if any.
    pub fn number(&self) -> Option<u32> {
        self.inner.spec.number
    }

    /// The rubric's title.
    pub fn title(&self) -> &str {
        &self.inner.spec.title
    }

    /// The question as asked.
    pub fn question(&self) -> &str {
        &self.inner.spec.question
    }

    /// The reference answer, if the rubric has one.
    pub fn reference(&self) -> Option<&str> {
        self.inner.spec.reference.as_deref()
    }

    /// The language of the answers.
    pub fn language(&self) -> Language {
        self.inner.language()
    }

    /// A hash of the rubric's content (the same for TOML and JSON files
    /// with the same content).
    pub fn content_hash(&self) -> &str {
        &self.inner.hash
    }

    /// The rubric as written: the checked specification it was compiled from.
    pub fn spec(&self) -> &RubricSpec {
        &self.inner.spec
    }
}

/// A rubric of one point with the given phrases, for unit tests of the
/// text rules.
#[cfg(test)]
pub(crate) fn terms_rubric(phrases: &[&str]) -> Rubric {
    let phrases: Vec<String> = phrases.iter().map(|p| format!("{p:?}")).collect();
    Rubric::from_toml(&format!(
        "id = \"terms\"\ntitle = \"Terms\"\nquestion = \"About the terms.\"\n\
         [[points]]\nid = \"terms\"\nlabel = \"Terms\"\nphrases = [{}]\n",
        phrases.join(", ")
    ))
    .expect("a valid rubric")
}
