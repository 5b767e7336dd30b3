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

/// FxHash of a string, finished so that both halves are well mixed.
#[inline]
pub(crate) fn fx_str(s: &str) -> u64 {
    let bytes = s.as_bytes();
    let mut h = FxHasher::default();
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h.add(u64::from_le_bytes([
            c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
        ]));
    }
    let mut last = 0u64;
    for (i, &b) in chunks.remainder().iter().enumerate() {
        last |= (b as u64) << (8 * i);
    }
    h.add(last ^ ((bytes.len() as u64) << 56));
    let h = h.hash;
    h ^ (h >> 29)
}

/// Whether two short byte strings are equal (no call to `memcmp`).
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// A map from words to numbers, built once and then only read, laid out to
/// stay in cache: open addressing over 8-byte slots (a 32-bit fingerprint of
/// the hash and the entry), keys side by side in one string. A lookup of an
/// absent word usually ends at an empty slot without touching any key.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordTable {
    /// (fingerprint, entry + 1); entry 0 marks an empty slot.
    slots: Box<[(u32, u32)]>,
    shift: u32,
    /// Byte range of each entry's key in `arena`, and its value.
    entries: Vec<(u32, u32, u32)>,
    arena: String,
}

impl WordTable {
    /// A table of `pairs`; a key given twice keeps its first value.
    pub(crate) fn new<'a>(pairs: impl IntoIterator<Item = (&'a str, u32)>) -> WordTable {
        let pairs: Vec<(&str, u32)> = pairs.into_iter().collect();
        let bits = (pairs.len().max(4) * 2)
            .next_power_of_two()
            .trailing_zeros();
        let mut t = WordTable {
            slots: vec![(0, 0); 1 << bits].into_boxed_slice(),
            shift: 64 - bits,
            entries: Vec::with_capacity(pairs.len()),
            arena: String::new(),
        };
        for (key, value) in pairs {
            if t.get(key).is_some() {
                continue;
            }
            let h = fx_str(key);
            let start = t.arena.len() as u32;
            t.arena.push_str(key);
            t.entries.push((start, t.arena.len() as u32, value));
            let entry = t.entries.len() as u32;
            let mask = t.slots.len() - 1;
            let mut i = t.slot_of(h);
            while t.slots[i].1 != 0 {
                i = (i + 1) & mask;
            }
            t.slots[i] = (h as u32, entry);
        }
        t
    }

    #[inline]
    fn slot_of(&self, h: u64) -> usize {
        (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// The value of `key`.
    #[inline]
    pub(crate) fn get(&self, key: &str) -> Option<u32> {
        if self.entries.is_empty() {
            return None;
        }
        let h = fx_str(key);
        let mask = self.slots.len() - 1;
        let mut i = self.slot_of(h);
        loop {
            let (fingerprint, entry) = self.slots[i];
            if entry == 0 {
                return None;
            }
            if fingerprint == h as u32 {
                let (a, b, value) = self.entries[entry as usize - 1];
                if same(
                    &self.arena.as_bytes()[a as usize..b as usize],
                    key.as_bytes(),
                ) {
                    return Some(value);
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
        assert_eq!(t.entries.len(), 3000);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.get(w), Some(i as u32));
            assert_eq!(t.get(&format!("{w}y")), None);
        }
        assert_eq!(t.get(""), None);
        let dup = WordTable::new([("a", 1), ("a", 2), ("", 3)]);
        assert_eq!(
            (dup.get("a"), dup.get(""), dup.entries.len()),
            (Some(1), Some(3), 2)
        );
        assert_eq!(WordTable::default().get("a"), None);
    }
}
