//! nnlab's pipeline. Run from anywhere in the repository:
//!
//! - `cargo xtask setup`: install what the build and the tests need (each step skipped when
//!   already right).
//! - `cargo xtask serve [--port N]`: setup, then build dist/ and serve it on 127.0.0.1.
//! - `cargo xtask test`: setup, then native tests, wasm tests in headless Chromium, the
//!   site build into dist/ (with the one-file page), and the browser end-to-end tests
//!   (node's test runner, last).
//! - `cargo xtask dist`: setup, then dist/ (the static site, content-hashed names) and
//!   dist/nnlab.html (the whole lab in one file).

mod bench;
mod catalogues;
#[cfg(test)]
mod layout;
mod modules;
mod server;
mod setup;
mod site;
mod steps;
mod versions;
mod wasm_opt;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

pub type Result<T> = std::result::Result<T, String>;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  setup              install the toolchain pieces (wasm32 target, wasm-bindgen-cli,
                     npm packages in tests/, NumPy; Chromium + chromedriver and
                     Firefox ESR for tests);
                     skips what is already right
  serve [--port N]   setup, build dist/, serve it on http://127.0.0.1:N/ (default 8080)
  dist               setup, then dist/ (static site, hashed names) and dist/nnlab.html (one file)
  test               setup, then: native tests; the wasm crates' tests as wasm (Chromium);
                     dist; node --test tests/e2e/*.test.mjs
  bench [--runs N]   setup, then time the labs: NumPy vs native vs wasm (Node, Chromium)
  bench --lighthouse Lighthouse's performance and accessibility scores of dist/
";

/// The repository root (xtask always runs from its own source tree).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .nth(2)
        .expect("crates/xtask lives two levels below the root")
        .to_path_buf()
}

/// "0.4 s", "12.3 s", "3 min 07 s".
pub fn fmt_duration(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs < 60.0 {
        format!("{secs:.1} s")
    } else {
        let whole = d.as_secs();
        format!("{} min {:02} s", whole / 60, whole % 60)
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") if args.len() == 1 => setup::setup(setup::Needs::ALL).map(|_| ()),
        Some("serve") => parse_port(&args[1..]).and_then(steps::serve),
        Some("test") if args.len() == 1 => steps::test(),
        Some("dist") if args.len() == 1 => steps::dist(),
        Some("bench") => bench::bench(&args[1..]),
        Some("help" | "-h" | "--help") => {
            print!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("unknown arguments {args:?}\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: FAILED: {message}");
            ExitCode::FAILURE
        }
    }
}

fn parse_port(args: &[String]) -> Result<u16> {
    match args {
        [] => Ok(8080),
        [flag, port] if flag == "--port" => port
            .parse()
            .map_err(|_| format!("--port needs a number from 1 to 65535, got `{port}`")),
        [flag] if flag.starts_with("--port=") => {
            let port = &flag["--port=".len()..];
            port.parse()
                .map_err(|_| format!("--port needs a number from 1 to 65535, got `{port}`"))
        }
        _ => Err(format!("serve takes only `--port N`, got {args:?}")),
    }
}

/// Runs `f`, printing a header before and the elapsed time after.
pub fn timed<T>(label: &str, f: impl FnOnce() -> Result<T>) -> Result<(T, Duration)> {
    println!("\n==> {label}");
    let start = Instant::now();
    let value = f()?;
    let elapsed = start.elapsed();
    println!("==> {label}: ok ({})", fmt_duration(elapsed));
    Ok((value, elapsed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_serve_ports() {
        assert_eq!(parse_port(&[]).unwrap(), 8080);
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(parse_port(&args(&["--port", "9000"])).unwrap(), 9000);
        assert_eq!(parse_port(&args(&["--port=9001"])).unwrap(), 9001);
        assert!(parse_port(&args(&["--port", "http"])).is_err());
        assert!(parse_port(&args(&["--host", "0.0.0.0"])).is_err());
    }

    #[test]
    fn formats_durations() {
        assert_eq!(fmt_duration(Duration::from_millis(1234)), "1.2 s");
        assert_eq!(fmt_duration(Duration::from_secs(187)), "3 min 07 s");
    }
}
