//! `cargo xtask setup`: idempotent installs. Each step first checks whether the right thing is
//! already there and skips the install if so.

use crate::versions::{lock_version, tool_version};
use crate::{fmt_duration, root, Result};
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime};

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The e2e suite's second engine (tests/e2e/firefox.mjs starts it through WebDriver BiDi).
pub const FIREFOX: &str = "/usr/bin/firefox-esr";
/// The oldest Firefox ESR accepted (Debian bookworm's main archive; puppeteer-core drives it
/// through WebDriver BiDi); an older one is upgraded. Tested: 153 (bookworm-security).
const FIREFOX_MIN_MAJOR: u32 = 140;
const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// What a command needs installed.
#[derive(Clone, Copy)]
pub struct Needs {
    /// Chromium + chromedriver, Firefox ESR and NumPy (tests only).
    pub browser: bool,
    /// The npm packages in tests/ (the tests' browser drivers, Binaryen's wasm-opt, esbuild
    /// for the page, the page's `@fluent/bundle`).
    pub npm: bool,
}

impl Needs {
    pub const ALL: Needs = Needs {
        browser: true,
        npm: true,
    };
    /// `dist` and `serve`: the page's build.
    pub const DIST: Needs = Needs {
        browser: false,
        npm: true,
    };
}

pub enum Outcome {
    Skipped(String),
    Installed(String),
}

struct Row {
    what: String,
    outcome: Outcome,
    took: Duration,
}

/// Runs every needed setup step and prints what it installed and what it skipped.
pub fn setup(needs: Needs) -> Result<()> {
    start(needs)?.finish().map(drop)
}

/// Starts the set-up: the wasm32 target and NumPy here, then two lines of steps in the
/// background, each logging its commands' output to a file in `target/xtask-tmp/setup/`:
/// wasm-bindgen-cli (its compile: minutes of CPU on a fresh machine), and the browsers,
/// the font and the npm packages one after the other (mostly network and disk). The caller
/// may run what needs none of them meanwhile (`cargo xtask test`: the native tests, whose
/// test runs and links leave a core idle) and then waits with [`Pending::finish`].
pub fn start(needs: Needs) -> Result<Pending> {
    println!("\n==> setup");
    let start = Instant::now();
    let root = root();
    let mut rows = vec![step("rust target", &|| wasm_target(Out::Terminal))?];
    // NumPy here, not in the background: the native tests run it (nnlab-cli's NumPy export
    // test) while the background steps may still install (seconds when it is missing).
    if needs.browser {
        rows.push(step("numpy (python3)", &|| numpy(Out::Terminal))?);
    }
    let lock = fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock ({e}); it must be committed"))?;
    let wbg = lock_version(&lock, "wasm-bindgen")?;
    let logs = root.join("target/xtask-tmp/setup");
    fs::create_dir_all(&logs).map_err(|e| format!("cannot create {}: {e}", logs.display()))?;
    println!(
        "    the other steps run in the background (their commands' output: {})",
        logs.display()
    );
    let log = logs.join("wasm-bindgen-cli.log");
    let compile = std::thread::spawn(move || {
        Ok(vec![step(WASM_BINDGEN_CLI, &|| {
            wasm_bindgen_cli(&wbg, Out::Log(&log))
        })?])
    });
    let log = logs.join("others.log");
    let others = std::thread::spawn(move || {
        let out = Out::Log(&log);
        let mut rows = Vec::new();
        if needs.browser {
            rows.push(step("chromium", &|| chromium(out))?);
            rows.push(step("firefox-esr", &|| firefox(out))?);
            rows.push(step("CJK font", &|| cjk_font(out))?);
        }
        if needs.npm {
            rows.push(step("npm packages (tests/)", &|| {
                npm_ci(&root.join("tests"), out)
            })?);
        }
        Ok(rows)
    });
    Ok(Pending {
        start,
        rows,
        background: vec![compile, others],
    })
}

/// The set-up after [`start`]: its rows so far and the steps still running.
pub struct Pending {
    start: Instant,
    rows: Vec<Row>,
    background: Vec<JoinHandle<Result<Vec<Row>>>>,
}

