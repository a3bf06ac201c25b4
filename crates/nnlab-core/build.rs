//! The course's data sets (`data/*.csv`, the source: `x1,x2,label` with a header) as the
//! binary the engine includes: every row's `x1` and `x2` as little-endian `f64` (16 bytes
//! a row), then every row's label (0 or 1) as one byte (`Dataset::from_rows`). Parsed here
//! with the same `str::parse::<f64>` (correctly rounded) the engine used at run time, so
//! the values are the same bits; the page's wasm holds 13 kB of bytes instead of 30 kB of
//! text and no CSV reader for them (labels as bytes, not `f64`: 0.6 kB less gzipped).

use std::path::Path;
use std::{env, fs};

const SETS: [&str; 4] = [
    "circles_train",
    "circles_test",
    "football_train",
    "football_test",
];

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for name in SETS {
        let csv = format!("data/{name}.csv");
        println!("cargo:rerun-if-changed={csv}");
        let text = fs::read_to_string(&csv).unwrap_or_else(|e| panic!("{csv}: {e}"));
        let mut bytes = Vec::new();
        let mut labels = Vec::new();
        for (n, line) in text.lines().enumerate().skip(1) {
            if line.trim().is_empty() {
                continue;
            }
            let fields: Vec<f64> = line
                .split(',')
                .map(|v| {
                    v.trim()
                        .parse()
                        .unwrap_or_else(|e| panic!("{csv} line {}: {v:?}: {e}", n + 1))
                })
                .collect();
            assert_eq!(fields.len(), 3, "{csv} line {}: three columns", n + 1);
            for v in &fields[..2] {
                bytes.extend_from_slice(&v.to_le_bytes());
            }
            let label = fields[2];
            assert!(
                label == 0.0 || label == 1.0,
                "{csv} line {}: label 0 or 1",
                n + 1
            );
            labels.push(label as u8);
        }
        bytes.extend_from_slice(&labels);
        fs::write(Path::new(&out).join(format!("{name}.bin")), bytes).expect("OUT_DIR writable");
    }
}
