//! Own points as they travel in a link (`points=…`): labelled 2-D points,
//! quantized on their bounding box, and how they split into training and
//! test sets.
//!
//! **Quantization** ([`crate::data::quantize`]). Each coordinate is stored
//! as a 16-bit integer `q = round((x − min) / (max − min) · 65535)` over the
//! data's bounding box `[min, max]` (per axis, kept exactly as two `f64`s),
//! and read back as `x = min·(1 − t) + max·t` with `t = q / 65535`. So a
//! point moves by at most `(max − min) / 131070` per axis (plus a few units
//! in the last place), the box's corners are exact, and quantizing the
//! read-back points again gives the same integers: the quantized points are
//! what trains, in the page and the command line alike, and a link
//! reproduces its run bit for bit. Numeric labels (regression) are
//! quantized the same way on their own range ([`Labels`]).
//!
//! **Encoding**, little-endian, in base64url without padding. Version 1
//! (two classes): bytes `[1, flags, n (u16), train (u16), x_min, x_max,
//! y_min, y_max (f64), n × (qx, qy) (u16), labels (one bit a point, first
//! point in the lowest bit), CRC-32 of all before (u32)]`. Version 2
//! (numeric labels): `[2, flags, n, train, x_min, x_max, y_min, y_max,
//! v_min, v_max (f64), n × (qx, qy) (u16), n × qv (u16), CRC-32]`.
//! `flags` bit 0: the split is fixed (the first `train` points train, the
//! rest test); else it is seeded ([`test_flags`]). A changed or cut link
//! fails the length or checksum test. 2 000 points take 8 292 bytes, 11 056
//! characters, with classes; 12 058 bytes, 16 078 characters, with numbers.

use crate::data::checksum::checksum;
use crate::data::dataset::{Dataset, Split};
pub use crate::data::holdout::test_flags_seeded;
use crate::data::labels::{LabelError, Labels};
#[cfg(test)]
use crate::data::quantize::LEVELS;
pub use crate::data::quantize::MAX_MAGNITUDE;
use crate::data::quantize::{self, all_fine, range_fine, too_narrow};
use crate::format::shown;
use crate::i18n::text;
#[cfg(test)]
use crate::numeric::rng::NumpyRng;
use crate::tr;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use std::fmt;

/// The newest encoding version this reads (1: classes, 2: numeric labels).
const NEWEST: u8 = 2;
/// Bytes before the coordinates (and the labels' range) in every version.
const HEADER: usize = 6 + 32;
/// The largest set a link holds.
pub const MAX_COUNT: usize = 2000;

/// A set of labelled points in a link's canonical form (see the module).
#[derive(Clone, Debug, PartialEq)]
pub struct Points {
    /// `[x_min, x_max, y_min, y_max]`.
    bounds: [f64; 4],
    q: Vec<[u16; 2]>,
    labels: Labels,
    /// `Some(k)`: the first `k` points train, the rest test. `None`: split
    /// by `testFrac` and `dataSeed`.
    train: Option<usize>,
}

/// Why points cannot be a data set (or a `points=` value cannot be read).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PointsError {
    /// Not base64url text.
    NotText,
    /// Base64url text that is not whole (cut in the middle of a byte).
    Broken,
    /// Shorter or longer than its header says.
    Length { found: usize, expected: usize },
    /// Written by another version of the encoding.
    Version(u8),
    /// The checksum does not match: the text was changed.
    Checksum,
    /// Fewer than 2 or more than [`MAX_COUNT`] points.
    Count(usize),
    /// A fixed split with an empty training or test set.
    EmptySet(&'static str),
    /// A bound or coordinate that is not finite or too large.
    NotFinite,
    /// An axis spans too little for its magnitude to be quantized.
    Span { axis: &'static str },
    /// Data with another number of features than 2.
    Features(usize),
    /// Numeric labels (or their range in a link) not finite or too large.
    LabelsNotFinite,
    /// A label typed for a new point that is not a finite number.
    Value(String),
}

impl fmt::Display for PointsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PointsError::NotText => f.write_str(&text("points-not-text", &[])),
            PointsError::Broken => f.write_str(&text("points-broken", &[])),
            PointsError::Length { found, expected } => {
                f.write_str(&tr!("points-length", found = found, expected = expected))
            }
            PointsError::Version(v) => {
                f.write_str(&tr!("points-version", version = v, reads = NEWEST))
            }
            PointsError::Checksum => f.write_str(&text("points-checksum", &[])),
            PointsError::Count(n) => f.write_str(&tr!("points-count", n = n, max = MAX_COUNT)),
            PointsError::EmptySet(set) => f.write_str(&text(
                if *set == "training" {
                    "points-no-train"
                } else {
                    "points-no-test"
                },
                &[],
            )),
            PointsError::NotFinite => f.write_str(&text("points-not-finite", &[])),
            PointsError::Span { axis } => f.write_str(&tr!("points-span", axis = axis)),
            PointsError::Features(k) => f.write_str(&tr!("points-features", k = k)),
            PointsError::LabelsNotFinite => f.write_str(&text("points-labels-not-finite", &[])),
            PointsError::Value(v) => f.write_str(&tr!("points-value", value = shown(v))),
        }
    }
}

