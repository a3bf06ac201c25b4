//! Binaryen's `wasm-opt -Oz` (and the options of [`FLAGS`]) over the module wasm-bindgen wrote: the `binaryen` npm package
//! (pinned in `tests/package-lock.json`, installed by `npm ci` with the other page tools; a
//! current Binaryen, 132, that needs no build and reads the module's `target_features`
//! section, so SIMD128 and the `externref` table wasm-bindgen adds survive).
//!
//! Measured on this page's module (README, "Size"): -O1 / -O2 / -Os / -Oz save 2.3 / 3.8 /
//! 6.2 / 6.6 kB of 277 kB gzipped, for 10 to 40 s of CPU; training speed unchanged within
//! the noise. `-Oz` it is, with the options of [`FLAGS`], and its output is cached by the
//! options and the input's content (`target/site/wasm-opt/<module>-<FNV-1a 64>.wasm`, the
//! newest of each module), so a rebuild with an unchanged module costs nothing.

use crate::setup::run;
use crate::site::fnv1a;
use crate::Result;
use std::fs;
use std::path::Path;
use std::process::Command;

/// Smallest code (`-Oz`), its passes repeated until the module stops shrinking
/// (`--converge`), and two assumptions that hold for Rust's wasm: the low 1 kB of memory is
/// never addressed (`--low-memory-unused`: the stack's bottom, 1 MB down, and the null page;
/// constant address offsets fold into the loads and stores), and no load or division traps
/// (`-iit`: safe Rust bounds-checks every access and checks divisors before it divides).
/// Measured on the page's module (README, "Size"): 213.2 -> 211.3 kB gzipped, and 1.6 % fewer
/// V8 instructions per He-lab iteration, 1.5 % per 200² regions frame (`callgrind`).
const FLAGS: [&str; 4] = ["-Oz", "--converge", "--low-memory-unused", "-iit"];

/// Replaces `wasm` with its `wasm-opt` ([`FLAGS`]) output (from the cache when the input is known).
pub fn optimize(root: &Path, wasm: &Path) -> Result<()> {
    let input = fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let cache = root.join("target/site/wasm-opt");
    let module = wasm
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let cached = cache.join(format!(
        "{module}-{:016x}.wasm",
        fnv1a(
            fnv1a(crate::site::FNV_OFFSET, FLAGS.join(" ").as_bytes()),
            &input
        )
    ));
    let hit = cached.exists();
    if !hit {
        let tool = root.join("tests/node_modules/.bin/wasm-opt");
        if !tool.exists() {
            return Err(format!(
                "{} is missing: run `cargo xtask setup` (npm ci in tests/ installs binaryen)",
                tool.display()
            ));
        }
        // Only the newest of each module is kept.
        for old in fs::read_dir(&cache).into_iter().flatten().flatten() {
            let name = old.file_name().to_string_lossy().into_owned();
            if name
                .strip_prefix(&module)
                .is_some_and(|rest| rest.starts_with('-'))
            {
                let _ = fs::remove_file(old.path());
            }
        }
        fs::create_dir_all(&cache).map_err(|e| format!("{}: {e}", cache.display()))?;
        let partial = cache.join(format!("{module}.partial"));
        run(Command::new(&tool)
            .args(FLAGS)
            .arg(wasm)
            .arg("-o")
            .arg(&partial))
        .map_err(|e| format!("wasm-opt failed: {e}"))?;
        fs::rename(&partial, &cached).map_err(|e| format!("{}: {e}", cached.display()))?;
    }
    fs::copy(&cached, wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    println!(
        "    wasm-opt {}: {} -> {} bytes{}",
        FLAGS.join(" "),
        input.len(),
        fs::metadata(wasm).map(|m| m.len()).unwrap_or(0),
        if hit { " (cached)" } else { "" }
    );
    Ok(())
}
