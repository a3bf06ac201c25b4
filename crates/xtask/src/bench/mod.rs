//! `cargo xtask bench [--runs N]`: how fast nnlab trains, side by side with the course's NumPy
//! program, natively and as wasm in Node and in headless Chromium.
//!
//! Every runner prints one JSON line per case, `{"case", "times": [seconds, ...],
//! "fingerprint"}` (bench/README.md):
//!
//! - NumPy: `bench/numpy_labs.py` (the course's loops; skipped with a note without NumPy);
//! - native: `crates/nnlab-core/examples/bench.rs` (release build);
//! - wasm: `crates/nnlab-web/src/bench.rs` through `bench/wasm_node.mjs` (Node) and
//!   `bench/wasm_chromium.mjs` (playwright-core from tests/node_modules, /usr/bin/chromium);
//! - the native CLI: `nnlab train 'preset=init-he'` timed as a whole process;
//! - the page itself (`page.rs`): dist/ in headless Chromium, load, layout shift, frames and
//!   speed `max` against the engine.
//!
//! The table gives min and median of the runs, the speed-up over NumPy (min over min) and the
//! fraction of this machine's f64 peak reached by the matrix arithmetic. The fingerprints (a
//! hash of every weight and recorded cost, or of every pixel) must agree between native, Node
//! and Chromium: the same link gives the same bits everywhere. Timing lives here and in the
//! harnesses; the core has no clock.

mod lighthouse;
mod owndata;
mod page;
mod report;

use report::{report, secs};

use crate::setup::{self, capture, run};
use crate::{root, timed, Result};
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// Runs per case unless `--runs N` says otherwise.
const DEFAULT_RUNS: usize = 5;

/// A benchmark case and the f64 arithmetic it does.
struct Case {
    key: &'static str,
    label: &'static str,
    /// Layer sizes, examples (points), iterations; `iters == 0` means one forward pass (a
    /// decision-region frame).
    sizes: &'static [usize],
    m: usize,
    iters: usize,
}

const HE: &[usize] = &[2, 10, 5, 1];
const REG: &[usize] = &[2, 20, 3, 1];

const CASES: [Case; 8] = [
    Case {
        key: "he",
        label: "He lab, 15k it. [2,10,5,1] x300",
        sizes: HE,
        m: 300,
        iters: 15_000,
    },
    // The He lab recording the page's views (statistics at sample points): its time over
    // `he`'s is what the views cost; same fingerprint (recording changes no bit).
    Case {
        key: "he-views",
        label: "He lab + views (page's samples)",
        sizes: HE,
        m: 300,
        iters: 15_000,
    },
    Case {
        key: "none",
        label: "reg. none, 30k it. [2,20,3,1] x211",
        sizes: REG,
        m: 211,
        iters: 30_000,
    },
    Case {
        key: "l2",
        label: "reg. L2, 30k it.",
        sizes: REG,
        m: 211,
        iters: 30_000,
    },
    Case {
        key: "dropout",
        label: "reg. dropout, 30k it.",
        sizes: REG,
        m: 211,
        iters: 30_000,
    },
    Case {
        key: "regions200",
        label: "regions 200x200 (eval+RGBA)",
        sizes: HE,
        m: 40_000,
        iters: 0,
    },
    Case {
        key: "regions400",
        label: "regions 400x400 (eval+RGBA)",
        sizes: HE,
        m: 160_000,
        iters: 0,
    },
    // A playground option on the He lab's size: regression (linear output, squared error,
    // the plain forward/backward) on the two-Gaussian surface; no NumPy counterpart.
    Case {
        key: "data=gauss&problem=regression&layers=10,5&init=he&iters=15000",
        label: "regression (gauss), 15k it. [2,10,5,1] x300",
        sizes: HE,
        m: 300,
        iters: 15_000,
    },
];

