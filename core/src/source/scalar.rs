//! Plain-scalar resolution exactly as kubectl reads YAML: sigs.k8s.io/yaml on go-yaml v2
//! (`resolve.go`: `resolve()` and its `resolveTable`/`resolveMap`), then YAML→JSON conversion.
//!
//! - YAML 1.1 booleans: `y Y yes Yes YES on On ON true True TRUE` and the `n/no/off/false` forms.
//! - nulls: empty, `~`, `null`, `Null`, `NULL`.
//! - integers via Go `strconv.ParseInt(s, 0, 64)` after removing `_`: `0640` is octal (416),
//!   `0x1F` hex, `0b101` binary; then `ParseUint`; then floats matching
//!   `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
//! - `.inf`, `-.inf`, `.nan` are floats (JSON cannot carry them; see `Value::Float`).
//! - Timestamps stay strings (go-yaml v2 keeps them as strings when decoding into `interface{}`).

use super::tree::Value;

/// Resolve an untagged plain scalar.
pub fn resolve_plain(s: &str) -> Value {
    let Some(first) = s.bytes().next() else {
        return Value::Null;
    };
    // resolveTable hints: only scalars starting with one of these are looked up at all.
    let hint = match first {
        b'+' | b'-' => b'S',
        b'0'..=b'9' => b'D',
        b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~' => b'M',
        b'.' => b'.',
        _ => return Value::Str(s.to_string()),
    };
    if let Some(v) = lookup_map(s) {
        return v;
    }
    match hint {
        b'.' => match parse_go_float(s) {
            Some(f) => Value::Float(f),
            None => Value::Str(s.to_string()),
        },
        b'D' | b'S' => resolve_number(s).unwrap_or_else(|| Value::Str(s.to_string())),
        _ => Value::Str(s.to_string()),
    }
}

fn lookup_map(s: &str) -> Option<Value> {
    Some(match s {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => Value::Bool(true),
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => Value::Bool(false),
        "~" | "null" | "Null" | "NULL" => Value::Null,
        ".nan" | ".NaN" | ".NAN" => Value::Float(f64::NAN),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => Value::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => Value::Float(f64::NEG_INFINITY),
        _ => return None,
    })
}

fn resolve_number(s: &str) -> Option<Value> {
    let plain: String = s.chars().filter(|&c| c != '_').collect();
    if let Some(i) = go_parse_int(&plain) {
        return Some(Value::Int(i));
    }
    if let Some(u) = go_parse_uint(&plain) {
        return Some(Value::UInt(u));
    }
    if is_yaml_float(&plain)
        && let Ok(f) = plain.parse::<f64>()
    {
        return Some(Value::Float(f));
    }
    // go-yaml v2 also accepts "0b…" / "-0b…" explicitly (already covered by base-0 parsing).
    None
}

/// Go `strconv.ParseInt(s, 0, 64)` (underscores already removed).
fn go_parse_int(s: &str) -> Option<i64> {
    let (neg, body) = match s.as_bytes().first()? {
        b'+' => (false, &s[1..]),
        b'-' => (true, &s[1..]),
        _ => (false, s),
    };
    let mag = parse_magnitude(body)?;
    if neg {
        if mag <= i64::MAX as u64 + 1 { Some((mag as i128).wrapping_neg() as i64) } else { None }
    } else if mag <= i64::MAX as u64 {
        Some(mag as i64)
    } else {
        None
    }
}

/// Go `strconv.ParseUint(s, 0, 64)`: no sign allowed.
fn go_parse_uint(s: &str) -> Option<u64> {
    if s.starts_with(['+', '-']) {
        return None;
    }
    parse_magnitude(s)
}

fn parse_magnitude(body: &str) -> Option<u64> {
    if body.is_empty() {
        return None;
    }
    let lower = body.to_ascii_lowercase();
    let (radix, digits) = if let Some(d) = lower.strip_prefix("0x") {
        (16, d)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, &lower[1..])
    } else {
        (10, lower.as_str())
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    u64::from_str_radix(digits, radix).ok()
}

/// go-yaml v2 `yamlStyleFloat`.
fn is_yaml_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Go `strconv.ParseFloat(s, 64)` for the forms YAML can produce here.
fn parse_go_float(s: &str) -> Option<f64> {
    if is_yaml_float(s) { s.parse::<f64>().ok() } else { None }
}

/// Resolve a scalar carrying an explicit YAML core tag (`!!str`, `!!int`, ...).
pub fn resolve_tagged(s: &str, suffix: &str) -> Value {
    match suffix {
        "str" | "binary" | "timestamp" => Value::Str(s.to_string()),
        "null" => Value::Null,
        "bool" => match lookup_map(s) {
            Some(v @ Value::Bool(_)) => v,
            _ => Value::Str(s.to_string()),
        },
        "int" | "float" => match resolve_plain(s) {
            v @ (Value::Int(_) | Value::UInt(_) | Value::Float(_)) => v,
            _ => Value::Str(s.to_string()),
        },
        _ => resolve_plain(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_yaml_v2_resolution_table() {
        let cases: &[(&str, Value)] = &[
            ("yes", Value::Bool(true)),
            ("on", Value::Bool(true)),
            ("Y", Value::Bool(true)),
            ("off", Value::Bool(false)),
            ("NO", Value::Bool(false)),
            ("true", Value::Bool(true)),
            ("", Value::Null),
            ("~", Value::Null),
            ("Null", Value::Null),
            ("0640", Value::Int(416)),
            ("0x1F", Value::Int(31)),
            ("0b101", Value::Int(5)),
            ("1_000", Value::Int(1000)),
            ("-42", Value::Int(-42)),
            ("+7", Value::Int(7)),
            ("18446744073709551615", Value::UInt(u64::MAX)),
            ("0.15", Value::Float(0.15)),
            (".5", Value::Float(0.5)),
            ("1e3", Value::Float(1000.0)),
            ("08", Value::Float(8.0)),
            ("1.2.3", Value::Str("1.2.3".into())),
            ("yesno", Value::Str("yesno".into())),
            ("100m", Value::Str("100m".into())),
            ("2025-03-03T09:00:00Z", Value::Str("2025-03-03T09:00:00Z".into())),
            ("abc", Value::Str("abc".into())),
            ("-", Value::Str("-".into())),
            (".", Value::Str(".".into())),
            ("True", Value::Bool(true)),
            ("tRUE", Value::Str("tRUE".into())),
        ];
        for (input, want) in cases {
            assert_eq!(&resolve_plain(input), want, "resolving {input:?}");
        }
    }

    #[test]
    fn tags_force_types() {
        assert_eq!(resolve_tagged("123", "str"), Value::Str("123".into()));
        assert_eq!(resolve_tagged("yes", "str"), Value::Str("yes".into()));
        assert_eq!(resolve_tagged("12", "int"), Value::Int(12));
    }
}
