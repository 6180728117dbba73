//! The playground state as it travels in share links (`#v1=…`) and in localStorage.
//!
//! A link is `#v1=` followed by base64url (no padding) of raw-deflated JSON. The version prefix
//! lets old links keep decoding when the snapshot changes shape: add a `v2=` decoder next to
//! this one instead of changing what `v1=` means.

use serde::{Deserialize, Serialize};

/// Everything a link reproduces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct Snapshot {
    /// DaemonSet editor text.
    pub ds: String,
    /// Nodes editor text; empty when `generated_nodes` is set.
    pub nodes: String,
    /// Pods editor text.
    pub pods: String,
    /// Kubernetes minor version (`state::MINORS`).
    pub k8s: u32,
    /// Policy settings editor text (core::settings); absent in older links.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub settings: String,
    /// The Pod Security level the namespace enforces (`baseline`…); empty: from a Namespace in the
    /// inputs or the settings.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub pod_security: String,
    /// The nodes are the in-browser generated cluster of this many nodes (not stored as text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub generated_nodes: Option<usize>,
}

/// URL fragment prefix of the current encoding.
pub const PREFIX_V1: &str = "v1=";
/// Decompressed snapshots larger than this are refused (a link cannot make the tab allocate GBs).
const MAX_DECODED: usize = 32 << 20;

/// `v1=…` for a snapshot.
pub fn encode(s: &Snapshot) -> String {
    let json = serde_json::to_vec(s).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    format!("{PREFIX_V1}{}", base64url_encode(&packed))
}

/// Decode a fragment (with or without the leading `#`).
pub fn decode(fragment: &str) -> Result<Snapshot, String> {
    let f = fragment.strip_prefix('#').unwrap_or(fragment);
    let Some(payload) = f.strip_prefix(PREFIX_V1) else {
        return Err("unknown share link format".to_string());
    };
    let packed = base64url_decode(payload.trim()).ok_or("the share link is damaged (not base64url)")?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_DECODED)
        .map_err(|_| "the share link is damaged (bad compressed data)".to_string())?;
    serde_json::from_slice(&json).map_err(|e| format!("the share link is damaged: {e}"))
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

pub fn base64url_encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            let idx = (n >> (18 - 6 * i)) & 63;
            out.push(char::from(ALPHABET[idx as usize]));
        }
    }
    out
}

pub fn base64url_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            b'=' => break,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trip() {
        for data in [&b""[..], b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar", &[0xff, 0xfe, 0x00, 0x80]] {
            let e = base64url_encode(data);
            assert!(!e.contains(['+', '/', '=']));
            assert_eq!(base64url_decode(&e).as_deref(), Some(data));
        }
        assert_eq!(base64url_encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64url_encode(b"fo"), "Zm8");
        assert_eq!(base64url_decode("not base64!"), None);
    }

    #[test]
    fn snapshot_round_trip() {
        let s = Snapshot {
            ds: "apiVersion: apps/v1\nkind: DaemonSet # 守护进程\n".into(),
            nodes: "x".into(),
            pods: String::new(),
            settings: "minNodes: 2\n".into(),
            k8s: 31,
            pod_security: "baseline".into(),
            generated_nodes: None,
        };
        let link = encode(&s);
        assert!(link.starts_with("v1="));
        assert_eq!(decode(&format!("#{link}")), Ok(s.clone()));
        let g = Snapshot { generated_nodes: Some(5000), nodes: String::new(), ..s };
        assert_eq!(decode(&encode(&g)), Ok(g));
    }

    #[test]
    fn bad_links_are_errors() {
        assert!(decode("#v9=abc").is_err());
        assert!(decode("#v1=%%%").is_err());
        assert!(decode("#v1=AAAA").is_err());
        // Missing fields default (old links keep decoding when fields are added).
        let packed = miniz_oxide::deflate::compress_to_vec(br#"{"ds":"a"}"#, 9);
        let s = decode(&format!("v1={}", base64url_encode(&packed))).expect("decodes");
        assert_eq!(s.ds, "a");
        assert_eq!(s.k8s, 0);
    }
}
