//! `cargo xtask serve` and `cargo xtask test`.

use crate::setup::{self, run, Needs, CHROMEDRIVER};
use crate::{fmt_duration, root, timed, Result};
use std::ffi::OsString;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// `trunk` in the repository root, never checking for updates, with npm's wasm-opt first on
/// PATH when Trunk.toml pins one (so trunk finds it and never downloads its own).
fn trunk(root: &Path) -> Command {
    let mut cmd = Command::new("trunk");
    cmd.current_dir(root)
        .env("TRUNK_SKIP_VERSION_CHECK", "true");
    if setup::wasm_opt_from_npm(root) {
        let bin = root.join("tests/node_modules/.bin");
        let mut paths = vec![bin];
        paths.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        let joined: OsString = std::env::join_paths(paths).expect("PATH entries without ':'");
        cmd.env("PATH", joined);
    }
    cmd
}

pub fn serve(port: u16) -> Result<()> {
    setup::setup(Needs::SERVE)?;
    let root = root();
    let url = format!("http://127.0.0.1:{port}/");
    println!("\n==> trunk serve --release (first build takes a minute)");
    println!("\n    nnlab will be served at  {url}\n    (Ctrl-C stops it)\n");
    run(trunk(&root).args([
        "serve",
        "--release",
        "--address",
        "127.0.0.1",
        "--port",
        &port.to_string(),
        // trunk's live-reload script is inline: the page's strict Content-Security-Policy
        // (www/index.html) would refuse it with a console error. Reload by hand instead.
        "--no-autoreload",
    ]))
}

pub fn test() -> Result<()> {
    let start = Instant::now();
    let root = root();
    let mut times: Vec<(&str, Duration)> = Vec::new();

    let t = Instant::now();
    setup::setup(Needs::ALL)?;
    times.push(("setup", t.elapsed()));

    // Found before any long step so a missing test file fails at once.
    let e2e = e2e_tests(&root)?;

    let (_, d) = timed("native tests: cargo test --workspace", || {
        run(Command::new("cargo")
            .args(["test", "--workspace"])
            .current_dir(&root))
        .map_err(|e| format!("native tests failed: {e}"))
    })?;
    times.push(("cargo test --workspace", d));

    let (_, d) = timed("wasm tests in headless Chromium (nnlab-web)", || {
        wasm_tests(&root)
    })?;
    times.push(("wasm-bindgen tests", d));

    let (_, d) = timed("trunk build --release -> dist/", || trunk_build(&root))?;
    times.push(("trunk build --release", d));

    println!("\n==> timings so far ({}):", fmt_duration(start.elapsed()));
    for (what, d) in &times {
        println!("    {what:<24} {:>10}", fmt_duration(*d));
    }
    println!(
        "\n==> browser end-to-end tests: node --test ({} file(s)); its summary closes this run\n",
        e2e.len()
    );
    std::io::stdout().flush().ok();
    run(Command::new("node")
        .arg("--test")
        .args(&e2e)
        .current_dir(&root))
    .map_err(|e| format!("browser end-to-end tests failed: {e}"))
}

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

/// wasm-bindgen tests through `wasm-bindgen-test-runner` (.cargo/config.toml) and chromedriver.
/// Chromium leaves a ~14 MB `org.chromium.Chromium.scoped_dir.*` folder per run in its temp
/// dir: the run gets a private TMPDIR that is removed afterwards.
fn wasm_tests(root: &Path) -> Result<()> {
    let tmp = root
        .join("target/xtask-tmp")
        .join(format!("wasm-test-{}", std::process::id()));
    fs::create_dir_all(&tmp).map_err(|e| format!("cannot create {}: {e}", tmp.display()))?;
    let result = run(Command::new("cargo")
        .args([
            "test",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "nnlab-web",
        ])
        .current_dir(root)
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("TMPDIR", &tmp));
    let _ = fs::remove_dir_all(&tmp);
    result.map_err(|e| format!("wasm tests failed: {e}"))
}

/// `trunk build --release`, failing if trunk tried to download a tool (it must find
/// wasm-bindgen and wasm-opt locally; downloads fail on machines that reach only registries).
fn trunk_build(root: &Path) -> Result<()> {
    println!("    $ trunk build --release");
    let mut child = trunk(root)
        .args(["build", "--release"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start trunk: {e}"))?;
    let downloaded = Arc::new(AtomicBool::new(false));
    let echo = |stream: Box<dyn Read + Send>, to_stderr: bool| {
        let downloaded = Arc::clone(&downloaded);
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(|l| l.ok()) {
                if line.to_ascii_lowercase().contains("downloading") {
                    downloaded.store(true, Ordering::Relaxed);
                }
                if to_stderr {
                    eprintln!("{line}");
                } else {
                    println!("{line}");
                }
            }
        })
    };
    let out = echo(Box::new(child.stdout.take().expect("piped")), false);
    let err = echo(Box::new(child.stderr.take().expect("piped")), true);
    let status = child.wait().map_err(|e| format!("trunk: {e}"))?;
    out.join().ok();
    err.join().ok();
    if downloaded.load(Ordering::Relaxed) {
        return Err(
            "trunk tried to download a tool: Trunk.toml's [tools] versions must match the \
             wasm-bindgen / wasm-opt found on PATH"
                .into(),
        );
    }
    if !status.success() {
        return Err(format!("trunk build --release failed ({status})"));
    }
    let dist = root.join("dist");
    let wasm: Vec<_> = fs::read_dir(&dist)
        .map_err(|e| format!("no {}: {e}", dist.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "wasm"))
        .collect();
    if wasm.is_empty() {
        return Err("trunk build produced no .wasm in dist/".into());
    }
    for p in wasm {
        let size = fs::metadata(&p).map(|m| m.len()).unwrap_or(0);
        println!(
            "    {}: {size} bytes ({:.1} kB)",
            p.strip_prefix(root).unwrap_or(&p).display(),
            size as f64 / 1000.0
        );
    }
    Ok(())
}
