//! Four `f64` lanes, one example per lane: the unit of work of the fused
//! training and prediction kernels (`numeric::fused`).
//!
//! # Determinism
//!
//! Every operation here is lane-wise IEEE arithmetic (`+ - * /`, compare,
//! select, bit moves), so a lane's result does not depend on how many lanes
//! the target computes at once: the scalar backend, SSE2, AVX2 and wasm
//! SIMD128 give the same bits (NaN payloads aside, which IEEE leaves open).
//! There are no horizontal operations here, no fused multiply-adds and no
//! reassociation: callers decide every summation order.
//!
//! # Backends ([`Lanes`] implementations, one file each)
//!
//! - [`Sse2`] on x86_64 (part of the x86_64 baseline): two `__m128d`;
//! - `Simd128` on wasm32 with `+simd128` (`.cargo/config.toml` turns it
//!   on; every current browser runs it): two `v128`;
//! - [`ArrayLanes`]: `[f64; 4]` computed lane by lane, for other targets and
//!   as the tests' reference;
//! - [`Avx2`]: `ArrayLanes` inside `#[target_feature(enable = "avx2")]`
//!   functions (`fused` compiles its kernels a second time that way and
//!   chooses them at run time), where the compiler turns each `[f64; 4]`
//!   operation into one 256-bit instruction.
//!
//! [`V4`] names the target's portable backend (no run-time CPU check).
//!
//! Explicit 128-bit intrinsics rather than `[f64; 4]` for SSE2 and SIMD128:
//! the compiler's automatic vectorisation of the array form split it over
//! two registers with lanes shuffled around, at a third of the speed.
//! `_mm256_*` intrinsics cannot serve AVX2: trait methods cannot carry
//! `#[target_feature]`, so the intrinsics would stay out-of-line calls.
//!
//! # Transcendentals
//!
//! [`Lanes::exp`] and [`Lanes::ln`] run the lane-wise ports of `libm::exp`
//! and `libm::log` (`libm_ports.rs`), bit-identical to the scalar `libm`
//! call (`tests.rs`). Vectors with a lane outside the common range
//! (non-finite, subnormal, `|x| ≥ 708.39` for `exp`) go through scalar
//! `libm` instead; [`wide::Wide`] runs several vectors through them together.

mod array;
mod four;
mod libm_ports;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd128;
#[cfg(target_arch = "x86_64")]
mod sse2;
#[cfg(test)]
mod tests;
mod vector;
mod wide;

#[cfg_attr(
    any(target_arch = "x86_64", target_arch = "wasm32"),
    allow(unused_imports)
)]
pub(crate) use array::ArrayLanes;
#[cfg(target_arch = "x86_64")]
pub(crate) use array::Avx2;
pub(crate) use four::{Lanes, Quad, LANES};
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub(crate) use simd128::Simd128;
#[cfg(target_arch = "x86_64")]
pub(crate) use sse2::Sse2;

/// The portable backend of this target: what code without a run-time CPU
/// check uses (the cost, the tests).
#[cfg(target_arch = "x86_64")]
pub(crate) type V4 = Sse2;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub(crate) type V4 = Simd128;
#[cfg(not(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
)))]
pub(crate) type V4 = ArrayLanes;
