//! The kernels compiled once per backend: [`Kernels`], implemented by
//! [`PortableKernels`] (the target's portable lanes) and, on x86_64,
//! [`Avx2Kernels`] (the AVX2 lanes, chosen at run time).

use super::group::{Activation, Cols, Group};
use super::layer::{accumulate_layer, backprop_layer, forward_layer, inputs, output};
#[cfg(target_arch = "x86_64")]
use crate::numeric::lanes::Avx2;
use crate::numeric::lanes::{Quad, V4};
use crate::numeric::matrix::Matrix;

/// The kernels, compiled once per backend (the functions are not inlined
/// into each other, see the module docs).
pub(crate) trait Kernels {
    /// `acts[k] = x[k, group]`.
    fn inputs<const N: usize, const TAIL: bool>(x: &Matrix, acts: &mut [Group], at: Cols);
    fn forward_layer<const N: usize, const TAIL: bool>(
        w: &Matrix,
        bias: &[f64],
        input: &[Group],
        out: &mut [Group],
        act: Activation,
        at: Cols,
    );
    /// Writes the output layer's activations to `out`; with labels, also
    /// `dz = A[L] - Y`.
    fn output<const N: usize, const TAIL: bool>(
        a_out: &Group,
        y: Option<&[f64]>,
        out: &mut [f64],
        dz: &mut Group,
        at: Cols,
    );
    fn accumulate_layer<const N: usize, const TAIL: bool>(
        dz: &[Group],
        a_in: &[Group],
        sums_w: &mut [Quad],
        sums_b: &mut [Quad],
    );
    fn backprop_layer<const N: usize, const TAIL: bool>(
        wt: &[f64],
        dz: &[Group],
        a_in: &[Group],
        dz_prev: &mut [Group],
        mask: Option<(&Matrix, f64)>,
        at: Cols,
    );
}

/// Declares a backend: a `Kernels` impl whose functions call the generic
/// bodies of `layer.rs` with lanes `$l`, each inside a function carrying
/// `$($attr)*` (the target features the lanes need).
macro_rules! backend {
    ($name:ident, $l:ty, $(#[$attr:meta])*) => {
        pub(crate) struct $name;

        impl Kernels for $name {
            kernel!($l, [$(#[$attr])*], inputs(x: &Matrix, acts: &mut [Group], at: Cols));
            kernel!($l, [$(#[$attr])*], forward_layer(
                w: &Matrix,
                bias: &[f64],
                input: &[Group],
                out: &mut [Group],
                act: Activation,
                at: Cols
            ));
            kernel!($l, [$(#[$attr])*], output(
                a_out: &Group,
                y: Option<&[f64]>,
                out: &mut [f64],
                dz: &mut Group,
                at: Cols
            ));
            kernel!($l, [$(#[$attr])*], accumulate_layer(
                dz: &[Group],
                a_in: &[Group],
                sums_w: &mut [Quad],
                sums_b: &mut [Quad]
            ));
            kernel!($l, [$(#[$attr])*], backprop_layer(
                wt: &[f64],
                dz: &[Group],
                a_in: &[Group],
                dz_prev: &mut [Group],
                mask: Option<(&Matrix, f64)>,
                at: Cols
            ));
        }
    };
}

/// One `Kernels` method of a backend: not inlined, it calls the generic
/// body `$f` with lanes `$l` inside an inner function carrying the
/// backend's attributes.
macro_rules! kernel {
    ($l:ty, [$(#[$attr:meta])*], $f:ident($($arg:ident: $t:ty),*)) => {
        #[inline(never)]
        fn $f<const N: usize, const TAIL: bool>($($arg: $t),*) {
            $(#[$attr])*
            unsafe fn f<const N: usize, const TAIL: bool>($($arg: $t),*) {
                $f::<$l, N, TAIL>($($arg),*)
            }
            // SAFETY: `pass::run` picks this backend only where the CPU has
            // its features.
            unsafe { f::<N, TAIL>($($arg),*) }
        }
    };
}

backend!(PortableKernels, V4,);
#[cfg(target_arch = "x86_64")]
backend!(Avx2Kernels, Avx2, #[target_feature(enable = "avx2")]);
