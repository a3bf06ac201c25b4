//! Each lab opens on its lesson: the page's panels that teach the lab come
//! first, in this order, and the others follow (not in the way). The one
//! place this is decided: [`Family::lesson`]. The page reads it through
//! `presets()` (each preset's `lesson`) and applies it in CSS
//! (`www/js/lesson.css`, written from this table: a test below checks that
//! file against it).

use crate::config::compare::Family;

/// A panel of the page's main column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    /// The decision regions, the live numbers (train/test accuracy and their
    /// gap), the transport and the train/test cost chart.
    Training,
    /// The gradient check.
    Check,
    /// The network diagram (neuron maps, symmetry, dead units, dropout mask).
    Network,
    /// "Inside the training": layer statistics, dropout's two modes, formulas.
    Inside,
}

impl Panel {
    pub const ALL: [Panel; 4] = [Panel::Training, Panel::Check, Panel::Network, Panel::Inside];

    /// The page's name for the panel (`training`, `check`, `network`, `inside`).
    pub fn name(self) -> &'static str {
        match self {
            Panel::Training => "training",
            Panel::Check => "check",
            Panel::Network => "network",
            Panel::Inside => "inside",
        }
    }
}

impl Family {
    /// The panels that open the lab, first to last; the page's other panels
    /// follow in their usual order. Initialization: the regions and cost,
    /// then the views that show why zeros, ×10 and He behave as they do.
    /// Regularization: the train/test gap and the test cost curve, then
    /// dropout's two modes and its mask. Gradient checking: the check, then
    /// the network it checks and its formula; training comes after.
    pub fn lesson(self) -> &'static [Panel] {
        match self {
            Family::Initialization | Family::Regularization => {
                &[Panel::Training, Panel::Inside, Panel::Network]
            }
            Family::Gradcheck => &[Panel::Check, Panel::Network, Panel::Inside],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::compare::family;
    use crate::config::{Config, DataKind, Preset};

    const LABS: [Family; 3] = [
        Family::Initialization,
        Family::Regularization,
        Family::Gradcheck,
    ];

    /// The page's element for a panel.
    fn selector(p: Panel) -> &'static str {
        match p {
            Panel::Training => "#single-view",
            Panel::Check => "#gradcheck-panel",
            Panel::Network => "#diagram-panel",
            Panel::Inside => "#inside-panel",
        }
    }

    /// The stylesheet the table implies: one rule per lab giving its lesson
    /// panels the flex orders 0, 1, 2 (after the intro, order 0, which comes
    /// first in the page; before the other panels, order 3) as custom
    /// properties `--lesson-<panel>`, and one rule per panel reading its
    /// property. A lab's rule matches the lab (`data-lab` on the root, set by
    /// the page from the engine) and, before the engine has started, the
    /// link's preset or, without one, its data set ([`family`];
    /// `data-link-preset`, `data-link-data`, set by js/lesson.js before the
    /// first paint), so the layout does not jump. The panels' rules have the
    /// specificity (1,1,0): above style.css's `#id`, below compare mode's.
    /// Before the engine has started, the same hints also show the lab's
    /// intro text (`data-lab-text`; the playground's for a data set of no
    /// lab) and keep the others' place hidden, as the page does after, and
    /// the lab's title (`data-lab-title`) alone in the heading (`!important`
    /// over style.css's `[hidden]`).
    fn css() -> String {
        let mut out = String::from(
            "/* Each lab opens on its lesson. WRITTEN FROM crates/nnlab-core/src/config/lesson.rs\n   \
             (Family::lesson; its test `the_stylesheet_follows_the_table` prints this file): edit\n   \
             the table, not this file. */\n",
        );
        let mut hints_of = Vec::new();
        for lab in LABS {
            let presets = Preset::ALL.iter().filter(|p| p.family() == lab);
            let data = DataKind::ALL.iter().filter(|&&data| {
                let c = Config {
                    data,
                    ..Config::default()
                };
                family(&c) == Some(lab)
            });
            let hints: Vec<String> = presets
                .map(|p| format!("[data-link-preset=\"{}\"]", p.name()))
                .chain(data.map(|d| format!("[data-link-data=\"{}\"]", d.name())))
                .collect();
            hints_of.push((lab.name(), hints.join(", ")));
            let orders: Vec<String> = (lab.lesson().iter().enumerate())
                .map(|(rank, p)| format!(" --lesson-{}: {rank};", p.name()))
                .collect();
            out += &format!(
                ":root:is([data-lab=\"{}\"], {}) {{{} }}\n",
                lab.name(),
                hints.join(", "),
                orders.concat()
            );
        }
        // Before the engine starts, the link's lab (or the playground, for a data set of
        // no lab) has its intro text shown; the others keep their place (reserve.css).
        let playground: Vec<String> = DataKind::ALL
            .iter()
            .filter(|&&data| {
                family(&Config {
                    data,
                    ..Config::default()
                })
                .is_none()
            })
            .map(|d| format!("[data-link-data=\"{}\"]", d.name()))
            .collect();
        hints_of.push(("custom", playground.join(", ")));
        for (text, hints) in &hints_of {
            out += &format!(
                ":root:is({hints}) .intro > p[data-lab-text] {{ visibility: hidden; }}\n\
                 :root:is({hints}) .intro > p[data-lab-text=\"{text}\"] {{ visibility: visible; }}\n\
                 :root:is({hints}) #intro-title > [data-lab-title] {{ display: none; }}\n\
                 :root:is({hints}) #intro-title > [data-lab-title=\"{text}\"] {{ display: inline !important; }}\n"
            );
        }
        for p in Panel::ALL {
            let (id, name) = (selector(p), p.name());
            out += &format!(".layout > {id} {{ order: var(--lesson-{name}, 3); }}\n");
        }
        out
    }

    #[test]
    fn the_stylesheet_follows_the_table() {
        let file = include_str!("../../../../www/js/lesson.css");
        let want = css();
        if file != want {
            println!("{want}");
        }
        assert!(
            file == want,
            "www/js/lesson.css differs from the lesson table: write the text above into it"
        );
    }

    #[test]
    fn each_lab_opens_on_what_it_teaches() {
        assert_eq!(Family::Gradcheck.lesson()[0], Panel::Check);
        assert_eq!(Family::Initialization.lesson()[0], Panel::Training);
        assert_eq!(Family::Regularization.lesson()[0], Panel::Training);
        for lab in LABS {
            let l = lab.lesson();
            assert!(
                l.len() <= 3,
                "three flex orders between the intro and the rest"
            );
            for (i, p) in l.iter().enumerate() {
                assert!(!l[..i].contains(p), "{} twice in {}", p.name(), lab.name());
            }
        }
        let names: Vec<&str> = Panel::ALL.iter().map(|p| p.name()).collect();
        assert_eq!(names, ["training", "check", "network", "inside"]);
    }
}
