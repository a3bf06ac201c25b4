//! What a gradient check says, decided once for the page and the command
//! line: per-parameter errors, their shares of the difference, which
//! parameters are wrong ([`Diagnosis::suspects`]), the verdict and its text,
//! the course's numbers beside the live ones, and the 1-D warm-up.

use super::{norm, Report, OLD_THRESHOLD, THRESHOLD};
use crate::config::error::ConfigError;
use crate::config::DataKind;
use crate::format::{agreeing_digits, fmt_py};
use crate::i18n::text;
use crate::model::network::Network;
use crate::run::trainer::{Trainer, GRADCHECK_MAX_EXAMPLES};
use crate::tr;

/// The course's printed differences for its gradient-check case (ε = 1e-7).
pub const COURSE_DIFFERENCE_CORRECT: f64 = 1.1890913024229996e-07;
pub const COURSE_DIFFERENCE_BUGS: f64 = 0.2850931567761623;
/// The course's 1-D check: `J(θ) = θ·x` at `x = 2`, `θ = 4`, ε = 1e-7.
pub const COURSE_DIFFERENCE_1D: f64 = 2.919335883291695e-10;
pub const ONE_D_X: f64 = 2.0;
pub const ONE_D_THETA: f64 = 4.0;
/// The course's ε.
pub const COURSE_EPSILON: f64 = 1e-7;

/// A parameter is suspect (its backprop gradient is wrong) when all three
/// hold:
///
/// 1. its **share** of the difference, `‖a_p − n_p‖ / (‖grad‖ + ‖gradapprox‖)`
///    over its entries, is above [`THRESHOLD`]: the difference is the root
///    of the sum of the squared shares, so this parameter alone fails the
///    check (a tiny gradient's large relative error does not count);
/// 2. its **own difference**, `‖a_p − n_p‖ / (‖a_p‖ + ‖n_p‖)`, is above
///    `SUSPECT`: its gradient is off by a sizeable part of itself. A
///    gradient scaled by `k` has `|k − 1| / (k + 1)`: 1/3 for the course's
///    `dW2 × 2`, 3/5 for its `db1 × 4`, 1 for a sign error; above 0.2 means
///    `k > 1.5` or `k < 2/3`. Round-off and truncation at a poor ε fail the
///    check too, but spread over every parameter, each a small part of its
///    gradient (on the course's case: at most 3.3e-7 at ε = 1e-7, 0.007
///    at 1e-11, 0.085 at 1e-12);
/// 3. its largest entry error is above round-off's floor,
///    [`ROUND_OFF_ULPS`]` · f64::EPSILON · |J| / ε` (with all-zero weights
///    every analytic gradient is 0 and one numerical one is a last-bit
///    difference of `J`, which rules 1 and 2 would blame).
///
/// Checked on every preset at iterations 0, 100 and 1000, ε from 1e-12 to
/// 1e-3, with and without `bugs=w2,b1`: exactly `b1` and `W2` with the bugs
/// (except where zero weights pass no gradient), none without. At
/// `preset=gradcheck`, ε = 1e-7 (per parameter: own difference / share):
/// no bugs W1 1.6e-7/9.7e-8, b1 3.3e-7/6.2e-8, the rest below 2.5e-7/2.2e-8;
/// `w2` W2 0.333/0.173; `b1` b1 0.600/0.254; `w2,b1` b1 0.600/0.237 and W2
/// 0.333/0.158; every other parameter stays below 3.3e-7/8.8e-8.
///
/// Rule 1 alone (the command line's old rule, per entry) blames every
/// parameter at ε = 1e-9; rule 2 alone (the page's old rule, at 1e-3)
/// blames W1, b1 and b3 at ε = 1e-11. A suspect implies a failing check,
/// and a NaN (no measurement) is never a suspect: the verdict is then
/// [`Verdict::Undefined`]. From ε = 1e-2 a step crosses ReLU kinks of a
/// trained network and truncation alone reaches own differences near 1: no
/// rule at one ε can tell that from a bug.
pub const SUSPECT: f64 = 0.2;

