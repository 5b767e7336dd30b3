//! One malformed rubric per error kind: the kind, the exact line and column,
//! the field path, and a golden snapshot of the error's `Display`.

use std::time::{Duration, Instant};

use answer_rubric::{Error, ErrorKind, Format, Rubric, RubricSpec};

/// The three required top-level fields, on lines 1 to 3.
const HEAD: &str = "id = \"x\"\ntitle = \"T\"\nquestion = \"Q\"\n";
/// A valid point, on lines 4 to 7 when it follows `HEAD`.
const POINT_A: &str = "[[points]]\nid = \"a\"\nlabel = \"A\"\nphrases = [\"alpha\"]\n";

fn toml_err(src: &str) -> Error {
    match Rubric::from_toml(src) {
        Ok(_) => panic!("expected an error for:\n{src}"),
        Err(e) => e,
    }
}

fn json_err(src: &str) -> Error {
    match Rubric::from_json(src) {
        Ok(_) => panic!("expected an error for:\n{src}"),
        Err(e) => e,
    }
}

/// Asserts the line, column and field path of an error.
#[track_caller]
fn assert_at(e: &Error, line: usize, column: usize, field: Option<&str>) {
    let loc = e.location().unwrap_or_else(|| panic!("no location: {e}"));
    assert_eq!(
        (loc.line, loc.column, loc.field.as_deref()),
        (line, column, field),
        "location of: {e}"
    );
    assert_eq!(loc.file, None, "no file for in-memory text: {e}");
}

/// Asserts only the line and column (errors found while parsing carry no
/// field path).
#[track_caller]
fn assert_line_col(e: &Error, line: usize, column: usize) {
    let loc = e.location().unwrap_or_else(|| panic!("no location: {e}"));
    assert_eq!((loc.line, loc.column), (line, column), "location of: {e}");
}

#[track_caller]
fn snapshot(name: &str, e: &Error) {
    insta::assert_snapshot!(name, e.to_string());
}

// ── Syntax ──────────────────────────────────────────────────────────────────

#[test]
fn toml_syntax_error() {
    // An unterminated string on line 2.
    let e = toml_err("id = \"x\"\ntitle = \"T\nquestion = \"Q\"\n");
    assert!(matches!(e.kind(), ErrorKind::Syntax { .. }), "{e:?}");
    assert_line_col(&e, 2, 11);
    snapshot("toml_syntax_error", &e);

    // A value that is not a value, on line 4.
    let e = toml_err(&format!("{HEAD}number = \n{POINT_A}"));
    assert!(matches!(e.kind(), ErrorKind::Syntax { .. }), "{e:?}");
    assert_line_col(&e, 4, 10);
    snapshot("toml_syntax_error_missing_value", &e);
}

#[test]
fn json_syntax_error() {
    // A missing comma at the end of line 3: found at the next key.
    let e = json_err("{\n  \"id\": \"x\",\n  \"title\": \"T\"\n  \"question\": \"Q\"\n}\n");
    assert!(matches!(e.kind(), ErrorKind::Syntax { .. }), "{e:?}");
    assert_line_col(&e, 4, 3);
    snapshot("json_syntax_error", &e);
}

#[test]
fn toml_error_columns_count_characters_not_bytes() {
    // "é" is two bytes; the column counts it as one character.
    let e = toml_err(&format!("{HEAD}reference = \"é\" x\n{POINT_A}"));
    assert!(matches!(e.kind(), ErrorKind::Syntax { .. }), "{e:?}");
    assert_line_col(&e, 4, 17);
}

// ── Unknown, missing and mistyped fields ────────────────────────────────────

#[test]
fn unknown_field_top_level() {
    let e = toml_err(&format!("{HEAD}colour = \"red\"\n{POINT_A}"));
    assert_eq!(
        e.kind(),
        &ErrorKind::UnknownField {
            field: "colour".into()
        }
    );
    assert_line_col(&e, 4, 1);
    snapshot("unknown_field_top_level", &e);
}

#[test]
fn unknown_field_in_a_point() {
    let e = toml_err(&format!("{HEAD}{POINT_A}wieght = 2\n"));
    assert_eq!(
        e.kind(),
        &ErrorKind::UnknownField {
            field: "wieght".into()
        }
    );
    assert_line_col(&e, 8, 1);
    snapshot("unknown_field_in_a_point", &e);
}

