//! The Python module `answer_rubric`: the answer-rubric engine, unchanged,
//! behind a Python API.
//!
//! Reports keep the Rust [`answer_rubric::Report`] they wrap and build the
//! Python objects of their points, missing points and penalties on first
//! access, so that scoring many answers costs little more than the engine
//! itself. Scoring and compiling release the GIL.
//!
//! Evidence offsets come twice: `start`/`end` count code points, as Python
//! indexes a `str`, and `byte_start`/`byte_end` count UTF-8 bytes, as the
//! engine and its JSON do.

use std::path::PathBuf;
use std::time::Instant;

use answer_rubric as engine;
use pyo3::create_exception;
use pyo3::exceptions::{PyKeyError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyInt, PyString};

create_exception!(
    answer_rubric,
    RubricError,
    PyValueError,
    "A rubric that cannot be read or compiled.\n\n\
     Attributes: `kind` (a snake_case name such as `syntax`, `invalid_weight` or \
     `duplicate_id`), `file`, `line` and `column` (1-based, the column in characters) \
     and `field` (a path such as `points[2].weight`); each is None when unknown. The \
     message names all of them."
);

/// The snake_case name of an error kind, stable across releases.
fn kind_name(kind: &engine::ErrorKind) -> &'static str {
    use engine::ErrorKind as K;
    match kind {
        K::Io { .. } => "io",
        K::NotUtf8 { .. } => "not_utf8",
        K::Syntax { .. } => "syntax",
        K::UnknownField { .. } => "unknown_field",
        K::MissingField { .. } => "missing_field",
        K::InvalidRegex { .. } => "invalid_regex",
        K::RegexTooBig { .. } => "regex_too_big",
        K::DuplicateId { .. } => "duplicate_id",
        K::InvalidId { .. } => "invalid_id",
        K::InvalidWeight { .. } => "invalid_weight",
        K::OutOfRange { .. } => "out_of_range",
        K::EmptyAlternative { .. } => "empty_alternative",
        K::EmptyField { .. } => "empty_field",
        K::OnlyBonusPoints => "only_bonus_points",
        K::NoRules { .. } => "no_rules",
        K::UnknownPoint { .. } => "unknown_point",
        K::KOutOfRange { .. } => "k_out_of_range",
        K::BandOverlap { .. } => "band_overlap",
        K::BandGap { .. } => "band_gap",
        K::TooLarge { .. } => "too_large",
        _ => "other",
    }
}

/// A `RubricError` carrying the kind and location of `err`.
fn rubric_error(py: Python<'_>, err: &engine::Error) -> PyErr {
    let kind = kind_name(err.kind());
    let loc = err.location();
    let file = loc.and_then(|l| l.file.clone());
    let (line, column) = match loc {
        Some(l) if l.line > 0 => (Some(l.line), Some(l.column)),
        _ => (None, None),
    };
    let field = loc.and_then(|l| l.field.clone());
    let mut named = vec![format!("kind `{kind}`")];
    if let Some(f) = &file {
        named.push(format!("file `{f}`"));
    }
    if let (Some(l), Some(c)) = (line, column) {
        named.push(format!("line {l}, column {c}"));
    }
    if let Some(f) = &field {
        named.push(format!("field `{f}`"));
    }
    let message = format!("{} ({})", err.kind(), named.join(", "));
    let exc = RubricError::new_err(message);
    let value = exc.value(py);
    let set = value
        .setattr("kind", kind)
        .and_then(|()| value.setattr("file", file))
        .and_then(|()| value.setattr("line", line))
        .and_then(|()| value.setattr("column", column))
        .and_then(|()| value.setattr("field", field));
    match set {
        Ok(()) => exc,
        Err(e) => e,
    }
}

/// Code-point offsets of the evidence byte offsets of one report.
struct CodePoints {
    /// Sorted byte offsets; empty for an ASCII answer, where both agree.
    bytes: Vec<usize>,
    /// The code-point offset of each of `bytes`.
    chars: Vec<usize>,
}