impl Pending {
    /// Waits for the background steps and prints the summary; the first failed step's error.
    /// Returns what it installed, in one line (`nothing installed` when all was there).
    pub fn finish(mut self) -> Result<String> {
        if self.background.iter().any(|h| !h.is_finished()) {
            println!("\n==> setup: waiting for its background steps");
        }
        let mut failed = None;
        for handle in std::mem::take(&mut self.background) {
            match handle.join() {
                Ok(Ok(rows)) => self.rows.extend(rows),
                Ok(Err(e)) => failed = failed.or(Some(e)),
                Err(_) => failed = failed.or(Some("a setup step panicked".to_string())),
            }
        }
        if let Some(e) = failed {
            return Err(e);
        }
        println!(
            "==> setup summary ({}):",
            fmt_duration(self.start.elapsed())
        );
        for row in &self.rows {
            let (kind, detail) = match &row.outcome {
                Outcome::Skipped(why) => ("skipped  ", why.as_str()),
                Outcome::Installed(how) => ("INSTALLED", how.as_str()),
            };
            println!(
                "    {kind} {:<22} {:>10}  {detail}",
                row.what,
                fmt_duration(row.took)
            );
        }
        let installed: Vec<String> = self
            .rows
            .iter()
            .filter(|row| matches!(row.outcome, Outcome::Installed(_)))
            .map(|row| format!("{} in {}", row.what, fmt_duration(row.took)))
            .collect();
        Ok(if installed.is_empty() {
            "nothing installed".into()
        } else {
            format!("installed {}", installed.join(", "))
        })
    }
}

/// A run that stops early (a failed test while the set-up still installs) waits for the
/// installs to end rather than leave `cargo install` or `apt-get` running half done.
impl Drop for Pending {
    fn drop(&mut self) {
        if self.background.iter().any(|h| !h.is_finished()) {
            println!("\n==> waiting for the set-up's background steps to end before stopping");
        }
        for handle in self.background.drain(..) {
            let _ = handle.join();
        }
    }
}

/// Runs one step: its row (printed as it is made), or the error naming it.
fn step(what: &str, f: &dyn Fn() -> Result<Outcome>) -> Result<Row> {
    let t = Instant::now();
    let outcome = f().map_err(|e| format!("setup step `{what}`: {e}"))?;
    let took = t.elapsed();
    match &outcome {
        Outcome::Skipped(why) => println!("    {what}: skipped, {why}"),
        Outcome::Installed(how) => {
            println!("    {what}: installed {how} in {}", fmt_duration(took))
        }
    }
    Ok(Row {
        what: what.to_string(),
        outcome,
        took,
    })
}

