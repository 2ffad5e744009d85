//! innodex: rank, compare and chart countries on science-and-technology indicators.
pub mod catalog;
pub mod error;
pub mod import;

pub use error::{Error, Result};