impl CodePoints {
    fn new(answer: &str, report: &engine::Report) -> CodePoints {
        if answer.is_ascii() {
            return CodePoints {
                bytes: Vec::new(),
                chars: Vec::new(),
            };
        }
        let evidence = report
            .points
            .iter()
            .flat_map(|p| &p.evidence)
            .chain(report.penalties.iter().flat_map(|p| &p.evidence));
        let mut bytes: Vec<usize> = evidence
            .flat_map(|e| [e.start, e.end])
            .map(|b| b.min(answer.len()))
            .collect();
        bytes.sort_unstable();
        bytes.dedup();
        // One pass over the answer: a code point starts at every byte that is
        // not a UTF-8 continuation byte.
        let text = answer.as_bytes();
        let (mut at, mut count) = (0, 0);
        let chars = bytes
            .iter()
            .map(|&b| {
                count += text[at..b].iter().filter(|&&c| c & 0xC0 != 0x80).count();
                at = b;
                count
            })
            .collect();
        CodePoints { bytes, chars }
    }

    fn of(&self, byte: usize) -> usize {
        if self.bytes.is_empty() {
            return byte;
        }
        match self.bytes.binary_search(&byte) {
            Ok(i) => self.chars[i],
            // Not an evidence offset (cannot happen): the nearest one below.
            Err(i) => i.checked_sub(1).map_or(0, |i| self.chars[i]),
        }
    }
}

/// A span of the answer and the rule that matched it.
///
/// `start` and `end` count code points, so `answer[e.start:e.end] == e.text`
/// for the answer as a Python `str`; `byte_start` and `byte_end` count UTF-8
/// bytes, as the engine does and as `Report.to_json()` gives them (there
/// named `start` and `end`).
#[pyclass(module = "answer_rubric", name = "Evidence", frozen, get_all)]
struct Evidence {
    /// Code-point offset of the first character in the answer.
    start: usize,
    /// Code-point offset just past the last character.
    end: usize,
    /// Byte offset of the first byte in the UTF-8 answer.
    byte_start: usize,
    /// Byte offset just past the last byte.
    byte_end: usize,
    /// The matched text, as written in the answer.
    text: String,
    /// The rule that matched: `phrase`, `partial`, `all_of[0]`, `k_of_n[0]`, `claims[0]`, `regex[0]` ...
    rule: String,
    /// The alternative (or pattern) that matched, as written in the rubric.
    matched: String,
    /// For a match with typos: the similarity of the misspelt words (below 1), else None.
    similarity: Option<f64>,
    /// For a denied match: the negating word as written, else None.
    negated_by: Option<String>,
}

#[pymethods]
impl Evidence {
    fn __repr__(&self) -> String {
        format!(
            "Evidence({:?}, start={}, end={}, rule={:?})",
            self.text, self.start, self.end, self.rule
        )
    }
}

fn evidence(
    py: Python<'_>,
    list: &[engine::Evidence],
    at: &CodePoints,
) -> PyResult<Vec<Py<Evidence>>> {
    list.iter()
        .map(|e| {
            Py::new(
                py,
                Evidence {
                    start: at.of(e.start),
                    end: at.of(e.end),
                    byte_start: e.start,
                    byte_end: e.end,
                    text: e.text.clone(),
                    rule: e.rule.to_string(),
                    matched: e.matched.to_string(),
                    similarity: e.similarity,
                    negated_by: e.negated_by.clone(),
                },
            )
        })
        .collect()
}

/// One key point of the rubric and how well the answer covers it.
#[pyclass(module = "answer_rubric", name = "Point", frozen, get_all)]
struct Point {
    /// The point's id.
    id: String,
    /// The point's label.
    label: String,
    /// The point's weight.
    weight: f64,
    /// Whether the point is required.
    required: bool,
    /// Whether the point is a bonus point (its weight is not in `possible`).
    bonus: bool,
    /// Credit in [0, 1].
    credit: f64,
    /// `covered`, `partial`, `missing` or `contradicted`.
    status: String,
    /// Why the credit was given or withheld, in a few words.
    reason: String,
    /// Where in the answer the point was found (or found denied).
    evidence: Vec<Py<Evidence>>,
    /// The misconception whose wrong claim voided the point, else None.
    voided_by: Option<String>,
}

