//! `resource.Quantity`: parsing exactly as `k8s.io/apimachinery/pkg/api/resource.ParseQuantity`
//! (same accepted forms and the same two error messages), with the value kept in milli-units.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// `quantities must match the regular expression ...` (`resource.ErrFormatWrong`).
pub const ERR_FORMAT_WRONG: &str = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/// `resource.ErrSuffix`.
pub const ERR_SUFFIX: &str = "unable to parse quantity's suffix";
/// `resource.ErrNumeric`.
pub const ERR_NUMERIC: &str = "unable to parse numeric part of quantity";

/// The name the decoder recognises for quantity fields.
pub const QUANTITY_TOKEN: &str = "$everynode::Quantity";

/// How a quantity was written, which decides how it is printed back (`resource.Format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    DecimalSI,
    BinarySI,
    DecimalExponent,
}

/// A parsed quantity. `millis` is the value × 1000 rounded up (apiserver defaulting rounds
/// every container quantity up to milli precision, `SetDefaults_ResourceList`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Quantity {
    /// As written by the user.
    pub original: String,
    pub millis: i128,
    pub format: Format,
    /// `MilliValue()` as Go computes it for the quantity as written (see
    /// [`Quantity::go_milli_value`]); kept here because defaulting rewrites `original`.
    pub(crate) go_milli: i64,
    /// The private fields of Go's `resource.Quantity` as `ParseQuantity` built them.
    pub(crate) go: GoFields,
}

/// The private fields of Go's `resource.Quantity` (`i int64Amount`, `d infDecAmount`, `s`
/// string cache), which `%#v` prints (upstream's bad values up to 1.33).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct GoFields {
    /// `i: int64Amount{value, scale}`; `None` when `ParseQuantity` fell back to an `inf.Dec`.
    int: Option<(i64, i32)>,
    /// `s`: the text as parsed, cached when it was already in canonical form.
    s: String,
}

impl GoFields {
    /// What `ParseQuantity(s)` stores, and the `Format` it decides.
    fn parse(s: &str, positive: bool, num: &str, denom: &str, exp: i32, format: Format) -> GoFields {
        let Some(amount) = Int64Amount::parse(positive, num, denom, exp, format) else {
            return GoFields { int: None, s: String::new() };
        };
        let shifted = format!("{num}{denom}");
        let canonical = match format {
            Format::BinarySI => exp % 10 == 0 && amount.digits & 0x07 != 0,
            _ => amount.scale % 3 == 0 && !shifted.ends_with("000") && !shifted.starts_with('0'),
        };
        GoFields { int: Some((amount.value, amount.scale)), s: if canonical { s.to_string() } else { String::new() } }
    }

    /// `(*Quantity).RoundUp(scale)`: an `int64Amount` of a finer scale is rounded up to it
    /// (`negativeScaleInt64`) and the cached string dropped; an `inf.Dec` drops it too.
    fn round_up(&mut self, scale: i32) {
        match &mut self.int {
            Some((value, s)) if *s < scale => {
                let base = *value;
                let mut v = base;
                let mut fraction = false;
                let mut rounded = None;
                for _ in 0..(scale - *s) {
                    if !fraction && v % 10 != 0 {
                        fraction = true;
                    }
                    v /= 10;
                    if v == 0 {
                        rounded = Some(if fraction { base.signum() } else { 0 });
                        break;
                    }
                }
                *value = rounded.unwrap_or(if fraction { v + base.signum() } else { v });
                *s = scale;
                self.s.clear();
            }
            Some(_) => {}
            None => self.s.clear(),
        }
    }
}

