//! Input arguments: a string, a `Uint8Array`, or a list of `{ name, text }` files.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, SeqAccess, Visitor};

use crate::types::InputFile;

/// File content: text, or raw bytes (decoded by core exactly like the CLI reads a file, so
/// invalid UTF-8 is a diagnostic rather than replacement characters).
#[derive(Debug, Clone)]
pub enum Text {
    Str(String),
    Bytes(Vec<u8>),
}

impl Text {
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Text::Str(s) => s.as_bytes(),
            Text::Bytes(b) => b,
        }
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or a Uint8Array")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Text::Str(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
        Ok(Text::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Text, E> {
        Ok(Text::Bytes(v.to_vec()))
    }
    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Text, E> {
        Ok(Text::Bytes(v))
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        d.deserialize_any(TextVisitor)
    }
}

/// One or more inputs.
#[derive(Debug, Clone)]
pub enum Inputs {
    One(Text),
    Files(Vec<InputFile>),
}

impl Text {
    pub fn into_bytes(self) -> Vec<u8> {
        match self {
            Text::Str(s) => s.into_bytes(),
            Text::Bytes(b) => b,
        }
    }
}

impl Inputs {
    /// (name, bytes) pairs, taking the bytes (no copy of a large input).
    pub fn into_named(self, default_name: &str) -> Vec<(String, Vec<u8>)> {
        match self {
            Inputs::One(t) => vec![(default_name.to_string(), t.into_bytes())],
            Inputs::Files(files) => files.into_iter().map(|f| (f.name, f.text.into_bytes())).collect(),
        }
    }

    /// (name, bytes) pairs; `default_name` names a lone string or byte array.
    pub fn named<'a>(&'a self, default_name: &'a str) -> Vec<(&'a str, &'a [u8])> {
        match self {
            Inputs::One(t) => vec![(default_name, t.as_bytes())],
            Inputs::Files(files) => files.iter().map(|f| (f.name.as_str(), f.text.as_bytes())).collect(),
        }
    }
}

struct InputsVisitor;

impl<'de> Visitor<'de> for InputsVisitor {
    type Value = Inputs;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, a Uint8Array or an array of { name, text } files")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Inputs, E> {
        Ok(Inputs::One(Text::Str(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Inputs, E> {
        Ok(Inputs::One(Text::Str(v)))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Inputs, E> {
        Ok(Inputs::One(Text::Bytes(v.to_vec())))
    }
    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Inputs, E> {
        Ok(Inputs::One(Text::Bytes(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Inputs, A::Error> {
        let mut files = Vec::new();
        while let Some(f) = seq.next_element::<InputFile>()? {
            files.push(f);
        }
        Ok(Inputs::Files(files))
    }
}

impl<'de> Deserialize<'de> for Inputs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Inputs, D::Error> {
        d.deserialize_any(InputsVisitor)
    }
}

/// The field names serde expects for a struct `T` (its `deserialize_struct` FIELDS), used to
/// refuse unknown keys in JS objects: serde-wasm-bindgen only looks up the known ones, so
/// `deny_unknown_fields` never fires there.
pub fn struct_fields<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    struct Probe(Option<&'static [&'static str]>);
    #[derive(Debug)]
    struct Stop;
    impl fmt::Display for Stop {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("stop")
        }
    }
    impl std::error::Error for Stop {}
    impl de::Error for Stop {
        fn custom<M: fmt::Display>(_: M) -> Stop {
            Stop
        }
    }
    impl<'de> Deserializer<'de> for &mut Probe {
        type Error = Stop;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }
        fn deserialize_struct<V: Visitor<'de>>(self, _: &'static str, fields: &'static [&'static str], _: V) -> Result<V::Value, Stop> {
            self.0 = Some(fields);
            Err(Stop)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
            unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }
    let mut probe = Probe(None);
    let _ = T::deserialize(&mut probe);
    probe.0.unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::CheckOptions;

    #[test]
    fn check_options_fields() {
        assert_eq!(
            struct_fields::<CheckOptions>(),
            &["nodes", "pods", "kubernetesVersion", "format", "color", "fileName", "allowPrivileged", "podSecurity", "verbose"]
        );
        assert_eq!(struct_fields::<InputFile>(), &["name", "text"]);
    }
}