#[pymethods]
impl Point {
    fn __repr__(&self) -> String {
        format!(
            "Point({:?}, status={:?}, credit={})",
            self.id, self.status, self.credit
        )
    }
}

/// A key point the answer did not earn, with the hint that would earn it.
#[pyclass(module = "answer_rubric", name = "MissingPoint", frozen, get_all)]
struct MissingPoint {
    /// The point's id.
    id: String,
    /// The point's label.
    label: String,
    /// The point's weight.
    weight: f64,
    /// `missing` or `contradicted`.
    status: String,
    /// Whether the point is a bonus point.
    bonus: bool,
    /// What to add, from the rubric, else None.
    hint: Option<String>,
}

#[pymethods]
impl MissingPoint {
    fn __repr__(&self) -> String {
        format!("MissingPoint({:?}, status={:?})", self.id, self.status)
    }
}

/// A wrong claim found in the answer (a misconception, or a key point the answer denies), and what it cost.
#[pyclass(module = "answer_rubric", name = "Penalty", frozen, get_all)]
struct Penalty {
    /// The misconception's id, or the id of the denied point.
    id: String,
    /// "misconception" or "denial".
    kind: String,
    /// The misconception's label, or "denies: " and the point's label.
    label: String,
    /// Points subtracted.
    penalty: f64,
    /// Why the claim is wrong, from the rubric, else None.
    explanation: Option<String>,
    /// Where the claim was found.
    evidence: Vec<Py<Evidence>>,
}

#[pymethods]
impl Penalty {
    fn __repr__(&self) -> String {
        format!(
            "Penalty({:?}, kind={:?}, penalty={})",
            self.id, self.kind, self.penalty
        )
    }
}

/// A score cap: required points were not earned, or the answer makes
/// several wrong claims.
#[pyclass(module = "answer_rubric", name = "Cap", frozen, get_all)]
struct Cap {
    /// The cap.
    at: f64,
    /// Why: "required_points" or "wrong_claims".
    kind: String,
    /// The ids of the required points that were not earned, or of the
    /// wrong claims.
    because: Vec<String>,
}

#[pymethods]
impl Cap {
    fn __repr__(&self) -> String {
        format!(
            "Cap(at={}, kind={:?}, because={:?})",
            self.at, self.kind, self.because
        )
    }
}

fn points(py: Python<'_>, report: &engine::Report, answer: &str) -> PyResult<Vec<Py<Point>>> {
    let at = CodePoints::new(answer, report);
    report
        .points
        .iter()
        .map(|p| {
            Py::new(
                py,
                Point {
                    id: p.id.to_string(),
                    label: p.label.to_string(),
                    weight: p.weight,
                    required: p.required,
                    bonus: p.bonus,
                    credit: p.credit,
                    status: p.status.as_str().to_string(),
                    reason: p.reason.clone(),
                    evidence: evidence(py, &p.evidence, &at)?,
                    voided_by: p.voided_by.as_deref().map(str::to_string),
                },
            )
        })
        .collect()
}

fn missing(py: Python<'_>, report: &engine::Report) -> PyResult<Vec<Py<MissingPoint>>> {
    report
        .missing
        .iter()
        .map(|m| {
            Py::new(
                py,
                MissingPoint {
                    id: m.id.to_string(),
                    label: m.label.to_string(),
                    weight: m.weight,
                    status: m.status.as_str().to_string(),
                    bonus: m.bonus,
                    hint: m.hint.as_deref().map(str::to_string),
                },
            )
        })
        .collect()
}