#[test]
fn unknown_field_in_the_second_point_and_nested_tables() {
    let e = toml_err(&format!(
        "{HEAD}{POINT_A}[[points]]\nid = \"b\"\nlabel = \"B\"\n  phrasse = [\"beta\"]\n"
    ));
    assert_eq!(
        e.kind(),
        &ErrorKind::UnknownField {
            field: "phrasse".into()
        }
    );
    assert_line_col(&e, 11, 3);

    let e = toml_err(&format!(
        "{HEAD}{POINT_A}[[points.all_of]]\nparts = [\"a\", \"b\"]\nwithn = 3\n"
    ));
    assert_eq!(
        e.kind(),
        &ErrorKind::UnknownField {
            field: "withn".into()
        }
    );
    assert_line_col(&e, 10, 1);

    let e = toml_err(&format!("{HEAD}[matching]\nstem = true\n{POINT_A}"));
    assert_eq!(
        e.kind(),
        &ErrorKind::UnknownField {
            field: "stem".into()
        }
    );
    assert_line_col(&e, 5, 1);
    snapshot("unknown_field_in_matching", &e);
}

#[test]
fn missing_field_top_level() {
    let e = toml_err(&format!("id = \"x\"\nquestion = \"Q\"\n{POINT_A}"));
    assert_eq!(
        e.kind(),
        &ErrorKind::MissingField {
            field: "title".into()
        }
    );
    assert_line_col(&e, 1, 1);
    snapshot("missing_field_top_level", &e);
}

#[test]
fn missing_field_in_a_point() {
    // The point's table starts on line 4.
    let e = toml_err(&format!(
        "{HEAD}[[points]]\nid = \"a\"\nphrases = [\"alpha\"]\n"
    ));
    assert_eq!(
        e.kind(),
        &ErrorKind::MissingField {
            field: "label".into()
        }
    );
    assert_line_col(&e, 4, 1);
    snapshot("missing_field_in_a_point", &e);
}

#[test]
fn wrong_type() {
    let e = toml_err(&format!("{HEAD}{POINT_A}weight = \"heavy\"\n"));
    assert!(
        matches!(e.kind(), ErrorKind::Syntax { message } if message.contains("invalid type")),
        "{e:?}"
    );
    assert_line_col(&e, 8, 10);
    snapshot("wrong_type", &e);

    let e = toml_err(&format!("{HEAD}{POINT_A}required = 1\n"));
    assert!(matches!(e.kind(), ErrorKind::Syntax { .. }), "{e:?}");
    assert_line_col(&e, 8, 12);

    let e = toml_err(&format!("{HEAD}language = \"klingon\"\n{POINT_A}"));
    assert!(
        matches!(e.kind(), ErrorKind::Syntax { message } if message.contains("klingon")),
        "{e:?}"
    );
    assert_line_col(&e, 4, 12);
    snapshot("unknown_language", &e);

    let e = toml_err(&format!("{HEAD}{POINT_A}typos = \"some\"\n"));
    assert!(matches!(e.kind(), ErrorKind::Syntax { .. }), "{e:?}");
    assert_line_col(&e, 8, 9);
}

// ── Regular expressions ─────────────────────────────────────────────────────

#[test]
fn invalid_regex() {
    let e = toml_err(&format!("{HEAD}{POINT_A}regex = ['a(b']\n"));
    assert!(
        matches!(e.kind(), ErrorKind::InvalidRegex { pattern, .. } if pattern == "a(b"),
        "{e:?}"
    );
    assert_at(&e, 8, 10, Some("points[0].regex[0]"));
    snapshot("invalid_regex", &e);
}

#[test]
fn regex_too_big() {
    let start = Instant::now();
    let e = toml_err(&format!(
        "{HEAD}{POINT_A}regex = ['\\b304\\b', 'a{{1000}}{{1000}}']\n"
    ));
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "took {:?}",
        start.elapsed()
    );
    assert_eq!(
        e.kind(),
        &ErrorKind::RegexTooBig {
            pattern: "a{1000}{1000}".into(),
            limit: 1 << 20
        }
    );
    assert_at(&e, 8, 21, Some("points[0].regex[1]"));
    snapshot("regex_too_big", &e);

    // Unicode classes repeated: big without nesting.
    let e = toml_err(&format!("{HEAD}{POINT_A}regex = ['\\w{{1000}}']\n"));
    assert!(matches!(e.kind(), ErrorKind::RegexTooBig { .. }), "{e:?}");
}

// ── Ids ─────────────────────────────────────────────────────────────────────