/// stdout of `program args` when it runs and succeeds.
pub fn capture(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Where a command's output goes: the terminal, or (a step in the background) the end of a
/// log file, whose last lines a failure then quotes.
#[derive(Clone, Copy)]
pub enum Out<'a> {
    Terminal,
    Log(&'a Path),
}

/// Runs a command with inherited output, failing with its exit status.
pub fn run(cmd: &mut Command) -> Result<()> {
    run_to(cmd, Out::Terminal)
}

/// Runs a command with its output to `out`, failing with its exit status.
pub fn run_to(cmd: &mut Command, out: Out) -> Result<()> {
    let shown = format!(
        "{} {}",
        cmd.get_program().to_string_lossy(),
        cmd.get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    );
    let shown = shown.trim_end();
    cmd.stdin(Stdio::null());
    match out {
        Out::Terminal => println!("    $ {shown}"),
        Out::Log(log) => {
            let file = fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(log)
                .map_err(|e| format!("{}: {e}", log.display()))?;
            let err = file
                .try_clone()
                .map_err(|e| format!("{}: {e}", log.display()))?;
            println!("    $ {shown}  (output: {})", log.display());
            cmd.stdout(file).stderr(err);
        }
    }
    let status = cmd
        .status()
        .map_err(|e| format!("cannot start `{shown}`: {e}"))?;
    if status.success() {
        return Ok(());
    }
    let tail = match out {
        Out::Terminal => String::new(),
        Out::Log(log) => {
            let text = fs::read_to_string(log).unwrap_or_default();
            let lines: Vec<&str> = text.lines().collect();
            format!(
                "; the end of {}:\n{}",
                log.display(),
                lines[lines.len().saturating_sub(30)..].join("\n")
            )
        }
    };
    Err(format!("`{shown}` failed ({status}){tail}"))
}

fn wasm_target(out: Out) -> Result<Outcome> {
    if let Some(list) = capture("rustup", &["target", "list", "--installed"]) {
        if list.lines().any(|l| l.trim() == WASM_TARGET) {
            return Ok(Outcome::Skipped(format!("{WASM_TARGET} already installed")));
        }
        run_to(
            Command::new("rustup").args(["target", "add", WASM_TARGET]),
            out,
        )?;
        return Ok(Outcome::Installed(WASM_TARGET.to_string()));
    }
    // No rustup: accept a toolchain that ships the target in its sysroot.
    let sysroot = capture("rustc", &["--print", "sysroot"]).unwrap_or_default();
    let dir = Path::new(sysroot.trim())
        .join("lib/rustlib")
        .join(WASM_TARGET);
    if dir.is_dir() {
        Ok(Outcome::Skipped(format!("{WASM_TARGET} in the sysroot")))
    } else {
        Err(format!(
            "no rustup and no {WASM_TARGET} in the sysroot: install rustup (rust-toolchain.toml pins the target)"
        ))
    }
}

fn installed_version(program: &str) -> Option<String> {
    capture(program, &["--version"]).and_then(|out| tool_version(&out))
}

const WASM_BINDGEN_CLI: &str = "wasm-bindgen-cli";

/// `cargo install wasm-bindgen-cli` at the lockfile's version unless `wasm-bindgen` and
/// `wasm-bindgen-test-runner` on PATH are that version, built for what nnlab runs and no
/// more (README's set-up table):
/// - only the two programs nnlab runs (not `wasm2es6js`);
/// - without the default `rustls-tls` feature: the test runner only talks to the local
///   chromedriver, over plain HTTP, and TLS (rustls, ring's C and assembly) was about a
///   fifth of the compile;
/// - unoptimised (opt-level 0, no LTO, parallel codegen): measured 2026-12-03, the install
///   took 163 s of CPU instead of 362 at opt-level 1; the tools only translate and drive:
///   `wasm-bindgen` then takes 1 s instead of 0.25 s on the page's module (the same bytes
///   out), and the test runner's run of the largest wasm test file 8.2 s of CPU instead of
///   2.9 (the same 9 tests passing). About 200 s of CPU saved once, on a fresh machine, for
///   some 12 to 15 s more per `cargo xtask test`.
///
/// `CARGO_TARGET_DIR` is removed so that cargo builds in a temporary folder of its own and
/// never waits for the lock of a build folder that the tests use meanwhile.
fn wasm_bindgen_cli(version: &str, out: Out) -> Result<Outcome> {
    let have = |p| installed_version(p).as_deref() == Some(version);
    if have("wasm-bindgen") && have("wasm-bindgen-test-runner") {
        return Ok(Outcome::Skipped(format!(
            "wasm-bindgen {version} (= Cargo.lock) already on PATH"
        )));
    }
    // No --locked: its lockfile names a dependency version the registry no longer serves.
    run_to(
        Command::new("cargo")
            .args(["install", WASM_BINDGEN_CLI, "--version", version])
            .args(["--no-default-features", "--bin", "wasm-bindgen"])
            .args(["--bin", "wasm-bindgen-test-runner"])
            .current_dir(root())
            .env_remove("CARGO_TARGET_DIR")
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
            .env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16"),
        out,
    )?;
    match installed_version("wasm-bindgen") {
        Some(v) if v == version => Ok(Outcome::Installed(format!(
            "{WASM_BINDGEN_CLI} {version}"
        ))),
        other => Err(format!(
            "installed {WASM_BINDGEN_CLI} {version}, but `wasm-bindgen --version` on PATH says {other:?}: \
             put ~/.cargo/bin first on PATH"
        )),
    }
}

/// NumPy for the tests that run the exported NumPy programs and for the bench.
fn numpy(out: Out) -> Result<Outcome> {
    if let Some(v) = capture("python3", &["-c", "import numpy; print(numpy.__version__)"]) {
        return Ok(Outcome::Skipped(format!("numpy {} importable", v.trim())));
    }
    run_to(
        Command::new("python3").args(["-m", "pip", "install", "numpy"]),
        out,
    )
    .map_err(|e| format!("{e}: install NumPy for python3 (pip, or Debian's python3-numpy)"))?;
    Ok(Outcome::Installed("numpy (pip)".into()))
}

fn is_root() -> bool {
    capture("id", &["-u"]).is_some_and(|id| id.trim() == "0")
}

fn apt_install(packages: &[&str], out: Out) -> Result<()> {
    let apt = |args: &[&str]| {
        run_to(
            Command::new("apt-get")
                .args(args)
                .env("DEBIAN_FRONTEND", "noninteractive"),
            out,
        )
    };
    apt(&["update"])?;
    apt(&[&["install", "-y"][..], packages].concat())
}

fn chromium(out: Out) -> Result<Outcome> {
    let present = || Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists();
    if present() {
        return Ok(Outcome::Skipped(format!(
            "{CHROMIUM} and {CHROMEDRIVER} present"
        )));
    }
    if !is_root() {
        return Err(format!(
            "{CHROMIUM} or {CHROMEDRIVER} is missing and this is not root: \
             install the Debian packages `chromium` and `chromium-driver` \
             (sudo apt-get install chromium chromium-driver)"
        ));
    }
    apt_install(&["chromium", "chromium-driver"], out)?;
    if !present() {
        return Err(format!(
            "apt installed chromium but {CHROMIUM} / {CHROMEDRIVER} are still missing"
        ));
    }
    Ok(Outcome::Installed(
        "chromium + chromium-driver (apt)".into(),
    ))
}

/// The major version in `firefox-esr --version` output (`Mozilla Firefox 153.8.0esr`).
fn firefox_major(output: &str) -> Option<u32> {
    let version = output.split_whitespace().nth(2)?;
    version.split('.').next()?.parse().ok()
}

fn firefox(out: Out) -> Result<Outcome> {
    let have = || capture(FIREFOX, &["--version"]);
    if let Some(out) = have() {
        if firefox_major(&out).is_some_and(|m| m >= FIREFOX_MIN_MAJOR) {
            return Ok(Outcome::Skipped(format!("{} at {FIREFOX}", out.trim())));
        }
    }
    if !is_root() {
        return Err(format!(
            "{FIREFOX} is missing or older than ESR {FIREFOX_MIN_MAJOR} and this is not root: \
             install the Debian package `firefox-esr` (sudo apt-get install firefox-esr)"
        ));
    }
    apt_install(&["firefox-esr"], out)?;
    match have() {
        Some(out) if firefox_major(&out).is_some_and(|m| m >= FIREFOX_MIN_MAJOR) => {
            Ok(Outcome::Installed(format!("{} (apt)", out.trim())))
        }
        other => Err(format!(
            "apt installed firefox-esr but `{FIREFOX} --version` says {other:?}; \
             ESR {FIREFOX_MIN_MAJOR} or later is needed"
        )),
    }
}

/// A Chinese font for the browser tests (the page uses system fonts only; without one the
/// Chinese page's screenshots show boxes and its widths are not a real font's).
const CJK_FONT: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

fn cjk_font(out: Out) -> Result<Outcome> {
    if Path::new(CJK_FONT).exists() {
        return Ok(Outcome::Skipped(format!("{CJK_FONT} present")));
    }
    if !is_root() {
        return Err(format!(
            "{CJK_FONT} is missing and this is not root: install the Debian package \
             `fonts-wqy-microhei` (sudo apt-get install fonts-wqy-microhei)"
        ));
    }
    apt_install(&["fonts-wqy-microhei"], out)?;
    Ok(Outcome::Installed("fonts-wqy-microhei (apt)".into()))
}

fn modified(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// `npm ci` in `dir` unless its node_modules is newer than its package-lock.json.
pub fn npm_ci(dir: &Path, out: Out) -> Result<Outcome> {
    let lock = dir.join("package-lock.json");
    let lock_time = modified(&lock).ok_or_else(|| format!("missing {}", lock.display()))?;
    // npm writes node_modules/.package-lock.json on every install.
    let installed = modified(&dir.join("node_modules/.package-lock.json"));
    if installed.is_some_and(|t| t >= lock_time) {
        return Ok(Outcome::Skipped(format!(
            "{}/node_modules is newer than package-lock.json",
            dir.file_name().unwrap_or_default().to_string_lossy()
        )));
    }
    if capture("npm", &["--version"]).is_none() {
        return Err("npm is missing: install Node.js 20 with npm".into());
    }
    run_to(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(dir),
        out,
    )?;
    Ok(Outcome::Installed(format!(
        "npm ci ({}/package-lock.json)",
        dir.file_name().unwrap_or_default().to_string_lossy()
    )))
}

#[cfg(test)]
mod tests {
    use super::firefox_major;

    #[test]
    fn reads_firefox_major_versions() {
        assert_eq!(firefox_major("Mozilla Firefox 153.8.0esr\n"), Some(153));
        assert_eq!(firefox_major("Mozilla Firefox 140.12.0esr"), Some(140));
        assert_eq!(firefox_major("Mozilla Firefox"), None);
        assert_eq!(firefox_major("firefox: command not found"), None);
    }
}
