//! Folding one word to the form used for matching.
//!
//! Two steps, kept apart because stemmers want the accents that matching
//! ignores:
//! 1. [`lower_into`]: Unicode compatibility normalisation (NFKC: full-width
//!    letters, ligatures), lowercase, invisible format characters (zero-width
//!    joiners, direction marks, soft hyphens) dropped, typographic apostrophes
//!    made ASCII, and dots inside words dropped ("Node.js" = "nodejs").
//! 2. [`strip_marks_into`]: combining marks removed ("café" = "cafe").
//!
//! Folding works on one word at a time, so a token's byte offsets into the
//! original answer never change.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::UnicodeNormalization;

/// Appends the lowercase, NFKC-normalised form of `word` to `out`.
pub(crate) fn lower_into(word: &str, out: &mut String) {
    let start = out.len();
    if word.is_ascii() {
        out.push_str(word);
        out[start..].make_ascii_lowercase();
    } else {
        for c in word.nfkc() {
            let c = match c {
                '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{FF07}' => '\'',
                _ => c,
            };
            // A word can carry emoji joined by a zero-width joiner ("etag‍👩")
            // and invisible format characters; neither is part of the word.
            if is_invisible(c)
                || !(c.is_alphanumeric() || is_combining_mark(c) || "'._".contains(c))
            {
                continue;
            }
            out.extend(c.to_lowercase());
        }
    }
    drop_inner_dots(out, start);
}

/// Removes '.' between two letters in `out[start..]`: "node.js" → "nodejs",
/// "e.g" → "eg"; numbers such as "3.14" keep their dot.
fn drop_inner_dots(out: &mut String, start: usize) {
    let word = &out[start..];
    if !word.contains('.') {
        return;
    }
    if word.is_ascii() {
        // Bytes are characters: no need to decode.
        let b = word.as_bytes();
        let mut kept = String::with_capacity(b.len());
        for (i, &c) in b.iter().enumerate() {
            let between_letters = i > 0
                && i + 1 < b.len()
                && b[i - 1].is_ascii_alphabetic()
                && b[i + 1].is_ascii_alphabetic();
            if !(c == b'.' && between_letters) {
                kept.push(c as char);
            }
        }
        out.truncate(start);
        out.push_str(&kept);
        return;
    }
    let chars: Vec<char> = word.chars().collect();
    let mut kept = String::with_capacity(word.len());
    for (i, &c) in chars.iter().enumerate() {
        let between_letters = i > 0
            && i + 1 < chars.len()
            && chars[i - 1].is_alphabetic()
            && chars[i + 1].is_alphabetic();
        if c == '.' && between_letters {
            continue;
        }
        kept.push(c);
    }
    out.truncate(start);
    out.push_str(&kept);
}

/// Appends `word` without its combining marks to `out`.
pub(crate) fn strip_marks_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.push_str(word);
        return;
    }
    for c in word.chars() {
        decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                out.push(d);
            }
        });
    }
}

/// Characters that render as nothing and must not split or change a word.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FEFF}'
    )
}

/// A text in NFKC form, with the place in the original text that each of its
/// bytes comes from: the text that regular expressions see, so that "３０４"
/// matches `304` as the phrases' words do.
#[derive(Debug, Clone)]
pub(crate) struct Compatible {
    /// The NFKC form, grapheme cluster by grapheme cluster.
    pub text: String,
    /// For each byte of `text`, the byte range in the original text of the
    /// grapheme cluster it comes from.
    from: Vec<(u32, u32)>,
}

impl Compatible {
    /// The NFKC form of `text`, or `None` when it is plain ASCII (its own
    /// NFKC form). Offsets are 32-bit: texts are cut at
    /// [`MAX_TEXT_BYTES`](super::MAX_TEXT_BYTES) first.
    #[inline(never)]
    pub fn of(text: &str) -> Option<Compatible> {
        use unicode_segmentation::UnicodeSegmentation;
        if text.is_ascii() {
            return None;
        }
        let mut out = Compatible {
            text: String::with_capacity(text.len()),
            from: Vec::with_capacity(text.len()),
        };
        for (at, cluster) in text.grapheme_indices(true) {
            let range = (at as u32, (at + cluster.len()) as u32);
            if cluster.is_ascii() {
                out.text.push_str(cluster);
            } else {
                out.text.extend(cluster.nfkc());
            }
            out.from.resize(out.text.len(), range);
        }
        Some(out)
    }

    /// The original byte range of bytes `start..end` of the NFKC form
    /// (`start < end`): whole grapheme clusters of the original text.
    pub fn original(&self, start: usize, end: usize) -> (usize, usize) {
        (self.from[start].0 as usize, self.from[end - 1].1 as usize)
    }
}

/// The fully folded form of one word (lowercase, no marks), as a new string.
pub(crate) fn fold_word(word: &str) -> String {
    let mut lower = String::with_capacity(word.len());
    lower_into(word, &mut lower);
    let mut out = String::with_capacity(lower.len());
    strip_marks_into(&lower, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_width_ligatures_and_accents() {
        assert_eq!(fold_word("ＣＡＣＨＥ"), "cache");
        assert_eq!(fold_word("ﬁle"), "file");
        assert_eq!(fold_word("Café"), "cafe");
        assert_eq!(fold_word("cafe\u{301}"), "cafe");
        assert_eq!(fold_word("ÜBER"), "uber");
    }

    #[test]
    fn drops_invisible_characters_and_normalises_apostrophes() {
        assert_eq!(fold_word("in\u{200D}dex"), "index");
        assert_eq!(fold_word("\u{200F}index"), "index");
        assert_eq!(fold_word("doesn’t"), "doesn't");
    }

    #[test]
    fn drops_dots_between_letters_only() {
        assert_eq!(fold_word("Node.js"), "nodejs");
        assert_eq!(fold_word("3.14"), "3.14");
        assert_eq!(fold_word("v2.0"), "v2.0");
    }

    #[test]
    fn compatible_text_maps_back_to_whole_clusters() {
        assert!(Compatible::of("plain ascii").is_none());
        let text = "code ３０４ and ﬁle, cafe\u{301}!";
        let c = Compatible::of(text).unwrap();
        assert_eq!(c.text, "code 304 and file, café!");
        let at = c.text.find("304").unwrap();
        let (s, e) = c.original(at, at + 3);
        assert_eq!(&text[s..e], "３０４");
        let at = c.text.find("fi").unwrap();
        assert_eq!(c.original(at, at + 1), c.original(at + 1, at + 2));
        let (s, e) = c.original(at, at + 4);
        assert_eq!(&text[s..e], "ﬁle");
        let at = c.text.find("café").unwrap();
        let (s, e) = c.original(at, at + "café".len());
        assert_eq!(&text[s..e], "cafe\u{301}");
    }

    #[test]
    fn folding_is_idempotent() {
        for w in [
            "ＣＡＣＨＥ",
            "ﬁle",
            "Café",
            "doesn’t",
            "Node.js",
            "İstanbul",
            "ǅemal",
        ] {
            let once = fold_word(w);
            assert_eq!(fold_word(&once), once, "{w}");
        }
    }
}