#[test]
fn duplicate_id_between_points() {
    let e = toml_err(&format!("{HEAD}{POINT_A}{POINT_A}"));
    let ErrorKind::DuplicateId { id, first } = e.kind() else {
        panic!("{e:?}")
    };
    assert_eq!(id, "a");
    assert_eq!(
        (first.line, first.column, first.field.as_deref()),
        (5, 6, Some("points[0].id"))
    );
    assert_at(&e, 9, 6, Some("points[1].id"));
    snapshot("duplicate_id_between_points", &e);
}

#[test]
fn duplicate_id_between_a_point_and_a_misconception() {
    let e = toml_err(&format!(
        "{HEAD}{POINT_A}[[misconceptions]]\nid = \"a\"\nlabel = \"M\"\nphrases = [\"omega\"]\n"
    ));
    let ErrorKind::DuplicateId { id, first } = e.kind() else {
        panic!("{e:?}")
    };
    assert_eq!(id, "a");
    assert_eq!(
        (first.line, first.column, first.field.as_deref()),
        (5, 6, Some("points[0].id"))
    );
    assert_at(&e, 9, 6, Some("misconceptions[0].id"));
    snapshot("duplicate_id_point_and_misconception", &e);
}

#[test]
fn duplicate_id_between_misconceptions() {
    let m = "[[misconceptions]]\nid = \"m\"\nlabel = \"M\"\nphrases = [\"omega\"]\n";
    let e = toml_err(&format!("{HEAD}{POINT_A}{m}{m}"));
    let ErrorKind::DuplicateId { first, .. } = e.kind() else {
        panic!("{e:?}")
    };
    assert_eq!(
        (first.line, first.field.as_deref()),
        (9, Some("misconceptions[0].id"))
    );
    assert_at(&e, 13, 6, Some("misconceptions[1].id"));
}

#[test]
fn invalid_id() {
    let e = toml_err(&format!(
        "{HEAD}[[points]]\nid = \"Bad_Id\"\nlabel = \"A\"\nphrases = [\"alpha\"]\n"
    ));
    assert_eq!(
        e.kind(),
        &ErrorKind::InvalidId {
            id: "Bad_Id".into()
        }
    );
    assert_at(&e, 5, 6, Some("points[0].id"));
    snapshot("invalid_id", &e);

    let e = toml_err(&format!(
        "id = \"sync async\"\ntitle = \"T\"\nquestion = \"Q\"\n{POINT_A}"
    ));
    assert_eq!(
        e.kind(),
        &ErrorKind::InvalidId {
            id: "sync async".into()
        }
    );
    assert_at(&e, 1, 6, Some("id"));

    let e = toml_err(&format!(
        "id = \"\"\ntitle = \"T\"\nquestion = \"Q\"\n{POINT_A}"
    ));
    assert_eq!(e.kind(), &ErrorKind::InvalidId { id: String::new() });
    assert_at(&e, 1, 6, Some("id"));
}

// ── Weights and penalties ───────────────────────────────────────────────────

#[test]
fn invalid_weights() {
    for (text, name) in [
        ("0", "zero"),
        ("-1.5", "negative"),
        ("nan", "nan"),
        ("inf", "inf"),
        ("-inf", "minus_inf"),
    ] {
        let e = toml_err(&format!("{HEAD}{POINT_A}weight = {text}\n"));
        match e.kind() {
            ErrorKind::InvalidWeight { field, value } => {
                assert_eq!(*field, "weight");
                let expected: f64 = text.parse().unwrap();
                assert!(
                    value.to_bits() == expected.to_bits() || (value.is_nan() && expected.is_nan()),
                    "{value} vs {expected}"
                );
            }
            other => panic!("weight = {text}: {other:?}"),
        }
        assert_at(&e, 8, 10, Some("points[0].weight"));
        snapshot(&format!("invalid_weight_{name}"), &e);
    }
}

#[test]
fn invalid_penalty() {
    for (text, name) in [
        ("0", "zero"),
        ("-2", "negative"),
        ("nan", "nan"),
        ("inf", "inf"),
    ] {
        let e = toml_err(&format!(
            "{HEAD}{POINT_A}[[misconceptions]]\nid = \"m\"\nlabel = \"M\"\npenalty = {text}\nphrases = [\"omega\"]\n"
        ));
        assert!(
            matches!(
                e.kind(),
                ErrorKind::InvalidWeight {
                    field: "penalty",
                    ..
                }
            ),
            "penalty = {text}: {e:?}"
        );
        assert_at(&e, 11, 11, Some("misconceptions[0].penalty"));
        snapshot(&format!("invalid_penalty_{name}"), &e);
    }
}

// ── Alternatives and rules ──────────────────────────────────────────────────

