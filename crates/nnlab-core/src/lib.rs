//! nnlab's engine: everything the three labs compute, in pure Rust.
//!
//! No DOM, no clock, no OS randomness: the same configuration gives the same
//! bits on every platform (randomness comes from [`numeric::rng::NumpyRng`]
//! seeded by the configuration; `exp`/`ln` come from the pure-Rust `libm`).
//!
//! The modules, from the bottom up:
//! - [`numeric`]: the numeric engine (random streams, elementary functions,
//!   matrices, SIMD lanes, the fused training kernels);
//! - [`model`]: the network, its initialization, cost and dropout;
//! - [`data`]: data sets and their generators;
//! - [`config`]: one typed configuration, the presets, the link format and
//!   its one table of keys;
//! - [`run`]: a run step by step ([`run::trainer::Trainer`]), gradient
//!   checking and its diagnosis, health, snapshots, decision regions,
//!   exports, the benchmark's cases;
//! - [`view`]: what the page draws, as numbers (the chart's and the regions
//!   panel's geometry, the diagram, the gradient-check panel, heat colours);
//! - [`mod@format`]: numbers as people read them (the course's Python form,
//!   the page's short forms) and the one JSON writer;
//! - [`i18n`]: every sentence in English and Chinese (Fluent catalogues).

pub mod config;
pub mod data;
pub mod format;
pub mod i18n;
pub mod run;
pub mod view;

/// The numeric engine and the model, from `nnlab-engine` (a crate of its own, built for
/// speed in the page's size-optimised wasm).
pub use nnlab_engine::{model, numeric};

pub use config::error::{ConfigError, Warning};
pub use config::{Config, Preset};
pub use run::trainer::{Status, Trainer};
