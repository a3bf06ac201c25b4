//! `nnlab train`: runs a configuration to the end and prints what the
//! course's program prints: the cost every 1000 iterations (and at the last
//! one), then the train and test accuracy; for regression
//! (`problem=regression`) the train and test loss, the squared error
//! `1/(2m)·Σ(ŷ − y)²` without penalties, instead.

use std::io::Write;

use nnlab_core::config::link::Parsed;
use nnlab_core::model::network::Accuracy;
use nnlab_core::model::output::Problem;
use nnlab_core::run::export;
use nnlab_core::run::trainer::CHECKPOINT_EVERY;
use nnlab_core::run::views::Recording;
use nnlab_core::{Status, Trainer};

use crate::error::{note, CliError};
use nnlab_core::format::fmt_py;
use nnlab_core::format::json::Json;

/// Runs the configuration. Human output streams the costs as they come;
/// `json` prints one object at the end.
///
/// A run that diverges stops there; that is a result, not an error: the
/// status says so (stderr, and `"status": "diverged"` in the JSON) and the
/// exit code stays 0.
pub fn run(parsed: Parsed, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let query = parsed.query();
    let config = parsed.config;
    let course = config.course_numbers();
    let mut trainer = Trainer::new(config)?;
    if !json {
        header(&trainer, &query, out)?;
    }
    // The views' series at the checkpoints (and the last iteration).
    trainer.record_views(Recording {
        live: false,
        checkpoints: json,
    });
    let mut printed = 0;
    let mut explained_inf = false;
    while *trainer.status() == Status::Training {
        trainer.step(CHECKPOINT_EVERY);
        if !json {
            for &(i, cost) in &trainer.checkpoints()[printed..] {
                writeln!(out, "Cost after iteration {i}: {}", fmt_py(cost))?;
                if cost.is_infinite() && !explained_inf {
                    explain_inf(out)?;
                    explained_inf = true;
                }
            }
            printed = trainer.checkpoints().len();
        }
    }
    let outcome = Outcome::of(&trainer, query);
    if let Some(i) = outcome.diverged_at {
        note(format_args!(
            "training diverged at iteration {i}: a gradient stopped being a finite number, so training stopped (try a smaller lr or scale)"
        ));
    }
    if json {
        writeln!(out, "{}", outcome.to_json())?;
    } else {
        outcome.print(out)?;
        if let Some(c) = course {
            let same = c.train_accuracy == outcome.train.fraction()
                && c.test_accuracy == outcome.test.fraction();
            writeln!(
                out,
                "The course prints: train accuracy {}, test accuracy {} ({})",
                fmt_py(c.train_accuracy),
                fmt_py(c.test_accuracy),
                if same { "the same" } else { "different!" }
            )?;
        }
    }
    Ok(())
}

/// `nnlab weights`: runs the configuration to the end (or to where it
/// diverged) and prints the page's weights export (Export → weights JSON,
/// `nnlab_core::run::export::weights_json`): every f64 shortest round-trip, so
/// two runners agree on the text exactly when they agree on the bits.
pub fn run_weights(parsed: Parsed, out: &mut dyn Write) -> Result<(), CliError> {
    let query = parsed.query();
    let mut trainer = Trainer::new(parsed.config)?;
    trainer.run();
    write!(out, "{}", export::weights_json(&trainer, &query))?;
    Ok(())
}

fn header(trainer: &Trainer, query: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let c = trainer.config();
    let sizes: Vec<String> = c.sizes().iter().map(|s| s.to_string()).collect();
    writeln!(out, "nnlab train {query}")?;
    writeln!(
        out,
        "{}{} data: {} training / {} test points; network [{}]; {} init; lr {}; {} iterations",
        c.data.name(),
        if c.problem == Problem::Regression {
            " (regression)"
        } else {
            ""
        },
        trainer.split().train.len(),
        trainer.split().test.len(),
        sizes.join(", "),
        c.init.name(),
        fmt_py(c.lr),
        c.iters
    )?;
    Ok(())
}

