-- innodex countries --group NATO: NATO's members at the end of this year. DuckDB reads
-- memberships.csv, keeps NATO rows whose 'since' (a year or a date) is no later than this year
-- and whose 'until' is empty or not earlier, and joins countries.csv for the names.
SELECT c.iso3, c.iso2, c.name, c.wb_region, c.wb_income
FROM read_csv('datasets/countries/memberships.csv', all_varchar = true) m
JOIN read_csv('datasets/countries/countries.csv', all_varchar = true) c ON c.iso3 = m.iso3
WHERE m."group" = 'NATO'
  AND coalesce(CAST(left(m.since, 4) AS INTEGER), 0) <= year(current_date)
  AND (m."until" IS NULL OR CAST(left(m."until", 4) AS INTEGER) >= year(current_date))
ORDER BY c.name;
