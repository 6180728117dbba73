//! String-format checks of `k8s.io/apimachinery/pkg/util/validation` and
//! `k8s.io/apimachinery/pkg/api/validate/content`: each returns the list of detail messages
//! the Go function returns (empty when valid), worded for the selected version.

use crate::version::KubeVersion;

use super::field::{FieldError, Path};

pub const DNS1123_LABEL_MAX: usize = 63;
pub const DNS1123_SUBDOMAIN_MAX: usize = 253;
const LABEL_KEY_NAME_MAX: usize = 63;
const LABEL_VALUE_MAX: usize = 63;

const DNS1123_LABEL_FMT: &str = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_LABEL_MSG: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_FMT: &str = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
const DNS1123_SUBDOMAIN_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_US_FMT: &str = "_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*";
const DNS1123_SUBDOMAIN_US_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character";
const LABEL_KEY_FMT: &str = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const LABEL_KEY_MSG: &str =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT: &str = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
const LABEL_VALUE_MSG: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const PERCENT_FMT: &str = "[0-9]+%";
const PERCENT_MSG: &str = "a valid percent string must be a numeric string followed by an ending '%'";
const ENV_VAR_FMT: &str = "[-._a-zA-Z][-._a-zA-Z0-9]*";
const ENV_VAR_MSG: &str =
    "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";
const RELAXED_ENV_VAR_MSG: &str = "a valid environment variable name must consist only of printable ASCII characters other than '='";
const CONFIG_MAP_KEY_FMT: &str = "[-._a-zA-Z0-9]+";
const CONFIG_MAP_KEY_MSG: &str = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
const HTTP_HEADER_FMT: &str = "[-A-Za-z0-9]+";
const HTTP_HEADER_MSG: &str = "a valid HTTP header must consist of alphanumeric characters or '-'";

/// `validation.RegexError`.
pub fn regex_error(msg: &str, fmt: &str, examples: &[&str]) -> String {
    if examples.is_empty() {
        return format!("{msg} (regex used for validation is '{fmt}')");
    }
    let mut s = format!("{msg} (e.g. ");
    for (i, e) in examples.iter().enumerate() {
        if i > 0 {
            s.push_str(" or ");
        }
        s.push('\'');
        s.push_str(e);
        s.push_str("', ");
    }
    s.push_str("regex used for validation is '");
    s.push_str(fmt);
    s.push_str("')");
    s
}

/// `validation.MaxLenError` (always "characters").
pub fn max_len_error(n: usize) -> String {
    format!("must be no more than {n} characters")
}

/// `content.MaxLenError`: "bytes" from 1.35, where label keys and values moved to the
/// `content` package; "characters" before.
fn content_max_len_error(n: usize, v: KubeVersion) -> String {
    if v.at_least(35) { format!("must be no more than {n} bytes") } else { max_len_error(n) }
}

/// `validation.InclusiveRangeError`.
pub fn inclusive_range_error(lo: i64, hi: i64) -> String {
    format!("must be between {lo} and {hi}, inclusive")
}

pub const IS_NEGATIVE_MSG: &str = "must be greater than or equal to 0";
pub const IS_NOT_POSITIVE_MSG: &str = "must be greater than zero";

fn is_lower_alnum(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// `^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`
fn matches_dns_label(s: &str) -> bool {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) => is_lower_alnum(f) && is_lower_alnum(l) && b.iter().all(|&c| is_lower_alnum(c) || c == b'-'),
        _ => false,
    }
}

fn matches_dns_subdomain(s: &str) -> bool {
    s.split('.').all(matches_dns_label)
}

/// `^_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?$`
fn matches_dns_label_underscore(s: &str) -> bool {
    let s = s.strip_prefix('_').unwrap_or(s);
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) => is_lower_alnum(f) && is_lower_alnum(l) && b.iter().all(|&c| is_lower_alnum(c) || c == b'-' || c == b'_'),
        _ => false,
    }
}

/// `^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$`
fn matches_label_key_name(s: &str) -> bool {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) => {
            f.is_ascii_alphanumeric()
                && l.is_ascii_alphanumeric()
                && b.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_' || c == b'.')
        }
        _ => false,
    }
}

/// `IsDNS1123Label`.
pub fn dns1123_label(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > DNS1123_LABEL_MAX {
        errs.push(max_len_error(DNS1123_LABEL_MAX));
    }
    if !matches_dns_label(value) {
        if matches_dns_subdomain(value) {
            errs.push("must not contain dots".to_string());
        } else {
            errs.push(regex_error(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, &["my-name", "123-abc"]));
        }
    }
    errs
}

