//! The text pipeline: words with their byte offsets, sentences, clauses,
//! folded forms and stems.
//!
//! Words are UAX #29 word segments that contain a letter or digit. Each
//! [`Token`] keeps the byte range of its source in the original text; folding
//! and stemming write to a side buffer and never move those offsets, so every
//! match can be shown exactly where it was found.

pub(crate) mod hash;
pub(crate) mod normalize;
mod segment;
pub(crate) mod stem;

use std::ops::Range;

use crate::language::{Language, WordLists};

use self::stem::StemCache;

/// Longest text analysed, in bytes: longer texts are cut there (at a
/// character boundary). It keeps every offset, and the folded forms of all
/// words, within 32 bits.
pub(crate) const MAX_TEXT_BYTES: usize = 64 << 20;

/// `text`, cut to [`MAX_TEXT_BYTES`].
pub(crate) fn bounded(text: &str) -> &str {
    truncate(text, MAX_TEXT_BYTES)
}

/// One word of a text. A text has one per word, so it is kept small.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// Byte offset of the word's first byte in the original text.
    pub start: u32,
    /// Byte offset just past the word in the original text.
    pub end: u32,
    /// Index of the sentence (or line) the word is in.
    pub sentence: u32,
    /// Index of the clause the word is in; clauses end at punctuation,
    /// sentence ends and clause-starting conjunctions.
    pub clause: u32,
    /// Where the folded form starts in [`Tokens::buf`]; the folded stem
    /// follows it.
    at: u32,
    folded_len: u16,
    stem_len: u16,
    /// The word is joined to the next one by a hyphen ("three-way").
    pub hyphen_next: bool,
}

impl Token {
    /// The word's byte range in the original text.
    pub fn bytes(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// The words of a text, with their folded forms and stems.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tokens {
    pub tokens: Vec<Token>,
    buf: String,
}

impl Tokens {
    /// The folded form of token `i`.
    pub fn folded(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        let at = t.at as usize;
        &self.buf[at..at + t.folded_len as usize]
    }

    /// The folded stem of token `i`.
    pub fn stem(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        let at = t.at as usize + t.folded_len as usize;
        &self.buf[at..at + t.stem_len as usize]
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Empties the tokens, keeping the memory for the next text.
    pub fn clear(&mut self) {
        self.tokens.clear();
        self.buf.clear();
    }

    /// Bytes of memory held.
    pub fn bytes(&self) -> usize {
        self.tokens.capacity() * std::mem::size_of::<Token>() + self.buf.capacity()
    }
}

/// Turns text into [`Tokens`] for one language.
pub(crate) struct Analyzer {
    language: Language,
    stemmer: rust_stemmers::Stemmer,
    pub lists: WordLists,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("language", &self.language)
            .finish()
    }
}

/// Upper bound on the size of one word, in bytes. Longer "words" (a base64
/// blob, a run of one letter) are cut to this length for folding and
/// stemming, which keeps their cost bounded; their offsets are unchanged.
const MAX_WORD_BYTES: usize = 64;

impl Analyzer {
    pub fn new(language: Language) -> Analyzer {
        Analyzer {
            language,
            stemmer: rust_stemmers::Stemmer::create(language.algorithm()),
            lists: WordLists::new(language),
        }
    }

    /// Splits `text` into tokens, folding and stemming each word.
    pub fn tokenize(&self, text: &str) -> Tokens {
        let mut out = Tokens::default();
        self.tokenize_into(text, &mut out);
        out
    }

    /// [`Analyzer::tokenize`] into `out`, reusing its memory.
    pub fn tokenize_into(&self, text: &str, out: &mut Tokens) {
        StemCache::with(|cache| {
            self.scan_inner(text, out, Some(cache), |_, folded| {
                self.lists.clause_breakers.contains(folded)
            })
        })
    }

    /// Splits `text` into tokens and folds each word, without stems
    /// ([`Tokens::stem`] is empty). `visit(lower, folded)` sees every word
    /// in order, before it becomes a token: `lower` is the NFKC-normalised
    /// lowercase form that stemmers take, `folded` the form without marks.
    /// It returns whether the word starts a new clause (a clause breaker).
    /// The tokens go to `out` (cleared first), reusing its memory.
    pub fn scan_into(&self, text: &str, out: &mut Tokens, visit: impl FnMut(&str, &str) -> bool) {
        self.scan_inner(text, out, None, visit)
    }

