//! The "inside the training" views, as numbers and sentences: the cost
//! chart's extra curves (test cost, the cost's two terms), small curves of
//! every layer's statistics and of the weight norm, the dropout modes, the
//! symmetry sentence and the formulas. Built from the run's view samples
//! (`run::views`); the page only strokes and places them.

use crate::format::{fmt_cost_short, fmt_percent, fmt_plain, fmt_short};
use crate::i18n::text;
use crate::model::dropout::MaskMode;
use crate::model::network::Network;
use crate::run::stats::{identical_units, Activation, LayerStats};
use crate::run::trainer::Trainer;
use crate::run::views::Sample;
use crate::tr;
use crate::view::chart::{CostChart, Series};
use crate::view::formulas::{formulas, Formula};

/// The training curve's legend label once other curves join it.
pub fn train_label() -> String {
    text("curve-train", &[])
}

/// The samples the views draw: the live ones, then the latest (a
/// checkpoint's) when it is newer.
fn shown_samples(trainer: &Trainer) -> Vec<&Sample> {
    let views = trainer.views();
    let mut samples: Vec<&Sample> = views.live().collect();
    if let Some(latest) = views.latest() {
        if samples
            .last()
            .is_none_or(|s| s.iteration < latest.iteration)
        {
            samples.push(latest);
        }
    }
    samples
}

/// A view curve: its kind (colour), legend label (a message id) and value of
/// a sample.
type Curve = (&'static str, &'static str, fn(&Sample) -> f64);

/// Adds the run's view curves after its training-cost curve (the last
/// series of `chart`, which gets [`train_label`] if it has no label): the
/// test cost, and with `λ > 0` the cross-entropy and L2 terms whose sum is
/// the training cost. Returns each added curve's kind (`"test"`, `"ce"`,
/// `"l2"`), which picks its colour on the page. Nothing without samples.
pub fn add_view_curves(chart: &mut CostChart, trainer: &Trainer) -> Vec<&'static str> {
    let samples = shown_samples(trainer);
    if samples.is_empty() {
        return Vec::new();
    }
    if let Some(train) = chart.series.last_mut() {
        if train.label.is_empty() {
            train.label = train_label();
        }
    }
    let mut curves: Vec<Curve> = vec![("test", "curve-test", |s| s.test_cost)];
    if trainer.config().lambda > 0.0 {
        curves.push(("ce", "curve-ce", |s| s.cross_entropy));
        curves.push(("l2", "curve-l2", |s| s.l2));
    }
    curves
        .into_iter()
        .map(|(kind, label, value)| {
            chart.series.push(Series {
                points: samples
                    .iter()
                    .map(|s| (s.iteration as f64, value(s)))
                    .collect(),
                iters: trainer.config().iters as f64,
                label: text(label, &[]),
            });
            kind
        })
        .collect()
}

/// One small curve chart: a title, the latest values as text, the top of
/// its y range, and one polyline per layer (or one for the whole network).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct Spark {
    pub title: String,
    /// `"layer 1 0.52 · layer 2 0.31 · output 0.12"`.
    pub now: String,
    /// The y axis's top value (the bottom is 0).
    pub top: String,
    /// Index of the layer each polyline belongs to (`0` = layer 1), its colour.
    pub layers: Vec<usize>,
    /// Per polyline: `[x, y, ...]` in CSS pixels; `NaN, NaN` breaks it.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub lines: Vec<Vec<f64>>,
}

/// What the views panel shows (see the module docs).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct InsideView {
    /// The latest sample (its numbers: what the page shows, for checks).
    pub latest: Option<Sample>,
    /// `"statistics on the training set, every 64 iterations"`.
    pub caption: String,
    pub sparks: Vec<Spark>,
    /// Layer names for the small curves' legend: `layer 1`, ..., `output`.
    pub layer_names: Vec<String>,
    /// Dropout's training mode beside test mode, and what the mask does.
    pub dropout: Option<String>,
    pub mask: Option<String>,
    pub formulas: Vec<Formula>,
}

