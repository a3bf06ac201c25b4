//! Data: data sets (examples as columns, train/test splits, the course's
//! recorded sets) and the seeded generators.

pub mod dataset;
pub mod generate;
