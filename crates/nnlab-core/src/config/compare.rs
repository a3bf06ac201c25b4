//! Compare mode: three runs side by side, a lab's three course runs with
//! what the user changed carried into all three, or one key at three values
//! ([`Compare`], `compare=opt:gd,momentum,adam`).

use crate::config::keys::KEYS;
use crate::config::variants::PLAYGROUND_VARY;
use crate::config::{link, Compare, Config, DataKind, Preset, View};
use crate::i18n::text;
use crate::tr;

/// The course's labs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Initialization,
    Regularization,
    Gradcheck,
}

/// The page's name for a configuration outside the course's labs.
pub fn playground() -> String {
    text("lab-playground", &[])
}

impl Family {
    pub fn name(self) -> &'static str {
        match self {
            Family::Initialization => "initialization",
            Family::Regularization => "regularization",
            Family::Gradcheck => "gradcheck",
        }
    }

    /// The lab's heading on the page (message `lab-NAME`).
    pub fn title(self) -> String {
        text(&format!("lab-{}", self.name()), &[])
    }

    /// Whether the lab is a training run to watch: its preset starts playing
    /// and the heading names the preset. False for the gradient check (one
    /// preset, a check rather than a run).
    pub fn trains(self) -> bool {
        self != Family::Gradcheck
    }
}

impl Preset {
    /// The lab this preset belongs to.
    pub fn family(self) -> Family {
        match self {
            Preset::InitZeros | Preset::InitRandom | Preset::InitHe => Family::Initialization,
            Preset::RegNone | Preset::RegL2 | Preset::RegDropout => Family::Regularization,
            Preset::Gradcheck => Family::Gradcheck,
        }
    }

    /// The preset's button label: its title, or what the button does for
    /// the gradient check.
    pub fn label(self) -> String {
        match self {
            Preset::Gradcheck => text("preset-gradcheck-button", &[]),
            p => p.title(),
        }
    }
}

/// The page's heading for a configuration: the lab's title, and its
/// preset's after a dash in a training lab ([`PLAYGROUND`] outside the labs).
pub fn heading(config: &Config) -> String {
    match (family(config), config.preset) {
        (Some(f), Some(p)) if f.trains() => {
            tr!("lab-heading", lab = f.title(), preset = p.title())
        }
        (Some(f), _) => f.title(),
        (None, _) => playground(),
    }
}

/// Which lab a configuration belongs to: its preset's, or for a link without
/// one, its data's (none for data outside the course's labs).
pub fn family(config: &Config) -> Option<Family> {
    match (config.preset, config.data) {
        (Some(p), _) => Some(p.family()),
        (None, DataKind::Circles) => Some(Family::Initialization),
        (None, DataKind::Football) => Some(Family::Regularization),
        (None, DataKind::Gradcase) => Some(Family::Gradcheck),
        (None, _) => None,
    }
}

/// The three presets compare mode shows for a configuration's lab (none
/// for a lab with fewer).
pub fn compare_presets(config: &Config) -> Option<[Preset; 3]> {
    let f = family(config)?;
    let of_lab: Vec<Preset> = Preset::ALL
        .iter()
        .copied()
        .filter(|p| p.family() == f)
        .collect();
    of_lab.try_into().ok()
}

/// One of compare mode's three runs.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct CompareRun {
    /// The run's link query.
    pub query: String,
    /// A short name: the preset's (`init-he`) or the value (`adam`).
    pub name: String,
    /// Its label: the preset's title (`He`) or `key=value` (`opt=adam`).
    pub title: String,
}

/// The three runs compare mode shows for `view.compare` (with it off, the
/// runs it would show when turned on, as `1`): the lab's presets
/// ([`compare_query`]), or the varied key's three values with everything
/// else of the link (outside the labs, `1` varies [`PLAYGROUND_VARY`]).
/// Empty for the gradient check, which has no runs to compare.
pub fn compare_runs(config: &Config, view: &View) -> Vec<CompareRun> {
    let vary = match &view.compare {
        Compare::Off | Compare::Lab => match compare_presets(config) {
            Some(ps) => {
                let run = |p: Preset| CompareRun {
                    query: compare_query(config, view, p),
                    name: p.name().into(),
                    title: p.title(),
                };
                return ps.map(run).to_vec();
            }
            None if family(config) == Some(Family::Gradcheck) => return Vec::new(),
            None => Compare::Vary {
                key: PLAYGROUND_VARY.0,
                values: PLAYGROUND_VARY.1.map(String::from),
            },
        },
        vary => vary.clone(),
    };
    let (Ok(Some(configs)), Compare::Vary { key, values }) = (vary.configs(config), &vary) else {
        return Vec::new();
    };
    let view = carried(view);
    configs
        .iter()
        .zip(values)
        .map(|(c, v)| CompareRun {
            query: link::serialize(c, &view),
            name: v.clone(),
            title: format!("{key}={v}"),
        })
        .collect()
}

/// The view keys a compared run keeps: `showTest`, `logCost`, `discrete`.
fn carried(view: &View) -> View {
    View {
        show_test: view.show_test,
        log_cost: view.log_cost,
        discrete: view.discrete,
        ..View::default()
    }
}

/// Compare mode's three queries ([`compare_runs`]).
pub fn compare_queries(config: &Config, view: &View) -> Vec<String> {
    compare_runs(config, view)
        .into_iter()
        .map(|r| r.query)
        .collect()
}

