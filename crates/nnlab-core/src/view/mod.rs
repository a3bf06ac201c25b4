//! What the page's views show, as plain data: axis ticks, the cost chart's
//! and the region panel's geometry in pixels (the web crate only binds them;
//! the page strokes and fills them).

pub mod chart;
pub mod plot;
pub mod ticks;
