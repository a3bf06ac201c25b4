//! Neuron maps: what each hidden unit computes, its output over the input
//! plane as a small heat map laid over its circle in the network diagram,
//! and one unit large (hover or focus). With input features other than
//! `x1,x2` the input units get maps too (each its feature over the plane),
//! before the hidden units'. Rust fills the RGBA; the page only
//! puts the pixels where [`map_boxes`] says, inside one pointer target per
//! layer ([`layer_targets`]).

use crate::data::dataset::Bounds;
use crate::data::features::InputMap;
use crate::model::network::Network;
use crate::run::regions::{Regions, COLOR_1};
use crate::run::stats::Probe;
use crate::run::trainer::Trainer;
use crate::tr;
use crate::view::diagram::{diagram_data, DiagramLayout, UNIT_DROPPED};
use crate::view::inside::symmetry_text;

/// Pixels a side of a small map, and of the large one.
pub const MAP_SIDE: usize = 24;
pub const LARGE_SIDE: usize = 120;
/// A map is drawn over its unit when it gets at least this many CSS pixels
/// a side (at most [`MAP_MAX_PX`]).
pub const MAP_MIN_PX: f64 = 10.0;
pub const MAP_MAX_PX: f64 = 30.0;
/// The smallest side of a pointer target: 24 CSS px (WCAG 2.2, 2.5.8 "Target
/// Size (Minimum)"). A layer's maps sit closer than that, so the layer, not
/// each map, is the target ([`layer_targets`]).
pub const TARGET_MIN_PX: f64 = 24.0;
/// A unit's lowest output over the plane (white) ...
const LOW: [u8; 3] = [250, 250, 250];
/// ... and its highest (label 1's blue); a unit constant over the whole
/// plane (dead, or all weights zero) is flat grey.
const HIGH: [u8; 3] = COLOR_1;
const FLAT: [u8; 3] = [205, 205, 205];

/// The evaluation grids of the maps, and the forward pass's scratch.
#[derive(Clone, Debug)]
pub struct NeuronMaps {
    small: Regions,
    large: Regions,
    probe: Probe,
    /// Input units with a map of their own ([`input_maps`]).
    inputs: usize,
}

/// How many input units get a map: every feature, unless the inputs are
/// the plane's `x1,x2` (whose maps would only repeat the axes).
pub fn input_maps(map: &InputMap) -> usize {
    if map.features.is_plane() {
        0
    } else {
        map.features.len()
    }
}

impl NeuronMaps {
    /// Grids over `bounds` (the data's plane, as the decision regions'),
    /// each point mapped to the network's inputs by `map`.
    pub fn new(bounds: Bounds, map: &InputMap) -> Self {
        NeuronMaps {
            small: Regions::new(MAP_SIDE, MAP_SIDE, bounds).mapped(map),
            large: Regions::new(LARGE_SIDE, LARGE_SIDE, bounds).mapped(map),
            probe: Probe::default(),
            inputs: input_maps(map),
        }
    }

    pub fn bounds(&self) -> Bounds {
        self.small.bounds()
    }

    /// Every mapped input unit's map ([`input_maps`]), then every hidden
    /// unit's, layer 1's units first: `MAP_SIDE²` RGBA pixels each (rows
    /// top to bottom), one after another. Each map is scaled to its own
    /// range: `t = (a − min)/(max − min)` from white to blue. Panics unless
    /// `net` takes the grid's inputs.
    pub fn maps(&mut self, net: &Network) -> Vec<u8> {
        self.probe.forward(net, self.small.points());
        let mut out = Vec::new();
        for r in 0..self.inputs {
            paint(self.small.points().row(r), &mut out);
        }
        for l in 1..net.layers() {
            let a = self.probe.activations(l);
            for r in 0..a.rows() {
                paint(a.row(r), &mut out);
            }
        }
        out
    }