    fn scan_inner(
        &self,
        text: &str,
        out: &mut Tokens,
        mut stems: Option<&mut StemCache>,
        mut visit: impl FnMut(&str, &str) -> bool,
    ) {
        let text = bounded(text);
        out.clear();
        // Some six bytes a word in prose; five leaves room.
        out.tokens.reserve(text.len() / 5 + 1);
        out.buf.reserve(text.len() + text.len() / 2);
        let sentence_ends = segment::sentence_ends(text);
        let mut sentence = 0usize;
        let mut clause = 0u32;
        let mut prev_end: Option<usize> = None;
        let mut lower = String::with_capacity(MAX_WORD_BYTES * 2);
        segment::for_each_word(text, |start, word, kind| {
            let end = start + word.len();
            while sentence < sentence_ends.len() && sentence_ends[sentence] <= start {
                sentence += 1;
            }
            let word = truncate(word, MAX_WORD_BYTES);
            let folded_start = out.buf.len() as u32;
            // An ASCII word has no marks: its lowercase form is its folded one.
            let ascii = kind != segment::Kind::Other || word.is_ascii();
            if kind == segment::Kind::Ascii {
                // No dot to drop (the segmenter saw none).
                out.buf.push_str(word);
                // Most words are lowercase already: looking costs less than
                // rewriting.
                if has_ascii_capital(word.as_bytes()) {
                    out.buf[folded_start as usize..].make_ascii_lowercase();
                }
            } else if ascii {
                normalize::lower_into(word, &mut out.buf);
            } else {
                lower.clear();
                normalize::lower_into(word, &mut lower);
                normalize::strip_marks_into(&lower, &mut out.buf);
            }
            let folded = folded_start..out.buf.len() as u32;
            let range = |r: &Range<u32>| r.start as usize..r.end as usize;
            if (ascii && folded.is_empty()) || (!ascii && lower.is_empty()) {
                out.buf.truncate(folded_start as usize);
                return;
            }
            let stem_start = out.buf.len() as u32;
            if let Some(cache) = stems.as_deref_mut() {
                let lowercase = if ascii {
                    &out.buf[range(&folded)]
                } else {
                    &lower
                };
                let stemmed = cache.stem(&self.stemmer, self.language, lowercase);
                out.buf.push_str(stemmed);
            }
            let stem = stem_start..out.buf.len() as u32;

            if let Some(prev) = prev_end {
                let gap = &text[prev..start];
                let new_sentence = out
                    .tokens
                    .last()
                    .is_some_and(|t: &Token| t.sentence != sentence as u32);
                // A single space, the usual gap, neither ends a clause nor joins.
                let space = gap.len() == 1 && gap.as_bytes()[0] == b' ';
                let punctuated = if space {
                    false
                } else if gap.is_ascii() {
                    gap.bytes().any(|b| is_clause_punctuation(b as char))
                } else {
                    gap.chars().any(is_clause_punctuation)
                };
                if new_sentence || punctuated {
                    clause += 1;
                } else if !space && is_hyphen(gap) {
                    if let Some(last) = out.tokens.last_mut() {
                        last.hyphen_next = true;
                    }
                }
            }
            let folded_str = &out.buf[range(&folded)];
            let lowercase = if ascii { folded_str } else { &lower };
            if visit(lowercase, folded_str) && out.tokens.last().is_some_and(|t| t.clause == clause)
            {
                clause += 1;
            }
            // Words are cut to MAX_WORD_BYTES and texts to MAX_TEXT_BYTES,
            // so every length and offset fits.
            out.tokens.push(Token {
                start: start as u32,
                end: end as u32,
                sentence: sentence as u32,
                clause,
                at: folded.start,
                folded_len: u16::try_from(folded.len()).unwrap_or(u16::MAX),
                stem_len: u16::try_from(stem.len()).unwrap_or(u16::MAX),
                hyphen_next: false,
            });
            prev_end = Some(end);
        });
    }

    /// The folded stem of one word.
    pub fn stem_word(&self, folded: &str) -> String {
        stem::stem_now(&self.stemmer, folded)
    }

    /// The folded stem of one word, through this thread's memo.
    pub fn stem_cached<'c>(&self, cache: &'c mut StemCache, word: &str) -> &'c str {
        cache.stem(&self.stemmer, self.language, word)
    }
}

/// The text pipeline alone, for the benchmarks' floor: English words and
/// sentences, folded and stemmed, with no matching. Returns the word count.
/// Like scoring, it reuses this thread's buffers.
pub(crate) fn floor(text: &str) -> usize {
    static ANALYZER: std::sync::OnceLock<Analyzer> = std::sync::OnceLock::new();
    thread_local! {
        static TOKENS: std::cell::RefCell<Tokens> = std::cell::RefCell::new(Tokens::default());
    }
    let analyzer = ANALYZER.get_or_init(|| Analyzer::new(Language::English));
    TOKENS.with(|t| {
        let mut tokens = t.borrow_mut();
        analyzer.tokenize_into(text, &mut tokens);
        tokens.len()
    })
}

#[inline]
fn truncate(word: &str, max: usize) -> &str {
    if word.len() <= max {
        return word;
    }
    let mut end = max;
    while !word.is_char_boundary(end) {
        end -= 1;
    }
    &word[..end]
}

