//! A bounded cost history: every iteration while it fits, then thinned.

/// Keeps at most `capacity` `(iteration, value)` points (a cost by default;
/// the views' samples use the same thinning, `run::views`). It starts by keeping
/// every iteration; when full it drops every other point and doubles its
/// stride, so memory stays flat however long a lesson trains, and the curve
/// still spans the whole run.
#[derive(Clone, Debug)]
pub struct CostHistory<T = f64> {
    points: Vec<(u64, T)>,
    stride: u64,
    capacity: usize,
}

impl<T> CostHistory<T> {
    /// Panics if `capacity < 2` (a programmer error).
    pub fn new(capacity: usize) -> Self {
        assert!(capacity >= 2, "CostHistory needs room for two points");
        CostHistory {
            points: Vec::with_capacity(capacity),
            stride: 1,
            capacity,
        }
    }

    /// Whether the cost of `iteration` would be kept.
    pub fn wants(&self, iteration: u64) -> bool {
        iteration.is_multiple_of(self.stride)
    }

    /// Records the cost at `iteration` if [`CostHistory::wants`] it.
    /// Iterations must increase.
    pub fn push(&mut self, iteration: u64, cost: T) {
        if !self.wants(iteration) {
            return;
        }
        if self.points.len() == self.capacity {
            let stride = self.stride * 2;
            self.points.retain(|(i, _)| i.is_multiple_of(stride));
            self.stride = stride;
            if !self.wants(iteration) {
                return;
            }
        }
        self.points.push((iteration, cost));
    }

    pub fn points(&self) -> &[(u64, T)] {
        &self.points
    }

    /// Iterations between kept points.
    pub fn stride(&self) -> u64 {
        self.stride
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stays_bounded_and_spans_the_run() {
        let mut h = CostHistory::new(100);
        for i in 0..1_000_000u64 {
            if h.wants(i) {
                h.push(i, i as f64);
            }
        }
        assert!(h.points().len() <= 100);
        assert!(h.points().len() >= 50);
        assert_eq!(h.points()[0].0, 0);
        assert!(h.points().last().unwrap().0 > 980_000);
        assert!(h.points().windows(2).all(|w| w[1].0 - w[0].0 == h.stride()));
    }

    #[test]
    fn keeps_every_point_while_it_fits() {
        let mut h = CostHistory::new(10);
        for i in 0..10 {
            h.push(i, 1.0);
        }
        assert_eq!(h.points().len(), 10);
        assert_eq!(h.stride(), 1);
    }
}
