//! Runs and their diagnostics: the trainer, its cost history, gradient
//! checking and its diagnosis, the run's health, decision regions, what the
//! page shows of a run (snapshots), exports, and the benchmark's cases.

pub mod bench;
pub mod export;
pub mod gradcheck;
pub mod health;
pub mod history;
pub mod regions;
pub mod snapshot;
pub mod stats;
pub mod trainer;
pub mod views;
