//! `intstr.IntOrString`, `metav1.Time` and `ResourceList`.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};

use super::Quantity;

/// `v1.ResourceList` (`map[ResourceName]resource.Quantity`).
pub type ResourceList = BTreeMap<String, Quantity>;

pub const INT_OR_STRING_TOKEN: &str = "$everynode::IntOrString";
pub const TIME_TOKEN: &str = "$everynode::Time";

/// `intstr.IntOrString`: a JSON integer or a JSON string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IntOrString {
    Int(i32),
    String(String),
}

impl Default for IntOrString {
    fn default() -> IntOrString {
        IntOrString::Int(0)
    }
}

impl fmt::Display for IntOrString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IntOrString::Int(i) => write!(f, "{i}"),
            IntOrString::String(s) => f.write_str(s),
        }
    }
}

impl<'de> Deserialize<'de> for IntOrString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<IntOrString, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = IntOrString;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer or a string")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<IntOrString, E> {
                Ok(IntOrString::String(s.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<IntOrString, E> {
                i32::try_from(v)
                    .map(IntOrString::Int)
                    .map_err(|_| E::custom(format!("json: cannot unmarshal number {v} into Go value of type int32")))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<IntOrString, E> {
                i32::try_from(v)
                    .map(IntOrString::Int)
                    .map_err(|_| E::custom(format!("json: cannot unmarshal number {v} into Go value of type int32")))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<IntOrString, E> {
                if v.fract() == 0.0 && v >= f64::from(i32::MIN) && v <= f64::from(i32::MAX) {
                    Ok(IntOrString::Int(v as i32))
                } else {
                    Err(E::custom(format!(
                        "json: cannot unmarshal number {} into Go value of type int32",
                        crate::source::tree::format_float(v)
                    )))
                }
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<IntOrString, E> {
                Err(E::custom("json: cannot unmarshal bool into Go value of type int32"))
            }
            fn visit_unit<E: de::Error>(self) -> Result<IntOrString, E> {
                Ok(IntOrString::Int(0))
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<IntOrString, D::Error> {
                d.deserialize_any(V)
            }
        }
        d.deserialize_newtype_struct(INT_OR_STRING_TOKEN, V)
    }
}

/// `metav1.Time`: an RFC 3339 string (or null). Kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Time(pub String);

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Time, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Time;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an RFC 3339 time")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Time, E> {
                if is_rfc3339(s) {
                    Ok(Time(s.to_string()))
                } else {
                    Err(E::custom(format!("parsing time {s:?} as \"2006-01-02T15:04:05Z07:00\": cannot parse {s:?} as \"2006\"")))
                }
            }
            fn visit_unit<E: de::Error>(self) -> Result<Time, E> {
                Ok(Time::default())
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Time, D::Error> {
                d.deserialize_any(V)
            }
        }
        d.deserialize_newtype_struct(TIME_TOKEN, V)
    }
}

/// `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`.
fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r.clone()).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    if b.len() < 20 || !digits(0..4) || b[4] != b'-' || !digits(5..7) || b[7] != b'-' || !digits(8..10) {
        return false;
    }
    if !(b[10] == b'T' || b[10] == b't') || !digits(11..13) || b[13] != b':' || !digits(14..16) || b[16] != b':' || !digits(17..19) {
        return false;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let st = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == st {
            return false;
        }
    }
    match b.get(i) {
        Some(b'Z' | b'z') => i + 1 == b.len(),
        Some(b'+' | b'-') => b.len() == i + 6 && digits(i + 1..i + 3) && b[i + 3] == b':' && digits(i + 4..i + 6),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339() {
        assert!(is_rfc3339("2025-03-03T09:00:00Z"));
        assert!(is_rfc3339("2025-03-03T09:00:00.123+02:00"));
        assert!(!is_rfc3339("2025-03-03"));
        assert!(!is_rfc3339("yesterday"));
    }
}

/// A Go `map[string]string` that remembers whether it was nil (absent or `null`) or present
/// (`{}` included): upstream's `%#v` and `json.Marshal` renderings of bad values tell them
/// apart (`map[string]string(nil)` / `null` against `map[string]string{}` / `{}`).
/// Reads and writes go through the map (`Deref`); writing makes it non-nil.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StringMap(Option<BTreeMap<String, String>>);

static EMPTY_STRING_MAP: BTreeMap<String, String> = BTreeMap::new();

impl StringMap {
    /// A nil map.
    pub const NIL: StringMap = StringMap(None);
    /// Whether the map is nil (Go's `m == nil`).
    pub fn is_nil(&self) -> bool {
        self.0.is_none()
    }
}

impl std::ops::Deref for StringMap {
    type Target = BTreeMap<String, String>;
    fn deref(&self) -> &BTreeMap<String, String> {
        self.0.as_ref().unwrap_or(&EMPTY_STRING_MAP)
    }
}

impl std::ops::DerefMut for StringMap {
    fn deref_mut(&mut self) -> &mut BTreeMap<String, String> {
        self.0.get_or_insert_with(BTreeMap::new)
    }
}

impl From<BTreeMap<String, String>> for StringMap {
    fn from(m: BTreeMap<String, String>) -> StringMap {
        StringMap(Some(m))
    }
}

impl FromIterator<(String, String)> for StringMap {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(it: I) -> StringMap {
        StringMap(Some(it.into_iter().collect()))
    }
}

impl<'a> IntoIterator for &'a StringMap {
    type Item = (&'a String, &'a String);
    type IntoIter = std::collections::btree_map::Iter<'a, String, String>;
    fn into_iter(self) -> Self::IntoIter {
        (**self).iter()
    }
}

impl<'de> Deserialize<'de> for StringMap {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<StringMap, D::Error> {
        Option::<BTreeMap<String, String>>::deserialize(d).map(StringMap)
    }
}

/// A Go slice that remembers whether it was nil (absent or `null`) or present (`[]` included),
/// for the same reason as [`StringMap`]. Reads go through the slice (`Deref<Target = [T]>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoSlice<T>(Option<Vec<T>>);

impl<T> Default for GoSlice<T> {
    fn default() -> GoSlice<T> {
        GoSlice(None)
    }
}

impl<T> GoSlice<T> {
    /// Whether the slice is nil (Go's `s == nil`).
    pub fn is_nil(&self) -> bool {
        self.0.is_none()
    }
}

impl<T> std::ops::Deref for GoSlice<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        self.0.as_deref().unwrap_or(&[])
    }
}

impl<T> From<Vec<T>> for GoSlice<T> {
    fn from(v: Vec<T>) -> GoSlice<T> {
        GoSlice(Some(v))
    }
}

impl<T> FromIterator<T> for GoSlice<T> {
    fn from_iter<I: IntoIterator<Item = T>>(it: I) -> GoSlice<T> {
        GoSlice(Some(it.into_iter().collect()))
    }
}

impl<'a, T> IntoIterator for &'a GoSlice<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        (**self).iter()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for GoSlice<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<GoSlice<T>, D::Error> {
        Option::<Vec<T>>::deserialize(d).map(GoSlice)
    }
}
