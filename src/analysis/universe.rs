//! Which countries take part: all with a value, groups (judged at the value's year), listed
//! countries, aggregates on request, and `--within KIND` partitions.

use crate::catalog::countries::Countries;
use crate::error::{Error, Result};

/// The universe options shared by every command.
#[derive(Debug, Clone, Default)]
pub struct Universe {
    /// Group ids; a country in any of them takes part (the union).
    pub groups: Vec<String>,
    /// Country codes (already resolved).
    pub countries: Vec<String>,
    pub include_aggregates: bool,
    /// Rank inside each group of this kind (`wb-region`, `wb-income`, …).
    pub within: Option<String>,
}

impl Universe {
    /// Checks group ids and the `--within` kind against the catalog; normalises group ids.
    pub fn resolve(mut self, countries: &Countries) -> Result<Self> {
        let mut ids = Vec::new();
        for g in &self.groups {
            ids.push(countries.group(g)?.id.clone());
        }
        self.groups = ids;
        if let Some(kind) = &self.within {
            let kinds = countries.group_kinds();
            if !kinds.contains(kind) {
                return Err(Error::unknown(
                    "group kind",
                    kind,
                    kinds.iter().map(String::as_str),
                    "for --within",
                ));
            }
        }
        Ok(self)
    }

    /// Whether the universe is restricted to named groups or countries.
    pub fn is_restricted(&self) -> bool {
        !self.groups.is_empty() || !self.countries.is_empty()
    }

    /// Whether `iso3` takes part, for a value of `year` (group membership at the end of that year).
    pub fn admits(&self, countries: &Countries, iso3: &str, year: i32) -> bool {
        if countries.is_aggregate(iso3)
            && !self.include_aggregates
            && !self.countries.iter().any(|c| c == iso3)
        {
            return false;
        }
        if !self.is_restricted() {
            return true;
        }
        self.countries.iter().any(|c| c == iso3)
            || self
                .groups
                .iter()
                .filter_map(|g| countries.groups.get(g))
                .any(|g| g.member_in_year(iso3, year))
    }

    /// The countries the universe names, as of the end of `year`, sorted (empty when unrestricted).
    pub fn named_members(&self, countries: &Countries, year: i32) -> Vec<String> {
        let mut out: Vec<String> = self.countries.clone();
        for g in self.groups.iter().filter_map(|g| countries.groups.get(g)) {
            out.extend(
                g.all_members()
                    .into_iter()
                    .filter(|m| g.member_in_year(m, year)),
            );
        }
        out.sort();
        out.dedup();
        out
    }

    /// The group of kind `--within` that `iso3` belongs to in `year`, if any.
    pub fn within_group(&self, countries: &Countries, iso3: &str, year: i32) -> Option<String> {
        let kind = self.within.as_ref()?;
        countries
            .groups
            .values()
            .find(|g| &g.kind == kind && g.member_in_year(iso3, year))
            .map(|g| g.name.clone())
    }
}
