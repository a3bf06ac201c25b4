//! What the page shows of a run, one small value per frame: iteration,
//! cost, accuracies (as numbers and as the page writes them), status, and
//! the course's numbers when the run is exactly a preset.

use crate::config::compare::{family, heading, Family};
use crate::config::{Expected, Preset, View};
use crate::format::{fmt_cost, fmt_cost_short, fmt_percent};
use crate::i18n::text;
use crate::model::output::Problem;
use crate::run::health;
use crate::run::trainer::{Status, Trainer};

impl Status {
    /// `"training"`, `"done"` or `"diverged"`.
    pub fn name(&self) -> &'static str {
        match self {
            Status::Training => "training",
            Status::Done => "done",
            Status::Diverged { .. } => "diverged",
        }
    }
}

/// The readouts' names for classification and for regression (the texts
/// then hold the train and test loss, `1/(2m)·Σ(ŷ − y)²`, and test minus
/// train loss): message ids, rendered by [`Snapshot::of`].
pub const MEASURES: [[&str; 3]; 2] = [
    ["page-stat-train", "page-stat-test", "page-stat-gap"],
    [
        "readout-train-loss",
        "readout-test-loss",
        "readout-gap-loss",
    ],
];

/// Compare mode's table: its caption and the headers of its train, test
/// and gap columns, for classification (accuracies, course value in
/// brackets) and for regression (the losses of [`MEASURES`]): message ids,
/// which the page sets as the cells' `data-i18n` (so a language switch
/// renders them too).
pub const COMPARE_HEADERS: [[&str; 4]; 2] = [
    [
        "page-compare-caption",
        "page-col-train",
        "page-col-test",
        "page-col-gap",
    ],
    [
        "page-compare-caption-loss",
        MEASURES[1][0],
        MEASURES[1][1],
        MEASURES[1][2],
    ],
];

/// The regions' legend: the two point colours and the shading's hint, for
/// classification and for regression (points shaded by their value, orange below 0, blue above):
/// message ids, rendered by [`Snapshot::of`].
pub const LEGENDS: [[&str; 3]; 2] = [
    ["page-label-0", "page-label-1", "page-regions-hint"],
    ["legend-value-low", "legend-value-high", "legend-value-hint"],
];

/// The three messages of `ids` in the current language.
fn words(ids: [&str; 3]) -> [String; 3] {
    ids.map(|id| text(id, &[]))
}

/// The page's view of a run.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct Snapshot {
    pub iteration: u32,
    pub iters: u32,
    /// [`Status::name`]
    pub status: &'static str,
    pub diverged_at: Option<u32>,
    /// Learning has stopped: every weight gradient of the last iteration was
    /// exactly 0 (zero weights, or a whole layer of dead ReLUs).
    pub stalled: bool,
    /// The most recent computed cost (may be `Infinity`).
    pub cost: Option<f64>,
    /// That cost as the course prints it (`∞` when infinite, `—` before any).
    pub cost_text: String,
    pub cost_iteration: Option<u32>,
    pub cost_infinite: bool,
    /// [`health::infinite_cost`] when the cost is infinite.
    pub cost_note: Option<String>,
    /// [`health::status_line`] while paused, and while playing.
    pub status_text: String,
    pub playing_status_text: String,
    /// The cost at iteration 0 (the course's first printed number).
    pub first_cost_text: Option<String>,
    pub train_accuracy: f64,
    pub test_accuracy: f64,
    /// `99.3%`
    pub train_accuracy_text: String,
    pub test_accuracy_text: String,
    /// Train minus test accuracy in percentage points: `+3.3 pts`.
    pub gap_text: String,
    /// The readouts' names: `train accuracy`, `test accuracy`,
    /// `gap (train − test)`; for regression the losses' ([`MEASURES`]).
    pub measure_labels: [String; 3],
    /// [`COMPARE_HEADERS`] for this problem (message ids).
    pub compare_headers: [&'static str; 4],
    /// [`LEGENDS`]: the regions' legend for this problem.
    pub legend: [String; 3],
    /// Regression: the train and test loss ([`Trainer::losses`]) as numbers.
    pub losses: Option<[f64; 2]>,
    /// `problem=regression`: the labels are numbers (the edit bar offers a
    /// value instead of a class).
    pub regression: bool,
    pub train_correct: u32,
    pub train_total: u32,
    pub test_correct: u32,
    pub test_total: u32,
    /// The preset this configuration starts from, if any.
    pub preset: Option<&'static str>,
    /// "initialization" | "regularization" | "gradcheck" (from the preset, or
    /// for a link without one, from its data), or null.
    pub lab: Option<&'static str>,
    /// [`heading`]: the lab's title and, in a training lab, the preset's.
    pub heading: String,
    /// Whether compare mode has three runs ([`crate::config::compare::compare_runs`]:
    /// every configuration but the gradient check's).
    pub can_compare: bool,
    /// The course's numbers, when the configuration is exactly a preset's.
    pub expected: Option<ExpectedSnapshot>,
    /// Whether the data is 2-D (there are decision regions to paint).
    pub plane: bool,
    /// Recorded data (football, the gradient-check case): no seed, size or noise.
    pub recorded_data: bool,
    /// The course's recorded points (no `dataSeed`, `n`, `noise` in the link).
    pub course_data: bool,
    pub play: bool,
    pub compare: bool,
    pub show_test: bool,
    pub log_cost: bool,
}

