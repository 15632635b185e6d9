//! Stage 6: the output written (a staging folder swapped in at the end,
//! or files replaced one by one for `serve`), the zip, and the guard that
//! decides which paths vanban may write at all.

pub mod guard;
pub mod write;
pub mod zip;
