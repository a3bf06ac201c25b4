//! What the page's views show, as plain data: axis ticks (more views come
//! here; the web crate only binds and paints them).

pub mod ticks;
