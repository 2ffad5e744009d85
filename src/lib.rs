//! innodex: rank, compare and chart countries on science-and-technology indicators.
pub mod analysis;
pub mod catalog;
pub mod chart;
pub mod error;

pub use error::{Error, Result};
