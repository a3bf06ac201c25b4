//! The numeric engine: MT19937 and NumPy's random streams, elementary
//! functions with the same bits on every target, matrices, the parameter
//! list's layout, SIMD lanes and the fused kernels. It imports nothing from
//! the model (`tests/architecture.rs` checks that no module imports form a
//! cycle).

pub(crate) mod fused;
pub(crate) mod lanes;
pub mod math;
pub mod matrix;
pub mod mt19937;
pub mod params;
pub mod rng;
