//! Fuzzing the link format: whatever a link contains, `link::parse` never
//! panics; every error names a key of the link (or of its preset) and its
//! value; every accepted configuration serializes back to itself and trains.
//!
//! Two runs: 20 000 arbitrary strings (unicode, lossy UTF-8 from random
//! bytes, query-like noise) and 5 000 structured hostile queries (huge and
//! non-finite numbers, zero, negative and enormous sizes, thousands of
//! layers, repeated keys, percent-encoding tricks, unicode), plus 3 000
//! mostly valid ones so that the accepted side is exercised as hard as the
//! rejected one. Each run prints how many cases it ran and how they ended.

mod hostile_points;

use hostile_points::{forge, own_points, points_value};
use nnlab_core::config::error::shown;
use nnlab_core::config::limits::MAX_WORK;
use nnlab_core::config::link::{self, KEYS};
use nnlab_core::{ConfigError, Status, Trainer};
use proptest::prelude::*;
use proptest::test_runner::{Config as RunConfig, TestCaseError, TestRunner};
use std::time::{Duration, Instant};

const STRING_CASES: u32 = 20_000;
const STRUCTURED_CASES: u32 = 5_000;
const VALID_CASES: u32 = 3_000;

#[derive(Default, Debug)]
struct Tally {
    cases: u32,
    accepted: u32,
    rejected: u32,
    /// Rejections blaming a key the link did not name (it came from the preset).
    blamed_preset_key: u32,
    slowest_step: Duration,
}

fn key_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = KEYS.iter().map(|k| k.name).collect();
    names.push("preset");
    names
}