impl Case {
    /// Flops of the matrix products, counted as a multiply and an add per term:
    /// forward `Z = W·A + b` (`2·n·n_in` per example and layer), backward `dW = dZ·Aᵀ`
    /// (the same) and `dA = Wᵀ·dZ` (layers 2..L). Element-wise work (ReLU, sigmoid, masks,
    /// cost, colours) is not counted.
    fn flops(&self) -> f64 {
        let macs =
            |from: usize| -> usize { self.sizes.windows(2).skip(from).map(|w| w[0] * w[1]).sum() };
        let per_example = if self.iters == 0 {
            2 * macs(0)
        } else {
            2 * (2 * macs(0) + macs(1))
        };
        (per_example * self.m * self.iters.max(1)) as f64
    }
}

/// One runner's timings of one case.
#[derive(Clone, Debug)]
struct Sample {
    case: String,
    times: Vec<f64>,
    fingerprint: String,
    /// The flops of one run, when the harness says (the peak kernel).
    flops: Option<f64>,
}

impl Sample {
    fn min(&self) -> f64 {
        self.times.iter().copied().fold(f64::INFINITY, f64::min)
    }

    fn median(&self) -> f64 {
        let mut t = self.times.clone();
        t.sort_by(f64::total_cmp);
        let n = t.len();
        if n == 0 {
            f64::NAN
        } else if n % 2 == 1 {
            t[n / 2]
        } else {
            (t[n / 2 - 1] + t[n / 2]) / 2.0
        }
    }
}

/// The results of one runner, or why it did not run.
struct Runner {
    name: &'static str,
    samples: Result<Vec<Sample>>,
}

impl Runner {
    fn new(name: &'static str) -> Runner {
        Runner {
            name,
            samples: Ok(Vec::new()),
        }
    }

    /// Merges one round's samples (or the reason the runner did not run).
    fn add(&mut self, round: Result<Vec<Sample>>) {
        match (&mut self.samples, round) {
            (Ok(all), Ok(new)) => {
                for s in new {
                    match all.iter_mut().find(|a| a.case == s.case) {
                        Some(a) => {
                            a.times.extend(s.times);
                            a.fingerprint = s.fingerprint;
                        }
                        None => all.push(s),
                    }
                }
            }
            (samples @ Ok(_), Err(e)) => *samples = Err(e),
            (Err(_), _) => {}
        }
    }

    fn get(&self, case: &str) -> Option<&Sample> {
        self.samples.as_ref().ok()?.iter().find(|s| s.case == case)
    }
}