/// The course's printed numbers for a preset (the preset buttons show them
/// too), as numbers and as the page writes them.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct ExpectedInfo {
    pub train: f64,
    pub test: f64,
    pub first_cost: f64,
    pub train_text: String,
    pub test_text: String,
    pub first_cost_text: String,
}

impl ExpectedInfo {
    pub fn of(e: &Expected) -> ExpectedInfo {
        ExpectedInfo {
            train: e.train_accuracy,
            test: e.test_accuracy,
            first_cost: e.first_cost,
            train_text: fmt_percent(e.train_accuracy),
            test_text: fmt_percent(e.test_accuracy),
            first_cost_text: fmt_cost(e.first_cost),
        }
    }
}

/// The course's numbers for a preset, and whether the run matches.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct ExpectedSnapshot {
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub course: ExpectedInfo,
    /// True once the run is done and its accuracy equals the course's.
    pub train_matches: bool,
    pub test_matches: bool,
}

/// A preset as the page's one-click buttons show it.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct PresetInfo {
    pub name: &'static str,
    pub title: String,
    /// The lab's [`crate::config::compare::Family::name`].
    pub lab: &'static str,
    /// The lab's [`crate::config::compare::Family::title`].
    pub lab_title: String,
    /// [`Preset::label`]: the button's text.
    pub label: String,
    pub expected: Option<ExpectedInfo>,
    /// The lab's [`crate::config::compare::Family::lesson`]: the panels it
    /// opens on, first to last ([`crate::config::lesson::Panel::name`]).
    pub lesson: Vec<&'static str>,
}

impl PresetInfo {
    pub fn of(p: Preset) -> PresetInfo {
        PresetInfo {
            name: p.name(),
            title: p.title(),
            lab: p.family().name(),
            lab_title: p.family().title(),
            label: p.label(),
            expected: p.expected().as_ref().map(ExpectedInfo::of),
            lesson: p.family().lesson().iter().map(|l| l.name()).collect(),
        }
    }
}

