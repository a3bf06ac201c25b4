// The wasm half of `cargo xtask bench`, shared by Node and the Chromium page.
// `runCases(mod, runs, cases, log)` times the exports of crates/nnlab-web/src/bench.rs
// with performance.now() and reports one object per case, in the same shape as
// the native harness (crates/nnlab-core/examples/bench.rs):
//   {case, times: [seconds per run], fingerprint}

/// Frames painted per timed run of a `regions*` case (as natively).
export const REGION_REPS = 20;
/// The own-data cases (a 2000-row CSV, 2000 points to and from a link), run
/// REGION_REPS times per timed run too.
const OWN_DATA = ["csv2000", "encode2000", "decode2000"];

// In Node, NNLAB_BENCH_CPU=1 times process CPU time instead of wall time
// (steadier on a loaded machine).
const cpu = typeof process !== "undefined" && process.env?.NNLAB_BENCH_CPU;
const now = cpu ? () => process.cpuUsage().user / 1000 : () => performance.now();

// Each case first runs once untimed (warm-up: the engine compiles the hot
// functions with its optimizing tier while they run), then `runs` timed times.
export function runCases(mod, runs, cases, log) {
  for (const c of cases) {
    const times = [];
    let fingerprint = "";
    const size = c.startsWith("regions") ? Number(c.slice("regions".length)) : 0;
    if (OWN_DATA.includes(c)) {
      const own = new mod.BenchOwnData();
      own.run(c, REGION_REPS); // warm-up, not timed
      for (let i = 0; i < runs; i++) {
        const t0 = now();
        fingerprint = own.run(c, REGION_REPS);
        times.push((now() - t0) / 1000 / REGION_REPS);
      }
      own.free();
    } else if (size > 0) {
      const r = new mod.BenchRegions(size);
      r.render(REGION_REPS); // warm-up frames, not timed
      for (let i = 0; i < runs; i++) {
        const t0 = now();
        fingerprint = r.render(REGION_REPS - 1); // + the fingerprinted frame
        times.push((now() - t0) / 1000 / REGION_REPS);
      }
      r.free();
    } else {
      mod.benchTrain(c); // warm-up, not timed
      for (let i = 0; i < runs; i++) {
        const t0 = now();
        fingerprint = mod.benchTrain(c);
        times.push((now() - t0) / 1000);
      }
    }
    log({ case: c, times, fingerprint });
  }
}