#[test]
fn empty_alternatives() {
    let e = toml_err(&format!(
        "{HEAD}[[points]]\nid = \"a\"\nlabel = \"A\"\nphrases = [\"alpha\", \"\"]\n"
    ));
    assert_eq!(
        e.kind(),
        &ErrorKind::EmptyAlternative {
            text: String::new()
        }
    );
    assert_at(&e, 7, 21, Some("points[0].phrases[1]"));
    snapshot("empty_alternative", &e);

    let e = toml_err(&format!(
        "{HEAD}[[points]]\nid = \"a\"\nlabel = \"A\"\nphrases = [\"---\"]\n"
    ));
    assert_eq!(
        e.kind(),
        &ErrorKind::EmptyAlternative { text: "---".into() }
    );
    assert_at(&e, 7, 12, Some("points[0].phrases[0]"));
    snapshot("empty_alternative_punctuation", &e);

    // In a partial list, an all_of part and a k_of_n item.
    let e = toml_err(&format!("{HEAD}{POINT_A}partial = [\" ... \"]\n"));
    assert_eq!(
        e.kind(),
        &ErrorKind::EmptyAlternative {
            text: " ... ".into()
        }
    );
    assert_at(&e, 8, 12, Some("points[0].partial[0]"));

    let e = toml_err(&format!(
        "{HEAD}{POINT_A}[[points.all_of]]\nparts = [\"a\", [\"b\", \"!\"]]\n"
    ));
    assert_eq!(e.kind(), &ErrorKind::EmptyAlternative { text: "!".into() });
    assert_at(&e, 9, 21, Some("points[0].all_of[0].parts[1][1]"));

    let e = toml_err(&format!(
        "{HEAD}{POINT_A}[[points.k_of_n]]\nk = 1\nitems = [\"a\", \"--\"]\n"
    ));
    assert_eq!(e.kind(), &ErrorKind::EmptyAlternative { text: "--".into() });
    assert_at(&e, 10, 15, Some("points[0].k_of_n[0].items[1]"));

    // In a synonym group.
    let e = toml_err(&format!("synonyms = [[\"fast\", \"\"]]\n{HEAD}{POINT_A}"));
    assert_eq!(
        e.kind(),
        &ErrorKind::EmptyAlternative {
            text: String::new()
        }
    );
    assert_at(&e, 1, 22, Some("synonyms[0][1]"));
}

#[test]
fn point_with_no_rules() {
    let e = toml_err(&format!(
        "{HEAD}{POINT_A}[[points]]\nid = \"b\"\nlabel = \"B\"\nweight = 2\n"
    ));
    assert_eq!(e.kind(), &ErrorKind::NoRules { id: "b".into() });
    assert_at(&e, 8, 1, Some("points[1]"));
    snapshot("no_rules", &e);

    let e = toml_err(&format!(
        "{HEAD}{POINT_A}[[misconceptions]]\nid = \"m\"\nlabel = \"M\"\n"
    ));
    assert_eq!(e.kind(), &ErrorKind::NoRules { id: "m".into() });
    assert_at(&e, 8, 1, Some("misconceptions[0]"));
}

#[test]
fn k_out_of_range() {
    let e = toml_err(&format!(
        "{HEAD}{POINT_A}[[points.k_of_n]]\nk = 3\nitems = [\"a\", \"b\"]\n"
    ));
    assert_eq!(e.kind(), &ErrorKind::KOutOfRange { k: 3, n: 2 });
    assert_at(&e, 9, 5, Some("points[0].k_of_n[0].k"));
    snapshot("k_larger_than_n", &e);

    let e = toml_err(&format!(
        "{HEAD}{POINT_A}[[points.k_of_n]]\nk = 0\nitems = [\"a\", \"b\"]\n"
    ));
    assert_eq!(e.kind(), &ErrorKind::KOutOfRange { k: 0, n: 2 });
    assert_at(&e, 9, 5, Some("points[0].k_of_n[0].k"));
    snapshot("k_zero", &e);
}

#[test]
fn voids_names_an_unknown_point() {
    let e = toml_err(&format!(
        "{HEAD}{POINT_A}[[misconceptions]]\nid = \"m\"\nlabel = \"M\"\nvoids = [\"a\", \"b\"]\nphrases = [\"x\"]\n"
    ));
    assert_eq!(e.kind(), &ErrorKind::UnknownPoint { id: "b".into() });
    assert_at(&e, 11, 15, Some("misconceptions[0].voids[1]"));
    snapshot("voids_unknown_point", &e);
}

