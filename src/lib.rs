//! innodex: rank, compare and chart countries on science-and-technology indicators.
pub mod catalog;
pub mod curate;
pub mod error;
pub mod import;

pub use error::{Error, Result};
pub mod analysis;
pub mod cli;
pub mod output;
pub mod report;
