//! Hashers for the word maps of the hot path.
//!
//! [`FxBuild`] is the multiply-rotate hash of rustc (FxHash): a few cycles for
//! a short word, against some twenty nanoseconds for the standard SipHash. It
//! is not resistant to crafted collisions, so it is used only for maps whose
//! keys are fixed when a rubric is compiled (answers only look words up in
//! them, which cannot lengthen a probe sequence). Maps that answers insert
//! into use [`SeededBuild`], keyed at random per thread.

use std::hash::{BuildHasher, Hasher};

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// FxHash, as a `BuildHasher` for maps with fixed keys.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct FxBuild;

/// The FxHash state.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // The low bits pick the bucket: fold the well-mixed high bits in.
        self.hash ^ (self.hash >> 29)
    }
}

impl BuildHasher for FxBuild {
    type Hasher = FxHasher;

    #[inline]
    fn build_hasher(&self) -> FxHasher {
        FxHasher::default()
    }
}

/// xxh3 with a random per-thread seed, for maps that answers insert into.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SeededBuild {
    seed: u64,
}

impl SeededBuild {
    /// A hasher with a fresh random seed.
    pub(crate) fn new() -> SeededBuild {
        let seed = std::collections::hash_map::RandomState::new().hash_one(0x5eed_u64);
        SeededBuild { seed }
    }
}

/// The state of [`SeededBuild`]: xxh3 of each written slice, chained.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SeededHasher {
    hash: u64,
}

impl Hasher for SeededHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        self.hash = xxhash_rust::xxh3::xxh3_64_with_seed(bytes, self.hash);
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.hash = (self.hash ^ i as u64).wrapping_mul(SEED).rotate_left(23);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

impl BuildHasher for SeededBuild {
    type Hasher = SeededHasher;

    #[inline]
    fn build_hasher(&self) -> SeededHasher {
        SeededHasher { hash: self.seed }
    }
}

/// The first bytes of `key` in one number: for a key of at most 8 bytes
/// the number and the length together tell the key exactly (two reads that
/// may overlap cover all of its bytes); for a longer key, its first 8 bytes.
#[inline]
fn packed(key: &[u8]) -> u64 {
    let n = key.len();
    let u32_at = |at: usize| u32::from_le_bytes([key[at], key[at + 1], key[at + 2], key[at + 3]]);
    if n >= 8 {
        u64::from_le_bytes([
            key[0], key[1], key[2], key[3], key[4], key[5], key[6], key[7],
        ])
    } else if n >= 4 {
        u32_at(0) as u64 | (u32_at(n - 4) as u64) << 32
    } else if n > 0 {
        key[0] as u64 | (key[n / 2] as u64) << 8 | (key[n - 1] as u64) << 16
    } else {
        0
    }
}

/// Multiplies and folds the halves of the product: every bit of `x` and
/// `y` reaches every bit of the result.
#[inline]
fn fold_mul(x: u64, y: u64) -> u64 {
    let p = x as u128 * y as u128;
    (p as u64) ^ (p >> 64) as u64
}

/// The hash of a key with these [`packed`] first bytes.
#[inline]
fn key_hash(key: &[u8], first: u64) -> u64 {
    let mut h = fold_mul(first ^ SEED, GOLDEN ^ key.len() as u64);
    if key.len() > 8 {
        // Every further 8 bytes, the last ones read from the end.
        let mut at = 8;
        while at < key.len() {
            let from = at.min(key.len() - 8);
            let c = &key[from..from + 8];
            let word = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = fold_mul(h ^ word, SEED);
            at += 8;
        }
    }
    h
}

/// One slot of a [`WordTable`].
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// The [`packed`] first bytes of the key.
    first: u64,
    /// The key's length in bytes, or [`EMPTY`].
    len: u32,
    value: u32,
}

/// The multiplier of the hash (the golden ratio in 64 bits).
const GOLDEN: u64 = 0x9e37_79b9_7f4a_7c15;

/// The length of an empty slot.
const EMPTY: u32 = u32::MAX;

/// A map from words to numbers, built once and then only read: open
/// addressing over 16-byte slots that hold the key's first bytes, its
/// length and its value. A word of at most 8 bytes is found or ruled out
/// without reading any key; a longer one is then compared with its key in
/// one string of keys.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordTable {
    slots: Box<[Slot]>,
    shift: u32,
    /// Where the key of each slot that holds one longer than 8 bytes starts
    /// in `arena`.
    long_at: Box<[u32]>,
    arena: String,
    len: usize,
}

