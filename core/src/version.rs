//! The Kubernetes version whose API server behaviour is reproduced (1.27–1.35, default 1.35).

use std::fmt;

/// A supported Kubernetes minor version (major is always 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KubeVersion {
    pub minor: u32,
}

impl KubeVersion {
    pub const OLDEST: KubeVersion = KubeVersion { minor: 27 };
    pub const NEWEST: KubeVersion = KubeVersion { minor: 35 };
    pub const DEFAULT: KubeVersion = KubeVersion::NEWEST;

    pub const fn new(minor: u32) -> KubeVersion {
        KubeVersion { minor }
    }

    /// Parse `1.35`, `v1.35`, `1.35.4`. Versions outside 1.27–1.35 are refused.
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
            _ => Err(format!("invalid Kubernetes version {s:?}: expected MAJOR.MINOR such as 1.35")),
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
    }
}
