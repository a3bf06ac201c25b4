//! Labelled point sets: the course's recorded data and the split into
//! training and test sets.

use crate::numeric::matrix::Matrix;

/// Examples as columns: `x` is `(features, m)`, `y` has `m` labels 0 or 1.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    pub x: Matrix,
    pub y: Vec<f64>,
}

/// A training set and a test set of the same problem.
#[derive(Clone, Debug, PartialEq)]
pub struct Split {
    pub train: Dataset,
    pub test: Dataset,
}

/// A region of the plane: `x` spans `[x_min, x_max]`, `y` `[y_min, y_max]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub x_min: f64,
    pub x_max: f64,
    pub y_min: f64,
    pub y_max: f64,
}

impl Bounds {
    /// `[-1, 1]²`: the plane shown when the data gives no bounds (not 2-D,
    /// or not finite).
    pub const UNIT: Bounds = Bounds {
        x_min: -1.0,
        x_max: 1.0,
        y_min: -1.0,
        y_max: 1.0,
    };
}

impl Dataset {
    /// Builds from points and labels. Panics if they differ in length.
    pub fn from_points(points: &[[f64; 2]], labels: &[f64]) -> Self {
        assert_eq!(points.len(), labels.len());
        let m = points.len();
        let mut x = Matrix::zeros(2, m);
        for (j, p) in points.iter().enumerate() {
            x.set(0, j, p[0]);
            x.set(1, j, p[1]);
        }
        Dataset {
            x,
            y: labels.to_vec(),
        }
    }

    /// Number of examples.
    pub fn len(&self) -> usize {
        self.y.len()
    }

    pub fn is_empty(&self) -> bool {
        self.y.is_empty()
    }

    /// Number of input features (rows of `x`).
    pub fn features(&self) -> usize {
        self.x.rows()
    }

    /// A course set as the build writes it (`build.rs`, from `data/<name>.csv`): every
    /// row's `x1` and `x2` as little-endian `f64`, 16 bytes a row, then every row's label
    /// (0 or 1) as one byte. The bytes are the build's: a length that is not whole rows is
    /// a programmer error and panics.
    pub fn from_rows(bytes: &[u8]) -> Self {
        assert_eq!(
            bytes.len() % 17,
            0,
            "course data: whole rows of two f64 and a byte"
        );
        let rows = bytes.len() / 17;
        let value = |at: usize| f64::from_le_bytes(bytes[at..at + 8].try_into().unwrap());
        let points: Vec<[f64; 2]> = (0..rows)
            .map(|r| [value(16 * r), value(16 * r + 8)])
            .collect();
        let labels: Vec<f64> = bytes[16 * rows..].iter().map(|&l| f64::from(l)).collect();
        Dataset::from_points(&points, &labels)
    }
}

/// The bytes of course set `name` (`data/<name>.csv`, as `build.rs` writes it).
macro_rules! course_rows {
    ($name:literal) => {
        include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".bin"))
    };
}

impl Split {
    /// The course's circles (initialization lab): 300 training, 100 test
    /// points, `make_circles(noise=.05)` after seeds 1 and 2.
    pub fn course_circles() -> Self {
        Split {
            train: Dataset::from_rows(course_rows!("circles_train")),
            test: Dataset::from_rows(course_rows!("circles_test")),
        }
    }

    /// The course's football data (regularization lab): 211 training and
    /// 200 test points from the course's `data.mat`.
    pub fn course_football() -> Self {
        Split {
            train: Dataset::from_rows(course_rows!("football_train")),
            test: Dataset::from_rows(course_rows!("football_test")),
        }
    }

