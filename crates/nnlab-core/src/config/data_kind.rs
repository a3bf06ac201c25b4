//! [`DataKind`]: which points a run trains on (`data=` in a link), and
//! what their labels are (classes or numbers).

use crate::data::generate::Shape;

/// Which points to train on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataKind {
    /// The course's circles, or generated circles with `dataSeed`/`n`/`noise`.
    Circles,
    /// The course's football data (recorded, not generated).
    Football,
    Moons,
    Xor,
    Spiral,
    /// Two Gaussian blobs (classification); with `problem=regression`, a
    /// two-Gaussian surface ([`Shape::GaussSurface`]).
    Gauss,
    /// A plane's values (regression only, [`Shape::Plane`]).
    Plane,
    /// The gradient-checking lab's test case: 3 examples of 4 features,
    /// `randn(4, 3)` after seed 1, labels `[1, 1, 0]`.
    Gradcase,
    /// Own points, from the link's `points` (a pasted or uploaded CSV, or
    /// points drawn on the page).
    Custom,
}

impl DataKind {
    pub const ALL: [DataKind; 9] = [
        DataKind::Circles,
        DataKind::Football,
        DataKind::Moons,
        DataKind::Xor,
        DataKind::Spiral,
        DataKind::Gauss,
        DataKind::Plane,
        DataKind::Gradcase,
        DataKind::Custom,
    ];

    pub fn name(self) -> &'static str {
        match self {
            DataKind::Circles => "circles",
            DataKind::Football => "football",
            DataKind::Moons => "moons",
            DataKind::Xor => "xor",
            DataKind::Spiral => "spiral",
            DataKind::Gauss => "gauss",
            DataKind::Plane => "plane",
            DataKind::Gradcase => "gradcase",
            DataKind::Custom => "custom",
        }
    }

    /// The generator behind this kind, if it has one (for classification;
    /// [`Config::shape`] gives the problem's).
    pub fn shape(self) -> Option<Shape> {
        match self {
            DataKind::Circles => Some(Shape::Circles),
            DataKind::Moons => Some(Shape::Moons),
            DataKind::Xor => Some(Shape::Xor),
            DataKind::Spiral => Some(Shape::Spiral),
            DataKind::Gauss => Some(Shape::Gauss),
            DataKind::Plane => Some(Shape::Plane),
            DataKind::Football | DataKind::Gradcase | DataKind::Custom => None,
        }
    }

    /// Whether this set's labels are numbers a regression can fit (own
    /// points: their labels are read as numbers, 0 and 1 included).
    pub fn has_values(self) -> bool {
        matches!(self, DataKind::Gauss | DataKind::Plane | DataKind::Custom)
    }

    /// Whether this set has class labels 0 and 1.
    pub fn has_classes(self) -> bool {
        self != DataKind::Plane
    }

    /// Recorded data that cannot be regenerated (no `dataSeed`, `n`, `noise`).
    /// Own points are not: `dataSeed` splits them.
    pub fn is_recorded(self) -> bool {
        self.shape().is_none() && self != DataKind::Custom
    }
}
