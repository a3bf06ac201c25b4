//! The bench's page section: the built site (`dist/`, [`crate::site::build`]) in headless
//! Chromium through `bench/page_chromium.mjs`: time to the first painted regions, bytes
//! fetched (gzipped as a host would serve them), layout shift while booting, frames while
//! the presets and the two largest configurations train (frames per second, median and
//! 95th-percentile frame interval), how soon a click on Pause is answered, and speed `max` as a share of the engine's own
//! throughput (the He lab to 15 000 iterations in the page, against one `Lab.step(15000)`
//! call in the same page, and the page's frames per second meanwhile). Timed figures live here,
//! never in tests.

use crate::{root, site, Result};
use std::process::Command;

/// The section as Markdown (a note instead when Chromium or the build is missing).
pub fn section(seconds: u32) -> Result<String> {
    let root = root();
    site::build(&root)?;
    let dist = root.join("dist");
    let out = node(
        "bench/page_chromium.mjs",
        &[&dist.to_string_lossy(), &seconds.to_string()],
    )?;
    Ok(render(&out))
}

/// The stdout of `node <root>/<script> <args>`, or its stderr as the error.
pub fn node(script: &str, args: &[&str]) -> Result<String> {
    let root = root();
    let out = Command::new("node")
        .arg(root.join(script))
        .args(args)
        .output()
        .map_err(|e| format!("cannot run node {script}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{script} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The JSON lines as tables.
fn render(lines: &str) -> String {
    let mut load = String::from(
        "| viewport | first regions | transfer (gzip) | of which wasm | requests | layout shift |\n\
         | --- | ---: | ---: | ---: | ---: | ---: |\n",
    );
    let mut frames = String::from(
        "| link (playing) | fps | median frame | p95 frame | worst | page JS a frame | of which step | other engine calls | before the worst frame |\n\
         | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n",
    );
    let mut input = String::from(
        "| link (playing) | clicks on Pause | median answer | slowest answer |\n\
         | --- | ---: | ---: | ---: |\n",
    );
    let mut max = String::new();
    for line in lines.lines() {
        let n = |key| number(line, key).unwrap_or(f64::NAN);
        match text(line, "kind").as_deref() {
            Some("load") => {
                load += &format!(
                    "| {} | {:.0} ms | {:.1} kB | {:.1} kB | {:.0} | {:.4} |\n",
                    text(line, "viewport").unwrap_or_default(),
                    n("firstRegionsMs"),
                    n("transferGzip") / 1000.0,
                    n("wasmGzip") / 1000.0,
                    n("requests"),
                    n("layoutShift"),
                )
            }
            Some("frames") => {
                frames += &format!(
                    "| `{}` | {:.1} | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} ms | {} |\n",
                    text(line, "link").unwrap_or_default(),
                    n("fps"),
                    n("median"),
                    n("p95"),
                    n("worst"),
                    n("jsMs"),
                    n("stepMs"),
                    n("engineMs"),
                    text(line, "longest").unwrap_or_default(),
                )
            }
            Some("input") => {
                input += &format!(
                    "| `{}` | {:.0} | {:.1} ms | {:.1} ms |\n",
                    text(line, "link").unwrap_or_default(),
                    n("clicks"),
                    n("median"),
                    n("worst"),
                )
            }
            Some("max") => {
                max = format!(
                    "Speed `max`, He lab to 15 000 iterations: {:.0} ms in the page, {:.0} ms for \
                     the engine alone: {:.0} % of the engine's throughput, at {:.1} fps (p95 \
                     frame {:.1} ms).\n",
                    n("pageMs"),
                    n("engineMs"),
                    100.0 * n("share"),
                    n("fps"),
                    n("p95"),
                )
            }
            _ => {}
        }
    }
    format!("## The page (headless Chromium, dist/)\n\n{load}\n{frames}\n{input}\n{max}")
}

/// The number after `"key":` in a flat JSON line.
pub fn number(line: &str, key: &str) -> Option<f64> {
    let start = line.find(&format!("\"{key}\":"))? + key.len() + 3;
    let rest = &line[start..];
    let end = rest.find([',', '}']).unwrap_or(rest.len());
    rest[..end].trim().parse().ok()
}

/// The string after `"key":` in a flat JSON line (no escapes in this bench's strings).
pub fn text(line: &str, key: &str) -> Option<String> {
    let start = line.find(&format!("\"{key}\":\""))? + key.len() + 4;
    let rest = &line[start..];
    Some(rest[..rest.find('"')?].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_runners_lines() {
        let lines = r#"{"kind":"load","viewport":"phone","firstRegionsMs":512.3,"transferGzip":201234,"transferRaw":1,"wasmGzip":170001,"requests":24,"layoutShift":0.0012}
{"kind":"frames","link":"preset=init-he&play=1","fps":59.9,"p95":16.8,"median":16.7,"worst":33.4,"playing":true,"jsMs":9.25,"stepMs":7,"engineMs":1.5,"longest":"step 8.0, regions 3.1"}
{"kind":"input","link":"preset=init-he&play=1","clicks":8,"median":9.5,"worst":21.25}
{"kind":"max","pageMs":400,"engineMs":300,"share":0.75,"fps":57.5,"p95":18.25}"#;
        let md = render(lines);
        assert!(
            md.contains("| phone | 512 ms | 201.2 kB | 170.0 kB | 24 | 0.0012 |"),
            "{md}"
        );
        assert!(
            md.contains(
                "| `preset=init-he&play=1` | 59.9 | 16.7 ms | 16.8 ms | 33.4 ms | 9.2 ms | 7.0 ms | 1.5 ms | step 8.0, regions 3.1 |"
            ),
            "{md}"
        );
        assert!(
            md.contains("| `preset=init-he&play=1` | 8 | 9.5 ms | 21.2 ms |"),
            "{md}"
        );
        assert!(
            md.contains(
                "400 ms in the page, 300 ms for the engine alone: 75 % of the engine's throughput, at 57.5 fps (p95 frame 18.2 ms)"
            ),
            "{md}"
        );
        assert_eq!(number(r#"{"a":-1.5e-3}"#, "a"), Some(-0.0015));
        assert_eq!(text(r#"{"k":"v"}"#, "k").as_deref(), Some("v"));
    }
}