impl std::error::Error for PointsError {}

impl From<LabelError> for PointsError {
    fn from(e: LabelError) -> Self {
        match e {
            LabelError::NotFinite => PointsError::LabelsNotFinite,
            LabelError::Span => PointsError::Span { axis: "label" },
        }
    }
}

impl Points {
    /// Quantizes `xy` with `labels` (label 1 = `true`). `test` fixes the
    /// split (`true` = test point; the points are reordered training set
    /// first, stable), unless it equals the seeded split of `test_frac` and
    /// `seed`, which then stays implicit (so a file exported from a seeded
    /// link imports as the same link).
    pub fn new(
        xy: &[[f64; 2]],
        labels: &[bool],
        test: Option<&[bool]>,
        test_frac: f64,
        seed: u32,
    ) -> Result<Points, PointsError> {
        assert_eq!(xy.len(), labels.len());
        Points::build(xy, Labels::Classes(labels.to_vec()), test, test_frac, seed)
    }

    /// As [`Points::new`] with labels as numbers (regression's): classes
    /// when every one is 0 or 1, else numbers quantized on their range
    /// ([`Labels::from_numbers`]).
    pub fn with_values(
        xy: &[[f64; 2]],
        labels: &[f64],
        test: Option<&[bool]>,
        test_frac: f64,
        seed: u32,
    ) -> Result<Points, PointsError> {
        assert_eq!(xy.len(), labels.len());
        let n = xy.len();
        if !(2..=MAX_COUNT).contains(&n) {
            return Err(PointsError::Count(n));
        }
        let labels = Labels::from_numbers(labels)?;
        Points::build(xy, labels, test, test_frac, seed)
    }

    fn build(
        xy: &[[f64; 2]],
        labels: Labels,
        test: Option<&[bool]>,
        test_frac: f64,
        seed: u32,
    ) -> Result<Points, PointsError> {
        let n = xy.len();
        if !(2..=MAX_COUNT).contains(&n) {
            return Err(PointsError::Count(n));
        }
        if !all_fine(xy.iter().flatten().copied()) {
            return Err(PointsError::NotFinite);
        }
        let mut bounds = [0.0; 4];
        for (a, axis) in ["x1", "x2"].into_iter().enumerate() {
            let range = quantize::range(xy.iter().map(|p| p[a]));
            if too_narrow(range) {
                return Err(PointsError::Span { axis });
            }
            bounds[2 * a..2 * a + 2].copy_from_slice(&range);
        }
        let axis = |a: usize| [bounds[2 * a], bounds[2 * a + 1]];
        let q: Vec<[u16; 2]> = xy
            .iter()
            .map(|p| {
                [
                    quantize::quantize(p[0], axis(0)),
                    quantize::quantize(p[1], axis(1)),
                ]
            })
            .collect();
        if let Some(test) = test {
            if !test.contains(&false) {
                return Err(PointsError::EmptySet("training"));
            }
            if !test.contains(&true) {
                return Err(PointsError::EmptySet("test"));
            }
        }
        let seeded = test_flags_seeded(n, test_frac, seed);
        let points = match test.filter(|t| *t != seeded.as_slice()) {
            None => Points {
                bounds,
                q,
                labels,
                train: None,
            },
            Some(test) => {
                let order: Vec<usize> = (0..n)
                    .filter(|&i| !test[i])
                    .chain((0..n).filter(|&i| test[i]))
                    .collect();
                Points {
                    bounds,
                    q: order.iter().map(|&i| q[i]).collect(),
                    labels: labels.reordered(&order),
                    train: Some(test.iter().filter(|t| !**t).count()),
                }
            }
        };
        points.check_sets()?;
        Ok(points)
    }

