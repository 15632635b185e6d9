//! A page's fingerprint: a 128-bit hash of everything its content function
//! hands the templates. `vanban serve` keeps the fingerprint of every page
//! it wrote and, after a change, renders again exactly the pages whose
//! fingerprint changed: what a page reads is stated once, by the code that
//! makes the page ([`Plan::content`]), never by rules written a second time.
//!
//! The content is encoded through serde into a compact, unambiguous byte
//! string (every value tagged, every string and sequence delimited, every
//! struct field named) and hashed with [`crate::text::hash::hash128`]
//! (128 bits: the chance that a changed page keeps its fingerprint is about
//! 10⁻³⁸). aHash is several times faster than SipHash here, where hashing
//! was a fifth of the cost; fingerprints are never stored, so its output
//! may differ between builds of vanban. The encoder says it
//! is not human-readable, which is how a value that is costly to make for
//! the templates (a directive's text turned into HTML) offers what it is
//! made from instead (see [`super::BodyHtml`]).

use super::{Page, PageContext, Plan};
use serde::ser::{self, Serialize};
use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

/// Counts values that could not be encoded, so that no two fingerprints of
/// such values are equal.
static UNENCODABLE: AtomicU64 = AtomicU64::new(0);

/// The fingerprint of a page's content.
pub type Fingerprint = u128;

impl Plan<'_> {
    /// The fingerprint of everything `page` shows: its whole context (the
    /// content and the frame around it: path, breadcrumbs, pagination,
    /// feed) and its template. The
    /// renderer's global values (interface strings, settings, build date)
    /// are not in it: a change to any of them renders every page.
    pub fn fingerprint(&self, page: &Page) -> Fingerprint {
        let context = self.content(page);
        // Every field by name, none left to `..`: a field added to the
        // frame does not compile until it is in the fingerprint. (Hashing
        // the context whole would go through serde's `flatten`, which
        // costs a third of the fingerprint.)
        let PageContext { root, path, kind, breadcrumbs, pagination, feed, filter, content } = &context;
        of(&(page.kind.template(), (root, path, kind, breadcrumbs, pagination, feed, filter), content))
    }
}

thread_local! {
    /// The encoding buffer, kept between pages (a page's content is tens to
    /// hundreds of kilobytes; allocating that for each would cost more than
    /// the hashing).
    static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// The fingerprint of any serialisable value.
pub fn of(value: &impl Serialize) -> Fingerprint {
    BUFFER.with(|buffer| {
        let mut buffer = buffer.borrow_mut();
        buffer.clear();
        let encoded = value.serialize(&mut Encoder { out: &mut buffer });
        if let Err(Unencodable(message)) = encoded {
            // A value that cannot be encoded is never equal to anything:
            // the page is rendered again, and rendering reports the error.
            buffer.extend_from_slice(message.as_bytes());
            buffer.extend_from_slice(&UNENCODABLE.fetch_add(1, Ordering::Relaxed).to_le_bytes());
        }
        crate::text::hash::hash128(&buffer)
    })
}

/// Bytes as one value (serde would take a `&[u8]` for a list of numbers).
pub struct Bytes<'a>(pub &'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: ser::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

/// Why a value could not be encoded (a `Serialize` implementation failed).
#[derive(Debug)]
pub struct Unencodable(String);

impl std::fmt::Display for Unencodable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unencodable {}

impl ser::Error for Unencodable {
    fn custom<T: std::fmt::Display>(message: T) -> Self {
        Unencodable(message.to_string())
    }
}

/// Writes values as tagged bytes. Tags keep values of different shapes
/// apart (`None` from `""`, a unit from an empty list), lengths and end
/// marks keep neighbours apart (`["ab", "c"]` from `["a", "bc"]`).
struct Encoder<'b> {
    out: &'b mut Vec<u8>,
}

mod tag {
    pub const FALSE: u8 = 0;
    pub const TRUE: u8 = 1;
    pub const INT: u8 = 2;
    pub const UINT: u8 = 13;
    pub const WIDE: u8 = 14;
    pub const UWIDE: u8 = 15;
    pub const FLOAT: u8 = 3;
    pub const CHAR: u8 = 4;
    pub const STR: u8 = 5;
    pub const BYTES: u8 = 6;
    pub const NONE: u8 = 7;
    pub const SOME: u8 = 8;
    pub const UNIT: u8 = 9;
    pub const VARIANT: u8 = 10;
    pub const OPEN: u8 = 11;
    pub const CLOSE: u8 = 12;
}

impl Encoder<'_> {
    fn int(&mut self, tag: u8, bits: [u8; 8]) {
        self.out.push(tag);
        self.out.extend_from_slice(&bits);
    }

    fn bytes(&mut self, tag: u8, bytes: &[u8]) {
        self.out.push(tag);
        self.out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        self.out.extend_from_slice(bytes);
    }

    fn variant(&mut self, index: u32) {
        self.out.push(tag::VARIANT);
        self.out.extend_from_slice(&index.to_le_bytes());
    }

    fn open(&mut self) -> &mut Self {
        self.out.push(tag::OPEN);
        self
    }
}

