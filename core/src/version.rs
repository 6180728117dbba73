//! The Kubernetes version whose API server behaviour is reproduced. This file is the one list of
//! supported versions: every front end (CLI help and default, npm, playground, policy settings,
//! docs) takes `OLDEST`, `NEWEST` and `DEFAULT` from here. The oracle builds one program per
//! minor of the same range (oracle/minors.txt; a test keeps the two equal).

use std::fmt;

/// A supported Kubernetes minor version (major is always 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KubeVersion {
    pub minor: u32,
}

impl KubeVersion {
    pub const OLDEST: KubeVersion = KubeVersion { minor: 27 };
    pub const NEWEST: KubeVersion = KubeVersion { minor: 37 };
    pub const DEFAULT: KubeVersion = KubeVersion::NEWEST;
    /// `DEFAULT` as text, for argument parsers that need a `&'static str` default.
    pub const DEFAULT_STR: &'static str = "1.37";
    /// The supported range as shown in help texts.
    pub const RANGE_STR: &'static str = "1.27–1.37";

    /// Every supported version, oldest first.
    pub fn all() -> impl Iterator<Item = KubeVersion> {
        (Self::OLDEST.minor..=Self::NEWEST.minor).map(KubeVersion::new)
    }

    pub const fn new(minor: u32) -> KubeVersion {
        KubeVersion { minor }
    }

    /// Parse `1.37`, `v1.37`, `1.37.2`. Versions outside `RANGE_STR` are refused.
    pub fn parse(s: &str) -> Result<KubeVersion, String> {
        let t = s.trim().trim_start_matches('v');
        let mut parts = t.split('.');
        let major = parts.next().and_then(|p| p.parse::<u32>().ok());
        let minor = parts.next().and_then(|p| p.parse::<u32>().ok());
        match (major, minor) {
            (Some(1), Some(m)) if (Self::OLDEST.minor..=Self::NEWEST.minor).contains(&m) => Ok(KubeVersion { minor: m }),
            (Some(1), Some(_)) => Err(format!(
                "unsupported Kubernetes version {s:?}: supported versions are 1.{}–1.{}",
                Self::OLDEST.minor,
                Self::NEWEST.minor
            )),
            _ => Err(format!("invalid Kubernetes version {s:?}: expected MAJOR.MINOR such as 1.37")),
        }
    }

    /// At least 1.`minor`.
    pub fn at_least(self, minor: u32) -> bool {
        self.minor >= minor
    }
}

impl Default for KubeVersion {
    fn default() -> KubeVersion {
        KubeVersion::DEFAULT
    }
}

impl fmt::Display for KubeVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "1.{}", self.minor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses() {
        assert_eq!(KubeVersion::parse("1.35"), Ok(KubeVersion::new(35)));
        assert_eq!(KubeVersion::parse("v1.28.3"), Ok(KubeVersion::new(28)));
        assert!(KubeVersion::parse("1.20").is_err());
        assert!(KubeVersion::parse("two").is_err());
        assert_eq!(KubeVersion::parse("1.37"), Ok(KubeVersion::NEWEST));
        assert!(KubeVersion::parse("1.38").is_err());
    }

    #[test]
    fn texts_match_the_constants() {
        assert_eq!(KubeVersion::DEFAULT_STR, KubeVersion::DEFAULT.to_string());
        assert_eq!(KubeVersion::RANGE_STR, format!("{}–{}", KubeVersion::OLDEST, KubeVersion::NEWEST));
    }

    #[test]
    fn the_oracle_builds_every_supported_minor() {
        let minors = include_str!("../../oracle/minors.txt");
        let listed: Vec<String> =
            minors.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split_whitespace().next()).map(str::to_string).collect();
        let supported: Vec<String> = KubeVersion::all().map(|v| v.to_string()).collect();
        assert_eq!(listed, supported, "oracle/minors.txt and KubeVersion disagree");
    }
}