impl Quantity {
    /// Parse like `resource.ParseQuantity`.
    pub fn parse(s: &str) -> Result<Quantity, &'static str> {
        let s = s.trim();
        if s.is_empty() {
            return Err(ERR_FORMAT_WRONG);
        }
        if s == "0" {
            let go = GoFields { int: Some((0, 0)), s: s.into() };
            return Ok(Quantity { original: s.into(), millis: 0, format: Format::DecimalSI, go_milli: 0, go });
        }
        let (positive, num, denom, suffix) = split(s)?;
        let (base, exp, format) = interpret_suffix(suffix).ok_or(ERR_SUFFIX)?;
        let suffix_start = s.len() - suffix.len();
        if !s[..suffix_start].bytes().any(|c| c.is_ascii_digit()) {
            return Err(ERR_NUMERIC);
        }
        let millis = scaled_millis(num, denom, base, exp);
        let millis = if positive { millis } else { -millis };
        let go = GoFields::parse(s, positive, num, denom, exp, format);
        // An `inf.Dec` below 1 keeps no binary format (`ParseQuantity`).
        let format =
            if go.int.is_none() && format == Format::BinarySI && millis != 0 && millis.abs() < 1000 { Format::DecimalSI } else { format };
        Ok(Quantity { original: s.into(), millis, format, go_milli: go_milli_value(s, millis), go })
    }

    pub fn from_millis(millis: i128) -> Quantity {
        let go_milli = millis.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64;
        let go = match i64::try_from(millis) {
            Ok(m) => GoFields { int: Some((m, -3)), s: String::new() },
            Err(_) => GoFields::default(),
        };
        let mut q = Quantity { original: String::new(), millis, format: Format::DecimalSI, go_milli, go };
        q.original = q.canonical();
        q
    }

    /// Whole units, rounded up.
    pub fn value(&self) -> i128 {
        let m = self.millis;
        if m >= 0 { (m + 999) / 1000 } else { m / 1000 }
    }

    pub fn is_zero(&self) -> bool {
        self.millis == 0
    }

    /// `Quantity.String()`: the canonical form (`500m`, `1Gi`, `1536Mi`, `1k`...).
    pub fn canonical(&self) -> String {
        let m = self.millis;
        if m == 0 {
            return "0".into();
        }
        let sign = if m < 0 { "-" } else { "" };
        let a = m.unsigned_abs();
        match self.format {
            Format::BinarySI if a.is_multiple_of(1000) => {
                let mut v = a / 1000;
                let suffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
                let mut i = 0;
                while v.is_multiple_of(1024) && i < suffixes.len() - 1 && v >= 1024 {
                    v /= 1024;
                    i += 1;
                }
                // Go falls back to decimal when the binary form is not exact and small.
                format!("{sign}{v}{}", suffixes[i])
            }
            _ => {
                // Decimal: pick the largest exponent (multiple of 3) that keeps an integer
                // (`AsCanonicalBytes`: all factors of 10 into the exponent, then down to a
                // multiple of 3).
                let mut v = a;
                let mut e: i32 = -3;
                while v.is_multiple_of(1000) {
                    v /= 1000;
                    e += 3;
                }
                let suffix = if self.format == Format::DecimalExponent {
                    if e == 0 { String::new() } else { format!("e{e}") }
                } else {
                    match e {
                        -3 => "m".into(),
                        0 => String::new(),
                        3 => "k".into(),
                        6 => "M".into(),
                        9 => "G".into(),
                        12 => "T".into(),
                        15 => "P".into(),
                        18 => "E".into(),
                        // No DecimalSI suffix beyond E: Go's `constructBytes` fails and
                        // `CanonicalizeBytes` prints the mantissa alone (1e21 → "1").
                        _ => String::new(),
                    }
                };
                format!("{sign}{v}{suffix}")
            }
        }
    }
}

impl Quantity {
    /// `SetDefaults_ResourceList`'s `RoundUp(-3)` of the Go fields (the value itself is
    /// already kept in milli-units rounded up).
    pub(crate) fn round_up_milli(&mut self) {
        self.go.round_up(-3);
    }

    /// `(*Quantity).Add(y)` for the value: the sum, and the cached string dropped.
    pub(crate) fn add(&mut self, y: &Quantity) {
        self.millis += y.millis;
        self.go.s.clear();
    }

    /// `(*Quantity).String()`: the text as parsed when `ParseQuantity` cached it (canonical
    /// digits, but kept as written: `+3`, `3E-3`, `3e0`), else the canonical form.
    pub fn go_string(&self) -> String {
        if self.go.s.is_empty() { self.canonical() } else { self.go.s.clone() }
    }

    /// `fmt.Sprintf("%#v", q)` of the `resource.Quantity` value, as `field.Error` printed a
    /// Quantity bad value up to 1.33 (a value, not a pointer: no `String()` method). An
    /// `inf.Dec` pointer prints its address, unknowable offline: shown as `0x?`.
    pub fn go_syntax(&self) -> String {
        let (i, d) = match self.go.int {
            Some((value, scale)) => (format!("value:{value}, scale:{scale}"), "nil"),
            None => ("value:0, scale:0".to_string(), "0x?"),
        };
        let format = match self.format {
            Format::DecimalSI => "DecimalSI",
            Format::BinarySI => "BinarySI",
            Format::DecimalExponent => "DecimalExponent",
        };
        format!(
            "resource.Quantity{{i:resource.int64Amount{{{i}}}, d:resource.infDecAmount{{Dec:(*inf.Dec)({d})}}, s:{}, Format:{format:?}}}",
            crate::validate::field::go_quote(&self.go.s)
        )
    }

