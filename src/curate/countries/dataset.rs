//! The `countries` dataset assembled: its metadata (publisher, licence, sources, notes) and
//! its six files in the layout `catalog::countries::Countries::load` reads.

use crate::catalog::countries::{
    AGGREGATES_FILE, ALIASES_FILE, AMBIGUOUS_FILE, COUNTRIES_FILE, GROUPS_FILE, MEMBERSHIPS_FILE,
};
use crate::catalog::metadata::DatasetMeta;
use crate::curate::{CsvOut, Dataset, RETRIEVED};

/// The rows of each file of the dataset.
pub(super) struct Tables {
    pub(super) countries: Vec<Vec<String>>,
    pub(super) aggregates: Vec<Vec<String>>,
    pub(super) aliases: Vec<Vec<String>>,
    pub(super) ambiguous: Vec<Vec<String>>,
    pub(super) groups: Vec<Vec<String>>,
    pub(super) memberships: Vec<Vec<String>>,
}

/// The dataset with its metadata and `notes`.
pub(super) fn dataset(tables: Tables, notes: Vec<String>) -> Dataset {
    let meta = DatasetMeta {
        id: "countries".into(),
        title: "Countries, aggregates, aliases and groups".into(),
        publisher: "ISO 3166 Maintenance Agency (via pycountry / Debian iso-codes); World Bank (CLASS FY25, OGHIST FY89–FY25); membership lists of NATO, OECD, EU, G7, G20; world-countries (mledoze)".into(),
        licence: "Mixed: ISO 3166-1 data as shipped in pycountry (LGPL-2.1-only); World Bank data CC BY 4.0; country_converter name variants (GPL-3); aliases from world-countries 5.1.0 ODbL-1.0 (attribution and share-alike for a redistributed database); membership facts from public pages".into(),
        attribution: "Sources: ISO 3166-1 (pycountry 26.2.16); World Bank country classification FY2025 and historical income classification FY89–FY25 (CC BY 4.0); world-countries 5.1.0 (ODbL-1.0)".into(),
        retrieved: RETRIEVED.into(),
        source_urls: vec![
            "https://pypi.org/project/pycountry/26.2.16/".into(),
            "https://datahelpdesk.worldbank.org/knowledgebase/articles/906519-world-bank-country-and-lending-groups".into(),
            "https://github.com/mledoze/countries".into(),
            "https://pypi.org/project/country-converter/1.3.2/".into(),
            "https://www.nato.int/cps/en/natohq/topics_49188.htm".into(),
            "https://www.nato.int/cps/en/natohq/topics_52044.htm".into(),
            "https://www.oecd.org/about/membersandpartners/".into(),
            "https://european-union.europa.eu/principles-countries-history/eu-countries_en".into(),
        ],
        notes,
        indicators: vec![],
        releases: vec![],
        vintages: vec![],
    };
    let csv = |name: &str, header: &[&str], rows: Vec<Vec<String>>| CsvOut {
        name: name.into(),
        header: header.iter().map(|s| s.to_string()).collect(),
        rows,
    };
    Dataset {
        meta,
        files: vec![
            csv(COUNTRIES_FILE.0, COUNTRIES_FILE.1, tables.countries),
            csv(AGGREGATES_FILE.0, AGGREGATES_FILE.1, tables.aggregates),
            csv(ALIASES_FILE.0, ALIASES_FILE.1, tables.aliases),
            csv(AMBIGUOUS_FILE.0, AMBIGUOUS_FILE.1, tables.ambiguous),
            csv(GROUPS_FILE.0, GROUPS_FILE.1, tables.groups),
            csv(MEMBERSHIPS_FILE.0, MEMBERSHIPS_FILE.1, tables.memberships),
        ],
    }
}
