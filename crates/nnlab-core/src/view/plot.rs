//! The decision-region panel's geometry: where the square plot sits in the
//! canvas, its axes' ticks in pixels and the data points' pixel positions.
//! The page puts the region pixels (`run::regions`) into the square and
//! draws the rest from these numbers.

use super::chart::PixelTick;
use super::ticks::nice_ticks;
use crate::data::dataset::{Bounds, Dataset};
use crate::run::regions::diverging;
use crate::tr;

/// Where the square plot sits in a `width × height` panel (device pixels),
/// with room for tick labels; `font` is the labels' size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlotLayout {
    pub font: f64,
    pub x0: f64,
    pub y0: f64,
    pub side: f64,
}

/// The regions panel's frame and axes in device pixels: the square
/// (`x0`, `y0`, `side`), the labels' `font`, tick marks' length, the points'
/// radius and the ticks of both axes. The binding adds the region pixels and
/// the points' positions as typed arrays.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct PanelGeometry {
    pub font: f64,
    pub x0: f64,
    pub y0: f64,
    pub side: f64,
    pub tick: f64,
    pub radius: f64,
    pub x_ticks: Vec<PixelTick>,
    pub y_ticks: Vec<PixelTick>,
}

/// What the regions panel shows instead of a plane for data that is not 2-D.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct NoPlane {
    pub message: String,
    pub font: f64,
}

impl PlotLayout {
    pub fn new(width: f64, height: f64) -> Self {
        let font = (width.min(height) * 0.034).clamp(9.0, 30.0).round();
        let (left, bottom, top, right) = (font * 3.4, font * 2.8, font * 0.7, font * 0.9);
        let side = (width - left - right)
            .min(height - top - bottom)
            .max(0.0)
            .floor();
        let x0 = (left + ((width - left - right) - side) / 2.0).round();
        let y0 = top.round();
        PlotLayout { font, x0, y0, side }
    }

    /// Whether the square is big enough to draw anything in.
    pub fn drawable(&self) -> bool {
        self.side >= 8.0
    }

    /// Pixel position of data point `(x, y)` in `bounds` (y grows upwards).
    pub fn to_px(&self, b: &Bounds, x: f64, y: f64) -> (f64, f64) {
        (
            self.x0 + (x - b.x_min) / (b.x_max - b.x_min) * self.side,
            self.y0 + (b.y_max - y) / (b.y_max - b.y_min) * self.side,
        )
    }

    /// Radius of a training point (test points are rings 1.15 times bigger).
    pub fn point_radius(&self) -> f64 {
        (self.side / 95.0).clamp(2.5, 7.0)
    }

    /// Length of the tick marks outside the frame.
    pub fn tick_length(&self) -> f64 {
        self.font * 0.4
    }

    /// The panel's geometry over `bounds`.
    pub fn panel(&self, b: &Bounds) -> PanelGeometry {
        let (x_ticks, y_ticks) = self.ticks(b);
        PanelGeometry {
            font: self.font,
            x0: self.x0,
            y0: self.y0,
            side: self.side,
            tick: self.tick_length(),
            radius: self.point_radius(),
            x_ticks,
            y_ticks,
        }
    }

    /// What to show instead for `features`-D data.
    pub fn no_plane(&self, features: usize) -> NoPlane {
        NoPlane {
            message: tr!("no-plane", features = features),
            font: self.font,
        }
    }

    /// About five ticks per axis over `bounds`: `(x ticks at pixel columns,
    /// y ticks at pixel rows)`, on pixel centres.
    pub fn ticks(&self, b: &Bounds) -> (Vec<PixelTick>, Vec<PixelTick>) {
        let place = |lo: f64, hi: f64, px: &dyn Fn(f64) -> f64| -> Vec<PixelTick> {
            nice_ticks(lo, hi, 5)
                .into_iter()
                .map(|t| PixelTick {
                    at: px(t.value).round() + 0.5,
                    label: t.label,
                })
                .collect()
        };
        (
            place(b.x_min, b.x_max, &|v| self.to_px(b, v, b.y_min).0),
            place(b.y_min, b.y_max, &|v| self.to_px(b, b.x_min, v).1),
        )
    }

    /// What a click at pixel `(px, py)` (device pixels) points at: the
    /// data point there, `x = x_min + u·(x_max − x_min)`, `y = y_max −
    /// v·(y_max − y_min)` with `(u, v)` the pixel's place in the square, and
    /// the reach of a click in data units per axis (1.5 drawn radii, for
    /// fingers). `None` outside the square.
    pub fn pick(&self, b: &Bounds, px: f64, py: f64) -> Option<([f64; 2], [f64; 2])> {
        let (u, v) = ((px - self.x0) / self.side, (py - self.y0) / self.side);
        if !((0.0..=1.0).contains(&u) && (0.0..=1.0).contains(&v)) {
            return None;
        }
        let (w, h) = (b.x_max - b.x_min, b.y_max - b.y_min);
        let reach = self.point_radius() * 1.5 / self.side;
        Some(([b.x_min + u * w, b.y_max - v * h], [reach * w, reach * h]))
    }

