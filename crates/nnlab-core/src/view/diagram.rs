//! The network diagram's data: one line width and colour per weight (or
//! last gradient), flags per unit (dropped, dead), a caption and the run's
//! health; and its layout in CSS pixels ([`DiagramLayout`]): unit centres,
//! link segments, line widths, stroke colours, layer labels.
//! `www/js/diagram.js` only draws them.

use super::heat::{css, NOT_A_NUMBER};
use crate::format::fmt_short;
use crate::i18n::text;
use crate::model::dropout::MaskMode;
use crate::run::health::{dead_units, health};
use crate::run::regions::{COLOR_0, COLOR_1};
use crate::run::trainer::Trainer;
use crate::tr;

/// Unit flags in [`DiagramArrays::units`].
pub const UNIT_DROPPED: u8 = 1;
pub const UNIT_DEAD: u8 = 2;
const LINK_ZERO: [u8; 3] = [170, 170, 170];
/// Up to this many links, the widest line is [`WIDEST_LINE`] pixels; a denser diagram's
/// lines are thinner by `√(FULL_WIDTH_LINKS / links)`, so that its ink (and the browser's
/// time to paint it, which grows with the ink: a 2-64-48-1 network's 3,248 full-width
/// lines took 46 ms to paint in headless Chromium, a frame missed three times) grows as
/// `√links`, and the lines stay apart.
const FULL_WIDTH_LINKS: f64 = 400.0;
/// The thinnest and the widest line, in CSS pixels.
const THINNEST_LINE: f64 = 0.4;
const WIDEST_LINE: f64 = 5.0;

/// What the diagram shows besides its arrays.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct DiagramData {
    /// `n[0..=L]`.
    pub sizes: Vec<usize>,
    /// "weights" | "gradients"
    pub mode: &'static str,
    /// Largest magnitude (the widest line).
    pub max_abs: f64,
    pub max_abs_text: String,
    /// One sentence: what widths and colours mean here.
    pub caption: String,
    /// Dropout is on and masks have been drawn.
    pub dropout: bool,
    pub dropped: usize,
    pub dead: usize,
    pub hidden: usize,
    /// A plain warning about the run's health, if any.
    pub health: Option<String>,
    /// "info" | "warning" | "error" (with `health`).
    pub health_level: Option<&'static str>,
    /// Colours for the legend: positive and negative values (`rgb(…)`).
    pub positive_color: String,
    pub negative_color: String,
    /// The canvas's accessible name: `Network 2-20-3-1: <caption> <health>`.
    pub description: String,
}

/// One entry per link (`W[l][j, i]` for l = 1..=L, row-major) and per unit.
#[derive(Clone, Debug, PartialEq)]
pub struct DiagramArrays {
    /// Line widths in 0..=1.
    pub widths: Vec<f32>,
    /// RGBA per link.
    pub colors: Vec<u8>,
    /// Flags per unit of every layer (input first): [`UNIT_DROPPED`], [`UNIT_DEAD`].
    pub units: Vec<u8>,
}

