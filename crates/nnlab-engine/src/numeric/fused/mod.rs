//! The fused kernels behind [`Network::train_pass`] and
//! [`Network::predict_into`] (`model::network`): the training loop's hot path.
//!
//! # What they compute
//!
//! Exactly [`Network::forward`] (with [`crate::numeric::matrix::Accumulate::Plain`])
//! followed by [`Network::backward`]: the same gradients, outputs and costs,
//! bit for bit (`model/network.rs` tests this on random networks, with dropout,
//! L2, planted bugs, and weights large enough to overflow).
//!
//! # How
//!
//! Examples go through the network in blocks of four, one example per lane
//! of a [`Lanes`](crate::numeric::lanes::Lanes) vector, `BLOCKS` blocks at a time. Each group of examples
//! runs forward through every layer and straight back, while its
//! activations are in registers and L1 cache: no `(units, m)` activation
//! matrix is ever written, and nothing is allocated once the
//! [`Workspace`] has its size.
//!
//! Summation orders (identical on every target, see `numeric::lanes`):
//! - `Z[i] = (Σ_k W[i,k]·A[k]) + b[i]` and `dA[k] = Σ_i W[i,k]·dZ[i]`: in
//!   order of `k` / `i`, per example, as `matrix::matmul_bias` and
//!   `matrix::matmul_tn` do. Those start from `0.0`; the kernels start from
//!   the first product, which can only change the sign of an exact zero sum
//!   (`0.0 + -0.0 = +0.0`). That never reaches a result: `Z` then gets its
//!   bias, which is never `-0.0` (biases start at `+0.0`, and `x - y` is
//!   never `-0.0` unless `x` is), and zero-signs in `dA` only reach the
//!   gradient sums below, which start from `+0.0` and so stay `+0.0` too.
//! - `dW[i,k] = (1/m)·Σ_j dZ[i,j]·A[k,j]` and `db[i] = (1/m)·Σ_j dZ[i,j]`:
//!   [`crate::numeric::matrix::dot`]'s order, lane `r` summing the examples
//!   `j ≡ r (mod 4)` of the full blocks in order of `j`, the lanes combined
//!   as `(s0 + s1) + (s2 + s3)`, then the last `m mod 4` examples one by one.
//!
//! # Backends
//!
//! The kernels are written once, generic over `Lanes`, and compiled per
//! backend (`kernels.rs`): the portable one of the target (SSE2 on x86_64,
//! SIMD128 on wasm32, scalar elsewhere) and, on x86_64 CPUs that have it
//! (checked at run time), AVX2: the array lanes inside functions compiled
//! with `#[target_feature(enable = "avx2")]`, one 256-bit instruction per
//! operation. No FMA either way (the feature is not enabled, and Rust never
//! contracts `a * b + c`). The layer functions are not inlined into each
//! other: small functions keep few values alive, which the wasm engines'
//! register allocators need.
//!
//! # Files
//!
//! `pass.rs` walks the examples group by group (the entry point
//! [`run`]); `group.rs` says where a group reads and writes; `layer.rs` holds
//! the kernel bodies, generic over the lanes; `kernels.rs` compiles them
//! once per backend; `workspace.rs` is the scratch memory and the gradient
//! sums it leaves.
//!
//! [`Network::train_pass`]: crate::model::network::Network::train_pass
//! [`Network::predict_into`]: crate::model::network::Network::predict_into
//! [`Network::forward`]: crate::model::network::Network::forward
//! [`Network::backward`]: crate::model::network::Network::backward

mod group;
mod kernels;
mod layer;
mod pass;
mod workspace;

pub use pass::DropoutMasks;
pub(crate) use pass::{run, Backend, Pass};
pub use workspace::Workspace;