/// Rule 3 of [`SUSPECT`]: an error below this many units in the last place
/// of `J`, divided by ε, is round-off (`J(θ ± ε)` are rounded to about
/// `f64::EPSILON·|J|` each; their difference is divided by `2ε`).
pub const ROUND_OFF_ULPS: f64 = 10.0;

/// The check's verdict against the course's two thresholds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Below both thresholds.
    Pass,
    /// Below [`THRESHOLD`], not below [`OLD_THRESHOLD`]: right, flagged by
    /// the old threshold because of round-off.
    RoundOff,
    /// Not below [`THRESHOLD`].
    Fail,
    /// The difference is NaN: the check says nothing (it does not pass).
    Undefined,
}

impl Verdict {
    pub fn of(difference: f64) -> Verdict {
        if difference.is_nan() {
            Verdict::Undefined
        } else if difference < OLD_THRESHOLD {
            Verdict::Pass
        } else if difference < THRESHOLD {
            Verdict::RoundOff
        } else {
            Verdict::Fail
        }
    }

    /// `"pass"` | `"round-off"` | `"fail"` | `"undefined"`.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::RoundOff => "round-off",
            Verdict::Fail => "fail",
            Verdict::Undefined => "undefined",
        }
    }

    /// `PASS` | `FAIL` | `UNDEFINED` (the command line's headline).
    pub fn headline(self) -> &'static str {
        match self {
            Verdict::Pass | Verdict::RoundOff => "PASS",
            Verdict::Fail => "FAIL",
            Verdict::Undefined => "UNDEFINED",
        }
    }

    /// One or two plain sentences about a check with this `difference`
    /// that blames `suspects` (names, in parameter order).
    pub fn text(self, difference: f64, suspects: &[String]) -> String {
        let (d, t, o) = (fmt_py(difference), fmt_py(THRESHOLD), fmt_py(OLD_THRESHOLD));
        let id = match self {
            Verdict::Pass => "verdict-pass",
            Verdict::RoundOff => "verdict-round-off",
            Verdict::Fail if suspects.is_empty() => "verdict-fail-no-suspect",
            Verdict::Fail => "verdict-fail",
            Verdict::Undefined => "verdict-undefined",
        };
        let suspects = suspects.join(&text("verdict-and", &[]));
        tr!(id, d = d, t = t, o = o, suspects = suspects)
    }
}

/// One parameter matrix of the check.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamDiagnosis {
    /// `W1`, `b1`, ...
    pub name: String,
    pub rows: usize,
    pub cols: usize,
    /// Index of its first entry in [`Report::entries`]; it has `rows · cols`.
    pub offset: usize,
    /// Largest relative error of its entries (NaN if one is NaN).
    pub worst: f64,
    /// `‖a_p − n_p‖ / (‖a_p‖ + ‖n_p‖)` over its entries, 0 when both are 0.
    pub difference: f64,
    /// `‖a_p − n_p‖ / (‖grad‖ + ‖gradapprox‖)`: the difference is the root
    /// of the sum of the squares of these.
    pub share: f64,
    /// Its gradient is wrong (see [`SUSPECT`]).
    pub suspect: bool,
}

/// A number the course prints, beside the live one.
#[derive(Clone, Debug, PartialEq)]
pub struct CourseNumber {
    /// "correct backprop" | "both planted bugs" | "the course's 1-D check"
    pub label: String,
    pub value: f64,
    /// Leading digits the live number shares with it ([`agreeing_digits`]).
    pub digits: u32,
}

impl CourseNumber {
    fn beside(label: String, value: f64, live: f64) -> CourseNumber {
        CourseNumber {
            label,
            value,
            digits: agreeing_digits(live, value),
        }
    }
}

