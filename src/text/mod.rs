//! Vietnamese text and the facts read from it, shared by every stage:
//! folding and collation, directive numbers, citations in running text,
//! provinces, and the table of central issuing bodies.

pub mod citations;
pub mod issuers;
pub mod number;
pub mod provinces;
pub mod vietnamese;