/// The diagram of `trainer`'s network, lines by weight or by last gradient.
pub fn diagram_data(trainer: &Trainer, by_gradient: bool) -> (DiagramData, DiagramArrays) {
    let net = trainer.network();
    let sizes = net.sizes().to_vec();
    let source: Vec<&[f64]> = if by_gradient {
        trainer
            .gradients()
            .iter()
            .step_by(2)
            .map(|m| m.as_slice())
            .collect()
    } else {
        net.weights().map(|m| m.as_slice()).collect()
    };
    let max_abs = source
        .iter()
        .flat_map(|s| s.iter())
        .filter(|v| v.is_finite())
        .fold(0.0f64, |m, v| m.max(v.abs()));
    let links: usize = source.iter().map(|s| s.len()).sum();
    let mut widths = Vec::with_capacity(links);
    let mut colors = Vec::with_capacity(4 * links);
    for &v in source.iter().flat_map(|s| s.iter()) {
        // sqrt: small weights stay visible beside the largest.
        let w = if !v.is_finite() {
            1.0
        } else if max_abs > 0.0 {
            (v.abs() / max_abs).sqrt()
        } else {
            0.0
        };
        widths.push(w as f32);
        let c = if v.is_nan() {
            NOT_A_NUMBER
        } else if v > 0.0 {
            COLOR_1
        } else if v < 0.0 {
            COLOR_0
        } else {
            LINK_ZERO
        };
        // Faint lines for small values, opaque for the largest.
        let alpha = (60.0 + 195.0 * w).round() as u8;
        colors.extend_from_slice(&[c[0], c[1], c[2], alpha]);
    }

    // Units: dropped in example 0's current mask, dead on the whole training set.
    let dead = dead_units(trainer);
    let config = trainer.config();
    let masks_drawn = config.dropout_on() && trainer.iteration() > 0;
    let mut units = vec![0u8; sizes.iter().sum()];
    let mut offset = sizes[0];
    let (mut dropped, mut dead_count) = (0, 0);
    for (l, &n) in sizes[1..sizes.len() - 1].iter().enumerate() {
        for u in 0..n {
            let mut flags = 0;
            if masks_drawn {
                if let Some(masks) = trainer.masks() {
                    if masks[l].get(u, 0) == 0.0 {
                        flags |= UNIT_DROPPED;
                        dropped += 1;
                    }
                }
            }
            if dead.get(l).and_then(|d| d.get(u)).copied().unwrap_or(false) {
                flags |= UNIT_DEAD;
                dead_count += 1;
            }
            units[offset + u] = flags;
        }
        offset += n;
    }
    let hidden: usize = sizes[1..sizes.len() - 1].iter().sum();

    let what = text(
        if by_gradient {
            "diagram-what-gradient"
        } else {
            "diagram-what-weight"
        },
        &[],
    );
    let mut caption = tr!("diagram-caption", what = what, widest = fmt_short(max_abs));
    if by_gradient && trainer.iteration() == 0 && max_abs == 0.0 {
        caption = text("diagram-no-gradient", &[]);
    }
    if masks_drawn {
        let mode = text(
            match config.mask {
                MaskMode::Fixed => "diagram-mask-fixed",
                MaskMode::Fresh => "diagram-mask-fresh",
            },
            &[],
        );
        caption.push_str(&tr!(
            "diagram-dropped",
            dropped = dropped,
            hidden = hidden,
            mode = mode
        ));
    }
    let health = health(trainer, &dead);
    let shape: Vec<String> = sizes.iter().map(|n| n.to_string()).collect();
    let mut description = tr!(
        "diagram-description",
        shape = shape.join("-"),
        caption = caption
    );
    if let Some(h) = &health {
        description.push(' ');
        description.push_str(&h.text);
    }
    let data = DiagramData {
        sizes,
        mode: if by_gradient { "gradients" } else { "weights" },
        max_abs,
        max_abs_text: fmt_short(max_abs),
        caption,
        dropout: masks_drawn,
        dropped,
        dead: dead_count,
        hidden,
        health_level: health.as_ref().map(|h| h.level.name()),
        health: health.map(|h| h.text),
        positive_color: css(COLOR_1),
        negative_color: css(COLOR_0),
        description,
    };
    (
        data,
        DiagramArrays {
            widths,
            colors,
            units,
        },
    )
}

/// Horizontal padding left and right of the outer columns, CSS pixels.
const PAD_X: f64 = 34.0;
/// Space above the first unit and below the last (the labels' band).
const PAD_TOP: f64 = 12.0;
const PAD_BOTTOM: f64 = 26.0;
/// Label baseline above the bottom edge; label centres stay this far from the sides.
const LABEL_BASELINE: f64 = 8.0;
const LABEL_INSET: f64 = 30.0;
/// The panel's side padding (the canvas is the panel's width less twice this).
const PANEL_PADDING: f64 = 12.0;

/// A layer's label, centred at `(x, y)` (alphabetic baseline).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct LayerLabel {
    /// `input (2)`, `hidden 1 (20)`, `output (1)`.
    pub text: String,
    pub x: f64,
    pub y: f64,
}