fn penalties(py: Python<'_>, report: &engine::Report, answer: &str) -> PyResult<Vec<Py<Penalty>>> {
    let at = CodePoints::new(answer, report);
    report
        .penalties
        .iter()
        .map(|p| {
            Py::new(
                py,
                Penalty {
                    id: p.id.to_string(),
                    kind: p.kind.as_str().to_string(),
                    label: p.label.to_string(),
                    penalty: p.penalty,
                    explanation: p.explanation.as_deref().map(str::to_string),
                    evidence: evidence(py, &p.evidence, &at)?,
                },
            )
        })
        .collect()
}

/// The result of scoring one answer against one rubric.
///
/// `str(report)` is the text report; `to_json()` is the engine's JSON, byte for
/// byte (evidence offsets there are UTF-8 byte offsets); `to_dict()` is that JSON
/// as Python data. The same rubric and answer always give the same report.
#[pyclass(module = "answer_rubric", name = "Report", frozen)]
struct Report {
    report: engine::Report,
    answer: String,
    // The Python objects of each list, built on first access.
    points: PyOnceLock<Vec<Py<Point>>>,
    missing: PyOnceLock<Vec<Py<MissingPoint>>>,
    penalties: PyOnceLock<Vec<Py<Penalty>>>,
}

impl Report {
    fn new(report: engine::Report, answer: String) -> Report {
        Report {
            report,
            answer,
            points: PyOnceLock::new(),
            missing: PyOnceLock::new(),
            penalties: PyOnceLock::new(),
        }
    }

    fn point_views(&self, py: Python<'_>) -> PyResult<&[Py<Point>]> {
        self.points
            .get_or_try_init(py, || points(py, &self.report, &self.answer))
            .map(Vec::as_slice)
    }
}

#[pymethods]
impl Report {
    /// The score in [0, 1]: earned points minus penalties, over the possible
    /// points, capped when a required point is missing.
    #[getter]
    fn score(&self) -> f64 {
        self.report.score
    }

    /// The band the score falls in, such as `good` or `excellent`.
    #[getter]
    fn band(&self) -> &str {
        &self.report.band
    }

    /// The rubric's id.
    #[getter]
    fn rubric(&self) -> &str {
        &self.report.rubric
    }

    /// A hash of the rubric's content.
    #[getter]
    fn rubric_hash(&self) -> &str {
        &self.report.rubric_hash
    }

    /// Points earned: the sum of weight × credit.
    #[getter]
    fn earned(&self) -> f64 {
        self.report.earned
    }

    /// Points possible: the sum of the weights of the points that are not bonus points.
    #[getter]
    fn possible(&self) -> f64 {
        self.report.possible
    }

    /// Points lost to misconceptions.
    #[getter]
    fn penalty(&self) -> f64 {
        self.report.penalty
    }

    /// The cap applied (required points missing, or several wrong claims),
    /// else None.
    #[getter]
    fn cap(&self) -> Option<Cap> {
        self.report.cap.as_ref().map(|c| Cap {
            at: c.at,
            kind: match c.kind {
                engine::CapKind::RequiredPoints => "required_points",
                engine::CapKind::WrongClaims => "wrong_claims",
            }
            .to_string(),
            because: c.because.iter().map(|b| b.to_string()).collect(),
        })
    }

    /// Every key point, in rubric order.
    #[getter]
    fn points(&self, py: Python<'_>) -> PyResult<Vec<Py<Point>>> {
        Ok(clone_all(py, self.point_views(py)?))
    }

    /// The points not earned (missing or contradicted), heaviest first, with hints.
    #[getter]
    fn missing(&self, py: Python<'_>) -> PyResult<Vec<Py<MissingPoint>>> {
        let list = self
            .missing
            .get_or_try_init(py, || missing(py, &self.report))?;
        Ok(clone_all(py, list))
    }

