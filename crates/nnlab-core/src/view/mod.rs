//! What the page's views show, as plain data: axis ticks, the heat scale,
//! the gradient-check panel, the network diagram (the web crate only binds
//! and paints them). With the `serde` feature each view derives `Serialize`
//! with the page's camelCase names.

pub mod diagram;
pub mod gradcheck;
pub mod heat;
pub mod ticks;