fn explain_inf(out: &mut dyn Write) -> Result<(), CliError> {
    writeln!(
        out,
        "  (inf: the sigmoid saturated to exactly 0 or 1 on the wrong side of some point, so its log(0) term is infinite)"
    )?;
    Ok(())
}

/// Everything a finished (or diverged) run reports.
struct Outcome {
    query: String,
    /// The checkpoints, then the last computed cost if it is not one.
    costs: Vec<(u64, f64)>,
    train: Accuracy,
    test: Accuracy,
    /// Regression: the train and test loss (accuracy means nothing there).
    losses: Option<(f64, f64)>,
    iterations: u64,
    diverged_at: Option<u64>,
    /// The views' samples (`--json` only).
    views: Vec<Json>,
}

impl Outcome {
    fn of(trainer: &Trainer, query: String) -> Self {
        let mut costs = trainer.checkpoints().to_vec();
        if let Some(last) = trainer.last_cost() {
            if costs.last().is_none_or(|c| c.0 < last.0) {
                costs.push(last);
            }
        }
        let (train, test) = trainer.accuracy();
        let diverged_at = match trainer.status() {
            Status::Diverged { iteration } => Some(*iteration),
            _ => None,
        };
        Outcome {
            query,
            costs,
            train,
            test,
            losses: (trainer.config().problem == Problem::Regression).then(|| trainer.losses()),
            iterations: trainer.iteration(),
            diverged_at,
            views: trainer
                .views()
                .checkpoints()
                .iter()
                .map(|s| s.to_json())
                .collect(),
        }
    }

    fn to_json(&self) -> Json {
        let mut fields = vec![
            ("query", Json::from(self.query.as_str())),
            ("costs", Json::arr(self.costs.iter().copied())),
        ];
        if let Some((train, test)) = self.losses {
            fields.extend([
                ("problem", Json::from("regression")),
                ("train_loss", train.into()),
                ("test_loss", test.into()),
            ]);
        } else {
            fields.extend([
                ("train_accuracy", self.train.fraction().into()),
                ("test_accuracy", self.test.fraction().into()),
                ("train_correct", self.train.correct.into()),
                ("test_correct", self.test.correct.into()),
            ]);
        }
        fields.extend([
            ("train_total", self.train.total.into()),
            ("test_total", self.test.total.into()),
            (
                "status",
                (if self.diverged_at.is_some() {
                    "diverged"
                } else {
                    "done"
                })
                .into(),
            ),
            ("iterations", self.iterations.into()),
            ("views", Json::Arr(self.views.clone())),
        ]);
        if let Some(i) = self.diverged_at {
            fields.push(("diverged_at", i.into()));
        }
        Json::obj(fields)
    }

    fn print(&self, out: &mut dyn Write) -> Result<(), CliError> {
        if let Some(&(i, cost)) = self.costs.last() {
            if self.diverged_at == Some(i) {
                writeln!(
                    out,
                    "Cost at iteration {i}, where it diverged: {} (the sum skips NaN terms, as the course's nansum does)",
                    fmt_py(cost)
                )?;
            } else if self.diverged_at.is_some() {
                writeln!(
                    out,
                    "Last cost computed, at iteration {i}: {}",
                    fmt_py(cost)
                )?;
            } else if i % CHECKPOINT_EVERY != 0 {
                writeln!(out, "Cost at the last iteration ({i}): {}", fmt_py(cost))?;
            }
        }
        if let Some(i) = self.diverged_at {
            writeln!(
                out,
                "Diverged at iteration {i}: stopped after {} iterations; the accuracies are those of the weights it stopped with",
                self.iterations
            )?;
        }
        if let Some((train, test)) = self.losses {
            writeln!(out, "Train loss (1/(2m)·Σ(ŷ − y)²): {}", fmt_py(train))?;
            writeln!(out, "Test loss: {}", fmt_py(test))?;
            return Ok(());
        }
        for (name, a) in [("Train", &self.train), ("Test", &self.test)] {
            writeln!(
                out,
                "{name} accuracy: {} ({} of {})",
                fmt_py(a.fraction()),
                a.correct,
                a.total
            )?;
        }
        Ok(())
    }
}