/// The decoded, trimmed keys of a link, as `link::parse` reads them
/// (query after the first `#`, else after the first `?`; `&`-separated;
/// percent escapes decoded, invalid ones kept, invalid UTF-8 lossy).
fn query_keys(link: &str) -> Vec<String> {
    let query = match (link.find('#'), link.find('?')) {
        (Some(h), _) => &link[h + 1..],
        (None, Some(q)) => &link[q + 1..],
        (None, None) => link,
    };
    query
        .split('&')
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let k = p.split_once('=').map_or(p, |(k, _)| k);
            percent_decode(k).trim().to_string()
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The whole property, for one link.
fn check_link(link: &str, tally: &mut Tally) -> Result<(), TestCaseError> {
    tally.cases += 1;
    let parsed = std::panic::catch_unwind(|| link::parse(link))
        .map_err(|_| TestCaseError::fail(format!("link::parse panicked on {link:?}")))?;
    match parsed {
        Err(e) => {
            tally.rejected += 1;
            check_error(link, &e, tally)?;
        }
        Ok(p) => {
            tally.accepted += 1;
            let canonical = p.query();
            let c = p.config;
            let again = link::parse(&canonical).map_err(|e| {
                TestCaseError::fail(format!(
                    "{link:?} parsed, but its canonical form {canonical:?} does not: {e}"
                ))
            })?;
            prop_assert_eq!(
                &again.config,
                &c,
                "roundtrip of {:?} through {:?}",
                link,
                canonical
            );
            prop_assert_eq!(&again.view, &p.view);
            prop_assert!(
                again.warnings.is_empty(),
                "canonical form {:?} warns: {:?}",
                canonical,
                again.warnings
            );
            prop_assert_eq!(again.query(), canonical.clone());
            let mut trainer = Trainer::new(c.clone()).map_err(|e| {
                TestCaseError::fail(format!("{link:?} parsed but Trainer::new refused it: {e}"))
            })?;
            // A step stays interactive because its work is bounded: no
            // accepted configuration exceeds the limit (a count, not a
            // timing; the slowest step is only reported).
            let sizes = c.sizes();
            let work = sizes.windows(2).map(|w| w[0] * w[1]).sum::<usize>() * c.train_points();
            prop_assert!(
                work <= MAX_WORK,
                "{:?} was accepted with {} multiply-adds per pass",
                canonical,
                work
            );
            let t = Instant::now();
            let ran = trainer.step(1);
            tally.slowest_step = tally.slowest_step.max(t.elapsed());
            prop_assert!(
                ran == 1 || matches!(trainer.status(), Status::Diverged { .. }),
                "{:?}: step(1) ran {} iterations with status {:?}",
                canonical,
                ran,
                trainer.status()
            );
        }
    }
    Ok(())
}

fn check_error(link: &str, e: &ConfigError, tally: &mut Tally) -> Result<(), TestCaseError> {
    let text = e.to_string();
    let key = e.key();
    prop_assert!(
        key_names().contains(&key),
        "{:?}: the error names {:?}, which is not a key of the link format: {}",
        link,
        key,
        text
    );
    let head = format!("{}={}", shown(key), shown(e.value()));
    prop_assert!(
        text.starts_with(&head),
        "{:?}: the message {:?} does not start with {:?}",
        link,
        text,
        head
    );
    let keys = query_keys(link);
    if !keys.iter().any(|k| k == key) {
        // Only a preset can bring in a value the link did not write.
        prop_assert!(
            keys.iter().any(|k| k == "preset"),
            "{:?}: the error blames {:?}, which the link does not contain: {}",
            link,
            key,
            text
        );
        tally.blamed_preset_key += 1;
    }
    if let ConfigError::Invalid { .. } = e {
        prop_assert!(
            keys.iter().any(|k| k == key),
            "{:?}: a value that does not parse must be the link's own: {}",
            link,
            text
        );
    }
    Ok(())
}

/// `NNLAB_FUZZ_SCALE=10 cargo test --test link_fuzz` runs ten times as many cases.
fn scaled(cases: u32) -> u32 {
    let scale: u32 = std::env::var("NNLAB_FUZZ_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    cases.saturating_mul(scale.max(1))
}

fn run<S: Strategy<Value = String>>(name: &str, cases: u32, strategy: S) -> Tally {
    let cases = scaled(cases);
    let mut runner = TestRunner::new(RunConfig {
        cases,
        failure_persistence: None,
        ..RunConfig::default()
    });
    let tally = std::cell::RefCell::new(Tally::default());
    let start = Instant::now();
    let result = runner.run(&strategy, |link| check_link(&link, &mut tally.borrow_mut()));
    let tally = tally.into_inner();
    eprintln!(
        "link fuzz [{name}]: {} cases ({} accepted, {} rejected, {} blamed a preset's key), \
         slowest step {:?}, {:.1} s",
        tally.cases,
        tally.accepted,
        tally.rejected,
        tally.blamed_preset_key,
        tally.slowest_step,
        start.elapsed().as_secs_f64()
    );
    if let Err(e) = result {
        panic!("link fuzz [{name}] failed: {e}");
    }
    tally
}

// ---- strategies -----------------------------------------------------------

fn arbitrary_strings() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(any::<u8>(), 0..300)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        "[#?]?([a-zA-Z%=&,.0-9+ -]|\u{FFFD}|é|Ω|💥){0,80}",
        "(preset|data|layers|lr|keep|iters|eps|bugs|n|noise|seed|scale|lambda|mask)=[-+.,%0-9a-zA-Z]{0,12}(&[a-z]{1,8}=[-+.,%0-9a-z]{0,10}){0,5}",
    ]
}

fn key_strategy() -> impl Strategy<Value = String> {
    let names: Vec<String> = key_names().into_iter().map(String::from).collect();
    prop_oneof![
        6 => proptest::sample::select(names.clone()),
        // percent-encode one character of a real key: "l%72" is "lr"
        1 => (proptest::sample::select(names.clone()), any::<proptest::sample::Index>()).prop_map(
            |(k, i)| {
                let at = i.index(k.len());
                let c = k.as_bytes()[at];
                format!("{}%{:02X}{}", &k[..at], c, &k[at + 1..])
            }
        ),
        // padded, upper-cased or unknown keys
        1 => proptest::sample::select(names).prop_map(|k| format!(" {k} ")),
        1 => "[a-zA-Z]{1,10}",
        1 => any::<String>(),
    ]
}

