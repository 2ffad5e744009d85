-- innodex datasets: per dataset, how many indicator files, how many countries and which years
-- have a value. DuckDB reads every indicator file declared in the dataset.toml files (the bench
-- substitutes the list for {indicator_files}), counts distinct countries and the year span per
-- dataset folder, and counts the rows of countries.csv for the countries dataset. (Titles,
-- publishers and licences live in dataset.toml, which DuckDB cannot read; they are left out.)
CREATE TEMP TABLE obs AS
SELECT filename, iso3, year, value
FROM read_csv({indicator_files}, union_by_name = true, filename = true,
              types = {'iso3': 'VARCHAR', 'year': 'INTEGER', 'value': 'DOUBLE'});
SELECT split_part(filename, '/', 2) AS id,
       count(DISTINCT filename) AS indicators,
       count(DISTINCT iso3) FILTER (WHERE value IS NOT NULL
                                    AND iso3 IN (SELECT iso3 FROM read_csv('datasets/countries/countries.csv'))) AS countries,
       min(year) FILTER (WHERE value IS NOT NULL) || '-' || max(year) FILTER (WHERE value IS NOT NULL) AS years
FROM obs
GROUP BY id
UNION ALL
SELECT 'countries', 0, count(*), NULL FROM read_csv('datasets/countries/countries.csv')
ORDER BY id;