/// `IsDNS1123Subdomain`.
pub fn dns1123_subdomain(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > DNS1123_SUBDOMAIN_MAX {
        errs.push(max_len_error(DNS1123_SUBDOMAIN_MAX));
    }
    if !matches_dns_subdomain(value) {
        errs.push(regex_error(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, &["example.com"]));
    }
    errs
}

/// `IsDNS1123SubdomainWithUnderscore` (relaxed DNS search paths). Its message quoted the
/// regex without underscores until 1.33 (apimachinery passed `dns1123SubdomainFmt`).
pub fn dns1123_subdomain_with_underscore(value: &str, v: KubeVersion) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > DNS1123_SUBDOMAIN_MAX {
        errs.push(max_len_error(DNS1123_SUBDOMAIN_MAX));
    }
    if !value.split('.').all(matches_dns_label_underscore) {
        let fmt = if v.at_least(34) { DNS1123_SUBDOMAIN_US_FMT } else { DNS1123_SUBDOMAIN_FMT };
        errs.push(regex_error(DNS1123_SUBDOMAIN_US_MSG, fmt, &["example.com"]));
    }
    errs
}

/// `maskTrailingDash` of apimachinery's name validators (used with `prefix=true`).
fn mask_trailing_dash(name: &str) -> String {
    if name.len() > 1 && name.ends_with('-') {
        // Go: name[:len(name)-2] + "a"
        let cut = name.len() - 2;
        match name.get(..cut) {
            Some(head) => format!("{head}a"),
            None => name.to_string(),
        }
    } else {
        name.to_string()
    }
}

/// `NameIsDNSSubdomain(name, prefix)`.
pub fn name_is_dns_subdomain(name: &str, prefix: bool) -> Vec<String> {
    if prefix { dns1123_subdomain(&mask_trailing_dash(name)) } else { dns1123_subdomain(name) }
}

/// `NameIsDNSLabel(name, prefix)` (= `ValidateNamespaceName`).
pub fn name_is_dns_label(name: &str, prefix: bool) -> Vec<String> {
    if prefix { dns1123_label(&mask_trailing_dash(name)) } else { dns1123_label(name) }
}

/// `IsQualifiedName` / `content.IsLabelKey` (label keys, annotation keys, resource names...).
pub fn qualified_name(value: &str, v: KubeVersion) -> Vec<String> {
    let mut errs = Vec::new();
    let parts: Vec<&str> = value.split('/').collect();
    let name = match parts.as_slice() {
        [name] => *name,
        [prefix, name] => {
            if prefix.is_empty() {
                errs.push("prefix part must be non-empty".to_string());
            } else {
                // The prefix uses content.IsDNS1123Subdomain from 1.35 ("bytes").
                let mut msgs = Vec::new();
                if prefix.len() > DNS1123_SUBDOMAIN_MAX {
                    msgs.push(content_max_len_error(DNS1123_SUBDOMAIN_MAX, v));
                }
                if !matches_dns_subdomain(prefix) {
                    msgs.push(regex_error(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, &["example.com"]));
                }
                errs.extend(msgs.into_iter().map(|m| format!("prefix part {m}")));
            }
            *name
        }
        _ => {
            let what = if v.at_least(35) { "a valid label key" } else { "a qualified name" };
            errs.push(format!(
                "{what} {} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
                regex_error(LABEL_KEY_MSG, LABEL_KEY_FMT, &["MyName", "my.name", "123-abc"])
            ));
            return errs;
        }
    };
    if name.is_empty() {
        errs.push("name part must be non-empty".to_string());
    } else if name.len() > LABEL_KEY_NAME_MAX {
        errs.push(format!("name part {}", content_max_len_error(LABEL_KEY_NAME_MAX, v)));
    }
    if !matches_label_key_name(name) {
        errs.push(format!("name part {}", regex_error(LABEL_KEY_MSG, LABEL_KEY_FMT, &["MyName", "my.name", "123-abc"])));
    }
    errs
}

/// `IsValidLabelValue` / `content.IsLabelValue`.
pub fn label_value(value: &str, v: KubeVersion) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > LABEL_VALUE_MAX {
        errs.push(content_max_len_error(LABEL_VALUE_MAX, v));
    }
    if !(value.is_empty() || matches_label_key_name(value)) {
        errs.push(regex_error(LABEL_VALUE_MSG, LABEL_VALUE_FMT, &["MyValue", "my_value", "12345"]));
    }
    errs
}

/// `IsValidPortNum`.
pub fn port_num(port: i64) -> Vec<String> {
    if (1..=65535).contains(&port) { Vec::new() } else { vec![inclusive_range_error(1, 65535)] }
}

