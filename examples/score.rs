//! Score answers against the built-in rubrics or a rubric file.
//!
//! ```text
//! cargo run --release --example score
//!     Scores the bundled sample answers (examples/answers/) against the
//!     built-in rubrics and prints the reports.
//! cargo run --release --example score -- --question <N|slug> [FILE|-] [--format text|json|markdown]
//! cargo run --release --example score -- --rubric PATH [FILE|-] [--format text|json|markdown]
//!     Scores one answer read from FILE, or standard input when FILE is `-` or absent.
//! cargo run --release --example score -- --jsonl [FILE|-]
//!     Batch mode: each input line is a JSON object with `answer`, an optional `id`, and
//!     `question` (number or slug), `rubric` (a rubric file path) or `reference` (a model
//!     answer, with optional `question_text`). Each output line is that answer's JSON report;
//!     a bad line gives a line with an `error` field and the batch goes on.
//! ```
//!
//! Unknown questions, unreadable or invalid rubrics and answers that are not UTF-8 give a
//! one-line message on standard error and exit code 2.

use std::collections::HashMap;
use std::io::{BufRead, Read, Write};
use std::process::ExitCode;

use answer_rubric::{builtin, Report, Rubric, Status};
use serde::Deserialize;
use serde_json::{json, Value};

/// The bundled sample answers, one file per question.
const SAMPLES: [&str; 15] = [
    include_str!("answers/01-sync-async.toml"),
    include_str!("answers/02-web-server.toml"),
    include_str!("answers/03-rest-api.toml"),
    include_str!("answers/04-database-index.toml"),
    include_str!("answers/05-authn-authz.toml"),
    include_str!("answers/06-caching.toml"),
    include_str!("answers/07-slow-query.toml"),
    include_str!("answers/08-scalability.toml"),
    include_str!("answers/09-web-security.toml"),
    include_str!("answers/10-version-control.toml"),
    include_str!("answers/11-message-broker.toml"),
    include_str!("answers/12-error-logging.toml"),
    include_str!("answers/13-sql-nosql.toml"),
    include_str!("answers/14-cloud.toml"),
    include_str!("answers/15-microservices.toml"),
];

#[derive(Deserialize)]
struct SampleFile {
    question: String,
    answers: Vec<Sample>,
}

#[derive(Deserialize)]
struct Sample {
    kind: String,
    band: String,
    #[serde(default)]
    candidate: Option<String>,
    text: String,
}

#[derive(Clone, Copy, PartialEq)]
enum OutputFormat {
    Text,
    Json,
    Markdown,
}

struct Options {
    question: Option<String>,
    rubric: Option<String>,
    jsonl: bool,
    format: OutputFormat,
    input: Option<String>,
}

/// A failure that ends the program with exit code 2.
struct Fatal(String);

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fatal(message)) => {
            eprintln!("score: {}", message.replace('\n', " "));
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), Fatal> {
    let options = parse_args(std::env::args().skip(1))?;
    if options.jsonl {
        return batch(options.input.as_deref());
    }
    let rubric = match (&options.question, &options.rubric) {
        (Some(_), Some(_)) => return Err(Fatal("give --question or --rubric, not both".into())),
        (Some(q), None) => builtin::get(q).cloned().ok_or_else(|| {
            Fatal(format!(
                "unknown question `{q}`: use 1-15 or a slug such as `caching`"
            ))
        })?,
        (None, Some(path)) => Rubric::from_path(path).map_err(|e| Fatal(e.to_string()))?,
        (None, None) if options.input.is_some() => {
            return Err(Fatal(
                "give --question <N|slug> or --rubric PATH to score an answer".into(),
            ))
        }
        (None, None) => return samples(options.format),
    };
    let answer = read_input(options.input.as_deref())?;
    let report = rubric.score(&answer);
    print(&rubric, &report, &answer, options.format);
    Ok(())
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Options, Fatal> {
    let mut o = Options {
        question: None,
        rubric: None,
        jsonl: false,
        format: OutputFormat::Text,
        input: None,
    };
    let value = |args: &mut dyn Iterator<Item = String>, flag: &str| {
        args.next()
            .ok_or_else(|| Fatal(format!("{flag} needs a value")))
    };
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut take = |name: &str| match inline.clone() {
            Some(v) => Ok(v),
            None => value(&mut args, name),
        };
        match flag.as_str() {
            "--question" | "-q" => o.question = Some(take("--question")?),
            "--rubric" | "-r" => o.rubric = Some(take("--rubric")?),
            "--format" | "-f" => {
                o.format = match take("--format")?.as_str() {
                    "text" => OutputFormat::Text,
                    "json" => OutputFormat::Json,
                    "markdown" | "md" => OutputFormat::Markdown,
                    other => {
                        return Err(Fatal(format!(
                            "unknown format `{other}`: use text, json or markdown"
                        )))
                    }
                }
            }
            "--jsonl" => o.jsonl = true,
            "--help" | "-h" => {
                println!("{}", USAGE);
                std::process::exit(0);
            }
            f if f.starts_with("--") => return Err(Fatal(format!("unknown option `{f}`"))),
            _ if o.input.is_none() => o.input = Some(arg),
            _ => {
                return Err(Fatal(format!(
                    "unexpected argument `{arg}`: only one input file"
                )))
            }
        }
    }
    Ok(o)
}