impl Snapshot {
    /// The snapshot of `trainer`'s run now, shown with `view`.
    pub fn of(trainer: &Trainer, view: &View) -> Snapshot {
        let t = trainer;
        let config = t.config();
        let (train, test) = t.accuracy();
        let diverged_at = match t.status() {
            Status::Diverged { iteration } => Some(*iteration as u32),
            _ => None,
        };
        let last = t.last_cost();
        let (train_f, test_f) = (train.fraction(), test.fraction());
        let done = *t.status() == Status::Done;
        let expected = config.course_numbers().map(|e| ExpectedSnapshot {
            course: ExpectedInfo::of(&e),
            train_matches: done && (train_f - e.train_accuracy).abs() < 1e-12,
            test_matches: done && (test_f - e.test_accuracy).abs() < 1e-12,
        });
        let gap = (train_f - test_f) * 100.0;
        let regression = config.problem == Problem::Regression;
        let losses = regression.then(|| {
            let (a, b) = t.losses();
            [a, b]
        });
        let (train_text, test_text, gap_text) = if let Some([a, b]) = losses {
            let d = b - a;
            let sign = if d >= 0.0 { "+" } else { "" };
            (
                fmt_cost_short(a),
                fmt_cost_short(b),
                format!("{sign}{}", fmt_cost_short(d)),
            )
        } else {
            let gap_text = if gap.is_finite() {
                crate::tr!("gap-points", gap = format!("{gap:+.1}"))
            } else {
                "—".into()
            };
            (fmt_percent(train_f), fmt_percent(test_f), gap_text)
        };
        let stalled = diverged_at.is_none() && t.stalled();
        let cost_infinite = last.is_some_and(|(_, c)| c.is_infinite());
        let (iteration, iters) = (t.iteration() as u32, config.iters as u32);
        let line = |playing| health::status_line(t.status(), iteration, iters, playing, stalled);
        Snapshot {
            iteration,
            iters,
            status: t.status().name(),
            diverged_at,
            stalled,
            cost: last.map(|(_, c)| c),
            cost_text: last.map(|(_, c)| fmt_cost(c)).unwrap_or_else(|| "—".into()),
            cost_iteration: last.map(|(i, _)| i as u32),
            cost_infinite,
            cost_note: cost_infinite.then(health::infinite_cost),
            status_text: line(false),
            playing_status_text: line(true),
            first_cost_text: t.checkpoints().first().map(|(_, c)| fmt_cost(*c)),
            train_accuracy: train_f,
            test_accuracy: test_f,
            train_accuracy_text: train_text,
            test_accuracy_text: test_text,
            gap_text,
            measure_labels: words(MEASURES[regression as usize]),
            compare_headers: COMPARE_HEADERS[regression as usize],
            legend: words(LEGENDS[regression as usize]),
            losses,
            regression,
            train_correct: train.correct as u32,
            train_total: train.total as u32,
            test_correct: test.correct as u32,
            test_total: test.total as u32,
            preset: config.preset.map(Preset::name),
            lab: family(config).map(|f| f.name()),
            heading: heading(config),
            can_compare: family(config) != Some(Family::Gradcheck),
            expected,
            plane: t.points().train.features() == 2,
            recorded_data: config.data.is_recorded(),
            course_data: config.uses_course_data(),
            play: view.play,
            compare: view.compare.is_on(),
            show_test: view.show_test,
            log_cost: view.log_cost,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::link;

    fn run(q: &str) -> (Trainer, View) {
        let p = link::parse(q).unwrap();
        (Trainer::new(p.config).unwrap(), p.view)
    }

    #[test]
    fn snapshot_of_the_he_preset() {
        let (mut t, v) = run("#preset=init-he&play=1");
        let s = Snapshot::of(&t, &v);
        assert_eq!((s.iteration, s.iters, s.status), (0, 15000, "training"));
        assert_eq!(s.cost_text, "—");
        assert_eq!(s.lab, Some("initialization"));
        assert!(s.play && s.plane);
        assert!(s.expected.is_some());
        t.step(1);
        let s = Snapshot::of(&t, &v);
        // The course's 0.8830537463419761, within the core's 1e-9 (relative).
        assert!(
            s.cost_text.starts_with("0.88305374634197"),
            "{}",
            s.cost_text
        );
        assert_eq!(s.first_cost_text, Some(s.cost_text.clone()));
        assert_eq!(
            (s.status_text.as_str(), s.playing_status_text.as_str()),
            ("Paused.", "Training…")
        );
        assert_eq!(
            (s.heading.as_str(), s.can_compare, s.cost_note),
            ("Initialization — He", true, None)
        );
    }

    #[test]
    fn regression_reads_out_losses() {
        let (mut t, v) = run("data=gauss&problem=regression&iters=50");
        t.run();
        let s = Snapshot::of(&t, &v);
        let (train, test) = t.losses();
        assert_eq!(s.measure_labels[0], "train loss");
        assert_eq!(s.compare_headers[0], "page-compare-caption-loss");
        assert_eq!(s.compare_headers[1], "readout-train-loss");
        assert_eq!(s.legend[0], "value ≤ 0");
        assert_eq!(s.train_accuracy_text, fmt_cost_short(train));
        assert_eq!(s.test_accuracy_text, fmt_cost_short(test));
        let (t, v) = run("preset=init-he");
        assert_eq!(Snapshot::of(&t, &v).measure_labels[0], "train accuracy");
        assert_eq!(
            Snapshot::of(&t, &v).compare_headers,
            COMPARE_HEADERS[0],
            "classification: accuracies"
        );
        // Four input features over the same plane: still regions to paint.
        let (t, v) = run("data=spiral&features=x1,x2,x1x2,sinx1");
        assert!(Snapshot::of(&t, &v).plane);
    }

    #[test]
    fn status_lines_come_from_health() {
        let (mut t, v) = run("preset=gradcheck");
        let s = Snapshot::of(&t, &v);
        assert_eq!(s.status_text, "Ready: press Play or step.");
        assert_eq!(
            (s.heading.as_str(), s.can_compare),
            ("Gradient checking", false)
        );
        // A huge λ with lr = 10 overflows within a few iterations.
        let (mut big, v) = run("preset=reg-l2&lambda=1000&lr=10");
        big.run();
        let s = Snapshot::of(&big, &v);
        assert_eq!(s.status, "diverged");
        assert!(
            s.status_text.starts_with("Training diverged at iteration "),
            "{}",
            s.status_text
        );
        assert_eq!(s.status_text, s.playing_status_text);
        t.run();
        let s = Snapshot::of(&t, &v);
        assert_eq!(s.status_text, format!("Done: {} iterations.", s.iters));
    }

    #[test]
    fn he_preset_ends_with_the_course_numbers() {
        let (mut t, v) = run("preset=init-he");
        t.run();
        let s = Snapshot::of(&t, &v);
        assert_eq!(s.status, "done");
        assert_eq!(s.train_accuracy_text, "99.3%");
        assert_eq!(s.test_accuracy_text, "96.0%");
        assert_eq!(s.gap_text, "+3.3 pts");
        let e = s.expected.unwrap();
        assert!(e.train_matches && e.test_matches);
        assert_eq!(
            (e.course.train_text.as_str(), e.course.test_text.as_str()),
            ("99.3%", "96.0%")
        );
    }

    #[test]
    fn random_preset_starts_at_infinity() {
        let (mut t, v) = run("preset=init-random");
        t.step(1);
        let s = Snapshot::of(&t, &v);
        assert!(s.cost_infinite);
        assert_eq!(s.cost_text, "∞");
        assert_eq!(s.expected.unwrap().course.first_cost_text, "∞");
    }

    #[test]
    fn expected_numbers_only_for_an_unchanged_preset() {
        let expected = |q| {
            let (t, v) = run(q);
            Snapshot::of(&t, &v).expected.is_some()
        };
        assert!(!expected("preset=init-he&lr=0.02&showTest=1"));
        assert!(expected("preset=init-he&showTest=1&logCost=1"));
        assert!(!expected("preset=gradcheck"));
    }

    #[test]
    fn diverging_runs_say_so() {
        let (mut t, v) = run("data=moons&lr=1000&layers=64,64,64,64&iters=50");
        t.step(50);
        let s = Snapshot::of(&t, &v);
        assert_eq!(s.status, "diverged", "{s:?}");
        assert!(s.diverged_at.is_some());
    }

    #[test]
    fn preset_infos_name_their_lab() {
        let he = PresetInfo::of(Preset::InitHe);
        assert_eq!((he.title.as_str(), he.lab), ("He", "initialization"));
        assert_eq!(he.expected.unwrap().train_text, "99.3%");
        assert!(PresetInfo::of(Preset::Gradcheck).expected.is_none());
    }
}
