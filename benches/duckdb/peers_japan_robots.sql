-- innodex peers Japan ifr.robot_density: the 5 countries ranked just above and just below Japan
-- on robot density. DuckDB resolves 'Japan', takes Japan's latest value (latest publication of
-- its newest year), ranks every country's latest value from that same publication (aggregates
-- left out, highest first, rank(): ties share the lowest) and keeps the rows within 5 places.
WITH countries AS (SELECT iso3, name FROM read_csv('datasets/countries/countries.csv', all_varchar = true)),
target AS (
  SELECT iso3 FROM countries WHERE lower(name) = lower('Japan') OR lower(iso3) = lower('Japan')
  UNION SELECT code FROM read_csv('datasets/countries/aliases.csv', all_varchar = true)
  WHERE lower(alias) = lower('Japan')),
obs AS (
  SELECT iso3, year, value, published
  FROM read_csv('datasets/ifr/robot_density.csv',
       types = {'iso3': 'VARCHAR', 'year': 'INTEGER', 'value': 'DOUBLE', 'published': 'VARCHAR'})
  WHERE value IS NOT NULL AND iso3 IN (SELECT iso3 FROM countries)),
mine AS (
  SELECT * FROM obs WHERE iso3 IN (SELECT iso3 FROM target)
  ORDER BY year DESC, published DESC NULLS LAST LIMIT 1),
ranked AS (
  SELECT o.*, rank() OVER (ORDER BY o.value DESC) AS rank,
         row_number() OVER (ORDER BY o.value DESC, o.iso3) AS place
  FROM obs o JOIN mine m ON (CASE WHEN m.published IS NULL THEN o.year = m.year ELSE o.published = m.published END)
  QUALIFY row_number() OVER (PARTITION BY o.iso3 ORDER BY o.year DESC) = 1)
SELECT r.rank, r.iso3, c.name, r.value, r.year, r.iso3 IN (SELECT iso3 FROM target) AS is_country
FROM ranked r JOIN countries c USING (iso3)
WHERE abs(r.place - (SELECT place FROM ranked WHERE iso3 IN (SELECT iso3 FROM target))) <= 5
ORDER BY r.place;
