//! Runs and their diagnostics: the trainer, its cost history, gradient
//! checking, decision regions, what the page shows of a run, and the
//! benchmark's cases.

pub mod bench;
pub mod gradcheck;
pub mod history;
pub mod regions;
pub mod snapshot;
pub mod trainer;
