//! The page's two wasm modules, built, bound and optimised for the site (`crate::site`):
//! the web crate (`nnlab-web`, loaded first) and the tools (`nnlab-tools`: the QR code and
//! the NumPy export, loaded on first use). Each is `cargo build --profile web` for wasm32
//! ([`PROFILE`]: no LTO, the training's hot code, `nnlab-engine` and `libm`, at opt-level 3,
//! every other crate at "z": 29 kB of the page's 242 kB gzipped saved; "z" for the engine
//! too makes training 5 to 6 times slower, README "Size"), `wasm-bindgen --target web` into
//! `target/site/bindgen/`
//! (without the name section), then `wasm-opt -Oz` ([`crate::wasm_opt`]).

use crate::setup::run;
use crate::Result;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The Cargo profile of the wasm builds (root `Cargo.toml`): the release profile without
/// LTO, `nnlab-engine` and `libm` at opt-level 3, every other crate at "z".
pub const PROFILE: &str = "web";

/// The bindings' and the wasm's names in the asset folder.
pub const BINDINGS: &str = "nnlab-web.js";
pub const WASM: &str = "nnlab-web_bg.wasm";
/// The second module's, the page's tools loaded on first use (`crates/nnlab-tools`: the QR
/// code and the NumPy export; `window.nnlabTools()` in js/boot.js).
pub const TOOLS_BINDINGS: &str = "nnlab-tools.js";
pub const TOOLS_WASM: &str = "nnlab-tools_bg.wasm";

/// `cargo build --release` of the web crate for wasm32 (with `extra` arguments such as
/// `--features testing`); the built module's path.
pub fn build_wasm(root: &Path, extra: &[&str]) -> Result<PathBuf> {
    build_package(root, "nnlab-web", extra)
}

/// `cargo build --release` of `package` for wasm32; the built module's path.
fn build_package(root: &Path, package: &str, extra: &[&str]) -> Result<PathBuf> {
    run(Command::new("cargo")
        .current_dir(root)
        .args([
            "build",
            "--profile",
            PROFILE,
            "--target",
            "wasm32-unknown-unknown",
        ])
        .args(["-p", package])
        .args(extra))
    .map_err(|e| format!("wasm build of {package} failed: {e}"))?;
    Ok(root.join(format!(
        "target/wasm32-unknown-unknown/{PROFILE}/{}.wasm",
        package.replace('-', "_")
    )))
}

/// Both modules (the page's, the tools') and their bindings in `out/`.
pub fn build(root: &Path, out: &Path) -> Result<()> {
    if out.exists() {
        fs::remove_dir_all(out).map_err(|e| format!("cannot clear {}: {e}", out.display()))?;
    }
    for (package, wasm) in [("nnlab-web", WASM), ("nnlab-tools", TOOLS_WASM)] {
        let built = build_package(root, package, &[])?;
        run(Command::new("wasm-bindgen")
            .args(["--target", "web", "--no-typescript", "--out-name", package])
            // Function names are for debuggers: 18 kB gzipped the page need not load.
            .args([
                "--remove-name-section",
                "--remove-producers-section",
                "--out-dir",
            ])
            .arg(out)
            .arg(&built))?;
        crate::wasm_opt::optimize(root, &out.join(wasm))?;
    }
    Ok(())
}