pub fn bench(args: &[String]) -> Result<()> {
    if args == ["--lighthouse"] {
        return lighthouse::run_lighthouse();
    }
    let runs = parse_runs(args)?;
    let root = root();
    setup::setup(setup::Needs::ALL)?;
    let machine = machine();

    timed("build (release: native harness, CLI, wasm)", || {
        build(&root)
    })?;

    let mut keys: Vec<&str> = CASES.iter().map(|c| c.key).collect();
    keys.extend(owndata::CASES.map(|(key, _)| key));
    let lab_keys: Vec<&str> = CASES
        .iter()
        .filter(|c| c.iters > 0 && c.key != "he-views" && !c.key.contains('='))
        .map(|c| c.key)
        .collect();
    let mut native_keys = keys.clone();
    native_keys.push("peak");
    let have_numpy = capture("python3", &["-c", "import numpy"]).is_some();
    let chromium_missing = if !Path::new(setup::CHROMIUM).exists() {
        Some(format!("skipped: {} not found", setup::CHROMIUM))
    } else if !root.join("tests/node_modules/playwright-core").exists() {
        Some("skipped: tests/node_modules/playwright-core missing (npm ci in tests/)".into())
    } else {
        None
    };

    // Rounds: every runner once per round, so that a busy moment of the
    // machine slows all of them alike; the table takes min and median over
    // the rounds.
    let mut numpy = Runner::new("NumPy");
    let mut native = Runner::new("native");
    let mut node = Runner::new("wasm Node");
    let mut chromium = Runner::new("wasm Chromium");
    let mut cli = Runner::new("CLI");
    let mut numpy_process = Runner::new("NumPy process");
    for round in 1..=runs {
        timed(&format!("round {round} of {runs}"), || {
            numpy.add(if have_numpy {
                lines(
                    Command::new("python3")
                        .arg(root.join("bench/numpy_labs.py"))
                        .arg(root.join("crates/nnlab-core/data"))
                        .arg("1")
                        .args(&lab_keys),
                )
            } else {
                Err("skipped: python3 with NumPy not found (`pip install numpy`)".into())
            });
            native.add(lines(
                Command::new(root.join("target/release/examples/bench"))
                    .arg("1")
                    .args(&native_keys),
            ));
            // Right after the native harness (Chromium's processes can take
            // a moment to wind down after its runner exits).
            cli.add(whole_process(
                Command::new(root.join("target/release/nnlab")).args(["train", "preset=init-he"]),
            ));
            node.add(lines(
                Command::new("node")
                    .arg(root.join("bench/wasm_node.mjs"))
                    .arg(root.join("target/bench/node"))
                    .arg("1")
                    .args(&keys),
            ));
            chromium.add(match &chromium_missing {
                Some(why) => Err(why.clone()),
                None => lines(
                    Command::new("node")
                        .arg(root.join("bench/wasm_chromium.mjs"))
                        .arg(root.join("target/bench/web"))
                        .arg("1")
                        .args(&keys),
                ),
            });
            if have_numpy && round <= 3 {
                numpy_process.add(whole_process(
                    Command::new("python3")
                        .arg(root.join("bench/numpy_labs.py"))
                        .arg(root.join("crates/nnlab-core/data"))
                        .args(["1", "he"]),
                ));
            }
            Ok(())
        })?;
    }

    let peak = native
        .get("peak")
        .and_then(|p| Some(p.flops? / p.min()))
        .unwrap_or(f64::NAN);
    let report = report(
        runs,
        &machine,
        peak,
        &numpy,
        &[&native, &node, &chromium],
        &cli,
        &numpy_process,
    );
    let report = report + &owndata::report(&[&native, &node, &chromium]);
    let page = match &chromium_missing {
        Some(why) => format!("## The page (headless Chromium, dist/)\n\n{why}\n"),
        None => timed("the page in headless Chromium", || page::section(3))?.0,
    };
    let report = format!("{report}\n{page}");
    println!("\n{report}");
    let out = root.join("target/bench/results.md");
    fs::write(&out, &report).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!("(also written to {})", out.display());
    Ok(())
}

fn parse_runs(args: &[String]) -> Result<usize> {
    match args {
        [] => Ok(DEFAULT_RUNS),
        [flag, n] if flag == "--runs" => n
            .parse()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| format!("--runs needs a positive number, got `{n}`")),
        _ => Err(format!(
            "bench takes `--runs N` or `--lighthouse`, got {args:?}"
        )),
    }
}

/// The CPU, for the report.
fn machine() -> String {
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map(str::trim)
        .unwrap_or("unknown CPU")
        .to_string();
    let cores = cpuinfo
        .lines()
        .filter(|l| l.starts_with("processor"))
        .count();
    let flags = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("flags"))
        .unwrap_or("");
    let has = |f: &str| flags.split_whitespace().any(|x| x == f);
    format!(
        "{model}, {cores} cores{}{}",
        if has("avx2") { ", AVX2" } else { "" },
        if has("fma") { "+FMA" } else { "" }
    )
}

fn build(root: &Path) -> Result<()> {
    let cargo = || {
        let mut c = Command::new("cargo");
        c.current_dir(root);
        c
    };
    run(cargo().args([
        "build",
        "--release",
        "-p",
        "nnlab-core",
        "--example",
        "bench",
    ]))?;
    run(cargo().args(["build", "--release", "-p", "nnlab-cli"]))?;
    let wasm = crate::modules::build_wasm(root, &["--features", "testing"])?;
    for (target, dir) in [("nodejs", "node"), ("web", "web")] {
        run(Command::new("wasm-bindgen")
            .args(["--target", target, "--out-dir"])
            .arg(root.join("target/bench").join(dir))
            .arg(&wasm))?;
    }
    Ok(())
}