    /// `(*Quantity).MilliValue()` of the quantity as the API server holds it after defaulting
    /// (`SetDefaults_ResourceList` rounds up to milli precision), including Go's `int64`
    /// overflow behaviour for values beyond ±9.2·10¹⁵ units: `ParseQuantity` keeps the value
    /// either as an `int64Amount` (whose scaling to milli wraps for ×10/×100/×1000/×10⁶/×10⁹
    /// and gives 0 otherwise) or as an `inf.Dec` (whose `Int64()` keeps the low 64 bits), and
    /// caps BinarySI values at 2⁶³−1.
    pub fn go_milli_value(&self) -> i64 {
        self.go_milli
    }
}

/// The `int64Amount{value, scale}` Go's `ParseQuantity` stores when the number fits its
/// precision (`None`: it falls back to an `inf.Dec`).
struct Int64Amount {
    /// The signed value (digits times the binary mantissa).
    value: i64,
    /// The decimal scale.
    scale: i32,
    /// The unsigned digits `num` and `denom` read as one integer, before the mantissa.
    digits: i64,
}

impl Int64Amount {
    fn parse(positive: bool, num: &str, denom: &str, exp: i32, format: Format) -> Option<Int64Amount> {
        let digits = (num.len() + denom.len()) as i32;
        let (precision, mut scale, mantissa): (i32, i32, i64) = match format {
            Format::BinarySI if exp >= 0 && denom.is_empty() => {
                (15 - num.len() as i32 - (exp as f32 * 3.0 / 10.0) as i32 - 1, 0, 1i64.checked_shl(exp as u32).unwrap_or(0))
            }
            Format::BinarySI => (-1, 0, 1),
            _ => (18 - digits, exp, 1),
        };
        if precision < 0 {
            return None;
        }
        scale -= denom.len() as i32;
        if scale < -9 {
            return None;
        }
        let digits = format!("{num}{denom}").parse::<i64>().ok()?;
        let value = digits.checked_mul(mantissa)?;
        Some(Int64Amount { value: if positive { value } else { -value }, scale, digits })
    }
}

/// [`Quantity::go_milli_value`] of `s` (already parsed: `millis` is its exact milli value).
fn go_milli_value(s: &str, millis: i128) -> i64 {
    if let Ok(m) = i64::try_from(millis) {
        return m; // exact whenever it fits, on both representations
    }
    let Ok((positive, num, denom, suffix)) = split(s) else { return 0 };
    let Some((base, exp, format)) = interpret_suffix(suffix) else { return 0 };
    if let Some(Int64Amount { value: v, scale, .. }) = Int64Amount::parse(positive, num, denom, exp, format) {
        // int64Amount{v, scale}: RoundUp(Milli) leaves scale >= -3 alone (and rounding
        // a finer scale up cannot overflow), then AsScaledInt64(Milli).
        if scale < -3 {
            return millis.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64;
        }
        let times = |b: i64| {
            if v == 0 || v == 1 {
                v * b
            } else if v == i64::MIN {
                0
            } else {
                v.wrapping_mul(b)
            }
        };
        return match scale + 3 {
            0 => v,
            1 => times(10),
            2 => times(100),
            3 => times(1000),
            6 => times(1_000_000),
            9 => times(1_000_000_000),
            n => {
                let mut r = v;
                for _ in 0..n {
                    match r.checked_mul(10) {
                        Some(x) => r = x,
                        None => return 0,
                    }
                }
                r
            }
        };
    }
    // inf.Dec: the magnitude at scale 3 (rounded up), its low 64 bits, then the sign.
    let low: u64 = if base == 2 {
        // BinarySI is capped at 2^63-1; below the cap the exact milli value fits in i128.
        let cap = i128::from(i64::MAX) * 1000;
        let m = millis.unsigned_abs().min(cap as u128);
        m as u64
    } else {
        let all = format!("{num}{denom}");
        let k = 3 + i64::from(exp) - denom.len() as i64;
        let (kept, round_up) = if k >= 0 {
            (all.as_str(), false)
        } else {
            let cut = all.len().saturating_sub(k.unsigned_abs() as usize);
            (&all[..cut], all[cut..].bytes().any(|c| c != b'0'))
        };
        let mut r: u64 = 0;
        for c in kept.bytes() {
            r = r.wrapping_mul(10).wrapping_add(u64::from(c - b'0'));
        }
        for _ in 0..k.clamp(0, 64) {
            r = r.wrapping_mul(10);
        }
        r.wrapping_add(u64::from(round_up))
    };
    let v = low as i64;
    if positive { v } else { v.wrapping_neg() }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

/// `parseQuantityString`: sign, numerator, denominator, suffix.
fn split(s: &str) -> Result<(bool, &str, &str, &str), &'static str> {
    let b = s.as_bytes();
    let end = b.len();
    let mut pos = 0;
    let mut positive = true;
    match b[0] {
        b'-' => {
            positive = false;
            pos += 1;
        }
        b'+' => pos += 1,
        _ => {}
    }
    while pos < end && b[pos] == b'0' {
        pos += 1;
    }
    if pos >= end {
        return Ok((positive, "0", "", ""));
    }
    let num_start = pos;
    while pos < end && b[pos].is_ascii_digit() {
        pos += 1;
    }
    let mut num = &s[num_start..pos];
    if num.is_empty() {
        num = "0";
    }
    let mut denom = "";
    if pos < end && b[pos] == b'.' {
        pos += 1;
        let d = pos;
        while pos < end && b[pos].is_ascii_digit() {
            pos += 1;
        }
        denom = &s[d..pos];
    }
    let suffix_start = pos;
    while pos < end && b"eEinumkKMGTP".contains(&b[pos]) {
        pos += 1;
    }
    if pos < end && (b[pos] == b'-' || b[pos] == b'+') {
        pos += 1;
    }
    while pos < end && b[pos].is_ascii_digit() {
        pos += 1;
    }
    if pos < end {
        return Err(ERR_FORMAT_WRONG);
    }
    Ok((positive, num, denom, &s[suffix_start..]))
}

