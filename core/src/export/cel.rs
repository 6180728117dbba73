//! Small builders for the CEL text of the exported rules. Every expression is written so that it
//! gives the same answer on the API server's defaulted object (admission) and on the raw
//! manifest (Kyverno CLI in CI, which does not default): an absent field reads as its default.

/// `has(a.b) && has(a.b.c) && …` for every step of a dotted path below its root variable.
pub fn has_path(path: &str) -> String {
    let parts: Vec<&str> = path.split('.').collect();
    let mut out = Vec::new();
    for i in 2..=parts.len() {
        out.push(format!("has({})", parts[..i].join(".")));
    }
    out.join(" && ")
}

/// The value at `path`, or `default` (CEL text) when it or a parent is absent.
pub fn or_default(path: &str, default: &str) -> String {
    format!("({} ? {path} : {default})", has_path(path))
}

/// A list field, `[]` when absent.
pub fn list(path: &str) -> String {
    or_default(path, "[]")
}

/// A string field of a list element (`c.name`), `''` when absent.
pub fn str_field(var: &str, field: &str) -> String {
    format!("(has({var}.{field}) ? {var}.{field} : '')")
}

/// `object.spec.template.spec`.
pub const POD: &str = "object.spec.template.spec";

/// Containers and init containers (the lists ValidateDaemonSet checks ports and names of).
pub fn all_containers() -> String {
    format!("({} + {})", list(&format!("{POD}.containers")), list(&format!("{POD}.initContainers")))
}

/// A quoted CEL string literal (single quotes).
pub fn quote(s: &str) -> String {
    let mut out = String::from("'");
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A CEL list of string literals.
pub fn str_list<S: AsRef<str>>(items: &[S]) -> String {
    format!("[{}]", items.iter().map(|s| quote(s.as_ref())).collect::<Vec<_>>().join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builders() {
        assert_eq!(has_path("object.spec.x"), "has(object.spec) && has(object.spec.x)");
        assert_eq!(or_default("object.a", "1"), "(has(object.a) ? object.a : 1)");
        assert_eq!(quote("it's"), "'it\\'s'");
        assert_eq!(str_list(&["a", "b"]), "['a', 'b']");
    }
}
