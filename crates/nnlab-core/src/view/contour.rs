//! The decision boundary as line segments: marching squares on the region
//! grid's probabilities at level ½, each crossing placed by linear
//! interpolation along the cell's edge (sub-pixel), so the page can stroke
//! a smooth anti-aliased line instead of a staircase of boundary pixels.

/// The level the boundary is drawn at: `p = ½`.
pub const LEVEL: f64 = 0.5;

/// Segments `[x0, y0, x1, y1, ...]` of the `p = ½` contour of `probs`, a
/// `width × height` grid in rows top to bottom (`Regions`' layout). Units
/// are grid pixels with pixel `(px, py)`'s centre at `(px + ½, py + ½)`:
/// the page multiplies by its square's side over the grid's.
///
/// Each cell joins four neighbouring centres; a corner is inside when
/// `p > ½`. An edge whose ends differ carries a crossing at
/// `t = (½ − p₀)/(p₁ − p₀)`. The two ambiguous cases (opposite corners
/// inside) are resolved by the cell's mean. Cells with a NaN corner have
/// no segment.
pub fn contour(probs: &[f64], width: usize, height: usize) -> Vec<f64> {
    assert_eq!(probs.len(), width * height, "contour: grid size");
    let mut out = Vec::new();
    let p = |x: usize, y: usize| probs[y * width + x];
    for y in 0..height.saturating_sub(1) {
        for x in 0..width.saturating_sub(1) {
            // Corners clockwise from top left, with their positions.
            let c = [p(x, y), p(x + 1, y), p(x + 1, y + 1), p(x, y + 1)];
            if c.iter().any(|v| v.is_nan()) {
                continue;
            }
            let (fx, fy) = (x as f64 + 0.5, y as f64 + 0.5);
            let at = [
                (fx, fy),
                (fx + 1.0, fy),
                (fx + 1.0, fy + 1.0),
                (fx, fy + 1.0),
            ];
            let inside = c.map(|v| v > LEVEL);
            // The crossing on edge k (corner k to corner k + 1).
            let cross = |k: usize| {
                let j = (k + 1) % 4;
                let t = (LEVEL - c[k]) / (c[j] - c[k]);
                (
                    at[k].0 + t * (at[j].0 - at[k].0),
                    at[k].1 + t * (at[j].1 - at[k].1),
                )
            };
            let edges: Vec<usize> = (0..4)
                .filter(|&k| inside[k] != inside[(k + 1) % 4])
                .collect();
            let pairs: &[(usize, usize)] = match edges.len() {
                2 => &[(0, 1)],
                4 => {
                    // Saddle: the mean says whether the inside corners join.
                    let centre_in = (c[0] + c[1] + c[2] + c[3]) / 4.0 > LEVEL;
                    if centre_in == inside[0] {
                        &[(0, 1), (2, 3)]
                    } else {
                        &[(0, 3), (1, 2)]
                    }
                }
                _ => &[],
            };
            for &(a, b) in pairs {
                let (p0, p1) = (cross(edges[a]), cross(edges[b]));
                out.extend([p0.0, p0.1, p1.0, p1.1]);
            }
        }
    }
    out
}

/// [`contour`] of a `grid × grid` region image drawn into the square at
/// `(x0, y0)` of side `side` (the regions panel, device pixels): each end
/// at `x0 + x·side/grid`, `y0 + y·side/grid`.
pub fn contour_in_square(probs: &[f64], grid: usize, x0: f64, y0: f64, side: f64) -> Vec<f64> {
    let k = side / grid as f64;
    let mut segments = contour(probs, grid, grid);
    for pair in segments.chunks_exact_mut(2) {
        pair[0] = x0 + pair[0] * k;
        pair[1] = y0 + pair[1] * k;
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A circle of radius 6 centred in a 20 × 20 grid: every crossing lies
    /// on the circle within the interpolation's error, well under a pixel,
    /// and the segments form closed loops (each end shared by two).
    #[test]
    fn a_circle_is_traced_smoothly() {
        let (w, h) = (20, 20);
        let (cx, cy, r) = (10.0, 10.0, 6.0);
        let probs: Vec<f64> = (0..w * h)
            .map(|i| {
                let (x, y) = ((i % w) as f64 + 0.5, (i / w) as f64 + 0.5);
                let d = ((x - cx) * (x - cx) + (y - cy) * (y - cy)).sqrt();
                0.5 + (r - d) / 20.0
            })
            .collect();
        let segs = contour(&probs, w, h);
        assert!(segs.len() >= 4 * 20, "{}", segs.len());
        for pt in segs.chunks(2) {
            let d = ((pt[0] - cx) * (pt[0] - cx) + (pt[1] - cy) * (pt[1] - cy)).sqrt();
            assert!((d - r).abs() < 0.05, "{pt:?} at {d}");
        }
        // Sub-pixel: crossings are not all on pixel centres or halves.
        assert!(segs.iter().any(|v| (v * 2.0).fract().abs() > 0.01));
        let ends: Vec<(i64, i64)> = segs
            .chunks(2)
            .map(|p| ((p[0] * 1e6).round() as i64, (p[1] * 1e6).round() as i64))
            .collect();
        for e in &ends {
            assert_eq!(
                ends.iter().filter(|f| *f == e).count(),
                2,
                "closed at {e:?}"
            );
        }
    }

    #[test]
    fn flat_and_nan_grids_have_no_boundary() {
        assert!(contour(&[0.2; 16], 4, 4).is_empty());
        assert!(contour(&[f64::NAN, 0.9, 0.1, 0.9], 2, 2).is_empty());
        assert!(contour(&[0.7], 1, 1).is_empty());
        // A vertical step between columns 1 and 2, exactly halfway.
        let step = [0.0, 0.0, 1.0, 1.0].repeat(3);
        let segs = contour(&step, 4, 3);
        assert_eq!(segs, [2.0, 0.5, 2.0, 1.5, 2.0, 1.5, 2.0, 2.5]);
        let placed = contour_in_square(&[0.0, 1.0, 0.0, 1.0], 2, 10.0, 20.0, 100.0);
        assert_eq!(placed, [60.0, 45.0, 60.0, 95.0]);
        // A saddle gives two segments.
        assert_eq!(contour(&[0.9, 0.1, 0.1, 0.9], 2, 2).len(), 8);
    }
}
