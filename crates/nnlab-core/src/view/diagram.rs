//! The network diagram's data: one line width and colour per weight (or
//! last gradient), flags per unit (dropped, dead), a caption and the run's
//! health; `www/js/diagram.js` only places and draws them.

use super::heat::{css, NOT_A_NUMBER};
use crate::format::fmt_short;
use crate::model::dropout::MaskMode;
use crate::run::health::{dead_units, health};
use crate::run::regions::{COLOR_0, COLOR_1};
use crate::run::trainer::Trainer;

/// Unit flags in [`DiagramArrays::units`].
pub const UNIT_DROPPED: u8 = 1;
pub const UNIT_DEAD: u8 = 2;
const LINK_ZERO: [u8; 3] = [170, 170, 170];

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

    let what = if by_gradient {
        "the last gradient dW"
    } else {
        "the weight"
    };
    let mut caption = format!(
        "Line width grows with |{what}| (widest: {}); blue is positive, orange negative.",
        fmt_short(max_abs)
    );
    if by_gradient && trainer.iteration() == 0 && max_abs == 0.0 {
        caption = "No gradient yet: train one iteration to see dW.".into();
    }
    if masks_drawn {
        let mode = match config.mask {
            MaskMode::Fixed => "the course's fixed masks: the same units every iteration",
            MaskMode::Fresh => "fresh masks: new units every iteration",
        };
        caption.push_str(&format!(
            " Dashed grey units are dropped for the first training point ({dropped} of {hidden}; {mode})."
        ));
    }
    let health = health(trainer, &dead);
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
}
