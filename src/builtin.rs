//! The built-in rubrics: fifteen common backend interview questions.
