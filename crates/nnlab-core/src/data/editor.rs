//! Editing own points by hand, with undo and redo: a click adds a training
//! point of a label (a class, 0 or 1, or under regression a number:
//! [`read_value`]), or removes the point under it. The page forwards
//! clicks in data coordinates; every state is checked as [`Points`] before
//! it is kept, so an edit that would leave an invalid set changes nothing.

use crate::data::points::{Points, PointsError, MAX_MAGNITUDE};
use crate::format::number::read_number;

/// One point: coordinates, label (0 or 1, or a number), test point or not.
pub type Row = ([f64; 2], f64, bool);

/// A number typed as the label of new points (regression's value control):
/// finite and at most 1e12 in size, else [`PointsError::Value`] naming it.
pub fn read_value(text: &str) -> Result<f64, PointsError> {
    match read_number(text.trim()) {
        Some(v) if v.is_finite() && v.abs() <= MAX_MAGNITUDE => Ok(v),
        _ => Err(PointsError::Value(text.to_string())),
    }
}

/// The label of a point a click adds: a class (`text` `"0"` or `"1"`, the
/// other class with `other`, a shift-click), or, with `values`
/// (regression), the number `text` ([`read_value`]), negated with `other`.
pub fn new_label(text: &str, other: bool, values: bool) -> Result<f64, PointsError> {
    if values {
        return read_value(text).map(|v| if other { -v } else { v });
    }
    Ok(f64::from(u8::from((text.trim() == "1") != other)))
}

/// The points being edited and the way back and forth.
#[derive(Clone, Debug, PartialEq)]
pub struct Editor {
    rows: Vec<Row>,
    undo: Vec<Vec<Row>>,
    redo: Vec<Vec<Row>>,
    test_frac: f64,
    seed: u32,
}

/// What a click did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Click {
    Added,
    Removed,
}

impl Editor {
    /// Starts from `rows` (a data set's points, training and test), with
    /// the split's `test_frac` and `seed` (a set whose sets are the seeded
    /// ones stays seeded).
    pub fn new(rows: Vec<Row>, test_frac: f64, seed: u32) -> Self {
        Editor {
            rows,
            undo: Vec::new(),
            redo: Vec::new(),
            test_frac,
            seed,
        }
    }

    /// The current points.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The current points as they travel in a link.
    pub fn points(&self) -> Result<Points, PointsError> {
        points_of(&self.rows, self.test_frac, self.seed)
    }

    /// A click at `(x, y)`: removes the nearest point whose scaled distance
    /// `((x − xᵢ)/rx)² + ((y − yᵢ)/ry)²` is at most 1 (an ellipse of the
    /// drawn point's size in data units), else adds a training point with
    /// `label`. Refused (nothing changes) when the result is not a valid
    /// set: more than 2 000 points, fewer than 2, an empty training or test
    /// set.
    pub fn click(&mut self, x: f64, y: f64, r: [f64; 2], label: f64) -> Result<Click, PointsError> {
        let d = |p: &[f64; 2]| ((x - p[0]) / r[0]).powi(2) + ((y - p[1]) / r[1]).powi(2);
        let nearest = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| (i, d(&row.0)))
            .filter(|(_, d)| *d <= 1.0)
            .min_by(|a, b| a.1.total_cmp(&b.1));
        let mut next = self.rows.clone();
        let what = match nearest {
            Some((i, _)) => {
                next.remove(i);
                Click::Removed
            }
            None => {
                next.push(([x, y], label, false));
                Click::Added
            }
        };
        points_of(&next, self.test_frac, self.seed)?;
        self.undo.push(std::mem::replace(&mut self.rows, next));
        self.redo.clear();
        Ok(what)
    }

    /// Goes one edit back; false when there is none.
    pub fn undo(&mut self) -> bool {
        step(&mut self.undo, &mut self.rows, &mut self.redo)
    }

    /// Goes one undone edit forward again; false when there is none.
    pub fn redo(&mut self) -> bool {
        step(&mut self.redo, &mut self.rows, &mut self.undo)
    }
}

