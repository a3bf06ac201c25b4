//! The numeric engine: NumPy's random streams, elementary functions with the
//! same bits on every target, matrices, SIMD lanes and the fused kernels.

pub(crate) mod fused;
pub(crate) mod lanes;
pub mod math;
pub mod matrix;
pub mod mt19937;
pub mod params;
pub mod rng;
