//! What the page's views show, as plain data: axis ticks, the cost chart's
//! and the region panel's geometry in pixels, the heat scale, the
//! gradient-check panel, the network diagram. The web crate only binds them;
//! the page strokes and fills them. With the `serde` feature each view
//! derives `Serialize` with the page's camelCase names.

pub mod chart;
pub mod contour;
pub mod diagram;
pub mod formulas;
pub mod gradcheck;
pub mod heat;
pub mod inside;
pub mod neurons;
pub mod plot;
pub mod ticks;