    /// The misconceptions found, with what each cost.
    #[getter]
    fn penalties(&self, py: Python<'_>) -> PyResult<Vec<Py<Penalty>>> {
        let list = self
            .penalties
            .get_or_try_init(py, || penalties(py, &self.report, &self.answer))?;
        Ok(clone_all(py, list))
    }

    /// The answer that was scored.
    #[getter]
    fn answer(&self) -> &str {
        &self.answer
    }

    /// The report of one point by id, or None when the rubric has no such point.
    fn point(&self, py: Python<'_>, id: &Bound<'_, PyString>) -> PyResult<Option<Py<Point>>> {
        let id = id.to_cow()?;
        let Some(at) = self.report.points.iter().position(|p| *p.id == *id) else {
            return Ok(None);
        };
        Ok(Some(self.point_views(py)?[at].clone_ref(py)))
    }

    /// The report as the engine's pretty-printed JSON, byte for byte.
    fn to_json(&self) -> String {
        self.report.to_json()
    }

    /// The report's JSON as Python data: dicts, lists, str, float, bool.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("json")?
            .call_method1("loads", (self.report.to_json(),))
    }

    /// The text report: score, band, each point with its evidence, what to improve, penalties.
    fn __str__(&self) -> String {
        self.report.to_string()
    }

    fn __repr__(&self) -> String {
        format!(
            "<Report {}: score {:.2} ({})>",
            self.report.rubric, self.report.score, self.report.band
        )
    }
}

fn clone_all<T>(py: Python<'_>, v: &[Py<T>]) -> Vec<Py<T>> {
    v.iter().map(|o| o.clone_ref(py)).collect()
}

/// A compiled rubric: checked once, then used to score any number of answers.
///
/// Immutable and safe to share between threads. Build one with
/// `Rubric.from_toml`, `Rubric.from_json`, `Rubric.from_file`, `builtin` or
/// `derive`; errors raise `RubricError`.
#[pyclass(module = "answer_rubric", name = "Rubric", frozen)]
struct Rubric {
    rubric: engine::Rubric,
}

fn compiled(py: Python<'_>, result: engine::Result<engine::Rubric>) -> PyResult<Rubric> {
    result
        .map(|rubric| Rubric { rubric })
        .map_err(|e| rubric_error(py, &e))
}

#[pymethods]
impl Rubric {
    /// Reads and compiles a rubric from TOML text.
    #[staticmethod]
    fn from_toml(py: Python<'_>, text: String) -> PyResult<Rubric> {
        let result = py.detach(|| engine::Rubric::from_toml(&text));
        compiled(py, result)
    }

    /// Reads and compiles a rubric from JSON text (the same schema as TOML).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: String) -> PyResult<Rubric> {
        let result = py.detach(|| engine::Rubric::from_json(&text));
        compiled(py, result)
    }

    /// Reads and compiles a rubric file: JSON when the name ends in `.json`,
    /// TOML otherwise. Errors name the file.
    #[staticmethod]
    fn from_file(py: Python<'_>, path: PathBuf) -> PyResult<Rubric> {
        let result = py.detach(|| engine::Rubric::from_path(&path));
        compiled(py, result)
    }

    /// Scores one answer. Never fails, whatever the text; releases the GIL.
    fn score(&self, py: Python<'_>, answer: String) -> Report {
        let report = py.detach(|| self.rubric.score(&answer));
        Report::new(report, answer)
    }

    /// Scores many answers on all cores, with the GIL released; the reports
    /// come back in the order of `answers`, equal to those of `score`.
    fn score_many(&self, py: Python<'_>, answers: &Bound<'_, PyAny>) -> PyResult<Vec<Py<Report>>> {
        if answers.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "score_many takes an iterable of answers, not one str: use score",
            ));
        }
        let texts = answers
            .try_iter()?
            .map(|a| a?.extract::<String>())
            .collect::<PyResult<Vec<String>>>()?;
        let reports = py.detach(|| engine::score_batch(&self.rubric, &texts));
        texts
            .into_iter()
            .zip(reports)
            .map(|(answer, report)| Py::new(py, Report::new(report, answer)))
            .collect()
    }

    /// The rubric's id, a slug such as `caching`.
    #[getter]
    fn id(&self) -> &str {
        self.rubric.id()
    }

    /// The question's number in its set, else None.
    #[getter]
    fn number(&self) -> Option<u32> {
        self.rubric.number()
    }

    /// The rubric's title.
    #[getter]
    fn title(&self) -> &str {
        self.rubric.title()
    }

    /// The question as asked.
    #[getter]
    fn question(&self) -> &str {
        self.rubric.question()
    }

    /// The reference answer, else None.
    #[getter]
    fn reference(&self) -> Option<&str> {
        self.rubric.reference()
    }

    /// The language of the answers, lowercase, such as `english`.
    #[getter]
    fn language(&self) -> String {
        serde_json::to_value(self.rubric.language())
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// A hash of the rubric's content (the same for TOML and JSON with the same content).
    #[getter]
    fn content_hash(&self) -> &str {
        self.rubric.content_hash()
    }

    fn __repr__(&self) -> String {
        format!("<Rubric {}: {}>", self.rubric.id(), self.rubric.title())
    }
}

