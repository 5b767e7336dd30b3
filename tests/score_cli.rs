//! The `score` example is a contract other tools script against: its options,
//! its JSON Lines batch mode and its exit codes.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The example binary, built by `cargo test` next to the test binaries.
fn score_bin() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    let bin = dir
        .join("examples")
        .join(format!("score{}", std::env::consts::EXE_SUFFIX));
    assert!(bin.exists(), "{} not built", bin.display());
    bin
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(score_bin())
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The program may exit (with an error) before reading its input.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn scratch(name: &str, contents: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("answer-rubric-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn assert_fails_with(o: &Output, needle: &str) {
    assert_eq!(o.status.code(), Some(2), "stderr: {}", stderr(o));
    let err = stderr(o);
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one line expected: {err}"
    );
    assert!(err.contains(needle), "`{needle}` not in: {err}");
}

const ANSWER: &str = "A cache keeps frequently accessed data in memory, so repeated reads \
                      skip the slow database query and responses come back faster.";

#[test]
fn no_arguments_scores_every_bundled_sample() {
    let o = run(&[], b"");
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for n in 1..=15 {
        assert!(out.contains(&format!("=== {n}. ")), "question {n} missing");
    }
    assert!(out.contains("strong answer") && out.contains("off-topic answer"));
    assert!(out.contains("to improve:"));
}

#[test]
fn one_answer_from_stdin_file_or_dash_in_any_order() {
    let file = scratch("answer.txt", ANSWER.as_bytes());
    let file = file.to_str().unwrap();
    let a = run(&["--question", "caching"], ANSWER.as_bytes());
    let b = run(&[file, "--question", "6"], b"");
    let c = run(
        &["-", "--format", "text", "--question=caching"],
        ANSWER.as_bytes(),
    );
    for o in [&a, &b, &c] {
        assert!(o.status.success(), "{}", stderr(o));
    }
    assert_eq!(stdout(&a), stdout(&b));
    assert_eq!(stdout(&a), stdout(&c));
    assert!(stdout(&a).starts_with("6. "));
}

#[test]
fn json_and_markdown_formats() {
    let o = run(
        &["--format", "json", "--question", "caching"],
        ANSWER.as_bytes(),
    );
    assert!(o.status.success());
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["rubric"], "caching");
    assert!(v["score"].as_f64().unwrap() > 0.0);
    let md = run(
        &["--question", "caching", "--format", "markdown"],
        ANSWER.as_bytes(),
    );
    assert!(stdout(&md).contains("| | point | weight | credit | evidence |"));
}

#[test]
fn a_rubric_file_instead_of_a_built_in_one() {
    let o = run(
        &["--rubric", "rubrics/REFERENCE.toml"],
        b"Cache-Control max-age says how long.",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("http-caching"));
}

#[test]
fn errors_are_one_line_with_exit_code_2() {
    assert_fails_with(&run(&["--question", "99"], b"x"), "unknown question `99`");
    assert_fails_with(
        &run(&["--rubric", "no/such/file.toml"], b"x"),
        "no/such/file.toml",
    );
    let bad = scratch("bad.toml", b"id = \"x\"\ntitle = \"t\"\nquestion = \"q\"\n[[points]]\nid = \"p\"\nlabel = \"l\"\nweight = -1\nphrases = [\"a\"]\n");
    let o = run(&["--rubric", bad.to_str().unwrap()], b"x");
    assert_fails_with(&o, "bad.toml:7:10");
    assert_fails_with(&o, "invalid weight -1");
    let latin1 = scratch("latin1.txt", b"caf\xe9 au lait");
    assert_fails_with(
        &run(&["--question", "caching", latin1.to_str().unwrap()], b""),
        "not valid UTF-8",
    );
    assert_fails_with(
        &run(&["--question", "caching"], b"\xff\xfe"),
        "not valid UTF-8",
    );
    assert_fails_with(&run(&["--format", "yaml"], b""), "unknown format `yaml`");
    assert_fails_with(&run(&["--nope"], b""), "unknown option `--nope`");
}

#[test]
fn jsonl_batch_reports_every_line_and_survives_bad_ones() {
    let input = [
        r#"{"id": "a1", "question": "caching", "answer": "A cache keeps frequently accessed data in memory."}"#,
        r#"{"id": 7, "question": 6, "answer": "caché 🚀 keeps frequently accessed data in memory"}"#,
        r#"this is not json"#,
        r#"{"id": "no-answer", "question": "caching"}"#,
        r#"{"id": "unknown", "question": "no-such-question", "answer": "x"}"#,
        r#"{"id": "file", "rubric": "rubrics/REFERENCE.toml", "answer": "Cache-Control max-age."}"#,
        r#"{"id": "bad-file", "rubric": "no/such.toml", "answer": "x"}"#,
        r#"{"id": "ref", "reference": "A stack is last in, first out: push adds on top and pop removes the top item.", "question_text": "What is a stack?", "answer": "Push puts an item on top and pop takes the top one off, last in first out."}"#,
    ]
    .join("\n");
    let o = run(&["--jsonl"], input.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 8);
    let answers = [
        "A cache keeps frequently accessed data in memory.",
        "caché 🚀 keeps frequently accessed data in memory",
    ];
    for (line, answer) in lines.iter().zip(answers) {
        assert_eq!(
            line["question"]
                .as_str()
                .map(|q| q == "caching" || q == "6"),
            Some(true)
        );
        let score = line["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
        assert!(line["band"].is_string());
        assert!(line["missing"]
            .as_array()
            .unwrap()
            .iter()
            .all(Value::is_string));
        for p in line["points"].as_array().unwrap() {
            for key in ["id", "weight", "credit", "status", "evidence"] {
                assert!(!p[key].is_null(), "point without {key}: {p}");
            }
            for e in p["evidence"].as_array().unwrap() {
                let (s, t) = (
                    e["start"].as_u64().unwrap() as usize,
                    e["end"].as_u64().unwrap() as usize,
                );
                assert_eq!(&answer[s..t], e["text"].as_str().unwrap());
            }
        }
    }
    assert_eq!(lines[0]["id"], "a1");
    assert_eq!(lines[1]["id"], 7);
    assert!(lines[2]["error"].as_str().unwrap().contains("invalid JSON"));
    assert_eq!(lines[3]["id"], "no-answer");
    assert!(lines[3]["error"].as_str().unwrap().contains("answer"));
    assert!(lines[4]["error"]
        .as_str()
        .unwrap()
        .contains("no-such-question"));
    assert_eq!(lines[5]["question"], "http-caching");
    assert!(lines[5]["score"].as_f64().unwrap() > 0.0);
    assert!(lines[6]["error"].as_str().unwrap().contains("no/such.toml"));
    assert_eq!(lines[7]["id"], "ref");
    assert!(lines[7]["score"].as_f64().unwrap() > 0.3, "{}", lines[7]);
}
