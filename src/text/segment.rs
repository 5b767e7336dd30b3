//! UAX #29 word and sentence boundaries, with a fast path for ASCII.
//!
//! Both functions give exactly what `unicode-segmentation` gives (the tests
//! below compare them on random and real texts), but most answers are ASCII,
//! and for ASCII the rules reduce to a few byte classes: no table search and
//! no UTF-8 decoding. Words: an ASCII run between ASCII spaces is segmented
//! by the ASCII rules; any other run is handed to `unicode-segmentation`
//! together with the space before it, which is all the context the word rules
//! look at. Sentences: the crate's own state machine, ported for ASCII texts
//! (with its look-ahead memoised, so it stays linear); other texts use the
//! crate.

use unicode_segmentation::UnicodeSegmentation;

/// What the segmenter knows about a word it found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// ASCII, with no '.' inside.
    Ascii,
    /// ASCII, with a '.' inside ("node.js", "3.14").
    AsciiDotted,
    /// Not (known to be) ASCII.
    Other,
}

/// Calls `f(start, word, kind)` for every UAX #29 word of `text` that holds
/// a letter or digit: the same words, in the same order, as
/// `text.unicode_word_indices()`.
pub(crate) fn for_each_word(text: &str, mut f: impl FnMut(usize, &str, Kind)) {
    if text.is_ascii() {
        ascii_words(text, 0, &mut f);
        return;
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if is_ascii_space(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut ascii = true;
        while i < bytes.len() && !is_ascii_space(bytes[i]) {
            ascii &= bytes[i] < 0x80;
            i += 1;
        }
        if ascii {
            ascii_words(&text[start..i], start, &mut f);
        } else {
            // The space before the run is its left context (rules WB3d, WB4).
            let from = start.saturating_sub(1);
            for (at, word) in text[from..i].unicode_word_indices() {
                f(from + at, word, Kind::Other);
            }
        }
    }
}

/// ASCII bytes that always separate words (UAX #29 WSegSpace, Newline, CR,
/// LF and the tab, which is "Other").
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// Word break classes of ASCII bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum W {
    Other,
    Letter,
    Digit,
    /// ':' (MidLetter)
    MidLetter,
    /// '.' (MidNumLet) and '\'' (Single_Quote)
    MidNumLetQ,
    /// ',' and ';' (MidNum)
    MidNum,
    /// '_' (ExtendNumLet)
    Connector,
}

const fn word_class(b: u8) -> W {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => W::Letter,
        b'0'..=b'9' => W::Digit,
        b':' => W::MidLetter,
        b'.' | b'\'' => W::MidNumLetQ,
        b',' | b';' => W::MidNum,
        b'_' => W::Connector,
        _ => W::Other,
    }
}

static WORD_CLASS: [W; 128] = {
    let mut t = [W::Other; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = word_class(i as u8);
        i += 1;
    }
    t
};

/// Whether UAX #29 keeps bytes `i - 1` and `i` of an ASCII text in one
/// word (rules WB5 to WB13b; ASCII has no Extend, Format or Katakana).
#[cfg(test)]
fn joins(b: &[u8], i: usize) -> bool {
    use W::*;
    let class = |k: usize| WORD_CLASS[b[k] as usize];
    let next_is = |w: W| i + 1 < b.len() && class(i + 1) == w;
    let before_is = |w: W| i >= 2 && class(i - 2) == w;
    match (class(i - 1), class(i)) {
        (Letter | Digit, Letter | Digit) => true,
        (Letter | Digit | Connector, Connector) | (Connector, Letter | Digit) => true,
        (Letter, MidLetter | MidNumLetQ) => next_is(Letter),
        (MidLetter | MidNumLetQ, Letter) => before_is(Letter),
        (Digit, MidNum | MidNumLetQ) => next_is(Digit),
        (MidNum | MidNumLetQ, Digit) => before_is(Digit),
        _ => false,
    }
}

/// Letters, digits and '_': any two of them side by side are one word.
static WORDISH: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 128 {
        t[i] = matches!(word_class(i as u8), W::Letter | W::Digit | W::Connector);
        i += 1;
    }
    t
};

/// Whether the punctuation `mid` joins `before` and `after` into one word:
/// "e.g", "can't", "a:b" between letters (WB6, WB7), "3.14", "1,000"
/// between digits (WB11, WB12).
#[inline]
fn mid_joins(before: u8, mid: u8, after: u8) -> bool {
    match (
        WORD_CLASS[before as usize & 127],
        WORD_CLASS[after as usize & 127],
    ) {
        (W::Letter, W::Letter) => matches!(mid, b':' | b'.' | b'\''),
        (W::Digit, W::Digit) => matches!(mid, b',' | b';' | b'.' | b'\''),
        _ => false,
    }
}