/// The diagram in CSS pixels: one column per layer, units spread evenly
/// down it, one segment per link in [`DiagramArrays`]' order.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct DiagramLayout {
    /// Canvas size: `max(200, panel − 24)` wide (300 without a panel width),
    /// `clamp(widest · 13 + 46, 170, 360)` high.
    pub width: f64,
    pub height: f64,
    /// Unit radius: `clamp(0.38 · gap, 2.5, 9)`, gap = the widest layer's spacing.
    pub radius: f64,
    /// Half-size of the cross on a dead unit (`0.55 · radius`), 0 when the
    /// units are too small for one (radius < 4).
    pub cross: f64,
    pub labels: Vec<LayerLabel>,
    /// Unit centres, `[x, y, ...]`, input layer first (as `DiagramArrays::units`).
    #[cfg_attr(feature = "serde", serde(skip))]
    pub centres: Vec<f64>,
    /// Link segments, `[x0, y0, x1, y1, ...]`, one per link.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub links: Vec<f64>,
    /// Line width per link: `0.4 + 4.6 · width · min(1, √(400 / links))`.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub line_widths: Vec<f64>,
    /// Stroke colour per link, `rgba(r,g,b,a)` from `DiagramArrays::colors`.
    pub strokes: Vec<String>,
}

