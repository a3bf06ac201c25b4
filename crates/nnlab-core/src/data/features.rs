//! Input features (`features=` in a link): what the network sees of a
//! point `(x1, x2)` of the plane. Each feature is one input unit, one row
//! of the network's input matrix, in the order the link names them:
//!
//! | name    | value      |
//! | ------- | ---------- |
//! | `x1`    | x1         |
//! | `x2`    | x2         |
//! | `x1sq`  | x1²        |
//! | `x2sq`  | x2²        |
//! | `x1x2`  | x1·x2      |
//! | `sinx1` | sin x1     |
//! | `sinx2` | sin x2     |
//!
//! The default `x1,x2` is the identity: the data's matrix unchanged, bit
//! for bit. With `normalize=1` the features are computed from the
//! normalized coordinates ([`InputMap`]: normalization, then features), for
//! the training and test sets, the decision-region grid and the neuron maps
//! alike.

use crate::data::dataset::Split;
use crate::data::normalize::Normalization;
use crate::numeric::math;
use crate::numeric::matrix::Matrix;
use crate::tr;

/// One input feature of a point `(x1, x2)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feature {
    X1,
    X2,
    X1Sq,
    X2Sq,
    X1X2,
    SinX1,
    SinX2,
}

impl Feature {
    pub const ALL: [Feature; 7] = [
        Feature::X1,
        Feature::X2,
        Feature::X1Sq,
        Feature::X2Sq,
        Feature::X1X2,
        Feature::SinX1,
        Feature::SinX2,
    ];

    /// The link's name.
    pub fn name(self) -> &'static str {
        match self {
            Feature::X1 => "x1",
            Feature::X2 => "x2",
            Feature::X1Sq => "x1sq",
            Feature::X2Sq => "x2sq",
            Feature::X1X2 => "x1x2",
            Feature::SinX1 => "sinx1",
            Feature::SinX2 => "sinx2",
        }
    }

    /// How people read it (the diagram's input labels).
    pub fn label(self) -> &'static str {
        match self {
            Feature::X1 => "x₁",
            Feature::X2 => "x₂",
            Feature::X1Sq => "x₁²",
            Feature::X2Sq => "x₂²",
            Feature::X1X2 => "x₁x₂",
            Feature::SinX1 => "sin x₁",
            Feature::SinX2 => "sin x₂",
        }
    }

    /// The feature's value at `(x1, x2)` (`sin` from libm: the same bits
    /// on every target).
    #[inline]
    pub fn value(self, x1: f64, x2: f64) -> f64 {
        match self {
            Feature::X1 => x1,
            Feature::X2 => x2,
            Feature::X1Sq => x1 * x1,
            Feature::X2Sq => x2 * x2,
            Feature::X1X2 => x1 * x2,
            Feature::SinX1 => math::sin(x1),
            Feature::SinX2 => math::sin(x2),
        }
    }
}

/// The network's inputs: at least one feature, none twice, in link order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Features(Vec<Feature>);

impl Default for Features {
    /// `x1,x2`: the plane's coordinates, the course's inputs.
    fn default() -> Self {
        Features(vec![Feature::X1, Feature::X2])
    }
}

/// Why a `features=` value is refused (the link's message names the key
/// and the value around it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeaturesError {
    Empty,
    Unknown(String),
    Repeated(&'static str),
}

impl std::fmt::Display for FeaturesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = Feature::ALL.iter().map(|f| f.name()).collect();
        let names = names.join(", ");
        let text = match self {
            FeaturesError::Empty => tr!("features-empty", names = names),
            FeaturesError::Unknown(name) => tr!("features-unknown", name = name, names = names),
            FeaturesError::Repeated(name) => tr!("features-repeated", name = name),
        };
        f.write_str(&text)
    }
}