    /// The region the page paints: every 2-D point of both sets with a 10 %
    /// margin (at least 0.1), squared up around its centre, unless the two
    /// axes' spans differ more than 4-fold (own data in other units): then
    /// each axis spans its own data. Data with another number of features
    /// gets `[-1, 1]²`.
    pub fn bounds(&self) -> Bounds {
        let mut lo = [f64::INFINITY; 2];
        let mut hi = [f64::NEG_INFINITY; 2];
        for set in [&self.train, &self.test] {
            if set.features() != 2 {
                return Bounds::UNIT;
            }
            for j in 0..set.len() {
                for r in 0..2 {
                    let v = set.x.get(r, j);
                    lo[r] = lo[r].min(v);
                    hi[r] = hi[r].max(v);
                }
            }
        }
        if !(lo[0].is_finite() && lo[1].is_finite() && hi[0].is_finite() && hi[1].is_finite()) {
            return Bounds::UNIT;
        }
        let (hx, hy) = ((hi[0] - lo[0]) / 2.0 * 1.1, (hi[1] - lo[1]) / 2.0 * 1.1);
        let half = hx.max(hy).max(0.1);
        // Axes in different units (spans more than 4-fold apart) get their
        // own extents, each at least a thousandth of the larger.
        let (hx, hy) = if hx.max(hy) > 4.0 * hx.min(hy) {
            (hx.max(half * 1e-3), hy.max(half * 1e-3))
        } else {
            (half, half)
        };
        let cx = (lo[0] + hi[0]) / 2.0;
        let cy = (lo[1] + hi[1]) / 2.0;
        Bounds {
            x_min: cx - hx,
            x_max: cx + hx,
            y_min: cy - hy,
            y_max: cy + hy,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built rows are the CSV files' numbers, bit for bit, in the files' order.
    #[test]
    fn course_sets_are_their_csv_files() {
        let sets = [
            (
                Split::course_circles().train,
                include_str!("../../data/circles_train.csv"),
            ),
            (
                Split::course_circles().test,
                include_str!("../../data/circles_test.csv"),
            ),
            (
                Split::course_football().train,
                include_str!("../../data/football_train.csv"),
            ),
            (
                Split::course_football().test,
                include_str!("../../data/football_test.csv"),
            ),
        ];
        for (set, csv) in sets {
            let rows: Vec<&str> = csv.lines().skip(1).filter(|l| !l.is_empty()).collect();
            assert_eq!(rows.len(), set.len());
            for (j, row) in rows.iter().enumerate() {
                let v: Vec<f64> = row.split(',').map(|f| f.parse().unwrap()).collect();
                let got = [set.x.get(0, j), set.x.get(1, j), set.y[j]];
                assert_eq!(
                    got.map(f64::to_bits),
                    [v[0], v[1], v[2]].map(f64::to_bits),
                    "{row}"
                );
            }
        }
    }

    #[test]
    fn course_sets_have_the_documented_sizes_and_balance() {
        let c = Split::course_circles();
        assert_eq!((c.train.len(), c.test.len()), (300, 100));
        assert_eq!(c.train.y.iter().sum::<f64>(), 150.0);
        let f = Split::course_football();
        assert_eq!((f.train.len(), f.test.len()), (211, 200));
        assert_eq!(f.train.y.iter().sum::<f64>(), 106.0);
        assert_eq!(f.test.y.iter().sum::<f64>(), 87.0);
        assert_eq!(f.train.x.get(0, 0), -0.158986);
        assert_eq!(f.train.x.get(1, 0), 0.423977);
    }

    #[test]
    fn bounds_cover_every_point() {
        let s = Split::course_football();
        let b = s.bounds();
        for set in [&s.train, &s.test] {
            for j in 0..set.len() {
                assert!(b.x_min < set.x.get(0, j) && set.x.get(0, j) < b.x_max);
                assert!(b.y_min < set.x.get(1, j) && set.x.get(1, j) < b.y_max);
            }
        }
        assert!(((b.x_max - b.x_min) - (b.y_max - b.y_min)).abs() < 1e-12);
    }

    #[test]
    fn axes_in_other_units_get_their_own_extent() {
        let set = Dataset::from_points(&[[0.0, 0.0], [1000.0, 1.0]], &[0.0, 1.0]);
        let b = Split {
            train: set.clone(),
            test: set,
        }
        .bounds();
        assert_eq!((b.x_min, b.x_max), (-50.0, 1050.0));
        assert!((b.y_min + 0.05).abs() < 1e-12 && (b.y_max - 1.05).abs() < 1e-12);
    }
}