fn hostile_number() -> impl Strategy<Value = String> {
    let specials: Vec<String> = [
        "NaN",
        "nan",
        "-nan",
        "inf",
        "-inf",
        "+inf",
        "infinity",
        "-Infinity",
        "1e99",
        "1e308",
        "1e309",
        "-1e309",
        "1e-400",
        "4.9e-324",
        "-0",
        "0",
        "-0.0",
        "+0",
        "0x10",
        "1_000",
        "1,5",
        "1.5.2",
        "",
        " ",
        "e",
        "1e",
        ".",
        "-",
        "+",
        "9999999999999999999999",
        "4294967295",
        "4294967296",
        "-1",
        "-2147483648",
        "18446744073709551616",
        "1e-7",
        "1e-12",
        "1e-13",
        "0.1",
        "1000",
        "1000.0000001",
        "1000000",
        "1000001",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    prop_oneof![
        3 => proptest::sample::select(specials),
        2 => any::<f64>().prop_map(|v| format!("{v}")),
        2 => any::<f64>().prop_map(|v| format!("{v:e}")),
        1 => any::<i64>().prop_map(|v| v.to_string()),
        1 => any::<u64>().prop_map(|v| v.to_string()),
        1 => (0.0f64..2.0).prop_map(|v| v.to_string()),
    ]
}

fn sizes_list() -> impl Strategy<Value = String> {
    let size = prop_oneof![
        4 => 1usize..70,
        1 => Just(0usize),
        1 => 64usize..200_000,
    ];
    prop_oneof![
        4 => proptest::collection::vec(size, 0..9).prop_map(|v| {
            v.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(",")
        }),
        // thousands of layers
        1 => (1usize..5000, 1usize..3).prop_map(|(n, w)| vec![w.to_string(); n].join(",")),
        1 => Just("-5,3".to_string()),
        1 => Just("10,,5".to_string()),
        1 => Just("10%2C5".to_string()),
        1 => Just("10%2c%35".to_string()),
        1 => Just(",".to_string()),
        1 => Just("1.5".to_string()),
        1 => Just("٣,٥".to_string()),
    ]
}

fn name_value() -> impl Strategy<Value = String> {
    let names: Vec<String> = [
        "init-zeros",
        "init-random",
        "init-he",
        "reg-none",
        "reg-l2",
        "reg-dropout",
        "gradcheck",
        "circles",
        "football",
        "moons",
        "xor",
        "spiral",
        "gauss",
        "gradcase",
        "custom",
        "zeros",
        "random",
        "xavier",
        "he",
        "case",
        "fixed",
        "fresh",
        "w2",
        "b1",
        "w2,b1",
        "none",
        ",",
        "w2,,b1",
        "W2",
        "1",
        "0",
        "true",
        "false",
        "yes",
        "INIT-HE",
        "init-he ",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    proptest::sample::select(names)
}

fn value_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => hostile_number(),
        2 => sizes_list(),
        3 => name_value(),
        1 => any::<String>(),
        // percent-encoding tricks
        1 => proptest::sample::select(vec![
            "%".to_string(), "%%".to_string(), "%ZZ".to_string(), "%2".to_string(),
            "%E2%82".to_string(), "%00".to_string(), "%FF%FE".to_string(), "%26".to_string(),
            "%3D".to_string(), "%23".to_string(), "%25".to_string(), "%2525".to_string(),
            "0%2E5".to_string(), "%31%30".to_string(),
        ]),
        1 => "<script>alert\\(1\\)</script>",
        2 => points_value(),
    ]
}