/// Whether an ASCII word holds a capital letter, looked for eight bytes at
/// a time (reads that overlap cover the bytes left over).
#[inline]
fn has_ascii_capital(word: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // For bytes below 0x80, adding 0x80 - c sets a byte's high bit exactly
    // when the byte is at least c, and never carries into the next byte.
    let capitals = |x: u64| {
        let from_a = x.wrapping_add(ONES * (0x80 - b'A' as u64));
        let past_z = x.wrapping_add(ONES * (0x80 - b'Z' as u64 - 1));
        from_a & !past_z & (ONES * 0x80) != 0
    };
    let n = word.len();
    let u64_at = |at: usize| {
        let c = &word[at..at + 8];
        u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]])
    };
    let u32_at =
        |at: usize| u32::from_le_bytes([word[at], word[at + 1], word[at + 2], word[at + 3]]) as u64;
    if n >= 8 {
        (0..n / 8).any(|k| capitals(u64_at(8 * k))) || capitals(u64_at(n - 8))
    } else if n >= 4 {
        capitals(u32_at(0) | u32_at(n - 4) << 32)
    } else {
        word.iter().any(u8::is_ascii_uppercase)
    }
}

fn is_clause_punctuation(c: char) -> bool {
    matches!(
        c,
        ',' | ';'
            | ':'
            | '('
            | ')'
            | '['
            | ']'
            | '—'
            | '–'
            | '.'
            | '!'
            | '?'
            | '\n'
            | '"'
            | '“'
            | '”'
            | '•'
            | '、'
            | '。'
            | '，'
            | '；'
    )
}

fn is_hyphen(gap: &str) -> bool {
    matches!(gap, "-" | "\u{2010}" | "\u{2011}" | "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let a = Analyzer::new(Language::English);
        let t = a.tokenize(text);
        (0..t.len()).map(|i| t.folded(i).to_string()).collect()
    }

    #[test]
    fn splits_hyphens_and_keeps_numbers() {
        assert_eq!(
            words("Three-way handshake: SYN-ACK in 3.5 s"),
            ["three", "way", "handshake", "syn", "ack", "in", "3.5", "s"]
        );
    }

    #[test]
    fn offsets_slice_the_original_text() {
        let text = "Ünïcödé 🚀 naïve ＡＰＩ caches";
        let a = Analyzer::new(Language::English);
        let t = a.tokenize(text);
        let sources: Vec<&str> = t.tokens.iter().map(|k| &text[k.bytes()]).collect();
        assert_eq!(sources, ["Ünïcödé", "naïve", "ＡＰＩ", "caches"]);
        assert_eq!(t.folded(2), "api");
        assert_eq!(t.stem(3), "cach");
    }

    #[test]
    fn marks_hyphen_joins() {
        let a = Analyzer::new(Language::English);
        let t = a.tokenize("e-commerce and e - commerce");
        assert!(t.tokens[0].hyphen_next);
        assert!(!t.tokens[3].hyphen_next);
    }

    #[test]
    fn sentences_and_clauses() {
        let a = Analyzer::new(Language::English);
        let t = a.tokenize("It does not block, it runs. Next one\nnew line but more");
        let s: Vec<u32> = t.tokens.iter().map(|k| k.sentence).collect();
        assert_eq!(s, [0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 2, 2]);
        let c: Vec<u32> = t.tokens.iter().map(|k| k.clause).collect();
        assert_eq!(c, [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    }

    #[test]
    fn capitals_are_found_in_ascii_words_of_every_length() {
        for n in 0..40 {
            for byte in 0..128u8 {
                for at in 0..n {
                    let mut word = vec![b'a'; n];
                    word[at] = byte;
                    assert_eq!(
                        has_ascii_capital(&word),
                        byte.is_ascii_uppercase(),
                        "{word:?}"
                    );
                }
            }
            assert!(!has_ascii_capital(&vec![b'z'; n]));
        }
    }

    #[test]
    fn empty_and_punctuation_only_texts_have_no_tokens() {
        let a = Analyzer::new(Language::English);
        assert_eq!(a.tokenize("").len(), 0);
        assert_eq!(a.tokenize("?!… --- 🚀\u{200D}🚀").len(), 0);
    }

    #[test]
    fn texts_are_cut_at_a_character_boundary_below_the_limit() {
        assert_eq!(bounded("short"), "short");
        // Two-byte characters across the limit: the cut falls between them.
        let text = format!("x{}", "é".repeat(MAX_TEXT_BYTES / 2 + 3));
        let cut = bounded(&text);
        assert_eq!(cut.len(), MAX_TEXT_BYTES - 1);
        let a = Analyzer::new(Language::English);
        let tokens = a.tokenize(&text);
        assert_eq!(tokens.len(), 1);
        assert_eq!(tokens.tokens[0].end as usize, MAX_TEXT_BYTES - 1);
    }

    #[test]
    fn long_words_are_cut_for_folding_but_keep_offsets() {
        let a = Analyzer::new(Language::English);
        let text = "x".repeat(10_000);
        let t = a.tokenize(&text);
        assert_eq!(t.len(), 1);
        assert_eq!((t.tokens[0].start, t.tokens[0].end), (0, 10_000));
        assert_eq!(t.folded(0).len(), MAX_WORD_BYTES);
    }
}
