//! Decision regions: the network's probability over a grid of the plane,
//! and its colouring into RGBA pixels (colour-blind-safe orange/blue); for
//! regression the predicted value on a diverging scale between the same
//! two colours ([`diverging`]).

use crate::data::dataset::Bounds;
use crate::data::features::InputMap;
use crate::model::network::{Network, Workspace};
use crate::model::output::Problem;
use crate::numeric::matrix::Matrix;

/// Label 0's colour (orange) and label 1's (blue), from the Okabe–Ito
/// palette, which stays distinct under the common colour blindnesses.
pub const COLOR_0: [u8; 3] = [230, 159, 0];
pub const COLOR_1: [u8; 3] = [0, 114, 178];
const BACKGROUND: [u8; 3] = [250, 250, 250];
const BOUNDARY: [u8; 3] = [40, 40, 40];
/// Shown where the network's output is not a number.
pub const COLOR_NAN: [u8; 3] = [160, 160, 160];

/// A reusable evaluation grid of `width × height` pixels over `bounds`.
#[derive(Clone, Debug)]
pub struct Regions {
    width: usize,
    height: usize,
    bounds: Bounds,
    grid: Matrix,
    ws: Workspace,
    probs: Vec<f64>,
    rgba: Vec<u8>,
    /// Whether [`Regions::paint`] marks the boundary with dark pixels (the
    /// page strokes the smooth `view::contour` instead).
    boundary_pixels: bool,
    /// Two flat classes instead of the confidence shading (`discrete=1`).
    discrete: bool,
    /// The last evaluated network's problem: regression paints values.
    problem: Problem,
    /// Regression: the value painted at full shade ([`diverging`]).
    value_scale: f64,
}

/// Regression's colour of a predicted value `v` on the scale `s` (> 0):
/// white at 0, label 1's blue above, label 0's orange below, the shade
/// `t = min(|v|/s, 1)·0.75` mixed as [`Regions::paint`] mixes the classes;
/// grey for NaN. The one definition of the regression colours (page and
/// tests read it from here).
pub fn diverging(v: f64, s: f64) -> [u8; 3] {
    if v.is_nan() {
        return COLOR_NAN;
    }
    let t = (v.abs() / s).min(1.0) * 0.75;
    mix(if v > 0.0 { COLOR_1 } else { COLOR_0 }, t)
}

/// `round(background·(1 − t) + colour·t)` per channel (halves away from zero).
#[inline(always)]
fn mix(target: [u8; 3], t: f64) -> [u8; 3] {
    // No closure: built for size, a closure stays a call per channel.
    [
        shade(BACKGROUND[0], target[0], t),
        shade(BACKGROUND[1], target[1], t),
        shade(BACKGROUND[2], target[2], t),
    ]
}

/// One channel of [`mix`].
#[inline(always)]
fn shade(background: u8, colour: u8, t: f64) -> u8 {
    round_byte(background as f64 * (1.0 - t) + colour as f64 * t)
}

/// Regression's full-shade value for labels `y`: the largest `|y|`, or 1
/// when there is none above 0 (or it is not finite).
pub fn value_scale(y: &[f64]) -> f64 {
    let s = y.iter().fold(0.0f64, |a, v| a.max(v.abs()));
    if s > 0.0 && s.is_finite() {
        s
    } else {
        1.0
    }
}

impl Regions {
    /// A grid whose pixel `(px, py)` is the point
    /// `(x_min + (px + ½)·dx, y_max − (py + ½)·dy)` (y grows upwards).
    pub fn new(width: usize, height: usize, bounds: Bounds) -> Self {
        let n = width * height;
        let mut grid = Matrix::zeros(2, n);
        let dx = (bounds.x_max - bounds.x_min) / width as f64;
        let dy = (bounds.y_max - bounds.y_min) / height as f64;
        for py in 0..height {
            for px in 0..width {
                grid.set(0, py * width + px, bounds.x_min + (px as f64 + 0.5) * dx);
                grid.set(1, py * width + px, bounds.y_max - (py as f64 + 0.5) * dy);
            }
        }
        Regions {
            width,
            height,
            bounds,
            grid,
            ws: Workspace::default(),
            probs: vec![0.0; n],
            rgba: vec![0; 4 * n],
            boundary_pixels: true,
            discrete: false,
            problem: Problem::Classification,
            value_scale: 1.0,
        }
    }

    /// The same grid with each pixel's point mapped as the network's
    /// inputs are (`normalize=1`, input features: [`InputMap`]); the bounds
    /// stay in the data's units. The default map leaves the grid as it is.
    pub fn mapped(mut self, map: &InputMap) -> Self {
        if *map != InputMap::default() {
            self.grid = map.apply(&self.grid);
        }
        self
    }

    pub fn width(&self) -> usize {
        self.width
    }

    pub fn height(&self) -> usize {
        self.height
    }

    pub fn bounds(&self) -> Bounds {
        self.bounds
    }

    /// Whether [`Regions::paint`] draws the boundary as dark pixels (on by
    /// default; off, the sides' shading meets at the boundary).
    pub fn set_boundary_pixels(&mut self, on: bool) {
        self.boundary_pixels = on;
    }