/// One sentence per hidden layer whose units are all copies of each other
/// (zeros initialization: symmetry), or `None`.
pub fn symmetry_text(net: &Network) -> Option<String> {
    let layers: Vec<String> = identical_units(net)
        .iter()
        .enumerate()
        .filter(|(_, &n)| n > 0)
        .map(|(l, n)| tr!("symmetry-layer", layer = l + 1, n = n))
        .collect();
    (!layers.is_empty()).then(|| layers.join(" "))
}

type Stat = (
    &'static str,
    fn(Activation) -> bool,
    fn(&LayerStats) -> Option<f64>,
    fn(f64) -> String,
);

/// The per-layer statistics drawn, in order (title as a message id), each for the layers
/// whose activation has it: the network decides which curves a run has, from before its
/// first sample.
const STATS: [Stat; 5] = [
    ("spark-z", |_| true, |s| Some(s.z_spread), fmt_short),
    ("spark-a", |_| true, |s| Some(s.a_spread), fmt_short),
    (
        "spark-dead",
        Activation::has_dead_units,
        |s| s.dead_share,
        fmt_percent,
    ),
    (
        "spark-saturated",
        Activation::saturates,
        |s| s.saturated_share,
        fmt_percent,
    ),
    (
        "spark-grad-ratio",
        |_| true,
        |s| Some(s.grad_ratio),
        fmt_short,
    ),
];

/// One chart of `series` (`(layer, values per sample)`) over `xs`
/// (iterations), `width × height` CSS pixels, y from 0 to the largest
/// finite value. Before the first sample (`xs` empty): its title only.
#[allow(clippy::too_many_arguments)]
fn spark(
    title: &'static str,
    xs: &[f64],
    iters: f64,
    series: Vec<(usize, Vec<f64>)>,
    fmt: fn(f64) -> String,
    names: &[String],
    w: f64,
    h: f64,
) -> Spark {
    let top = series
        .iter()
        .flat_map(|(_, v)| v.iter().copied().filter(|v| v.is_finite()))
        .fold(0.0, f64::max);
    let top = if top > 0.0 { top } else { 1.0 };
    let pad = 2.0;
    let lines = series
        .iter()
        .map(|(_, v)| {
            let mut line = Vec::with_capacity(2 * v.len());
            for (&i, &y) in xs.iter().zip(v) {
                if y.is_finite() {
                    line.extend([
                        pad + i / iters * (w - 2.0 * pad),
                        pad + (1.0 - y / top) * (h - 2.0 * pad),
                    ]);
                } else {
                    line.extend([f64::NAN, f64::NAN]);
                }
            }
            line
        })
        .collect();
    let now = series
        .iter()
        .filter_map(|(l, v)| v.last().map(|&x| format!("{} {}", names[*l], fmt(x))))
        .collect::<Vec<_>>()
        .join(" · ");
    Spark {
        title: text(title, &[]),
        now,
        top: if xs.is_empty() {
            String::new()
        } else {
            fmt(top)
        },
        layers: series.iter().map(|s| s.0).collect(),
        lines,
    }
}