fn structured_queries() -> impl Strategy<Value = String> {
    let pair = (key_strategy(), value_strategy(), 0u8..10).prop_map(|(k, v, form)| match form {
        0 => k,                   // a key with no "="
        1 => format!("{k}=={v}"), // a value starting with "="
        _ => format!("{k}={v}"),
    });
    (
        proptest::collection::vec(pair, 0..10),
        proptest::sample::select(vec!["", "#", "?", "http://127.0.0.1:8080/#", "#&", "??#"]),
        any::<bool>(),
    )
        .prop_map(|(pairs, prefix, repeat)| {
            let mut pairs = pairs;
            if repeat && !pairs.is_empty() {
                // a repeated key: the last one wins
                let first = pairs[0].clone();
                pairs.push(first);
            }
            format!("{prefix}{}", pairs.join("&"))
        })
}

/// Mostly valid links: a preset (or none) and a few keys inside their ranges,
/// so that accepted configurations of every shape get trained.
fn valid_queries() -> impl Strategy<Value = String> {
    let preset = proptest::sample::select(vec![
        "",
        "preset=init-zeros",
        "preset=init-random",
        "preset=init-he",
        "preset=reg-none",
        "preset=reg-l2",
        "preset=reg-dropout",
        "preset=gradcheck",
    ]);
    let layers = proptest::collection::vec(1usize..=64, 1..=6).prop_map(|v| {
        format!(
            "layers={}",
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join("%2C")
        )
    });
    let setting = prop_oneof![
        layers,
        proptest::sample::select(vec![
            "circles", "moons", "xor", "spiral", "gauss", "football"
        ])
        .prop_map(|d| format!("data={d}")),
        (2usize..=2000).prop_map(|n| format!("n={n}")),
        (0.0f64..=10.0).prop_map(|v| format!("noise={v}")),
        any::<u32>().prop_map(|s| format!("dataSeed={s}")),
        proptest::sample::select(vec!["zeros", "random", "xavier", "he"])
            .prop_map(|i| format!("init={i}")),
        (0.0f64..=1e6).prop_map(|v| format!("scale={v}")),
        any::<u32>().prop_map(|s| format!("seed={s}")),
        (1e-9f64..=1000.0).prop_map(|v| format!("lr={v:e}")),
        (1u64..=1_000_000).prop_map(|v| format!("iters={v}")),
        (0.0f64..=1000.0).prop_map(|v| format!("lambda={v}")),
        (0.01f64..=1.0).prop_map(|v| format!("keep={v}")),
        proptest::sample::select(vec!["fixed", "fresh"]).prop_map(|m| format!("mask={m}")),
        any::<u32>().prop_map(|s| format!("dropSeed={s}")),
        proptest::sample::select(vec!["none", "w2", "b1", "w2,b1", "b1,w2"])
            .prop_map(|b| format!("bugs={b}")),
        (-12.0f64..=-1.0).prop_map(|e| format!("eps={}", 10f64.powf(e))),
        (2usize..=300).prop_map(|n| format!("data=custom&points={}", own_points(n))),
        (0.01f64..=0.9).prop_map(|v| format!("testFrac={v}")),
        Just("normalize=1".to_string()),
        proptest::sample::select(vec!["play", "compare", "showTest", "logCost"])
            .prop_map(|f| format!("{f}=1")),
    ];
    (preset, proptest::collection::vec(setting, 0..6)).prop_map(|(p, s)| {
        let mut parts: Vec<String> = Vec::new();
        if !p.is_empty() {
            parts.push(p.to_string());
        }
        parts.extend(s);
        format!("#{}", parts.join("&"))
    })
}

// ---- tests ------------------------------------------------------------------

#[test]
fn arbitrary_strings_never_panic_and_errors_name_their_key() {
    let t = run("strings", STRING_CASES, arbitrary_strings());
    assert_eq!(t.cases, scaled(STRING_CASES));
}