impl DiagramLayout {
    /// The layout of a network with layer `sizes` (at least 2 layers) and
    /// links `arrays`, in a panel `panel_width` CSS pixels wide (NaN or 24:
    /// the 300-pixel default).
    pub fn new(sizes: &[usize], arrays: &DiagramArrays, panel_width: f64) -> DiagramLayout {
        let inner = panel_width - 2.0 * PANEL_PADDING;
        let width = if inner == 0.0 || inner.is_nan() {
            300.0
        } else {
            inner
        }
        .max(200.0);
        let widest = sizes.iter().copied().max().unwrap_or(1) as f64;
        let height = (widest * 13.0 + 46.0).clamp(170.0, 360.0);
        let layers = sizes.len();
        let col_x = |l: usize| PAD_X + (l as f64 * (width - 2.0 * PAD_X)) / (layers - 1) as f64;
        let gap = |n: f64| (height - PAD_TOP - PAD_BOTTOM) / n;
        let unit_y = |l: usize, u: usize| PAD_TOP + (u as f64 + 0.5) * gap(sizes[l] as f64);
        let radius = (gap(widest) * 0.38).clamp(2.5, 9.0);

        let mut centres = Vec::with_capacity(2 * sizes.iter().sum::<usize>());
        let mut labels = Vec::with_capacity(layers);
        for (l, &n) in sizes.iter().enumerate() {
            let x = col_x(l);
            for u in 0..n {
                centres.extend_from_slice(&[x, unit_y(l, u)]);
            }
            let name = match l {
                0 => text("diagram-input", &[]),
                l if l == layers - 1 => text("layer-output", &[]),
                l => tr!("diagram-hidden", layer = l),
            };
            labels.push(LayerLabel {
                text: format!("{name} ({n})"),
                x: x.max(LABEL_INSET).min(width - LABEL_INSET),
                y: height - LABEL_BASELINE,
            });
        }
        let mut links = Vec::with_capacity(4 * arrays.widths.len());
        for l in 1..layers {
            let (x0, x1) = (col_x(l - 1), col_x(l));
            for j in 0..sizes[l] {
                for i in 0..sizes[l - 1] {
                    links.extend_from_slice(&[x0, unit_y(l - 1, i), x1, unit_y(l, j)]);
                }
            }
        }
        DiagramLayout {
            width,
            height,
            radius,
            cross: if radius >= 4.0 { radius * 0.55 } else { 0.0 },
            labels,
            centres,
            links,
            line_widths: {
                let links = arrays.widths.len() as f64;
                let scale =
                    (WIDEST_LINE - THINNEST_LINE) * (FULL_WIDTH_LINKS / links).sqrt().min(1.0);
                arrays
                    .widths
                    .iter()
                    .map(|&w| THINNEST_LINE + w as f64 * scale)
                    .collect()
            },
            strokes: arrays
                .colors
                .chunks_exact(4)
                .map(|c| format!("rgba({},{},{},{})", c[0], c[1], c[2], c[3] as f64 / 255.0))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::link;

    fn trainer(q: &str) -> Trainer {
        Trainer::new(link::parse(q).unwrap().config).unwrap()
    }

    #[test]
    fn diagram_has_one_entry_per_link_and_unit() {
        let mut t = trainer("preset=reg-dropout");
        let (d, a) = diagram_data(&t, false);
        assert_eq!(d.sizes, [2, 20, 3, 1]);
        assert_eq!(a.widths.len(), 2 * 20 + 20 * 3 + 3);
        assert_eq!(a.colors.len(), 4 * a.widths.len());
        assert_eq!(a.units.len(), 26);
        assert!(a.widths.iter().all(|w| (0.0..=1.0).contains(w)));
        assert!(a.widths.contains(&1.0));
        assert!(!d.dropout, "no masks before the first iteration");
        let (g, _) = diagram_data(&t, true);
        assert!(g.caption.starts_with("No gradient yet"));
        t.step(1);
        let (d, a) = diagram_data(&t, false);
        assert!(d.dropout);
        let dropped = a.units.iter().filter(|&&f| f & UNIT_DROPPED != 0).count();
        assert_eq!(dropped, d.dropped);
        assert!(dropped > 0 && dropped < 23, "{dropped}");
        // Example 0's mask: keep 0.86 with seed 1.
        let masks = t.masks().unwrap();
        let want: usize = masks
            .iter()
            .map(|m| (0..m.rows()).filter(|&r| m.get(r, 0) == 0.0).count())
            .sum();
        assert_eq!(dropped, want);
        let (g, ga) = diagram_data(&t, true);
        assert_eq!(g.mode, "gradients");
        assert!(g.max_abs > 0.0);
        assert_eq!(ga.widths.len(), a.widths.len());
    }

    #[test]
    fn diagram_explains_blow_ups() {
        let mut t = trainer("preset=init-he&lr=10");
        t.step(200);
        let (d, a) = diagram_data(&t, false);
        assert_eq!(d.health_level, Some("warning"));
        assert!(
            d.health
                .as_ref()
                .unwrap()
                .contains("hidden layer 2 is dead"),
            "{:?}",
            d.health
        );
        assert_eq!(a.units[2 + 10..2 + 15], [UNIT_DEAD; 5]);

        let mut t = trainer("preset=reg-l2&lambda=1000&lr=10");
        t.run();
        let (d, _) = diagram_data(&t, false);
        assert_eq!(d.health_level, Some("error"));
        assert!(d
            .health
            .unwrap()
            .starts_with("Training diverged at iteration"));

        let t = trainer("preset=init-zeros");
        let (d, a) = diagram_data(&t, false);
        assert!(d.health.unwrap().contains("symmetry"));
        assert!(a.widths.iter().all(|&w| w == 0.0));

        let mut t = trainer("preset=init-random");
        t.step(1);
        let (d, _) = diagram_data(&t, false);
        assert!(d.health.unwrap().contains("The cost is ∞"));

        // He starts with one unit that no training point switches on.
        let (d, _) = diagram_data(&trainer("preset=init-he"), false);
        assert_eq!(d.health_level, Some("info"));
        let (d, _) = diagram_data(&trainer("preset=reg-none"), false);
        assert_eq!(d.health, None);
    }

    #[test]
    fn layout_places_columns_units_links_and_labels() {
        let mut t = trainer("preset=reg-dropout");
        t.step(1);
        let (d, a) = diagram_data(&t, false);
        assert_eq!(d.description, format!("Network 2-20-3-1: {}", d.caption));
        let g = DiagramLayout::new(&d.sizes, &a, 524.0);
        // 20 units: 20 · 13 + 46 = 306 high; 524 − 24 = 500 wide.
        assert_eq!((g.width, g.height), (500.0, 306.0));
        // gap = (306 − 38) / 20 = 13.4, radius = 0.38 · 13.4.
        assert!((g.radius - 5.092).abs() < 1e-12, "{}", g.radius);
        assert!((g.cross - 0.55 * g.radius).abs() < 1e-12);
        assert_eq!(g.centres.len(), 2 * 26);
        // Columns at 34, 34 + 432/3, ..., 466; units centred in their column.
        let xs: Vec<f64> = [0, 2, 21, 22, 25]
            .iter()
            .map(|&u| g.centres[2 * u])
            .collect();
        assert_eq!(xs, [34.0, 178.0, 178.0, 322.0, 466.0]);
        assert_eq!(g.centres[1], 12.0 + 0.5 * 134.0);
        assert_eq!(g.centres[2 * 25 + 1], 12.0 + 0.5 * 268.0);
        // The first link joins input 0 to hidden unit 0, the last hidden 2's
        // unit 2 to the output.
        assert_eq!(g.links.len(), 4 * a.widths.len());
        assert_eq!(
            g.links[..4],
            [g.centres[0], g.centres[1], g.centres[4], g.centres[5]]
        );
        let last = &g.links[g.links.len() - 4..];
        assert_eq!(
            last,
            [g.centres[48], g.centres[49], g.centres[50], g.centres[51]]
        );
        for (k, w) in a.widths.iter().enumerate() {
            assert_eq!(g.line_widths[k], 0.4 + *w as f64 * 4.6);
        }
        let c = &a.colors[..4];
        assert_eq!(
            g.strokes[0],
            format!("rgba({},{},{},{})", c[0], c[1], c[2], c[3] as f64 / 255.0)
        );
        let texts: Vec<&str> = g.labels.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            ["input (2)", "hidden 1 (20)", "hidden 2 (3)", "output (1)"]
        );
        assert!(g.labels.iter().all(|l| l.y == 298.0));
        assert_eq!(g.labels[0].x, 34.0);
    }

    #[test]
    fn layout_clamps_size_radius_and_labels() {
        let a = |sizes: &[usize]| {
            let links: usize = sizes.windows(2).map(|w| w[0] * w[1]).sum();
            DiagramArrays {
                widths: vec![1.0; links],
                colors: vec![0, 114, 178, 255],
                units: vec![0; sizes.iter().sum()],
            }
        };
        // Small network, narrow panel: the minimum canvas, the largest units.
        let g = DiagramLayout::new(&[2, 3, 1], &a(&[2, 3, 1]), 100.0);
        assert_eq!((g.width, g.height), (200.0, 170.0));
        assert_eq!(g.radius, 9.0);
        assert_eq!(g.line_widths[0], 5.0);
        assert_eq!(g.strokes, ["rgba(0,114,178,1)"]);
        // Up to 400 links, full width; 1,600 links, half of it.
        assert!(DiagramLayout::new(&[20, 20], &a(&[20, 20]), 300.0)
            .line_widths
            .iter()
            .all(|&w| w == 5.0));
        let dense = DiagramLayout::new(&[40, 40], &a(&[40, 40]), 300.0);
        assert!(dense.line_widths.iter().all(|&w| w == 0.4 + 4.6 / 2.0));
        // No panel width yet: 300 pixels.
        assert_eq!(
            DiagramLayout::new(&[2, 1], &a(&[2, 1]), f64::NAN).width,
            300.0
        );
        assert_eq!(DiagramLayout::new(&[2, 1], &a(&[2, 1]), 24.0).width, 300.0);
        // 64 units: the tallest canvas, the smallest units, no crosses; labels
        // keep 30 pixels from the sides.
        let sizes = [2, 64, 64, 1];
        let g = DiagramLayout::new(&sizes, &a(&sizes), 224.0);
        assert_eq!(g.height, 360.0);
        assert_eq!(g.radius, 2.5);
        assert_eq!(g.cross, 0.0);
        assert_eq!(g.labels[0].x, 34.0);
        let wide = DiagramLayout::new(&[2, 1], &a(&[2, 1]), 224.0 + 100.0);
        assert_eq!(wide.labels[1].x, wide.width - 34.0);
        let tight = DiagramLayout::new(&[2, 1], &a(&[2, 1]), 0.0);
        assert_eq!(tight.width, 200.0);
    }
}
