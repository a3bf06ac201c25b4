//! The labels of own points as a link holds them: two classes (one bit a
//! point, the encoding's version 1) or numbers for regression (16 bits a
//! point on the labels' range, version 2), with the same quantization as
//! the coordinates ([`crate::data::quantize`]): a numeric label moves by at
//! most `(max − min) / 131070` of its range `[min, max]`, the smallest and
//! the largest label are exact, and quantizing again changes nothing.
//!
//! Numbers that are all 0 or 1 are classes: a regression on them fits the
//! numbers 0 and 1, and the link stays the compact (and older) version 1.

use crate::data::quantize::{self, all_fine, range, range_fine, too_narrow};

/// Own points' labels, in the points' order.
#[derive(Clone, Debug, PartialEq)]
pub enum Labels {
    /// Label 1 = `true`.
    Classes(Vec<bool>),
    /// Numbers: their range `[min, max]` and each one's level on it.
    Values { range: [f64; 2], q: Vec<u16> },
}

/// Why numbers cannot be labels in a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelError {
    /// Not finite, or larger than [`quantize::MAX_MAGNITUDE`].
    NotFinite,
    /// Their range is too narrow for its magnitude.
    Span,
}

impl Labels {
    /// Numbers as labels: classes when every one is 0 or 1, else values
    /// quantized on their range.
    pub fn from_numbers(y: &[f64]) -> Result<Labels, LabelError> {
        if y.iter().all(|&v| v == 0.0 || v == 1.0) {
            return Ok(Labels::Classes(y.iter().map(|&v| v == 1.0).collect()));
        }
        if !all_fine(y.iter().copied()) {
            return Err(LabelError::NotFinite);
        }
        let range = range(y.iter().copied());
        if too_narrow(range) {
            return Err(LabelError::Span);
        }
        let q = y.iter().map(|&v| quantize::quantize(v, range)).collect();
        Ok(Labels::Values { range, q })
    }