/// The course's 1-D check, `J(θ) = θ·x` (gradient `x`) at `x = 2`, `θ = 4`.
#[derive(Clone, Debug, PartialEq)]
pub struct OneD {
    pub x: f64,
    pub theta: f64,
    pub epsilon: f64,
    /// `(J(θ + ε) − J(θ − ε)) / 2ε`.
    pub gradapprox: f64,
    /// `|x − gradapprox| / (|x| + |gradapprox|)`.
    pub difference: f64,
    pub verdict: Verdict,
    /// The course's number, at the course's ε.
    pub course: Option<CourseNumber>,
}

impl OneD {
    /// The check at `eps`.
    pub fn at(eps: f64) -> OneD {
        let gradapprox = super::gradapprox_1d(ONE_D_X, ONE_D_THETA, eps);
        let difference = super::check_1d(ONE_D_X, ONE_D_THETA, eps);
        OneD {
            x: ONE_D_X,
            theta: ONE_D_THETA,
            epsilon: eps,
            gradapprox,
            difference,
            verdict: Verdict::of(difference),
            course: (eps == COURSE_EPSILON).then(|| {
                CourseNumber::beside(text("course-1d", &[]), COURSE_DIFFERENCE_1D, difference)
            }),
        }
    }

    pub fn passes(&self) -> bool {
        self.difference < THRESHOLD
    }

    pub fn verdict_text(&self) -> String {
        self.verdict.text(self.difference, &[])
    }
}

/// Everything a gradient check of a run says; the page and the command line
/// only render it.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnosis {
    /// The numbers: difference, ε, cost and one entry per scalar parameter.
    pub report: Report,
    /// One per parameter matrix, in parameter-list order.
    pub params: Vec<ParamDiagnosis>,
    pub verdict: Verdict,
    /// Names of the suspect parameters, in parameter-list order.
    pub suspects: Vec<String>,
    /// The course's number for this exact case, if it prints one.
    pub course: Option<CourseNumber>,
    /// The 1-D check at the same ε.
    pub one_d: OneD,
    /// The planted bugs: `"w2"`, `"b1"`.
    pub bugs: Vec<&'static str>,
    /// Examples the check used (up to [`GRADCHECK_MAX_EXAMPLES`]).
    pub examples: usize,
    /// The run's iteration when checked.
    pub iteration: u64,
}

/// Checks `trainer`'s current weights and diagnoses the result. Fails (naming
/// `layers`) for networks over the gradient-check limit.
pub fn diagnose(trainer: &Trainer) -> Result<Diagnosis, ConfigError> {
    Ok(Diagnosis::of(trainer, trainer.gradient_check()?))
}

impl Diagnosis {
    /// The diagnosis of `report`, a check of `trainer`'s current weights.
    pub fn of(trainer: &Trainer, report: Report) -> Diagnosis {
        let config = trainer.config();
        let shares = report.shares();
        let round_off = ROUND_OFF_ULPS * f64::EPSILON * report.cost.abs() / report.epsilon;
        let mut params = Vec::new();
        let mut offset = 0;
        for (p, (m, worst)) in trainer
            .network()
            .params()
            .iter()
            .zip(report.worst_per_param())
            .enumerate()
        {
            let range = offset..offset + m.len();
            let entries = &report.entries[range.clone()];
            let error = norm(entries.iter().map(|e| e.analytic - e.numerical));
            let scale = norm(entries.iter().map(|e| e.analytic))
                + norm(entries.iter().map(|e| e.numerical));
            let difference = if scale == 0.0 { 0.0 } else { error / scale };
            let share = norm(shares[range].iter().copied());
            let largest = entries
                .iter()
                .map(|e| (e.analytic - e.numerical).abs())
                .fold(0.0, f64::max);
            params.push(ParamDiagnosis {
                name: Network::param_name(p),
                rows: m.rows(),
                cols: m.cols(),
                offset,
                worst,
                difference,
                share,
                suspect: share > THRESHOLD && difference > SUSPECT && largest > round_off,
            });
            offset += m.len();
        }
        let suspects = params
            .iter()
            .filter(|p| p.suspect)
            .map(|p| p.name.clone())
            .collect();
        let d = report.difference;
        let course_case = config.data == DataKind::Gradcase
            && trainer.iteration() == 0
            && config.eps == COURSE_EPSILON
            && config.lambda == 0.0
            && config.hidden == [5, 3];
        let course = match (course_case, config.bugs.w2, config.bugs.b1) {
            (true, false, false) => Some(("course-correct", COURSE_DIFFERENCE_CORRECT)),
            (true, true, true) => Some(("course-bugs", COURSE_DIFFERENCE_BUGS)),
            _ => None,
        }
        .map(|(label, value)| CourseNumber::beside(text(label, &[]), value, d));
        let bugs = [("w2", config.bugs.w2), ("b1", config.bugs.b1)]
            .into_iter()
            .filter_map(|(name, on)| on.then_some(name))
            .collect();
        Diagnosis {
            params,
            verdict: Verdict::of(d),
            suspects,
            course,
            one_d: OneD::at(config.eps),
            bugs,
            examples: trainer.split().train.len().min(GRADCHECK_MAX_EXAMPLES),
            iteration: trainer.iteration(),
            report,
        }
    }