/// `quantitySuffixer.interpret`: (base, exponent, format).
fn interpret_suffix(suffix: &str) -> Option<(u32, i32, Format)> {
    Some(match suffix {
        "" => (10, 0, Format::DecimalSI),
        "n" => (10, -9, Format::DecimalSI),
        "u" => (10, -6, Format::DecimalSI),
        "m" => (10, -3, Format::DecimalSI),
        "k" => (10, 3, Format::DecimalSI),
        "M" => (10, 6, Format::DecimalSI),
        "G" => (10, 9, Format::DecimalSI),
        "T" => (10, 12, Format::DecimalSI),
        "P" => (10, 15, Format::DecimalSI),
        "E" => (10, 18, Format::DecimalSI),
        "Ki" => (2, 10, Format::BinarySI),
        "Mi" => (2, 20, Format::BinarySI),
        "Gi" => (2, 30, Format::BinarySI),
        "Ti" => (2, 40, Format::BinarySI),
        "Pi" => (2, 50, Format::BinarySI),
        "Ei" => (2, 60, Format::BinarySI),
        s if s.len() > 1 && (s.starts_with('e') || s.starts_with('E')) => {
            let e: i32 = s[1..].parse().ok()?;
            (10, e, Format::DecimalExponent)
        }
        _ => return None,
    })
}

