//! nnlab's numeric engine and model: the code a training step runs.
//!
//! No DOM, no clock, no OS randomness: randomness comes from
//! [`numeric::rng::NumpyRng`] seeded by the configuration; `exp`/`ln` come
//! from the pure-Rust `libm`. The rest of the labs (data, configuration,
//! runs, views, formats, texts) is `nnlab-core`, which re-exports both
//! modules (`nnlab_core::numeric`, `nnlab_core::model`).
//!
//! A crate of its own so that a build can optimise it differently from the
//! rest: the page's wasm (`cargo xtask dist`, Cargo profile `web`) builds
//! this crate at opt-level 3 (the kernels need unrolling and inlining:
//! opt-level "z" makes training 5 to 6 times slower) and everything else for
//! size. The modules, from the bottom up:
//! - [`numeric`]: random streams, elementary functions, matrices, SIMD
//!   lanes, the fused training kernels;
//! - [`model`]: the network, its initialization, cost, dropout, penalties
//!   and optimizers.

pub mod model;
pub mod numeric;