const USAGE: &str =
    "usage: score [--question N|slug | --rubric PATH] [--format text|json|markdown] [FILE|-]
       score --jsonl [FILE|-]
       score            (scores the bundled sample answers)";

/// Reads the answer from a file, or standard input for `-` or no file.
fn read_input(path: Option<&str>) -> Result<String, Fatal> {
    let bytes = match path {
        None | Some("-") => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| Fatal(format!("cannot read standard input: {e}")))?;
            buf
        }
        Some(p) => std::fs::read(p).map_err(|e| Fatal(format!("cannot read {p}: {e}")))?,
    };
    let name = path.filter(|p| *p != "-").unwrap_or("standard input");
    String::from_utf8(bytes).map_err(|e| {
        Fatal(format!(
            "{name}: the answer is not valid UTF-8 (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

fn print(rubric: &Rubric, report: &Report, answer: &str, format: OutputFormat) {
    match format {
        OutputFormat::Text => {
            println!("{}. {}", rubric.number().unwrap_or(0), rubric.title());
            print!("{report}");
        }
        OutputFormat::Json => println!("{}", report.to_json()),
        OutputFormat::Markdown => print!("{}", markdown(rubric, report, answer)),
    }
}

fn markdown(rubric: &Rubric, report: &Report, answer: &str) -> String {
    let mut s = format!(
        "## {}\n\n**Score {:.2}** ({}), {} of {} points",
        rubric.title(),
        report.score,
        report.band,
        report.earned,
        report.possible
    );
    if report.penalty > 0.0 {
        s.push_str(&format!(", minus {} for wrong claims", report.penalty));
    }
    s.push_str("\n\n| | point | weight | credit | evidence |\n|---|---|---|---|---|\n");
    for p in &report.points {
        let mark = match p.status {
            Status::Covered => "✅",
            Status::Partial => "🟡",
            Status::Missing => "⬜",
            Status::Contradicted => "❌",
        };
        let evidence: Vec<String> = p
            .evidence
            .iter()
            .map(|e| format!("“{}”", &answer[e.start..e.end].replace('|', "\\|")))
            .collect();
        s.push_str(&format!(
            "| {mark} | {} | {} | {:.2} | {} |\n",
            p.label.replace('|', "\\|"),
            p.weight,
            p.credit,
            evidence.join(", ")
        ));
    }
    if !report.missing.is_empty() {
        s.push_str("\n**To improve**\n\n");
        for m in &report.missing {
            s.push_str(&format!(
                "- {}: {}\n",
                m.label,
                m.hint.as_deref().unwrap_or("")
            ));
        }
    }
    for p in &report.penalties {
        s.push_str(&format!(
            "\n**Penalty −{}**: {}. {}\n",
            p.penalty,
            p.label,
            p.explanation.as_deref().unwrap_or("")
        ));
    }
    s
}

/// Scores every bundled sample answer against its built-in rubric.
fn samples(format: OutputFormat) -> Result<(), Fatal> {
    let mut out = std::io::stdout().lock();
    for src in SAMPLES {
        let file: SampleFile =
            toml::from_str(src).map_err(|e| Fatal(format!("bundled samples: {}", e.message())))?;
        let rubric = builtin::get(&file.question).ok_or_else(|| {
            Fatal(format!(
                "bundled samples name unknown question `{}`",
                file.question
            ))
        })?;
        for s in &file.answers {
            let report = rubric.score(&s.text);
            let who = s.candidate.as_deref().unwrap_or("candidate");
            let _ = writeln!(
                out,
                "=== {}. {} | {} answer ({}), expected band: {}",
                rubric.number().unwrap_or(0),
                rubric.title(),
                s.kind,
                who,
                s.band
            );
            let _ = match format {
                OutputFormat::Text => writeln!(out, "{report}"),
                OutputFormat::Json => writeln!(out, "{}", report.to_json()),
                OutputFormat::Markdown => writeln!(out, "{}", markdown(rubric, &report, &s.text)),
            };
        }
    }
    Ok(())
}

/// Batch mode: one JSON object per input line, one JSON report per output line.
fn batch(input: Option<&str>) -> Result<(), Fatal> {
    let reader: Box<dyn BufRead> = match input {
        None | Some("-") => Box::new(std::io::stdin().lock()),
        Some(p) => Box::new(std::io::BufReader::new(
            std::fs::File::open(p).map_err(|e| Fatal(format!("cannot read {p}: {e}")))?,
        )),
    };
    let mut rubrics: HashMap<String, Result<Rubric, String>> = HashMap::new();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (n, line) in reader.split(b'\n').enumerate() {
        let line = line.map_err(|e| Fatal(format!("cannot read input: {e}")))?;
        let line = String::from_utf8_lossy(&line);
        if line.trim().is_empty() {
            continue;
        }
        let result = match serde_json::from_str::<Value>(&line) {
            Ok(v) => score_line(&v, &mut rubrics),
            Err(e) => Err(json!({ "line": n + 1, "error": format!("invalid JSON: {e}") })),
        };
        let value = result.unwrap_or_else(|e| e);
        let _ = writeln!(out, "{value}");
    }
    let _ = out.flush();
    Ok(())
}

fn score_line(
    v: &Value,
    rubrics: &mut HashMap<String, Result<Rubric, String>>,
) -> Result<Value, Value> {
    let id = v.get("id").cloned().unwrap_or(Value::Null);
    let fail = |msg: String| json!({ "id": id, "error": msg });
    let answer = v
        .get("answer")
        .and_then(Value::as_str)
        .ok_or_else(|| fail("missing `answer` (a string)".into()))?;
    let (key, rubric) = if let Some(q) = v.get("question") {
        let q = match q {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            _ => return Err(fail("`question` must be a number or a slug".into())),
        };
        let r = builtin::get(&q)
            .cloned()
            .ok_or_else(|| fail(format!("unknown question `{q}`")))?;
        (q, r)
    } else if let Some(path) = v.get("rubric").and_then(Value::as_str) {
        let r = rubrics
            .entry(format!("rubric\u{0}{path}"))
            .or_insert_with(|| Rubric::from_path(path).map_err(|e| e.to_string()))
            .clone()
            .map_err(fail)?;
        (r.id().to_string(), r)
    } else if let Some(reference) = v.get("reference").and_then(Value::as_str) {
        // A rubric derived from the model answer, once per distinct reference.
        let question = v.get("question_text").and_then(Value::as_str).unwrap_or("");
        let r = rubrics
            .entry(format!("reference\u{0}{question}\u{0}{reference}"))
            .or_insert_with(|| {
                answer_rubric::derive::from_reference(question, reference)
                    .map_err(|e| e.to_string())
            })
            .clone()
            .map_err(fail)?;
        (r.id().to_string(), r)
    } else {
        return Err(fail(
            "each line needs `question`, `rubric` or `reference`".into(),
        ));
    };
    let report = rubric.score(answer);
    Ok(line_report(id, &key, &report))
}

fn line_report(id: Value, question: &str, report: &Report) -> Value {
    let mut v = serde_json::to_value(report).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut v {
        map.insert("id".into(), id);
        map.insert("question".into(), Value::String(question.to_string()));
        map.insert(
            "missing".into(),
            Value::Array(
                report
                    .missing
                    .iter()
                    .map(|m| Value::String(m.id.to_string()))
                    .collect(),
            ),
        );
    }
    v
}
