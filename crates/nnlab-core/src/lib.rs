//! nnlab's engine: everything the three labs compute, in pure Rust.
//!
//! No DOM, no clock, no OS randomness: the same configuration gives the same
//! bits on every platform (randomness comes from [`rng::NumpyRng`] seeded by
//! the configuration; `exp`/`ln` come from the pure-Rust `libm`).
//!
//! - [`link`] parses and writes the link format into a [`config::Config`];
//! - [`trainer::Trainer`] runs a configuration step by step;
//! - [`gradcheck`] compares backprop with numerical gradients;
//! - [`regions::Regions`] paints decision regions.

pub mod bench;
pub mod config;
pub mod cost;
pub mod dataset;
pub mod dropout;
pub mod error;
mod fused;
pub mod generate;
pub mod gradcheck;
pub mod history;
pub mod init;
mod lanes;
pub mod link;
pub mod math;
pub mod matrix;
pub mod network;
pub mod regions;
pub mod rng;
pub mod trainer;

pub use config::{Config, Preset};
pub use error::{ConfigError, Warning};
pub use trainer::{Status, Trainer};
