//! Typed Kubernetes API objects, as the API server decodes them (k8s.io/api v1.35).
//!
//! Conventions (they make strict decoding fall out of serde, see `decode`):
//! - Rust struct name = Go type name (`ContainerPort`); the decoder uses it in
//!   `cannot unmarshal … into Go struct field ContainerPort.…` messages.
//! - Every field of the Go type is present (unknown-field detection depends on it).
//! - Go pointer fields are `Option<T>`; Go value fields (strings, ints, bools, slices, maps,
//!   structs) are plain `T` with `#[serde(default)]` on the struct, so an absent field is
//!   Go's zero value.
//! - Field names are snake_case of the JSON name, with `#[serde(rename = "...")]` where
//!   camelCase does not reproduce the JSON name (`hostIP`, `podIPs`, ...).
//! - Go `int32` → `i32`, `int64` → `i64`, `resource.Quantity` → `Quantity`,
//!   `intstr.IntOrString` → `IntOrString`, `metav1.Time` → `Time`,
//!   `map[string]string` → `BTreeMap<String, String>`, `ResourceList` → `ResourceList`.

pub mod apps;
pub mod cluster;
pub mod meta;
pub mod node;
pub mod pod;
pub mod primitives;
pub mod quantity;

pub use primitives::{GoSlice, IntOrString, ResourceList, StringMap, Time};
pub use quantity::Quantity;
