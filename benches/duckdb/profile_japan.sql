-- innodex profile Japan: for each headline indicator (GII rank, IFR robot density, Bloomberg
-- rank, R&D in current PPP dollars else constant 2015 PPP dollars, R&D % of GDP), Japan's latest
-- value, its year, and its rank among all countries (aggregates left out) with a value of the
-- same year, or of the same publication where the file dates its rows. DuckDB reads the six
-- files in one scan, resolves 'Japan' through countries.csv and aliases.csv, takes each
-- country's latest value (latest publication within a year), ranks each cohort in the
-- indicator's direction (rank() = ties share the lowest) and keeps, per headline row, the
-- first alternative Japan has a value for.
WITH spec(file, indicator, slot, alt, higher_is_better) AS (VALUES
  ('datasets/gii/rank.csv', 'gii.rank', 1, 1, false),
  ('datasets/ifr/robot_density.csv', 'ifr.robot_density', 2, 1, true),
  ('datasets/bii/rank.csv', 'bii.rank', 3, 1, false),
  ('datasets/msti/gerd_usd_current_ppp.csv', 'msti.gerd_usd_current_ppp', 4, 1, true),
  ('datasets/msti/gerd_usd_const2015_ppp.csv', 'msti.gerd_usd_const2015_ppp', 4, 2, true),
  ('datasets/msti/gerd_pct_gdp.csv', 'msti.gerd_pct_gdp', 5, 1, true)),
countries AS (SELECT iso3, name FROM read_csv('datasets/countries/countries.csv', all_varchar = true)),
target AS (
  SELECT iso3 FROM countries WHERE lower(name) = lower('Japan') OR lower(iso3) = lower('Japan')
  UNION SELECT code FROM read_csv('datasets/countries/aliases.csv', all_varchar = true)
  WHERE lower(alias) = lower('Japan')),
obs AS (
  SELECT spec.*, o.iso3, o.year, o.value, o.published
  FROM read_csv([
         'datasets/gii/rank.csv', 'datasets/ifr/robot_density.csv', 'datasets/bii/rank.csv',
         'datasets/msti/gerd_usd_current_ppp.csv', 'datasets/msti/gerd_usd_const2015_ppp.csv',
         'datasets/msti/gerd_pct_gdp.csv'],
       union_by_name = true, filename = true,
       types = {'iso3': 'VARCHAR', 'year': 'INTEGER', 'value': 'DOUBLE', 'published': 'VARCHAR'}) o
  JOIN spec ON spec.file = o.filename
  WHERE o.value IS NOT NULL AND o.iso3 IN (SELECT iso3 FROM countries)),
mine AS (
  SELECT * FROM obs WHERE iso3 IN (SELECT iso3 FROM target)
  QUALIFY row_number() OVER (PARTITION BY indicator ORDER BY year DESC, published DESC NULLS LAST) = 1),
cohort AS (
  SELECT o.*, m.iso3 AS who
  FROM obs o JOIN mine m ON o.indicator = m.indicator
   AND (CASE WHEN m.published IS NULL THEN o.year = m.year ELSE o.published = m.published END)
  QUALIFY row_number() OVER (PARTITION BY o.indicator, o.iso3 ORDER BY o.year DESC, o.published DESC NULLS LAST) = 1),
ranked AS (
  SELECT *,
         CASE WHEN higher_is_better THEN rank() OVER (PARTITION BY indicator ORDER BY value DESC)
              ELSE rank() OVER (PARTITION BY indicator ORDER BY value ASC) END AS rank,
         count(*) OVER (PARTITION BY indicator) AS "of"
  FROM cohort)
SELECT r.indicator, r.iso3, c.name, r.value, r.year, r.published, r.rank, r."of"
FROM ranked r JOIN countries c USING (iso3)
WHERE r.iso3 = r.who
QUALIFY row_number() OVER (PARTITION BY r.slot ORDER BY r.alt) = 1
ORDER BY r.slot;
