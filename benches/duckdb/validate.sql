-- innodex validate: every declared indicator file ({indicator_files}) read with typed columns
-- (year an integer, value a number: a bad cell fails the read), then two checks: codes known
-- to neither countries.csv nor aggregates.csv, and more than one row per file, country, year
-- and publication. Prints the findings (none on the shipped data) and what was checked.
CREATE TEMP TABLE obs AS
SELECT filename, iso3, year, value, published
FROM read_csv({indicator_files}, union_by_name = true, filename = true,
              types = {'iso3': 'VARCHAR', 'year': 'INTEGER', 'value': 'DOUBLE', 'published': 'VARCHAR'});
CREATE TEMP TABLE known AS
SELECT iso3 AS code FROM read_csv('datasets/countries/countries.csv', all_varchar = true)
UNION SELECT code FROM read_csv('datasets/countries/aggregates.csv', all_varchar = true);
SELECT 'unknown country code' AS finding, filename, iso3, year, 1 AS rows
FROM obs WHERE iso3 NOT IN (SELECT code FROM known)
UNION ALL
SELECT 'duplicate', filename, iso3, year, count(*)
FROM obs GROUP BY filename, iso3, year, coalesce(published, '') HAVING count(*) > 1;
SELECT count(DISTINCT filename) AS indicators, count(*) AS observations FROM obs;