/// One run of compare mode: `current` with the keys that tell the lab's
/// three presets apart (`init` in the initialization lab; `lambda` and
/// `keep` in the regularization lab) taken from `preset`, so that what the
/// user changed (learning rate, iterations, layers, data, seeds) carries
/// into all three runs. The pure preset when that combination is not a
/// valid run. Only `showTest` and `logCost` of the view carry over.
pub fn compare_query(current: &Config, view: &View, preset: Preset) -> String {
    let view = carried(view);
    let target = preset.config();
    let pure = || link::serialize(&target, &view);
    let mut c = current.clone();
    c.preset = Some(preset);
    let siblings = compare_presets(&target).map(|ps| ps.map(Preset::config));
    let none = View::default();
    for key in KEYS.iter().filter(|k| !k.is_view()) {
        let varies = siblings.as_ref().is_some_and(|cs| {
            cs.iter()
                .any(|o| key.value(o, &none) != key.value(&target, &none))
        });
        if let (true, Some(v)) = (varies, key.value(&target, &none)) {
            if key.set(&mut c, &mut View::default(), &v).is_err() {
                return pure();
            }
        }
    }
    if c.validate().is_err() {
        return pure();
    }
    link::serialize(&c, &view)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn queries(q: &str) -> Vec<String> {
        let p = link::parse(q).unwrap();
        compare_queries(&p.config, &p.view)
    }

    #[test]
    fn families() {
        let f = |q: &str| family(&link::parse(q).unwrap().config);
        assert_eq!(f("preset=init-he"), Some(Family::Initialization));
        assert_eq!(f("preset=reg-l2&data=moons"), Some(Family::Regularization));
        assert_eq!(f("data=football"), Some(Family::Regularization));
        assert_eq!(f("preset=gradcheck"), Some(Family::Gradcheck));
        assert_eq!(f("data=moons"), None);
    }

    #[test]
    fn headings_name_the_lab_and_a_training_labs_preset() {
        let h = |q: &str| heading(&link::parse(q).unwrap().config);
        assert_eq!(h("preset=init-he"), "Initialization — He");
        assert_eq!(h("data=football"), "Regularization");
        assert_eq!(h("preset=gradcheck"), "Gradient checking");
        assert_eq!(h("data=moons"), "Playground");
        assert_eq!(Preset::Gradcheck.label(), "Check backprop");
        assert_eq!(Preset::RegL2.label(), "L2");
    }

    #[test]
    fn compare_lists_the_labs_three_presets() {
        assert_eq!(
            queries("preset=reg-l2&compare=1&showTest=1"),
            [
                "preset=reg-none&showTest=1",
                "preset=reg-l2&showTest=1",
                "preset=reg-dropout&showTest=1"
            ]
        );
        assert_eq!(queries("lr=0.1").len(), 3);
        assert!(queries("preset=gradcheck").is_empty());
        // Outside the labs, the three optimizers.
        assert_eq!(
            queries("data=moons&lr=0.1"),
            [
                "data=moons&lr=0.1",
                "data=moons&lr=0.1&opt=momentum",
                "data=moons&lr=0.1&opt=adam"
            ]
        );
    }

    #[test]
    fn compare_varies_one_key_on_the_same_data() {
        let p = link::parse("preset=reg-l2&compare=act:relu,tanh,sigmoid&logCost=1").unwrap();
        let runs = compare_runs(&p.config, &p.view);
        let titles: Vec<&str> = runs.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(titles, ["act=relu", "act=tanh", "act=sigmoid"]);
        assert_eq!(runs[1].query, "preset=reg-l2&act=tanh&logCost=1");
        // The course's initialization comparison as one such link.
        let lab = queries("preset=init-he&compare=1");
        let p = link::parse("preset=init-he&compare=init:zeros,random,he").unwrap();
        let runs = compare_runs(&p.config, &p.view);
        for (run, lab) in runs.iter().zip(&lab) {
            let (a, b) = (link::parse(&run.query).unwrap(), link::parse(lab).unwrap());
            assert_eq!(a.config.init, b.config.init);
            assert_eq!(a.config.split(), b.config.split());
        }
    }

    #[test]
    fn compare_carries_the_users_changes_into_all_three_runs() {
        // The initialization lab varies `init`; the rest carries.
        assert_eq!(
            queries("preset=init-he&lr=0.05&iters=2000&layers=8,4&seed=7"),
            [
                "preset=init-zeros&layers=8,4&seed=7&lr=0.05&iters=2000",
                "preset=init-random&layers=8,4&seed=7&lr=0.05&iters=2000",
                "preset=init-he&layers=8,4&seed=7&lr=0.05&iters=2000"
            ]
        );
        // A changed `init` is what the three runs vary, so it does not carry.
        assert_eq!(queries("preset=init-he&init=xavier")[2], "preset=init-he");
        // The regularization lab varies `lambda` and `keep`; the rest carries.
        assert_eq!(
            queries("preset=reg-dropout&keep=0.5&mask=fresh&lr=0.1"),
            [
                "preset=reg-none&lr=0.1&mask=fresh",
                "preset=reg-l2&lr=0.1&mask=fresh",
                "preset=reg-dropout&lr=0.1&mask=fresh"
            ]
        );
        // Every query opens (the runs are valid), and play/compare do not carry.
        for q in queries("preset=reg-l2&play=1&compare=1&logCost=1&dropSeed=3") {
            assert!(!q.contains("play") && !q.contains("compare"), "{q}");
            assert!(q.contains("logCost=1") && q.contains("dropSeed=3"), "{q}");
            link::parse(&q).unwrap();
        }
    }
}