    /// Whether [`Regions::paint`] shows two flat classes (every pixel at
    /// its side's full shade, `t = 0.75`) instead of the probability's
    /// confidence shading.
    pub fn set_discrete(&mut self, on: bool) {
        self.discrete = on;
    }

    /// Regression: the value painted at full shade ([`value_scale`] of the
    /// training labels; 1 until set).
    pub fn set_value_scale(&mut self, s: f64) {
        self.value_scale = s;
    }

    /// The grid's points as the network's inputs, `(inputs, width·height)`,
    /// pixel by pixel (the neuron maps evaluate hidden units on them).
    pub fn points(&self) -> &Matrix {
        &self.grid
    }

    /// The probabilities of the last [`Regions::evaluate`] (row-major).
    pub fn probabilities(&self) -> &[f64] {
        &self.probs
    }

    /// Evaluates `net` (inputs as [`Regions::mapped`] made them) on every pixel: the same bits
    /// as [`Network::predict_batch`], through the fused kernel
    /// ([`Network::predict_into`]: no hidden activations stored, no
    /// allocation after the first frame).
    pub fn evaluate(&mut self, net: &Network) -> &[f64] {
        self.problem = net.problem();
        net.predict_into(&self.grid, &mut self.probs, &mut self.ws);
        &self.probs
    }

    /// Colours the last evaluation: confidence shading from white at 0.5 to
    /// the label's colour at 0 or 1, a dark line where the prediction
    /// changes between neighbouring pixels, grey where it is NaN.
    ///
    /// Per pixel: side `p > 0.5`; boundary if the right or lower neighbour
    /// (not NaN-aware: NaN counts as side 0) is on the other side; else
    /// `t = min(|p − 0.5|·2, 1)·0.75` (0.75 when discrete) and each channel is
    /// `round(background·(1 − t) + colour·t)` (halves away from zero).
    /// Regression: each pixel [`diverging`] (no boundary, no flat classes).
    ///
    /// Plain index loops with the helpers always inlined: the page's wasm builds this
    /// crate for size, where iterator adapters and closures stay calls (measured in V8: a
    /// 200 × 200 frame took 38 % more instructions with `chunks_exact`/`zip` and a closure in
    /// `mix`; now the same as at opt-level 3).
    pub fn paint(&mut self) -> &[u8] {
        let (w, h) = (self.width, self.height);
        let (probs, rgba) = (&self.probs[..w * h], &mut self.rgba[..4 * w * h]);
        if self.problem == Problem::Regression {
            for (i, &v) in probs.iter().enumerate() {
                put(rgba, i, diverging(v, self.value_scale));
            }
            return &self.rgba;
        }
        for py in 0..h {
            for px in 0..w {
                let i = py * w + px;
                let p = probs[i];
                let c = if p.is_nan() {
                    COLOR_NAN
                } else {
                    let side = p > 0.5;
                    let right = px + 1 < w && (probs[i + 1] > 0.5) != side;
                    let down = py + 1 < h && (probs[i + w] > 0.5) != side;
                    if self.boundary_pixels && (right || down) {
                        BOUNDARY
                    } else {
                        let t = if self.discrete {
                            0.75
                        } else {
                            ((p - 0.5).abs() * 2.0).min(1.0) * 0.75
                        };
                        mix(if side { COLOR_1 } else { COLOR_0 }, t)
                    }
                };
                put(rgba, i, c);
            }
        }
        &self.rgba
    }

    /// Evaluates and paints: the RGBA bytes of the whole image, row-major.
    pub fn render(&mut self, net: &Network) -> &[u8] {
        self.evaluate(net);
        self.paint()
    }
}

/// Pixel `i` of `rgba` set to the colour `c`, opaque.
#[inline(always)]
fn put(rgba: &mut [u8], i: usize, c: [u8; 3]) {
    let o = 4 * i;
    rgba[o] = c[0];
    rgba[o + 1] = c[1];
    rgba[o + 2] = c[2];
    rgba[o + 3] = 255;
}

/// `v.round() as u8` for `0 <= v < 256` without a `round` library call
/// (x86_64's baseline and wasm have no instruction for round-half-away):
/// truncate, then add one when the dropped fraction (exact) is at least ½.
#[inline(always)]
fn round_byte(v: f64) -> u8 {
    let r = v as u32;
    (r + (v - r as f64 >= 0.5) as u32) as u8
}

/// The evaluation grid is at most this many pixels a side, whatever the
/// canvas size (the canvas scales it, crisp): 200 × 200 = 40 000 forward
/// passes per paint.
pub const GRID: usize = 200;
/// Multiply-adds one paint may spend on the grid: every course network gets
/// the full 200 × 200; a much bigger network gets a coarser grid (down to
/// [`GRID_MIN`]) so painting stays interactive.
pub const PAINT_WORK: usize = 5_000_000;
pub const GRID_MIN: usize = 48;