    /// The points of a split, training set first (a fixed split).
    pub fn from_split(split: &Split) -> Result<Points, PointsError> {
        let mut xy = Vec::new();
        let mut labels = Vec::new();
        let mut test = Vec::new();
        for (set, is_test) in [(&split.train, false), (&split.test, true)] {
            if set.features() != 2 {
                return Err(PointsError::Features(set.features()));
            }
            for j in 0..set.len() {
                xy.push([set.x.get(0, j), set.x.get(1, j)]);
                labels.push(set.y[j]);
                test.push(is_test);
            }
        }
        Points::with_values(&xy, &labels, Some(&test), f64::NAN, 0)
    }

    fn check_sets(&self) -> Result<(), PointsError> {
        match self.train {
            Some(0) => Err(PointsError::EmptySet("training")),
            Some(k) if k >= self.len() => Err(PointsError::EmptySet("test")),
            _ => Ok(()),
        }
    }

    pub fn len(&self) -> usize {
        self.q.len()
    }

    pub fn is_empty(&self) -> bool {
        self.q.is_empty()
    }

    /// Whether the split is fixed (by a `set` column or an edit).
    pub fn fixed_split(&self) -> bool {
        self.train.is_some()
    }

    /// Point `i` as it trains: `min·(1 − t) + max·t`, `t = q / 65535`.
    pub fn xy(&self, i: usize) -> [f64; 2] {
        let axis = |a: usize| [self.bounds[2 * a], self.bounds[2 * a + 1]];
        [
            quantize::value(self.q[i][0], axis(0)),
            quantize::value(self.q[i][1], axis(1)),
        ]
    }

    /// Label of point `i` as it trains: 0 or 1, or its (quantized) number.
    pub fn label(&self, i: usize) -> f64 {
        self.labels.get(i)
    }

    /// `[min, max]` of the labels when they are numbers (not two classes).
    pub fn value_range(&self) -> Option<[f64; 2]> {
        match &self.labels {
            Labels::Values { range, .. } => Some(*range),
            Labels::Classes(_) => None,
        }
    }

    /// Which points are test points: the fixed split's, or the seeded one
    /// ([`test_flags_seeded`]).
    pub fn test_flags(&self, test_frac: f64, seed: u32) -> Vec<bool> {
        match self.train {
            Some(k) => (0..self.len()).map(|i| i >= k).collect(),
            None => test_flags_seeded(self.len(), test_frac, seed),
        }
    }

