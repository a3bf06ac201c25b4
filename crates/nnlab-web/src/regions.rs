//! The decision-region panel's binding. Rust fills the pixel buffer (the
//! grid's RGBA, [`nnlab_core::run::regions`]) and lays the panel out
//! ([`nnlab_core::view::plot`]); the page puts the pixels into the square and
//! draws frame, ticks, labels and points from [`Lab::regions`]'s numbers.

use crate::js::{obj, ticks};
use crate::Lab;
use js_sys::{Float64Array, Uint8ClampedArray};
use nnlab_core::run::regions::{grid_side, Regions};
use nnlab_core::view::plot::{no_plane_text, PlotLayout};
use wasm_bindgen::prelude::*;

impl Lab {
    /// Renders the decision regions into the grid (built on first use and
    /// rebuilt when the network's size or the data's bounds change); returns
    /// its RGBA pixels (`grid × grid × 4` bytes, rows top to bottom). `None`
    /// without 2-D data.
    pub fn render_regions(&mut self) -> Option<&[u8]> {
        let split = self.trainer.split();
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
            self.regions = Some(Regions::new(grid, grid, bounds));
        }
        let regions = self.regions.as_mut().expect("just built");
        Some(regions.render(self.trainer.network()))
    }
}

#[wasm_bindgen]
impl Lab {
    /// Renders the decision regions (grid evaluation in Rust, 200 × 200
    /// unless the network is much bigger than the course's) and lays out a
    /// `width × height` panel: `{grid, pixels, font, x0, y0, side, tick,
    /// radius, xTicks, yTicks: [{at, label}], train: [Float64Array,
    /// Float64Array], test: [...]}` (`pixels`: the grid's RGBA, a
    /// `Uint8ClampedArray` view into wasm memory that the page must copy
    /// before its next call into the module; points' pixel positions
    /// `[x, y, ...]` per label 0 and 1; `test` empty unless `show_test`),
    /// `{message, font}` for data without a plane, or `null` when the panel is too
    /// small.
    pub fn regions(&mut self, width: u32, height: u32, show_test: bool) -> JsValue {
        let layout = PlotLayout::new(width as f64, height as f64);
        if !layout.drawable() {
            return JsValue::NULL;
        }
        let split = self.trainer.split();
        if split.train.features() != 2 {
            return obj(&[
                ("message", no_plane_text(split.train.features()).into()),
                ("font", layout.font.into()),
            ]);
        }
        let bounds = split.bounds();
        let by_label = |set| -> JsValue {
            [0.0, 1.0]
                .iter()
                .map(|&label| {
                    JsValue::from(Float64Array::from(&layout.points(&bounds, set, label)[..]))
                })
                .collect::<js_sys::Array>()
                .into()
        };
        let (x_ticks, y_ticks) = layout.ticks(&bounds);
        let test = if show_test {
            by_label(&split.test)
        } else {
            js_sys::Array::new().into()
        };
        let out = obj(&[
            ("font", layout.font.into()),
            ("x0", layout.x0.into()),
            ("y0", layout.y0.into()),
            ("side", layout.side.into()),
            ("tick", layout.tick_length().into()),
            ("radius", layout.point_radius().into()),
            ("xTicks", ticks(&x_ticks)),
            ("yTicks", ticks(&y_ticks)),
            ("train", by_label(&split.train)),
            ("test", test),
        ]);
        // Last, so no allocation can move wasm memory under the view.
        let grid = grid_side(&self.trainer.config().sizes());
        let rgba = self.render_regions().expect("2-D data");
        // A view into wasm memory (not a copy): the page copies it before its next call
        // into the module. (`Uint8ClampedArray::view` gives a `Uint8Array`.)
        let pixels = Uint8ClampedArray::new_with_byte_offset_and_length(
            &wasm_bindgen::memory()
                .unchecked_into::<js_sys::WebAssembly::Memory>()
                .buffer(),
            rgba.as_ptr() as u32,
            rgba.len() as u32,
        );
        let _ = js_sys::Reflect::set(&out, &"grid".into(), &(grid as u32).into());
        let _ = js_sys::Reflect::set(&out, &"pixels".into(), &pixels);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nnlab_core::run::regions::GRID;

    #[test]
    fn regions_render_only_for_plane_data() {
        let mut lab = Lab::from_query("preset=init-he").unwrap();
        assert_eq!(lab.render_regions().map(<[u8]>::len), Some(GRID * GRID * 4));
        let mut grad = Lab::from_query("preset=gradcheck").unwrap();
        assert_eq!(grad.render_regions(), None);
    }
}
