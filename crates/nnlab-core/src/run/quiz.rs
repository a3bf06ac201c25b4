//! Guess before reveal (`quiz=1`): what the page asks and what it answers,
//! every sentence here. On a gradient check with planted bugs the student
//! picks the parameters they think have a wrong gradient ([`grade`]
//! against the planted bugs); elsewhere they predict the test accuracy
//! before it is shown ([`prediction`]). [`ClassroomInfo`] is what the page
//! needs of a classroom link, once per link.

use crate::config::classroom::Quiz;
use crate::config::error::ConfigError;
use crate::config::{link, Config, View};
use crate::format::number::read_number;
use crate::format::{fmt_fixed, fmt_percent, fmt_plain};
use crate::model::network::{Accuracy, PlantedBugs};
use crate::numeric::params::ParamList;
use crate::tr;

/// What the page needs of a link's classroom keys.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct ClassroomInfo {
    /// Keys whose controls are read-only, in table order.
    pub locked: Vec<&'static str>,
    /// Keys whose controls are not shown.
    pub hidden: Vec<&'static str>,
    pub task: String,
    /// `"gradients"`, `"accuracy"` or none.
    pub quiz: Option<&'static str>,
    /// The parameter names a gradient quiz offers (`W1`, `b1`, ...).
    pub quiz_params: Vec<String>,
    pub embed: bool,
    /// The same link without `embed` (the "open the full lab" link).
    pub full_query: String,
}

impl ClassroomInfo {
    pub fn of(config: &Config, view: &View) -> ClassroomInfo {
        let c = &view.classroom;
        let layers = config.sizes().len() - 1;
        let mut full = view.clone();
        full.classroom.embed = false;
        ClassroomInfo {
            locked: c.lock.keys(),
            hidden: c.hide.keys(),
            task: c.task.clone(),
            quiz: c.quiz_kind(config).map(Quiz::name),
            quiz_params: (0..2 * layers).map(ParamList::name).collect(),
            embed: c.embed,
            full_query: link::serialize(config, &full),
        }
    }
}

/// The parameters whose gradients the planted bugs make wrong: `W2` for
/// `dW2 × 2`, `b1` for `db1` with `4/m`, in parameter order.
pub fn wrong_gradients(bugs: PlantedBugs) -> Vec<String> {
    let mut wrong = Vec::new();
    if bugs.b1 {
        wrong.push("b1".to_string());
    }
    if bugs.w2 {
        wrong.push("W2".to_string());
    }
    wrong
}

/// The answer to a gradient quiz: a summary, then one sentence per
/// parameter that was picked or is wrong, in `params` order.
pub fn grade(params: &[String], wrong: &[String], picks: &[String]) -> Vec<String> {
    let found = wrong.iter().filter(|w| picks.contains(w)).count();
    let mistaken: Vec<&String> = picks.iter().filter(|p| !wrong.contains(p)).collect();
    let names = mistaken
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let id = match mistaken.len() {
        0 => "quiz-found-none-wrong",
        1 => "quiz-found-one-wrong",
        _ => "quiz-found",
    };
    let mut lines = vec![tr!(
        id,
        found = found,
        wrong = wrong.len(),
        mistaken = mistaken.len(),
        names = names
    )];
    for p in params {
        let (picked, bad) = (picks.contains(p), wrong.contains(p));
        let id = match (picked, bad) {
            (true, true) => "quiz-right",
            (true, false) => "quiz-not-this",
            (false, true) => "quiz-missed",
            (false, false) => continue,
        };
        lines.push(tr!(id, param = p));
    }
    lines
}

/// The answer to an accuracy quiz: the student's `text` (a percentage, 0
/// to 100, `%` allowed) against the test accuracy `test` at `iteration`.
pub fn prediction(text: &str, test: Accuracy, iteration: u64) -> Result<String, ConfigError> {
    let t = text.trim().trim_end_matches('%').trim();
    let guess = read_number(t)
        .filter(|g| (0.0..=100.0).contains(g))
        .ok_or_else(|| ConfigError::Invalid {
            key: "prediction".into(),
            value: text.into(),
            expected: crate::i18n::text("expect-prediction", &[]),
        })?;
    let actual = test.fraction() * 100.0;
    let off = actual - guess;
    let how = if off.abs() < 0.05 {
        crate::i18n::text("quiz-exact", &[])
    } else {
        let id = if off > 0.0 {
            "quiz-higher"
        } else {
            "quiz-lower"
        };
        tr!(id, points = fmt_fixed(off.abs(), 1))
    };
    Ok(tr!(
        "quiz-predicted",
        guess = fmt_plain(guess),
        iteration = iteration,
        actual = fmt_percent(test.fraction()),
        how = how
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn grading_names_every_pick_and_every_miss() {
        let params = names(&["W1", "b1", "W2", "b2", "W3", "b3"]);
        let wrong = wrong_gradients(PlantedBugs { w2: true, b1: true });
        assert_eq!(wrong, ["b1", "W2"]);
        assert_eq!(
            grade(&params, &wrong, &names(&["W2", "W1"])),
            [
                "You found 1 of the 2 wrong gradients, and picked 1 correct one (W1).",
                "W1: not this one, its backprop gradient is right.",
                "b1: missed, its backprop gradient is wrong.",
                "W2: right, its backprop gradient is wrong.",
            ]
        );
        assert_eq!(
            grade(&params, &wrong, &names(&["b1", "W2"]))[0],
            "You found 2 of the 2 wrong gradients and picked no correct one."
        );
    }

    #[test]
    fn predictions_are_percentages() {
        let test = Accuracy {
            correct: 96,
            total: 100,
        };
        assert_eq!(
            prediction("90", test, 15000).unwrap(),
            "You predicted 90%; the test accuracy at iteration 15000 is 96.0% (6.0 points higher)."
        );
        assert!(prediction(" 96 % ", test, 1)
            .unwrap()
            .contains("exactly right"));
        for bad in ["", "abc", "101", "-1", "NaN"] {
            let e = prediction(bad, test, 1).unwrap_err().to_string();
            assert!(e.starts_with(&format!("prediction={bad}:")), "{e}");
        }
    }

    #[test]
    fn the_page_gets_keys_not_groups_and_a_full_link() {
        let p =
            link::parse("preset=gradcheck&bugs=w2&quiz=1&lock=gradcheck&embed=1&task=Hi").unwrap();
        let info = ClassroomInfo::of(&p.config, &p.view);
        assert_eq!(info.locked, ["bugs", "eps"]);
        assert_eq!(info.quiz, Some("gradients"));
        assert_eq!(info.quiz_params, ["W1", "b1", "W2", "b2", "W3", "b3"]);
        assert_eq!(
            info.full_query,
            "preset=gradcheck&bugs=w2&lock=gradcheck&task=Hi&quiz=1"
        );
    }
}