/// The words of an ASCII text, offset by `offset`.
fn ascii_words(text: &str, offset: usize, f: &mut impl FnMut(usize, &str, Kind)) {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        // Only letters, digits and '_' can start a segment holding a word.
        if !WORDISH[b[i] as usize] {
            i += 1;
            continue;
        }
        let start = i;
        let mut dotted = false;
        i += 1;
        loop {
            while i < n && WORDISH[b[i] as usize] {
                i += 1;
            }
            if i + 1 < n && mid_joins(b[i - 1], b[i], b[i + 1]) {
                dotted |= b[i] == b'.';
                i += 2;
            } else {
                break;
            }
        }
        if b[start] != b'_' || b[start..i].iter().any(u8::is_ascii_alphanumeric) {
            let kind = if dotted {
                Kind::AsciiDotted
            } else {
                Kind::Ascii
            };
            f(offset + start, &text[start..i], kind);
        }
    }
}

#[cfg(test)]
/// The words of an ASCII text by the pairwise rules: the reference for
/// [`ascii_words`].
fn ascii_words_pairwise(text: &str) -> Vec<(usize, String)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !WORDISH[b[i] as usize] {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < b.len() && joins(b, i) {
            i += 1;
        }
        if b[start..i].iter().any(u8::is_ascii_alphanumeric) {
            out.push((start, text[start..i].to_string()));
        }
    }
    out
}

/// Byte offsets where sentences end: the ends of the segments of
/// `text.split_sentence_bound_indices()`.
pub(crate) fn sentence_ends(text: &str) -> Vec<usize> {
    if text.is_ascii() {
        ascii_sentence_ends(text.as_bytes())
    } else {
        text.split_sentence_bound_indices()
            .map(|(start, s)| start + s.len())
            .collect()
    }
}

/// Sentence break classes of ASCII bytes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Sc {
    Any,
    Cr,
    Lf,
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
}

const fn sentence_class(b: u8) -> Sc {
    match b {
        b'\r' => Sc::Cr,
        b'\n' => Sc::Lf,
        b'\t' | 0x0B | 0x0C | b' ' => Sc::Sp,
        b'a'..=b'z' => Sc::Lower,
        b'A'..=b'Z' => Sc::Upper,
        b'0'..=b'9' => Sc::Numeric,
        b'.' => Sc::ATerm,
        b'!' | b'?' => Sc::STerm,
        b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Sc::Close,
        b',' | b'-' | b':' | b';' => Sc::SContinue,
        _ => Sc::Any,
    }
}

static SENTENCE_CLASS: [Sc; 128] = {
    let mut t = [Sc::Any; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = sentence_class(i as u8);
        i += 1;
    }
    t
};

/// The parts of `unicode-segmentation`'s sentence state.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Part {
    Sot,
    Other,
    Cr,
    Lf,
    ATerm,
    UpperLower,
    ClosePlus,
    SpPlus,
    STerm,
}

/// The crate's sentence state machine (`sentence::fwd`), for ASCII bytes.
fn ascii_sentence_ends(b: &[u8]) -> Vec<usize> {
    use Part::*;
    let mut ends = Vec::with_capacity(b.len() / 64 + 1);
    let mut state = [Sot; 4];
    // Memo of the SB8 look-ahead: up to `sb8_until` the answer is `sb8_lower`.
    let (mut sb8_until, mut sb8_lower) = (0usize, false);
    let terminal = |p: Part| p == STerm || p == ATerm;
    let mut pos = 0;
    while pos < b.len() {
        // Away from terminators and line breaks no rule can break: jump to
        // the next one. Of the parts skipped, only the last can matter (SB7
        // looks at the part before a full stop); the others are neither
        // terminators nor line breaks, which is all any rule asks of them.
        if before_is_quiet(&state) {
            match first_loud(&b[pos..]) {
                None => break,
                Some(0) => {}
                Some(skip) => {
                    pos += skip;
                    state = [
                        Other,
                        Other,
                        Other,
                        part_of(SENTENCE_CLASS[b[pos - 1] as usize]),
                    ];
                }
            }
        }
        let at = pos;
        pos += 1;
        let before = state;
        let cat = SENTENCE_CLASS[b[at] as usize];
        state = match (before[3], cat) {
            (ClosePlus, Sc::Close) | (SpPlus, Sc::Sp) => before,
            _ => [before[1], before[2], before[3], part_of(cat)],
        };
        if before[3] == Sot {
            // The start of the text: not a sentence end.
            continue;
        }
        if cat == Sc::Lf && before[3] == Cr {
            continue;
        }
        if matches!(before[3], Cr | Lf) {
            ends.push(at);
            continue;
        }
        if cat == Sc::Numeric && before[3] == ATerm {
            continue;
        }
        if cat == Sc::Upper && before[2] == UpperLower && before[3] == ATerm {
            continue;
        }
        // SB8 and SB8a look past Sp+ and Close+ at what ended the sentence.
        let mut idx = if before[3] == SpPlus { 2 } else { 3 };
        if before[idx] == ClosePlus {
            idx -= 1;
        }
        if before[idx] == ATerm {
            if at >= sb8_until {
                let (until, lower) = sb8_ahead(b, at);
                sb8_until = until;
                sb8_lower = lower;
            }
            if sb8_lower {
                continue;
            }
        }
        let sb8a = terminal(before[idx]);
        if matches!(cat, Sc::SContinue | Sc::STerm | Sc::ATerm) && sb8a {
            continue;
        }
        let sb9 = terminal(before[if before[3] == ClosePlus { 2 } else { 3 }]);
        if matches!(cat, Sc::Close | Sc::Sp | Sc::Cr | Sc::Lf) && sb9 {
            continue;
        }
        if matches!(cat, Sc::Sp | Sc::Cr | Sc::Lf) && sb8a {
            continue;
        }
        let mut idx = 3;
        if before[idx] == SpPlus {
            idx -= 1;
        }
        if before[idx] == ClosePlus {
            idx -= 1;
        }
        if terminal(before[idx]) {
            ends.push(at);
        }
    }
    if !b.is_empty() {
        ends.push(b.len());
    }
    ends
}