    pub fn difference(&self) -> f64 {
        self.report.difference
    }

    /// Below [`THRESHOLD`].
    pub fn passes(&self) -> bool {
        self.report.passes(THRESHOLD)
    }

    /// Below [`OLD_THRESHOLD`].
    pub fn passes_old(&self) -> bool {
        self.report.passes(OLD_THRESHOLD)
    }

    /// The verdict in plain sentences; for an undefined one, also why.
    pub fn verdict_text(&self) -> String {
        let text = self.verdict.text(self.difference(), &self.suspects);
        match self.verdict {
            Verdict::Undefined => format!("{text} {}", self.why_nan()),
            _ => text,
        }
    }

    /// Each entry's share of the difference and whether it stands out: its
    /// share alone is above [`THRESHOLD`] and its parameter is a suspect
    /// (the rows a reader should look at first), in entry order.
    pub fn entry_shares(&self) -> Vec<(f64, bool)> {
        self.report
            .shares()
            .into_iter()
            .zip(&self.report.entries)
            .map(|(share, e)| (share, self.params[e.param].suspect && share > THRESHOLD))
            .collect()
    }

    /// The suspect rule and the columns in one paragraph, for readers of
    /// the per-entry table.
    pub fn rule_text() -> String {
        tr!("gc-rule", t = fmt_py(THRESHOLD), s = fmt_py(SUSPECT))
    }

