//! A group of examples: `BLOCKS` vectors of four, where the kernels read
//! and write them, and the activation each layer applies.

use crate::numeric::lanes::{Lanes, Quad, LANES};
use crate::numeric::matrix::Matrix;

/// Four-example blocks processed together (more independent work per
/// weight loaded; 8 would need more registers than SSE2 and wasm have).
pub(crate) const BLOCKS: usize = 4;

/// `BLOCKS` vectors of one unit (`BLOCKS · 4` examples).
pub(crate) type Group = [Quad; BLOCKS];

/// Where a group reads and writes a `(units, m)` row: `N` vectors from
/// example `col`; in a `TAIL` group, one partial vector of `valid` examples.
#[derive(Clone, Copy)]
pub(crate) struct Cols {
    pub(crate) col: usize,
    pub(crate) valid: usize,
}

impl Cols {
    /// Vector `b` of `row` (zeros past `valid` in a tail).
    #[inline(always)]
    pub(crate) fn load<L: Lanes, const TAIL: bool>(self, row: &[f64], b: usize) -> L {
        let at = self.col + b * LANES;
        if TAIL {
            L::load_partial(&row[at..], self.valid, 0.0)
        } else {
            L::load_slice(&row[at..at + LANES])
        }
    }

    /// Writes vector `b` to `row` (only the `valid` examples of a tail).
    #[inline(always)]
    pub(crate) fn store<L: Lanes, const TAIL: bool>(self, v: L, row: &mut [f64], b: usize) {
        let at = self.col + b * LANES;
        let v = v.to_array();
        if TAIL {
            row[at..at + self.valid].copy_from_slice(&v[..self.valid]);
        } else {
            row[at..at + LANES].copy_from_slice(&v);
        }
    }
}

/// A layer's activation function.
#[derive(Clone, Copy)]
pub(crate) enum Activation<'a> {
    Relu,
    /// ReLU, then inverted dropout: `A·D / keep` with the mask `D`
    /// (`(units, m)`, 0 or 1).
    ReluDropout(&'a Matrix, f64),
    Sigmoid,
}
