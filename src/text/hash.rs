//! One 128-bit hash of bytes, for values that are compared but never
//! stored: a page's fingerprint, and a directive's text, which the build
//! reads again from its file instead of holding it.
//!
//! aHash under two fixed keys, one for each half: the chance that two
//! different byte strings share a hash is about 10⁻³⁸. aHash is several
//! times faster than SipHash here; its output may differ between builds of
//! vanban, which is why no hash is ever written down.

use std::hash::{BuildHasher, Hasher};

/// The hash of `bytes`.
pub fn hash128(bytes: &[u8]) -> u128 {
    let half = |seeds: &ahash::RandomState| {
        let mut hasher = seeds.build_hasher();
        hasher.write(bytes);
        hasher.finish()
    };
    (u128::from(half(&SEEDS[1])) << 64) | u128::from(half(&SEEDS[0]))
}

/// Two fixed keyings of aHash: the two halves of a hash.
static SEEDS: [ahash::RandomState; 2] = [
    ahash::RandomState::with_seeds(
        0x243f_6a88_85a3_08d3,
        0x1319_8a2e_0370_7344,
        0xa409_3822_299f_31d0,
        0x082e_fa98_ec4e_6c89,
    ),
    ahash::RandomState::with_seeds(
        0x4528_21e6_38d0_1377,
        0xbe54_66cf_34e9_0c6c,
        0xc0ac_29b7_c97c_50dd,
        0x3f84_d5b5_b547_0917,
    ),
];

#[cfg(test)]
mod tests {
    use super::hash128;

    #[test]
    fn equal_bytes_hash_equal_and_others_differ() {
        assert_eq!(hash128("Kính gửi".as_bytes()), hash128("Kính gửi".as_bytes()));
        assert_ne!(hash128(b"a"), hash128(b"aa"));
        assert_ne!(hash128(b""), hash128(b"\0"));
    }
}
