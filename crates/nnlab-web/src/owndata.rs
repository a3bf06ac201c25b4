//! Own data's binding: the points as CSV, and the point editor behind the
//! regions canvas's "edit points" mode (a CSV into a link is the tools'
//! module's, `crates/nnlab-tools`). What they compute is the core's
//! (`config::import`, `data::editor`, `view::plot`).

use crate::Lab;
use nnlab_core::config::import;
use nnlab_core::data::editor::{self, Editor};
use nnlab_core::model::output::Problem;
use nnlab_core::view::plot::PlotLayout;
use wasm_bindgen::prelude::*;

/// Any core error as the page's exception (its message is the core's).
fn js(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

#[wasm_bindgen]
impl Lab {
    /// The points, training and test, as CSV (`x1,x2,label,set`).
    #[wasm_bindgen(js_name = pointsCsv)]
    pub fn points_csv(&self) -> Result<String, JsError> {
        import::points_csv(&self.config).map_err(js)
    }
}

/// Points being edited by hand, with undo and redo.
#[wasm_bindgen]
pub struct PointEditor(Editor);

#[wasm_bindgen]
impl PointEditor {
    /// Starts from `lab`'s points (its training and test sets).
    #[wasm_bindgen(constructor)]
    pub fn new(lab: &Lab) -> Result<PointEditor, JsError> {
        Ok(PointEditor(import::editor(&lab.config).map_err(js)?))
    }

    /// A click at CSS pixel `(x, y)` of the regions canvas (`canvas`:
    /// `[width, height]` of its backing, its CSS width): removes the point
    /// under it, else adds a training point labelled `label`: a class
    /// (`"0"`, `"1"`; the other class with `other`, a shift-click) or, under
    /// regression, the value control's number (negated with `other`;
    /// [`editor::new_label`]). Returns `lab`'s link with the edited points;
    /// `undefined` outside the plot; an error (the core's message) when the
    /// value is not a number or the edit would leave no valid set.
    pub fn click(
        &mut self,
        lab: &Lab,
        canvas: &[f64],
        x: f64,
        y: f64,
        label: &str,
        other: bool,
    ) -> Result<Option<String>, JsError> {
        let [width, height, css_width] = canvas.try_into().map_err(js)?;
        let scale = width / css_width;
        let bounds = lab.trainer.points().bounds();
        let layout = PlotLayout::new(width, height);
        let Some((p, reach)) = layout.pick(&bounds, x * scale, y * scale) else {
            return Ok(None);
        };
        let values = lab.config.problem == Problem::Regression;
        let label = editor::new_label(label, other, values).map_err(js)?;
        self.0.click(p[0], p[1], reach, label).map_err(js)?;
        self.query(lab).map(Some)
    }

    /// One edit back (with `redo`, one undone edit forward again): `lab`'s
    /// link with those points, `undefined` when there is none.
    pub fn undo(&mut self, lab: &Lab, redo: bool) -> Result<Option<String>, JsError> {
        let moved = if redo { self.0.redo() } else { self.0.undo() };
        moved.then(|| self.query(lab)).transpose()
    }
}

impl PointEditor {
    /// `lab`'s link with the edited points.
    fn query(&self, lab: &Lab) -> Result<String, JsError> {
        let points = self.0.points().map_err(js)?;
        import::query_with_points(&lab.config, &lab.view, points).map_err(js)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn count(query: &str) -> usize {
        let lab = Lab::from_query(query).unwrap();
        import::data_rows(&lab.config).unwrap().len()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_click_in_css_pixels_edits_the_points_and_undo_redo_walk_back() {
        let lab = Lab::from_query("data=moons&n=40").unwrap();
        let mut editor = PointEditor::new(&lab).unwrap();
        // A 200 CSS px canvas with a 400 px backing (a 2x screen): its top-left corner
        // lies outside the plot, a point near the plot's top-left corner inside it.
        assert_eq!(
            editor
                .click(&lab, &[400.0, 400.0, 200.0], 1.0, 1.0, "0", false)
                .ok(),
            Some(None)
        );
        let layout = PlotLayout::new(400.0, 400.0);
        let (x, y) = ((layout.x0 + 2.0) / 2.0, (layout.y0 + 2.0) / 2.0);
        let added = editor
            .click(&lab, &[400.0, 400.0, 200.0], x, y, "0", true)
            .ok()
            .flatten()
            .unwrap();
        assert!(added.starts_with("data=custom&points="), "{added}");
        assert_eq!(count(&added), 54);
        let back = editor.undo(&lab, false).ok().flatten().unwrap();
        assert_eq!(count(&back), 53);
        assert!(editor.undo(&lab, false).ok().flatten().is_none());
        assert_eq!(editor.undo(&lab, true).ok().flatten(), Some(added));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn under_regression_a_click_adds_a_point_of_the_typed_value() {
        let lab = Lab::from_query("data=plane&problem=regression&n=20").unwrap();
        let mut editor = PointEditor::new(&lab).unwrap();
        let layout = PlotLayout::new(400.0, 400.0);
        let (x, y) = ((layout.x0 + 2.0) / 2.0, (layout.y0 + 2.0) / 2.0);
        let canvas = [400.0, 400.0, 200.0];
        let added = editor
            .click(&lab, &canvas, x, y, "7.5", true)
            .ok()
            .flatten()
            .unwrap();
        let own = Lab::from_query(&added).unwrap();
        let rows = import::data_rows(&own.config).unwrap();
        assert_eq!(rows.len(), 27);
        assert!(
            rows.iter().any(|r| r.1 == -7.5),
            "the shift-click's negative, exact at the range's end"
        );
        assert_eq!(own.config.points.unwrap().value_range().unwrap()[0], -7.5);
    }
}
