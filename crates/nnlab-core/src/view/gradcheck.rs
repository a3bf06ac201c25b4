//! The gradient-check panel's data: a [`Diagnosis`] with its numbers
//! formatted and its colours chosen, plus one array per entry. The web crate
//! hands it to `www/js/gradcheck.js` as is.

use super::heat::{css, heat_color, legend, LegendStop};
use crate::format::{fmt_py, fmt_sci, fmt_short};
use crate::run::gradcheck::diagnosis::{
    CourseNumber, COURSE_DIFFERENCE_BUGS, COURSE_DIFFERENCE_CORRECT, COURSE_EPSILON,
};
use crate::run::gradcheck::{Diagnosis, OneD, OLD_THRESHOLD, THRESHOLD};
use crate::tr;

/// One parameter matrix (see [`crate::run::gradcheck::ParamDiagnosis`]).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct ParamView {
    pub name: String,
    pub rows: usize,
    pub cols: usize,
    /// Index of its first entry in the entry arrays; it has `rows · cols`.
    pub offset: usize,
    pub worst: f64,
    pub worst_text: String,
    pub difference: f64,
    pub difference_text: String,
    pub share: f64,
    pub suspect: bool,
    /// The heat colour of its worst entry (`rgb(…)`).
    pub color: String,
}

/// A number the course prints, beside the live one.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct CourseView {
    pub label: String,
    pub value: f64,
    pub text: String,
    /// Leading digits the live number shares with it.
    pub digits: u32,
    /// `course (<label>): <text> · identical` or `· agrees to N significant digits`.
    pub summary: String,
}

impl From<&CourseNumber> for CourseView {
    fn from(c: &CourseNumber) -> Self {
        let text = fmt_py(c.value);
        let agree = if c.digits >= 17 {
            crate::i18n::text("course-identical", &[])
        } else {
            tr!("course-agrees", digits = c.digits)
        };
        CourseView {
            label: c.label.clone(),
            value: c.value,
            summary: tr!(
                "course-summary",
                label = c.label,
                value = text,
                agree = agree
            ),
            text,
            digits: c.digits,
        }
    }
}

/// The 1-D check.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct OneDView {
    pub x: f64,
    pub theta: f64,
    pub epsilon: f64,
    pub epsilon_text: String,
    pub difference: f64,
    pub difference_text: String,
    pub passes: bool,
    pub course: Option<CourseView>,
    /// One sentence: the function, x, θ, ε, the difference and the course's.
    pub summary: String,
}

impl From<&OneD> for OneDView {
    fn from(d: &OneD) -> Self {
        let course = d
            .course
            .as_ref()
            .map(|c| tr!("one-d-course", value = fmt_py(c.value)))
            .unwrap_or_default();
        OneDView {
            summary: tr!(
                "one-d-summary",
                x = d.x,
                theta = d.theta,
                eps = fmt_py(d.epsilon),
                difference = fmt_py(d.difference),
                course = course
            ),
            x: d.x,
            theta: d.theta,
            epsilon: d.epsilon,
            epsilon_text: fmt_py(d.epsilon),
            difference: d.difference,
            difference_text: fmt_py(d.difference),
            passes: d.passes(),
            course: d.course.as_ref().map(CourseView::from),
        }
    }
}

/// Everything the gradient-check panel shows, except the per-entry arrays.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct GradcheckView {
    pub difference: f64,
    pub difference_text: String,
    pub threshold: f64,
    pub threshold_text: String,
    pub old_threshold: f64,
    pub old_threshold_text: String,
    pub passes: bool,
    pub passes_old: bool,
    /// [`crate::run::gradcheck::Verdict::name`].
    pub verdict: &'static str,
    pub verdict_text: String,
    pub epsilon: f64,
    pub epsilon_text: String,
    pub cost: f64,
    pub cost_text: String,
    /// Examples the check used.
    pub examples: usize,
    pub iteration: u64,
    /// `47 parameters · 3 training examples · cost J(θ) = 1.2 · iteration 0`.
    pub summary: String,
    pub bugs: Vec<&'static str>,
    pub params: Vec<ParamView>,
    /// Names of the parameters whose gradient is wrong.
    pub suspects: Vec<String>,
    pub course: Option<CourseView>,
    /// The course's number beside the live one (its `summary`), or where
    /// the course prints its numbers when this case has none.
    pub course_text: String,
    pub one_d: OneDView,
    pub legend: Vec<LegendStop>,
    /// One per entry (scalar parameter), in parameter-list order.
    pub entries: Vec<EntryView>,
}