/// The views panel for `trainer`, small curves `width × height` CSS px.
pub fn inside_view(trainer: &Trainer, width: f64, height: f64) -> InsideView {
    let config = trainer.config();
    let views = trainer.views();
    let layers = trainer.network().layers();
    let names: Vec<String> = (1..=layers)
        .map(|l| {
            if l == layers {
                text("layer-output", &[])
            } else {
                tr!("layer-n", layer = l)
            }
        })
        .collect();
    let samples = shown_samples(trainer);
    let xs: Vec<f64> = samples.iter().map(|s| s.iteration as f64).collect();
    let iters = (config.iters as f64).max(1.0);
    let activations: Vec<Activation> = (1..=layers)
        .map(|l| Activation::of(trainer.network(), l))
        .collect();
    let mut sparks: Vec<Spark> = STATS
        .iter()
        .filter_map(|&(title, has, get, fmt)| {
            let series: Vec<(usize, Vec<f64>)> = (0..layers)
                .filter(|&l| has(activations[l]))
                .map(|l| {
                    let v = samples
                        .iter()
                        .map(|s| get(&s.layers[l]).unwrap_or(f64::NAN));
                    (l, v.collect())
                })
                .collect();
            (!series.is_empty())
                .then(|| spark(title, &xs, iters, series, fmt, &names, width, height))
        })
        .collect();
    let norm = samples.iter().map(|s| s.weight_norm).collect();
    let mut s = spark(
        "spark-weight-norm",
        &xs,
        iters,
        vec![(layers - 1, norm)],
        fmt_short,
        &names,
        width,
        height,
    );
    s.now = s
        .now
        .replacen(&names[layers - 1], &text("layer-all", &[]), 1);
    sparks.push(s);
    let latest = views.latest().cloned();
    let dropout = match (&latest, config.dropout_on()) {
        (Some(s), true) => Some(tr!(
            "dropout-modes",
            keep = fmt_plain(config.keep),
            cost = fmt_cost_short(s.cost),
            accuracy = fmt_percent(s.train_mode_accuracy),
            test_cost = fmt_cost_short(s.eval_cost),
            test_accuracy = fmt_percent(s.eval_accuracy)
        )),
        _ => None,
    };
    let mask = config.dropout_on().then(|| {
        let id = match config.mask {
            MaskMode::Fixed => "dropout-mask-fixed",
            MaskMode::Fresh => "dropout-mask-fresh",
        };
        text(id, &[])
    });
    let at = latest
        .as_ref()
        .map_or("—".into(), |s| s.iteration.to_string());
    InsideView {
        caption: match views.stride() {
            1 => tr!("inside-caption-each", latest = at),
            stride => tr!("inside-caption", stride = stride, latest = at),
        },
        latest,
        sparks,
        layer_names: names,
        dropout,
        mask,
        formulas: formulas(config),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::views::Recording;
    use crate::Preset;

    fn run(p: Preset, iters: u64) -> Trainer {
        let mut t = Trainer::new(p.config()).unwrap();
        t.record_views(Recording {
            live: true,
            checkpoints: false,
        });
        t.step(iters);
        t
    }

    #[test]
    fn chart_gets_test_and_term_curves() {
        let t = run(Preset::RegL2, 300);
        let mut chart = CostChart::default();
        chart.series.push(Series::default());
        assert_eq!(add_view_curves(&mut chart, &t), ["test", "ce", "l2"]);
        assert_eq!(chart.series[0].label, train_label());
        let (ce, l2) = (&chart.series[2].points, &chart.series[3].points);
        let total = t.history().points();
        for (c, l) in ce.iter().zip(l2) {
            let at = total.iter().find(|p| p.0 as f64 == c.0).unwrap();
            assert_eq!(c.1 + l.1, at.1, "the terms add up to the chart's cost");
        }
        let he = run(Preset::InitHe, 10);
        assert_eq!(add_view_curves(&mut CostChart::default(), &he), ["test"]);
        let off = Trainer::new(Preset::InitHe.config()).unwrap();
        assert!(add_view_curves(&mut chart, &off).is_empty());
    }

    #[test]
    fn panel_shows_statistics_modes_and_symmetry() {
        let t = run(Preset::InitHe, 200);
        let v = inside_view(&t, 200.0, 60.0);
        let titles: Vec<_> = v.sparks.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles.len(), 6, "{titles:?}");
        assert_eq!(v.sparks[2].layers, [0, 1], "dead share: hidden layers only");
        assert_eq!(v.sparks[3].layers, [2], "saturation: the sigmoid");
        let n = t.views().live().len();
        for s in &v.sparks {
            for line in &s.lines {
                assert_eq!(line.len(), 2 * n);
                assert!(
                    line.iter().all(|&p| (0.0..=200.0).contains(&p)),
                    "{}",
                    s.title
                );
            }
        }
        let latest = v.latest.as_ref().unwrap();
        assert!(v.sparks[0]
            .now
            .starts_with(&format!("layer 1 {}", fmt_short(latest.layers[0].z_spread))));
        assert!(symmetry_text(t.network()).is_none() && v.dropout.is_none());
        assert_eq!(
            symmetry_text(run(Preset::InitZeros, 50).network()).unwrap(),
            "Hidden layer 1: these 10 units compute the same function. Hidden layer 2: these 5 units compute the same function."
        );
        let drop = inside_view(&run(Preset::RegDropout, 50), 200.0, 60.0);
        assert!(drop
            .dropout
            .unwrap()
            .starts_with("Training mode (dropout, keep 0.86): cost "));
        assert!(drop.mask.unwrap().starts_with("Fixed mask"));
        assert_eq!(drop.formulas.len(), 5);
    }

    /// The network decides the curves, from before the first sample: a classification's six
    /// (the sigmoid output saturates), a regression's five (its linear output cannot).
    #[test]
    fn the_curves_are_known_before_the_first_sample() {
        for (link, titles) in [
            ("preset=init-he", 6),
            ("data=plane&problem=regression", 5),
            ("preset=init-he&act=tanh", 5),
        ] {
            let config = crate::config::link::parse(link).unwrap().config;
            let mut t = Trainer::new(config).unwrap();
            t.record_views(Recording {
                live: true,
                checkpoints: false,
            });
            let before = inside_view(&t, 200.0, 60.0);
            assert!(before.latest.is_none());
            assert!(
                before
                    .caption
                    .ends_with("every iteration; the latest: iteration —."),
                "{}",
                before.caption
            );
            assert_eq!(before.sparks.len(), titles, "{link}");
            for s in &before.sparks {
                assert!(!s.title.is_empty(), "{link}");
                assert_eq!(
                    (s.now.as_str(), s.top.as_str()),
                    ("", ""),
                    "{link}: no numbers yet"
                );
                assert!(s.lines.iter().all(Vec::is_empty), "{link}: no curve yet");
            }
            t.step(100);
            let after = inside_view(&t, 200.0, 60.0);
            let same: Vec<_> = after.sparks.iter().map(|s| (&s.title, &s.layers)).collect();
            let first: Vec<_> = before
                .sparks
                .iter()
                .map(|s| (&s.title, &s.layers))
                .collect();
            assert_eq!(same, first, "{link}: the same curves once it samples");
            assert!(after
                .sparks
                .iter()
                .all(|s| !s.now.is_empty() && !s.top.is_empty()));
            let every = format!("every {} iterations;", t.views().stride());
            assert!(
                t.views().stride() > 1 && after.caption.contains(&every),
                "{}",
                after.caption
            );
        }
        let regression = crate::config::link::parse("data=plane&problem=regression").unwrap();
        let t = Trainer::new(regression.config).unwrap();
        let titles: Vec<_> = inside_view(&t, 200.0, 60.0)
            .sparks
            .into_iter()
            .map(|s| s.title)
            .collect();
        assert!(
            !titles.contains(&text("spark-saturated", &[])),
            "{titles:?}"
        );
        // tanh hidden units saturate and never die: no "dead ReLU" curve; they join the saturation one.
        let tanh = crate::config::link::parse("preset=init-he&act=tanh").unwrap();
        let t = Trainer::new(tanh.config).unwrap();
        let v = inside_view(&t, 200.0, 60.0);
        let of = |id: &str| v.sparks.iter().find(|s| s.title == text(id, &[]));
        assert!(of("spark-dead").is_none());
        assert_eq!(of("spark-saturated").unwrap().layers, [0, 1, 2]);
    }
}