    /// Unit `unit`'s map (counted as [`NeuronMaps::maps`] orders them) at
    /// `LARGE_SIDE²` pixels, or `None` past the last unit.
    pub fn large(&mut self, net: &Network, unit: usize) -> Option<Vec<u8>> {
        if unit < self.inputs {
            let mut out = Vec::new();
            paint(self.large.points().row(unit), &mut out);
            return Some(out);
        }
        let sizes = &net.sizes()[1..net.layers()];
        let (mut l, mut u) = (0, unit - self.inputs);
        while u >= *sizes.get(l)? {
            u -= sizes[l];
            l += 1;
        }
        self.probe.forward(net, self.large.points());
        let mut out = Vec::new();
        paint(self.probe.activations(l + 1).row(u), &mut out);
        Some(out)
    }
}

/// Appends the RGBA of one unit's outputs over the grid (see [`NeuronMaps::maps`]).
fn paint(values: &[f64], out: &mut Vec<u8>) {
    let finite = values.iter().copied().filter(|v| v.is_finite());
    let (lo, hi) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    for &v in values {
        let c = if hi <= lo || !lo.is_finite() || !v.is_finite() {
            FLAT
        } else {
            let t = (v - lo) / (hi - lo);
            let mix =
                |k: usize| (LOW[k] as f64 + (HIGH[k] as f64 - LOW[k] as f64) * t).round() as u8;
            [mix(0), mix(1), mix(2)]
        };
        out.extend([c[0], c[1], c[2], 255]);
    }
}

/// Where each map goes over the diagram laid out as `layout` (layer
/// `sizes`): `[x, y, side, ...]` per input unit when `inputs` (the mapped
/// features), then per hidden unit, layer 1 first (top-left corner and side
/// in CSS pixels, centred on the unit; side 0 when it does not fit), and
/// how many hidden units' maps are not drawn.
///
/// A layer's side is `min(0.9 · its units' spacing, 0.45 · the columns'
/// spacing, MAP_MAX_PX)`; under [`MAP_MIN_PX`] that layer's maps are not
/// drawn (a wide layer), the other layers' still are.
pub fn map_boxes(sizes: &[usize], layout: &DiagramLayout, inputs: bool) -> (Vec<f64>, usize) {
    let c = &layout.centres;
    let layers = sizes.len() - 1;
    let column = column_spacing(sizes, layout);
    let mut boxes = Vec::new();
    let mut hidden_off = 0;
    let (mut first, from) = if inputs { (0, 0) } else { (sizes[0], 1) };
    for (l, &n) in sizes[..layers].iter().enumerate().skip(from) {
        let spacing = if n >= 2 {
            c[2 * (first + 1) + 1] - c[2 * first + 1]
        } else {
            f64::INFINITY
        };
        let side = (0.9 * spacing).min(0.45 * column).min(MAP_MAX_PX);
        let side = if side >= MAP_MIN_PX {
            side.floor()
        } else {
            0.0
        };
        for u in first..first + n {
            boxes.extend([c[2 * u] - side / 2.0, c[2 * u + 1] - side / 2.0, side]);
        }
        if side == 0.0 && l > 0 {
            hidden_off += n;
        }
        first += n;
    }
    (boxes, hidden_off)
}

/// One pointer target per layer whose maps are drawn, over `boxes` (from
/// [`map_boxes`] for layer `sizes`, the input layer's maps first when
/// `inputs`): `[x, y, width, height, first, count]` each, in CSS pixels,
/// `first` and `count` the maps it holds (indices into `boxes`' maps).
///
/// The target is the layer's column of maps, centred on it, at least
/// [`TARGET_MIN_PX`] wide and tall (`width = min(max(side, TARGET_MIN_PX),
/// columns' spacing)`, so neighbouring layers' targets never overlap; its
/// height spans the maps, `max(span, TARGET_MIN_PX)`).
pub fn layer_targets(sizes: &[usize], boxes: &[f64], column: f64, inputs: bool) -> Vec<f64> {
    let layers = sizes.len() - 1;
    let from = usize::from(!inputs);
    let mut targets = Vec::new();
    let mut first = 0;
    for &n in &sizes[from..layers] {
        let side = boxes.get(3 * first + 2).copied().unwrap_or(0.0);
        if side > 0.0 && n > 0 {
            let top = boxes[3 * first + 1];
            let bottom = boxes[3 * (first + n - 1) + 1] + side;
            let centre = [boxes[3 * first] + side / 2.0, (top + bottom) / 2.0];
            let width = side.max(TARGET_MIN_PX).min(column);
            let height = (bottom - top).max(TARGET_MIN_PX);
            targets.extend([
                centre[0] - width / 2.0,
                centre[1] - height / 2.0,
                width,
                height,
                first as f64,
                n as f64,
            ]);
        }
        first += n;
    }
    targets
}