type Result = std::result::Result<(), Unencodable>;

impl<'a, 'b> ser::Serializer for &'a mut Encoder<'b> {
    type Ok = ();
    type Error = Unencodable;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn is_human_readable(&self) -> bool {
        false
    }

    fn serialize_bool(self, v: bool) -> Result {
        self.out.push(if v { tag::TRUE } else { tag::FALSE });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result {
        self.int(tag::INT, v.to_le_bytes());
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result {
        self.bytes(tag::WIDE, &v.to_le_bytes());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result {
        self.int(tag::UINT, v.to_le_bytes());
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result {
        self.bytes(tag::UWIDE, &v.to_le_bytes());
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result {
        self.out.push(tag::FLOAT);
        self.out.extend_from_slice(&v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result {
        self.out.push(tag::CHAR);
        self.out.extend_from_slice(&u32::from(v).to_le_bytes());
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result {
        self.bytes(tag::STR, v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result {
        self.bytes(tag::BYTES, v);
        Ok(())
    }
    fn serialize_none(self) -> Result {
        self.out.push(tag::NONE);
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result {
        self.out.push(tag::SOME);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.out.push(tag::UNIT);
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, index: u32, _variant: &'static str) -> Result {
        self.variant(index);
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _name: &'static str, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        index: u32,
        _variant: &'static str,
        value: &T,
    ) -> Result {
        self.variant(index);
        value.serialize(self)
    }
    fn serialize_seq(self, _len: Option<usize>) -> std::result::Result<Self, Unencodable> {
        Ok(self.open())
    }
    fn serialize_tuple(self, _len: usize) -> std::result::Result<Self, Unencodable> {
        Ok(self.open())
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> std::result::Result<Self, Unencodable> {
        Ok(self.open())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> std::result::Result<Self, Unencodable> {
        self.variant(index);
        Ok(self.open())
    }
    fn serialize_map(self, _len: Option<usize>) -> std::result::Result<Self, Unencodable> {
        Ok(self.open())
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> std::result::Result<Self, Unencodable> {
        Ok(self.open())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> std::result::Result<Self, Unencodable> {
        self.variant(index);
        Ok(self.open())
    }
}

/// The end of a compound value.
fn close(encoder: &mut Encoder) -> Result {
    encoder.out.push(tag::CLOSE);
    Ok(())
}

/// The compound values whose parts come one after another, unnamed.
macro_rules! compound {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for &mut Encoder<'_> {
            type Ok = ();
            type Error = Unencodable;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
                value.serialize(&mut **self)
            }
            fn end(self) -> Result {
                close(self)
            }
        }
    )*};
}

compound!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for &mut Encoder<'_> {
    type Ok = ();
    type Error = Unencodable;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result {
        close(self)
    }
}

/// The compound values whose parts are named. The names are encoded: a
/// field left out (`skip_serializing_if`) must not let the next one pass
/// for it.
macro_rules! named_compound {
    ($($trait:ident),*) => {$(
        impl ser::$trait for &mut Encoder<'_> {
            type Ok = ();
            type Error = Unencodable;
            fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result {
                self.bytes(tag::STR, key.as_bytes());
                value.serialize(&mut **self)
            }
            fn end(self) -> Result {
                close(self)
            }
        }
    )*};
}

named_compound!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::of;
    use serde::Serialize;

    #[test]
    fn values_of_other_shapes_differ() {
        assert_ne!(of(&None::<&str>), of(&Some("")));
        assert_ne!(of(&vec!["ab", "c"]), of(&vec!["a", "bc"]));
        assert_ne!(of(&()), of(&Vec::<u8>::new()));
        assert_ne!(of(&0u64), of(&false));
        assert_ne!(of(&(1, (2, 3))), of(&((1, 2), 3)));
        assert_eq!(of(&vec!["a", "b"]), of(&["a", "b"]), "the same value, whatever holds it");
    }

    #[test]
    fn a_field_left_out_does_not_pass_for_another() {
        #[derive(Serialize)]
        struct Row {
            #[serde(skip_serializing_if = "Option::is_none")]
            number: Option<&'static str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            title: Option<&'static str>,
        }
        let number = Row { number: Some("1"), title: None };
        let title = Row { number: None, title: Some("1") };
        assert_ne!(of(&number), of(&title));
    }

    #[test]
    fn the_encoder_offers_what_a_costly_value_is_made_from() {
        struct Costly;
        impl Serialize for Costly {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                assert!(!serializer.is_human_readable(), "fingerprints are not for people");
                serializer.serialize_str("source")
            }
        }
        assert_eq!(of(&Costly), of(&"source"));
    }
}
