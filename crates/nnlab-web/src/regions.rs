//! The decision-region panel's binding. Rust fills the pixel buffer (the
//! grid's RGBA, [`nnlab_core::run::regions`]) and lays the panel out
//! ([`nnlab_core::view::plot`]); the page puts the pixels into the square and
//! draws frame, ticks, labels and points from [`Lab::regions`]'s numbers.

use crate::js::{set, set_f64_arrays};
use crate::serializer;
use crate::Lab;
use js_sys::{Float64Array, Uint8Array, Uint8ClampedArray};
use nnlab_core::model::output::Problem;
use nnlab_core::run::regions::{grid_side, value_scale, Regions};
use nnlab_core::view::contour::contour_in_square;
use nnlab_core::view::plot::PlotLayout;
use serde::Serialize;
use wasm_bindgen::prelude::*;

impl Lab {
    /// Renders the decision regions into the grid (built on first use and
    /// rebuilt when the network's size or the data's bounds change); returns
    /// its RGBA pixels (`grid × grid × 4` bytes, rows top to bottom). `None`
    /// without 2-D data.
    pub fn render_regions(&mut self) -> Option<&[u8]> {
        let split = self.trainer.points();
        if split.train.features() != 2 {
            return None;
        }
        let grid = grid_side(&self.trainer.config().sizes());
        let bounds = split.bounds();
        if self
            .regions
            .as_ref()
            .is_none_or(|r| r.width() != grid || r.bounds() != bounds)
        {
            let inputs = self.trainer.inputs();
            let mut regions = Regions::new(grid, grid, bounds).mapped(inputs);
            regions.set_boundary_pixels(false); // the page strokes `boundary`
            self.regions = Some(regions);
        }
        let regions = self.regions.as_mut().expect("just built");
        regions.set_discrete(self.view.discrete);
        regions.set_value_scale(value_scale(&split.train.y));
        Some(regions.render(self.trainer.network()))
    }
}

#[wasm_bindgen]
impl Lab {
    /// Renders the decision regions (grid evaluation in Rust, 200 × 200
    /// unless the network is much bigger than the course's) and lays out a
    /// `width × height` panel: `{grid, pixels, font, x0, y0, side, tick,
    /// radius, xTicks, yTicks: [{at, label}], train: [Float64Array,
    /// Float64Array], test: [...], boundary: Float64Array}` (`boundary`: the
    /// `p = ½` contour's segments `[x0, y0, x1, y1, ...]` in canvas pixels,
    /// to stroke over the pixels, which have no boundary line; `pixels`: the grid's RGBA, a
    /// `Uint8ClampedArray` view into wasm memory that the page must copy
    /// before its next call into the module; points' pixel positions
    /// `[x, y, ...]` per label 0 and 1; `test` empty unless `show_test`;
    /// under regression one list of every point and, as `trainRgb` /
    /// `testRgb`, each point's fill `[r, g, b, ...]` on the regions'
    /// diverging scale),
    /// `{message, font}` for data without a plane, or `null` when the panel is too
    /// small.
    pub fn regions(
        &mut self,
        width: u32,
        height: u32,
        show_test: bool,
    ) -> Result<JsValue, JsError> {
        let layout = PlotLayout::new(width as f64, height as f64);
        if !layout.drawable() {
            return Ok(JsValue::NULL);
        }
        let split = self.trainer.points();
        if split.train.features() != 2 {
            let none = layout.no_plane(split.train.features());
            return Ok(none.serialize(&serializer())?);
        }
        let bounds = split.bounds();
        let values = self.trainer.config().problem == Problem::Regression;
        let panel = layout.panel(&bounds);
        let out = panel.serialize(&serializer())?;
        let sets = if show_test {
            vec![("train", &split.train), ("test", &split.test)]
        } else {
            vec![("train", &split.train)]
        };
        set_f64_arrays(&out, "test", &[])?;
        for (name, data) in sets {
            if values {
                let scale = value_scale(&split.train.y);
                let (xy, rgb) = layout.valued_points(&bounds, data, scale);
                set_f64_arrays(&out, name, &[xy])?;
                set(&out, &format!("{name}Rgb"), &Uint8Array::from(&rgb[..]))?;
            } else {
                let by_label = [0.0, 1.0].map(|label| layout.points(&bounds, data, label));
                set_f64_arrays(&out, name, &by_label)?;
            }
        }
        // Last, so no allocation can move wasm memory under the view.
        let grid = grid_side(&self.trainer.config().sizes());
        let rgba = self.render_regions().expect("2-D data");
        let (at, len) = (rgba.as_ptr() as u32, rgba.len() as u32);
        let probs = self.regions.as_ref().expect("rendered").probabilities();
        // Regression's values have no p = ½ boundary.
        let line = if values {
            Vec::new()
        } else {
            contour_in_square(probs, grid, panel.x0, panel.y0, panel.side)
        };
        set(&out, "boundary", &Float64Array::from(&line[..]))?;
        // A view into wasm memory (not a copy): the page copies it before its next call
        // into the module. (`Uint8ClampedArray::view` gives a `Uint8Array`.)
        let pixels = Uint8ClampedArray::new_with_byte_offset_and_length(
            &wasm_bindgen::memory()
                .unchecked_into::<js_sys::WebAssembly::Memory>()
                .buffer(),
            at,
            len,
        );
        set(&out, "grid", &(grid as u32).into())?;
        set(&out, "pixels", &pixels)?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nnlab_core::run::regions::GRID;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn regions_render_only_for_plane_data() {
        let mut lab = Lab::from_query("preset=init-he").unwrap();
        assert_eq!(lab.render_regions().map(<[u8]>::len), Some(GRID * GRID * 4));
        let mut grad = Lab::from_query("preset=gradcheck").unwrap();
        assert_eq!(grad.render_regions(), None);
    }
}
