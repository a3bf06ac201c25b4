//! The page's two wasm modules, built, bound and optimised for the site (`crate::site`):
//! the web crate (`nnlab-web`, loaded first) and the tools (`nnlab-tools`: the QR code and
//! the NumPy export, loaded on first use). Both are built by one `cargo build --profile web`
//! for wasm32 ([`PROFILE`]: no LTO, the training's hot code, `nnlab-engine` and `libm`, at
//! opt-level 3, every other crate at "z": 29 kB of the page's 242 kB gzipped saved; "z" for
//! the engine too makes training 5 to 6 times slower, README "Size"); then each, side by
//! side, `wasm-bindgen --target web` into `target/site/bindgen/` (without the name section)
//! and `wasm-opt -Oz` with its options ([`crate::wasm_opt`]).

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

/// `cargo build --profile web` of the web crate for wasm32 (with `extra` arguments such as
/// `--features testing`); the built module's path.
pub fn build_wasm(root: &Path, extra: &[&str]) -> Result<PathBuf> {
    build_packages(root, &["nnlab-web"], extra)?;
    Ok(built(root, "nnlab-web"))
}

/// `cargo build --profile web` of `packages` for wasm32, in one cargo run: the dependencies
/// they share (the core, the renderer, wasm-bindgen) compile once, and cargo keeps both
/// cores busy across the packages.
fn build_packages(root: &Path, packages: &[&str], extra: &[&str]) -> Result<()> {
    let mut cmd = Command::new("cargo");
    cmd.current_dir(root).args([
        "build",
        "--profile",
        PROFILE,
        "--target",
        "wasm32-unknown-unknown",
    ]);
    for package in packages {
        cmd.args(["-p", package]);
    }
    run(cmd.args(extra)).map_err(|e| format!("wasm build of {} failed: {e}", packages.join(", ")))
}

/// Where cargo writes `package`'s module.
fn built(root: &Path, package: &str) -> PathBuf {
    root.join(format!(
        "target/wasm32-unknown-unknown/{PROFILE}/{}.wasm",
        package.replace('-', "_")
    ))
}

/// The page's modules: each package and its module's name in the asset folder.
pub const MODULES: [(&str, &str); 2] = [("nnlab-web", WASM), ("nnlab-tools", TOOLS_WASM)];

/// The crate both modules link for their texts (`crates/nnlab-render`): a part of them, with
/// no tests and no module of its own.
pub const SHARED: &str = "nnlab-render";

/// `cargo build --profile web` of both modules (what [`build`] starts with; `cargo xtask test`
/// runs it early, while the set-up still installs wasm-bindgen-cli).
pub fn compile(root: &Path) -> Result<()> {
    build_packages(root, &MODULES.map(|(package, _)| package), &[])
}

/// Both modules (the page's, the tools') and their bindings in `out/`.
pub fn build(root: &Path, out: &Path) -> Result<()> {
    if out.exists() {
        fs::remove_dir_all(out).map_err(|e| format!("cannot clear {}: {e}", out.display()))?;
    }
    compile(root)?;
    // Binding and wasm-opt (single-threaded, the longer) of each module side by side.
    std::thread::scope(|s| {
        let jobs = MODULES.map(|(package, wasm)| s.spawn(move || bind(root, out, package, wasm)));
        jobs.into_iter()
            .map(|job| {
                job.join()
                    .unwrap_or_else(|_| Err("binding a module panicked".into()))
            })
            .collect::<Result<Vec<()>>>()
    })?;
    Ok(())
}

/// `package`'s module through wasm-bindgen and wasm-opt into `out/`.
fn bind(root: &Path, out: &Path, package: &str, wasm: &str) -> Result<()> {
    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--out-name", package])
        // Function names are for debuggers: 18 kB gzipped the page need not load.
        .args([
            "--remove-name-section",
            "--remove-producers-section",
            "--out-dir",
        ])
        .arg(out)
        .arg(built(root, package)))?;
    crate::wasm_opt::optimize(root, &out.join(wasm))
}