/// A built-in rubric by number (`6` or `"6"`) or slug (`"caching"`).
///
/// Raises KeyError when there is no such rubric.
#[pyfunction]
fn builtin(number_or_slug: &Bound<'_, PyAny>) -> PyResult<Rubric> {
    let key = if number_or_slug.is_instance_of::<PyString>() {
        number_or_slug.extract::<String>()?
    } else if number_or_slug.is_instance_of::<PyInt>() {
        number_or_slug.extract::<i64>()?.to_string()
    } else {
        return Err(PyTypeError::new_err(
            "builtin takes a question number (int) or slug (str)",
        ));
    };
    engine::builtin::get(&key)
        .map(|r| Rubric { rubric: r.clone() })
        .ok_or_else(|| {
            PyKeyError::new_err(format!(
                "no built-in rubric `{key}`: use 1-15 or a slug such as `caching`"
            ))
        })
}

/// All built-in rubrics, in the order of their numbers.
#[pyfunction]
fn builtin_all() -> Vec<Rubric> {
    engine::builtin::all()
        .iter()
        .map(|r| Rubric { rubric: r.clone() })
        .collect()
}

/// Writes and compiles a rubric from a question and its reference answer.
///
/// Raises RubricError when the reference has no words to make points of.
#[pyfunction]
#[pyo3(name = "derive")]
fn derive_rubric(py: Python<'_>, question: String, reference: String) -> PyResult<Rubric> {
    let result = py.detach(|| engine::derive::from_reference(&question, &reference));
    compiled(py, result)
}

/// Not part of the API: the seconds `score_batch` takes on `answers`,
/// reports dropped, with no Python object made; what `bench.py` compares
/// `Rubric.score_many` with.
#[pyfunction]
fn _score_batch_seconds(py: Python<'_>, rubric: &Rubric, answers: Vec<String>) -> f64 {
    py.detach(|| {
        let start = Instant::now();
        let reports = engine::score_batch(&rubric.rubric, &answers);
        assert_eq!(reports.len(), answers.len());
        drop(reports);
        start.elapsed().as_secs_f64()
    })
}

/// Grade free-text answers against rubrics of weighted key points.
#[pymodule]
mod _native {
    #[pymodule_export]
    use super::{
        _score_batch_seconds, builtin, builtin_all, derive_rubric, Cap, Evidence, MissingPoint,
        Penalty, Point, Report, Rubric, RubricError,
    };
    use pyo3::prelude::*;

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        // A RubricError made by hand has the attributes too, set to None.
        let class = m.py().get_type::<RubricError>();
        for attr in ["kind", "file", "line", "column", "field"] {
            class.setattr(attr, m.py().None())?;
        }
        m.add("__version__", env!("CARGO_PKG_VERSION"))
    }
}