/// `IsValidPortName` (IANA_SVC_NAME): every failing rule gives a message.
pub fn port_name(port: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if port.len() > 15 {
        errs.push(max_len_error(15));
    }
    if port.is_empty() || !port.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-') {
        errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)".to_string());
    }
    if !port.bytes().any(|c| c.is_ascii_lowercase()) {
        errs.push("must contain at least one letter (a-z)".to_string());
    }
    if port.contains("--") {
        errs.push("must not contain consecutive hyphens".to_string());
    }
    if port.starts_with('-') || port.ends_with('-') {
        errs.push("must not begin or end with a hyphen".to_string());
    }
    errs
}

/// `^[0-9]+%$`
pub fn is_percent(s: &str) -> bool {
    s.strip_suffix('%').is_some_and(|n| !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()))
}

/// `IsValidPercent`.
pub fn percent(value: &str) -> Vec<String> {
    if is_percent(value) { Vec::new() } else { vec![regex_error(PERCENT_MSG, PERCENT_FMT, &["1%", "93%"])] }
}

fn has_chdir_prefix(value: &str) -> Option<String> {
    if value == "." {
        Some("must not be '.'".into())
    } else if value == ".." {
        Some("must not be '..'".into())
    } else if value.starts_with("..") {
        Some("must not start with '..'".into())
    } else {
        None
    }
}

/// `IsEnvVarName` (strict).
pub fn env_var_name_strict(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let b = value.as_bytes();
    let ok = b.first().is_some_and(|&f| f == b'-' || f == b'.' || f == b'_' || f.is_ascii_alphabetic())
        && b.iter().all(|&c| c == b'-' || c == b'.' || c == b'_' || c.is_ascii_alphanumeric());
    if !ok {
        errs.push(regex_error(ENV_VAR_MSG, ENV_VAR_FMT, &["my.env-name", "MY_ENV.NAME", "MyEnvName1"]));
    }
    errs.extend(has_chdir_prefix(value));
    errs
}

/// `IsRelaxedEnvVarName`.
pub fn env_var_name_relaxed(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.is_empty() {
        errs.push("environment variable name must be non-empty".to_string());
    }
    if value.chars().any(|c| !(' '..='~').contains(&c) || c == '=') {
        errs.push(RELAXED_ENV_VAR_MSG.to_string());
    }
    errs
}

/// Env var names as the selected version checks them (`RelaxedEnvironmentVariableValidation`
/// is on by default from 1.32).
pub fn env_var_name(value: &str, v: KubeVersion) -> Vec<String> {
    if v.at_least(32) { env_var_name_relaxed(value) } else { env_var_name_strict(value) }
}

/// `IsConfigMapKey`.
pub fn config_map_key(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > DNS1123_SUBDOMAIN_MAX {
        errs.push(max_len_error(DNS1123_SUBDOMAIN_MAX));
    }
    if value.is_empty() || !value.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'.' || c == b'_') {
        errs.push(regex_error(CONFIG_MAP_KEY_MSG, CONFIG_MAP_KEY_FMT, &["key.name", "KEY_NAME", "key-name"]));
    }
    errs.extend(has_chdir_prefix(value));
    errs
}

/// `IsHTTPHeaderName`.
pub fn http_header_name(value: &str) -> Vec<String> {
    if !value.is_empty() && value.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-') {
        Vec::new()
    } else {
        vec![regex_error(HTTP_HEADER_MSG, HTTP_HEADER_FMT, &["X-Header-Name"])]
    }
}

/// `IsValidUserID` / `IsValidGroupID` (0..=2147483647 through 1.35).
pub fn unix_id(id: i64) -> Vec<String> {
    if (0..=2_147_483_647).contains(&id) { Vec::new() } else { vec![inclusive_range_error(0, 2_147_483_647)] }
}

/// `netutils.ParseIPSloppy`: like Go's `net.ParseIP` but IPv4 octets may have leading zeros.
pub fn parse_ip_sloppy(s: &str) -> Option<std::net::IpAddr> {
    if let Ok(ip) = s.parse::<std::net::IpAddr>() {
        return Some(ip);
    }
    // Leading zeros in dotted IPv4 ("010.0.0.1").
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() == 4 && parts.iter().all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|c| c.is_ascii_digit())) {
        let mut octets = [0u8; 4];
        for (o, p) in octets.iter_mut().zip(parts.iter()) {
            *o = p.parse::<u8>().ok()?;
        }
        return Some(std::net::IpAddr::from(octets));
    }
    None
}