/// The state part a byte class pushes.
fn part_of(cat: Sc) -> Part {
    match cat {
        Sc::Cr => Part::Cr,
        Sc::Lf => Part::Lf,
        Sc::ATerm => Part::ATerm,
        Sc::Upper | Sc::Lower => Part::UpperLower,
        Sc::Close => Part::ClosePlus,
        Sc::Sp => Part::SpPlus,
        Sc::STerm => Part::STerm,
        _ => Part::Other,
    }
}

/// Bytes that end sentences or lines.
static IS_LOUD: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[b'\r' as usize] = true;
    t[b'\n' as usize] = true;
    t
};

/// The offset of the first byte of `b` that ends sentences or lines (see
/// [`IS_LOUD`]), looked for eight bytes at a time.
fn first_loud(b: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte of `x` equal to `c`; bytes above the first
    // such byte may be marked wrongly, the first one never is.
    let equal = |x: u64, c: u8| {
        let y = x ^ (ONES * c as u64);
        y.wrapping_sub(ONES) & !y & HIGH
    };
    let mut chunks = b.chunks_exact(8);
    let mut at = 0;
    for c in &mut chunks {
        let x = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        let found =
            equal(x, b'.') | equal(x, b'!') | equal(x, b'?') | equal(x, b'\r') | equal(x, b'\n');
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&x| IS_LOUD[x as usize])
        .map(|p| at + p)
}

/// Whether the text has started and no part of `state` is a terminator or a
/// line break:
/// then no rule can break before any byte but a terminator or line break.
fn before_is_quiet(state: &[Part; 4]) -> bool {
    state[3] != Part::Sot
        && state
            .iter()
            .all(|p| !matches!(p, Part::ATerm | Part::STerm | Part::Cr | Part::Lf))
}

