//! Placeholder (being written): turns a Rust panic into the page's error banner.

/// Installs the panic hook. Called once from `start`.
pub fn install() {}