#[test]
fn a_claim_without_a_predicate_or_with_a_zero_window() {
    let e = toml_err(&format!(
        "{HEAD}{POINT_A}[[points.claims]]\nsubject = [\"x\"]\npredicate = []\n"
    ));
    assert_eq!(e.kind(), &ErrorKind::EmptyField { field: "predicate" });
    assert_at(&e, 10, 13, Some("points[0].claims[0].predicate"));

    let e = toml_err(&format!(
        "{HEAD}{POINT_A}[[points.claims]]\nsubject = [\"x\"]\n"
    ));
    assert!(
        matches!(e.kind(), ErrorKind::MissingField { field } if field == "predicate"),
        "{e}"
    );

    let e = toml_err(&format!(
        "{HEAD}{POINT_A}[[points.claims]]\npredicate = [\"x\"]\nwithin = 0\n"
    ));
    assert!(
        matches!(
            e.kind(),
            ErrorKind::OutOfRange {
                field: "within",
                ..
            }
        ),
        "{e}"
    );
    assert_at(&e, 10, 10, Some("points[0].claims[0].within"));

    let e = toml_err(&format!(
        "{HEAD}{POINT_A}[[points.claims]]\npredicate = [\"x\"]\nverb = [\"y\"]\n"
    ));
    assert!(
        matches!(e.kind(), ErrorKind::UnknownField { field } if field == "verb"),
        "{e}"
    );
}

// ── Bands ───────────────────────────────────────────────────────────────────

fn bands(spec: &[(&str, &str, &str)]) -> String {
    let mut s = String::from(HEAD);
    for (label, min, max) in spec {
        s.push_str(&format!(
            "[[bands]]\nlabel = \"{label}\"\nmin = {min}\nmax = {max}\n"
        ));
    }
    s.push_str(POINT_A);
    s
}

#[test]
fn band_overlap() {
    let e = toml_err(&bands(&[("low", "0.0", "0.6"), ("high", "0.5", "1.0")]));
    assert_eq!(
        e.kind(),
        &ErrorKind::BandOverlap {
            label: "high".into(),
            min: 0.5,
            previous_max: 0.6
        }
    );
    // bands[1] starts on line 8; its min is on line 10.
    assert_at(&e, 10, 7, Some("bands[1].min"));
    snapshot("band_overlap", &e);
}

#[test]
fn band_gap() {
    let e = toml_err(&bands(&[("low", "0.0", "0.4"), ("high", "0.5", "1.0")]));
    assert_eq!(e.kind(), &ErrorKind::BandGap { from: 0.4, to: 0.5 });
    assert_at(&e, 10, 7, Some("bands[1].min"));
    snapshot("band_gap", &e);

    // Not starting at 0.
    let e = toml_err(&bands(&[("low", "0.1", "0.5"), ("high", "0.5", "1.0")]));
    assert_eq!(e.kind(), &ErrorKind::BandGap { from: 0.0, to: 0.1 });
    assert_at(&e, 6, 7, Some("bands[0].min"));
}

#[test]
fn bands_not_reaching_one() {
    let e = toml_err(&bands(&[("low", "0.0", "0.5"), ("high", "0.5", "0.9")]));
    assert_eq!(e.kind(), &ErrorKind::BandGap { from: 0.9, to: 1.0 });
    assert_at(&e, 11, 7, Some("bands[1].max"));
    snapshot("bands_not_reaching_one", &e);
}

#[test]
fn band_bounds_out_of_range() {
    let e = toml_err(&bands(&[("all", "0.0", "1.5")]));
    assert!(
        matches!(e.kind(), ErrorKind::OutOfRange { field: "max", value, .. } if *value == 1.5),
        "{e:?}"
    );
    assert_at(&e, 7, 7, Some("bands[0].max"));

    let e = toml_err(&bands(&[("all", "nan", "1.0")]));
    assert!(
        matches!(e.kind(), ErrorKind::OutOfRange { field: "min", .. }),
        "{e:?}"
    );
    assert_at(&e, 6, 7, Some("bands[0].min"));
}

// ── Out-of-range numbers ────────────────────────────────────────────────────

