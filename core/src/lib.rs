//! everynode-core: validate Kubernetes DaemonSets exactly like kube-apiserver and compute
//! where their pods run, offline. Pure: no I/O, no clock, no environment (ARCHITECTURE.md).
//!
//! ```
//! use everynode_core::{check, Input, Options};
//! let yaml = b"apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: x, namespace: default}\n";
//! let report = check(&[Input::new("ds.yaml", yaml)], &[], &[], &Options::default());
//! assert!(report.has_errors());
//! ```

pub mod admission;
pub mod check;
pub mod codes;
#[cfg(feature = "schema")]
pub mod contract;
pub mod decode;
pub mod defaults;
pub mod diagnostic;
pub mod drop_disabled;
pub mod edit;
pub mod export;
pub mod gates;
pub mod migrate;
pub mod model;
pub mod objects;
pub mod place;
pub mod podsecurity;
mod quote;
pub mod render;
pub mod report;
pub mod settings;
pub mod source;
pub mod validate;
pub mod version;

pub use check::{Input, Options, check};
pub use diagnostic::{CauseType, Diagnostic, Location, Severity, Span, Stage};
pub use report::{ObjectReport, Report};
pub use version::KubeVersion;
