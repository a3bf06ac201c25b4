//! How a run is doing, in plain sentences: dead hidden units, divergence,
//! an infinite cost, unbroken symmetry (the network diagram shows them).

use crate::format::fmt_cost_short;
use crate::i18n::text;
use crate::model::network::Activations;
use crate::run::trainer::{Status, Trainer};
use crate::tr;

/// How bad a [`Health`] message is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

impl Level {
    /// `"info"` | `"warning"` | `"error"`.
    pub fn name(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// A plain warning about a run.
#[derive(Clone, Debug, PartialEq)]
pub struct Health {
    pub level: Level,
    pub text: String,
}

/// The note beside an infinite cost.
pub fn infinite_cost() -> String {
    text("health-infinite-cost", &[])
}

/// The sentence appended to the status line when every weight gradient was 0.
fn stalled_text() -> String {
    text("status-stalled", &[])
}

/// The sentence for a run that diverged at `iteration`.
pub fn diverged_text(iteration: u32) -> String {
    tr!("health-diverged", iteration = iteration)
}

/// The page's status line for a run at `iteration` of `iters` with `status`,
/// while the page is `playing` or not; `stalled` appends that learning has
/// stopped.
pub fn status_line(
    status: &Status,
    iteration: u32,
    iters: u32,
    playing: bool,
    stalled: bool,
) -> String {
    let line = match status {
        Status::Diverged { iteration } => diverged_text(*iteration as u32),
        Status::Done => tr!("status-done", iters = iters),
        Status::Training if playing => text("status-training", &[]),
        Status::Training if iteration == 0 => text("status-ready", &[]),
        Status::Training => text("status-paused", &[]),
    };
    if stalled {
        tr!("status-and", line = line, more = stalled_text())
    } else {
        line
    }
}

/// Compare mode's status line for its three runs: all `done`, or the page
/// `playing`, or `started` (some run past iteration 0); `stalled` names the
/// runs whose every weight gradient was 0.
pub fn compare_status_line(done: bool, playing: bool, started: bool, stalled: &[String]) -> String {
    let line = text(
        if done {
            "status-compare-done"
        } else if playing {
            "status-compare-training"
        } else if started {
            "status-paused"
        } else {
            "status-ready"
        },
        &[],
    );
    if stalled.is_empty() {
        line
    } else {
        let more = tr!("status-compare-stalled", runs = stalled.join(", "));
        tr!("status-and", line = line, more = more)
    }
}

/// Hidden units whose ReLU is 0 on every training point, per hidden layer.
pub fn dead_units(trainer: &Trainer) -> Vec<Vec<bool>> {
    let mut acts = Activations::default();
    trainer
        .network()
        .predict_batch(&trainer.split().train.x, &mut acts);
    let hidden = acts.a.len().saturating_sub(1);
    acts.a[..hidden]
        .iter()
        .map(|a| {
            (0..a.rows())
                .map(|r| a.row(r).iter().all(|&v| v <= 0.0))
                .collect()
        })
        .collect()
}

/// A plain sentence about a run that went wrong, and how bad it is; `dead`
/// is [`dead_units`] of the same run. `None` when nothing is wrong.
pub fn health(trainer: &Trainer, dead: &[Vec<bool>]) -> Option<Health> {
    let dead_count = dead.iter().flatten().filter(|&&d| d).count();
    let hidden: usize = dead.iter().map(Vec::len).sum();
    if let Status::Diverged { iteration } = trainer.status() {
        return Some(Health {
            level: Level::Error,
            text: diverged_text(*iteration as u32),
        });
    }
    let net = trainer.network();
    if net
        .params()
        .iter()
        .all(|p| p.as_slice().iter().all(|&v| v == 0.0))
    {
        return Some(Health {
            level: Level::Warning,
            text: text("health-zero-weights", &[]),
        });
    }
    let cost_inf = trainer.last_cost().is_some_and(|(_, c)| c.is_infinite());
    if let Some(l) = dead.iter().position(|layer| layer.iter().all(|&d| d)) {
        let rose = match (trainer.checkpoints().first(), trainer.last_cost()) {
            (Some(&(_, first)), Some((i, last))) if i > 0 && last > first => tr!(
                "health-cost-rose",
                first = fmt_cost_short(first),
                last = fmt_cost_short(last)
            ),
            _ => String::new(),
        };
        return Some(Health {
            level: Level::Warning,
            text: tr!("health-dead-layer", layer = l + 1, rose = rose),
        });
    }
    if cost_inf {
        return Some(Health {
            level: Level::Warning,
            text: infinite_cost(),
        });
    }
    if dead_count > 0 {
        return Some(Health {
            level: Level::Info,
            text: tr!("health-dead-units", dead = dead_count, hidden = hidden),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lines() {
        const READY: &str = "Ready: press Play or step.";
        assert_eq!(status_line(&Status::Training, 0, 10, false, false), READY);
        assert_eq!(
            status_line(&Status::Training, 3, 10, false, true),
            "Paused. Learning has stopped: every weight's gradient is exactly 0 (see the \
             network diagram), so no weight can change."
        );
        assert_eq!(
            status_line(&Status::Done, 10, 10, true, false),
            "Done: 10 iterations."
        );
        assert!(
            status_line(&Status::Diverged { iteration: 7 }, 8, 10, true, false)
                .starts_with("Training diverged at iteration 7:")
        );
        assert_eq!(
            compare_status_line(true, false, true, &["Zeros".into()]),
            "Done: all three runs finished. Learning has stopped in Zeros: every weight's gradient is exactly 0."
        );
        assert_eq!(
            compare_status_line(false, true, true, &[]),
            "Training the three runs…"
        );
        assert_eq!(compare_status_line(false, false, false, &[]), READY);
    }
}
