//! How a run is doing, in plain sentences: dead hidden units, divergence,
//! an infinite cost, unbroken symmetry (the network diagram shows them).

use crate::format::fmt_cost_short;
use crate::model::network::Activations;
use crate::run::trainer::{Status, Trainer};

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
pub const INFINITE_COST: &str = "The cost is ∞: the sigmoid output is exactly 0 or 1 on the wrong \
     side for some training point (log 0). Huge weights saturate it.";

/// The sentence appended to the status line when every weight gradient was 0.
pub const STALLED: &str = "Learning has stopped: every weight's gradient is exactly 0 (see the \
     network diagram), so no weight can change.";

/// The sentence for a run that diverged at `iteration`.
pub fn diverged_text(iteration: u32) -> String {
    format!(
        "Training diverged at iteration {iteration}: a gradient overflowed to inf or NaN, \
         so training stopped. The weights shown are the last finite ones. \
         Lower the learning rate (or λ) and reset."
    )
}

/// The page's status line for a run at `iteration` of `iters` with `status`,
/// while the page is `playing` or not; `stalled` appends [`STALLED`].
pub fn status_line(
    status: &Status,
    iteration: u32,
    iters: u32,
    playing: bool,
    stalled: bool,
) -> String {
    let line = match status {
        Status::Diverged { iteration } => diverged_text(*iteration as u32),
        Status::Done => format!("Done: {iters} iterations."),
        Status::Training if playing => "Training…".into(),
        Status::Training if iteration == 0 => READY.into(),
        Status::Training => PAUSED.into(),
    };
    if stalled {
        format!("{line} {STALLED}")
    } else {
        line
    }
}

/// Compare mode's status line for its three runs: all `done`, or the page
/// `playing`, or `started` (some run past iteration 0); `stalled` names the
/// runs whose every weight gradient was 0.
pub fn compare_status_line(done: bool, playing: bool, started: bool, stalled: &[String]) -> String {
    let line = if done {
        "Done: all three runs finished."
    } else if playing {
        "Training the three runs…"
    } else if started {
        PAUSED
    } else {
        READY
    };
    if stalled.is_empty() {
        line.into()
    } else {
        format!(
            "{line} Learning has stopped in {}: every weight's gradient is exactly 0.",
            stalled.join(", ")
        )
    }
}

const READY: &str = "Ready: press Play or step.";
const PAUSED: &str = "Paused.";

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
            text: "Every weight is 0: all hidden units compute the same thing and get the same \
                 gradient, so they never become different (symmetry is never broken)."
                .into(),
        });
    }
    let cost_inf = trainer.last_cost().is_some_and(|(_, c)| c.is_infinite());
    if let Some(l) = dead.iter().position(|layer| layer.iter().all(|&d| d)) {
        let rose = match (trainer.checkpoints().first(), trainer.last_cost()) {
            (Some(&(_, first)), Some((i, last))) if i > 0 && last > first => format!(
                " The cost rose from {} to {}.",
                fmt_cost_short(first),
                fmt_cost_short(last)
            ),
            _ => String::new(),
        };
        return Some(Health {
            level: Level::Warning,
            text: format!(
                "Every unit of hidden layer {} is dead: its ReLU outputs 0 on every training \
                 point, so no gradient reaches the layers below and the network predicts the \
                 same value everywhere.{rose} A learning rate or starting weights too large \
                 for this network usually do this.",
                l + 1
            ),
        });
    }
    if cost_inf {
        return Some(Health {
            level: Level::Warning,
            text: INFINITE_COST.into(),
        });
    }
    if dead_count > 0 {
        return Some(Health {
            level: Level::Info,
            text: format!(
                "{dead_count} of {hidden} hidden units are dead (ReLU 0 on every training point)."
            ),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lines() {
        assert_eq!(status_line(&Status::Training, 0, 10, false, false), READY);
        assert_eq!(
            status_line(&Status::Training, 3, 10, false, true),
            format!("{PAUSED} {STALLED}")
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