/// Runs a harness and parses its JSON lines.
fn lines(cmd: &mut Command) -> Result<Vec<Sample>> {
    let shown = format!("{cmd:?}");
    println!("    $ {shown}");
    let out = cmd
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot start {shown}: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(format!("{shown} failed ({})\n{stdout}", out.status));
    }
    let samples: Vec<Sample> = stdout.lines().filter_map(parse_line).collect();
    for s in &samples {
        println!(
            "    {:<12} min {:>10}  median {:>10}  {}",
            s.case,
            secs(s.min()),
            secs(s.median()),
            s.fingerprint
        );
    }
    Ok(samples)
}

/// Times one whole run of a process (spawn to exit, output discarded).
fn whole_process(cmd: &mut Command) -> Result<Vec<Sample>> {
    let shown = format!("{cmd:?}");
    let start = Instant::now();
    let status = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| format!("cannot start {shown}: {e}"))?;
    let took = start.elapsed().as_secs_f64();
    if !status.success() {
        return Err(format!("{shown} failed ({status})"));
    }
    println!("    $ {shown}: {}", secs(took));
    Ok(vec![Sample {
        case: "process".into(),
        times: vec![took],
        fingerprint: String::new(),
        flops: None,
    }])
}

/// `{"case": "he", "times": [0.1, 0.2], "fingerprint": "..."}` (the harnesses' format; a
/// hand-written reader keeps xtask free of dependencies).
fn parse_line(line: &str) -> Option<Sample> {
    let string = |key: &str| -> Option<String> {
        let at = line.find(&format!("\"{key}\""))?;
        let rest = &line[at + key.len() + 2..];
        let rest = &rest[rest.find('"')? + 1..];
        Some(rest[..rest.find('"')?].to_string())
    };
    let at = line.find("\"times\"")?;
    let rest = &line[at..];
    let list = &rest[rest.find('[')? + 1..rest.find(']')?];
    let times = list
        .split(',')
        .map(|t| t.trim().parse::<f64>())
        .collect::<std::result::Result<Vec<_>, _>>()
        .ok()?;
    let flops = line.find("\"flops\"").and_then(|at| {
        let rest = line[at + 7..].trim_start_matches([':', ' ']);
        let end = rest.find([',', '}']).unwrap_or(rest.len());
        rest[..end].trim().parse().ok()
    });
    Some(Sample {
        case: string("case")?,
        times,
        fingerprint: string("fingerprint").unwrap_or_default(),
        flops,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_harness_lines() {
        let s = parse_line(
            r#"{"case": "he", "times": [1.5e-1, 0.25], "fingerprint": "c0587d3f4c360ead", "flops": 1e0}"#,
        )
        .unwrap();
        assert_eq!(s.case, "he");
        assert_eq!(s.times, vec![0.15, 0.25]);
        assert_eq!(s.fingerprint, "c0587d3f4c360ead");
        assert_eq!(s.median(), 0.2);
        assert_eq!(s.flops, Some(1.0));
        let s = parse_line(r#"{"case":"regions200","times":[0.002],"fingerprint":"ab"}"#).unwrap();
        assert_eq!((s.case.as_str(), s.min()), ("regions200", 0.002));
        assert!(parse_line("Cost after iteration 0").is_none());
    }

    #[test]
    fn counts_the_labs_arithmetic() {
        // He lab: (2·(75 + 75) + 2·55) · 300 · 15000 ≈ 1.85 GFLOP ("about 2 GFLOP").
        assert_eq!(CASES[0].flops(), 1.845e9);
        assert_eq!(CASES[5].flops(), 2.0 * 75.0 * 40_000.0);
    }

    #[test]
    fn parses_runs() {
        assert_eq!(parse_runs(&[]).unwrap(), DEFAULT_RUNS);
        let a = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(parse_runs(&a(&["--runs", "3"])).unwrap(), 3);
        assert!(parse_runs(&a(&["--runs", "0"])).is_err());
        assert!(parse_runs(&a(&["--fast"])).is_err());
    }
}