    /// Every point as `(xy, label, test)`, in the link's order.
    pub fn rows(
        &self,
        test_frac: f64,
        seed: u32,
    ) -> impl Iterator<Item = ([f64; 2], f64, bool)> + '_ {
        let test = self.test_flags(test_frac, seed);
        (0..self.len()).map(move |i| (self.xy(i), self.label(i), test[i]))
    }

    /// The training and test sets, each in the link's order.
    pub fn split(&self, test_frac: f64, seed: u32) -> Split {
        let rows: Vec<_> = self.rows(test_frac, seed).collect();
        let set = |want: bool| {
            let (xy, y): (Vec<[f64; 2]>, Vec<f64>) = rows
                .iter()
                .filter(|r| r.2 == want)
                .map(|r| (r.0, r.1))
                .unzip();
            Dataset::from_points(&xy, &y)
        };
        Split {
            train: set(false),
            test: set(true),
        }
    }

    /// The link text (see the module's encoding).
    pub fn encode(&self) -> String {
        let n = self.len();
        let version = self.labels.version();
        let mut b = Vec::with_capacity(
            HEADER + Labels::range_bytes(version) + 4 * n + Labels::body_bytes(version, n) + 4,
        );
        b.push(version);
        b.push(u8::from(self.train.is_some()));
        b.extend_from_slice(&(n as u16).to_le_bytes());
        b.extend_from_slice(&(self.train.unwrap_or(0) as u16).to_le_bytes());
        for v in self.bounds {
            b.extend_from_slice(&v.to_le_bytes());
        }
        self.labels.write_range(&mut b);
        for q in &self.q {
            b.extend_from_slice(&q[0].to_le_bytes());
            b.extend_from_slice(&q[1].to_le_bytes());
        }
        self.labels.write_body(&mut b);
        let crc = checksum(&b);
        b.extend_from_slice(&crc.to_le_bytes());
        URL_SAFE_NO_PAD.encode(b)
    }

    /// Reads a link's text; any change or cut is an error.
    pub fn decode(text: &str) -> Result<Points, PointsError> {
        let text = text.trim();
        let b = URL_SAFE_NO_PAD.decode(text).map_err(|_| {
            let alphabet = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
            if text.chars().all(alphabet) {
                PointsError::Broken
            } else {
                PointsError::NotText
            }
        })?;
        if b.len() < HEADER + 4 {
            return Err(PointsError::Length {
                found: b.len(),
                expected: HEADER + 4,
            });
        }
        let version = b[0];
        if !(1..=NEWEST).contains(&version) {
            return Err(PointsError::Version(version));
        }
        let u16_at = |i: usize| usize::from(u16::from_le_bytes([b[i], b[i + 1]]));
        let n = u16_at(2);
        let start = HEADER + Labels::range_bytes(version);
        let expected = start + 4 * n + Labels::body_bytes(version, n) + 4;
        if b.len() != expected {
            return Err(PointsError::Length {
                found: b.len(),
                expected,
            });
        }
        let (body, crc) = b.split_at(expected - 4);
        if checksum(body).to_le_bytes() != crc {
            return Err(PointsError::Checksum);
        }
        if !(2..=MAX_COUNT).contains(&n) {
            return Err(PointsError::Count(n));
        }
        let mut bounds = [0.0; 4];
        for (k, v) in bounds.iter_mut().enumerate() {
            let at = 6 + 8 * k;
            *v = f64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"));
        }
        if !(range_fine([bounds[0], bounds[1]]) && range_fine([bounds[2], bounds[3]])) {
            return Err(PointsError::NotFinite);
        }
        let q = (0..n)
            .map(|i| {
                [
                    u16_at(start + 4 * i) as u16,
                    u16_at(start + 4 * i + 2) as u16,
                ]
            })
            .collect();
        let labels = Labels::read(
            version,
            n,
            &b[HEADER..start],
            &b[start + 4 * n..expected - 4],
        )?;
        let points = Points {
            bounds,
            q,
            labels,
            train: (b[1] & 1 == 1).then(|| u16_at(4)),
        };
        points.check_sets()?;
        Ok(points)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample(n: usize) -> (Vec<[f64; 2]>, Vec<bool>) {
        let mut rng = NumpyRng::new(7);
        let xy = (0..n)
            .map(|_| [rng.rand() * 1000.0 - 3.0, rng.randn() * 0.01])
            .collect();
        let labels = (0..n).map(|i| i % 3 == 0).collect();
        (xy, labels)
    }

    #[test]
    fn two_thousand_points_fit_in_11056_characters_and_round_trip() {
        let (xy, labels) = sample(MAX_COUNT);
        let p = Points::new(&xy, &labels, None, 0.25, 1).unwrap();
        let text = p.encode();
        assert_eq!(text.len(), 11056);
        let back = Points::decode(&text).unwrap();
        assert_eq!(back, p);
        // Precision: half a step of the box per axis, the corners exact.
        for (i, orig) in xy.iter().enumerate() {
            let got = back.xy(i);
            for a in 0..2 {
                let step = (p.bounds[2 * a + 1] - p.bounds[2 * a]) / LEVELS;
                assert!(
                    (got[a] - orig[a]).abs() <= step * 0.5 * (1.0 + 1e-9),
                    "{i} {a}"
                );
            }
        }
        let xs: Vec<f64> = (0..MAX_COUNT).map(|i| back.xy(i)[0]).collect();
        assert_eq!(
            xs.iter().copied().fold(f64::INFINITY, f64::min),
            p.bounds[0]
        );
        assert_eq!(
            xs.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            p.bounds[1]
        );
    }

    #[test]
    fn tampering_and_cutting_are_detected() {
        let (xy, labels) = sample(50);
        let text = Points::new(&xy, &labels, None, 0.25, 1).unwrap().encode();
        let err = |t: &str| Points::decode(t).unwrap_err();
        assert!(matches!(
            err(&text[..text.len() - 3]),
            PointsError::Length { .. } | PointsError::Broken
        ));
        assert!(matches!(err(&text[..20]), PointsError::Length { .. }));
        let mut chars: Vec<char> = text.chars().collect();
        let c = chars[100];
        chars[100] = if c == 'A' { 'B' } else { 'A' };
        assert_eq!(
            err(&chars.iter().collect::<String>()),
            PointsError::Checksum
        );
        assert_eq!(err("not base64!"), PointsError::NotText);
        assert_eq!(
            err(""),
            PointsError::Length {
                found: 0,
                expected: 42
            }
        );
        // A well-formed text with infinite bounds, a wrong version, too many points.
        let forge = |edit: &dyn Fn(&mut Vec<u8>)| {
            let mut b = URL_SAFE_NO_PAD.decode(&text).unwrap();
            b.truncate(b.len() - 4);
            edit(&mut b);
            let crc = checksum(&b);
            b.extend_from_slice(&crc.to_le_bytes());
            Points::decode(&URL_SAFE_NO_PAD.encode(b)).unwrap_err()
        };
        assert_eq!(
            forge(&|b| b[6..14].copy_from_slice(&f64::NEG_INFINITY.to_le_bytes())),
            PointsError::NotFinite
        );
        assert_eq!(
            forge(&|b| b[14..22].copy_from_slice(&f64::NAN.to_le_bytes())),
            PointsError::NotFinite
        );
        assert_eq!(forge(&|b| b[0] = 9), PointsError::Version(9));
        assert_eq!(
            forge(&|b| {
                b[1] = 1;
                b[4] = 0;
                b[5] = 0
            }),
            PointsError::EmptySet("training")
        );
        let e = forge(&|b| b[2..4].copy_from_slice(&3000u16.to_le_bytes()));
        assert!(matches!(e, PointsError::Length { .. }), "{e:?}");
    }

    #[test]
    fn a_fixed_split_puts_training_points_first_unless_it_is_the_seeded_one() {
        let (xy, labels) = sample(8);
        let test = [false, true, false, false, true, false, false, false];
        let p = Points::new(&xy, &labels, Some(&test), 0.25, 1).unwrap();
        assert!(p.fixed_split());
        assert_eq!(
            p.test_flags(0.25, 1),
            [false, false, false, false, false, false, true, true]
        );
        assert_eq!(
            p.xy(6),
            Points::new(&xy, &labels, None, 0.25, 1).unwrap().xy(1)
        );
        let seeded = test_flags_seeded(8, 0.25, 1);
        assert_eq!(seeded.iter().filter(|t| **t).count(), 2);
        let q = Points::new(&xy, &labels, Some(&seeded), 0.25, 1).unwrap();
        assert!(!q.fixed_split());
        assert_eq!(q, Points::new(&xy, &labels, None, 0.25, 1).unwrap());
        let s = q.split(0.25, 1);
        assert_eq!((s.train.len(), s.test.len()), (6, 2));
        assert_ne!(test_flags_seeded(8, 0.25, 2), seeded, "the seed decides");
    }

    #[test]
    fn degenerate_sets() {
        let same = [[5.0, 5.0]; 3];
        let p = Points::new(&same, &[true, false, true], None, 0.25, 1).unwrap();
        assert_eq!(Points::decode(&p.encode()).unwrap().xy(2), [5.0, 5.0]);
        assert_eq!(
            Points::new(&same[..1], &[true], None, 0.25, 1),
            Err(PointsError::Count(1))
        );
        let tiny = [[1e6, 0.0], [1e6 + 1e-7, 1.0]];
        assert_eq!(
            Points::new(&tiny, &[true, false], None, 0.25, 1),
            Err(PointsError::Span { axis: "x1" })
        );
        assert_eq!(
            Points::new(
                &[[f64::NAN, 0.0], [0.0, 0.0]],
                &[true, false],
                None,
                0.25,
                1
            ),
            Err(PointsError::NotFinite)
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// Quantizing the read-back points again gives the same link.
        #[test]
        fn quantizing_twice_changes_nothing(
            centre in -1e11f64..1e11,
            log_span in -3.0f64..11.0,
            seed in 0u32..1000,
            n in 2usize..60,
        ) {
            let mut rng = NumpyRng::new(seed);
            let span = 10f64.powf(log_span);
            let xy: Vec<[f64; 2]> = (0..n)
                .map(|_| [centre + span * rng.rand(), -centre + span * rng.randn()])
                .collect();
            let labels: Vec<bool> = (0..n).map(|i| i % 2 == 0).collect();
            let Ok(p) = Points::new(&xy, &labels, None, 0.25, seed) else { return Ok(()); };
            let back: Vec<[f64; 2]> = (0..n).map(|i| p.xy(i)).collect();
            let again = Points::new(&back, &labels, None, 0.25, seed).unwrap();
            prop_assert_eq!(again.encode(), p.encode());
        }
    }
}