    pub fn len(&self) -> usize {
        match self {
            Labels::Classes(c) => c.len(),
            Labels::Values { q, .. } => q.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the labels are numbers (not two classes).
    pub fn are_values(&self) -> bool {
        matches!(self, Labels::Values { .. })
    }

    /// Label `i` as it trains: 0 or 1, or the quantized number.
    pub fn get(&self, i: usize) -> f64 {
        match self {
            Labels::Classes(c) => f64::from(u8::from(c[i])),
            Labels::Values { range, q } => quantize::value(q[i], *range),
        }
    }

    /// The labels in `order` (indices into these).
    pub fn reordered(&self, order: &[usize]) -> Labels {
        match self {
            Labels::Classes(c) => Labels::Classes(order.iter().map(|&i| c[i]).collect()),
            Labels::Values { range, q } => Labels::Values {
                range: *range,
                q: order.iter().map(|&i| q[i]).collect(),
            },
        }
    }

    /// The encoding's version byte: 1 for classes, 2 for values.
    pub fn version(&self) -> u8 {
        match self {
            Labels::Classes(_) => 1,
            Labels::Values { .. } => 2,
        }
    }

    /// Bytes after the coordinates' bounds (values: `min`, `max` as `f64`).
    pub fn range_bytes(version: u8) -> usize {
        if version == 2 {
            16
        } else {
            0
        }
    }

    /// Bytes of `n` labels after the coordinates: a bit a class (first
    /// point in the lowest bit), two bytes a value.
    pub fn body_bytes(version: u8, n: usize) -> usize {
        if version == 2 {
            2 * n
        } else {
            n.div_ceil(8)
        }
    }

    /// Writes the range (values only), little-endian.
    pub fn write_range(&self, b: &mut Vec<u8>) {
        if let Labels::Values { range, .. } = self {
            for v in range {
                b.extend_from_slice(&v.to_le_bytes());
            }
        }
    }

    /// Writes the labels' body (see [`Labels::body_bytes`]).
    pub fn write_body(&self, b: &mut Vec<u8>) {
        match self {
            Labels::Classes(c) => {
                for chunk in c.chunks(8) {
                    b.push(
                        chunk
                            .iter()
                            .enumerate()
                            .map(|(i, &l)| u8::from(l) << i)
                            .sum(),
                    );
                }
            }
            Labels::Values { q, .. } => {
                for v in q {
                    b.extend_from_slice(&v.to_le_bytes());
                }
            }
        }
    }

    /// Reads `n` labels of `version` from `range` (its bytes, empty for
    /// classes) and `body`, both of the lengths above; a range that is not
    /// finite, ordered and at most 1e12 is refused.
    pub fn read(version: u8, n: usize, range: &[u8], body: &[u8]) -> Result<Labels, LabelError> {
        if version != 2 {
            return Ok(Labels::Classes(
                (0..n).map(|i| body[i / 8] >> (i % 8) & 1 == 1).collect(),
            ));
        }
        let f = |at: usize| f64::from_le_bytes(range[at..at + 8].try_into().expect("8 bytes"));
        let range = [f(0), f(8)];
        if !range_fine(range) {
            return Err(LabelError::NotFinite);
        }
        let q = (0..n)
            .map(|i| u16::from_le_bytes([body[2 * i], body[2 * i + 1]]))
            .collect();
        Ok(Labels::Values { range, q })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zeros_and_ones_are_classes_other_numbers_values() {
        let c = Labels::from_numbers(&[0.0, 1.0, 1.0]).unwrap();
        assert_eq!(c, Labels::Classes(vec![false, true, true]));
        assert_eq!(c.get(1), 1.0);
        let v = Labels::from_numbers(&[-2.5, 0.0, 1.0, 4.0]).unwrap();
        assert!(v.are_values());
        // The ends are exact, the rest within half a step.
        assert_eq!((v.get(0), v.get(3)), (-2.5, 4.0));
        let step = 6.5 / quantize::LEVELS;
        assert!((v.get(1) - 0.0).abs() <= step / 2.0);
        assert_eq!(
            Labels::from_numbers(&[1.0, f64::NAN]),
            Err(LabelError::NotFinite)
        );
        assert_eq!(
            Labels::from_numbers(&[1.0, 2e12]),
            Err(LabelError::NotFinite)
        );
        assert_eq!(
            Labels::from_numbers(&[1e6, 1e6 + 1e-7]),
            Err(LabelError::Span)
        );
    }

    use crate::data::points::{Points, PointsError};
    use crate::numeric::rng::NumpyRng;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;

    /// `n` points of the plane with values of a surface in `[-40, 60]`.
    fn valued(n: usize, seed: u32) -> (Vec<[f64; 2]>, Vec<f64>) {
        let mut rng = NumpyRng::new(seed);
        let xy: Vec<[f64; 2]> = (0..n)
            .map(|_| [rng.rand() * 10.0 - 5.0, rng.randn() * 3.0])
            .collect();
        let y = (0..n).map(|_| rng.rand() * 100.0 - 40.0).collect();
        (xy, y)
    }

    #[test]
    fn two_thousand_valued_points_fit_in_16078_characters_within_half_a_step() {
        let (xy, y) = valued(2000, 3);
        let p = Points::with_values(&xy, &y, None, 0.25, 1).unwrap();
        let text = p.encode();
        assert_eq!(text.len(), 16078);
        assert_eq!(URL_SAFE_NO_PAD.decode(&text).unwrap()[0], 2, "version 2");
        let back = Points::decode(&text).unwrap();
        assert_eq!(back, p);
        let range = back.value_range().unwrap();
        let step = (range[1] - range[0]) / quantize::LEVELS;
        for (i, v) in y.iter().enumerate() {
            let got = back.label(i);
            assert!(
                (got - v).abs() <= step * 0.5 * (1.0 + 1e-9),
                "{i}: {got} {v}"
            );
        }
        let lo = y.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = y.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        assert_eq!(range, [lo, hi]);
        // Quantizing the read-back labels again gives the same link.
        let again: Vec<f64> = (0..2000).map(|i| back.label(i)).collect();
        let xy2: Vec<[f64; 2]> = (0..2000).map(|i| back.xy(i)).collect();
        let p2 = Points::with_values(&xy2, &again, None, 0.25, 1).unwrap();
        assert_eq!(p2.encode(), text);
    }

    #[test]
    fn zero_one_numbers_keep_the_class_encoding_and_a_fixed_split_reorders_values() {
        let (xy, _) = valued(6, 4);
        let classes = [true, false, false, true, true, false];
        let numbers: Vec<f64> = classes.iter().map(|&c| f64::from(u8::from(c))).collect();
        let a = Points::new(&xy, &classes, None, 0.25, 1).unwrap();
        let b = Points::with_values(&xy, &numbers, None, 0.25, 1).unwrap();
        assert_eq!(a.encode(), b.encode());
        let test = [true, false, false, false, false, false];
        let y = [9.0, 1.0, 2.0, 3.0, 4.0, -5.0];
        let p = Points::with_values(&xy, &y, Some(&test), 0.25, 1).unwrap();
        let labels: Vec<f64> = (0..6).map(|i| p.label(i)).collect();
        assert_eq!(labels[5], 9.0, "the test point last");
        assert_eq!(labels[4], -5.0);
        let split = p.split(0.25, 1);
        assert_eq!(split.test.y, [9.0]);
    }

    #[test]
    fn hostile_value_ranges_and_labels_are_refused() {
        let (xy, y) = valued(10, 5);
        let text = Points::with_values(&xy, &y, None, 0.25, 1)
            .unwrap()
            .encode();
        let forge = |edit: &dyn Fn(&mut Vec<u8>)| {
            let mut b = URL_SAFE_NO_PAD.decode(&text).unwrap();
            b.truncate(b.len() - 4);
            edit(&mut b);
            let crc = crate::data::checksum::checksum(&b);
            b.extend_from_slice(&crc.to_le_bytes());
            Points::decode(&URL_SAFE_NO_PAD.encode(b)).unwrap_err()
        };
        for bad in [f64::NAN, f64::INFINITY, 1e300] {
            let e = forge(&|b| b[38..46].copy_from_slice(&bad.to_le_bytes()));
            assert_eq!(e, PointsError::LabelsNotFinite);
            assert!(e.to_string().contains("numeric labels"), "{e}");
        }
        // min above max
        assert_eq!(
            forge(&|b| b[46..54].copy_from_slice(&(-1e3f64).to_le_bytes())),
            PointsError::LabelsNotFinite
        );
        // A cut version-2 text is a length error, a version 3 unknown.
        assert!(matches!(
            Points::decode(&text[..text.len() - 8]).unwrap_err(),
            PointsError::Length { .. } | PointsError::Broken
        ));
        assert_eq!(forge(&|b| b[0] = 3), PointsError::Version(3));
        let mut y2 = y.clone();
        y2[3] = f64::NAN;
        assert_eq!(
            Points::with_values(&xy, &y2, None, 0.25, 1),
            Err(PointsError::LabelsNotFinite)
        );
        let narrow: Vec<f64> = (0..10).map(|i| 1e6 + i as f64 * 1e-8).collect();
        assert_eq!(
            Points::with_values(&xy, &narrow, None, 0.25, 1),
            Err(PointsError::Span { axis: "label" })
        );
    }
}