    /// Why the difference is not a number.
    pub fn why_nan(&self) -> String {
        let r = &self.report;
        if !r.cost.is_finite() {
            tr!("nan-cost", cost = fmt_py(r.cost))
        } else if r
            .entries
            .iter()
            .all(|e| e.analytic == 0.0 && e.numerical == 0.0)
        {
            text("nan-zero", &[])
        } else {
            text("nan-gradient", &[])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::link;

    fn diagnosis(q: &str) -> Diagnosis {
        let t = Trainer::new(link::parse(q).unwrap().config).unwrap();
        diagnose(&t).unwrap()
    }

    #[test]
    fn the_four_bug_cases_blame_exactly_the_planted_parameters() {
        for (bugs, want, verdict) in [
            ("", &[][..], Verdict::RoundOff),
            ("&bugs=w2", &["W2"][..], Verdict::Fail),
            ("&bugs=b1", &["b1"][..], Verdict::Fail),
            ("&bugs=w2,b1", &["b1", "W2"][..], Verdict::Fail),
        ] {
            let d = diagnosis(&format!("preset=gradcheck{bugs}"));
            assert_eq!(d.suspects, want, "{bugs}");
            assert_eq!(d.verdict, verdict, "{bugs}");
            // The shares add up (in squares) to the difference.
            let sum: f64 = d.params.iter().map(|p| p.share * p.share).sum();
            assert!((sum.sqrt() / d.difference() - 1.0).abs() < 1e-12, "{bugs}");
            // Rows stand out only inside a suspect, and every suspect has one.
            let rows = d.entry_shares();
            for p in &d.params {
                let mine = &rows[p.offset..p.offset + p.rows * p.cols];
                assert_eq!(
                    mine.iter().any(|&(_, out)| out),
                    p.suspect,
                    "{bugs} {}",
                    p.name
                );
            }
        }
        let d = diagnosis("preset=gradcheck&bugs=w2,b1");
        let by = |n: &str| d.params.iter().find(|p| p.name == n).unwrap().clone();
        assert!((by("W2").difference - 1.0 / 3.0).abs() < 1e-6);
        assert!((by("b1").difference - 0.6).abs() < 1e-6);
        assert!(
            d.verdict_text().contains("b1 and W2"),
            "{}",
            d.verdict_text()
        );
        assert_eq!(d.course.as_ref().unwrap().value, COURSE_DIFFERENCE_BUGS);
        assert!(d.course.unwrap().digits >= 12);
        assert_eq!(d.bugs, ["w2", "b1"]);
    }

    #[test]
    fn the_course_case_passes_the_new_threshold_only() {
        let d = diagnosis("preset=gradcheck");
        assert!(d.passes() && !d.passes_old(), "{}", d.difference());
        let course = d.course.as_ref().unwrap();
        assert_eq!(course.value, COURSE_DIFFERENCE_CORRECT);
        assert!(course.digits >= 9, "{} digits", course.digits);
        let shapes: Vec<_> = d
            .params
            .iter()
            .map(|p| (p.rows, p.cols, p.offset))
            .collect();
        assert_eq!(
            shapes,
            [
                (5, 4, 0),
                (5, 1, 20),
                (3, 5, 25),
                (3, 1, 40),
                (1, 3, 43),
                (1, 1, 46)
            ]
        );
        // b1's own difference is above 2e-7 from round-off alone: not a suspect.
        assert!(d.params[1].difference > THRESHOLD && !d.params[1].suspect);
        assert_eq!(d.one_d.course.as_ref().unwrap().digits, 17);
        assert_eq!(d.examples, 3);
        assert!(diagnosis("preset=gradcheck&bugs=w2").course.is_none());
    }

    #[test]
    fn a_poor_epsilon_fails_without_blaming_a_parameter() {
        for eps in ["1e-12", "1e-11", "1e-9", "1e-3"] {
            let d = diagnosis(&format!("preset=gradcheck&eps={eps}"));
            assert!(d.suspects.is_empty(), "{eps}: {:?}", d.suspects);
            let d = diagnosis(&format!("preset=gradcheck&eps={eps}&bugs=w2,b1"));
            assert_eq!(d.suspects, ["b1", "W2"], "{eps}");
            assert!(d.course.is_none());
        }
        // All-zero weights: one numerical gradient is a last-bit difference.
        let d = diagnosis("preset=init-zeros&eps=1e-11");
        assert_eq!(d.verdict, Verdict::Fail);
        assert!(d.suspects.is_empty(), "{:?}", d.suspects);
        let d = diagnosis("preset=gradcheck&eps=1e-11");
        assert_eq!(d.verdict, Verdict::Fail);
        assert!(d.verdict_text().contains("round-off or truncation"));
    }

    #[test]
    fn an_undefined_difference_blames_nothing_and_says_why() {
        let d = diagnosis("preset=init-zeros");
        assert!(d.difference().is_nan());
        assert_eq!(d.verdict, Verdict::Undefined);
        assert!(d.suspects.is_empty() && !d.passes());
        assert!(d.verdict_text().contains("0/0"), "{}", d.verdict_text());
    }

    #[test]
    fn the_1d_check() {
        let one = OneD::at(COURSE_EPSILON);
        assert_eq!(one.difference, COURSE_DIFFERENCE_1D);
        assert!(one.passes());
        assert_eq!(one.course.unwrap().digits, 17);
        assert!(OneD::at(1e-11).difference > one.difference);
        assert!(OneD::at(1e-4).course.is_none());
    }
}