/// The grid side for a network of layer sizes `sizes`: the largest whose
/// forward passes (`side² · Σ n[l]·n[l-1]`) fit in [`PAINT_WORK`], clamped
/// to [`GRID_MIN`]..=[`GRID`].
pub fn grid_side(sizes: &[usize]) -> usize {
    let per_point: usize = sizes.windows(2).map(|w| w[0] * w[1]).sum::<usize>().max(1);
    let fits = (PAINT_WORK as f64 / per_point as f64).sqrt() as usize;
    fits.clamp(GRID_MIN, GRID)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_byte_is_round() {
        let mut rng = crate::numeric::rng::NumpyRng::new(3);
        let mut xs: Vec<f64> = (0..100_000).map(|_| 255.0 * rng.rand()).collect();
        xs.extend([
            0.0,
            0.5,
            1.5,
            2.5,
            0.49999999999999994,
            254.5,
            249.99999999999997,
        ]);
        xs.extend((0..=510).map(|i| i as f64 / 2.0));
        for v in xs {
            assert_eq!(round_byte(v), v.round() as u8, "{v}");
        }
    }

    /// p = sigmoid(10·x): left half label 0, right half label 1.
    fn step_network() -> Network {
        Network::new(
            vec![2, 1, 1],
            vec![
                Matrix::from_vec(1, 2, vec![1.0, 0.0]),
                Matrix::zeros(1, 1),
                Matrix::from_vec(1, 1, vec![10.0]),
                Matrix::from_vec(1, 1, vec![-0.0001]),
            ],
        )
    }

    #[test]
    fn paints_both_sides_and_a_boundary() {
        let net = step_network();
        let b = Bounds {
            x_min: -1.0,
            x_max: 1.0,
            y_min: -1.0,
            y_max: 1.0,
        };
        let mut r = Regions::new(20, 10, b);
        let rgba = r.render(&net).to_vec();
        assert_eq!(rgba.len(), 20 * 10 * 4);
        let px = |x: usize, y: usize| &rgba[4 * (y * 20 + x)..4 * (y * 20 + x) + 3];
        assert!(px(19, 5)[2] > px(19, 5)[0], "right side is blue");
        assert_eq!(px(9, 5), BOUNDARY, "boundary where the class flips");
    }

    #[test]
    fn boundary_pixels_can_be_left_to_the_contour() {
        let net = step_network();
        let mut r = Regions::new(20, 10, Bounds::UNIT);
        r.set_boundary_pixels(false);
        let rgba = r.render(&net).to_vec();
        assert!(rgba.chunks(4).all(|p| p[..3] != BOUNDARY));
        assert_eq!(r.probabilities().len(), 200);
    }

    #[test]
    fn discrete_regions_have_two_flat_colours() {
        let net = step_network();
        let mut r = Regions::new(20, 10, Bounds::UNIT);
        r.set_boundary_pixels(false);
        let shaded = r.render(&net).to_vec();
        r.set_discrete(true);
        let flat = r.render(&net).to_vec();
        let colours = |rgba: &[u8]| {
            let mut c: Vec<&[u8]> = rgba.chunks(4).collect();
            c.sort();
            c.dedup();
            c.len()
        };
        assert_eq!(colours(&flat), 2);
        assert!(colours(&shaded) > 2);
    }

    #[test]
    fn regression_paints_values_on_the_diverging_scale() {
        // ŷ = x1 (a linear output): orange left, white in the middle, blue right.
        let net = Network::new(
            vec![2, 1, 1],
            vec![
                Matrix::from_vec(1, 2, vec![1.0, 0.0]),
                Matrix::zeros(1, 1),
                Matrix::from_vec(1, 1, vec![1.0]),
                Matrix::zeros(1, 1),
            ],
        )
        .with_activation(crate::model::activation::Activation::Linear)
        .with_problem(Problem::Regression);
        let mut r = Regions::new(4, 1, Bounds::UNIT);
        r.set_value_scale(0.5);
        let rgba = r.render(&net).to_vec();
        let px = |x: usize| [rgba[4 * x], rgba[4 * x + 1], rgba[4 * x + 2]];
        assert_eq!(r.probabilities(), [-0.75, -0.25, 0.25, 0.75]);
        assert_eq!(px(0), mix(COLOR_0, 0.75));
        assert_eq!(px(1), mix(COLOR_0, 0.375));
        assert_eq!(px(3), mix(COLOR_1, 0.75));
        assert_eq!(diverging(0.0, 1.0), BACKGROUND);
        assert_eq!(diverging(f64::NAN, 1.0), COLOR_NAN);
        assert_eq!(value_scale(&[0.5, -2.0]), 2.0);
        assert_eq!(value_scale(&[0.0]), 1.0);
    }

    #[test]
    fn course_networks_get_the_full_grid() {
        for p in crate::Preset::ALL {
            if p != crate::Preset::Gradcheck {
                assert_eq!(grid_side(&p.config().sizes()), GRID, "{}", p.name());
            }
        }
        assert_eq!(grid_side(&[2, 64, 64, 64, 64, 1]), GRID_MIN);
        let mid = grid_side(&[2, 32, 32, 1]);
        assert!(GRID_MIN < mid && mid < GRID, "{mid}");
    }
}
