//! The built-in rubrics: fifteen common backend interview questions.
//!
//! The rubric files under `rubrics/` are embedded in the library, so these
//! work with no files on disk. They follow the article "15 Backend interview
//! questions and answers" (Unlocking tech talent stories, 2023): every key
//! point of its answers, plus the points an experienced interviewer also
//! expects, the phrasings candidates use, and misconceptions that cost points.
//!
//! ```
//! let rubric = answer_rubric::builtin::get("caching").unwrap();
//! assert_eq!(rubric.number(), Some(6));
//! assert_eq!(answer_rubric::builtin::get("6").unwrap().id(), "caching");
//! assert_eq!(answer_rubric::builtin::all().len(), 15);
//! ```

use std::sync::OnceLock;

use crate::rubric::Rubric;

/// The rubric files, in the article's order: (file name, TOML text).
pub const SOURCES: [(&str, &str); 15] = [
    (
        "01-sync-async.toml",
        include_str!("../rubrics/01-sync-async.toml"),
    ),
    (
        "02-web-server.toml",
        include_str!("../rubrics/02-web-server.toml"),
    ),
    (
        "03-rest-api.toml",
        include_str!("../rubrics/03-rest-api.toml"),
    ),
    (
        "04-database-index.toml",
        include_str!("../rubrics/04-database-index.toml"),
    ),
    (
        "05-authn-authz.toml",
        include_str!("../rubrics/05-authn-authz.toml"),
    ),
    (
        "06-caching.toml",
        include_str!("../rubrics/06-caching.toml"),
    ),
    (
        "07-slow-query.toml",
        include_str!("../rubrics/07-slow-query.toml"),
    ),
    (
        "08-scalability.toml",
        include_str!("../rubrics/08-scalability.toml"),
    ),
    (
        "09-web-security.toml",
        include_str!("../rubrics/09-web-security.toml"),
    ),
    (
        "10-version-control.toml",
        include_str!("../rubrics/10-version-control.toml"),
    ),
    (
        "11-message-broker.toml",
        include_str!("../rubrics/11-message-broker.toml"),
    ),
    (
        "12-error-logging.toml",
        include_str!("../rubrics/12-error-logging.toml"),
    ),
    (
        "13-sql-nosql.toml",
        include_str!("../rubrics/13-sql-nosql.toml"),
    ),
    ("14-cloud.toml", include_str!("../rubrics/14-cloud.toml")),
    (
        "15-microservices.toml",
        include_str!("../rubrics/15-microservices.toml"),
    ),
];

/// All built-in rubrics, compiled on first use, in the article's order.
///
/// A rubric file that failed to compile would be left out; the test suite
/// checks that all fifteen compile.
pub fn all() -> &'static [Rubric] {
    static ALL: OnceLock<Vec<Rubric>> = OnceLock::new();
    ALL.get_or_init(|| {
        SOURCES
            .iter()
            .filter_map(|(_, src)| Rubric::from_toml(src).ok())
            .collect()
    })
}

/// A built-in rubric by number (`"6"`) or slug (`"caching"`).
pub fn get(key: &str) -> Option<&'static Rubric> {
    let key = key.trim();
    match key.parse::<u32>() {
        Ok(n) => all().iter().find(|r| r.number() == Some(n)),
        Err(_) => all().iter().find(|r| r.id().eq_ignore_ascii_case(key)),
    }
}