/// value × 1000, rounded up, saturating.
fn scaled_millis(num: &str, denom: &str, base: u32, exp: i32) -> i128 {
    // mantissa as integer with `scale` decimal places
    let digits: String = format!("{num}{denom}");
    let digits = digits.trim_start_matches('0');
    let mut scale: i32 = denom.len() as i32;
    let mut mant: i128 = 0;
    for c in digits.bytes() {
        match mant.checked_mul(10).and_then(|m| m.checked_add(i128::from(c - b'0'))) {
            Some(m) => mant = m,
            None => {
                // too many digits: drop precision
                scale -= 1;
            }
        }
    }
    let mut dec_exp = 3 - scale; // × 1000
    if base == 10 {
        dec_exp += exp;
    } else {
        let mul = 1i128.checked_shl(exp as u32).unwrap_or(i128::MAX);
        mant = mant.saturating_mul(mul);
    }
    if dec_exp >= 0 {
        let mut v = mant;
        for _ in 0..dec_exp {
            v = v.saturating_mul(10);
            if v == i128::MAX {
                break;
            }
        }
        v
    } else {
        let mut div: i128 = 1;
        for _ in 0..(-dec_exp) {
            div = div.saturating_mul(10);
            if div == i128::MAX {
                return i128::from(mant > 0);
            }
        }
        let q = mant / div;
        if mant % div != 0 { q + 1 } else { q }
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Quantity, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Quantity;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a quantity")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Quantity, E> {
                Quantity::parse(s).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Quantity, E> {
                Quantity::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Quantity, E> {
                Quantity::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Quantity, E> {
                Quantity::parse(&crate::source::tree::format_float(v)).map_err(E::custom)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Quantity, E> {
                Ok(Quantity::default())
            }
            fn visit_none<E: de::Error>(self) -> Result<Quantity, E> {
                Ok(Quantity::default())
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Quantity, D::Error> {
                d.deserialize_any(V)
            }
        }
        d.deserialize_newtype_struct(QUANTITY_TOKEN, V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_like_apimachinery() {
        let ok: &[(&str, i128, &str)] = &[
            ("100m", 100, "100m"),
            ("0.5", 500, "500m"),
            ("1", 1000, "1"),
            ("1Gi", 1_073_741_824_000, "1Gi"),
            ("1024Mi", 1_073_741_824_000, "1Gi"),
            ("1.5Gi", 1_610_612_736_000, "1536Mi"),
            ("2k", 2_000_000, "2k"),
            ("1e3", 1_000_000, "1e3"),
            ("0.15", 150, "150m"),
            ("1n", 1, "1m"),
            ("-1", -1000, "-1"),
            ("+2", 2000, "2"),
            ("1.", 1000, "1"),
            (".5", 500, "500m"),
            ("000", 0, "0"),
        ];
        for (s, millis, canonical) in ok {
            let q = Quantity::parse(s).unwrap_or_default();
            assert_eq!(q.millis, *millis, "{s}");
            assert_eq!(q.canonical(), *canonical, "{s}");
        }
        for bad in ["", "abc", "1.5.5", "1 Gi", "1Gb", "1KiB"] {
            assert_eq!(Quantity::parse(bad), Err(ERR_FORMAT_WRONG), "{bad:?}");
        }
        for bad in ["100mm", "1ki", "--1"] {
            assert_eq!(Quantity::parse(bad), Err(ERR_SUFFIX), "{bad:?}");
        }
        assert_eq!(Quantity::parse("Gi"), Err(ERR_NUMERIC));
        // Beyond E: the mantissa alone (no DecimalSI suffix), as Go prints it.
        assert_eq!(Quantity::parse("1000000000000000000000").unwrap_or_default().canonical(), "1");
        assert_eq!(Quantity::parse("1500E").unwrap_or_default().canonical(), "1500E");
        assert_eq!(Quantity::parse("1e21").unwrap_or_default().canonical(), "1e21");
    }

    #[test]
    fn milli_value_overflows_like_go() {
        let q = |s: &str| Quantity::parse(s).unwrap_or_default().go_milli_value();
        assert_eq!(q("1.5"), 1500);
        assert_eq!(q("-2k"), -2_000_000);
        // int64Amount{1e16, 0} × 1000 wraps.
        assert_eq!(q("10000000000000000"), 10_000_000_000_000_000_000u64 as i64);
        // int64Amount{1, 21}: the ×10 loop overflows → 0.
        assert_eq!(q("1e21"), 0);
        // inf.Dec (22 digits): low 64 bits of 10^24.
        assert_eq!(q("1000000000000000000000"), (10u128.pow(24) as u64) as i64);
        // BinarySI capped at 2^63-1.
        assert_eq!(q("8Ei"), ((i128::from(i64::MAX) * 1000) as u64) as i64);
    }

    #[test]
    fn go_syntax_after_defaulting() {
        let go = |s: &str| {
            let mut q = Quantity::parse(s).unwrap_or_default();
            q.round_up_milli();
            q.go_syntax()
        };
        let int = |v: i64, sc: i32, s: &str| {
            format!(
                "resource.Quantity{{i:resource.int64Amount{{value:{v}, scale:{sc}}}, d:resource.infDecAmount{{Dec:(*inf.Dec)(nil)}}, s:\"{s}\", Format:\"DecimalSI\"}}"
            )
        };
        assert_eq!(go("500m"), int(500, -3, "500m"));
        assert_eq!(go("0.5"), int(5, -1, ""));
        assert_eq!(go("0.001"), int(1, -3, ""));
        assert_eq!(go("1n"), int(1, -3, ""));
        assert_eq!(go("1500u"), int(2, -3, ""));
        assert_eq!(
            go("1000000000000000000000"),
            "resource.Quantity{i:resource.int64Amount{value:0, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(0x?)}, s:\"\", Format:\"DecimalSI\"}"
        );
    }
}
