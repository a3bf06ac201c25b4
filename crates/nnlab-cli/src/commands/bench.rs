//! `nnlab bench`: times whole runs of a configuration (the core has no
//! clock; the command line may use one).

use std::io::Write;
use std::time::Instant;

use nnlab_core::config::link::Parsed;
use nnlab_core::{Status, Trainer};

use crate::error::CliError;
use nnlab_core::format::json::Json;

/// Runs the configuration `repeat` times, from building the data to the
/// last iteration, and prints the minimum and median wall time as JSON.
///
/// Also reports whether every run ended with the same bits (the core is
/// deterministic: `false` would be a bug).
pub fn run(parsed: Parsed, repeat: usize, out: &mut dyn Write) -> Result<(), CliError> {
    let repeat = repeat.max(1);
    let query = parsed.query();
    let mut times_ms = Vec::with_capacity(repeat);
    let mut first = None;
    let mut deterministic = true;
    let mut iterations = 0;
    let mut status = Status::Done;
    for _ in 0..repeat {
        let start = Instant::now();
        let mut trainer = Trainer::new(parsed.config.clone())?;
        trainer.run();
        times_ms.push(start.elapsed().as_secs_f64() * 1000.0);

        let (train, test) = trainer.accuracy();
        let fingerprint = (
            trainer.last_cost().map(|(i, c)| (i, c.to_bits())),
            train.correct,
            test.correct,
        );
        deterministic &= *first.get_or_insert(fingerprint) == fingerprint;
        iterations = trainer.iteration();
        status = trainer.status().clone();
    }
    times_ms.sort_by(f64::total_cmp);
    let n = times_ms.len();
    let median = if n % 2 == 1 {
        times_ms[n / 2]
    } else {
        (times_ms[n / 2 - 1] + times_ms[n / 2]) / 2.0
    };
    let j = Json::obj([
        ("query", Json::from(query)),
        ("runs", n.into()),
        ("min_ms", times_ms[0].into()),
        ("median_ms", median.into()),
        ("iterations", iterations.into()),
        (
            "status",
            (if status == Status::Done {
                "done"
            } else {
                "diverged"
            })
            .into(),
        ),
        ("deterministic", deterministic.into()),
    ]);
    writeln!(out, "{j}")?;
    Ok(())
}