/// The spacing of the diagram's columns (layers), in CSS pixels.
fn column_spacing(sizes: &[usize], layout: &DiagramLayout) -> f64 {
    let c = &layout.centres;
    if sizes.len() >= 2 {
        c[2 * sizes[0]] - c[0]
    } else {
        0.0
    }
}

/// The neuron maps' placement over the diagram (the pixels come from
/// [`NeuronMaps`]).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct NeuronView {
    /// Pixels a side of each small map and of the large one.
    pub side: usize,
    pub large_side: usize,
    /// `"The maps of 64 hidden units do not fit at this width."`
    pub note: Option<String>,
    /// [`symmetry_text`]: units that are copies of each other.
    pub symmetry: Option<String>,
    /// Per map: `"input x₁²"`, `"hidden layer 1, unit 3"`.
    pub labels: Vec<String>,
    /// [`map_boxes`], per hidden unit.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub boxes: Vec<f64>,
    /// [`layer_targets`]: one pointer target per layer of drawn maps.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub targets: Vec<f64>,
    /// Per hidden unit: 1 when the current dropout mask drops it for the
    /// first training point (the diagram's flag), else 0.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub dropped: Vec<u8>,
}

/// Where `trainer`'s neuron maps go over its diagram `panel_width` wide.
pub fn neuron_view(trainer: &Trainer, panel_width: f64) -> NeuronView {
    let (data, arrays) = diagram_data(trainer, false);
    let layout = DiagramLayout::new(&data.sizes, &arrays, panel_width);
    let inputs = input_maps(trainer.inputs());
    let (boxes, off) = map_boxes(&data.sizes, &layout, inputs > 0);
    let sizes = &data.sizes;
    let column = column_spacing(sizes, &layout);
    let targets = layer_targets(sizes, &boxes, column, inputs > 0);
    let start = sizes[0] - inputs;
    let units = &arrays.units[start..start + boxes.len() / 3];
    let features = trainer.inputs().features.list()[..inputs].iter();
    let labels =
        features
            .map(|f| tr!("neuron-input-label", feature = f.label()))
            .chain((1..sizes.len() - 1).flat_map(|l| {
                (1..=sizes[l]).map(move |u| tr!("neuron-label", layer = l, unit = u))
            }))
            .collect();
    NeuronView {
        side: MAP_SIDE,
        large_side: LARGE_SIDE,
        note: (off > 0).then(|| tr!("neuron-not-fit", off = off)),
        symmetry: symmetry_text(trainer.network()),
        labels,
        boxes,
        targets,
        dropped: units.iter().map(|f| f & UNIT_DROPPED).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::diagram::diagram_data;
    use crate::{Config, Preset, Trainer};

    /// A unit's map is its ReLU output over the plane: white where it is 0,
    /// darkest at its largest value, pixel by pixel against a direct
    /// evaluation of `relu(w·x + b)`.
    #[test]
    fn maps_show_each_units_output() {
        let t = Trainer::new(Preset::InitHe.config()).unwrap();
        let net = t.network();
        let mut maps = NeuronMaps::new(t.split().bounds(), t.inputs());
        let rgba = maps.maps(net);
        assert_eq!(rgba.len(), (10 + 5) * MAP_SIDE * MAP_SIDE * 4);
        let grid = Regions::new(MAP_SIDE, MAP_SIDE, t.split().bounds());
        for unit in [0, 7] {
            let (w, b) = (net.weight(1).row(unit), net.bias(1).get(unit, 0));
            let out: Vec<f64> = (0..MAP_SIDE * MAP_SIDE)
                .map(|p| {
                    (w[0] * grid.points().get(0, p) + w[1] * grid.points().get(1, p) + b).max(0.0)
                })
                .collect();
            let top = out.iter().copied().fold(0.0, f64::max);
            let px = |p: usize| &rgba[4 * (unit * MAP_SIDE * MAP_SIDE + p)..][..3];
            for (p, &v) in out.iter().enumerate() {
                if v == 0.0 {
                    assert_eq!(px(p), LOW, "unit {unit} pixel {p}");
                }
                if v == top {
                    assert_eq!(px(p), HIGH);
                }
            }
        }
        let big = maps.large(net, 12).unwrap();
        assert_eq!(big.len(), LARGE_SIDE * LARGE_SIDE * 4);
        assert!(maps.large(net, 15).is_none());
        // Zeros: every unit flat, all maps the same.
        let z = Trainer::new(Preset::InitZeros.config()).unwrap();
        let flat = maps.maps(z.network());
        assert!(flat.chunks(4).all(|p| p[..3] == FLAT));
    }

    /// Course networks get every map; a 64-unit layer's do not fit, the
    /// others' still do, and the count says so.
    #[test]
    fn boxes_fit_what_fits() {
        let boxes = |q: Config, width: f64| {
            let t = Trainer::new(q).unwrap();
            let (data, arrays) = diagram_data(&t, false);
            let layout = DiagramLayout::new(&data.sizes, &arrays, width);
            (map_boxes(&data.sizes, &layout, false), layout)
        };
        let ((b, off), layout) = boxes(Preset::RegL2.config(), 600.0);
        assert_eq!((b.len(), off), (3 * 23, 0));
        for (k, u) in (2..25).enumerate() {
            let side = b[3 * k + 2];
            assert!((MAP_MIN_PX..=MAP_MAX_PX).contains(&side), "{side}");
            assert_eq!(b[3 * k] + side / 2.0, layout.centres[2 * u]);
        }
        let wide = Config {
            hidden: vec![64, 4],
            ..Preset::InitHe.config()
        };
        let drawn = neuron_view(&Trainer::new(wide.clone()).unwrap(), 390.0);
        assert_eq!(drawn.targets.len(), 6, "the wide layer has no target");
        assert_eq!((drawn.targets[4], drawn.targets[5]), (64.0, 4.0));
        let ((b, off), _) = boxes(wide, 390.0);
        assert_eq!(off, 64);
        assert!(b[..3 * 64].chunks(3).all(|b| b[2] == 0.0));
        assert!(b[3 * 64..].chunks(3).all(|b| b[2] >= MAP_MIN_PX));
        let mut t = Trainer::new(Preset::RegDropout.config()).unwrap();
        t.step(1);
        let v = neuron_view(&t, 600.0);
        // One target per hidden layer, each at least 24 px a side, holding its maps, apart.
        let targets: Vec<&[f64]> = v.targets.chunks(6).collect();
        assert_eq!(targets.len(), 2);
        assert_eq!((targets[0][4], targets[0][5]), (0.0, 20.0));
        assert_eq!((targets[1][4], targets[1][5]), (20.0, 3.0));
        for t in &targets {
            assert!(t[2] >= TARGET_MIN_PX && t[3] >= TARGET_MIN_PX, "{t:?}");
            for u in t[4] as usize..(t[4] + t[5]) as usize {
                let b = &v.boxes[3 * u..3 * u + 3];
                let inside = |from: f64, to: f64, lo: f64, len: f64| {
                    from >= lo - 1e-9 && to <= lo + len + 1e-9
                };
                assert!(inside(b[0], b[0] + b[2], t[0], t[2]), "unit {u} in {t:?}");
                assert!(inside(b[1], b[1] + b[2], t[1], t[3]), "unit {u} in {t:?}");
            }
        }
        assert!(targets[0][0] + targets[0][2] <= targets[1][0]);
        assert_eq!((v.labels.len(), v.dropped.len(), v.note), (23, 23, None));
        assert_eq!(v.labels[20], "hidden layer 2, unit 1");
        let mask = &t.masks().unwrap()[0];
        for u in 0..20 {
            assert_eq!(v.dropped[u] == 1, mask.get(u, 0) == 0.0, "unit {u}");
        }
    }
}
