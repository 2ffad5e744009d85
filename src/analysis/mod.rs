//! Statistics on indicator values: correlations and least-squares fits.
pub mod stats;