/// One row of the panel's table: an entry's name, its gradients and relative
/// error ([`fmt_sci`]) and its heat colour (`rgb(…)`).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct EntryView {
    /// `W1[0,0]`.
    pub label: String,
    pub analytic: String,
    pub numerical: String,
    pub relative_error: String,
    pub color: String,
}

/// The per-entry arrays: analytic, numerical, relative error, RGBA colours.
#[derive(Clone, Debug, PartialEq)]
pub struct GradcheckArrays {
    pub analytic: Vec<f64>,
    pub numerical: Vec<f64>,
    pub relative_error: Vec<f64>,
    pub colors: Vec<u8>,
}

/// The panel's data for `d`.
pub fn gradcheck_view(d: &Diagnosis) -> (GradcheckView, GradcheckArrays) {
    let r = &d.report;
    let params = d
        .params
        .iter()
        .map(|p| ParamView {
            name: p.name.clone(),
            rows: p.rows,
            cols: p.cols,
            offset: p.offset,
            worst: p.worst,
            worst_text: fmt_short(p.worst),
            difference: p.difference,
            difference_text: fmt_short(p.difference),
            share: p.share,
            suspect: p.suspect,
            color: css(heat_color(p.worst)),
        })
        .collect();
    let n = r.entries.len();
    let mut arrays = GradcheckArrays {
        analytic: Vec::with_capacity(n),
        numerical: Vec::with_capacity(n),
        relative_error: Vec::with_capacity(n),
        colors: Vec::with_capacity(4 * n),
    };
    let mut entries = Vec::with_capacity(n);
    for e in &r.entries {
        arrays.analytic.push(e.analytic);
        arrays.numerical.push(e.numerical);
        arrays.relative_error.push(e.relative_error);
        let heat = heat_color(e.relative_error);
        arrays
            .colors
            .extend_from_slice(&[heat[0], heat[1], heat[2], 255]);
        entries.push(EntryView {
            label: e.label(),
            analytic: fmt_sci(e.analytic, 6),
            numerical: fmt_sci(e.numerical, 6),
            relative_error: fmt_sci(e.relative_error, 6),
            color: css(heat),
        });
    }
    let course = d.course.as_ref().map(CourseView::from);
    let course_text = match &course {
        Some(c) => c.summary.clone(),
        None => tr!(
            "course-elsewhere",
            correct = fmt_py(COURSE_DIFFERENCE_CORRECT),
            bugs = fmt_py(COURSE_DIFFERENCE_BUGS),
            eps = fmt_py(COURSE_EPSILON)
        ),
    };
    let view = GradcheckView {
        difference: r.difference,
        difference_text: fmt_py(r.difference),
        threshold: THRESHOLD,
        threshold_text: fmt_py(THRESHOLD),
        old_threshold: OLD_THRESHOLD,
        old_threshold_text: fmt_py(OLD_THRESHOLD),
        passes: d.passes(),
        passes_old: d.passes_old(),
        verdict: d.verdict.name(),
        verdict_text: d.verdict_text(),
        epsilon: r.epsilon,
        epsilon_text: fmt_py(r.epsilon),
        cost: r.cost,
        cost_text: fmt_py(r.cost),
        summary: tr!(
            if d.examples == 1 {
                "gc-summary-one"
            } else {
                "gc-summary"
            },
            n = n,
            examples = d.examples,
            cost = fmt_py(r.cost),
            iteration = d.iteration
        ),
        examples: d.examples,
        iteration: d.iteration,
        bugs: d.bugs.clone(),
        params,
        suspects: d.suspects.clone(),
        course,
        course_text,
        one_d: OneDView::from(&d.one_d),
        legend: legend(),
        entries,
    };
    (view, arrays)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::link;
    use crate::run::gradcheck::diagnose;
    use crate::view::heat::EXACT;
    use crate::Trainer;

    fn check(q: &str) -> (GradcheckView, GradcheckArrays) {
        let t = Trainer::new(link::parse(q).unwrap().config).unwrap();
        gradcheck_view(&diagnose(&t).unwrap())
    }

    #[test]
    fn the_course_case_passes_the_new_threshold_only() {
        let (d, a) = check("preset=gradcheck");
        assert!(d.passes && !d.passes_old, "{}", d.difference);
        assert_eq!(d.verdict, "round-off");
        assert!(d.suspects.is_empty(), "{:?}", d.suspects);
        let course = d.course.as_ref().unwrap();
        assert_eq!(course.text, "1.1890913024229996e-07");
        assert!(course.digits >= 9, "{} digits", course.digits);
        assert_eq!(a.analytic.len(), 47);
        assert_eq!(a.colors.len(), 4 * 47);
        assert_eq!(d.entries.len(), 47);
        assert_eq!(
            d.summary,
            format!(
                "47 parameters · 3 training examples · cost J(θ) = {} · iteration 0",
                d.cost_text
            )
        );
        assert_eq!(d.entries[0].label, "W1[0,0]");
        let e = &d.entries[0];
        assert_eq!(e.analytic, fmt_sci(a.analytic[0], 6));
        assert_eq!(e.relative_error, fmt_sci(a.relative_error[0], 6));
        assert!(e.numerical.contains("e-") || e.numerical.contains("e+") || e.numerical == "0");
        assert_eq!(e.color, css(heat_color(a.relative_error[0])));
        assert!(
            d.course_text
                .starts_with("course (correct backprop): 1.1890913024229996e-07 · agrees to "),
            "{}",
            d.course_text
        );
        let names: Vec<&str> = d.params.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["W1", "b1", "W2", "b2", "W3", "b3"]);
        assert_eq!(d.threshold_text, "2e-07");
        assert_eq!(d.old_threshold_text, "1e-07");
        assert_eq!(d.one_d.difference_text, "2.919335883291695e-10");
        assert_eq!(d.one_d.course.as_ref().unwrap().digits, 17);
        assert_eq!(
            d.one_d.course.as_ref().unwrap().summary,
            "course (the course's 1-D check): 2.919335883291695e-10 · identical"
        );
        assert!(
            d.one_d.summary.starts_with(
                "J(θ) = θ·x with x = 2, θ = 4, ε = 1e-07: difference 2.919335883291695e-10 (course: 2.919335883291695e-10)."
            ),
            "{}",
            d.one_d.summary
        );
        assert_eq!(d.legend.len(), 7);
    }

    #[test]
    fn planted_bugs_light_up_exactly_w2_and_b1() {
        let (d, a) = check("preset=gradcheck&bugs=w2,b1");
        assert!(!d.passes);
        assert_eq!(d.verdict, "fail");
        assert_eq!(d.suspects, ["b1", "W2"]);
        assert!(d.verdict_text.contains("b1 and W2"), "{}", d.verdict_text);
        let course = d.course.as_ref().unwrap();
        assert_eq!(course.text, "0.2850931567761623");
        assert!(course.digits >= 12, "{} digits", course.digits);
        // Every cell of W2 is orange-ish (or exact: both 0 behind a dead
        // ReLU); no cell outside W2 and b1 is.
        for p in &d.params {
            for k in p.offset..p.offset + p.rows * p.cols {
                let rgb = &a.colors[4 * k..4 * k + 3];
                let orange = rgb[0] > 200 && rgb[2] < 120;
                if p.name == "W2" {
                    assert!(orange || rgb == EXACT, "{} cell {k}: {rgb:?}", p.name);
                } else if p.name != "b1" {
                    assert!(!orange, "{} cell {k}: {rgb:?}", p.name);
                }
            }
        }
        let (one, _) = check("preset=gradcheck&bugs=w2");
        assert_eq!(one.suspects, ["W2"]);
        assert!(
            one.course.is_none(),
            "the course prints no single-bug number"
        );
        assert!(
            one.course_text.starts_with(
                "The course prints 1.1890913024229996e-07 (correct backprop) and 0.2850931567761623 (both bugs)"
            ),
            "{}",
            one.course_text
        );
    }

    #[test]
    fn epsilon_trades_truncation_for_round_off() {
        let at = |eps: &str| check(&format!("preset=gradcheck&eps={eps}")).0.difference;
        let (big, mid, tiny) = (at("1e-3"), at("1e-7"), at("1e-11"));
        assert!(tiny > 1e-4, "round-off dominates at 1e-11: {tiny}");
        assert!(mid < 2e-7);
        assert!(big < 1e-6, "{big}");
        assert!(OneD::at(1e-11).difference > OneD::at(1e-7).difference);
    }
}
