//! Reading pinned versions out of `Cargo.lock` and tools' `--version` output (std only, no
//! TOML crate: the lockfile is simple enough for line-based parsing).

/// All versions of package `name` recorded in a `Cargo.lock` text, in file order.
pub fn lock_versions(lock: &str, name: &str) -> Vec<String> {
    let mut versions = Vec::new();
    let mut in_package = false;
    let mut current_name: Option<String> = None;
    for line in lock.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_package = line == "[[package]]";
            current_name = None;
            continue;
        }
        if !in_package {
            continue;
        }
        if let Some(value) = string_value(line, "name") {
            current_name = Some(value);
        } else if let Some(value) = string_value(line, "version") {
            if current_name.as_deref() == Some(name) {
                versions.push(value);
            }
        }
    }
    versions
}

/// The single version of package `name` in a `Cargo.lock` text.
pub fn lock_version(lock: &str, name: &str) -> Result<String, String> {
    let mut versions = lock_versions(lock, name);
    versions.dedup();
    match versions.len() {
        1 => Ok(versions.remove(0)),
        0 => Err(format!("Cargo.lock has no package `{name}`")),
        _ => Err(format!(
            "Cargo.lock has several versions of `{name}` ({}); the pipeline needs exactly one",
            versions.join(", ")
        )),
    }
}

/// `key = "value"` (with an optional trailing comment) -> `value`.
fn string_value(line: &str, key: &str) -> Option<String> {
    let rest = line.strip_prefix(key)?.trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    let end = rest.find('"')?;
    Some(rest[..end].to_string())
}

/// The version in `<tool> --version` output such as `wasm-bindgen 0.2.130` or `trunk 0.21.14`.
pub fn tool_version(output: &str) -> Option<String> {
    output
        .split_whitespace()
        .nth(1)
        .map(|v| v.trim_start_matches('v').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
version = 4

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = [
 "cfg-if",
]

[[package]]
name = "wasm-bindgen-backend"
version = "0.2.99"

[[package]]
name = "getrandom"
version = "0.2.17"

[[package]]
name = "getrandom"
version = "0.3.4"
"#;

    #[test]
    fn parses_lock_versions() {
        assert_eq!(lock_version(LOCK, "wasm-bindgen").unwrap(), "0.2.130");
        assert_eq!(lock_versions(LOCK, "getrandom"), ["0.2.17", "0.3.4"]);
        assert!(lock_version(LOCK, "getrandom").is_err());
        assert!(lock_version(LOCK, "trunk").is_err());
    }

    #[test]
    fn parses_tool_versions() {
        assert_eq!(tool_version("wasm-bindgen 0.2.130\n").unwrap(), "0.2.130");
        assert_eq!(tool_version("trunk 0.21.14").unwrap(), "0.21.14");
    }
}
