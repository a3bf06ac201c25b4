//! `cargo xtask serve`, `cargo xtask dist` and `cargo xtask test`.

use crate::setup::{self, run, Needs, CHROMEDRIVER};
use crate::{fmt_duration, root, server, site, timed, Result};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

pub fn serve(port: u16) -> Result<()> {
    setup::setup(Needs::DIST)?;
    let root = root();
    timed("site build -> dist/", || site::build(&root))?;
    let url = format!("http://127.0.0.1:{port}/");
    println!("\n    nnlab is served at  {url}\n    (Ctrl-C stops it; rerun to rebuild)\n");
    let html = fs::read_to_string(root.join("dist/index.html")).map_err(|e| e.to_string())?;
    server::serve(&root.join("dist"), port, &page_csp(&html)?)
}

/// dist/ (the static site) and dist/nnlab.html (the one-file page).
pub fn dist() -> Result<()> {
    setup::setup(Needs::DIST)?;
    build_dist(&root())
}

fn build_dist(root: &Path) -> Result<()> {
    timed("site build -> dist/", || site::build(root))?;
    timed("one-file page -> dist/nnlab.html", || {
        run(Command::new("node")
            .arg(root.join("crates/xtask/offline.mjs"))
            .arg(root.join("dist")))
    })?;
    Ok(())
}

/// The Content-Security-Policy of a built page's <meta> tag.
pub fn page_csp(html: &str) -> Result<String> {
    let marker = r#"http-equiv="Content-Security-Policy" content=""#;
    let start = html.find(marker).ok_or("the page has no CSP meta tag")? + marker.len();
    let len = html[start..].find('"').ok_or("an unclosed CSP meta tag")?;
    Ok(html[start..start + len].to_string())
}

pub fn test() -> Result<()> {
    let start = Instant::now();
    let root = root();
    let mut times: Vec<(&str, Duration)> = Vec::new();

    let t = Instant::now();
    // wasm-bindgen-cli, when it must be installed, compiles while the native tests run.
    let pending = setup::start(Needs::ALL)?;
    times.push(("setup, foreground", t.elapsed()));

    // Found before any long step so a missing test file fails at once.
    let e2e = e2e_tests(&root)?;

    let (_, d) = timed(
        "native tests: cargo test --workspace (but the wasm crates)",
        || {
            run(Command::new("cargo")
                .args(["test", "--workspace"])
                .args(js_crates().flat_map(|c| ["--exclude", c]))
                .current_dir(&root))
            .map_err(|e| format!("native tests failed: {e}"))
        },
    )?;
    times.push(("native tests", d));

    // The wasm builds need no installed tool: they compile while the set-up may still run.
    let (_, d) = timed(
        "wasm builds: the wasm tests' and the page's modules",
        || {
            wasm_tests(&root, WasmTests::Compile)?;
            crate::modules::compile(&root)
        },
    )?;
    times.push(("wasm builds", d));

    let t = Instant::now();
    let installed = pending.finish()?;
    times.push(("setup, waited for", t.elapsed()));

    let (_, d) = timed("wasm tests in headless Chromium (nnlab-web)", || {
        wasm_tests(&root, WasmTests::Run)
    })?;
    times.push(("wasm-bindgen tests", d));

    let t = Instant::now();
    build_dist(&root)?;
    times.push(("dist/ + nnlab.html", t.elapsed()));

    println!(
        "\n==> browser end-to-end tests: node --test ({} file(s), {E2E_FILES_AT_ONCE} at a time)\n",
        e2e.len()
    );
    std::io::stdout().flush().ok();
    let t = Instant::now();
    let e2e = run(Command::new("node")
        .arg("--test")
        .arg(format!("--test-concurrency={E2E_FILES_AT_ONCE}"))
        .args(&e2e)
        .current_dir(&root))
    .map_err(|e| format!("browser end-to-end tests failed: {e}"));
    times.push(("browser tests", t.elapsed()));

    // The run's times close it, after the browser tests' summary (the end of a log is what
    // a CI report shows): with the set-up's installs, what a fresh machine's run spent.
    println!(
        "\n==> this run: {} ({installed})",
        fmt_duration(start.elapsed())
    );
    for (what, d) in &times {
        println!("    {what:<24} {:>10}", fmt_duration(*d));
    }
    e2e
}

/// Test files run side by side (each its own process, server and browser). The browser
/// tests mostly wait (page loads, frames, training to a target), so two at a time fill two
/// cores: measured at load 7 to 13, 70 tests took 448 s instead of 743 s one file at a time,
/// with the same CPU time. Node's default would be one on a 2-core machine.
const E2E_FILES_AT_ONCE: usize = 2;

/// tests/e2e/*.test.mjs, relative to the root, sorted.
fn e2e_tests(root: &Path) -> Result<Vec<PathBuf>> {
    let dir = root.join("tests/e2e");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(".test.mjs"))
        })
        .map(|p| p.strip_prefix(root).map(Path::to_path_buf).unwrap_or(p))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("no *.test.mjs files in {}", dir.display()));
    }
    Ok(files)
}

/// The page's modules' packages. `cargo xtask test` runs their tests
/// (`#[wasm_bindgen_test(unsupported = test)]`, plain tests under a native `cargo test`) as
/// wasm only.
fn wasm_crates() -> impl Iterator<Item = &'static str> {
    crate::modules::MODULES
        .into_iter()
        .map(|(package, _)| package)
}

/// What the native tests leave out: the crates that bind to JavaScript (the modules and the
/// renderer they share). Natively they would build wasm-bindgen, js-sys and web-sys for the
/// host just for them (README, "A fresh run's time").
fn js_crates() -> impl Iterator<Item = &'static str> {
    wasm_crates().chain([crate::modules::SHARED])
}

/// What [`wasm_tests`] does: compile the tests only, or compile and run them.
#[derive(PartialEq)]
enum WasmTests {
    Compile,
    Run,
}

/// wasm-bindgen tests through `wasm-bindgen-test-runner` (.cargo/config.toml) and chromedriver.
/// Chromium leaves a ~14 MB `org.chromium.Chromium.scoped_dir.*` folder per run in its temp
/// dir: the run gets a private TMPDIR that is removed afterwards.
fn wasm_tests(root: &Path, what: WasmTests) -> Result<()> {
    let mut cmd = Command::new("cargo");
    // The page's profile: the dependencies the tests share with the modules compile once.
    cmd.args(["test", "--target", "wasm32-unknown-unknown"])
        .args(wasm_crates().flat_map(|c| ["-p", c]))
        .args(["--profile", crate::modules::PROFILE])
        .current_dir(root);
    if what == WasmTests::Compile {
        return run(cmd.arg("--no-run")).map_err(|e| format!("wasm tests' build failed: {e}"));
    }
    let tmp = root
        .join("target/xtask-tmp")
        .join(format!("wasm-test-{}", std::process::id()));
    fs::create_dir_all(&tmp).map_err(|e| format!("cannot create {}: {e}", tmp.display()))?;
    let result = run(cmd.env("CHROMEDRIVER", CHROMEDRIVER).env("TMPDIR", &tmp));
    let _ = fs::remove_dir_all(&tmp);
    result.map_err(|e| format!("wasm tests failed: {e}"))
}