fn step(from: &mut Vec<Vec<Row>>, rows: &mut Vec<Row>, to: &mut Vec<Vec<Row>>) -> bool {
    match from.pop() {
        Some(prev) => {
            to.push(std::mem::replace(rows, prev));
            true
        }
        None => false,
    }
}

fn points_of(rows: &[Row], test_frac: f64, seed: u32) -> Result<Points, PointsError> {
    let xy: Vec<[f64; 2]> = rows.iter().map(|r| r.0).collect();
    let labels: Vec<f64> = rows.iter().map(|r| r.1).collect();
    let test: Vec<bool> = rows.iter().map(|r| r.2).collect();
    Points::with_values(&xy, &labels, Some(&test), test_frac, seed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start() -> Editor {
        let rows = vec![
            ([0.0, 0.0], 0.0, false),
            ([1.0, 1.0], 1.0, false),
            ([2.0, 0.0], 1.0, true),
        ];
        Editor::new(rows, 0.25, 1)
    }

    #[test]
    fn clicks_add_and_remove_and_undo_redo_walk_back_and_forth() {
        let mut e = start();
        let r = [0.1, 0.1];
        assert_eq!(e.click(5.0, 5.0, r, 1.0), Ok(Click::Added));
        assert_eq!(e.rows().len(), 4);
        assert_eq!(e.rows()[3], ([5.0, 5.0], 1.0, false));
        assert_eq!(e.click(1.05, 0.95, r, 0.0), Ok(Click::Removed));
        assert_eq!(e.rows().len(), 3);
        assert!(e.rows().iter().all(|row| row.0 != [1.0, 1.0]));
        assert!(e.undo());
        assert_eq!(e.rows().len(), 4);
        assert!(e.undo());
        assert_eq!(e.rows(), start().rows());
        assert!(!e.undo());
        assert!(e.redo() && e.redo());
        assert!(!e.redo());
        assert_eq!(e.rows().len(), 3);
        // A new edit forgets what was undone.
        assert!(e.undo());
        e.click(7.0, 7.0, r, 0.0).unwrap();
        assert!(!e.redo());
    }

    #[test]
    fn edits_that_break_the_set_are_refused() {
        let mut e = start();
        // The only test point.
        let err = e.click(2.0, 0.0, [0.1, 0.1], 0.0).unwrap_err();
        assert_eq!(err, PointsError::EmptySet("test"));
        assert_eq!(e.rows(), start().rows());
        assert!(!e.undo(), "nothing was recorded");
        let p = e.points().unwrap();
        assert_eq!(p.test_flags(0.25, 1), [false, false, true]);
    }

    #[test]
    fn a_valued_point_makes_numeric_labels_and_undo_brings_the_classes_back() {
        let mut e = start();
        assert!(e.points().unwrap().value_range().is_none());
        assert_eq!(new_label("1", true, false), Ok(0.0));
        assert_eq!(new_label("0", true, false), Ok(1.0));
        assert_eq!(new_label("2.5", true, true), Ok(-2.5));
        let v = new_label(" -2.5 ", false, true).unwrap();
        e.click(5.0, 5.0, [0.1, 0.1], v).unwrap();
        let p = e.points().unwrap();
        assert_eq!(p.value_range(), Some([-2.5, 1.0]));
        assert_eq!(p.label(3), -2.5);
        assert!(e.undo());
        assert!(e.points().unwrap().value_range().is_none());
        for bad in ["", "abc", "NaN", "inf", "1e400", "2e12"] {
            let err = read_value(bad).unwrap_err();
            assert_eq!(err, PointsError::Value(bad.into()));
            assert!(err.to_string().contains(&format!("\"{bad}\"")), "{err}");
        }
    }
}