/// The SB8 look-ahead from `pos`: whether the first letter, terminator or
/// line break is a lowercase letter. Returns the position up to which the
/// answer holds (the deciding byte, or the end) and the answer.
fn sb8_ahead(b: &[u8], pos: usize) -> (usize, bool) {
    for (k, &byte) in b.iter().enumerate().skip(pos) {
        match SENTENCE_CLASS[byte as usize] {
            Sc::Lower => return (k + 1, true),
            Sc::Upper | Sc::Cr | Sc::Lf | Sc::STerm | Sc::ATerm => return (k + 1, false),
            _ => {}
        }
    }
    (b.len() + 1, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for_each_word(text, |at, w, kind| {
            let dotted = w.contains('.');
            match kind {
                Kind::Ascii => assert!(w.is_ascii() && !dotted, "{w:?}"),
                Kind::AsciiDotted => assert!(w.is_ascii() && dotted, "{w:?}"),
                Kind::Other => {}
            }
            out.push((at, w.to_string()))
        });
        out
    }

    fn reference_words(text: &str) -> Vec<(usize, String)> {
        text.unicode_word_indices()
            .map(|(at, w)| (at, w.to_string()))
            .collect()
    }

    fn reference_ends(text: &str) -> Vec<usize> {
        text.split_sentence_bound_indices()
            .map(|(start, s)| start + s.len())
            .collect()
    }

    fn check(text: &str) {
        assert_eq!(words(text), reference_words(text), "words of {text:?}");
        if text.is_ascii() {
            assert_eq!(words(text), ascii_words_pairwise(text), "{text:?}");
        }
        assert_eq!(
            sentence_ends(text),
            reference_ends(text),
            "sentences of {text:?}"
        );
        if text.is_ascii() {
            // The ASCII port, also where `sentence_ends` would not pick it.
            assert_eq!(
                ascii_sentence_ends(text.as_bytes()),
                reference_ends(text),
                "{text:?}"
            );
        }
    }

    /// A small deterministic generator (xorshift).
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    const PIECES: &[&str] = &[
        "a",
        "b",
        "Z",
        "Q",
        "1",
        "7",
        " ",
        " ",
        "  ",
        ".",
        ".",
        ",",
        ";",
        ":",
        "'",
        "\"",
        "-",
        "_",
        "!",
        "?",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "\n",
        "\r",
        "\r\n",
        "\t",
        "\u{b}",
        "\u{c}",
        "/",
        "*",
        "e.g.",
        "U.S.",
        "Mr. Smith",
        "3.14",
        "v2.0",
        "can't",
        "node.js",
        "a_b",
        "x:y",
        "é",
        "\u{301}",
        "\u{200d}",
        "\u{ad}",
        "’",
        "—",
        "ﬁ",
        "Ａ",
        "🚀",
        "中文",
        "ß",
        "İ",
        "\u{85}",
        "\u{2028}",
        "\u{2029}",
        "\u{a0}",
        "\u{3002}",
        "\u{ff0e}",
        "«",
        "»",
        "\u{1f1e6}",
        "\u{1f1e8}",
        "・",
        "カタカナ",
        "א",
        "\u{5f3}",
        "٣",
    ];

    #[test]
    fn random_texts_segment_like_unicode_segmentation() {
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        for round in 0..40_000 {
            let n = 1 + rng.below(24);
            let ascii_only = round % 2 == 0;
            let text: String = (0..n)
                .map(|_| loop {
                    let p = PIECES[rng.below(PIECES.len())];
                    if !ascii_only || p.is_ascii() {
                        break p;
                    }
                })
                .collect();
            check(&text);
        }
    }

    #[test]
    fn every_short_ascii_string_segments_like_unicode_segmentation() {
        // All strings of up to four bytes over the bytes whose classes differ.
        let alphabet = b"aZ1 .,:'\"_!?)\n\r\t-x";
        let mut text = Vec::new();
        fn rec(alphabet: &[u8], text: &mut Vec<u8>, left: usize) {
            check(std::str::from_utf8(text).unwrap());
            if left == 0 {
                return;
            }
            for &b in alphabet {
                text.push(b);
                rec(alphabet, text, left - 1);
                text.pop();
            }
        }
        rec(alphabet, &mut text, 4);
    }

    #[test]
    fn real_texts_segment_like_unicode_segmentation() {
        let texts = [
            "Synchronous code blocks the thread. Async code doesn't! Does it? (Yes.) \"Quoted.\" next",
            "e.g. the cache; i.e. Redis... Mr. Smith went to Washington. 3.5 s vs. 4 ms.\n\nNew para",
            "A cache keeps a copy of data.  It is fast.\r\nIt's   also\tcheap. etc. and more",
            "Naïve café — “smart quotes” don’t break it. ＡＰＩ ﬁle. Next sentence.",
            "a.b.c 1.2.3 a:b x_y _z __ 9_ 'quoted' don't 'tis rock'n'roll",
        ];
        for t in texts {
            check(t);
        }
    }

    #[test]
    fn loud_bytes_are_found_where_a_byte_by_byte_search_finds_them() {
        let alphabet = b"a.!?\r\n -\x7f";
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let n = rng.below(40);
            let text: Vec<u8> = (0..n)
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect();
            for from in 0..=text.len() {
                let b = &text[from..];
                assert_eq!(
                    first_loud(b),
                    b.iter().position(|&x| IS_LOUD[x as usize]),
                    "{b:?}"
                );
            }
        }
    }

    #[test]
    fn long_runs_of_spaces_after_a_full_stop_stay_linear() {
        // The crate looks ahead from every space: quadratic here.
        let mut text = String::from("It ends here.");
        text.push_str(&" ".repeat(200_000));
        text.push_str("Next");
        let started = std::time::Instant::now();
        let ends = sentence_ends(&text);
        assert_eq!(ends, [text.len() - 4, text.len()]);
        assert!(started.elapsed().as_secs() < 2);
    }
}
