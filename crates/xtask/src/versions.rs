//! Reading pinned versions out of `Cargo.lock` and `Trunk.toml` (std only, no TOML crate:
//! both files are simple enough for line-based parsing).

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

/// The string value of `key` in table `[table]` of a small TOML text such as `Trunk.toml`.
pub fn toml_string(text: &str, table: &str, key: &str) -> Option<String> {
    let header = format!("[{table}]");
    let mut in_table = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_table = line == header;
            continue;
        }
        if in_table {
            if let Some(value) = string_value(line, key) {
                return Some(value);
            }
        }
    }
    None
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
    use std::path::Path;

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
    fn parses_toml_strings_and_tool_versions() {
        let trunk =
            "[build]\ntarget = \"www/index.html\" # page\n\n[tools]\nwasm_bindgen = \"0.2.130\"\n";
        assert_eq!(
            toml_string(trunk, "tools", "wasm_bindgen").unwrap(),
            "0.2.130"
        );
        assert_eq!(
            toml_string(trunk, "build", "target").unwrap(),
            "www/index.html"
        );
        assert_eq!(toml_string(trunk, "build", "wasm_bindgen"), None);
        assert_eq!(tool_version("wasm-bindgen 0.2.130\n").unwrap(), "0.2.130");
        assert_eq!(tool_version("trunk 0.21.14").unwrap(), "0.21.14");
    }

    /// Trunk would download a wasm-bindgen (and fail here) if its pin drifted from Cargo.lock.
    #[test]
    fn trunk_toml_pins_the_lockfile_wasm_bindgen() {
        let root = crate::root();
        let read = |p: &Path| std::fs::read_to_string(p).expect("readable");
        let lock = lock_version(&read(&root.join("Cargo.lock")), "wasm-bindgen").unwrap();
        let trunk = toml_string(&read(&root.join("Trunk.toml")), "tools", "wasm_bindgen")
            .expect("Trunk.toml sets [tools] wasm_bindgen");
        assert_eq!(
            trunk, lock,
            "Trunk.toml [tools] wasm_bindgen must equal Cargo.lock's"
        );
    }
}