#[test]
fn credit_out_of_range() {
    let e = toml_err(&format!(
        "{HEAD}{POINT_A}[[points.all_of]]\nparts = [\"a\", \"b\"]\ncredit = 1.5\n"
    ));
    assert_eq!(
        e.kind(),
        &ErrorKind::OutOfRange {
            field: "credit",
            value: 1.5,
            expected: "must be above 0 and at most 1"
        }
    );
    assert_at(&e, 10, 10, Some("points[0].all_of[0].credit"));
    snapshot("credit_above_one", &e);

    let e = toml_err(&format!(
        "{HEAD}{POINT_A}[[points.k_of_n]]\nk = 1\nitems = [\"a\", \"b\"]\ncredit = 0\n"
    ));
    assert!(
        matches!(e.kind(), ErrorKind::OutOfRange { field: "credit", value, .. } if *value == 0.0),
        "{e:?}"
    );
    assert_at(&e, 11, 10, Some("points[0].k_of_n[0].credit"));
    snapshot("credit_zero", &e);

    let e = toml_err(&format!(
        "{HEAD}{POINT_A}[[points.all_of]]\nparts = [\"a\", \"b\"]\ncredit = nan\n"
    ));
    assert!(
        matches!(
            e.kind(),
            ErrorKind::OutOfRange {
                field: "credit",
                ..
            }
        ),
        "{e:?}"
    );
    assert_at(&e, 10, 10, Some("points[0].all_of[0].credit"));
}

#[test]
fn within_zero() {
    let e = toml_err(&format!(
        "{HEAD}{POINT_A}[[points.all_of]]\nparts = [\"a\", \"b\"]\nwithin = 0\n"
    ));
    assert!(
        matches!(e.kind(), ErrorKind::OutOfRange { field: "within", value, .. } if *value == 0.0),
        "{e:?}"
    );
    assert_at(&e, 10, 10, Some("points[0].all_of[0].within"));
    snapshot("within_zero", &e);
}

#[test]
fn required_cap_out_of_range() {
    for (text, name) in [("1.5", "above_one"), ("-0.1", "negative"), ("nan", "nan")] {
        let e = toml_err(&format!("{HEAD}required_cap = {text}\n{POINT_A}"));
        assert!(
            matches!(
                e.kind(),
                ErrorKind::OutOfRange {
                    field: "required_cap",
                    ..
                }
            ),
            "required_cap = {text}: {e:?}"
        );
        assert_at(&e, 4, 16, Some("required_cap"));
        snapshot(&format!("required_cap_{name}"), &e);
    }
}

#[test]
fn empty_fields() {
    let e = toml_err(HEAD);
    assert_eq!(e.kind(), &ErrorKind::EmptyField { field: "points" });
    snapshot("no_points", &e);

    let e = toml_err(&format!(
        "id = \"x\"\ntitle = \"   \"\nquestion = \"Q\"\n{POINT_A}"
    ));
    assert_eq!(e.kind(), &ErrorKind::EmptyField { field: "title" });
    assert_at(&e, 2, 9, Some("title"));
}

#[test]
fn only_bonus_points() {
    let e = toml_err(&format!("{HEAD}{POINT_A}bonus = true\n"));
    assert_eq!(e.kind(), &ErrorKind::OnlyBonusPoints);
    // At the points array, which starts with the first [[points]] on line 4.
    assert_at(&e, 4, 1, Some("points"));
    snapshot("only_bonus_points", &e);

    // One regular point is enough.
    let ok = format!("{HEAD}{POINT_A}[[points]]\nid = \"b\"\nlabel = \"B\"\nbonus = true\nphrases = [\"beta\"]\n");
    assert!(Rubric::from_toml(&ok).is_ok());
}

// ── Bytes and size limits ───────────────────────────────────────────────────

#[test]
fn not_utf8() {
    let mut bytes = HEAD.as_bytes().to_vec();
    bytes.extend_from_slice(b"reference = \"caf\xe9\"\n");
    bytes.extend_from_slice(POINT_A.as_bytes());
    let e = Rubric::from_bytes(&bytes, Format::Toml).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::NotUtf8 {
            valid_up_to: HEAD.len() + "reference = \"caf".len()
        }
    );
    assert_line_col(&e, 4, 17);
    snapshot("not_utf8", &e);

    // Valid bytes compile through the same entry point.
    let ok = format!("{HEAD}{POINT_A}");
    assert!(Rubric::from_bytes(ok.as_bytes(), Format::Toml).is_ok());
}

#[test]
fn too_many_points_is_rejected_quickly() {
    // 100,000 points, as short inline tables to stay under the size limit
    // (the count is checked before anything else about the points).
    let mut src = String::from(HEAD);
    src.push_str("points = [\n");
    for i in 0..100_000 {
        src.push_str(&format!("{{id=\"p{i}\",label=\"P\"}},\n"));
    }
    src.push_str("]\n");
    let start = Instant::now();
    let e = toml_err(&src);
    let took = start.elapsed();
    assert!(
        matches!(
            e.kind(),
            ErrorKind::TooLarge {
                what: "points and misconceptions",
                count: 100_000,
                ..
            }
        ),
        "{e:?}"
    );
    assert_at(&e, 4, 10, Some("points"));
    assert!(took < Duration::from_secs(30), "took {took:?}");
    snapshot("too_many_points", &e);
}