impl Features {
    /// A comma list of feature names (spaces around names are ignored).
    pub fn parse(text: &str) -> Result<Features, FeaturesError> {
        let mut out: Vec<Feature> = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let f = Feature::ALL
                .iter()
                .copied()
                .find(|f| f.name() == part)
                .ok_or_else(|| FeaturesError::Unknown(part.into()))?;
            if out.contains(&f) {
                return Err(FeaturesError::Repeated(f.name()));
            }
            out.push(f);
        }
        if out.is_empty() {
            return Err(FeaturesError::Empty);
        }
        Ok(Features(out))
    }

    /// The link's text: the names, comma-separated.
    pub fn text(&self) -> String {
        let names: Vec<&str> = self.0.iter().map(|f| f.name()).collect();
        names.join(",")
    }

    pub fn list(&self) -> &[Feature] {
        &self.0
    }

    /// Input units: the number of features.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether these are the plane's coordinates `x1,x2` (the data unchanged).
    pub fn is_plane(&self) -> bool {
        *self == Features::default()
    }

    /// `(features, m)` from the points `x` (`(2, m)`): row `r` is feature
    /// `r` of every column. Panics unless `x` has 2 rows.
    pub fn apply(&self, x: &Matrix) -> Matrix {
        assert_eq!(x.rows(), 2, "features: points of the plane");
        let mut out = Matrix::zeros(self.len(), x.cols());
        let (x1, x2) = (x.row(0), x.row(1));
        for (r, f) in self.0.iter().enumerate() {
            for ((o, &a), &b) in out.row_mut(r).iter_mut().zip(x1).zip(x2) {
                *o = f.value(a, b);
            }
        }
        out
    }
}

/// From a point of the plane to the network's input: the training set's
/// normalization (`normalize=1`), then the features. The same map serves
/// both sets and every grid over the plane.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InputMap {
    pub normalization: Option<Normalization>,
    pub features: Features,
}

impl InputMap {
    /// The points `x` (`(2, m)`, the data's units) as the network's input.
    /// With neither normalization nor other features, `x` itself.
    pub fn apply(&self, x: &Matrix) -> Matrix {
        let mut x = x.clone();
        if let Some(norm) = &self.normalization {
            norm.apply(&mut x);
        }
        if self.features.is_plane() {
            x
        } else {
            self.features.apply(&x)
        }
    }

    /// Both sets mapped (labels unchanged).
    pub fn split(&self, split: &Split) -> Split {
        let mut out = split.clone();
        out.train.x = self.apply(&split.train.x);
        out.test.x = self.apply(&split.test.x);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_in_order_and_write_back() {
        let f = Features::parse("x1x2, sinx1,x2sq").unwrap();
        assert_eq!(f.list(), [Feature::X1X2, Feature::SinX1, Feature::X2Sq]);
        assert_eq!(f.text(), "x1x2,sinx1,x2sq");
        assert_eq!(Features::parse("x1,x2").unwrap(), Features::default());
        assert_eq!(Features::parse(""), Err(FeaturesError::Empty));
        assert_eq!(
            Features::parse("x1,x3"),
            Err(FeaturesError::Unknown("x3".into()))
        );
        assert_eq!(
            Features::parse("x1,x2,x1"),
            Err(FeaturesError::Repeated("x1"))
        );
    }

    #[test]
    fn every_feature_is_its_formula() {
        let x = Matrix::from_vec(2, 2, vec![0.5, -2.0, 3.0, 0.25]);
        let all = Features(Feature::ALL.to_vec()).apply(&x);
        let cols = [(0.5, 3.0), (-2.0, 0.25)];
        for (j, (a, b)) in cols.into_iter().enumerate() {
            let want = [a, b, a * a, b * b, a * b, math::sin(a), math::sin(b)];
            for (r, w) in want.into_iter().enumerate() {
                assert_eq!(all.get(r, j), w, "feature {r} of point {j}");
            }
        }
    }

    #[test]
    fn the_plane_is_the_identity_and_normalization_comes_first() {
        let x = Matrix::from_vec(2, 3, vec![0.1, 0.2, 0.3, -1.0, 0.0, 1.0]);
        assert_eq!(InputMap::default().apply(&x), x);
        let norm = Normalization::of(&x);
        let map = InputMap {
            normalization: Some(norm.clone()),
            features: Features::parse("x1x2").unwrap(),
        };
        let mut z = x.clone();
        norm.apply(&mut z);
        let got = map.apply(&x);
        assert_eq!(got.shape(), (1, 3));
        for j in 0..3 {
            assert_eq!(got.get(0, j), z.get(0, j) * z.get(1, j));
        }
    }
}
