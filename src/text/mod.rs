//! Vietnamese text and the facts read from it, shared by every stage:
//! folding and collation, directive numbers, citations in running text,
//! provinces, and the table of central issuing bodies.

pub mod citations;
pub mod hash;
pub mod issuers;
pub mod number;
pub mod provinces;
pub mod vietnamese;

/// 32-bit FNV-1a of a text's bytes: a hash defined by its few lines, so that
/// what it names (a search index's term shards, a cut page path) never
/// changes with a library version.
pub fn fnv1a(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}