#[test]
fn too_many_points_built_in_code() {
    let mut spec: RubricSpec = toml::from_str(&format!("{HEAD}{POINT_A}")).unwrap();
    let point = spec.points[0].clone();
    spec.points = (0..100_000)
        .map(|i| {
            let mut p = point.clone();
            p.id = format!("p{i}");
            p
        })
        .collect();
    let start = Instant::now();
    let e = Rubric::compile(spec).unwrap_err();
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "took {:?}",
        start.elapsed()
    );
    assert!(
        matches!(e.kind(), ErrorKind::TooLarge { count: 100_000, .. }),
        "{e:?}"
    );
    // Without a source there is no line, only the field path.
    let loc = e.location().unwrap();
    assert_eq!((loc.line, loc.field.as_deref()), (0, Some("points")));
}

#[test]
fn too_many_bytes() {
    let mut src = format!("{HEAD}{POINT_A}");
    src.push_str(&format!("reference = \"{}\"\n", "x".repeat(5 << 20)));
    let start = Instant::now();
    let e = Rubric::from_bytes(src.as_bytes(), Format::Toml).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::TooLarge { .. }), "{e:?}");
    let e2 = toml_err(&src);
    assert!(matches!(e2.kind(), ErrorKind::TooLarge { .. }), "{e2:?}");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "took {:?}",
        start.elapsed()
    );
    snapshot("too_many_bytes", &e);
}

// ── JSON ────────────────────────────────────────────────────────────────────

const JSON_HEAD: &str =
    "{\n  \"id\": \"x\",\n  \"title\": \"T\",\n  \"question\": \"Q\",\n  \"points\": [\n";

#[test]
fn json_invalid_weight() {
    let e = json_err(&format!(
        "{JSON_HEAD}    {{\"id\": \"a\", \"label\": \"A\", \"phrases\": [\"alpha\"]}},\n    {{\"id\": \"b\", \"label\": \"B\", \"phrases\": [\"beta\"], \"weight\": -2}}\n  ]\n}}\n"
    ));
    assert!(
        matches!(e.kind(), ErrorKind::InvalidWeight { field: "weight", value } if *value == -2.0),
        "{e:?}"
    );
    // Line 7, at the value -2.
    assert_at(&e, 7, 62, Some("points[1].weight"));
    snapshot("json_invalid_weight", &e);
}

#[test]
fn json_unknown_field() {
    let e = json_err(&format!(
        "{JSON_HEAD}    {{\"id\": \"a\", \"label\": \"A\", \"phrases\": [\"alpha\"], \"wieght\": 2}}\n  ]\n}}\n"
    ));
    assert_eq!(
        e.kind(),
        &ErrorKind::UnknownField {
            field: "wieght".into()
        }
    );
    assert_eq!(e.location().unwrap().line, 6, "{e}");

    let e = json_err("{\n  \"id\": \"x\",\n  \"colour\": 1\n}\n");
    assert_eq!(
        e.kind(),
        &ErrorKind::UnknownField {
            field: "colour".into()
        }
    );
    assert_eq!(e.location().unwrap().line, 3, "{e}");
}

#[test]
fn json_duplicate_id_and_invalid_regex() {
    let e = json_err(&format!(
        "{JSON_HEAD}    {{\"id\": \"a\", \"label\": \"A\", \"phrases\": [\"alpha\"]}},\n    {{\"id\": \"a\", \"label\": \"B\", \"regex\": [\"(\"]}}\n  ]\n}}\n"
    ));
    let ErrorKind::DuplicateId { first, .. } = e.kind() else {
        panic!("{e:?}")
    };
    assert_eq!((first.line, first.column), (6, 12));
    assert_at(&e, 7, 12, Some("points[1].id"));
    snapshot("json_duplicate_id", &e);

    let e = json_err(&format!(
        "{JSON_HEAD}    {{\"id\": \"a\", \"label\": \"A\", \"regex\": [\"x\", \"(\"]}}\n  ]\n}}\n"
    ));
    assert!(matches!(e.kind(), ErrorKind::InvalidRegex { .. }), "{e:?}");
    assert_at(&e, 6, 46, Some("points[0].regex[1]"));
}

