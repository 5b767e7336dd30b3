//! Lints rubric files: mistakes that compile but make a rubric easy to game
//! or unhelpful (see `answer_rubric::lint`).
//!
//! ```sh
//! cargo run --example lint                         # every built-in rubric, with its sample answers
//! cargo run --example lint -- my-rubric.toml       # rubric files
//! cargo run --example lint -- my-rubric.toml --samples answers.toml --json
//! ```
//!
//! A samples file has the format of `examples/answers/*.toml`:
//! `question = "slug"` and `[[answers]]` tables with `kind`, `band` and
//! `text`; without `--samples`, the built-in rubrics use the file of the same
//! name under `examples/answers/` when there is one.
//!
//! Prints one line per warning (`file: point [kind]: message`), or one JSON
//! object per line with `--json`. Exit code 0 when no rubric has a warning,
//! 1 when some do, 2 when a rubric or samples file cannot be read.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use answer_rubric::{builtin, lint, Format, Rubric};
use serde::Deserialize;

#[derive(Deserialize)]
struct Samples {
    question: Option<String>,
    #[serde(default)]
    answers: Vec<Sample>,
}

#[derive(Deserialize)]
struct Sample {
    text: String,
}

struct Args {
    rubrics: Vec<PathBuf>,
    samples: Option<PathBuf>,
    json: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        rubrics: Vec::new(),
        samples: None,
        json: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => args.json = true,
            "--samples" => {
                let f = it.next().ok_or("--samples needs a file")?;
                args.samples = Some(f.into());
            }
            "-h" | "--help" => {
                return Err("usage: lint [RUBRIC ...] [--samples FILE] [--json]".into());
            }
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            _ => args.rubrics.push(a.into()),
        }
    }
    Ok(args)
}

fn read_samples(path: &Path) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let samples: Samples = toml::from_str(&text).map_err(|e| {
        let first = e.to_string();
        format!("{}: {}", path.display(), first.lines().next().unwrap_or(""))
    })?;
    let _ = samples.question;
    Ok(samples.answers.into_iter().map(|s| s.text).collect())
}

/// (name shown, rubric text, samples file if any)
fn targets(args: &Args) -> Vec<(String, Result<Rubric, String>, Option<PathBuf>)> {
    let answers = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/answers");
    if args.rubrics.is_empty() {
        return builtin::SOURCES
            .iter()
            .map(|(file, src)| {
                let rubric = Rubric::from_bytes(src.as_bytes(), Format::Toml)
                    .map_err(|e| format!("rubrics/{file}: {e}"));
                let samples = args
                    .samples
                    .clone()
                    .or_else(|| Some(answers.join(file)).filter(|p| p.exists()));
                (format!("rubrics/{file}"), rubric, samples)
            })
            .collect();
    }
    args.rubrics
        .iter()
        .map(|path| {
            let rubric = Rubric::from_path(path).map_err(|e| e.to_string());
            (path.display().to_string(), rubric, args.samples.clone())
        })
        .collect()
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let mut failed = false;
    let mut warned = false;
    for (name, rubric, samples) in targets(&args) {
        let rubric = match rubric {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{e}");
                failed = true;
                continue;
            }
        };
        let samples = match samples.as_deref().map(read_samples).transpose() {
            Ok(s) => s.unwrap_or_default(),
            Err(e) => {
                eprintln!("{e}");
                failed = true;
                continue;
            }
        };
        let refs: Vec<&str> = samples.iter().map(String::as_str).collect();
        for w in lint::check(&rubric, &refs) {
            warned = true;
            if args.json {
                let line = serde_json::json!({
                    "file": name,
                    "kind": w.kind,
                    "point": w.point,
                    "message": w.message,
                });
                println!("{line}");
            } else {
                println!("{name}: {w}");
            }
        }
    }
    if failed {
        ExitCode::from(2)
    } else if warned {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
