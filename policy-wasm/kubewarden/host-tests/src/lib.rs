//! Tests only: see tests/wapc.rs.
