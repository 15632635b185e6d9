//! Vietnamese text and the facts read from it, shared by every stage:
//! folding and collation, directive numbers, citations in running text,
//! provinces, and the table of central issuing bodies.

pub mod citations;
pub mod hash;
pub mod issuers;
pub(crate) mod marks;
pub mod number;
pub mod provinces;
pub mod vietnamese;

/// 32-bit FNV-1a of a text's bytes: a hash defined by its few lines, so that
/// what it names (a search index's term shards, a cut page path) never
/// changes with a library version.
pub fn fnv1a(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// A tiny xorshift generator for the tests that try many made-up inputs:
/// deterministic, so a failure comes back on every run, and no dependency.
#[cfg(test)]
pub(crate) struct Xorshift(pub u64);

#[cfg(test)]
impl Xorshift {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// One of `items`, at random.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize]
    }
}

/// The texts of the test fixtures (directives, seeds, rough imports), each
/// as written: what the text functions' fast paths are held to.
#[cfg(test)]
pub(crate) fn fixture_texts() -> Vec<String> {
    let mut texts = Vec::new();
    let mut folders = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")];
    while let Some(folder) = folders.pop() {
        for path in std::fs::read_dir(&folder).expect("fixture folder").filter_map(Result::ok).map(|e| e.path()) {
            if path.is_dir() {
                folders.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                texts.push(text);
            }
        }
    }
    assert!(texts.len() > 20, "{}", texts.len());
    texts
}
