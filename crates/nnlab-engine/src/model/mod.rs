//! The model: the network and its parameter list, initialization, the cost
//! and dropout.

pub mod activation;
pub mod cost;
pub mod dropout;
pub mod init;
pub mod network;
pub mod optimizer;
pub mod output;
pub mod penalty;