#[test]
fn hostile_structured_queries_never_panic_and_errors_name_their_key() {
    let t = run("structured", STRUCTURED_CASES, structured_queries());
    assert_eq!(t.cases, scaled(STRUCTURED_CASES));
    assert!(
        t.rejected > t.cases / 4,
        "the hostile run is mostly rejected"
    );
}

#[test]
fn accepted_links_roundtrip_and_train() {
    let t = run("valid", VALID_CASES, valid_queries());
    assert_eq!(t.cases, scaled(VALID_CASES));
    assert!(
        t.accepted > t.cases / 2,
        "most of the valid run is accepted ({} of {})",
        t.accepted,
        t.cases
    );
}

/// The brief's hostile links, by name: each is refused with a message that
/// starts with the key and the value.
#[test]
fn the_documented_hostile_links_name_key_and_value() {
    let garbage: String = (0..5000).map(|i| (b'!' + (i % 90) as u8) as char).collect();
    for (link, head) in [
        ("#lr=NaN", "lr=NaN"),
        ("#keep=0", "keep=0"),
        ("#layers=100000", "layers=100000"),
        ("#layers=1,1,1,1,1,1,1,1,1,1", "layers=1,1,1,1,1,1,1,1,1,1"),
        ("#iters=1e99", "iters=1e99"),
        ("#lr=%E2%88%9E", "lr=∞"),
    ] {
        let e = link::parse(link).expect_err(link);
        assert!(e.to_string().starts_with(head), "{link}: {e}");
    }
    // Garbage without a key=value structure is ignored with warnings.
    for link in [
        "#%ZZ%%".to_string(),
        format!("#{garbage}"),
        "#<script>alert(1)</script>".to_string(),
        "#ключ=значение&🙂=🙃".to_string(),
    ] {
        let mut tally = Tally::default();
        check_link(&link, &mut tally).unwrap();
    }
}

/// Own points that were cut, changed, over the limit or non-finite: each is
/// refused with a message naming `points=` and saying what is wrong.
#[test]
fn hostile_points_links_name_the_key_and_the_fault() {
    let valid = own_points(30);
    let n2001 = forge(&own_points(2000), |b| {
        b[2..4].copy_from_slice(&2001u16.to_le_bytes());
        b.extend_from_slice(&[0; 5]);
    });
    let huge = forge(&valid, |b| {
        b[14..22].copy_from_slice(&1e300f64.to_le_bytes())
    });
    let nan = forge(&valid, |b| {
        b[6..14].copy_from_slice(&f64::NAN.to_le_bytes())
    });
    let inf = forge(&valid, |b| {
        b[30..38].copy_from_slice(&f64::INFINITY.to_le_bytes())
    });
    let mut tampered: Vec<char> = valid.chars().collect();
    tampered[60] = if tampered[60] == 'x' { 'y' } else { 'x' };
    let tampered: String = tampered.into_iter().collect();
    for (points, fault) in [
        (&valid[..valid.len() - 10], "the link was cut or changed"),
        (&valid[..valid.len() / 2], "the link was cut or changed"),
        (tampered.as_str(), "checksum mismatch"),
        (n2001.as_str(), "2001 points: expected 2 to 2000"),
        (huge.as_str(), "non-finite or huge numbers"),
        (nan.as_str(), "non-finite or huge numbers"),
        (inf.as_str(), "non-finite or huge numbers"),
        ("", "the link was cut or changed"),
        ("%00%FF", "expected nnlab's base64url"),
    ] {
        let link = format!("#data=custom&points={points}");
        let e = link::parse(&link).expect_err(&link).to_string();
        assert!(e.starts_with("points="), "{link}: {e}");
        assert!(e.contains(fault), "{link}: {e}");
    }
    let ok = link::parse(&format!("#data=custom&points={valid}")).unwrap();
    assert_eq!(ok.config.train_points(), 30);
}