    /// Pixel positions `[x, y, ...]` of the points of `set` with label
    /// `label` (0 or 1), in the set's order. Panics unless the set has 2
    /// features.
    pub fn points(&self, b: &Bounds, set: &Dataset, label: f64) -> Vec<f64> {
        assert_eq!(set.features(), 2, "points need 2-D data");
        let mut out = Vec::new();
        for j in 0..set.len() {
            if set.y[j] == label {
                let (px, py) = self.to_px(b, set.x.get(0, j), set.x.get(1, j));
                out.extend([px, py]);
            }
        }
        out
    }

    /// Regression's points: every point's pixel position `[x, y, ...]` and
    /// its fill `[r, g, b, ...]`, its value on the regions' diverging scale
    /// `scale` ([`diverging`]), in the set's order. Panics unless the set
    /// has 2 features.
    pub fn valued_points(&self, b: &Bounds, set: &Dataset, scale: f64) -> (Vec<f64>, Vec<u8>) {
        assert_eq!(set.features(), 2, "points need 2-D data");
        let mut xy = Vec::with_capacity(2 * set.len());
        let mut rgb = Vec::with_capacity(3 * set.len());
        for j in 0..set.len() {
            let (px, py) = self.to_px(b, set.x.get(0, j), set.x.get(1, j));
            xy.extend([px, py]);
            rgb.extend(diverging(set.y[j], scale));
        }
        (xy, rgb)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_leaves_room_for_labels() {
        let l = PlotLayout::new(400.0, 400.0);
        assert!(l.x0 > 30.0 && l.side > 300.0 && l.x0 + l.side <= 400.0);
        assert!(l.y0 + l.side + l.font * 2.75 <= 400.0);
        assert!(l.drawable() && !PlotLayout::new(20.0, 20.0).drawable());
    }

    #[test]
    fn corners_and_ticks_land_on_the_frame() {
        let l = PlotLayout::new(400.0, 400.0);
        let b = Bounds {
            x_min: -1.0,
            x_max: 1.0,
            y_min: -2.0,
            y_max: 2.0,
        };
        assert_eq!(l.to_px(&b, -1.0, 2.0), (l.x0, l.y0));
        assert_eq!(l.to_px(&b, 1.0, -2.0), (l.x0 + l.side, l.y0 + l.side));
        let (x, y) = l.ticks(&b);
        assert_eq!(
            x.first().map(|t| (t.at, t.label.as_str())),
            Some((l.x0.round() + 0.5, "-1.0"))
        );
        assert_eq!(y.last().map(|t| t.label.as_str()), Some("2"));
        assert_eq!(y.last().map(|t| t.at), Some(l.y0.round() + 0.5));
    }

    #[test]
    fn a_pick_inverts_to_px() {
        let l = PlotLayout::new(400.0, 300.0);
        let b = Bounds {
            x_min: 0.0,
            x_max: 1000.0,
            y_min: -1.0,
            y_max: 1.0,
        };
        let (px, py) = l.to_px(&b, 250.0, 0.5);
        let (p, reach) = l.pick(&b, px, py).unwrap();
        assert!((p[0] - 250.0).abs() < 1e-9 && (p[1] - 0.5).abs() < 1e-12);
        assert!((reach[0] / reach[1] - 500.0).abs() < 1e-9);
        assert!((reach[0] - 1000.0 * 1.5 * l.point_radius() / l.side).abs() < 1e-9);
        assert_eq!(l.pick(&b, l.x0 - 1.0, py), None);
        assert_eq!(l.pick(&b, px, l.y0 + l.side + 1.0), None);
    }

    #[test]
    fn points_by_label() {
        let l = PlotLayout::new(400.0, 400.0);
        let b = Bounds {
            x_min: 0.0,
            x_max: 1.0,
            y_min: 0.0,
            y_max: 1.0,
        };
        let set = Dataset::from_points(&[[0.0, 0.0], [1.0, 1.0], [0.5, 0.5]], &[0.0, 1.0, 0.0]);
        assert_eq!(l.points(&b, &set, 1.0), vec![l.x0 + l.side, l.y0]);
        assert_eq!(l.points(&b, &set, 0.0).len(), 4);
        // Values: every point, filled with its value's colour on the scale.
        let values = Dataset::from_points(&[[0.0, 0.0], [1.0, 1.0]], &[-0.5, 0.25]);
        let (xy, rgb) = l.valued_points(&b, &values, 0.5);
        assert_eq!(xy, vec![l.x0, l.y0 + l.side, l.x0 + l.side, l.y0]);
        let want: Vec<u8> = [diverging(-0.5, 0.5), diverging(0.25, 0.5)].concat();
        assert_eq!(rgb, want);
        assert_ne!(diverging(-0.5, 0.5), diverging(0.25, 0.5));
    }
}
