//! `cargo xtask bench --lighthouse`: Lighthouse's performance and accessibility scores of
//! the built site, desktop and mobile, through `bench/lighthouse.mjs` (the `lighthouse` npm
//! package from `bench/package.json`, installed here and only here: it is not part of the
//! test set-up; Debian's Chromium; the site served gzip-compressed on 127.0.0.1).
//! Timed figures and scores live in the bench, never in tests.

use super::page::{node, number, text};
use crate::setup;
use crate::{root, site, timed, Result};

/// Builds `dist/`, installs the bench's npm packages when needed, runs Lighthouse and prints
/// its table (also written to `target/bench/lighthouse.md`).
pub fn run_lighthouse() -> Result<()> {
    setup::setup(setup::Needs::ALL)?;
    let root = root();
    timed("site build -> dist/", || site::build(&root))?;
    setup::npm_ci(&root.join("bench"), setup::Out::Terminal).map(|_| ())?;
    let (out, _) = timed("Lighthouse, desktop and mobile", || {
        node(
            "bench/lighthouse.mjs",
            &[&root.join("dist").to_string_lossy()],
        )
    })?;
    let table = render(&out);
    println!("\n{table}");
    let file = root.join("target/bench/lighthouse.md");
    let _ = std::fs::create_dir_all(root.join("target/bench"));
    std::fs::write(&file, &table).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    Ok(())
}

/// The JSON lines as a table.
fn render(lines: &str) -> String {
    let mut table = String::from(
        "## Lighthouse (He lab, simulated throttling)\n\n\
         | form factor | performance | accessibility | LCP | CLS | TBT | transfer | accessibility audits failed |\n\
         | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n",
    );
    for line in lines
        .lines()
        .filter(|l| l.contains(r#""kind":"lighthouse""#))
    {
        let n = |key| number(line, key).unwrap_or(f64::NAN);
        table += &format!(
            "| {} | {:.0} | {:.0} | {:.2} s | {:.3} | {:.0} ms | {:.0} kB | {} |\n",
            text(line, "formFactor").unwrap_or_default(),
            n("performance"),
            n("accessibility"),
            n("lcpMs") / 1000.0,
            n("cls"),
            n("tbtMs"),
            n("bytes") / 1000.0,
            match text(line, "failing").unwrap_or_default() {
                f if f.is_empty() => "none".to_string(),
                f => f.replace('|', "/"),
            },
        );
    }
    table
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn renders_the_runners_lines() {
        let md = render(
            r#"{"kind":"lighthouse","formFactor":"mobile","performance":81,"accessibility":96,"lcpMs":3401.5,"cls":0,"tbtMs":309.2,"bytes":336123,"failing":"target-size (div > button.nm-unit)"}
{"kind":"lighthouse","formFactor":"desktop","performance":99,"accessibility":100,"lcpMs":500,"cls":0,"tbtMs":80,"bytes":250000,"failing":""}"#,
        );
        assert!(
            md.contains("| mobile | 81 | 96 | 3.40 s | 0.000 | 309 ms | 336 kB | target-size (div > button.nm-unit) |"),
            "{md}"
        );
        assert!(md.contains("| 80 ms | 250 kB | none |"), "{md}");
    }
}
