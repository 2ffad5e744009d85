//! Map extents: the whole world, a continent (a fixed longitude/latitude box with a central
//! meridian suited to it), or the economies of a group (the box around each member's largest
//! outline, so France's extent is not stretched by French Guiana).

use super::project::Projection;
use super::World;

/// A projected rectangle (unit-sphere Equal Earth units, y northwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Extent {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Extent {
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }
    /// Grown by `f` of its size on every side.
    pub fn padded(&self, f: f64) -> Extent {
        let (dx, dy) = (self.width() * f, self.height() * f);
        Extent {
            x0: self.x0 - dx,
            y0: self.y0 - dy,
            x1: self.x1 + dx,
            y1: self.y1 + dy,
        }
    }
    fn add(&mut self, (x, y): (f64, f64)) {
        self.x0 = self.x0.min(x);
        self.y0 = self.y0.min(y);
        self.x1 = self.x1.max(x);
        self.y1 = self.y1.max(y);
    }
    fn empty() -> Extent {
        Extent {
            x0: f64::INFINITY,
            y0: f64::INFINITY,
            x1: f64::NEG_INFINITY,
            y1: f64::NEG_INFINITY,
        }
    }
    fn is_empty(&self) -> bool {
        !(self.x0 <= self.x1 && self.y0 <= self.y1)
    }
}

/// A region to fit the map to, with the projection to draw it in.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    /// As the legend and footer name it ("Europe", "NATO members").
    pub name: String,
    pub projection: Projection,
    pub extent: Extent,
    /// True for the whole world (no frame is drawn around it).
    pub world: bool,
}

/// A continent: its names, central meridian and longitude/latitude box.
struct Continent {
    name: &'static str,
    aliases: &'static [&'static str],
    lon0: f64,
    lon: (f64, f64),
    lat: (f64, f64),
}

const CONTINENTS: &[Continent] = &[
    Continent {
        name: "Europe",
        aliases: &["europe"],
        lon0: 15.0,
        lon: (-25.0, 45.0),
        lat: (34.0, 71.5),
    },
    Continent {
        name: "Asia",
        aliases: &["asia"],
        lon0: 90.0,
        lon: (25.0, 150.0),
        lat: (-11.0, 56.0),
    },
    Continent {
        name: "Africa",
        aliases: &["africa"],
        lon0: 15.0,
        lon: (-19.0, 52.0),
        lat: (-35.5, 38.0),
    },
    Continent {
        name: "the Americas",
        aliases: &["americas", "the americas", "america"],
        lon0: -85.0,
        lon: (-170.0, -32.0),
        lat: (-56.0, 73.0),
    },
    Continent {
        name: "North America",
        aliases: &["north america"],
        lon0: -100.0,
        lon: (-170.0, -52.0),
        lat: (7.0, 73.0),
    },
    Continent {
        name: "Latin America and the Caribbean",
        aliases: &[
            "latin america",
            "latin america and the caribbean",
            "south america",
        ],
        lon0: -70.0,
        lon: (-118.0, -34.0),
        lat: (-56.0, 33.0),
    },
    Continent {
        name: "Oceania",
        aliases: &["oceania"],
        lon0: 155.0,
        lon: (110.0, 195.0),
        lat: (-48.0, 12.0),
    },
    Continent {
        name: "the world",
        aliases: &["world", "the world"],
        lon0: 0.0,
        lon: (-180.0, 180.0),
        lat: (-56.0, 84.0),
    },
];

/// The names `--region` accepts besides groups.
pub fn continent_names() -> Vec<&'static str> {
    CONTINENTS.iter().map(|c| c.name).collect()
}

/// The projected box around a longitude/latitude box (its edges sampled, since meridians curve).
fn box_extent(p: &Projection, lon: (f64, f64), lat: (f64, f64)) -> Extent {
    let mut e = Extent::empty();
    for i in 0..=64 {
        let t = i as f64 / 64.0;
        let l = lon.0 + t * (lon.1 - lon.0);
        let f = lat.0 + t * (lat.1 - lat.0);
        for (a, b) in [(l, lat.0), (l, lat.1), (lon.0, f), (lon.1, f)] {
            // Relative longitude, so a box past 180° (Oceania) is not folded.
            e.add(super::project::equal_earth(a - p.lon0, b));
        }
    }
    e
}

/// The whole world (Antarctica left out), centred at 0°.
pub fn world() -> Fitted {
    let p = Projection::new(0.0);
    Fitted {
        name: "the world".into(),
        projection: p,
        extent: box_extent(&p, (-180.0, 180.0), (-56.0, 84.0)),
        world: true,
    }
}

/// A continent by name (case-insensitive, "the" optional), or None.
pub fn continent(name: &str) -> Option<Fitted> {
    let key = name.trim().to_lowercase();
    let c = CONTINENTS
        .iter()
        .find(|c| c.aliases.iter().any(|a| *a == key))?;
    if c.name == "the world" {
        return Some(world());
    }
    let p = Projection::new(c.lon0);
    Some(Fitted {
        name: c.name.to_string(),
        projection: p,
        extent: box_extent(&p, c.lon, c.lat),
        world: false,
    })
}

/// The extent of some economies: around each one's largest outline piece (or its point), under
/// the central meridian (every 10°) that gives the narrowest map. None when none of
/// them is drawable.
pub fn fit_codes(world: &World, name: &str, codes: &[String]) -> Option<Fitted> {
    let mut best: Option<Fitted> = None;
    // Every 10°: the narrowest map is the one centred on the members.
    for lon0 in (-18..18).map(|i| f64::from(i) * 10.0) {
        let p = Projection::new(lon0);
        let mut e = Extent::empty();
        for code in codes {
            let Some(s) = world.shape(code) else { continue };
            let mut largest: Option<(f64, Vec<(f64, f64)>)> = None;
            for poly in &s.polygons {
                for piece in p.polygon(&poly.rings) {
                    let a = ring_area(&piece[0]).abs();
                    if largest.as_ref().is_none_or(|(b, _)| a > *b) {
                        largest = Some((a, piece[0].clone()));
                    }
                }
            }
            match (largest, s.point) {
                (Some((_, ring)), _) => ring.iter().for_each(|&q| e.add(q)),
                (None, Some((lon, lat, _))) => e.add(p.point(lon, lat)),
                (None, None) => {}
            }
        }
        if e.is_empty() {
            return None;
        }
        let e = e.padded(0.04);
        if best
            .as_ref()
            .is_none_or(|b| e.width() < b.extent.width() - 1e-9)
        {
            best = Some(Fitted {
                name: name.to_string(),
                projection: p,
                extent: e,
                world: false,
            });
        }
    }
    best
}

/// Signed area of a ring (shoelace).
pub fn ring_area(ring: &[(f64, f64)]) -> f64 {
    let n = ring.len();
    (0..n)
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum::<f64>()
        / 2.0
}
