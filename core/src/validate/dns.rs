//! `validateDNSPolicy` and `validatePodDNSConfig`.

use crate::model::pod::PodDNSConfig;
use crate::version::KubeVersion;

use super::field::{BadValue, FieldError, Path, go_quote};
use super::names;
use super::rule::Rule;

/// `validateDNSPolicy`.
pub fn validate_dns_policy(policy: &str, path: &Path) -> Vec<FieldError> {
    match policy {
        "ClusterFirstWithHostNet" | "ClusterFirst" | "Default" | "None" => Vec::new(),
        "" => vec![FieldError::required(path, "")],
        other => vec![FieldError::not_supported(path, other, &["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"])],
    }
}

fn string_list(items: &[String]) -> BadValue {
    let json = serde_json::Value::Array(items.iter().cloned().map(serde_json::Value::String).collect());
    let go = if items.is_empty() {
        "[]string(nil)".to_string()
    } else {
        format!("[]string{{{}}}", items.iter().map(|s| go_quote(s)).collect::<Vec<_>>().join(", "))
    };
    BadValue::Json { json, go: Some(go) }
}

/// `validatePodDNSConfig`. Search paths may contain `_` and be `.` from 1.33
/// (`RelaxedDNSSearchValidation`, beta on by default).
pub fn validate_dns_config(cfg: Option<&PodDNSConfig>, policy: &str, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if policy == "None" {
        match cfg {
            None => {
                return vec![FieldError::required(path, "must provide `dnsConfig` when `dnsPolicy` is None").rule(Rule::DnsConfigRequired)];
            }
            Some(c) if c.nameservers.is_empty() => {
                return vec![
                    FieldError::required(&path.child("nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None")
                        .rule(Rule::DnsNameserverRequired),
                ];
            }
            Some(_) => {}
        }
    }
    let Some(c) = cfg else {
        return errs;
    };
    if c.nameservers.len() > 3 {
        errs.push(FieldError::invalid(&path.child("nameservers"), string_list(&c.nameservers), "must not have more than 3 nameservers"));
    }
    for (i, ns) in c.nameservers.iter().enumerate() {
        if v.at_least(30) {
            errs.extend(names::valid_ip(&path.child("nameservers").index(i), ns));
        } else {
            errs.extend(names::valid_ip_legacy(&path.child("nameservers").index(i), ns));
        }
    }
    if c.searches.len() > 32 {
        errs.push(FieldError::invalid(&path.child("searches"), string_list(&c.searches), "must not have more than 32 search paths"));
    }
    if c.searches.join(" ").len() > 2048 {
        errs.push(FieldError::invalid(
            &path.child("searches"),
            string_list(&c.searches),
            "must not have more than 2048 characters (including spaces) in the search list",
        ));
    }
    for (i, s) in c.searches.iter().enumerate() {
        let sp = path.child("searches").index(i);
        if v.at_least(33) {
            if s != "." {
                let t = s.strip_suffix('.').unwrap_or(s);
                errs.extend(names::invalid_each(&sp, t, names::dns1123_subdomain_with_underscore(t, v)));
            }
        } else {
            let t = s.strip_suffix('.').unwrap_or(s);
            errs.extend(names::invalid_each(&sp, t, names::dns1123_subdomain(t)));
        }
    }
    for (i, o) in c.options.iter().enumerate() {
        if o.name.is_empty() {
            errs.push(FieldError::required(&path.child("options").index(i), "must not be empty"));
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dns_rules() {
        let v = KubeVersion::new(35);
        assert_eq!(
            validate_dns_policy("Cluster", &Path::new("p"))[0].message(v),
            "p: Unsupported value: \"Cluster\": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\""
        );
        assert_eq!(
            validate_dns_config(None, "None", &Path::new("c"), v)[0].message(v),
            "c: Required value: must provide `dnsConfig` when `dnsPolicy` is None"
        );
        let c = PodDNSConfig {
            nameservers: vec!["1.1.1.1".into(), "x".into()],
            searches: vec!["_srv.example.com".into()],
            ..PodDNSConfig::default()
        };
        let msgs: Vec<String> = validate_dns_config(Some(&c), "None", &Path::new("c"), v).iter().map(|e| e.message(v)).collect();
        assert_eq!(msgs, vec!["c.nameservers[1]: Invalid value: \"x\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"]);
        assert_eq!(validate_dns_config(Some(&c), "None", &Path::new("c"), KubeVersion::new(32)).len(), 2);
    }
}
