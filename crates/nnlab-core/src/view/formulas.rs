//! The formulas of what is running, as MathML the browser renders (no math
//! library): the cost with its L2 term, the update, the initialization with
//! its scale, inverted dropout, the gradient check's difference. Numbers
//! come from the current configuration (λ, α, keep, scale, ε), written by
//! `format`; the markup holds nothing taken verbatim from a link.

use crate::config::{Config, InitKind};
use crate::format::fmt_plain;
use crate::i18n::text;
use crate::model::output::Problem;

/// One formula: a short title and its `<math>` element.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "camelCase")
)]
pub struct Formula {
    /// What it is (cost, update, initialization, dropout, gradient check), in
    /// words of the current language.
    pub title: String,
    /// A `<math display="block">` element.
    pub mathml: String,
}

fn math(body: &str) -> String {
    format!(r#"<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">{body}</math>"#)
}

/// `<mn>` of a configuration number.
fn num(v: f64) -> String {
    format!("<mn>{}</mn>", fmt_plain(v))
}

/// `W^[l]`-style: `base` with the layer superscript `[l]`.
fn layer(base: &str) -> String {
    format!("<msup><mi>{base}</mi><mrow><mo>[</mo><mi>l</mi><mo>]</mo></mrow></msup>")
}

const FRAC_1_M: &str = "<mfrac><mn>1</mn><mi>m</mi></mfrac>";

/// The cross-entropy sum `Σ_i [y ln a + (1 − y) ln(1 − a)]`.
const CROSS_ENTROPY: &str = "<munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>m</mi></munderover>\
<mo>[</mo><msup><mi>y</mi><mrow><mo>(</mo><mi>i</mi><mo>)</mo></mrow></msup><mi>ln</mi><msup><mi>a</mi><mrow><mo>(</mo><mi>i</mi><mo>)</mo></mrow></msup>\
<mo>+</mo><mo>(</mo><mn>1</mn><mo>−</mo><msup><mi>y</mi><mrow><mo>(</mo><mi>i</mi><mo>)</mo></mrow></msup><mo>)</mo><mi>ln</mi>\
<mo>(</mo><mn>1</mn><mo>−</mo><msup><mi>a</mi><mrow><mo>(</mo><mi>i</mi><mo>)</mo></mrow></msup><mo>)</mo><mo>]</mo>";

const FRAC_1_2M: &str = "<mfrac><mn>1</mn><mrow><mn>2</mn><mi>m</mi></mrow></mfrac>";

/// Regression's sum `Σ_i (a − y)²`.
const SQUARED_ERROR: &str = "<munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>m</mi></munderover>\
<msup><mrow><mo>(</mo><msup><mi>a</mi><mrow><mo>(</mo><mi>i</mi><mo>)</mo></mrow></msup><mo>−</mo>\
<msup><mi>y</mi><mrow><mo>(</mo><mi>i</mi><mo>)</mo></mrow></msup><mo>)</mo></mrow><mn>2</mn></msup>";

/// `randn(n[l], n[l−1])`: the course's normal draws of one weight matrix.
const RANDN: &str = "<mtext>randn</mtext><mo>(</mo><msup><mi>n</mi><mrow><mo>[</mo><mi>l</mi><mo>]</mo></mrow></msup><mo>,</mo>\
<msup><mi>n</mi><mrow><mo>[</mo><mi>l</mi><mo>−</mo><mn>1</mn><mo>]</mo></mrow></msup><mo>)</mo>";

/// The formulas for `config` (dropout only when it is on; the cost's L2
/// term only when `λ > 0`).
pub fn formulas(config: &Config) -> Vec<Formula> {
    let mut cost = match config.problem {
        Problem::Classification => {
            format!("<mi>J</mi><mo>=</mo><mo>−</mo>{FRAC_1_M}{CROSS_ENTROPY}")
        }
        Problem::Regression => format!("<mi>J</mi><mo>=</mo>{FRAC_1_2M}{SQUARED_ERROR}"),
    };
    if config.lambda > 0.0 {
        cost += &format!(
            "<mo>+</mo><mfrac>{}<mrow><mn>2</mn><mi>m</mi></mrow></mfrac><munder><mo>∑</mo><mi>l</mi></munder>\
<msubsup><mrow><mo>‖</mo>{}<mo>‖</mo></mrow><mi>F</mi><mn>2</mn></msubsup>",
            num(config.lambda),
            layer("W")
        );
    }
    let update = format!(
        "{w}<mo>:=</mo>{w}<mo>−</mo>{alpha}<mo>·</mo><mi>d</mi>{w}<mo>,</mo><mspace width=\"1em\"/>{b}<mo>:=</mo>{b}<mo>−</mo>{alpha}<mo>·</mo><mi>d</mi>{b}",
        w = layer("W"),
        b = layer("b"),
        alpha = num(config.lr)
    );
    let root = |top: &str| {
        format!(
            "<msqrt><mfrac><mn>{top}</mn><msup><mi>n</mi><mrow><mo>[</mo><mi>l</mi><mo>−</mo><mn>1</mn><mo>]</mo></mrow></msup></mfrac></msqrt>"
        )
    };
    let init_rhs = match config.init {
        InitKind::Zeros => "<mn>0</mn>".to_string(),
        InitKind::Random => format!("{RANDN}<mo>×</mo>{}", num(config.scale)),
        InitKind::Xavier => format!("{RANDN}<mo>×</mo>{}", root("1")),
        InitKind::He => format!("{RANDN}<mo>×</mo>{}", root("2")),
        InitKind::Case => format!("<mtext>{}</mtext>", text("formula-case", &[])),
    };
    let mut out = vec![
        Formula {
            title: text("formula-cost", &[]),
            mathml: math(&cost),
        },
        Formula {
            title: text("formula-update", &[]),
            mathml: math(&update),
        },
        Formula {
            title: text("formula-init", &[]),
            mathml: math(&format!(
                "{}<mo>=</mo>{init_rhs}<mo>,</mo><mspace width=\"1em\"/>{}<mo>=</mo><mn>0</mn>",
                layer("W"),
                layer("b")
            )),
        },
    ];
    if config.dropout_on() {
        out.push(Formula {
            title: text("formula-dropout", &[]),
            mathml: math(&format!(
                "{d}<mo>=</mo><mo>(</mo><mtext>rand</mtext><mo>&lt;</mo>{keep}<mo>)</mo><mo>,</mo><mspace width=\"1em\"/>\
{a}<mo>:=</mo><mfrac><mrow>{a}<mo>⊙</mo>{d}</mrow>{keep}</mfrac>",
                d = layer("D"),
                a = layer("A"),
                keep = num(config.keep)
            )),
        });
    }
    out.push(Formula {
        title: text("formula-gradcheck", &[]),
        mathml: math(&format!(
            "<mi>dθ</mi><msub><mi></mi><mtext>approx</mtext></msub><mo>=</mo><mfrac><mrow><mi>J</mi><mo>(</mo><mi>θ</mi><mo>+</mo>{eps}<mo>)</mo><mo>−</mo>\
<mi>J</mi><mo>(</mo><mi>θ</mi><mo>−</mo>{eps}<mo>)</mo></mrow><mrow><mn>2</mn><mo>·</mo>{eps}</mrow></mfrac><mo>,</mo><mspace width=\"1em\"/>\
<mtext>{difference}</mtext><mo>=</mo><mfrac><msub><mrow><mo>‖</mo><mi>dθ</mi><mo>−</mo><mi>dθ</mi><msub><mi></mi><mtext>approx</mtext></msub><mo>‖</mo></mrow><mn>2</mn></msub>\
<mrow><msub><mrow><mo>‖</mo><mi>dθ</mi><mo>‖</mo></mrow><mn>2</mn></msub><mo>+</mo><msub><mrow><mo>‖</mo><mi>dθ</mi><msub><mi></mi><mtext>approx</mtext></msub><mo>‖</mo></mrow><mn>2</mn></msub></mrow></mfrac>",
            eps = num(config.eps),
            difference = text("formula-difference", &[])
        )),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Preset;

    fn titles(p: Preset) -> Vec<String> {
        formulas(&p.config())
            .iter()
            .map(|f| f.title.clone())
            .collect()
    }

    /// The values follow the keys; each formula is one balanced `<math>`.
    #[test]
    fn formulas_follow_the_configuration() {
        assert_eq!(
            titles(Preset::RegNone),
            ["cost", "update", "initialization", "gradient check"]
        );
        assert_eq!(titles(Preset::RegDropout)[3], "dropout");
        let l2 = formulas(&Preset::RegL2.config());
        assert!(l2[0].mathml.contains("<mn>0.7</mn>"), "λ = 0.7");
        assert!(!formulas(&Preset::RegNone.config())[0]
            .mathml
            .contains("<mn>0.7</mn>"));
        assert!(l2[1].mathml.contains("<mn>0.3</mn>"), "α = 0.3");
        let drop = formulas(&Preset::RegDropout.config());
        assert!(drop[3].mathml.contains("<mn>0.86</mn>"));
        let large = formulas(&Preset::InitRandom.config());
        assert!(large[2].mathml.contains("<mo>×</mo><mn>10</mn>"));
        let he = formulas(&Preset::InitHe.config());
        assert!(he[2].mathml.contains("<mn>2</mn>") && he[2].mathml.contains("msqrt"));
        assert!(formulas(&Preset::InitZeros.config())[2]
            .mathml
            .contains("<mo>=</mo><mn>0</mn><mo>,"));
        let regression = Config {
            data: crate::config::DataKind::Plane,
            problem: Problem::Regression,
            ..Config::default()
        };
        let cost = &formulas(&regression)[0].mathml;
        assert!(cost.contains("<mn>2</mn><mi>m</mi>") && !cost.contains("<mi>ln</mi>"));
        let eps = Config {
            eps: 1e-5,
            ..Preset::Gradcheck.config()
        };
        assert!(formulas(&eps)
            .last()
            .unwrap()
            .mathml
            .contains("<mn>1e-05</mn>"));
        for p in Preset::ALL {
            for f in formulas(&p.config()) {
                let m = &f.mathml;
                assert!(m.starts_with("<math ") && m.ends_with("</math>"));
                for tag in [
                    "mrow",
                    "mfrac",
                    "msup",
                    "msub",
                    "msqrt",
                    "munderover",
                    "munder",
                    "msubsup",
                ] {
                    let opened = m.matches(&format!("<{tag}>")).count();
                    assert_eq!(
                        opened,
                        m.matches(&format!("</{tag}>")).count(),
                        "{tag} in {}",
                        f.title
                    );
                }
            }
        }
    }
}
