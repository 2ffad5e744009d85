//! The worked examples at the end of each command's `--help` (clap `after_help`). The
//! convention, which `tests/cli/help_examples.rs` enforces by running every one: a line
//! `Examples:`, then indented lines `  innodex …` (one plain command on the embedded data, at
//! most 100 columns) or `  # comment`; a blank line ends the block. Examples that need the
//! network go under `Examples (need the network):` and are parsed but not run. The examples of
//! one command run in order in one empty folder, so an example may use a file an earlier wrote.

pub const ROOT: &str = "\
Examples:
  innodex rank gii.score --top 10
  innodex profile Japan --as-of 2021-08-18
  # One saved analysis into a briefing folder, with README.md and manifest.json
  innodex run top-ten --out-dir brief/

Each command's --help ends with its own examples.";

pub const DATASETS: &str = "\
Examples:
  innodex datasets
  innodex datasets --format json";

pub const INDICATORS: &str = "\
Examples:
  # Every indicator of one dataset
  innodex indicators gii
  innodex indicators robot --format csv";

pub const COUNTRIES: &str = "\
Examples:
  innodex countries --group NATO --format csv
  # The G7 as it stood at the end of 2000
  innodex countries --group G7 --year 2000";

pub const GROUPS: &str = "\
Examples:
  innodex groups
  innodex groups --format markdown";

pub const RESOLVE: &str = "\
Examples:
  innodex resolve \"Korea, Rep.\" \"Chinese Taipei\" \"TÃ¼rkiye\"
  innodex resolve \"United States\" Korea USA";

pub const VALIDATE: &str = "\
Examples:
  innodex validate
  # A folder of your own: innodex's output imported back as dataset `mine`
  innodex rank wdi.rd_pct_gdp -o rd.csv
  innodex import rd.csv --dataset mine --data my-datasets/
  innodex validate --data my-datasets/";

pub const RANK: &str = "\
Examples:
  innodex rank gii.score --top 10
  # IFR robot density as it had been published on 18 August 2021
  innodex rank ifr.robot_density --as-of 2021-08-18 --top 3
  innodex rank gii.rank --group NATO --compare-year 2020
  innodex rank wdi.rd_pct_gdp --within wb-region --top 1 --format csv";

pub const PROFILE: &str = "\
Examples:
  innodex profile Japan --as-of 2021-08-18 --format markdown
  innodex profile KOR --strengths --n 3
  innodex profile Singapore --section gii --year 2025";

pub const COMPARE: &str = "\
Examples:
  innodex compare JPN KOR SGP --as-of 2021-08-18 -o compare.xlsx
  innodex compare JPN KOR --indicators gii.score,msti.gerd_pct_gdp --format csv
  innodex compare --group G7 --transpose";

pub const PEERS: &str = "\
Examples:
  innodex peers Japan ifr.robot_density --n 2
  innodex peers DEU gii.score --group EU";

pub const QUERIES: &str = "\
Examples:
  innodex queries
  innodex queries --format json";

pub const RUN: &str = "\
Examples:
  innodex run top-ten --out-dir brief/
  # Two at once; `innodex run --all --out-dir brief/` runs every shipped query
  innodex run top-ten gii-movement --out-dir brief/";

pub const IMPORT: &str = "\
Examples:
  # A CSV of your own: here innodex's own output, imported back as dataset `mine`
  innodex rank wdi.rd_pct_gdp -o rd.csv
  innodex import rd.csv --dataset mine --data my-datasets/ --unit \"% of GDP\"
  innodex rank mine.value --data my-datasets/ --top 5";

pub const CORRELATE: &str = "\
Examples:
  innodex correlate msti.gerd_pct_gdp ifr.robot_density
  innodex correlate wdi.gdp_per_capita_usd gii.score --log-x --format json
  innodex correlate msti.gerd_pct_gdp ifr.robot_density --pairs -o pairs.csv";

pub const CHART: &str = "\
Examples:
  innodex chart scatter msti.gerd_pct_gdp ifr.robot_density --fit -o rd-vs-robots.png
  innodex chart bar gii.score --group OECD --top 20 -o gii.svg";

pub const COMPLETIONS: &str = "\
Examples:
  # bash: add `source <(innodex completions bash)` to ~/.bashrc
  innodex completions bash -o innodex.bash
  # zsh: a file named _innodex in a folder on $fpath
  innodex completions zsh -o _innodex
  innodex completions fish -o innodex.fish";

pub const MAN: &str = "\
Examples:
  # Read it with: man ./innodex.1
  innodex man -o innodex.1
  innodex man --out-dir man/";

pub const CHART_SCATTER: &str = "\
Examples:
  innodex chart scatter msti.gerd_pct_gdp ifr.robot_density --fit -o rd-vs-robots.png
  innodex chart scatter wdi.gdp_per_capita_usd gii.score --log-x --highlight NATO -o gdp-gii.svg";

pub const CHART_BAR: &str = "\
Examples:
  innodex chart bar gii.score --group OECD --top 20 -o gii.svg
  # As it had been published on 18 August 2021
  innodex chart bar ifr.robot_density --as-of 2021-08-18 -o robots-2021.png";

pub const CHART_LINE: &str = "\
Examples:
  innodex chart line msti.gerd_pct_gdp --countries JPN,KOR,SGP -o rd.png
  innodex chart line wdi.rd_pct_gdp --countries \"United States,China\" -o rd-us-cn.svg";

pub const CHART_SLOPE: &str = "\
Examples:
  innodex chart slope gii.rank --from 2020 --to 2025 --countries JPN,KOR,SGP -o gii.png
  innodex chart slope gii.score --from 2013 --to 2025 --group G7 -o g7.svg";
