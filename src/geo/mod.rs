//! Country geometry for maps: Natural Earth's 1:110m outlines and points joined to ISO3 codes
//! (the join rules are in `sources/natural_earth/SOURCES.md` and applied by `curate`), embedded
//! in the binary as a compact asset ([`asset`]); the Equal Earth projection ([`project`]); map
//! extents for the world, continents and groups ([`regions`]). Imports nothing but the error
//! type.

pub mod asset;
pub mod project;
pub mod regions;

use crate::error::{Error, Result};
pub use asset::{PointKind, Polygon, Shape};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The asset `innodex curate` derives from `sources/natural_earth/` (see src/curate/geo.rs).
pub const ASSET: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/geo/ne_110m.bin"
));

/// Where the asset lives in the repository (curate writes it there).
pub const ASSET_PATH: &str = "assets/geo/ne_110m.bin";

/// The boundaries caveat every map's footer carries.
pub const BOUNDARIES_NOTE: &str = "Boundaries: Natural Earth 1:110m (v4.0.0, public domain), de facto lines; they imply no position on disputed territories (e.g. Crimea is drawn inside Russia, Western Sahara mostly inside Morocco).";

/// Every economy's geometry, by ISO3 code.
#[derive(Debug, Clone, PartialEq)]
pub struct World {
    pub shapes: BTreeMap<String, Shape>,
}

impl World {
    /// Decodes an asset.
    pub fn from_asset(bytes: &[u8]) -> Result<World> {
        let shapes = asset::decode(bytes)?
            .into_iter()
            .map(|s| (s.code.clone(), s))
            .collect();
        Ok(World { shapes })
    }

    pub fn shape(&self, code: &str) -> Option<&Shape> {
        self.shapes.get(code)
    }

    /// Whether an economy can be drawn (an outline or a point).
    pub fn drawable(&self, code: &str) -> bool {
        self.shape(code)
            .is_some_and(|s| !s.polygons.is_empty() || s.point.is_some())
    }
}

/// The embedded geometry, decoded once per process.
pub fn world() -> Result<&'static World> {
    static WORLD: OnceLock<std::result::Result<World, String>> = OnceLock::new();
    WORLD
        .get_or_init(|| World::from_asset(ASSET).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| Error::Chart(e.clone()))
}