impl WordTable {
    /// A table of `pairs`; a key given twice keeps its first value.
    pub(crate) fn new<'a>(pairs: impl IntoIterator<Item = (&'a str, u32)>) -> WordTable {
        let pairs: Vec<(&str, u32)> = pairs.into_iter().collect();
        let bits = (pairs.len().max(4) * 2)
            .next_power_of_two()
            .trailing_zeros();
        let blank = Slot {
            first: 0,
            len: EMPTY,
            value: 0,
        };
        let mut t = WordTable {
            slots: vec![blank; 1 << bits].into_boxed_slice(),
            shift: 64 - bits,
            long_at: vec![0; 1 << bits].into_boxed_slice(),
            arena: String::new(),
            len: 0,
        };
        for (key, value) in pairs {
            if t.get(key).is_some() {
                continue;
            }
            let bytes = key.as_bytes();
            let first = packed(bytes);
            let mask = t.slots.len() - 1;
            let mut i = t.slot_of(key_hash(bytes, first));
            while t.slots[i].len != EMPTY {
                i = (i + 1) & mask;
            }
            t.slots[i] = Slot {
                first,
                len: bytes.len() as u32,
                value,
            };
            if bytes.len() > 8 {
                t.long_at[i] = t.arena.len() as u32;
                t.arena.push_str(key);
            }
            t.len += 1;
        }
        t
    }

    #[inline]
    fn slot_of(&self, h: u64) -> usize {
        (h >> self.shift) as usize
    }

    /// The value of `key`.
    #[inline]
    pub(crate) fn get(&self, key: &str) -> Option<u32> {
        let bytes = key.as_bytes();
        if bytes.len() > 8 {
            return self.get_long(bytes);
        }
        if self.len == 0 {
            return None;
        }
        // The first bytes and the length tell a short key exactly.
        let first = packed(bytes);
        let mask = self.slots.len() - 1;
        let mut i = self.slot_of(fold_mul(first ^ SEED, GOLDEN ^ bytes.len() as u64));
        loop {
            let slot = self.slots[i];
            if slot.first == first && slot.len as usize == bytes.len() {
                return Some(slot.value);
            }
            if slot.len == EMPTY {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// [`WordTable::get`] of a key longer than 8 bytes.
    #[inline(never)]
    fn get_long(&self, bytes: &[u8]) -> Option<u32> {
        if self.len == 0 {
            return None;
        }
        let first = packed(bytes);
        let mask = self.slots.len() - 1;
        let mut i = self.slot_of(key_hash(bytes, first));
        loop {
            let slot = self.slots[i];
            if slot.len == EMPTY {
                return None;
            }
            if slot.first == first && slot.len as usize == bytes.len() {
                let at = self.long_at[i] as usize;
                if self.arena.as_bytes()[at..at + bytes.len()] == *bytes {
                    return Some(slot.value);
                }
            }
            i = (i + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_words_hash_equal_and_lengths_matter() {
        let h = |s: &str| FxBuild.hash_one(s);
        assert_eq!(h("cache"), h("cache"));
        assert_ne!(h("cache"), h("caches"));
        assert_ne!(h("a"), h("a\0"));
        let s = SeededBuild::new();
        assert_eq!(s.hash_one("index"), s.hash_one("index"));
        assert_ne!(s.hash_one("index"), s.hash_one("indexes"));
    }

    #[test]
    fn word_tables_find_their_keys_and_nothing_else() {
        let words: Vec<String> = (0..3000).map(|i| format!("w{i}x")).collect();
        let t = WordTable::new(
            words
                .iter()
                .enumerate()
                .map(|(i, w)| (w.as_str(), i as u32)),
        );
        assert_eq!(t.len, 3000);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.get(w), Some(i as u32));
            assert_eq!(t.get(&format!("{w}y")), None);
        }
        assert_eq!(t.get(""), None);
        let dup = WordTable::new([("a", 1), ("a", 2), ("", 3)]);
        assert_eq!((dup.get("a"), dup.get(""), dup.len), (Some(1), Some(3), 2));
        assert_eq!(WordTable::default().get("a"), None);
    }

    #[test]
    fn word_tables_tell_apart_keys_that_share_bytes() {
        // Every key of up to 3 letters, and longer keys that differ in one
        // byte only, at every position.
        let mut words: Vec<String> = Vec::new();
        let letters = ["a", "b", "c"];
        for a in letters {
            words.push(a.to_string());
            for b in letters {
                words.push(format!("{a}{b}"));
                for c in letters {
                    words.push(format!("{a}{b}{c}"));
                }
            }
        }
        for n in 4..=20 {
            for at in 0..n {
                let mut w = vec![b'x'; n];
                w[at] = b'y';
                words.push(String::from_utf8(w).unwrap());
            }
        }
        let t = WordTable::new(
            words[1..]
                .iter()
                .enumerate()
                .map(|(i, w)| (w.as_str(), i as u32)),
        );
        assert_eq!(t.get(&words[0]), None);
        for (i, w) in words[1..].iter().enumerate() {
            assert_eq!(t.get(w), Some(i as u32), "{w}");
        }
        for n in 4..=20 {
            assert_eq!(t.get(&"x".repeat(n)), None);
        }
    }
}
