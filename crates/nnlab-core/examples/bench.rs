//! The native half of `cargo xtask bench` (the core has no clock; this
//! harness does). Build and run with
//! `cargo run --release -p nnlab-core --example bench -- RUNS CASE...`.
//!
//! Cases: `he`, `none`, `l2`, `dropout` (a course preset trained to the end:
//! `Trainer::new` + `run`), `regions200`, `regions400` (decision regions of
//! the trained He network, evaluation + RGBA painting, `REGION_REPS` frames
//! per run), `csv2000`, `encode2000`, `decode2000` (own data: a 2000-row CSV
//! read into points, 2000 points to and from link text, `REGION_REPS` times
//! per run), `he2000`, `he2000own` (the He lab on 2000 generated or own
//! points), and `peak` (this core's f64 peak, see [`peak`]). Prints one
//! JSON line per case: `{"case", "times": [seconds per run], "fingerprint"}`,
//! the fingerprint being a hash of every result bit (weights, recorded
//! costs, pixels) that the wasm runs must reproduce.

use std::time::Instant;

/// A stopwatch: wall-clock time, or with `NNLAB_BENCH_CPU=1` this thread's
/// CPU time (steadier on a loaded machine; Linux only).
struct Clock(Instant, f64);

impl Clock {
    fn start() -> Clock {
        Clock(Instant::now(), thread_cpu())
    }
    fn seconds(&self) -> f64 {
        if std::env::var_os("NNLAB_BENCH_CPU").is_some() {
            thread_cpu() - self.1
        } else {
            self.0.elapsed().as_secs_f64()
        }
    }
}

#[cfg(target_os = "linux")]
fn thread_cpu() -> f64 {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut ts = Timespec { sec: 0, nsec: 0 };
    // SAFETY: clock_gettime writes one timespec (64-bit Linux layout).
    unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.sec as f64 + ts.nsec as f64 * 1e-9
}

#[cfg(not(target_os = "linux"))]
fn thread_cpu() -> f64 {
    0.0
}

use nnlab_core::run::bench;
use nnlab_core::run::regions::Regions;
use nnlab_core::Preset;

/// Frames painted per timed run of a `regions*` case.
const REGION_REPS: usize = 20;

/// Seconds per run and the result's fingerprint.
fn run_case(case: &str, runs: usize) -> (Vec<f64>, String, f64) {
    if bench::OWN_DATA_CASES.contains(&case) {
        let own = bench::OwnData::default();
        let mut print = own.run(case).expect("an own-data case"); // warm-up
        let mut times = Vec::new();
        for _ in 0..runs {
            let start = Clock::start();
            for _ in 0..REGION_REPS {
                print = own.run(case).expect("an own-data case");
            }
            times.push(start.seconds() / REGION_REPS as f64);
        }
        return (times, print, 1.0);
    }
    if let Some(size) = case.strip_prefix("regions") {
        let size: usize = size.parse().expect("regions<size>");
        let t = bench::trained(Preset::InitHe.config());
        let mut r = Regions::new(size, size, t.split().bounds());
        let mut times = Vec::new();
        for _ in 0..runs {
            let start = Clock::start();
            for _ in 0..REGION_REPS {
                r.render(t.network());
            }
            times.push(start.seconds() / REGION_REPS as f64);
        }
        return (times, bench::pixels_fingerprint(r.render(t.network())), 1.0);
    }
    if case == "peak" {
        let mut times = Vec::new();
        let mut flops = 0.0;
        for _ in 0..runs {
            let (t, f) = peak();
            times.push(t);
            flops = f;
        }
        return (times, String::new(), flops);
    }
    let mut times = Vec::new();
    let mut print = String::new();
    for _ in 0..runs {
        let start = Clock::start();
        let t = bench::trained_case(case).unwrap_or_else(|e| panic!("{e}"));
        times.push(start.seconds());
        print = bench::fingerprint(&t);
    }
    (times, print, 1.0)
}

/// Times a kernel at this core's f64 peak and returns `(seconds, flops)`:
/// 12 independent 4-wide fused multiply-add chains (AVX2 + FMA), or
/// 12 independent 2-wide mul and add chains without them.
fn peak() -> (f64, f64) {
    #[cfg(target_arch = "x86_64")]
    {
        if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
            let start = Instant::now();
            // SAFETY: the features were just detected.
            let flops = unsafe { peak_avx2_fma() };
            return (start.elapsed().as_secs_f64(), flops);
        }
    }
    let start = Instant::now();
    let flops = peak_portable();
    (start.elapsed().as_secs_f64(), flops)
}

const PEAK_ITERS: usize = 20_000_000;

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn peak_avx2_fma() -> f64 {
    use std::arch::x86_64::*;
    let mut acc = [_mm256_set1_pd(1.0); 12];
    let a = _mm256_set1_pd(std::hint::black_box(0.999_999_9));
    let b = _mm256_set1_pd(std::hint::black_box(1e-9));
    for _ in 0..PEAK_ITERS {
        for v in acc.iter_mut() {
            *v = _mm256_fmadd_pd(*v, a, b);
        }
    }
    let mut s = [0.0; 4];
    let mut t = _mm256_setzero_pd();
    for v in acc {
        t = _mm256_add_pd(t, v);
    }
    _mm256_storeu_pd(s.as_mut_ptr(), t);
    std::hint::black_box(s);
    (PEAK_ITERS * 12 * 4 * 2) as f64
}

fn peak_portable() -> f64 {
    let mut acc = [[1.0f64; 2]; 12];
    let a = std::hint::black_box(0.999_999_9);
    let b = std::hint::black_box(1e-9);
    for _ in 0..PEAK_ITERS {
        for v in acc.iter_mut() {
            v[0] = v[0] * a + b;
            v[1] = v[1] * a + b;
        }
    }
    std::hint::black_box(acc);
    (PEAK_ITERS * 12 * 2 * 2) as f64
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs: usize = args
        .first()
        .and_then(|r| r.parse().ok())
        .expect("usage: bench RUNS CASE...");
    for case in &args[1..] {
        let (times, print, flops) = run_case(case, runs);
        let times: Vec<String> = times.iter().map(|t| format!("{t:e}")).collect();
        let flops = if case == "peak" {
            format!(", \"flops\": {flops:e}")
        } else {
            String::new()
        };
        println!(
            "{{\"case\": \"{case}\", \"times\": [{}], \"fingerprint\": \"{print}\"{flops}}}",
            times.join(", ")
        );
    }
}