/// `validation.IsValidIP(fldPath, value)`.
pub fn valid_ip(path: &Path, value: &str) -> Vec<FieldError> {
    if parse_ip_sloppy(value).is_some() {
        Vec::new()
    } else {
        vec![FieldError::invalid(path, value, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")]
    }
}

/// The pre-1.30 check of DNS nameservers and host alias IPs (`netutils.ParseIPSloppy` with the
/// message "must be valid IP address").
pub fn valid_ip_legacy(path: &Path, value: &str) -> Vec<FieldError> {
    if parse_ip_sloppy(value).is_some() { Vec::new() } else { vec![FieldError::invalid(path, value, "must be valid IP address")] }
}

/// One `field.Invalid` per message.
pub fn invalid_each(path: &Path, value: &str, msgs: Vec<String>) -> Vec<FieldError> {
    msgs.into_iter().map(|m| FieldError::invalid(path, value, m)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const V35: KubeVersion = KubeVersion::new(35);
    const V34: KubeVersion = KubeVersion::new(34);

    #[test]
    fn dns_labels() {
        let cases: &[(&str, &[&str])] = &[
            ("my-name", &[]),
            ("a", &[]),
            ("a.b", &["must not contain dots"]),
            (
                "-a",
                &[
                    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
                ],
            ),
            (
                "",
                &[
                    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
                ],
            ),
        ];
        for (input, want) in cases {
            assert_eq!(dns1123_label(input), want.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "{input}");
        }
        let long = "a".repeat(64);
        assert_eq!(dns1123_label(&long), vec!["must be no more than 63 characters".to_string()]);
    }

    #[test]
    fn subdomains() {
        assert!(dns1123_subdomain("example.com").is_empty());
        assert_eq!(dns1123_subdomain("Example.com").len(), 1);
        assert_eq!(dns1123_subdomain("a..b").len(), 1);
        assert!(name_is_dns_subdomain("web-", true).is_empty());
        assert_eq!(name_is_dns_subdomain("web-", false).len(), 1);
        assert!(dns1123_subdomain_with_underscore("_srv._tcp.example.com", KubeVersion::new(35)).is_empty());
    }

    #[test]
    fn label_keys_and_values() {
        assert!(qualified_name("app.kubernetes.io/name", V35).is_empty());
        assert_eq!(qualified_name("a/b/c", V35).len(), 1);
        assert!(qualified_name("a/b/c", V35)[0].starts_with("a valid label key must consist"));
        assert!(qualified_name("a/b/c", V34)[0].starts_with("a qualified name must consist"));
        assert_eq!(qualified_name("/x", V35), vec!["prefix part must be non-empty".to_string()]);
        let empty_name = qualified_name("example.com/", V35);
        assert_eq!(empty_name.len(), 2);
        assert_eq!(empty_name[0], "name part must be non-empty");
        let long = "a".repeat(64);
        assert_eq!(qualified_name(&long, V35)[0], "name part must be no more than 63 bytes");
        assert_eq!(qualified_name(&long, V34)[0], "name part must be no more than 63 characters");
        assert!(label_value("", V35).is_empty());
        assert!(label_value("my_value", V35).is_empty());
        assert_eq!(label_value("-x", V35).len(), 1);
        assert_eq!(label_value(&long, V35), vec!["must be no more than 63 bytes".to_string()]);
    }

    #[test]
    fn ports_and_percent() {
        assert!(port_name("http").is_empty());
        assert_eq!(port_name("-Http--").len(), 3);
        assert_eq!(port_name("1234"), vec!["must contain at least one letter (a-z)".to_string()]);
        assert_eq!(port_name("a-very-long-port-name").len(), 1);
        assert_eq!(port_num(0), vec!["must be between 1 and 65535, inclusive".to_string()]);
        assert!(is_percent("10%"));
        assert!(!is_percent("%"));
        assert!(!is_percent("10"));
    }

    #[test]
    fn env_names() {
        assert!(env_var_name_strict("MY_VAR").is_empty());
        assert_eq!(env_var_name_strict("1A").len(), 1);
        assert_eq!(env_var_name_strict("..a"), vec!["must not start with '..'".to_string()]);
        assert!(env_var_name_relaxed("1A").is_empty());
        assert_eq!(env_var_name_relaxed("A=B").len(), 1);
        assert_eq!(env_var_name_relaxed("").len(), 1);
    }

    #[test]
    fn ips() {
        assert!(parse_ip_sloppy("10.0.0.1").is_some());
        assert!(parse_ip_sloppy("010.000.0.1").is_some());
        assert!(parse_ip_sloppy("::1").is_some());
        assert!(parse_ip_sloppy("1.2.3").is_none());
        assert!(parse_ip_sloppy("").is_none());
    }
}
