-- innodex compare JPN KOR SGP: the headline indicators (as in profile) for three countries,
-- one row per indicator and country: each country's latest value, its year, and its rank among
-- all countries (aggregates left out) with a value of the same year, or of the same publication
-- where the file dates its rows. DuckDB reads the six files in one scan, ranks each country's
-- own cohort in the indicator's direction (rank(): ties share the lowest), and for the R&D row
-- keeps the first alternative any of the three has a value for (one price basis per row).
WITH spec(file, indicator, slot, alt, higher_is_better) AS (VALUES
  ('datasets/gii/rank.csv', 'gii.rank', 1, 1, false),
  ('datasets/ifr/robot_density.csv', 'ifr.robot_density', 2, 1, true),
  ('datasets/bii/rank.csv', 'bii.rank', 3, 1, false),
  ('datasets/msti/gerd_usd_current_ppp.csv', 'msti.gerd_usd_current_ppp', 4, 1, true),
  ('datasets/msti/gerd_usd_const2015_ppp.csv', 'msti.gerd_usd_const2015_ppp', 4, 2, true),
  ('datasets/msti/gerd_pct_gdp.csv', 'msti.gerd_pct_gdp', 5, 1, true)),
wanted(pos, iso3) AS (VALUES (1, 'JPN'), (2, 'KOR'), (3, 'SGP')),
countries AS (SELECT iso3, name FROM read_csv('datasets/countries/countries.csv', all_varchar = true)),
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
  SELECT obs.*, w.pos FROM obs JOIN wanted w USING (iso3)
  QUALIFY row_number() OVER (PARTITION BY indicator, iso3 ORDER BY year DESC, published DESC NULLS LAST) = 1),
cohort AS (
  SELECT o.*, m.iso3 AS who, m.pos
  FROM obs o JOIN mine m ON o.indicator = m.indicator
   AND (CASE WHEN m.published IS NULL THEN o.year = m.year ELSE o.published = m.published END)
  QUALIFY row_number() OVER (PARTITION BY o.indicator, m.iso3, o.iso3 ORDER BY o.year DESC, o.published DESC NULLS LAST) = 1),
ranked AS (
  SELECT *,
         CASE WHEN higher_is_better THEN rank() OVER (PARTITION BY indicator, who ORDER BY value DESC)
              ELSE rank() OVER (PARTITION BY indicator, who ORDER BY value ASC) END AS rank,
         count(*) OVER (PARTITION BY indicator, who) AS "of"
  FROM cohort)
SELECT r.indicator, r.iso3, c.name, r.value, r.year, r.published, r.rank, r."of"
FROM ranked r JOIN countries c USING (iso3)
WHERE r.iso3 = r.who
QUALIFY r.alt = min(r.alt) OVER (PARTITION BY r.slot)
ORDER BY r.slot, r.pos;
