//! A page's content as tera's context: each field of its struct put in the
//! context under its `'static` name. `Context::from_serialize` turns the
//! struct into a map of its own first (hashing every name), then copies each
//! name into a new `String` of a second map: work for every page.

use serde::ser::{self, Impossible, Serialize};
use tera::{Context, Value};

/// The fields of `content` (a struct, or an enum whose variant holds one) in
/// a context; anything else, by tera's generic path.
pub fn context_of<T: Serialize + ?Sized>(content: &T) -> Result<Context, String> {
    let mut context = Context::new();
    match content.serialize(Fields(&mut context)) {
        Ok(()) => Ok(context),
        Err(Failed::NotAStruct) => Context::from_serialize(content).map_err(|e| e.to_string()),
        Err(Failed::Field(message)) => Err(message),
    }
}

#[derive(Debug)]
enum Failed {
    /// A value that is not a struct: left to tera.
    NotAStruct,
    /// A field that could not be made a template value.
    Field(String),
}

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failed::NotAStruct => f.write_str("not a struct"),
            Failed::Field(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Failed {}

impl ser::Error for Failed {
    fn custom<M: std::fmt::Display>(message: M) -> Self {
        Failed::Field(message.to_string())
    }
}

/// Serialises a struct's fields into the context it holds.
struct Fields<'c>(&'c mut Context);

impl ser::SerializeStruct for Fields<'_> {
    type Ok = ();
    type Error = Failed;

    fn serialize_field<V: Serialize + ?Sized>(&mut self, key: &'static str, value: &V) -> Result<(), Failed> {
        let value = Value::try_from_serializable(value).map_err(|e| Failed::Field(e.to_string()))?;
        self.0.insert_value(key, value);
        Ok(())
    }

    fn end(self) -> Result<(), Failed> {
        Ok(())
    }
}

/// What is not a struct: tera's generic path takes it.
macro_rules! not_a_struct {
    ($($method:ident($($arg:ty),*) -> $ok:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ok, Failed> {
            Err(Failed::NotAStruct)
        })*
    };
}

impl<'c> ser::Serializer for Fields<'c> {
    type Ok = ();
    type Error = Failed;
    type SerializeSeq = Impossible<(), Failed>;
    type SerializeTuple = Impossible<(), Failed>;
    type SerializeTupleStruct = Impossible<(), Failed>;
    type SerializeTupleVariant = Impossible<(), Failed>;
    type SerializeMap = Impossible<(), Failed>;
    type SerializeStruct = Fields<'c>;
    type SerializeStructVariant = Impossible<(), Failed>;

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Fields<'c>, Failed> {
        Ok(self)
    }

    /// A box, or an untagged enum's variant, holding a struct.
    fn serialize_newtype_struct<V: Serialize + ?Sized>(self, _name: &'static str, value: &V) -> Result<(), Failed> {
        value.serialize(self)
    }

    fn serialize_some<V: Serialize + ?Sized>(self, _value: &V) -> Result<(), Failed> {
        Err(Failed::NotAStruct)
    }

    fn serialize_newtype_variant<V: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &V,
    ) -> Result<(), Failed> {
        Err(Failed::NotAStruct)
    }

    not_a_struct! {
        serialize_bool(bool) -> (); serialize_char(char) -> (); serialize_f32(f32) -> (); serialize_f64(f64) -> ();
        serialize_i8(i8) -> (); serialize_i16(i16) -> (); serialize_i32(i32) -> (); serialize_i64(i64) -> ();
        serialize_u8(u8) -> (); serialize_u16(u16) -> (); serialize_u32(u32) -> (); serialize_u64(u64) -> ();
        serialize_str(&str) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize)]
    struct Page<'a> {
        title: &'a str,
        count: Option<usize>,
        items: Vec<&'a str>,
    }

    #[derive(Serialize)]
    #[serde(untagged)]
    enum Content<'a> {
        Page(Box<Page<'a>>),
        Other { name: &'a str },
    }

    #[test]
    fn a_structs_fields_are_the_context_tera_would_make() {
        let page = Content::Page(Box::new(Page { title: "Về <việc>", count: None, items: vec!["a", "b"] }));
        assert_eq!(context_of(&page).unwrap(), Context::from_serialize(&page).unwrap());
        let other = Content::Other { name: "x" };
        assert_eq!(context_of(&other).unwrap(), Context::from_serialize(&other).unwrap());
        assert_eq!(context_of(&other).unwrap().get("name").and_then(|v| v.as_str()), Some("x"));
    }

    #[test]
    fn what_is_not_a_struct_goes_to_tera_and_a_failing_field_is_an_error() {
        let map: std::collections::BTreeMap<&str, u32> = [("a", 1)].into();
        assert_eq!(context_of(&map).unwrap(), Context::from_serialize(&map).unwrap());
        assert!(context_of(&3).is_err());
        struct Broken;
        impl Serialize for Broken {
            fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(ser::Error::custom("the text was not read"))
            }
        }
        #[derive(Serialize)]
        struct WithBroken {
            body: Broken,
        }
        assert!(context_of(&WithBroken { body: Broken }).unwrap_err().contains("the text was not read"));
    }
}
