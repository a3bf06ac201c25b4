//! Data: data sets (examples as columns, train/test splits, the course's
//! recorded sets), the seeded generators, and own data: CSV files, points
//! in a link, their normalization and editing.

pub mod batches;
pub mod checksum;
pub mod csv;
pub mod dataset;
pub mod editor;
pub mod features;
pub mod generate;
pub mod holdout;
pub mod labels;
pub mod normalize;
pub mod points;
pub mod quantize;