#[test]
fn json_wrong_type_and_missing_field() {
    let e = json_err("{\n  \"id\": \"x\",\n  \"title\": 7,\n  \"question\": \"Q\"\n}\n");
    assert!(matches!(e.kind(), ErrorKind::Syntax { .. }), "{e:?}");
    // At the value 7.
    assert_line_col(&e, 3, 12);
    snapshot("json_wrong_type", &e);

    let e = json_err("{\n  \"id\": \"x\",\n  \"title\": \"T\"\n}\n");
    assert_eq!(
        e.kind(),
        &ErrorKind::MissingField {
            field: "question".into()
        }
    );
}

// ── Files ───────────────────────────────────────────────────────────────────

fn temp_file(name: &str, contents: &[u8]) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("errors-rs");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

/// The error's Display with the temporary directory replaced, for snapshots.
fn redacted(e: &Error) -> String {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("errors-rs");
    e.to_string().replace(&dir.display().to_string(), "$TMP")
}

#[test]
fn from_path_missing_file() {
    let path =
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("errors-rs/no-such-rubric.toml");
    let _ = std::fs::remove_file(&path);
    let e = Rubric::from_path(&path).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Io { .. }), "{e:?}");
    let name = path.display().to_string();
    assert_eq!(e.location().unwrap().file.as_deref(), Some(name.as_str()));
    assert!(
        e.to_string()
            .starts_with(&format!("{name}: cannot read the rubric: ")),
        "{e}"
    );
}

#[test]
fn from_path_names_the_file() {
    let path = temp_file(
        "bad-weight.toml",
        format!("{HEAD}{POINT_A}weight = -1\n").as_bytes(),
    );
    let e = Rubric::from_path(&path).unwrap_err();
    let loc = e.location().unwrap();
    let name = path.display().to_string();
    assert_eq!(loc.file.as_deref(), Some(name.as_str()));
    assert_eq!(
        (loc.line, loc.column, loc.field.as_deref()),
        (8, 10, Some("points[0].weight"))
    );
    assert!(e.to_string().starts_with(&format!("{name}:8:10 ")), "{e}");
    insta::assert_snapshot!("from_path_invalid_weight", redacted(&e));

    // A syntax error: the file is named too.
    let path = temp_file("syntax.toml", b"id = \"x\"\ntitle = \n");
    let e = Rubric::from_path(&path).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Syntax { .. }), "{e:?}");
    assert_eq!(
        e.location().unwrap().file.as_deref(),
        Some(path.display().to_string().as_str())
    );
    insta::assert_snapshot!("from_path_syntax", redacted(&e));

    // Not UTF-8 in a file.
    let path = temp_file("latin1.toml", b"id = \"x\"\ntitle = \"caf\xe9\"\n");
    let e = Rubric::from_path(&path).unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::NotUtf8 { valid_up_to: 21 }),
        "{e:?}"
    );
    assert_eq!(
        e.location().unwrap().file.as_deref(),
        Some(path.display().to_string().as_str())
    );
    assert_eq!(
        (e.location().unwrap().line, e.location().unwrap().column),
        (2, 13)
    );

    // A duplicate id: both locations name the file.
    let path = temp_file("dup.toml", format!("{HEAD}{POINT_A}{POINT_A}").as_bytes());
    let e = Rubric::from_path(&path).unwrap_err();
    let ErrorKind::DuplicateId { first, .. } = e.kind() else {
        panic!("{e:?}")
    };
    assert_eq!(
        first.file.as_deref(),
        Some(path.display().to_string().as_str())
    );
    insta::assert_snapshot!("from_path_duplicate_id", redacted(&e));
}

#[test]
fn from_path_reads_json_by_extension() {
    let path = temp_file(
        "bad.json",
        format!("{JSON_HEAD}    {{\"id\": \"a\", \"label\": \"A\", \"phrases\": [\"alpha\"], \"weight\": 0}}\n  ]\n}}\n")
            .as_bytes(),
    );
    let e = Rubric::from_path(&path).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::InvalidWeight { .. }), "{e:?}");
    let loc = e.location().unwrap();
    assert_eq!((loc.line, loc.column), (6, 63));
    assert_eq!(
        loc.file.as_deref(),
        Some(path.display().to_string().as_str())
    );
}

#[test]
fn errors_are_values() {
    // Clone + PartialEq + std::error::Error.
    let e = toml_err(&format!("{HEAD}{POINT_A}weight = 0\n"));
    let copy = e.clone();
    assert_eq!(e, copy);
    let dynamic: &dyn std::error::Error = &e;
    assert_eq!(dynamic.to_string(), e.to_string());
}
